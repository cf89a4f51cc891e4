// The one list every input ends in: reviewed, trimmed, then checked.
import type { ReactNode } from "react";
import type { InputUrl } from "../../bindings";
import { plural } from "../../format";

const SHOWN = 300;

export function ReviewPanel(props: {
  urls: InputUrl[];
  origin: string;
  unit: "Line" | "Row" | "Entry";
  followRedirects: boolean;
  onFollowRedirects: (v: boolean) => void;
  busy: boolean;
  onCheck: () => void;
  /** Absent for pasted text, which is edited in its own box. */
  onRemove?: (index: number) => void;
  onEditAsText?: () => void;
  onTag: () => void;
  /** More settings for the check, shown above the redirect option. */
  options?: ReactNode;
}) {
  const { urls } = props;
  const unique = new Set(urls.map((u) => u.url)).size;
  return (
    <section className="card utm-review" aria-labelledby="utm-review-title" data-testid="utm-review">
      <div className="card-header">
        <h2 id="utm-review-title">URLs to check</h2>
        <span className="muted small">
          {urls.length === 0
            ? "None yet"
            : `${plural(urls.length, "URL", "URLs")}${unique < urls.length ? ` (${unique} different; repeats are checked once and counted)` : ""} from ${props.origin}`}
        </span>
      </div>
      {urls.length === 0 ? (
        <p className="muted small">Paste URLs, choose a CSV export or load a sitemap above. The URLs you can check appear here.</p>
      ) : (
        <>
          <ul className="page-list utm-review-list" data-testid="review-list">
            {urls.slice(0, SHOWN).map((u, i) => (
              <li key={`${i}-${u.url}`}>
                <span className="muted small utm-line-no">
                  {props.unit} {u.line}
                </span>
                <span className="url" title={u.url}>
                  {u.url}
                </span>
                {props.onRemove && (
                  <button className="icon-button" aria-label={`Leave out ${u.url}`} onClick={() => props.onRemove!(i)}>
                    ×
                  </button>
                )}
              </li>
            ))}
          </ul>
          {urls.length > SHOWN && <p className="muted small">…and {(urls.length - SHOWN).toLocaleString()} more, all checked.</p>}
          <div className="utm-review-links">
            {props.onEditAsText && (
              <button className="link-button small" onClick={props.onEditAsText}>
                Edit as text
              </button>
            )}
            <button className="link-button small" onClick={props.onTag}>
              Tag these pages in the template builder
            </button>
          </div>
        </>
      )}
      {props.options}
      <label className="utm-check-option">
        <input
          type="checkbox"
          data-testid="follow-redirects"
          checked={props.followRedirects}
          onChange={(e) => props.onFollowRedirects(e.target.checked)}
        />
        <span>
          <strong>Follow redirects</strong>
          <span className="muted small utm-block">
            Opens each URL once, as a visitor would, with test click ids (oppref, olref) added, to see whether your UTMs and OpenAI's
            click id survive every redirect. This sends one request per URL to the site
            {unique > 0 ? ` (${plural(unique, "request", "requests")})` : ""} and can take a few minutes for long lists.
          </span>
        </span>
      </label>
      <div className="row-end">
        <span className="muted small">Ctrl+Enter to check</span>
        <button className="button button-primary" data-testid="utm-check" disabled={urls.length === 0 || props.busy} onClick={props.onCheck}>
          {props.busy ? "Checking…" : unique > 0 ? `Check ${plural(unique, "URL", "URLs")}` : "Check"}
        </button>
      </div>
    </section>
  );
}
