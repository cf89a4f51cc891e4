// The check's answer: a summary, what is inconsistent across the set, where clicks land in GA4,
// then every URL. Long lists are shown a page at a time and passing URLs start closed.
import { useMemo, useState } from "react";
import { api } from "../../api";
import type { TrackingTemplates, UtmReport } from "../../bindings";
import { Badge } from "../../components/Bits";
import { useToast } from "../../components/Toast";
import { useKept } from "../../keep";
import { plural, sortFindings } from "../../format";
import { FindingItem } from "../../components/FindingItem";
import { channelTone } from "./ChannelInfo";
import { buildRows, channelCounts, errorMessage, filterAndSort, type SortKey, type StatusFilter } from "./model";
import { isTemplateFinding, LEVELS } from "./tracking";
import { UrlRow, type ExpandSignal } from "./UrlRow";

const PAGE = 100;

type Filters = { run: number; status: StatusFilter; channel: string | null; query: string; sort: SortKey; limit: number };

const freshFilters = (run: number): Filters => ({ run, status: "all", channel: null, query: "", sort: "worst", limit: PAGE });

export function Results(props: {
  report: UtmReport;
  followedRedirects: boolean;
  /** URLs whose redirects were followed before the check ended. */
  redirectsFollowed?: number;
  /** Following redirects was cancelled; the other URLs have only the checks made without opening them. */
  cancelled?: boolean;
  /** Which check this is: the filters belong to one check. */
  run: number;
  /** The tracking templates the URLs were checked with. */
  templates?: TrackingTemplates;
}) {
  const { report } = props;
  const s = report.summary;
  const toast = useToast();
  // The filters stay while the user is elsewhere; a new check starts them afresh.
  const [kept, setKept] = useKept<Filters>("utm:results-filters", () => freshFilters(props.run));
  const ours = (f: Filters) => (f.run === props.run ? f : freshFilters(props.run));
  const { status, channel, query, sort, limit } = ours(kept);
  const change = (next: (f: Filters) => Partial<Filters>) => setKept((f) => ({ ...ours(f), ...next(ours(f)) }));
  const setStatus = (v: StatusFilter) => change(() => ({ status: v }));
  const setChannel = (v: string | null) => change(() => ({ channel: v }));
  const setQuery = (v: string) => change(() => ({ query: v }));
  const setSort = (v: SortKey) => change(() => ({ sort: v }));
  const showMore = () => change((f) => ({ limit: f.limit + PAGE }));
  const firstPage = () => change(() => ({ limit: PAGE }));
  const [expand, setExpand] = useState<ExpandSignal>({ open: false, n: 0 });
  const [exporting, setExporting] = useState(false);

  const rows = useMemo(() => buildRows(report.urls), [report]);
  const channels = useMemo(() => channelCounts(report.urls), [report]);
  const shown = useMemo(() => filterAndSort(rows, { status, channel, query, sort }), [rows, status, channel, query, sort]);
  // Findings about the tracking templates arrive with the set's; each gets its own card.
  const setFindings = useMemo(() => sortFindings(report.set_findings.filter((f) => !isTemplateFinding(f.id))), [report]);
  const templateFindings = useMemo(() => sortFindings(report.set_findings.filter((f) => isTemplateFinding(f.id))), [report]);
  const usedTemplates = LEVELS.filter((l) => props.templates?.[l.id]);
  const setProblems = setFindings.filter((f) => f.status === "fail" || f.status === "warn").length;
  const templateProblems = templateFindings.filter((f) => f.status === "fail" || f.status === "warn").length;

  const exportCsv = async (saveAs: boolean) => {
    let path: string | null = null;
    try {
      if (saveAs) {
        path = await api.chooseSavePath("Save the UTM check as CSV", "utm-check.csv");
        if (path === null) return;
      }
      setExporting(true);
      const written = await api.exportUtmCsv(report, path);
      toast(`Saved the results to ${written}`);
    } catch (e) {
      toast(errorMessage(e), { tone: "error" });
    } finally {
      setExporting(false);
    }
  };

  const problems = s.urls_failing + s.urls_with_warnings;
  const headline =
    s.urls_failing > 0
      ? `${s.urls_failing} of ${plural(s.urls, "URL fails", "URLs fail")}: tracking will break`
      : s.urls_with_warnings > 0
        ? `${s.urls_with_warnings} of ${plural(s.urls, "URL needs", "URLs need")} attention`
        : s.urls === 1
          ? "The URL is tagged cleanly"
          : `All ${s.urls} URLs are tagged cleanly`;
  const filters: { id: StatusFilter; label: string; count: number }[] = [
    { id: "all", label: "All", count: s.urls },
    { id: "fail", label: "Failing", count: s.urls_failing },
    { id: "warn", label: "Warnings", count: s.urls_with_warnings },
    { id: "pass", label: "Passing", count: s.urls_clean },
  ];

  return (
    <section className="utm-results" aria-labelledby="utm-results-title" data-testid="utm-results">
      <div className={`verdict-hero ${s.urls_failing > 0 ? "hero-bad" : problems > 0 ? "utm-hero-warn" : "hero-good"}`}>
        <div>
          <h2 id="utm-results-title" className="hero-title" tabIndex={-1} data-testid="utm-headline">
            {headline}
          </h2>
          <div className="small">
            {props.followedRedirects && props.cancelled ? (
              <span data-testid="utm-cancelled-note">
                Cancelled: redirects were followed for {props.redirectsFollowed ?? 0} of {plural(s.urls, "URL", "URLs")}; the other{" "}
                {s.urls - (props.redirectsFollowed ?? 0)} were checked without opening them.
              </span>
            ) : props.followedRedirects ? (
              "Redirects were followed with test click ids."
            ) : (
              "Redirects were not followed."
            )}
            {setProblems > 0 && ` ${plural(setProblems, "inconsistency", "inconsistencies")} across the set.`}
            {templateProblems > 0 && ` ${plural(templateProblems, "problem", "problems")} in the tracking templates.`}
          </div>
        </div>
        <div className="hero-stats" data-testid="utm-summary">
          <Stat label="Failing" value={s.urls_failing} />
          <Stat label="Warnings" value={s.urls_with_warnings} />
          <Stat label="Passing" value={s.urls_clean} />
          <Stat label="URLs" value={s.urls} />
        </div>
      </div>

      <div className="toolbar utm-export">
        <span className="muted small">One row per URL with its problems, corrected URL and GA4 channel.</span>
        <div className="header-actions">
          <button className="button" data-testid="utm-export" disabled={exporting} onClick={() => void exportCsv(false)}>
            {exporting ? "Saving…" : "Export CSV"}
          </button>
          <button className="button" data-testid="utm-export-as" disabled={exporting} onClick={() => void exportCsv(true)}>
            Save as…
          </button>
        </div>
      </div>

      {(usedTemplates.length > 0 || templateFindings.length > 0) && (
        <section className="card" aria-labelledby="utm-templates-title" data-testid="template-findings">
          <div className="card-header">
            <h3 id="utm-templates-title">Tracking templates</h3>
            <span className="muted small">Checked with these templates; each URL below shows what a click opens</span>
          </div>
          {usedTemplates.length > 0 && (
            <dl className="utm-used-templates">
              {usedTemplates.map((l) => (
                <div key={l.id}>
                  <dt className="muted small">{l.label}</dt>
                  <dd>
                    <code className="url">{props.templates?.[l.id]}</code>
                  </dd>
                </div>
              ))}
            </dl>
          )}
          <ul className="finding-list">
            {templateFindings.map((f, i) => (
              <FindingItem key={`${f.id}-${i}`} finding={f} />
            ))}
          </ul>
        </section>
      )}

      {setFindings.length > 0 && (
        <section className="card" aria-labelledby="utm-set-title" data-testid="set-findings">
          <div className="card-header">
            <h3 id="utm-set-title">Across the whole set</h3>
            <span className="muted small">The same campaign should use one spelling of every value</span>
          </div>
          <ul className="finding-list">
            {setFindings.map((f, i) => (
              <FindingItem key={`${f.id}-${i}`} finding={f} />
            ))}
          </ul>
        </section>
      )}

      {channels.length > 0 && (
        <section className="card" aria-labelledby="utm-channels-title">
          <div className="card-header">
            <h3 id="utm-channels-title">Where clicks land in GA4</h3>
            <span className="muted small">Select a channel to show only its URLs</span>
          </div>
          <div className="utm-chips" data-testid="channel-counts">
            {channels.map((c) => (
              <button
                key={c.channel}
                className={`utm-chip ${channel === c.channel ? "active" : ""}`}
                aria-pressed={channel === c.channel}
                onClick={() => {
                  setChannel(channel === c.channel ? null : c.channel);
                  firstPage();
                }}
              >
                <Badge tone={channelTone(c.risk)}>{c.channel}</Badge>
                <span className="small">{c.count}</span>
              </button>
            ))}
          </div>
          {channels.some((c) => c.risk === "organic-mix") && (
            <p className="small utm-risk utm-risk-warn">Some paid clicks would be counted together with organic ChatGPT traffic.</p>
          )}
          {channels.some((c) => c.risk === "unassigned") && (
            <p className="small utm-risk utm-risk-bad">Some clicks would land in Unassigned and drop out of channel reports.</p>
          )}
        </section>
      )}

      <div className="utm-list-toolbar">
        <div className="segmented" role="group" aria-label="Show URLs">
          {filters.map((f) => (
            <button
              key={f.id}
              className={status === f.id ? "active" : ""}
              aria-pressed={status === f.id}
              onClick={() => {
                setStatus(f.id);
                firstPage();
              }}
            >
              {f.label} ({f.count})
            </button>
          ))}
        </div>
        <input
          className="utm-search"
          type="search"
          aria-label="Find a URL"
          placeholder="Find a URL"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            firstPage();
          }}
        />
        <label className="utm-sort small">
          <span className="muted">Sort</span>
          <select value={sort} onChange={(e) => setSort(e.target.value as SortKey)} aria-label="Sort URLs">
            <option value="worst">Worst first</option>
            <option value="input">As imported</option>
            <option value="url">URL A–Z</option>
            <option value="channel">GA4 channel</option>
          </select>
        </label>
        <span className="utm-expand">
          <button className="link-button small" onClick={() => setExpand((e) => ({ open: true, n: e.n + 1 }))}>
            Open all
          </button>
          <span className="muted"> · </span>
          <button className="link-button small" onClick={() => setExpand((e) => ({ open: false, n: e.n + 1 }))}>
            Close all
          </button>
        </span>
      </div>

      {channel && (
        <p className="small">
          Showing URLs that land in <strong>{channel}</strong>.{" "}
          <button className="link-button small" onClick={() => setChannel(null)}>
            Show every channel
          </button>
        </p>
      )}
      {shown.length === 0 ? (
        <p className="muted pad" data-testid="no-matching-urls">
          No URL matches these filters.
        </p>
      ) : (
        <ul className="utm-url-list" aria-label="Checked URLs">
          {shown.slice(0, limit).map((r) => (
            <UrlRow key={`${r.index}-${r.report.url}`} report={r.report} status={r.status} expand={expand} />
          ))}
        </ul>
      )}
      {shown.length > limit && (
        <div className="row-end">
          <span className="muted small">
            Showing {limit} of {shown.length}
          </span>
          <button className="button" onClick={() => showMore()}>
            Show {Math.min(PAGE, shown.length - limit)} more
          </button>
        </div>
      )}
    </section>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div className="stat">
      <div className="stat-value">{value}</div>
      <div className="stat-label">{label}</div>
    </div>
  );
}
