// A saved schedule in words: how often, which pages, when it runs next, how the last run went,
// and why it is paused (with the way to resume it).
import type { ScheduleStatus } from "../../bindings";
import { formatDate, plural } from "../../format";

/** "Next run 25 Nov 2026, 09:00", or that it is due now. */
export function nextRunLine(nextRunAt: string | null, now = Date.now()): string {
  if (!nextRunAt) return "";
  const at = Date.parse(nextRunAt);
  if (!Number.isNaN(at) && at <= now) return "Next run: due now (within a minute while Preflight is open)";
  return `Next run ${formatDate(nextRunAt)}`;
}

export function ScheduleSummary(props: {
  status: ScheduleStatus;
  onOpenAudit: (id: number) => void;
  onEdit: () => void;
  onResume: () => void;
  onRemove: () => void;
}) {
  const s = props.status;
  const pages = s.config.pages.choice === "all" ? "all pages" : plural(s.config.pages.urls.length, "chosen page", "chosen pages");
  const lastRunId = s.last_run_id;
  return (
    <div className="monitor-summary" data-testid="monitor-summary">
      <p>
        <strong data-testid="monitor-label">{s.label}</strong>
        <span className="muted">
          {" "}
          · {pages}
          {s.config.rendered ? " · also in a browser" : ""}
        </span>
      </p>
      {s.paused_reason ? (
        <div className="monitor-paused" role="status">
          <p className="warn-text small" data-testid="monitor-paused">
            Paused: {s.paused_reason}
          </p>
          <button type="button" className="button button-small" data-testid="monitor-resume" onClick={props.onResume}>
            Resume
          </button>
        </div>
      ) : (
        <p className="small" data-testid="monitor-next">
          {nextRunLine(s.next_run_at)}
        </p>
      )}
      <p className="small muted" data-testid="monitor-last">
        {s.last_run_at ? (
          <>
            Last run {formatDate(s.last_run_at)}
            {s.last_outcome ? `: ${s.last_outcome}` : ""}
            {lastRunId !== null && (
              <>
                {" "}
                <button type="button" className="link-button small" data-testid="monitor-open-last" onClick={() => props.onOpenAudit(lastRunId)}>
                  Open audit
                </button>
              </>
            )}
          </>
        ) : (
          "Not run yet."
        )}
      </p>
      <div className="monitor-actions">
        <button type="button" className="button" data-testid="monitor-edit" onClick={props.onEdit}>
          Edit
        </button>
        <button type="button" className="button button-danger-quiet" data-testid="monitor-remove" onClick={props.onRemove}>
          Remove
        </button>
      </div>
    </div>
  );
}
