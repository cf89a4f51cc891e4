// Words and small calculations for the access-log view. Pure functions, unit tested.
import type { AgentSummary, DaySummary, PathSummary, RangesOrigin, StatusClassCounts, StatusCount } from "../../bindings";
import { formatDate, type Tone } from "../../format";

/** How a client address compares with OpenAI's list. The generated bindings type
 * `AgentSummary.clients` with the app's ClientSummary (a name clash), so the real shape is
 * declared here and read through `agentAddresses`. */
export type AddressCheck = "in-ranges" | "outside-ranges" | "private-address" | "not-an-address" | "not-checked";
export type LogAddress = { address: string; check: AddressCheck; requests: number };

export function agentAddresses(agent: AgentSummary): LogAddress[] {
  return agent.clients as unknown as LogAddress[];
}

export const ADDRESS_CHECK_LABEL: Record<AddressCheck, string> = {
  "in-ranges": "OpenAI address",
  "outside-ranges": "Not OpenAI",
  "private-address": "Private network (proxy?)",
  "not-an-address": "Not an address",
  "not-checked": "Not checked",
};

export function addressTone(check: AddressCheck): Tone {
  if (check === "in-ranges") return "good";
  if (check === "outside-ranges") return "bad";
  if (check === "private-address" || check === "not-an-address") return "warn";
  return "neutral";
}

/** The tone of a status code. Whether it was a refusal (one that keeps the ad from serving) is
 * the engine's judgement, sent with each count as `refused`. */
export function statusTone(status: number, refused: boolean): Tone {
  if (refused) return "bad";
  if (status >= 200 && status < 300) return "good";
  if (status >= 400 && status < 500) return "warn";
  return "neutral";
}

/** Requests among these counts that the engine marked as refused. */
export function refusedCount(statuses: StatusCount[]): number {
  return statuses.reduce((n, s) => n + (s.refused ? s.count : 0), 0);
}

/** What a status meant for the crawler, in a few plain words. */
export function statusMeaning(status: number): string {
  if (status >= 200 && status < 300) return "got the page";
  if (status === 304) return "page unchanged since last visit";
  if (status >= 300 && status < 400) return "sent elsewhere (redirect)";
  if (status === 401) return "asked to log in";
  if (status === 403) return "refused (forbidden)";
  if (status === 406) return "refused (not acceptable)";
  if (status === 429) return "rate limited (too many requests)";
  if (status === 451) return "blocked for legal reasons";
  if (status === 404 || status === 410) return "page not found";
  if (status >= 500 && status < 600) return "server error";
  if (status >= 400 && status < 500) return "request rejected";
  return "unusual answer";
}

/** Pages whose latest visit was refused first, then pages refused at some point, then the
 * rest; the most refused and most requested first within each group. */
export function sortPaths(paths: PathSummary[]): PathSummary[] {
  const rank = (p: PathSummary) => (p.last_refused ? 0 : refusedCount(p.statuses) > 0 ? 1 : 2);
  return paths
    .map((p, i) => ({ p, i, rank: rank(p), refused: refusedCount(p.statuses) }))
    .sort((a, b) => a.rank - b.rank || b.refused - a.refused || b.p.requests - a.p.requests || a.i - b.i)
    .map(({ p }) => p);
}

export function refusedRequests(agent: AgentSummary): number {
  return refusedCount(agent.status_codes);
}

export type ClassKey = "success" | "redirect" | "client_error" | "server_error" | "other";

export const CLASS_ORDER: ClassKey[] = ["success", "redirect", "client_error", "server_error", "other"];

export const CLASS_LABEL: Record<ClassKey, string> = {
  success: "2xx page served",
  redirect: "3xx redirect",
  client_error: "4xx refused or not found",
  server_error: "5xx server error",
  other: "Other",
};

