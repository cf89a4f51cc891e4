import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { catalogueOf } from "./fields";
import { Results } from "./Results";
import { makeReport, planFields } from "./testData";

afterEach(cleanup);

const catalogue = catalogueOf(planFields);

// The verdict is the planner's: these give what it says for each case.
const VERDICTS = {
  amber: { headline: "Pays for itself at the likely values (51.0 % chance)", tone: "warn", chance: 0.51, chance_tone: "warn" },
  green: { headline: "Pays for itself", tone: "good", chance: 0.95, chance_tone: "good" },
  below: { headline: "Below break-even at the likely values (30.0 % chance to clear it)", tone: "warn", chance: 0.3, chance_tone: "warn" },
} as const;

function renderResults(l4: number, chance: number, verdict: keyof typeof VERDICTS) {
  const r = makeReport(l4, { verdict: VERDICTS[verdict] });
  const report = { ...r, simulation: { ...r.simulation!, probability_clears_break_even: chance } };
  return render(<Results report={report} catalogue={catalogue} onOverride={() => {}} />);
}

describe("Results", () => {
  it("shows the planner's verdict and colour: a 51 % chance is amber, not green", () => {
    renderResults(2.6, 0.51, "amber");
    const summary = screen.getByTestId("plan-summary");
    expect(summary.getAttribute("data-tone")).toBe("warn");
    expect(summary.className).not.toContain("good");
    expect(screen.getByTestId("plan-verdict").textContent).toBe("Pays for itself at the likely values (51.0 % chance)");
    const chance = within(summary).getByText("Chance to break even").closest(".pl-stat")!;
    expect(chance.getAttribute("data-tone")).toBe("warn");
  });

  it("is green only when nearly every simulated outcome breaks even", () => {
    renderResults(3, 0.95, "green");
    expect(screen.getByTestId("plan-summary").getAttribute("data-tone")).toBe("good");
    expect(screen.getByTestId("plan-verdict").textContent).toBe("Pays for itself");
  });

  it("colours each end of a tornado bar by outcome, not by which end of the input it is", () => {
    // makeReport: a higher conversion rate raises the return, a higher cost per click lowers it.
    renderResults(2, 0.3, "below");
    const bars = within(screen.getByTestId("tornado")).getAllByTestId("tornado-bar");
    const outcome = (bar: HTMLElement, end: string) => within(bar).getByTestId(`tornado-${end}`).getAttribute("data-outcome");
    const cvr = bars.find((b) => b.getAttribute("aria-label")!.startsWith("Conversion rate"))!;
    const cpc = bars.find((b) => b.getAttribute("aria-label")!.startsWith("Cost per click"))!;
    expect([outcome(cvr, "low"), outcome(cvr, "high")]).toEqual(["worse", "better"]);
    expect([outcome(cpc, "low"), outcome(cpc, "high")]).toEqual(["better", "worse"]);
    expect(screen.getByTestId("tornado-legend").textContent).toMatch(/Better return than the likely one.*Worse return/);
  });
});
