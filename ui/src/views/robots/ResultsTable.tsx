// One row per tested URL: allowed or blocked, the line that decided, the group used. A bad URL
// gets its plain message in its row. Choosing a row marks its line in the file.
import type { RobotsTest } from "../../bindings";
import { Badge } from "../../components/Bits";

export function ResultsTable({
  result,
  selected,
  onSelect,
}: {
  result: RobotsTest;
  selected: number;
  onSelect: (row: number) => void;
}) {
  return (
    <div className="robots-results">
      {result.source_note && <p className="robots-source-note">{result.source_note}</p>}
      <table className="data-table" data-testid="robots-results">
        <thead>
          <tr>
            <th>URL</th>
            <th>{result.agent}</th>
            <th>Deciding line</th>
            <th>Group used</th>
          </tr>
        </thead>
        <tbody>
          {result.rows.map((row, i) => (
            <tr
              key={i}
              className={`clickable robots-row ${i === selected ? "robots-row-selected" : ""}`}
              data-testid="robots-row"
              aria-selected={i === selected}
              onClick={() => onSelect(i)}
            >
              <td className="robots-url">
                <code>{row.input}</code>
              </td>
              {row.verdict ? (
                <>
                  <td>
                    <Badge tone={row.verdict.allowed ? "good" : "bad"}>{row.verdict.allowed ? "Allowed" : "Blocked"}</Badge>
                  </td>
                  <td>
                    <button
                      className="link-button"
                      onClick={(e) => {
                        e.stopPropagation();
                        onSelect(i);
                      }}
                    >
                      {row.decision}
                    </button>
                  </td>
                  <td className="small">{row.group}</td>
                </>
              ) : (
                <td colSpan={3} className="error-text">
                  {row.error}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {result.left_out > 0 && (
        <p className="muted small">
          {result.left_out} more URL{result.left_out === 1 ? " was" : "s were"} not tested: at most {result.rows.length} are tested at once.
        </p>
      )}
    </div>
  );
}
