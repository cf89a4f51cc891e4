// A client's audits over time: a small trend of reachable and blocked pages, one row per audit,
// and two audits picked to compare.
import { useState } from "react";
import type { AuditSummary } from "../../bindings";
import { Badge } from "../../components/Bits";
import { auditHeadline, formatDate, formatDay, olderFirst, plural, RUN_STATUS_LABEL } from "../../format";
import "./history.css";

export function HistoryCard(props: {
  audits: AuditSummary[];
  onOpenAudit: (id: number) => void;
  onCompare: (olderId: number, newerId: number) => void;
}) {
  const [picked, setPicked] = useState<number[]>([]);
  const audits = props.audits;

  const toggle = (id: number) =>
    setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));

  const compare = () => {
    const chosen = audits.filter((a) => picked.includes(a.id));
    if (chosen.length !== 2) return;
    const [older, newer] = olderFirst(chosen[0], chosen[1]);
    props.onCompare(older.id, newer.id);
  };

  return (
    <div className="card" data-testid="audit-history">
      <div className="card-header">
        <h2>Audit history</h2>
        {audits.length > 0 && <span className="muted small">{plural(audits.length, "audit", "audits")}</span>}
      </div>
      {audits.length === 0 ? (
        <p className="muted small">No audits yet. Results appear here and stay saved on this computer.</p>
      ) : (
        <>
          <Trend audits={audits} />
          <ul className="history-list">
            {audits.map((a) => {
              const s = a.summary;
              const isPicked = picked.includes(a.id);
              return (
                <li key={a.id} className={`history-row ${isPicked ? "picked" : ""}`}>
                  <input
                    type="checkbox"
                    checked={isPicked}
                    onChange={() => toggle(a.id)}
                    disabled={a.status === "running"}
                    aria-label={`Pick the audit of ${formatDate(a.started_at)} to compare`}
                    data-testid="history-pick"
                  />
                  <button className="audit-item with-counts" data-testid="audit-item" onClick={() => props.onOpenAudit(a.id)}>
                    <span>{formatDate(a.started_at)}</span>
                    <span className="audit-headline">{auditHeadline(a)}</span>
                    <span className="history-counts">
                      {s ? `${plural(s.pages, "page", "pages")} · ${s.reachable} reachable · ${s.pages - s.reachable} blocked` : ""}
                    </span>
                    <Badge tone={a.status === "complete" ? (s && s.failing_pages > 0 ? "bad" : "good") : "neutral"}>
                      {a.status === "complete" ? (s && s.failing_pages > 0 ? "Not ready" : "Ready") : RUN_STATUS_LABEL[a.status]}
                    </Badge>
                  </button>
                </li>
              );
            })}
          </ul>
          {audits.length > 1 && (
            <div className="history-actions">
              <span className="muted small" aria-live="polite">
                {picked.length === 2 ? "Two audits picked." : `Tick two audits to see what changed between them (${picked.length} of 2 picked).`}
              </span>
              <button className="button" data-testid="compare-picked" disabled={picked.length !== 2} onClick={compare}>
                Compare
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}

const W = 600;
const H = 90;
const PAD = 8;
const MAX_POINTS = 20;

/** Reachable and blocked pages per finished audit, oldest on the left. */
export function Trend({ audits }: { audits: AuditSummary[] }) {
  const points = audits
    .filter((a) => a.summary && a.status !== "running")
    .slice(0, MAX_POINTS)
    .reverse()
    .map((a) => ({ date: a.started_at, reachable: a.summary!.reachable, blocked: a.summary!.pages - a.summary!.reachable }));
  if (points.length < 2) return null;
  const max = Math.max(1, ...points.map((p) => Math.max(p.reachable, p.blocked)));
  const x = (i: number) => PAD + (i * (W - 2 * PAD)) / (points.length - 1);
  const y = (v: number) => H - PAD - (v * (H - 2 * PAD)) / max;
  const line = (key: "reachable" | "blocked") => points.map((p, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(p[key]).toFixed(1)}`).join(" ");
  const first = points[0];
  const last = points[points.length - 1];
  const label = `Reachable pages: ${first.reachable} on ${formatDay(first.date)}, ${last.reachable} on ${formatDay(last.date)}. Blocked pages: ${first.blocked}, then ${last.blocked}.`;
  return (
    <figure className="history-figure" style={{ margin: 0 }}>
      <svg className="history-trend" viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={label} data-testid="history-trend">
        <line className="trend-axis" x1={PAD} x2={W - PAD} y1={H - PAD} y2={H - PAD} />
        <path className="trend-reachable" d={line("reachable")} vectorEffect="non-scaling-stroke" />
        <path className="trend-blocked" d={line("blocked")} vectorEffect="non-scaling-stroke" />
      </svg>
      <figcaption className="trend-legend">
        <span>
          <span className="trend-key trend-key-reachable" aria-hidden="true" />
          Reachable pages
        </span>
        <span>
          <span className="trend-key trend-key-blocked" aria-hidden="true" />
          Blocked pages
        </span>
        <span>
          {formatDay(first.date)} to {formatDay(last.date)}
        </span>
      </figcaption>
    </figure>
  );
}
