// Every page of an audit in one grid, worst first: sortable columns, search, verdict and
// problem filters, keyboard selection, and the view exported as CSV by the engine. Only the
// rows in sight are in the page, so thousands of pages stay quick.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { api, toAppError } from "../../api";
import type { GridColumn, PageRow, Verdict } from "../../bindings";
import { useToast } from "../../components/Toast";
import { plural, VERDICT_LABEL, verdictTone } from "../../format";
import { explain, suggestedFileName } from "../history/ExportPanel";
import { cellText, GRID_COLUMNS, hasProblems, NO_FILTER, viewRows, type GridFilter, type Sort } from "./gridModel";
import "./audit.css";

/** How OpenAI's reports on a page compare with the audit, as the grid marks it. */
export interface OpenAiMark {
  tone: "good" | "warn" | "bad";
  label: string;
}

/** Row height in pixels (fixed, so the rows in sight follow from the scroll position). */
export const ROW_HEIGHT = 32;
/** Height assumed when the grid's box has not been measured (hidden, or in tests). */
const FALLBACK_HEIGHT = 480;
/** Rows kept beyond each edge of the box so fast scrolling shows no gaps. */
const OVERSCAN = 8;

export function PageGrid(props: {
  auditId: number;
  /** For the name suggested by "Save as…". */
  clientName?: string | null;
  startedAt?: string;
  rows: PageRow[];
  selected: string | null;
  onSelect: (url: string) => void;
  onOpen: (url: string) => void;
  /** A mark per page where OpenAI reported on it (its ad review or its access log). */
  openAiMarks?: Map<string, OpenAiMark>;
}) {
  const [filter, setFilter] = useState<GridFilter>(NO_FILTER);
  const [sort, setSort] = useState<Sort>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(0);
  const [exporting, setExporting] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const toast = useToast();

  const view = useMemo(() => viewRows(props.rows, filter, sort), [props.rows, filter, sort]);
  const index = props.selected === null ? -1 : view.findIndex((r) => r.url === props.selected);
  const verdicts = useMemo(() => Object.keys(VERDICT_LABEL).filter((v) => props.rows.some((r) => r.verdict === v)) as Verdict[], [props.rows]);

  // A page selected from elsewhere (the checklist's evidence) is shown even when a filter hid it.
  useEffect(() => {
    if (props.selected !== null && index === -1 && props.rows.some((r) => r.url === props.selected)) setFilter(NO_FILTER);
  }, [props.selected, index, props.rows]);

  // Keep the selected row in sight.
  useEffect(() => {
    const el = box.current;
    if (!el || index < 0) return;
    const h = el.clientHeight || FALLBACK_HEIGHT;
    const top = index * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT * 2 > el.scrollTop + h) el.scrollTop = top + ROW_HEIGHT * 2 - h;
    setScrollTop(el.scrollTop);
  }, [index]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setHeight(el.clientHeight);
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const visible = height || FALLBACK_HEIGHT;
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(view.length, Math.ceil((scrollTop + visible) / ROW_HEIGHT) + OVERSCAN);

  const move = (to: number) => {
    if (view.length === 0) return;
    props.onSelect(view[Math.max(0, Math.min(view.length - 1, to))].url);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor(visible / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(index + 1),
      ArrowUp: () => move(index < 0 ? 0 : index - 1),
      PageDown: () => move(index + page),
      PageUp: () => move(index - page),
      Home: () => move(0),
      End: () => move(view.length - 1),
      Enter: () => index >= 0 && props.onOpen(view[index].url),
    };
    const run = keys[e.key];
    if (run) {
      e.preventDefault();
      run();
    }
  };

  const sortBy = (key: GridColumn) =>
    setSort((s) => (s && s.key === key ? { key, dir: s.dir === "asc" ? "desc" : "asc" } : { key, dir: "asc" }));

  // Without "Save as…", the file goes to the export folder under a readable name.
  const exportView = async (saveAs: boolean) => {
    let path: string | null = null;
    try {
      if (saveAs) {
        const name = suggestedFileName(props.clientName, props.startedAt ?? "", props.auditId, "csv").replace(/\.csv$/, " pages.csv");
        path = await api.chooseSavePath("Save the pages in view as CSV", name);
        if (path === null) return;
      }
      setExporting(true);
      const written = await api.exportPageGrid(
        props.auditId,
        view.map((r) => r.url),
        path,
      );
      toast(`Saved the ${plural(view.length, "page", "pages")} in view to ${written}`);
    } catch (e) {
      toast(explain(toAppError(e)), { tone: "error" });
    } finally {
      setExporting(false);
    }
  };

  const problems = props.rows.filter(hasProblems).length;

  return (
    <section className="card page-grid" aria-label="Pages">
      <div className="grid-toolbar">
        <input
          type="search"
          className="grid-search"
          placeholder="Search address or title"
          aria-label="Search pages by address or title"
          data-testid="grid-search"
          value={filter.query}
          onChange={(e) => setFilter({ ...filter, query: e.target.value })}
        />
        <select
          aria-label="Verdict"
          data-testid="grid-verdict"
          value={filter.verdict}
          onChange={(e) => setFilter({ ...filter, verdict: e.target.value as GridFilter["verdict"] })}
        >
          <option value="all">Every verdict</option>
          {verdicts.map((v) => (
            <option key={v} value={v}>
              {VERDICT_LABEL[v]}
            </option>
          ))}
        </select>
        <div className="segmented" role="group" aria-label="Show">
          <button className={!filter.problemsOnly ? "active" : ""} aria-pressed={!filter.problemsOnly} onClick={() => setFilter({ ...filter, problemsOnly: false })}>
            All pages
          </button>
          <button className={filter.problemsOnly ? "active" : ""} aria-pressed={filter.problemsOnly} onClick={() => setFilter({ ...filter, problemsOnly: true })} data-testid="grid-problems">
            Pages with problems ({problems})
          </button>
        </div>
        {sort && (
          <button className="link-button small" onClick={() => setSort(null)} data-testid="grid-worst-first">
            Worst first again
          </button>
        )}
        <span className="muted small grid-count" data-testid="grid-count">
          {view.length === props.rows.length ? plural(view.length, "page", "pages") : `${view.length} of ${plural(props.rows.length, "page", "pages")}`}
        </span>
        <button className="button button-small" onClick={() => void exportView(false)} disabled={exporting || view.length === 0} data-testid="grid-export">
          {exporting ? "Saving…" : "Export this view (CSV)"}
        </button>
        <button className="link-button small" onClick={() => void exportView(true)} disabled={exporting || view.length === 0} data-testid="grid-export-as">
          Save as…
        </button>
      </div>
      <div
        ref={box}
        className="grid-box"
        role="grid"
        aria-label="Pages, worst first unless sorted"
        aria-rowcount={view.length + 1}
        aria-activedescendant={index >= 0 ? `grid-row-${index}` : undefined}
        tabIndex={0}
        data-testid="page-grid"
        onKeyDown={onKeyDown}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div className="grid-row grid-head" role="row" aria-rowindex={1}>
          {GRID_COLUMNS.map((c) => {
            const sorted = sort?.key === c.key ? sort.dir : null;
            return (
              <div key={c.key} role="columnheader" className={`grid-cell col-${c.key}`} aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}>
                <button className="grid-sort" onClick={() => sortBy(c.key)} data-testid={`sort-${c.key}`}>
                  {c.label}
                  <span aria-hidden="true">{sorted === "asc" ? " ▲" : sorted === "desc" ? " ▼" : ""}</span>
                </button>
              </div>
            );
          })}
        </div>
        <div className="grid-body" style={{ height: view.length * ROW_HEIGHT }}>
          {view.slice(first, last).map((row, i) => {
            const at = first + i;
            const tone = verdictTone(row.verdict);
            return (
              <div
                key={row.url}
                id={`grid-row-${at}`}
                role="row"
                aria-rowindex={at + 2}
                aria-selected={at === index}
                className={`grid-row ${at === index ? "grid-selected" : ""}`}
                style={{ top: at * ROW_HEIGHT }}
                data-testid="page-row"
                data-url={row.url}
                onClick={() => props.onSelect(row.url)}
                onDoubleClick={() => props.onOpen(row.url)}
              >
                {GRID_COLUMNS.map((c) => {
                  const text = cellText(row, c.key);
                  const mark = c.key === "url" ? props.openAiMarks?.get(row.url) : undefined;
                  return (
                    <div
                      key={c.key}
                      role="gridcell"
                      className={`grid-cell col-${c.key} ${c.key === "verdict" ? `grid-tone-${tone}` : ""}`}
                      title={text}
                      data-testid={c.key === "verdict" ? "page-verdict" : undefined}
                    >
                      {mark && (
                        <span className={`grid-openai grid-openai-${mark.tone}`} title={mark.label} data-testid="grid-openai">
                          {mark.label}
                        </span>
                      )}
                      {text === "" ? <span className="muted">—</span> : text}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
        {view.length === 0 && <p className="muted pad">No page matches. Clear the search or the filters to see every page.</p>}
      </div>
    </section>
  );
}
