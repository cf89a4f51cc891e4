// The client's earlier imports, newest first: open one, or delete it (with Undo in the toast).
import type { LogImportSummary } from "../../bindings";
import { formatDate, madeBy } from "../../format";

export function HistoryCard(props: {
  imports: LogImportSummary[] | null;
  openId: number | null;
  onOpen: (id: number) => void;
  onDelete: (item: LogImportSummary) => void;
}) {
  const { imports } = props;
  return (
    <div className="card logs-history" data-testid="log-history">
      <div className="card-header">
        <h3>Earlier imports</h3>
      </div>
      {imports === null ? (
        <p className="muted small">Loading…</p>
      ) : imports.length === 0 ? (
        <p className="muted small" data-testid="history-empty">
          No logs imported for this client yet. Each import is saved on this computer so you can compare over time.
        </p>
      ) : (
        <ul className="logs-history-list">
          {imports.map((item) => (
            <li key={item.id} className={item.id === props.openId ? "selected" : undefined}>
              <button
                className="logs-history-item"
                data-testid="history-item"
                aria-current={item.id === props.openId ? "true" : undefined}
                title="Open (Delete key removes it)"
                onClick={() => props.onOpen(item.id)}
                onKeyDown={(e) => {
                  if (e.key === "Delete") {
                    e.preventDefault();
                    props.onDelete(item);
                  }
                }}
              >
                <span className="logs-history-name">{item.file_name}</span>
                <span className="muted small">
                  {formatDate(item.imported_at)}
                  {madeBy(item.created_by) && <span data-testid="import-by"> · {madeBy(item.created_by)}</span>}
                </span>
              </button>
              <button
                className="icon-button"
                data-testid="history-delete"
                aria-label={`Delete the import of ${item.file_name} from ${formatDate(item.imported_at)}`}
                title="Delete"
                onClick={() => props.onDelete(item)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
