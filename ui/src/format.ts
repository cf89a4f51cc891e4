// Words and small calculations the views share. Pure functions, unit tested. Words and ranks
// the engine defines (finding statuses, page verdicts, how a run ended, checklist answers) come
// from the generated bindings; the views import them from here.
import { STATUS_LABEL, STATUS_RANK } from "./bindings";
import type { Finding, ItemStatus, Severity, Status, Verdict } from "./bindings";

export { ITEM_STATUS_LABEL, RUN_STATUS_LABEL, VERDICT_LABEL } from "./bindings";

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

/** Findings worst first (the engine's status rank), keeping the engine's order among equals. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => STATUS_RANK[a.f.status] - STATUS_RANK[b.f.status] || a.i - b.i)
    .map(({ f }) => f);
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

/** "12 Nov 2026" in the user's time zone; the raw text if it is not a date. */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" });
}

export function itemStatusTone(s: ItemStatus): Tone {
  if (s === "pass") return "good";
  if (s === "warn") return "warn";
  if (s === "fail") return "bad";
  return "neutral";
}

/** How bad a checklist status is, for sorting: fail first, pass last. */
export function itemStatusRank(s: ItemStatus | null | undefined): number {
  switch (s) {
    case "fail":
      return 0;
    case "warn":
      return 1;
    case "not_checked":
      return 2;
    case "pass":
      return 3;
    default:
      return 4;
  }
}

export const SEVERITY_LABEL: Record<Severity, string> = {
  none: "no severity",
  low: "low",
  medium: "medium",
  high: "high",
};

/** "Fail (high)" for a finding's status and severity. */
export function findingStateLabel(s: { status: Status; severity: Severity } | null): string {
  if (!s) return "absent";
  return s.severity === "none" ? STATUS_LABEL[s.status] : `${STATUS_LABEL[s.status]} (${SEVERITY_LABEL[s.severity]})`;
}

/** Two audits in time order: the one that started first, then the other. */
export function olderFirst<T extends { started_at: string; id: number }>(a: T, b: T): [T, T] {
  const ta = Date.parse(a.started_at);
  const tb = Date.parse(b.started_at);
  if (ta < tb || (ta === tb && a.id < b.id)) return [a, b];
  return [b, a];
}

/** "by Dana" for whoever made a record; empty when that was not recorded. */
export function madeBy(who: string | null | undefined): string {
  const name = who?.trim();
  return name ? `by ${name}` : "";
}
