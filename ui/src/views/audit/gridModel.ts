// The page grid's view: which rows show (search, verdict, problems) and in what order. The
// values, their words and the worst-first order come from the engine (`PageRow`, the label
// tables); this only chooses and orders rows.
import { GRID_COLUMNS, PIXEL_ANSWER_LABEL, ROBOTS_ANSWER_LABEL, UTM_ANSWER_LABEL, VERDICT_LABEL } from "../../bindings";
import type { GridColumn, PageRow, Verdict } from "../../bindings";

export { GRID_COLUMNS };

/** A cell's text, as the grid's CSV writes it ("" for nothing). */
export function cellText(row: PageRow, key: GridColumn): string {
  switch (key) {
    case "url":
      return row.url;
    case "title":
      return row.title ?? "";
    case "verdict":
      return VERDICT_LABEL[row.verdict];
    case "vendor":
      return row.vendor ?? "";
    case "robots":
      return ROBOTS_ANSWER_LABEL[row.robots];
    case "adsbot_status":
      return row.adsbot.text;
    case "browser_status":
      return row.browser.text;
    case "response_ms":
      return row.response_ms === null ? "" : String(row.response_ms);
    case "pixel":
      return PIXEL_ANSWER_LABEL[row.pixel];
    case "events":
      return row.events.join(", ");
    case "utm":
      return UTM_ANSWER_LABEL[row.utm];
    case "blocking":
      return String(row.blocking);
    case "warnings":
      return String(row.warnings);
  }
}

/** Columns sorted as numbers (missing values last); the others as text. */
const NUMERIC: GridColumn[] = ["adsbot_status", "browser_status", "response_ms", "blocking", "warnings"];

function numberOf(row: PageRow, key: GridColumn): number | null | undefined {
  switch (key) {
    case "adsbot_status":
      return row.adsbot.status;
    case "browser_status":
      return row.browser.status;
    case "response_ms":
      return row.response_ms;
    case "blocking":
      return row.blocking;
    case "warnings":
      return row.warnings;
    default:
      return undefined;
  }
}

export type Sort = { key: GridColumn; dir: "asc" | "desc" } | null;

export type GridFilter = { query: string; verdict: Verdict | "all"; problemsOnly: boolean };

export const NO_FILTER: GridFilter = { query: "", verdict: "all", problemsOnly: false };

export function hasProblems(row: PageRow): boolean {
  return row.blocking > 0 || row.warnings > 0;
}

/** The rows in view: filtered, then sorted (`null`: worst first, the engine's order). */
export function viewRows(rows: PageRow[], filter: GridFilter, sort: Sort): PageRow[] {
  const q = filter.query.trim().toLowerCase();
  const shown = rows.filter(
    (r) =>
      (filter.verdict === "all" || r.verdict === filter.verdict) &&
      (!filter.problemsOnly || hasProblems(r)) &&
      (q === "" || r.url.toLowerCase().includes(q) || (r.title ?? "").toLowerCase().includes(q)),
  );
  const byWorst = (a: PageRow, b: PageRow) => a.worst_first - b.worst_first;
  if (!sort) return shown.sort(byWorst);
  const sign = sort.dir === "asc" ? 1 : -1;
  const key = sort.key;
  const numeric = NUMERIC.includes(key);
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
  return shown.sort((a, b) => {
    let c: number;
    if (numeric) {
      const x = numberOf(a, key) ?? null;
      const y = numberOf(b, key) ?? null;
      // Missing values last, whichever the direction.
      if (x === null || y === null) c = x === y ? 0 : x === null ? 1 : -1;
      else c = sign * (x - y);
    } else {
      const x = cellText(a, key);
      const y = cellText(b, key);
      if (x === "" || y === "") c = x === y ? 0 : x === "" ? 1 : -1;
      else c = sign * collator.compare(x, y);
    }
    return c || byWorst(a, b);
  });
}
