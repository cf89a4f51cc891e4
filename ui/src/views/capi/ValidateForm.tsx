// Choosing Conversions API files (several at once, or typed paths), the optional "sent at" and
// pixel ID, and checking them with a progress bar and Cancel.
import { useEffect, useRef, useState } from "react";
import { api, onCapiProgress } from "../../api";
import type { AppError, CapiProgress, CapiValidation } from "../../bindings";
import { ProgressBar } from "../../components/Bits";
import { formatBytes } from "../logs/logsFormat";

export function ValidateForm(props: {
  clientId: number;
  paths: string[];
  onPaths: (paths: string[]) => void;
  pixelId: string;
  onPixelId: (id: string) => void;
  onValidated: (v: CapiValidation) => void;
}) {
  const [sentAt, setSentAt] = useState("");
  const [running, setRunning] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [progress, setProgress] = useState<CapiProgress | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const runningRef = useRef(false);
  runningRef.current = running;

  useEffect(() => {
    let alive = true;
    const unlisten = Promise.resolve()
      .then(() =>
        onCapiProgress((p) => {
          if (alive && runningRef.current && p.client_id === props.clientId) setProgress(p);
        }),
      )
      .catch(() => undefined);
    return () => {
      alive = false;
      void unlisten.then((f) => f?.()).catch(() => {});
    };
  }, [props.clientId]);

  const text = props.paths.join("\n");
  const setText = (t: string) => props.onPaths(t.split("\n"));
  const chosen = props.paths.map((p) => p.trim()).filter(Boolean);

  const choose = async () => {
    try {
      const files = await api.chooseFiles("Choose Conversions API files", ["json", "jsonl", "ndjson", "log", "txt", "har"]);
      if (files && files.length > 0) props.onPaths([...chosen, ...files.filter((f) => !chosen.includes(f))]);
    } catch (e) {
      setError(e as AppError);
    }
  };

  const start = async () => {
    if (chosen.length === 0 || running) return;
    let sentAtMs: number | null = null;
    if (sentAt) {
      const ms = new Date(sentAt).getTime();
      if (Number.isNaN(ms)) {
        setError({ code: "invalid_input", message: "The “sent at” time is not a date and time." });
        return;
      }
      sentAtMs = ms;
    }
    setError(null);
    setProgress(null);
    setCancelling(false);
    setRunning(true);
    try {
      const v = await api.capiValidate(props.clientId, chosen, sentAtMs, props.pixelId.trim() || null);
      props.onValidated(v);
    } catch (e) {
      setError(e as AppError);
    } finally {
      setRunning(false);
    }
  };

  const cancel = () => {
    setCancelling(true);
    void Promise.resolve()
      .then(() => api.capiCancel(props.clientId))
      .catch(() => {});
  };

  return (
    <form
      className="capi-form"
      onSubmit={(e) => {
        e.preventDefault();
        void start();
      }}
    >
      <label className="field-label" htmlFor="capi-paths">
        Files to check
      </label>
      <div className="capi-file-row">
        <textarea
          id="capi-paths"
          data-testid="capi-paths"
          rows={Math.min(4, Math.max(2, props.paths.length))}
          value={text}
          spellCheck={false}
          disabled={running}
          placeholder="One path per line: events.jsonl, request.json, session.har"
          onChange={(e) => setText(e.target.value)}
        />
        <button type="button" className="button" data-testid="capi-choose" disabled={running} onClick={() => void choose()}>
          Choose files…
        </button>
      </div>
      <p className="muted small">Request bodies, event arrays, JSON Lines logs (one request or event per line) and HAR recordings.</p>
      <div className="capi-options">
        <label className="capi-option">
          <span className="field-label">
            Sent at <span className="muted">(optional)</span>
          </span>
          <input type="datetime-local" data-testid="capi-sent-at" value={sentAt} disabled={running} onChange={(e) => setSentAt(e.target.value)} />
        </label>
        <label className="capi-option">
          <span className="field-label">
            Pixel ID <span className="muted">(optional)</span>
          </span>
          <input data-testid="capi-pixel-id" value={props.pixelId} spellCheck={false} autoComplete="off" disabled={running} onChange={(e) => props.onPixelId(e.target.value)} />
        </label>
      </div>
      <p className="muted small">
        Timestamps must fall within the 7 days before the time the requests are sent (now, unless you say otherwise) and 10
        minutes after.
      </p>
      <div className="row-end">
        {running ? (
          <button type="button" className="button" data-testid="capi-cancel" disabled={cancelling} onClick={cancel}>
            {cancelling ? "Cancelling…" : "Cancel"}
          </button>
        ) : (
          <button className="button button-primary" data-testid="capi-validate" disabled={chosen.length === 0}>
            Check {chosen.length === 1 ? "file" : "files"}
          </button>
        )}
      </div>
      {running && (
        <div className="capi-progress" data-testid="capi-progress" aria-live="polite">
          <ProgressBar done={progress?.bytes_read ?? 0} total={progress?.total_bytes ?? 0} />
          <p className="muted small">
            {cancelling
              ? "Cancelling…"
              : progress
                ? `Reading ${progress.file}: ${formatBytes(progress.bytes_read)} of ${formatBytes(progress.total_bytes)}, ${progress.events} ${progress.events === 1 ? "event" : "events"} so far`
                : "Opening the files…"}
          </p>
        </div>
      )}
      {error && (
        <div className="error-banner" role="alert" data-testid="capi-error">
          <div>
            <div>{error.message}</div>
            {error.hint && <div className="small">{error.hint}</div>}
          </div>
        </div>
      )}
    </form>
  );
}
