// The plan's verdict and its colour come with the plan report (the planner decides them once, by
// the same rule as the plan PDF: amber unless 9 in 10 simulated outcomes break even). The app
// reads them here and nowhere else.
import type { PlanReport, PlanTone } from "../../bindings";

export type { PlanTone };

/** The simulated chance of clearing break-even, when the plan has ranges to simulate. */
export function breakEvenChance(report: PlanReport): number | null {
  return report.verdict.chance ?? null;
}

/** The colour of the chance itself, as the planner judged it. */
export function chanceTone(report: PlanReport): PlanTone {
  return report.verdict.chance_tone ?? "neutral";
}

/** The headline and its colour. */
export function planVerdict(report: PlanReport): { headline: string; tone: PlanTone } {
  return { headline: report.verdict.headline, tone: report.verdict.tone };
}
