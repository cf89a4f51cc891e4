// Reference: the Meta and Google events a site may already send, and the OpenAI event that
// measures the same step. Folded until opened.
import { useEffect, useState } from "react";
import { api } from "../../api";
import type { EventMapping } from "../../bindings";
import { platformLabel } from "./words";
import "./pixel.css";

export function MappingTable() {
  const [rows, setRows] = useState<EventMapping[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.eventMappingTable().then(
      (r) => live && setRows(r),
      (e) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, []);

  // Platforms in the order the table lists them.
  const groups: { platform: string; rows: EventMapping[] }[] = [];
  for (const row of rows ?? []) {
    const group = groups.find((g) => g.platform === row.platform);
    if (group) group.rows.push(row);
    else groups.push({ platform: row.platform, rows: [row] });
  }

  return (
    <details className="card mapping-card" data-testid="mapping-table">
      <summary className="mapping-summary">How Meta and Google events map to OpenAI</summary>
      <p className="muted small">
        When a page sends one of these events to Meta or Google, send the OpenAI event next to it so ChatGPT Ads can
        measure the same step. Where OpenAI has no standard equivalent, a custom event can be used.
      </p>
      {error && <p className="error-text small">The table could not be loaded: {error}</p>}
      {rows === null && !error && <p className="muted small">Loading…</p>}
      <div className="mapping-groups">
        {groups.map((g) => (
          <table key={g.platform} className="data-table pixel-table" data-testid="mapping-group">
            <caption className="mapping-caption">{platformLabel(g.platform)}</caption>
            <thead>
              <tr>
                <th scope="col">{platformLabel(g.platform)} event</th>
                <th scope="col">OpenAI event</th>
              </tr>
            </thead>
            <tbody>
              {g.rows.map((r, i) => (
                <tr key={`${r.event}-${i}`}>
                  <td>
                    <code>{r.event}</code>
                  </td>
                  <td>{r.openai ? <code>{r.openai}</code> : <span className="muted">no standard equivalent</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
    </details>
  );
}
