// Sample data for the view tests.
import type {
  AuditListing,
  AuditReport,
  AuditSummary,
  Checklist,
  ClientStatus,
  Comparison,
  Finding,
  PageReport,
  Readiness,
  Summary,
} from "../../bindings";

export const HOSTILE = "<img src=x onerror=alert(1)>";

export function finding(over: Partial<Finding> = {}): Finding {
  return {
    id: "pixel-missing",
    area: "pixel",
    status: "fail",
    severity: "high",
    confidence: "high",
    title: "No OpenAI pixel found",
    detail: "Conversions cannot be measured.",
    evidence: [],
    remedy: "Install the pixel.",
    ...over,
  };
}

export function page(over: Partial<PageReport> = {}): PageReport {
  return {
    url: "https://shop.example.com/sale",
    verdict: "reachable",
    verdict_confidence: "high",
    verdict_reason: "OAI-AdsBot got the page.",
    vendor: null,
    robots: null,
    params_survive: true,
    findings: [finding()],
    fetches: [],
    robots_fetch: null,
    params_fetch: null,
    ...over,
  };
}

export function report(over: Partial<AuditReport> = {}): AuditReport {
  return {
    schema_version: 1,
    generator: "preflight",
    started_at: "2026-11-25T10:00:00Z",
    finished_at: "2026-11-25T10:01:00Z",
    status: "complete",
    summary: { pages: 1, reachable: 1, failing_pages: 1, failing_findings: 1, warnings: 0, by_verdict: { reachable: 1 } },
    pages: [page()],
    limits: ["A lab check cannot see your ad account."],
    journeys: [],
    ...over,
  };
}

export function summary(over: Partial<AuditSummary> = {}): AuditSummary {
  return {
    id: 7,
    client_id: 1,
    client_name: "Acme",
    status: "complete",
    started_at: "2026-11-25T10:00:00Z",
    finished_at: "2026-11-25T10:01:00Z",
    page_count: 2,
    pages_done: 2,
    summary: { pages: 2, reachable: 1, failing_pages: 1, failing_findings: 1, warnings: 0, by_verdict: { reachable: 1, blocked: 1 } },
    ...over,
  };
}

export function checklist(over: Partial<Checklist> = {}): Checklist {
  return {
    ready: false,
    blocking_pages: 1,
    items: [
      {
        id: "reachability",
        title: "OAI-AdsBot reaches every landing page",
        status: "fail",
        passed: 1,
        checked: 2,
        summary: "1 page is blocked.",
        evidence: [{ url: "https://shop.example.com/blocked", finding_id: "waf-blocks-adsbot", reason: "Blocked by Cloudflare", blocking: true }],
      },
      {
        id: "pixel",
        title: "The pixel is installed with the events the funnel needs",
        status: "warn",
        passed: 1,
        checked: 1,
        summary: "The purchase event is missing.",
        evidence: [{ url: "https://shop.example.com/sale", finding_id: "pixel-missing", reason: "No purchase event", blocking: false }],
      },
      { id: "utm", title: "UTMs are clean and survive redirects", status: "not_checked", passed: 0, checked: 0, summary: "No tagged pages.", evidence: [] },
    ],
    ...over,
  };
}

export function counts(over: Partial<Summary> = {}): Summary {
  return { pages: 2, reachable: 1, failing_pages: 1, failing_findings: 1, warnings: 0, by_verdict: { reachable: 1, blocked: 1 }, ...over };
}

// Headlines, labels and counts come from the engine. The sample sentences are ones the window
// could not write itself, so a view that judges an audit on its own fails its test.

/** A complete audit that is not ready. */
export function readiness(over: Partial<Readiness> = {}): Readiness {
  return {
    state: "not_ready",
    label: "Not ready",
    headline: "Not ready (engine): the blocked page needs the firewall opened.",
    counts: counts(),
    planned_pages: 2,
    checklist: checklist(),
    pages: [
      { url: "https://shop.example.com/blocked", blocking: 1, warnings: 0 },
      { url: "https://shop.example.com/sale", blocking: 0, warnings: 1 },
    ],
    ...over,
  };
}

/** A complete audit where everything passed. */
export function readyReadiness(over: Partial<Readiness> = {}): Readiness {
  return readiness({
    state: "ready",
    label: "Ready",
    headline: "Ready (engine): both pages can carry ads.",
    counts: counts({ reachable: 2, failing_pages: 0, failing_findings: 0, by_verdict: { reachable: 2 } }),
    checklist: checklist({ ready: true, blocking_pages: 0, items: checklist().items.map((i) => ({ ...i, status: "pass" as const, passed: i.checked, evidence: [] })) }),
    pages: [],
    ...over,
  });
}

/** An audit stopped after 2 of 13 pages, where both pages it reached passed everything. */
export function partialReadiness(over: Partial<Readiness> = {}): Readiness {
  return readiness({
    state: "partial",
    label: "Partial",
    headline: "Partial (engine): stopped after 2 of 13 pages.",
    counts: counts({ reachable: 2, failing_pages: 0, failing_findings: 0, by_verdict: { reachable: 2 } }),
    planned_pages: 13,
    checklist: checklist({ ready: true, blocking_pages: 0, items: checklist().items.map((i) => ({ ...i, status: "pass" as const, passed: 2, checked: 2, evidence: [] })) }),
    pages: [],
    ...over,
  });
}

export function listing(audit: Partial<AuditSummary> = {}, r: Partial<Readiness> = {}): AuditListing {
  const a = summary(audit);
  const base = a.status === "complete" ? readiness() : partialReadiness();
  return { audit: a, readiness: { ...base, ...r } };
}

export function clientStatus(
  over: Partial<ClientStatus> & { client_id: number; client_name: string },
): ClientStatus {
  const { client_id, client_name, ...rest } = over;
  return {
    client: { id: client_id, name: client_name, created_at: "2026-11-01T10:00:00Z" },
    page_count: 2,
    current: listing({ id: client_id * 10, client_id, client_name }),
    newer_partial: null,
    ...rest,
  };
}

export function comparison(over: Partial<Comparison> = {}): Comparison {
  return {
    older_started_at: "2026-11-12T10:00:00Z",
    newer_started_at: "2026-11-25T10:00:00Z",
    verdict_changes: [
      {
        page_url: "https://shop.example.com/blocked",
        before: "reachable",
        after: "blocked",
        direction: "worse",
        sentence: "OAI-AdsBot could reach the page on 12 Nov 2026 and is blocked now.",
      },
    ],
    new: [{ page_url: "https://shop.example.com/blocked", finding_id: "waf-blocks-adsbot", area: "reachability", title: "Blocked by a firewall", before: null, after: { status: "fail", severity: "high" } }],
    fixed: [{ page_url: "https://shop.example.com/sale", finding_id: "utm-dropped", area: "utm", title: "UTMs dropped by a redirect", before: { status: "fail", severity: "medium" }, after: { status: "pass", severity: "none" } }],
    changed: [{ page_url: "https://shop.example.com/sale", finding_id: "pixel-events", area: "pixel", title: "Purchase event missing", before: { status: "warn", severity: "medium" }, after: { status: "fail", severity: "high" } }],
    unchanged: [{ page_url: "https://shop.example.com/sale", finding_id: "page-title", area: "page", title: "Page has a title", before: { status: "pass", severity: "none" }, after: { status: "pass", severity: "none" } }],
    pages_added: [{ page_url: "https://shop.example.com/new", verdict: "reachable", open_findings: 0 }],
    pages_removed: [],
    ...over,
  };
}
