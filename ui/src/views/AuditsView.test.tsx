import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../api";
import { AuditsView } from "./AuditsView";
import { comparison, HOSTILE, listing } from "./history/testData";

vi.mock("../api", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../api")>();
  return { ...actual, api: { listAudits: vi.fn(), compareAudits: vi.fn() } };
});
const m = vi.mocked(api);

beforeEach(() => {
  vi.resetAllMocks();
  m.listAudits.mockResolvedValue([
    listing({ id: 9, started_at: "2026-11-25T10:00:00Z", client_name: HOSTILE }),
    listing({ id: 8, started_at: "2026-11-12T10:00:00Z", client_name: HOSTILE }),
    listing({ id: 3, client_id: 2, client_name: "Other", started_at: "2026-11-01T10:00:00Z" }),
  ]);
  m.compareAudits.mockResolvedValue(comparison());
});
afterEach(cleanup);

describe("AuditsView", () => {
  it("says who ran an audit when that was recorded", async () => {
    m.listAudits.mockResolvedValue([listing({ id: 9, created_by: "Dana" }), listing({ id: 8 })]);
    render(<AuditsView onOpenAudit={() => {}} refreshKey={0} />);
    const by = await screen.findAllByTestId("audit-by");
    expect(by.map((b) => b.textContent)).toEqual(["by Dana"]);
  });

  it("compares two picked audits of one client, older first", async () => {
    const open = vi.fn();
    render(<AuditsView onOpenAudit={open} refreshKey={0} />);
    const picks = await screen.findAllByTestId("audits-pick");
    const button = screen.getByTestId("compare-picked") as HTMLButtonElement;
    fireEvent.click(picks[0]);
    fireEvent.click(picks[2]);
    expect(button.disabled).toBe(true);
    expect(screen.getByText("Pick two audits of the same client")).toBeTruthy();
    expect(open).not.toHaveBeenCalled();
    fireEvent.click(picks[2]);
    fireEvent.click(picks[1]);
    expect(button.disabled).toBe(false);
    fireEvent.click(button);
    await screen.findByTestId("compare-view");
    expect(m.compareAudits).toHaveBeenCalledWith(8, 9);
  });

  it("shows each audit's verdict and headline as the engine gave them", async () => {
    m.listAudits.mockResolvedValue([
      listing({ id: 9, status: "cancelled", started_at: "2026-11-25T10:00:00Z" }),
      listing({ id: 8, started_at: "2026-11-12T10:00:00Z" }),
    ]);
    render(<AuditsView onOpenAudit={() => {}} refreshKey={0} />);
    const states = await screen.findAllByTestId("audits-state");
    expect(states.map((s) => s.textContent)).toEqual(["Partial", "Not ready"]);
    const results = screen.getAllByTestId("audits-result");
    expect(results[0].textContent).toContain("Partial (engine): stopped after 2 of 13 pages.");
    expect(results[1].textContent).toContain("Not ready (engine): the blocked page needs the firewall opened.");
    expect(within(results[1]).getByText("2 pages checked · OAI-AdsBot can use 1 · 1 page with blocking problems")).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/\bReady\b/);
  });

  it("renders client names literally", async () => {
    const { container } = render(<AuditsView onOpenAudit={() => {}} refreshKey={0} />);
    await screen.findAllByTestId("audits-pick");
    expect(screen.getAllByText(HOSTILE)).toHaveLength(2);
    expect(container.querySelector("img")).toBeNull();
  });
});
