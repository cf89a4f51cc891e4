import { describe, expect, it } from "vitest";
import { makeReport } from "./testData";
import { breakEvenChance, chanceTone, planVerdict } from "./verdict";

// The rule itself is the planner's (crates/planner verdict tests); the app only reads it.
describe("the plan verdict as the app reads it", () => {
  it("shows the planner's headline and colour, not its own", () => {
    const r = makeReport(3, { verdict: { headline: "Pays for itself at the likely values (51.0 % chance)", tone: "warn", chance: 0.51, chance_tone: "warn" } });
    expect(planVerdict(r)).toEqual({ headline: "Pays for itself at the likely values (51.0 % chance)", tone: "warn" });
    expect(breakEvenChance(r)).toBe(0.51);
    expect(chanceTone(r)).toBe("warn");
  });

  it("has no chance and a neutral chance colour when the plan has no ranges", () => {
    const r = makeReport(3, { verdict: { headline: "Pays for itself", tone: "good" } });
    expect(breakEvenChance(r)).toBeNull();
    expect(chanceTone(r)).toBe("neutral");
    expect(planVerdict(r).tone).toBe("good");
  });
});
