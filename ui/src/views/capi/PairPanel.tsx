// Pairing the last checked file's server events with the pixel events an audit's journeys
// recorded: what OpenAI deduplicates, counts twice, or sees from one side only.
import { useEffect, useState } from "react";
import { api } from "../../api";
import type { AppError, AuditListing, PairingRecord } from "../../bindings";
import { formatDate, plural } from "../../format";

const SHOWN = 50;

export function PairPanel(props: {
  clientId: number;
  audits: AuditListing[];
  canPair: boolean;
  pixelId: string;
  pairing: { r: PairingRecord; at: string | null } | null;
  onPaired: (r: PairingRecord) => void;
}) {
  const [auditId, setAuditId] = useState<number | null>(props.audits[0]?.audit.id ?? null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    if (auditId === null || !props.audits.some((a) => a.audit.id === auditId)) setAuditId(props.audits[0]?.audit.id ?? null);
  }, [props.audits, auditId]);

  const pair = async () => {
    if (auditId === null) return;
    setBusy(true);
    setError(null);
    try {
      props.onPaired(await api.capiPair(props.clientId, auditId, props.pixelId.trim() || null));
    } catch (e) {
      setError(e as AppError);
    } finally {
      setBusy(false);
    }
  };

  const p = props.pairing?.r.pairing;
  return (
    <div className="capi-pair" data-testid="capi-pair">
      <p className="muted small">
        OpenAI counts a conversion once when the pixel and the server send the same event with the same event_id to the
        same pixel. Pairing compares the last checked file with the pixel events an audit's journeys recorded.
      </p>
      {props.audits.length === 0 ? (
        <p className="muted small">No audit yet: run an audit and record a journey through the funnel first.</p>
      ) : (
        <form
          className="capi-pair-row"
          onSubmit={(e) => {
            e.preventDefault();
            void pair();
          }}
        >
          <select aria-label="Audit to pair with" data-testid="capi-pair-audit" value={auditId ?? ""} onChange={(e) => setAuditId(Number(e.target.value))}>
            {props.audits.map((a) => (
              <option key={a.audit.id} value={a.audit.id}>
                Audit {a.audit.id}, {formatDate(a.audit.started_at)}
              </option>
            ))}
          </select>
          <button className="button button-primary" data-testid="capi-pair-run" disabled={busy || auditId === null}>
            {busy ? "Pairing…" : "Pair with audit"}
          </button>
        </form>
      )}
      {!props.canPair && props.audits.length > 0 && (
        <p className="muted small">Check a Conversions API file first (Check files); pairing uses the events it read.</p>
      )}
      {error && (
        <p className="error-text small" role="alert" data-testid="capi-pair-error">
          {error.message}
          {error.hint ? ` ${error.hint}` : ""}
        </p>
      )}
      {p && props.pairing && (
        <div className="capi-pair-result" data-testid="capi-pair-result">
          <p className="capi-summary">{p.summary}</p>
          <p className="muted small">
            {props.pairing.r.against}
            {props.pairing.at ? `, paired ${formatDate(props.pairing.at)}` : ""}.
          </p>
          <dl className="capi-pair-counts">
            <div>
              <dt>Deduplicated</dt>
              <dd data-testid="capi-dedup">{p.deduplicated_total}</dd>
            </div>
            <div>
              <dt>Counted twice</dt>
              <dd data-testid="capi-double">{p.expected_double_count}</dd>
            </div>
            <div>
              <dt>Browser only</dt>
              <dd>{p.pixel_only_total}</dd>
            </div>
            <div>
              <dt>Server only</dt>
              <dd>{p.server_only_total}</dd>
            </div>
            <div>
              <dt>Pixel events without event_id</dt>
              <dd>{p.pixel_without_id}</dd>
            </div>
          </dl>
          {p.near_misses.length > 0 && (
            <>
              <h3 className="capi-subhead">Near misses ({p.near_misses_total})</h3>
              <ul className="capi-list">
                {p.near_misses.slice(0, SHOWN).map((m, i) => (
                  <li key={i} className="small">
                    <div>{m.explanation}</div>
                    <div className="muted">
                      Pixel: {m.pixel.event_type} <code>{m.pixel.event_id ?? "no event_id"}</code> ({m.pixel.seen_in}) · Server:{" "}
                      {m.server.event_type} <code>{m.server.id}</code> ({m.server.seen_in})
                    </div>
                  </li>
                ))}
              </ul>
            </>
          )}
          {p.server_only.length > 0 && (
            <details>
              <summary className="small">Server only ({plural(p.server_only_total, "event", "events")})</summary>
              <ul className="capi-list">
                {p.server_only.slice(0, SHOWN).map((s, i) => (
                  <li key={i} className="small">
                    {s.event_type} <code>{s.id}</code> <span className="muted">{s.seen_in}</span>
                  </li>
                ))}
              </ul>
            </details>
          )}
          {p.pixel_only.length > 0 && (
            <details>
              <summary className="small">Browser only ({plural(p.pixel_only_total, "event", "events")})</summary>
              <ul className="capi-list">
                {p.pixel_only.slice(0, SHOWN).map((s, i) => (
                  <li key={i} className="small">
                    {s.event_type} <code>{s.event_id ?? "no event_id"}</code> <span className="muted">{s.seen_in}</span>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </div>
  );
}
