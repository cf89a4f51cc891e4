import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ClientSummary, PlanReport } from "../../bindings";
import { ToastProvider } from "../../components/Toast";
import { forgetAllKept } from "../../keep";
import { PlannerView } from "../PlannerView";
import { makeReport, planFields, presets, scenario } from "./testData";

vi.mock("../../api", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../api")>();
  return {
    ...actual,
    api: {
      planPresets: vi.fn(),
      planFields: vi.fn(),
      computePlan: vi.fn(),
      importLagCsv: vi.fn(),
      listScenarios: vi.fn(),
      saveScenario: vi.fn(),
      deleteScenario: vi.fn(),
      restoreScenario: vi.fn(),
      exportPlanPdf: vi.fn(),
      chooseSavePath: vi.fn(),
      listClients: vi.fn(),
    },
  };
});

import { api } from "../../api";
const mock = vi.mocked(api);

const client: ClientSummary = { client: { id: 1, name: "Acme", created_at: "2026-01-01T00:00:00Z" }, page_count: 0 };

/** Lets resolved promises and due timers run inside React's act. */
async function flush(ms = 0) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

function renderView(clientId: number | null = 1, onSelectClient = vi.fn()) {
  const utils = render(
    <ToastProvider>
      <PlannerView clientId={clientId} onSelectClient={onSelectClient} />
    </ToastProvider>,
  );
  return { ...utils, onSelectClient };
}

/** Renders and lets the first computation finish. */
async function renderComputed(clientId: number | null = 1) {
  const utils = renderView(clientId);
  await flush();
  await flush(300);
  return utils;
}

const field = (key: string) => screen.getByTestId(`field-${key}`);
const pointInput = (key: string) => within(field(key)).getAllByRole("textbox")[0] as HTMLInputElement;

beforeEach(() => {
  vi.useFakeTimers();
  vi.resetAllMocks();
  mock.planPresets.mockResolvedValue(presets);
  mock.planFields.mockResolvedValue(planFields);
  mock.computePlan.mockResolvedValue(makeReport(0.72));
  mock.listClients.mockResolvedValue([client]);
  mock.listScenarios.mockResolvedValue([]);
});

afterEach(() => {
  cleanup();
  forgetAllKept();
  vi.useRealTimers();
});

