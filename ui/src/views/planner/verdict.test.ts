import { describe, expect, it } from "vitest";
import type { InputName, PlanReport } from "../../bindings";
import { makeReport } from "./testData";
import { breakEvenChance, chanceTone, planVerdict } from "./verdict";

// makeReport's break-even is 2.5; the chance is the simulation's.
function withChance(l4: number, chance: number, ranged: InputName[] = ["cpc", "cvr"]): PlanReport {
  const r = makeReport(l4);
  return { ...r, simulation: { ...r.simulation!, ranged_inputs: ranged, probability_clears_break_even: chance } };
}

describe("planVerdict (the plan PDF's rule)", () => {
  it("is not green at a 51 % chance of breaking even", () => {
    expect(planVerdict(withChance(2.6, 0.51))).toEqual({ headline: "Pays for itself at the likely values (51% chance)", tone: "warn" });
  });

  it("is green when 9 in 10 simulated outcomes break even", () => {
    expect(planVerdict(withChance(3, 0.9))).toEqual({ headline: "Pays for itself", tone: "good" });
    expect(planVerdict(withChance(3, 0.89)).tone).toBe("warn");
  });

  it("is green on the likely values alone when nothing is a range", () => {
    const r = withChance(3, 0.2, []);
    expect(breakEvenChance(r)).toBeNull();
    expect(planVerdict(r).tone).toBe("good");
    expect(planVerdict({ ...r, simulation: null }).tone).toBe("good");
  });

  it("is amber below break-even while more than 1 in 10 outcomes clear it, red otherwise", () => {
    expect(planVerdict(withChance(2, 0.3))).toEqual({ headline: "Below break-even at the likely values (30% chance to clear it)", tone: "warn" });
    expect(planVerdict(withChance(2, 0.1))).toEqual({ headline: "Does not pay for itself", tone: "bad" });
  });

  it("is neutral when the result cannot be computed", () => {
    expect(planVerdict(withChance(Number.NaN, 0.5)).tone).toBe("neutral");
  });

  it("colours the chance itself by the same bounds", () => {
    expect([0.95, 0.9, 0.51, 0.1, 0.02].map(chanceTone)).toEqual(["good", "good", "warn", "bad", "bad"]);
  });
});
