// The plan's verdict and its colour, by the plan PDF's rule (the cover of the plan PDF): green only
// when the real return clears break-even and, where the plan has ranges, at least 9 in 10
// simulated outcomes do too; red only when at most 1 in 10 do; amber in between. A 51 % chance
// of breaking even is amber, not green. The app reads its verdict here and nowhere else.
import type { PlanReport } from "../../bindings";
import { fmtPercent } from "./numbers";

export type PlanTone = "good" | "warn" | "bad" | "neutral";

/** Clears break-even often enough to call it safe, and rarely enough to call it lost. */
const SURE = 0.9;
const LOST = 0.1;

/** The simulated chance of clearing break-even, when the plan has ranges to simulate. */
export function breakEvenChance(report: PlanReport): number | null {
  const sim = report.simulation;
  if (!sim || sim.ranged_inputs.length === 0) return null;
  const p = sim.probability_clears_break_even;
  return Number.isFinite(p) ? p : null;
}

/** The colour of the chance itself. */
export function chanceTone(chance: number): PlanTone {
  return chance >= SURE ? "good" : chance <= LOST ? "bad" : "warn";
}

/** The headline and its colour. */
export function planVerdict(report: PlanReport): { headline: string; tone: PlanTone } {
  const l4 = report.point.layers.halo.roas;
  const be = report.point.break_even_roas;
  if (!(Number.isFinite(l4) && Number.isFinite(be))) {
    return { headline: "The result cannot be computed from these inputs", tone: "neutral" };
  }
  const chance = breakEvenChance(report);
  if (l4 >= be) {
    return chance !== null && chance < SURE
      ? { headline: `Pays for itself at the likely values (${fmtPercent(chance, 0)} chance)`, tone: "warn" }
      : { headline: "Pays for itself", tone: "good" };
  }
  return chance !== null && chance > LOST
    ? { headline: `Below break-even at the likely values (${fmtPercent(chance, 0)} chance to clear it)`, tone: "warn" }
    : { headline: "Does not pay for itself", tone: "bad" };
}
