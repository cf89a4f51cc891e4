// Page URLs from a sitemap, downloaded from the site or read from a file. A sitemap index read
// from a file lists its child sitemaps, which can then be downloaded.
import { api } from "../../api";
import type { InputIssue, InputUrl, Sitemap } from "../../bindings";
import { plural } from "../../format";
import { useKept } from "../../keep";
import { IssueList } from "./IssueList";
import { errorMessage, readBytes } from "./model";

// Same cap as a downloaded index, so a file never starts hundreds of downloads.
const MAX_CHILDREN = 50;

export function SitemapInput(props: { onLoaded: (sitemap: Sitemap | null, origin: string) => void }) {
  // Kept while the user is elsewhere, like the list it produced.
  const [url, setUrl] = useKept("utm:sitemap:url", "");
  const [busy, setBusy] = useKept<string | null>("utm:sitemap:busy", null);
  const [error, setError] = useKept<string | null>("utm:sitemap:error", null);
  const [result, setResult] = useKept<{ sitemap: Sitemap; origin: string } | null>("utm:sitemap:result", null);

  const done = (sitemap: Sitemap, origin: string) => {
    setResult({ sitemap, origin });
    props.onLoaded(sitemap.urls.length > 0 ? sitemap : null, origin);
  };

  const fromUrl = async () => {
    const target = url.trim();
    if (!target) return;
    setBusy("Downloading the sitemap…");
    setError(null);
    try {
      done(await api.importSitemapUrl(target), target);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const fromFile = async (f: File | undefined) => {
    if (!f) return;
    setBusy("Reading the file…");
    setError(null);
    try {
      done(await api.importSitemapFile(await readBytes(f)), f.name);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const readChildren = async (children: string[], origin: string) => {
    const urls: InputUrl[] = [];
    const issues: InputIssue[] = [];
    let notListed = 0;
    const todo = children.slice(0, MAX_CHILDREN);
    setError(null);
    for (let i = 0; i < todo.length; i++) {
      setBusy(`Downloading sitemap ${i + 1} of ${todo.length}…`);
      try {
        const s = await api.importSitemapUrl(todo[i]);
        urls.push(...s.urls);
        issues.push(...s.issues);
        notListed += s.issues_not_listed;
      } catch (e) {
        issues.push({ line: 0, text: todo[i], reason: errorMessage(e) });
      }
    }
    if (children.length > MAX_CHILDREN) {
      issues.push({ line: 0, text: origin, reason: `The index lists ${children.length} sitemaps; the first ${MAX_CHILDREN} were read.` });
    }
    setBusy(null);
    done({ kind: "url_set", urls, child_sitemaps: [], issues, issues_not_listed: notListed }, origin);
  };

  const s = result?.sitemap;
  return (
    <div>
      <label className="field-label" htmlFor="utm-sitemap-url">
        Sitemap address
      </label>
      <form
        className="utm-inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void fromUrl();
        }}
      >
        <input
          id="utm-sitemap-url"
          data-testid="utm-sitemap-url"
          placeholder="https://www.example.com/sitemap.xml"
          value={url}
          spellCheck={false}
          onChange={(e) => setUrl(e.target.value)}
        />
        <button className="button" data-testid="utm-sitemap-load" disabled={!url.trim() || busy !== null}>
          Download
        </button>
      </form>
      <label className="field-label" htmlFor="utm-sitemap-file">
        …or a sitemap file (.xml or .xml.gz)
      </label>
      <input id="utm-sitemap-file" data-testid="utm-sitemap-file" type="file" accept=".xml,.gz,.txt" onChange={(e) => void fromFile(e.target.files?.[0])} />
      <p className="muted small utm-hint">
        Useful to check which pages exist before you tag them. Sitemap pages usually carry no UTMs, so expect “missing” warnings: use
        the template builder to tag them.
      </p>
      {busy && <p className="muted small" aria-live="polite">{busy}</p>}
      {error && <p className="error-text small" role="alert">{error}</p>}
      {s && result && (
        <div aria-live="polite">
          <p className="small" data-testid="sitemap-count">
            {result.origin}: {plural(s.urls.length, "page", "pages")}
            {s.kind === "sitemap_index" ? `, an index of ${plural(s.child_sitemaps.length, "sitemap", "sitemaps")}` : ""}.
          </p>
          {s.kind === "sitemap_index" && s.child_sitemaps.length > 0 && (
            <div className="utm-callout">
              <p className="small">This is a sitemap index: the pages are in the sitemaps it lists.</p>
              <ul className="utm-child-list small">
                {s.child_sitemaps.slice(0, 10).map((c) => (
                  <li key={c} className="url">
                    {c}
                  </li>
                ))}
                {s.child_sitemaps.length > 10 && <li className="muted">…and {s.child_sitemaps.length - 10} more</li>}
              </ul>
              <button className="button" disabled={busy !== null} onClick={() => void readChildren(s.child_sitemaps, result.origin)}>
                Download {s.child_sitemaps.length > MAX_CHILDREN ? `the first ${MAX_CHILDREN}` : plural(s.child_sitemaps.length, "sitemap", "sitemaps")}
              </button>
            </div>
          )}
          <IssueList issues={s.issues} notListed={s.issues_not_listed} unit="Entry" testId="sitemap-issues" />
        </div>
      )}
    </div>
  );
}
