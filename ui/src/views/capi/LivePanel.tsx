// The optional live check: the client's Conversions API key (kept in the system keychain, never
// shown back), where requests go, and one request sent for validation only, on a click.
import { useEffect, useState } from "react";
import { api } from "../../api";
import type { AppError, CapiOverview, LiveAnswer } from "../../bindings";
import { Badge } from "../../components/Bits";

export function LivePanel(props: {
  clientId: number;
  overview: CapiOverview;
  paths: string[];
  pixelId: string;
  onPixelId: (id: string) => void;
  onChanged: () => void;
}) {
  const files = props.paths.map((p) => p.trim()).filter(Boolean);
  const [key, setKey] = useState("");
  const [endpoint, setEndpoint] = useState(props.overview.endpoint);
  const [file, setFile] = useState(files[0] ?? "");
  const [busy, setBusy] = useState<"key" | "endpoint" | "send" | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [answer, setAnswer] = useState<LiveAnswer | null>(null);

  useEffect(() => setEndpoint(props.overview.endpoint), [props.overview.endpoint]);

  const act = async (what: "key" | "endpoint" | "send", work: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    setNote(null);
    try {
      await work();
    } catch (e) {
      setError(e as AppError);
    } finally {
      setBusy(null);
    }
  };

  const saveKey = () =>
    act("key", async () => {
      const where = await api.capiSaveKey(props.clientId, key);
      setKey("");
      setNote(`The key is kept in ${where}.`);
      props.onChanged();
    });
  const removeKey = () =>
    act("key", async () => {
      await api.capiRemoveKey(props.clientId);
      setNote("The key was removed from the keychain.");
      props.onChanged();
    });
  const saveEndpoint = () =>
    act("endpoint", async () => {
      setEndpoint(await api.capiSetEndpoint(endpoint));
      props.onChanged();
    });
  const send = () =>
    act("send", async () => {
      setAnswer(null);
      setAnswer(await api.capiLiveCheck(props.clientId, props.pixelId, file));
    });

  return (
    <div className="capi-live" data-testid="capi-live">
      <h3 className="capi-subhead">
        Conversions API key{" "}
        <Badge tone={props.overview.has_key ? "good" : "neutral"} testId="capi-key-state">
          {props.overview.has_key ? "Kept" : "Not kept"}
        </Badge>
      </h3>
      <form
        className="capi-row"
        onSubmit={(e) => {
          e.preventDefault();
          void saveKey();
        }}
      >
        <input
          type="password"
          autoComplete="off"
          spellCheck={false}
          aria-label="Conversions API key"
          placeholder={props.overview.has_key ? "Paste a new key to replace the kept one" : "Paste the Conversions API key"}
          data-testid="capi-key"
          value={key}
          onChange={(e) => setKey(e.target.value)}
        />
        <button className="button button-primary" data-testid="capi-key-save" disabled={!key.trim() || busy !== null}>
          Save
        </button>
        {props.overview.has_key && (
          <button type="button" className="button" data-testid="capi-key-remove" disabled={busy !== null} onClick={() => void removeKey()}>
            Remove
          </button>
        )}
      </form>
      <p className="muted small">
        The key is kept in the system keychain of this computer, never in the database or an export, and is never shown
        here again.
      </p>

      <details className="capi-advanced">
        <summary className="small">Advanced: endpoint</summary>
        <form
          className="capi-row"
          onSubmit={(e) => {
            e.preventDefault();
            void saveEndpoint();
          }}
        >
          <input aria-label="Endpoint" data-testid="capi-endpoint" value={endpoint} spellCheck={false} onChange={(e) => setEndpoint(e.target.value)} />
          <button className="button" disabled={busy !== null}>
            Save
          </button>
        </form>
        <p className="muted small">Empty restores OpenAI's address.</p>
      </details>

      <h3 className="capi-subhead">Send for validation only</h3>
      <div className="capi-options">
        <label className="capi-option">
          <span className="field-label">File</span>
          {files.length > 0 ? (
            <select data-testid="capi-live-file" value={file} onChange={(e) => setFile(e.target.value)}>
              {files.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          ) : (
            <input data-testid="capi-live-file" value={file} placeholder="Path of a request body or JSON Lines file" spellCheck={false} onChange={(e) => setFile(e.target.value)} />
          )}
        </label>
        <label className="capi-option">
          <span className="field-label">Pixel ID</span>
          <input data-testid="capi-live-pixel" value={props.pixelId} spellCheck={false} autoComplete="off" onChange={(e) => props.onPixelId(e.target.value)} />
        </label>
      </div>
      <p className="muted small" data-testid="capi-live-note">
        Sends the first request of the chosen file (up to 1,000 events) to {props.overview.endpoint} with validate_only set:
        OpenAI checks it and records nothing. Nothing is sent until you press the button.
      </p>
      <div className="row-end">
        <button
          type="button"
          className="button button-primary"
          data-testid="capi-live-send"
          disabled={busy !== null || !file.trim() || !props.pixelId.trim() || !props.overview.has_key}
          title={!props.overview.has_key ? "Save the client's key first" : undefined}
          onClick={() => void send()}
        >
          {busy === "send" ? "Sending…" : "Send for validation only"}
        </button>
      </div>
      {note && (
        <p className="small" role="status" data-testid="capi-live-status">
          {note}
        </p>
      )}
      {error && (
        <p className="error-text small" role="alert" data-testid="capi-live-error">
          {error.message}
          {error.hint ? ` ${error.hint}` : ""}
        </p>
      )}
      {answer && (
        <div className="capi-answer" data-testid="capi-live-answer">
          <p className="small">
            <Badge tone={answer.accepted ? "good" : "bad"}>HTTP {answer.status}</Badge> {answer.url} ·{" "}
            {answer.events_sent} {answer.events_sent === 1 ? "event" : "events"} sent
          </p>
          <pre className="capi-pre">{answer.body}</pre>
        </div>
      )}
    </div>
  );
}
