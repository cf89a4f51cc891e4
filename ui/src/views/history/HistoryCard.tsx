// A client's audits over time: a small trend of the complete audits, one row per audit with the
// engine's verdict, headline and counts, and two audits picked to compare.
import { useState } from "react";
import type { AuditListing } from "../../bindings";
import { Badge } from "../../components/Bits";
import { formatDate, formatDay, madeBy, olderFirst, plural } from "../../format";
import { COUNT_LABEL, countsLine, readinessTone } from "./readiness";
import "./history.css";

export function HistoryCard(props: {
  audits: AuditListing[];
  onOpenAudit: (id: number) => void;
  onCompare: (olderId: number, newerId: number) => void;
}) {
  const [picked, setPicked] = useState<number[]>([]);
  const audits = props.audits;

  const toggle = (id: number) =>
    setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));

  const compare = () => {
    const chosen = audits.map((l) => l.audit).filter((a) => picked.includes(a.id));
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
            {audits.map(({ audit: a, readiness: r }) => {
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
                    <span>
                      {formatDate(a.started_at)}
                      {madeBy(a.created_by) && (
                        <span className="muted small audit-by" data-testid="audit-by">
                          {madeBy(a.created_by)}
                        </span>
                      )}
                    </span>
                    <span className="audit-headline">{r.headline}</span>
                    <span className="history-counts">{countsLine(r.counts)}</span>
                    <Badge tone={readinessTone(r.state)} testId="history-state">
                      {r.label}
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

/**
 * Pages OAI-AdsBot can use and pages with blocking problems, per complete audit, oldest on the
 * left. An audit that did not check every page is not plotted: its counts cover only the pages
 * it reached.
 */
export function Trend({ audits }: { audits: AuditListing[] }) {
  const complete = audits.filter((l) => l.readiness.state !== "partial");
  const skipped = audits.length - complete.length;
  const points = complete
    .slice(0, MAX_POINTS)
    .reverse()
    .map((l) => ({ date: l.audit.started_at, reachable: l.readiness.counts.reachable, blocking: l.readiness.counts.failing_pages }));
  if (points.length < 2) return null;
  const max = Math.max(1, ...points.map((p) => Math.max(p.reachable, p.blocking)));
  const x = (i: number) => PAD + (i * (W - 2 * PAD)) / (points.length - 1);
  const y = (v: number) => H - PAD - (v * (H - 2 * PAD)) / max;
  const line = (key: "reachable" | "blocking") => points.map((p, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(p[key]).toFixed(1)}`).join(" ");
  const first = points[0];
  const last = points[points.length - 1];
  const label =
    `Complete audits only. ${COUNT_LABEL.reachable}: ${plural(first.reachable, "page", "pages")} on ${formatDay(first.date)}, ` +
    `${plural(last.reachable, "page", "pages")} on ${formatDay(last.date)}. ` +
    `${COUNT_LABEL.failing_pages}: ${first.blocking}, then ${last.blocking}.` +
    (skipped > 0 ? ` ${plural(skipped, "partial audit is", "partial audits are")} not plotted.` : "");
  return (
    <figure className="history-figure" style={{ margin: 0 }}>
      <svg className="history-trend" viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={label} data-testid="history-trend">
        <line className="trend-axis" x1={PAD} x2={W - PAD} y1={H - PAD} y2={H - PAD} />
        <path className="trend-reachable" d={line("reachable")} vectorEffect="non-scaling-stroke" data-testid="trend-reachable" />
        <path className="trend-blocked" d={line("blocking")} vectorEffect="non-scaling-stroke" data-testid="trend-blocking" />
      </svg>
      <figcaption className="trend-legend">
        <span>
          <span className="trend-key trend-key-reachable" aria-hidden="true" />
          Pages {COUNT_LABEL.reachable}
        </span>
        <span>
          <span className="trend-key trend-key-blocked" aria-hidden="true" />
          {COUNT_LABEL.failing_pages}
        </span>
        <span>
          Complete audits, {formatDay(first.date)} to {formatDay(last.date)}
          {skipped > 0 ? ` (${plural(skipped, "partial audit", "partial audits")} not plotted)` : ""}
        </span>
      </figcaption>
    </figure>
  );
}