describe("PlannerView", () => {
  it("fills the form from a preset, with each preset's reasons", async () => {
    await renderComputed();
    expect(pointInput("spend").value).toBe("10000");
    // Ranges show all three values.
    const cvr = within(field("cvr"));
    expect((cvr.getByLabelText(/^Low/) as HTMLInputElement).value).toBe("0.015");
    expect((cvr.getByLabelText(/^Likely/) as HTMLInputElement).value).toBe("0.03");
    expect((cvr.getByLabelText(/^High/) as HTMLInputElement).value).toBe("0.05");
    expect(cvr.getByText(/Shop reason for cvr/)).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "B2B SaaS (leads)" }));
    await flush();
    expect(pointInput("spend").value).toBe("20000");
    expect(screen.queryByTestId("field-value")).toBeNull();
    expect(within(field("deal_value")).getByLabelText(/^Likely/)).toHaveProperty("value", "40000");
    expect(within(field("deal_value")).getByText(/SaaS reason for deal_value/)).toBeTruthy();
  });

  it("computes once after typing stops and ignores a stale answer", async () => {
    await renderComputed();
    expect(mock.computePlan).toHaveBeenCalledTimes(1);

    const pending: ((r: PlanReport) => void)[] = [];
    mock.computePlan.mockImplementation(() => new Promise<PlanReport>((resolve) => pending.push(resolve)));

    const spend = pointInput("spend");
    fireEvent.change(spend, { target: { value: "1" } });
    await flush(100);
    fireEvent.change(spend, { target: { value: "11" } });
    await flush(100);
    fireEvent.change(spend, { target: { value: "111" } });
    await flush(249);
    expect(mock.computePlan).toHaveBeenCalledTimes(1);
    await flush(1);
    expect(mock.computePlan).toHaveBeenCalledTimes(2);
    expect(mock.computePlan.mock.calls[1][0].spend).toBe(111);

    // A second request goes out before the first answer arrives.
    fireEvent.change(spend, { target: { value: "222" } });
    await flush(250);
    expect(mock.computePlan).toHaveBeenCalledTimes(3);
    expect(mock.computePlan.mock.calls[2][0].spend).toBe(222);

    await act(async () => pending[1](makeReport(3.33)));
    await act(async () => pending[0](makeReport(1.11)));
    const summary = screen.getByTestId("plan-summary");
    expect(summary.textContent).toContain("3.33×");
    expect(summary.textContent).not.toContain("1.11×");
  });

  it("shows the planner's error next to the field it names", async () => {
    await renderComputed();
    // Only the planner can tell that these ranges together make more conversions than clicks.
    mock.computePlan.mockRejectedValue({ code: "invalid_plan", message: "more than every click would eventually convert", field: "cvr.low" });
    fireEvent.change(within(field("cvr")).getByLabelText(/^Low/), { target: { value: "0.02" } });
    await flush(300);
    const error = screen.getByTestId("error-cvr");
    expect(error.textContent).toContain("more than every click would eventually convert");
    expect(within(field("cvr")).getByLabelText(/^Low/).getAttribute("aria-invalid")).toBe("true");
    expect(within(field("cvr")).getByLabelText(/^High/).getAttribute("aria-invalid")).toBeNull();
    // The results say the last good plan is shown.
    expect(screen.getByText("Showing the last plan that could be computed.")).toBeTruthy();
  });

  it("catches text that is not a number without asking the planner", async () => {
    await renderComputed();
    fireEvent.change(pointInput("spend"), { target: { value: "ten thousand" } });
    await flush(300);
    expect(mock.computePlan).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId("error-spend").textContent).toMatch(/not a number/);
    expect(pointInput("spend").getAttribute("aria-invalid")).toBe("true");
  });

  it("lists every problem at once, by the field's label, each a way to its field", async () => {
    await renderComputed();
    fireEvent.change(within(field("cpc")).getByLabelText(/^Likely/), { target: { value: "-4" } });
    fireEvent.change(within(field("margin")).getByRole("textbox"), { target: { value: "40" } });
    await flush(300);
    expect(mock.computePlan).toHaveBeenCalledTimes(1);
    const list = screen.getByTestId("plan-errors");
    const items = within(list).getAllByRole("button").map((b) => b.textContent);
    expect(items).toEqual(["Likely cost per click must be positive.", "Gross margin must be a share above 0 and at most 1: type 0.03 or 3%."]);
    expect(screen.getByTestId("error-cpc").textContent).toBe("Likely cost per click must be positive.");
    fireEvent.click(within(list).getByRole("button", { name: /Gross margin/ }));
    expect(document.activeElement).toBe(within(field("margin")).getByRole("textbox"));
    expect(screen.getByTestId("results-bar").textContent).toContain("Fix the 2 fields marked in red");
  });

  it("keeps the verdict at the foot of the form, with a way down to the results", async () => {
    await renderComputed();
    const bar = screen.getByTestId("results-bar");
    expect(bar.textContent).toContain("Does not pay for itself: real return 0.72×");
    fireEvent.click(within(bar).getByRole("button", { name: "See the results" }));
    expect(document.activeElement).toBe(screen.getByRole("region", { name: "Results" }));
  });

  it("shows — for numbers that are not finite", async () => {
    const report = makeReport(0.72);
    report.point.layers.standard.roas = Number.POSITIVE_INFINITY;
    report.point.layers.standard.cpa = Number.NaN;
    report.point.waterfall[0].roas = Number.NaN;
    report.point.break_even_roas = Number.POSITIVE_INFINITY;
    mock.computePlan.mockResolvedValue(report);
    const { container } = await renderComputed();
    expect(container.textContent).not.toMatch(/NaN|Infinity/);
    expect(within(screen.getByTestId("layer-standard")).getAllByText("—").length).toBeGreaterThan(0);
    expect(within(screen.getByTestId("plan-summary")).getAllByText("—").length).toBeGreaterThan(0);
  });

  it("draws one waterfall bar per step, each with a readable label", async () => {
    await renderComputed();
    const bars = within(screen.getByTestId("waterfall")).getAllByRole("img");
    expect(bars).toHaveLength(5);
    expect(screen.getByRole("img", { name: /^L1 Ads Manager shows: 0\.90×/ })).toBeTruthy();
    expect(screen.getByRole("img", { name: /^Buy after the window: \+0\.00×/ })).toBeTruthy();
    expect(screen.getByRole("img", { name: /^Would have bought anyway: −0\.23×/ })).toBeTruthy();
    expect(screen.getByRole("img", { name: /^AI visibility lift: \+0\.04×/ })).toBeTruthy();
    expect(screen.getByRole("img", { name: /^L4 Real return: 0\.72×/ })).toBeTruthy();
    // Bands and tornado come from the report too.
    expect(screen.getByRole("img", { name: /Halo-adjusted ROAS: 8 in 10 outcomes between 0\.43× and 1\.08×/ })).toBeTruthy();
    expect(within(screen.getByTestId("tornado")).getAllByTestId("tornado-bar")).toHaveLength(2);
    expect(screen.getByText("Below break-even")).toBeTruthy();
  });

  it("shows defaults as assumptions and lets the user override them", async () => {
    await renderComputed();
    mock.computePlan.mockResolvedValue(
      makeReport(0.72, { assumptions: [{ field: "margin", value: "1", input: 1, reason: "Counts all revenue until you give a margin." }] }),
    );
    fireEvent.change(pointInput("margin"), { target: { value: "" } });
    await flush(300);
    expect(within(field("margin")).getByText(/Counts all revenue/)).toBeTruthy();
    fireEvent.click(within(screen.getByTestId("assumptions")).getByRole("button", { name: "Override Gross margin" }));
    await flush(10);
    expect(pointInput("margin").value).toBe("1");
    expect(document.activeElement).toBe(pointInput("margin"));
  });

  it("takes an assumed range over from the planner's input, not from its wording", async () => {
    await renderComputed();
    const input = { low: 0.1, likely: 0.2, high: 0.35 };
    mock.computePlan.mockResolvedValue(
      makeReport(0.72, { assumptions: [{ field: "cannibalization", value: "ten to thirty-five percent", input, reason: "Until a holdout test." }] }),
    );
    fireEvent.change(pointInput("spend"), { target: { value: "10001" } });
    await flush(300);
    fireEvent.click(within(screen.getByTestId("assumptions")).getByRole("button", { name: "Override Sales you would get anyway" }));
    await flush(10);
    const c = within(field("cannibalization"));
    expect((c.getByLabelText(/^Low/) as HTMLInputElement).value).toBe("0.1");
    expect((c.getByLabelText(/^Likely/) as HTMLInputElement).value).toBe("0.2");
    expect((c.getByLabelText(/^High/) as HTMLInputElement).value).toBe("0.35");
  });

  it("labels the form from the planner's field catalogue", async () => {
    mock.planFields.mockResolvedValue(
      planFields.map((f) => (f.id === "spend" ? { ...f, label: "Monthly budget", help: "All channels together." } : f)),
    );
    await renderComputed();
    expect(within(field("spend")).getByText("Monthly budget")).toBeTruthy();
    expect(within(field("spend")).getByText("All channels together.")).toBeTruthy();
    expect(within(field("cvr")).getAllByText("Conversion rate the pixel credits").length).toBeGreaterThan(0);
    // Units come from the catalogue too.
    expect(within(field("window_days")).getByText("days")).toBeTruthy();
  });

  it("shows every amount as the planner wrote it, in the plan's currency", async () => {
    const report = makeReport(0.72);
    // The same figures as the planner writes them for a plan in euros.
    report.money = JSON.parse(JSON.stringify(report.money).replaceAll("$", "€"));
    report.money.format = { currency: "EUR", prefix: "€", decimals: 2 };
    mock.computePlan.mockResolvedValue(report);
    await renderComputed();
    const l4 = within(screen.getByTestId("layer-halo"));
    expect(l4.getByText(/€7,200/)).toBeTruthy();
    expect(l4.getByText("€167.22")).toBeTruthy();
    expect(screen.getByTestId("plan-summary").textContent).toContain("each €1.00 spent brings back €0.72");
    expect(screen.getByTestId("layer-table").textContent).toContain("Profit per €1.00 (POAS)");
    // The budget field takes the same sign.
    expect(within(field("spend")).getByText("€")).toBeTruthy();
    expect(screen.getByTestId("layer-table").textContent).not.toContain("$");
  });

  it("shows the planner's currency error at the currency field", async () => {
    await renderComputed();
    mock.computePlan.mockRejectedValue({ code: "invalid_plan", message: 'currency "EU" is not an ISO 4217 code', field: "currency" });
    fireEvent.change(within(field("currency")).getByRole("textbox"), { target: { value: "eu" } });
    await flush(300);
    expect(mock.computePlan.mock.lastCall![0].currency).toBe("EU");
    expect(screen.getByTestId("error-currency").textContent).toContain("ISO 4217");
  });

  it("saves a scenario with Enter and with Ctrl+S", async () => {
    mock.saveScenario.mockResolvedValue(scenario(7, "Spring"));
    await renderComputed();
    const name = screen.getByLabelText("Scenario name");
    fireEvent.change(name, { target: { value: "Spring" } });
    fireEvent.submit(name.closest("form")!);
    await flush();
    expect(mock.saveScenario).toHaveBeenCalledWith(1, null, "Spring", expect.objectContaining({ spend: 10000 }));
    expect(screen.getByText("Saved “Spring”.")).toBeTruthy();

    // Now the scenario is open: Ctrl+S saves over it.
    fireEvent.keyDown(window, { key: "s", ctrlKey: true });
    await flush();
    expect(mock.saveScenario).toHaveBeenLastCalledWith(1, 7, "Spring", expect.objectContaining({ spend: 10000 }));
  });

  it("says who saved each scenario, when it is known", async () => {
    mock.listScenarios.mockResolvedValue([{ ...scenario(7, "Spring"), created_by: "Dana" }, scenario(8, "Summer")]);
    await renderComputed();
    const spring = screen.getByText("Spring").closest(".pl-scenario-main")!;
    const summer = screen.getByText("Summer").closest(".pl-scenario-main")!;
    expect(spring.textContent).toContain("by Dana");
    expect(summer.textContent).not.toContain("by ");
  });

  it("deletes a scenario and brings it back with Undo or Ctrl+Z", async () => {
    mock.listScenarios.mockResolvedValue([scenario(7, "Spring")]);
    mock.deleteScenario.mockResolvedValue(undefined);
    mock.restoreScenario.mockResolvedValue(scenario(7, "Spring"));
    await renderComputed();

    fireEvent.click(screen.getByRole("button", { name: "Delete Spring" }));
    await flush();
    expect(mock.deleteScenario).toHaveBeenCalledWith(7);
    fireEvent.click(screen.getByRole("button", { name: "Undo" }));
    await flush();
    expect(mock.restoreScenario).toHaveBeenCalledWith(7);

    fireEvent.click(screen.getByRole("button", { name: "Delete Spring" }));
    await flush();
    fireEvent.keyDown(document.body, { key: "z", ctrlKey: true });
    await flush();
    expect(mock.restoreScenario).toHaveBeenCalledTimes(2);
  });

  it("renders a scenario name as text, never as markup", async () => {
    const hostile = "<img src=x onerror=alert(1)>";
    mock.listScenarios.mockResolvedValue([scenario(3, hostile)]);
    const { container } = await renderComputed();
    expect(screen.getByText(hostile)).toBeTruthy();
    expect(container.querySelector("img")).toBeNull();
  });

  it("compares ticked scenarios side by side", async () => {
    mock.listScenarios.mockResolvedValue([scenario(1, "Cautious"), scenario(2, "Bold")]);
    await renderComputed();
    mock.computePlan.mockResolvedValueOnce(makeReport(0.5)).mockResolvedValueOnce(makeReport(2.75));
    fireEvent.click(screen.getByLabelText("Compare Cautious"));
    fireEvent.click(screen.getByLabelText("Compare Bold"));
    await flush();
    const table = screen.getByTestId("compare");
    expect(within(table).getByRole("columnheader", { name: "Cautious" })).toBeTruthy();
    expect(within(table).getByRole("columnheader", { name: "Bold" })).toBeTruthy();
    const l4 = within(table).getByRole("rowheader", { name: "L4 Halo-adjusted ROAS" }).closest("tr")!;
    expect(l4.textContent).toContain("0.50×");
    expect(l4.textContent).toContain("2.75×");
  });

  it("opens a saved scenario into the form", async () => {
    mock.listScenarios.mockResolvedValue([scenario(4, "Big budget", { spend: 50000, cvr: 0.02, value: 90 })]);
    await renderComputed();
    fireEvent.click(screen.getByRole("button", { name: "Open Big budget" }));
    await flush();
    expect(pointInput("spend").value).toBe("50000");
    expect(pointInput("cvr").value).toBe("0.02");
    expect((screen.getByLabelText("Scenario name") as HTMLInputElement).value).toBe("Big budget");
  });

  it("imports a lag table from a CRM export", async () => {
    mock.importLagCsv.mockResolvedValue({
      lag_table: [
        [0, 0.5],
        [3, 0.9],
        [10, 1],
      ],
      conversions: 40,
      skipped_without_conversion: 2,
      click_column: "click_date",
      conversion_column: "order_date",
      median_lag_days: 1,
    });
    await renderComputed();
    const input = screen.getByLabelText("Import from a CRM export (CSV)") as HTMLInputElement;
    expect(input.accept).toBe(".csv,text/csv");
    const file = new File(["click_date,order_date\n2026-01-01,2026-01-02\n"], "crm.csv", { type: "text/csv" });
    fireEvent.change(input, { target: { files: [file] } });
    await flush();
    await flush(300);
    expect(mock.importLagCsv).toHaveBeenCalledWith("click_date,order_date\n2026-01-01,2026-01-02\n");
    const summary = screen.getByTestId("lag-import-summary");
    expect(summary.textContent).toContain("Read 42 rows");
    expect(summary.textContent).toContain("within 1 day of the click");
    const sent = mock.computePlan.mock.lastCall![0];
    expect(sent.lag_table).toEqual([
      [0, 0.5],
      [3, 0.9],
      [10, 1],
    ]);
    expect(sent.lag_median_days).toBeUndefined();
  });

  it("shows why a CRM export could not be read", async () => {
    mock.importLagCsv.mockRejectedValue({ code: "invalid_csv", message: 'row 3: column "order_date": 2026-02-30 is not a date', field: "order_date" });
    await renderComputed();
    const input = screen.getByLabelText("Import from a CRM export (CSV)");
    fireEvent.change(input, { target: { files: [new File(["x"], "bad.csv")] } });
    await flush();
    expect(screen.getByTestId("lag-import-error").textContent).toContain('row 3: column "order_date"');
  });

  it("exports the plan as PDF to the default place or a chosen file", async () => {
    mock.exportPlanPdf.mockResolvedValue("/home/me/Documents/Preflight/plan.pdf");
    await renderComputed();
    fireEvent.click(screen.getByRole("button", { name: "Export PDF" }));
    await flush();
    expect(mock.exportPlanPdf).toHaveBeenCalledWith(1, "Untitled plan", expect.objectContaining({ spend: 10000 }), null);
    expect(screen.getByText("PDF saved to /home/me/Documents/Preflight/plan.pdf")).toBeTruthy();

    mock.chooseSavePath.mockResolvedValue("/tmp/spring.pdf");
    mock.exportPlanPdf.mockResolvedValue("/tmp/spring.pdf");
    fireEvent.click(screen.getByRole("button", { name: "Save PDF as…" }));
    await flush();
    expect(mock.chooseSavePath).toHaveBeenCalledWith("Save the plan as PDF", "Untitled plan.pdf");
    expect(mock.exportPlanPdf).toHaveBeenLastCalledWith(1, "Untitled plan", expect.anything(), "/tmp/spring.pdf");
  });

  it("lets the user plan without a client and explains how to save", async () => {
    mock.listClients.mockResolvedValue([]);
    const { onSelectClient } = await renderComputed(null);
    expect(screen.getByTestId("no-clients").textContent).toMatch(/You can still plan here/);
    expect(screen.getByTestId("plan-summary")).toBeTruthy();
    expect(mock.listScenarios).not.toHaveBeenCalled();
    expect(onSelectClient).not.toHaveBeenCalled();
  });

  it("chooses a client from the list", async () => {
    mock.listClients.mockResolvedValue([client, { ...client, client: { ...client.client, id: 2, name: "Globex" } }]);
    const { onSelectClient } = await renderComputed(null);
    fireEvent.change(screen.getByLabelText("Client"), { target: { value: "2" } });
    expect(onSelectClient).toHaveBeenCalledWith(2);
    // Saving without a client explains what is missing.
    fireEvent.keyDown(window, { key: "s", ctrlKey: true });
    await flush();
    expect(mock.saveScenario).not.toHaveBeenCalled();
    expect(screen.getByRole("alert").textContent).toMatch(/Choose a client first/);
  });
});