export function classCounts(c: StatusClassCounts): Record<ClassKey, number> {
  return {
    success: c.success,
    redirect: c.redirect,
    client_error: c.client_error,
    server_error: c.server_error,
    other: c.informational + c.other,
  };
}

export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return "";
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v >= 100 ? Math.round(v) : v.toFixed(1)} ${units[u]}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A `YYYY-MM-DD` day as "3 May 2026" (or "3 May" without the year). */
export function formatDay(day: string, withYear = true): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const month = MONTHS[Number(m[2]) - 1];
  if (!month) return day;
  return `${Number(m[3])} ${month}${withYear ? ` ${m[1]}` : ""}`;
}

/** A log timestamp as the log wrote it (its own time zone, not converted):
 * "3 May 2026, 14:05 (UTC+02:00)". Other text is returned as it is. */
export function formatLogTime(rfc3339: string | null | undefined): string {
  if (!rfc3339) return "";
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.exec(rfc3339);
  if (!m) return rfc3339;
  const zone = m[4] === "Z" || m[4] === "+00:00" || m[4] === "+0000" ? "UTC" : `UTC${m[4]}`;
  return `${formatDay(m[1])}, ${m[2]}:${m[3]} (${zone})`;
}

/** Whole days between two RFC 3339 times, counting both ends ("covers 7 days"). */
export function daysCovered(first: string | null, last: string | null): number | null {
  if (!first || !last) return null;
  const a = Date.parse(first.slice(0, 10));
  const b = Date.parse(last.slice(0, 10));
  if (Number.isNaN(a) || Number.isNaN(b)) return null;
  return Math.round((b - a) / 86_400_000) + 1;
}

/** Where OpenAI's address list came from, as one sentence with a tone. */
export function rangesOriginText(origin: RangesOrigin | null | undefined): { tone: Tone; text: string } {
  if (!origin) {
    return { tone: "neutral", text: "This import was saved without a note of where OpenAI's address list came from." };
  }
  switch (origin.kind) {
    case "downloaded":
      return { tone: "good", text: `OpenAI's address list was downloaded from ${origin.url} for this import.` };
    case "saved_copy": {
      const when = origin.saved_at ? `the saved copy from ${formatDate(origin.saved_at)}` : "a saved copy (date unknown)";
      return {
        tone: "warn",
        text: `OpenAI's address list could not be downloaded, so ${when} was used. Reason: ${origin.why_not_downloaded}`,
      };
    }
    case "local_file":
      return { tone: "good", text: `OpenAI's address list was read from the file you chose: ${origin.path}` };
    case "unavailable":
      return {
        tone: "warn",
        text: `Addresses were not checked: OpenAI's address list could not be had (${origin.reason}). Every request using OAI-AdsBot's name is counted as the bot, so fakes cannot be told apart.`,
      };
  }
}

/** Messages that mean the user stopped the import rather than something going wrong. */
export function isCancelled(code: string): boolean {
  return code === "cancelled" || code === "log_import_cancelled" || code === "log-import-cancelled";
}

/** Days with no requests filled in as zeros, so gaps show on a chart. Very long spans are
 * left as they are to keep the chart readable. */
export function fillDays(days: DaySummary[], maxSpan = 800): DaySummary[] {
  if (days.length < 2) return days;
  const toTime = (d: string) => Date.parse(`${d}T00:00:00Z`);
  const start = toTime(days[0].date);
  const end = toTime(days[days.length - 1].date);
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) return days;
  const span = Math.round((end - start) / 86_400_000) + 1;
  if (span > maxSpan || span <= days.length) return days;
  const byDate = new Map(days.map((d) => [d.date, d]));
  const out: DaySummary[] = [];
  for (let i = 0; i < span; i++) {
    const date = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
    out.push(
      byDate.get(date) ?? {
        date,
        requests: 0,
        status_classes: { informational: 0, success: 0, redirect: 0, client_error: 0, server_error: 0, other: 0 },
      },
    );
  }
  return out;
}
