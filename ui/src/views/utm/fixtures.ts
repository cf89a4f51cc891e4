// Sample data shaped like the Rust side's answers, for tests.
import type { CsvImport, Finding, UrlReport, UtmCheck, UtmReport } from "../../bindings";

export const HOSTILE = '<img src=x onerror=alert(1)>';

export function finding(over: Partial<Finding> = {}): Finding {
  return {
    id: "utm-value-not-lowercase",
    area: "utm",
    status: "warn",
    severity: "medium",
    confidence: "high",
    title: "A UTM value has capitals",
    detail: "GA4 keeps the spelling, so reports split.",
    evidence: [{ label: "Corrected URL", value: "https://shop.example.com/?utm_source=chatgpt" }],
    remedy: "Lowercase every value.",
    ...over,
  };
}

export const warnUrl: UrlReport = {
  url: "https://shop.example.com/?utm_source=ChatGPT&utm_medium=cpc&utm_campaign=spring",
  occurrences: 2,
  findings: [finding()],
  status: "warn",
  corrected_url: "https://shop.example.com/?utm_source=chatgpt&utm_medium=cpc&utm_campaign=spring",
  ga4: {
    inputs: { source: "ChatGPT", medium: "cpc", campaign: "spring", from_referrer: false },
    preview: { channel: "Paid Other", rule_id: "paid-other", rule_words: "Medium contains “cp”, is “ppc” or “retargeting”, or starts with “paid”.", rule_text: "Medium matches ^(.*cp.*|ppc|retargeting|paid.*)$", inferred: false },
    risk: null,
  },
};

export const unassignedUrl: UrlReport = {
  url: "https://shop.example.com/ai?utm_source=chatgpt&utm_medium=ai&utm_campaign=spring",
  occurrences: 1,
  findings: [finding({ id: "utm-medium-unassigned", title: "The medium lands in Unassigned", remedy: "Use utm_medium=cpc." })],
  status: "warn",
  ga4: {
    inputs: { source: "chatgpt", medium: "ai", campaign: "spring", from_referrer: false },
    preview: { channel: "Unassigned", rule_id: "unassigned", rule_words: "Nothing matched", rule_text: "Nothing matched", inferred: false },
    risk: "unassigned",
  },
};

export const untaggedUrl: UrlReport = {
  url: "https://shop.example.com/plain",
  occurrences: 1,
  findings: [finding({ id: "utm-source-missing", title: "No utm_source", remedy: "Add utm_source=chatgpt." })],
  status: "warn",
  ga4: {
    inputs: { source: "chatgpt.com", medium: "ai-assistant", campaign: "(ai-assistant)", from_referrer: true },
    preview: { channel: "AI Assistant", rule_id: "ai-assistant", rule_words: "Medium = ai-assistant", rule_text: "Medium = ai-assistant", inferred: true },
    risk: "organic-mix",
  },
};

export const failUrl: UrlReport = {
  url: "https://shop.example.com/#utm_source=chatgpt",
  occurrences: 1,
  findings: [finding({ id: "utm-in-fragment", status: "fail", severity: "high", title: "UTMs after #", remedy: "Move them before the #." })],
  status: "fail",
  corrected_url: "https://shop.example.com/?utm_source=chatgpt",
  ga4: {
    inputs: { source: "", medium: "", campaign: "", from_referrer: true },
    preview: { channel: "AI Assistant", rule_id: "ai-assistant", rule_words: "Medium = ai-assistant", rule_text: "Medium = ai-assistant", inferred: true },
    risk: "organic-mix",
  },
};

export function passUrl(n: number): UrlReport {
  return {
    url: `https://shop.example.com/p${n}?utm_source=chatgpt&utm_medium=cpc&utm_campaign=spring`,
    occurrences: 1,
    findings: [finding({ id: "utm-tags-clean", status: "pass", title: "Tags are clean", remedy: "" })],
    status: "pass",
    ga4: {
      inputs: { source: "chatgpt", medium: "cpc", campaign: "spring", from_referrer: false },
      preview: { channel: "Paid Other", rule_id: "paid-other", rule_words: "Medium is paid", rule_text: "Medium matches the paid regex", inferred: false },
      risk: null,
    },
  };
}

export function report(urls: UrlReport[], setFindings: Finding[] = []): UtmReport {
  return {
    urls,
    set_findings: setFindings,
    summary: {
      urls: urls.length,
      urls_failing: urls.filter((u) => u.status === "fail").length,
      urls_with_warnings: urls.filter((u) => u.status === "warn").length,
      urls_clean: urls.filter((u) => u.status === "pass").length,
      set_findings_failing_or_warning: setFindings.filter((f) => f.status === "warn" || f.status === "fail").length,
    },
  };
}

export function csvImport(over: Partial<CsvImport> = {}): CsvImport {
  return {
    encoding: "utf8",
    delimiter: "comma",
    has_header: true,
    headers: ["Ad name", "Link"],
    candidates: [
      { index: 1, header: "Link", score: 0.42, header_score: 0.1, content_score: 0.55, samples: ["https://a.example/x"] },
      { index: 0, header: "Ad name", score: 0.05, header_score: 0, content_score: 0, samples: ["Spring ad"] },
    ],
    urls: [],
    issues: [],
    issues_not_listed: 0,
    rows: 3,
    empty_cells: 0,
    ...over,
  };
}

/** A check's answer: `report` with how far following redirects got. */
export function checked(r: UtmReport, over: Partial<Omit<UtmCheck, "report">> = {}): UtmCheck {
  return { report: r, redirects_followed: 0, cancelled: false, templates: {}, ...over };
}
