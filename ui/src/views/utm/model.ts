// Pure helpers for the UTM view: filtering, sorting, channel counts and small words. Each URL's
// status and the risk of its GA4 channel are the engine's verdicts, read from the report.
import { STATUS_RANK, type ChannelRisk, type InputUrl, type Status, type UrlReport } from "../../bindings";
import { toAppError } from "../../api";

/** What is wrong with where GA4 would put the click, if anything (decided by the engine). */
export function channelRisk(u: UrlReport): ChannelRisk | null {
  return u.ga4?.risk ?? null;
}

export type SortKey = "worst" | "input" | "url" | "channel";
export type StatusFilter = "all" | Status;

export type Row = { report: UrlReport; index: number; status: Status };

export function buildRows(urls: UrlReport[]): Row[] {
  return urls.map((report, index) => ({ report, index, status: report.status }));
}

export function filterAndSort(
  rows: Row[],
  opts: { status: StatusFilter; channel: string | null; query: string; sort: SortKey },
): Row[] {
  const q = opts.query.trim().toLowerCase();
  const out = rows.filter(
    (r) =>
      (opts.status === "all" || r.status === opts.status) &&
      (opts.channel === null || channelName(r.report) === opts.channel) &&
      (q === "" || r.report.url.toLowerCase().includes(q) || (r.report.corrected_url ?? "").toLowerCase().includes(q)),
  );
  const byIndex = (a: Row, b: Row) => a.index - b.index;
  switch (opts.sort) {
    case "worst":
      return out.sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || byIndex(a, b));
    case "url":
      return out.sort((a, b) => a.report.url.localeCompare(b.report.url) || byIndex(a, b));
    case "channel":
      return out.sort((a, b) => channelName(a.report).localeCompare(channelName(b.report)) || byIndex(a, b));
    default:
      return out.sort(byIndex);
  }
}

/** The GA4 channel name, or a placeholder for invalid URLs. */
export function channelName(u: UrlReport): string {
  return u.ga4?.preview.channel ?? "No channel (invalid URL)";
}

export type ChannelCount = { channel: string; count: number; risk: ChannelRisk | null };

/** URLs per GA4 channel, largest first. */
export function channelCounts(urls: UrlReport[]): ChannelCount[] {
  const map = new Map<string, ChannelCount>();
  for (const u of urls) {
    const channel = channelName(u);
    const entry = map.get(channel) ?? { channel, count: 0, risk: null };
    entry.count += 1;
    entry.risk = entry.risk === "unassigned" ? entry.risk : (channelRisk(u) ?? entry.risk);
    map.set(channel, entry);
  }
  return [...map.values()].sort((a, b) => b.count - a.count || a.channel.localeCompare(b.channel));
}

/** Spreadsheet column letters: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Non-empty, trimmed lines. */
export function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
}

export function errorMessage(e: unknown): string {
  return toAppError(e).message;
}

/** Reads a chosen file as bytes for Rust. */
export async function readBytes(file: File): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === "function") return new Uint8Array(await file.arrayBuffer());
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error("The file could not be read."));
    reader.readAsArrayBuffer(file);
  });
}

/** Copies text; returns false when the system clipboard is unavailable or refused. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export type UrlSourceKind = "paste" | "csv" | "sitemap";

export type ReviewList = { urls: InputUrl[]; origin: string };
