// Sample page-grid rows for the view tests. Words the engine defines come from the bindings.
import type { PageRow } from "../../bindings";

export function row(over: Partial<PageRow> = {}): PageRow {
  return {
    url: "https://shop.example.com/sale",
    blocking: 0,
    warnings: 0,
    title: "Spring sale",
    verdict: "reachable",
    vendor: null,
    robots: "allowed",
    adsbot: { status: 200, text: "200" },
    browser: { status: 200, text: "200" },
    response_ms: 120,
    pixel: "installed",
    events: ["page_viewed"],
    utm: "kept",
    worst_first: 0,
    ...over,
  };
}

/** `count` rows, numbered from 0 in the audit's order; every seventh blocked, worst first. */
export function manyRows(count: number): PageRow[] {
  const rows = Array.from({ length: count }, (_, i) =>
    row({
      url: `https://shop.example.com/p/${i}`,
      title: `Offer ${i}`,
      blocking: i % 7 === 0 ? 1 : 0,
      verdict: i % 7 === 0 ? "blocked" : "reachable",
      response_ms: i,
    }),
  );
  const order = rows.map((r, i) => ({ r, i })).sort((a, b) => b.r.blocking - a.r.blocking || a.i - b.i);
  order.forEach(({ r }, place) => (r.worst_first = place));
  return rows;
}
