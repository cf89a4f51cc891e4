// The plan being worked on is kept per client while the user is in another area, and an unsaved
// plan asks before the user switches client in the planner.
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ClientSummary } from "../../bindings";
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

const acme: ClientSummary = { client: { id: 1, name: "Acme", created_at: "2026-01-01T00:00:00Z" }, page_count: 0 };
const globex: ClientSummary = { client: { id: 2, name: "Globex", created_at: "2026-01-01T00:00:00Z" }, page_count: 0 };

async function flush(ms = 0) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

function view(clientId: number | null, onSelectClient = vi.fn()) {
  return (
    <ToastProvider>
      <PlannerView clientId={clientId} onSelectClient={onSelectClient} />
    </ToastProvider>
  );
}

async function renderComputed(clientId: number | null, onSelectClient = vi.fn()) {
  const utils = render(view(clientId, onSelectClient));
  await flush();
  await flush(300);
  return utils;
}

const spend = () => within(screen.getByTestId("field-spend")).getAllByRole("textbox")[0] as HTMLInputElement;

async function typeSpend(value: string) {
  fireEvent.change(spend(), { target: { value } });
  await flush(300);
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.resetAllMocks();
  mock.planPresets.mockResolvedValue(presets);
  mock.planFields.mockResolvedValue(planFields);
  mock.computePlan.mockImplementation(async (plan) => makeReport((typeof plan.spend === "number" ? plan.spend : plan.spend.likely) / 10000));
  mock.listClients.mockResolvedValue([acme, globex]);
  mock.listScenarios.mockResolvedValue([]);
});

afterEach(() => {
  cleanup();
  forgetAllKept();
  vi.useRealTimers();
});

describe("PlannerView keeps the work", () => {
  it("shows the typed numbers and the last result again after the user was elsewhere", async () => {
    const first = await renderComputed(1);
    await typeSpend("30000");
    expect(screen.getByTestId("plan-status").textContent).toContain("real return 3.00×");
    first.unmount();
    const calls = mock.computePlan.mock.calls.length;

    await renderComputed(1);
    expect(spend().value).toBe("30000");
    expect(screen.getByTestId("plan-status").textContent).toContain("real return 3.00×");
    // The kept answer stands: nothing is computed again for the same plan.
    expect(mock.computePlan).toHaveBeenCalledTimes(calls);
    // The user's change is still an unsaved one.
    fireEvent.click(screen.getByRole("button", { name: "B2B SaaS (leads)" }));
    expect(screen.getByRole("dialog").textContent).toContain("have not been saved");
  });

  it("keeps each client's plan and open scenario apart", async () => {
    mock.listScenarios.mockResolvedValue([scenario(4, "Big budget", { spend: 50000, cvr: 0.02, value: 90 })]);
    const { rerender } = await renderComputed(1);
    fireEvent.click(screen.getByRole("button", { name: "Open Big budget" }));
    await flush(300);
    expect(spend().value).toBe("50000");

    rerender(view(2));
    await flush(300);
    // Another client starts from the first preset, with nothing open.
    expect(spend().value).toBe("10000");
    expect((screen.getByLabelText("Scenario name") as HTMLInputElement).value).toBe("");
    await typeSpend("12345");

    rerender(view(1));
    await flush(300);
    expect(spend().value).toBe("50000");
    expect((screen.getByLabelText("Scenario name") as HTMLInputElement).value).toBe("Big budget");
    rerender(view(2));
    await flush(300);
    expect(spend().value).toBe("12345");
  });

  it("takes a plan started without a client to the first client picked, to be saved there", async () => {
    mock.saveScenario.mockResolvedValue(scenario(9, "Draft"));
    const { rerender } = await renderComputed(null);
    await typeSpend("42000");
    fireEvent.change(screen.getByLabelText("Scenario name"), { target: { value: "Draft" } });

    rerender(view(2));
    await flush(300);
    expect(spend().value).toBe("42000");
    expect((screen.getByLabelText("Scenario name") as HTMLInputElement).value).toBe("Draft");
    fireEvent.keyDown(window, { key: "s", ctrlKey: true });
    await flush();
    expect(mock.saveScenario).toHaveBeenCalledWith(2, null, "Draft", expect.objectContaining({ spend: 42000 }));
  });
});

describe("PlannerView asks before leaving unsaved changes", () => {
  it("asks before switching client with unsaved changes, and switches only when confirmed", async () => {
    const onSelectClient = vi.fn();
    await renderComputed(1, onSelectClient);
    await typeSpend("20000");

    fireEvent.change(screen.getByLabelText("Client"), { target: { value: "2" } });
    const dialog = screen.getByRole("dialog");
    expect(within(dialog).getByRole("heading").textContent).toBe("Switch to Globex?");
    expect(dialog.textContent).toContain("They stay with Acme until you close Preflight");
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(onSelectClient).not.toHaveBeenCalled();
    expect((screen.getByLabelText("Client") as HTMLSelectElement).value).toBe("1");

    fireEvent.change(screen.getByLabelText("Client"), { target: { value: "2" } });
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Switch client" }));
    expect(onSelectClient).toHaveBeenCalledWith(2);
  });

  it("switches client at once when nothing is unsaved", async () => {
    const onSelectClient = vi.fn();
    await renderComputed(1, onSelectClient);
    fireEvent.change(screen.getByLabelText("Client"), { target: { value: "2" } });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(onSelectClient).toHaveBeenCalledWith(2);
  });

  it("asks before a preset replaces unsaved changes", async () => {
    await renderComputed(1);
    await typeSpend("20000");
    fireEvent.click(screen.getByRole("button", { name: "B2B SaaS (leads)" }));
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Cancel" }));
    expect(spend().value).toBe("20000");
    fireEvent.click(screen.getByRole("button", { name: "B2B SaaS (leads)" }));
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Use preset" }));
    expect(spend().value).toBe(String(presets[1].plan.spend));
  });
});
