// Pure helpers for the UTM view: per-URL status, channel warnings, sorting and small words.
import type { InputUrl, UrlReport } from "../../bindings";
import { toAppError } from "../../api";

export type UrlStatus = "fail" | "warn" | "pass";

/** The worst finding decides, as in the report summary: fail or error, then warn, else pass. */
export function urlStatus(u: UrlReport): UrlStatus {
  let status: UrlStatus = "pass";
  for (const f of u.findings) {
    if (f.status === "fail" || f.status === "error") return "fail";
    if (f.status === "warn") status = "warn";
  }
  return status;
}

export const URL_STATUS_LABEL: Record<UrlStatus, string> = { fail: "Fail", warn: "Warning", pass: "Pass" };
export const URL_STATUS_TONE = { fail: "bad", warn: "warn", pass: "good" } as const;

// Sources organic ChatGPT links carry; a paid click with them is counted as organic.
const ORGANIC_CHATGPT_SOURCES = new Set(["chatgpt.com", "chat.openai.com"]);
// Rules organic AI-assistant visits fall into (the AI Assistant channel, formerly Referral).
const ORGANIC_AI_RULES = new Set(["ai-assistant", "referral"]);

export type ChannelRisk = "unassigned" | "organic-mix" | null;

/** What is wrong with where GA4 would put the click, if anything. */
export function channelRisk(u: UrlReport): ChannelRisk {
  const ga4 = u.ga4;
  if (!ga4) return null;
  if (ga4.preview.rule_id === "unassigned") return "unassigned";
  if (
    ga4.inputs.from_referrer ||
    ORGANIC_AI_RULES.has(ga4.preview.rule_id) ||
    ORGANIC_CHATGPT_SOURCES.has(ga4.inputs.source.trim().toLowerCase())
  ) {
    return "organic-mix";
  }
  return null;
}

export type SortKey = "worst" | "input" | "url" | "channel";
export type StatusFilter = "all" | UrlStatus;

const RANK: Record<UrlStatus, number> = { fail: 0, warn: 1, pass: 2 };

export type Row = { report: UrlReport; index: number; status: UrlStatus };

export function buildRows(urls: UrlReport[]): Row[] {
  return urls.map((report, index) => ({ report, index, status: urlStatus(report) }));
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
      return out.sort((a, b) => RANK[a.status] - RANK[b.status] || byIndex(a, b));
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

export type ChannelCount = { channel: string; count: number; risk: ChannelRisk };

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
