// What the crawler got per page: refused pages first, since those are the ones whose ads cannot
// serve.
import { useState } from "react";
import type { PathSummary } from "../../bindings";
import { Badge } from "../../components/Bits";
import { sortPaths, statusMeaning, statusTone, formatLogTime } from "./logsFormat";

const FIRST_ROWS = 50;

export function PathTable({ paths, untracked, testId }: { paths: PathSummary[]; untracked: number; testId?: string }) {
  const [showAll, setShowAll] = useState(false);
  const sorted = sortPaths(paths);
  const rows = showAll ? sorted : sorted.slice(0, FIRST_ROWS);
  const hasHost = paths.some((p) => p.host);

  if (paths.length === 0) return <p className="muted small">No pages were requested.</p>;

  return (
    <>
      <div className="logs-table-wrap">
        <table className="data-table logs-table" data-testid={testId}>
          <thead>
            <tr>
              <th>Page</th>
              <th className="num">Requests</th>
              <th>Answers</th>
              <th>Latest answer</th>
              <th>Last visit</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p, i) => (
              <tr key={`${p.host ?? ""}|${p.path}|${i}`} className={p.last_refused ? "logs-row-bad" : undefined}>
                <td className="url">
                  {hasHost && p.host && <span className="muted">{p.host}</span>}
                  {p.path}
                </td>
                <td className="num">{p.requests.toLocaleString()}</td>
                <td>
                  <span className="logs-statuses">
                    {p.statuses.map((s) => (
                      <span key={s.status} title={statusMeaning(s.status)}>
                        <Badge tone={statusTone(s.status, s.refused)}>{s.status}</Badge>
                        <span className="small muted"> ×{s.count.toLocaleString()}</span>
                      </span>
                    ))}
                  </span>
                </td>
                <td>
                  <Badge tone={statusTone(p.last_status, p.last_refused)}>{p.last_status}</Badge>{" "}
                  <span className="small">{statusMeaning(p.last_status)}</span>
                </td>
                <td className="small">{formatLogTime(p.last_seen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sorted.length > FIRST_ROWS && (
        <div className="row-end">
          <button className="button button-small" onClick={() => setShowAll((s) => !s)}>
            {showAll ? `Show the first ${FIRST_ROWS}` : `Show all ${sorted.length.toLocaleString()} pages`}
          </button>
        </div>
      )}
      {untracked > 0 && (
        <p className="muted small">
          {untracked.toLocaleString()} more requests went to pages beyond the first 2,000; they are counted in the totals
          but not listed.
        </p>
      )}
    </>
  );
}
