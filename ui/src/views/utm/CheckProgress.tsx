// While a check runs. Following redirects opens every URL, so it shows which one (n of N) and
// offers Cancel, which keeps the URLs already followed.
import type { UtmProgress } from "../../bindings";
import { plural } from "../../format";

export function CheckProgress(props: {
  urlCount: number;
  followRedirects: boolean;
  progress: UtmProgress | null;
  cancelling: boolean;
  onCancel: () => void;
}) {
  const { progress } = props;
  const total = progress?.total ?? props.urlCount;
  const done = progress?.done ?? 0;
  return (
    <div className="card utm-busy" role="status" aria-live="polite" data-testid="utm-busy">
      {props.followRedirects ? (
        <div className="progress" aria-hidden="true">
          <div className="progress-fill" style={{ width: `${total > 0 ? Math.round((done / total) * 100) : 0}%` }} />
        </div>
      ) : (
        <div className="utm-indeterminate" aria-hidden="true">
          <div />
        </div>
      )}
      {props.followRedirects ? (
        <div className="row-end utm-progress-row">
          <p className="small" data-testid="utm-progress">
            {props.cancelling
              ? `Cancelling… ${plural(done, "URL was", "URLs were")} followed; the results keep them.`
              : progress?.url
                ? `Following redirects: ${Math.min(done + 1, total)} of ${total}`
                : `Following redirects of ${plural(total, "URL", "URLs")}…`}
            {!props.cancelling && progress?.url && (
              <span className="muted utm-block url" title={progress.url}>
                {progress.url}
              </span>
            )}
            <span className="muted utm-block">Each URL is opened to follow its redirects, which can take a few minutes.</span>
          </p>
          <button className="button" data-testid="utm-cancel" disabled={props.cancelling} onClick={props.onCancel}>
            {props.cancelling ? "Cancelling…" : "Cancel"}
          </button>
        </div>
      ) : (
        <p className="small">Checking {plural(props.urlCount || 1, "URL", "URLs")}…</p>
      )}
    </div>
  );
}
