// Every saved audit across clients, newest first.
import { useEffect, useState } from "react";
import { api } from "../api";
import type { AuditSummary } from "../bindings";
import { Badge, EmptyState, ErrorBanner } from "../components/Bits";
import { auditHeadline, formatDate, RUN_STATUS_LABEL } from "../format";

export function AuditsView(props: { onOpenAudit: (id: number) => void; refreshKey: number }) {
  const [audits, setAudits] = useState<AuditSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.listAudits(null).then(setAudits, (e) => setError(e.message));
  }, [props.refreshKey]);
  if (error) return <ErrorBanner message={error} />;
  if (!audits) return <p className="muted pad">Loading…</p>;
  if (audits.length === 0)
    return (
      <EmptyState title="No audits yet">
        Open a client, add its landing pages and run an audit. Every audit is saved here on this computer.
      </EmptyState>
    );
  return (
    <div className="page-pad">
      <h1>All audits</h1>
      <table className="data-table">
        <thead>
          <tr>
            <th>Date</th>
            <th>Client</th>
            <th>Result</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {audits.map((a) => (
            <tr key={a.id} className="clickable" tabIndex={0} onClick={() => props.onOpenAudit(a.id)} onKeyDown={(e) => e.key === "Enter" && props.onOpenAudit(a.id)}>
              <td>{formatDate(a.started_at)}</td>
              <td>{a.client_name ?? "(no client)"}</td>
              <td>{auditHeadline(a)}</td>
              <td>
                <Badge tone={a.status === "complete" ? "good" : "neutral"}>{RUN_STATUS_LABEL[a.status]}</Badge>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
