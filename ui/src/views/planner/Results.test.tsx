import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { catalogueOf } from "./fields";
import { Results } from "./Results";
import { makeReport, planFields } from "./testData";

afterEach(cleanup);

const catalogue = catalogueOf(planFields);

function renderResults(l4: number, chance: number) {
  const r = makeReport(l4);
  const report = { ...r, simulation: { ...r.simulation!, probability_clears_break_even: chance } };
  return render(<Results report={report} catalogue={catalogue} onOverride={() => {}} />);
}

describe("Results", () => {
  it("colours the verdict as the plan PDF does: a 51 % chance is amber, not green", () => {
    renderResults(2.6, 0.51);
    const summary = screen.getByTestId("plan-summary");
    expect(summary.getAttribute("data-tone")).toBe("warn");
    expect(summary.className).not.toContain("good");
    expect(screen.getByTestId("plan-verdict").textContent).toBe("Pays for itself at the likely values (51% chance)");
    const chance = within(summary).getByText("Chance to break even").closest(".pl-stat")!;
    expect(chance.getAttribute("data-tone")).toBe("warn");
  });

  it("is green only when nearly every simulated outcome breaks even", () => {
    renderResults(3, 0.95);
    expect(screen.getByTestId("plan-summary").getAttribute("data-tone")).toBe("good");
    expect(screen.getByTestId("plan-verdict").textContent).toBe("Pays for itself");
  });

  it("colours each end of a tornado bar by outcome, not by which end of the input it is", () => {
    // makeReport: a higher conversion rate raises the return, a higher cost per click lowers it.
    renderResults(2, 0.3);
    const bars = within(screen.getByTestId("tornado")).getAllByTestId("tornado-bar");
    const outcome = (bar: HTMLElement, end: string) => within(bar).getByTestId(`tornado-${end}`).getAttribute("data-outcome");
    const cvr = bars.find((b) => b.getAttribute("aria-label")!.startsWith("Conversion rate"))!;
    const cpc = bars.find((b) => b.getAttribute("aria-label")!.startsWith("Cost per click"))!;
    expect([outcome(cvr, "low"), outcome(cvr, "high")]).toEqual(["worse", "better"]);
    expect([outcome(cpc, "low"), outcome(cpc, "high")]).toEqual(["better", "worse"]);
    expect(screen.getByTestId("tornado-legend").textContent).toMatch(/Better return than the likely one.*Worse return/);
  });
});
