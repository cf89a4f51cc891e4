// How the views show a readiness the engine worked out: a colour for its state and the exact
// words for its counts. Nothing here judges an audit or counts anything itself.
import type { ReadinessState, Summary } from "../../bindings";
import { plural, type Tone } from "../../format";

export function readinessTone(state: ReadinessState): Tone {
  switch (state) {
    case "ready":
      return "good";
    case "not_ready":
      return "bad";
    default:
      return "neutral";
  }
}

/** The words for each count, the same in every view. */
export const COUNT_LABEL = {
  pages: "Pages checked",
  reachable: "OAI-AdsBot can use",
  failing_pages: "Pages with blocking problems",
  failing_findings: "Blocking problems",
  warnings: "Warnings",
} as const;

/** "2 pages checked · OAI-AdsBot can use 1 · 1 page with blocking problems" */
export function countsLine(c: Summary): string {
  return [
    plural(c.pages, "page checked", "pages checked"),
    `${COUNT_LABEL.reachable} ${c.reachable}`,
    plural(c.failing_pages, "page with blocking problems", "pages with blocking problems"),
  ].join(" · ");
}
