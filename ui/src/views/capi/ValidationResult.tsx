// What a Conversions API validation found: the answer in a sentence, each batch's verdict
// (rejected first), the findings with where they are, and how often each rule failed.
import { useMemo, useState } from "react";
import { STATUS_LABEL, STATUS_RANK, type CapiValidation, type Status } from "../../bindings";
import { Badge } from "../../components/Bits";
import { plural, type Tone } from "../../format";

/** Rows shown at once; the counts below cover every finding. */
const MAX_ROWS = 500;

export function statusTone(s: Status): Tone {
  if (s === "fail" || s === "error") return "bad";
  if (s === "warn") return "warn";
  if (s === "pass") return "good";
  return "neutral";
}

export function ValidationResult({ validation: v }: { validation: CapiValidation }) {
  const [filter, setFilter] = useState<Status | "all">("all");
  const batches = useMemo(
    () => [...v.batches].sort((a, b) => Number(a.accepted) - Number(b.accepted) || a.number - b.number),
    [v.batches],
  );
  const statuses = useMemo(() => {
    const seen = new Set(v.findings.map((f) => f.finding.status));
    return [...seen].sort((a, b) => STATUS_RANK[a] - STATUS_RANK[b]);
  }, [v.findings]);
  const shown = useMemo(() => v.findings.filter((f) => filter === "all" || f.finding.status === filter), [v.findings, filter]);
  const counts = useMemo(() => [...v.counts].sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || b.count - a.count), [v.counts]);

  return (
    <div className="capi-result" data-testid="capi-result">
      <p className={`capi-summary ${v.batches_rejected > 0 ? "capi-bad" : "capi-good"}`} data-testid="capi-summary">
        {v.summary}
      </p>
      <p className="muted small">
        {plural(v.events_checked, "event", "events")} in {plural(v.batches_total, "batch", "batches")} from{" "}
        {plural(v.files.length, "file", "files")}, judged against {v.sent_at}.
        {v.cancelled ? " Cancelled: only what was read until then is shown, and this check was not kept." : ""}
      </p>
      {v.keys_found > 0 && (
        <p className="error-text small" data-testid="capi-keys-found">
          {plural(v.keys_found, "key was", "keys were")} found in the files (shown masked). Remove keys from logs you share.
        </p>
      )}
      {v.files
        .filter((f) => f.message)
        .map((f) => (
          <p key={f.name} className="error-text small">
            {f.name}: {f.message}
          </p>
        ))}

      <h3 className="capi-subhead">Batches</h3>
      {batches.length === 0 ? (
        <p className="muted small">No request or event was found in the files.</p>
      ) : (
        <ul className="capi-batches" data-testid="capi-batches">
          {batches.map((b) => (
            <li key={b.number} className={b.accepted ? "capi-batch-ok" : "capi-batch-rejected"} data-testid="capi-batch">
              <div className="capi-batch-head">
                <Badge tone={b.accepted ? "good" : "bad"}>{b.accepted ? "Accepted" : "Rejected"}</Badge>
                <span className="capi-batch-label">{b.label}</span>
                <span className="muted small">
                  {plural(b.events, "event", "events")}
                  {b.events_failing > 0 ? `, ${b.events_failing} failing` : ""}
                  {b.response_status ? ` · answered ${b.response_status}` : ""}
                </span>
              </div>
              <p className="small capi-verdict">{b.verdict}</p>
            </li>
          ))}
        </ul>
      )}

      <div className="capi-findings-head">
        <h3 className="capi-subhead">Findings ({v.findings_total})</h3>
        {v.findings.length > 0 && (
          <label className="small">
            Show{" "}
            <select data-testid="capi-filter" value={filter} onChange={(e) => setFilter(e.target.value as Status | "all")}>
              <option value="all">All</option>
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABEL[s]}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {v.findings.length === 0 ? (
        <p className="muted small">Nothing to fix in these files.</p>
      ) : (
        <div className="capi-table-wrap">
          <table className="data-table capi-findings" data-testid="capi-findings">
            <thead>
              <tr>
                <th>Where</th>
                <th>Problem</th>
                <th>What to do</th>
              </tr>
            </thead>
            <tbody>
              {shown.slice(0, MAX_ROWS).map((f, i) => (
                <tr key={i} data-testid="capi-finding">
                  <td>
                    <div>
                      {f.file}
                      {f.line != null ? <span data-testid="capi-finding-line"> line {f.line}</span> : null}
                    </div>
                    <div className="muted small">
                      {f.event_index != null ? `event ${f.event_index} · ` : ""}
                      <code>{f.path}</code>
                    </div>
                  </td>
                  <td>
                    <Badge tone={statusTone(f.finding.status)}>{STATUS_LABEL[f.finding.status]}</Badge> {f.finding.title}
                  </td>
                  <td className="small">{f.finding.remedy || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown.length > MAX_ROWS && <p className="muted small">The first {MAX_ROWS} of {shown.length} are shown.</p>}
          {v.findings_total > v.findings.length && (
            <p className="muted small">
              {v.findings.length} of {v.findings_total} findings were kept with their place; the counts below cover all.
            </p>
          )}
        </div>
      )}

      {counts.length > 0 && (
        <>
          <h3 className="capi-subhead">By rule</h3>
          <ul className="capi-counts" data-testid="capi-counts">
            {counts.map((c) => (
              <li key={c.id} className="small">
                <Badge tone={statusTone(c.status)}>{c.count}</Badge> <code>{c.id}</code> <span className="muted">{c.example}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
