// Words and small calculations the views share. Pure functions, unit tested.
import type { AuditSummary, Finding, RunStatus, Status, Verdict } from "./bindings";

export const VERDICT_LABEL: Record<Verdict, string> = {
  reachable: "Reachable",
  robots_blocked: "Blocked by robots.txt",
  blocked: "Blocked",
  challenged: "Challenged",
  rate_limited: "Rate limited",
  timeout: "Timed out",
  cloaked: "Different page for the bot",
  redirected_away: "Redirected away",
  unreachable: "Unreachable",
};

export type Tone = "good" | "warn" | "bad" | "neutral";

export function verdictTone(v: Verdict): Tone {
  if (v === "reachable") return "good";
  if (v === "cloaked") return "warn";
  return "bad";
}

export function statusTone(s: Status): Tone {
  switch (s) {
    case "pass":
      return "good";
    case "warn":
      return "warn";
    case "fail":
    case "error":
      return "bad";
    default:
      return "neutral";
  }
}

export const STATUS_LABEL: Record<Status, string> = {
  pass: "Pass",
  warn: "Warning",
  fail: "Fail",
  info: "Info",
  "not-applicable": "Not applicable",
  error: "Check error",
};

const STATUS_ORDER: Status[] = ["fail", "error", "warn", "info", "pass", "not-applicable"];

/** Findings worst first, keeping the engine's order among equals. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => STATUS_ORDER.indexOf(a.f.status) - STATUS_ORDER.indexOf(b.f.status) || a.i - b.i)
    .map(({ f }) => f);
}

export const RUN_STATUS_LABEL: Record<RunStatus, string> = {
  complete: "Complete",
  cancelled: "Stopped early",
  interrupted: "Interrupted",
  running: "Running",
};

/** A plain one-line verdict for a whole audit. */
export function auditHeadline(a: AuditSummary): string {
  if (a.status === "running") return `Running: ${a.pages_done} of ${a.page_count} pages checked`;
  if (a.status === "interrupted") return `Interrupted after ${a.pages_done} of ${a.page_count} pages`;
  const s = a.summary;
  if (!s) return `${a.pages_done} of ${a.page_count} pages checked`;
  if (s.pages === 0) return "No pages were checked";
  if (s.failing_pages === 0) return s.pages === 1 ? "The page is ready" : `All ${s.pages} pages are ready`;
  return `${s.failing_pages} of ${s.pages} ${s.pages === 1 ? "page has" : "pages have"} blocking problems`;
}

/** "25 Nov 2026, 14:05" in the user's time zone; the raw text if it is not a date. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
