// Correct sample requests for each event of the client's funnel, with the hashing of a test
// email shown step by step, and snippets that read oppref on the server.
import { useState } from "react";
import { api } from "../../api";
import type { AppError, Samples } from "../../bindings";

function Copy({ text, label }: { text: string; label: string }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      className="button button-small"
      aria-label={label}
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(
          () => {
            setDone(true);
            window.setTimeout(() => setDone(false), 1500);
          },
          () => undefined,
        );
      }}
    >
      {done ? "Copied" : "Copy"}
    </button>
  );
}

export function SamplesPanel(props: { clientId: number; pixelId: string; onPixelId: (id: string) => void }) {
  const [email, setEmail] = useState("test@example.com");
  const [samples, setSamples] = useState<Samples | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const build = async () => {
    setError(null);
    try {
      setSamples(await api.capiSamples(props.clientId, props.pixelId, email));
    } catch (e) {
      setError(e as AppError);
    }
  };

  return (
    <div className="capi-samples" data-testid="capi-samples">
      <form
        className="capi-options"
        onSubmit={(e) => {
          e.preventDefault();
          void build();
        }}
      >
        <label className="capi-option">
          <span className="field-label">Pixel ID</span>
          <input data-testid="capi-samples-pixel" value={props.pixelId} spellCheck={false} onChange={(e) => props.onPixelId(e.target.value)} />
        </label>
        <label className="capi-option">
          <span className="field-label">Test email</span>
          <input data-testid="capi-samples-email" value={email} spellCheck={false} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <div className="capi-option capi-option-end">
          <button className="button button-primary" data-testid="capi-samples-build">
            Show samples
          </button>
        </div>
      </form>
      <p className="muted small">One request per event of the client's funnel (a lead and an order when it has none).</p>
      {error && (
        <p className="error-text small" role="alert">
          {error.message}
        </p>
      )}
      {samples && (
        <>
          <h3 className="capi-subhead">Hashing the email</h3>
          <ol className="capi-steps small" data-testid="capi-hashing">
            <li>
              As typed: <code>{samples.hashing.input}</code>
            </li>
            <li>
              Trimmed and lower-cased: <code>{samples.hashing.normalised}</code>
            </li>
            <li>
              SHA-256, hex: <code className="capi-break">{samples.hashing.sha256}</code>
            </li>
          </ol>
          {samples.requests.map((r) => (
            <div key={r.event_type} className="capi-sample" data-testid="capi-sample">
              <div className="capi-sample-head">
                <h3 className="capi-subhead">{r.label}</h3>
                <span className="capi-copies">
                  <Copy text={r.body} label={`Copy the ${r.event_type} request body`} />
                  <Copy text={r.curl} label={`Copy the ${r.event_type} curl command`} />
                </span>
              </div>
              <pre className="capi-pre">{r.body}</pre>
              <details>
                <summary className="small">As a curl command</summary>
                <pre className="capi-pre">{r.curl}</pre>
              </details>
            </div>
          ))}
          <h3 className="capi-subhead">Reading oppref on the server</h3>
          {samples.snippets.map((s) => (
            <div key={s.language} className="capi-sample">
              <div className="capi-sample-head">
                <span className="small">{s.language}</span>
                <Copy text={s.code} label={`Copy the ${s.language} snippet`} />
              </div>
              <pre className="capi-pre">{s.code}</pre>
            </div>
          ))}
        </>
      )}
    </div>
  );
}
