// Every saved audit across clients, newest first, each with the engine's verdict and headline.
// Tick two audits of a client to compare them.
import { useEffect, useState } from "react";
import { api } from "../api";
import type { AuditListing } from "../bindings";
import { Badge, EmptyState, ErrorBanner } from "../components/Bits";
import { formatDate, madeBy, olderFirst } from "../format";
import { CompareView } from "./history/CompareView";
import { countsLine, readinessTone } from "./history/readiness";
import "./history/history.css";

export function AuditsView(props: { onOpenAudit: (id: number) => void; refreshKey: number }) {
  const [audits, setAudits] = useState<AuditListing[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<number[]>([]);
  const [comparing, setComparing] = useState<[number, number] | null>(null);
  useEffect(() => {
    api.listAudits(null).then(setAudits, (e) => setError(e.message));
  }, [props.refreshKey]);

  if (comparing)
    return <CompareView olderId={comparing[0]} newerId={comparing[1]} onBack={() => setComparing(null)} onOpenAudit={props.onOpenAudit} />;
  if (error) return <ErrorBanner message={error} />;
  if (!audits) return <p className="muted pad">Loading…</p>;
  if (audits.length === 0)
    return (
      <EmptyState title="No audits yet">
        Open a client, add its landing pages and run an audit. Every audit is saved here on this computer.
      </EmptyState>
    );

  const toggle = (id: number) =>
    setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));
  const chosen = audits.map((l) => l.audit).filter((a) => picked.includes(a.id));
  const sameClient = chosen.length === 2 && chosen[0].client_id === chosen[1].client_id;
  const compare = () => {
    if (chosen.length !== 2) return;
    const [older, newer] = olderFirst(chosen[0], chosen[1]);
    setComparing([older.id, newer.id]);
  };

  return (
    <div className="page-pad">
      <header className="detail-header">
        <h1>All audits</h1>
        <div className="header-actions">
          <span className="muted small" aria-live="polite">
            {chosen.length < 2
              ? "Tick two audits to compare them"
              : sameClient
                ? "Two audits picked"
                : "Pick two audits of the same client"}
          </span>
          <button className="button" data-testid="compare-picked" disabled={chosen.length !== 2 || !sameClient} onClick={compare}>
            Compare
          </button>
        </div>
      </header>
      <table className="data-table">
        <thead>
          <tr>
            <th>
              <span className="visually-hidden">Compare</span>
            </th>
            <th>Date</th>
            <th>Client</th>
            <th>Readiness</th>
            <th>Result</th>
          </tr>
        </thead>
        <tbody>
          {audits.map(({ audit: a, readiness: r }) => (
            <tr key={a.id} className="clickable" tabIndex={0} onClick={() => props.onOpenAudit(a.id)} onKeyDown={(e) => e.key === "Enter" && e.target === e.currentTarget && props.onOpenAudit(a.id)}>
              <td onClick={(e) => e.stopPropagation()}>
                <input
                  type="checkbox"
                  className="row-check"
                  checked={picked.includes(a.id)}
                  disabled={a.status === "running"}
                  onChange={() => toggle(a.id)}
                  aria-label={`Pick the audit of ${a.client_name ?? "no client"} on ${formatDate(a.started_at)} to compare`}
                  data-testid="audits-pick"
                />
              </td>
              <td>
                {formatDate(a.started_at)}
                {madeBy(a.created_by) && (
                  <div className="muted small" data-testid="audit-by">
                    {madeBy(a.created_by)}
                  </div>
                )}
              </td>
              <td>{a.client_name ?? "(no client)"}</td>
              <td>
                <Badge tone={readinessTone(r.state)} testId="audits-state">
                  {r.label}
                </Badge>
              </td>
              <td data-testid="audits-result">
                <div>{r.headline}</div>
                <div className="muted small">{countsLine(r.counts)}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
