import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../api";
import { AuditsView } from "./AuditsView";
import { comparison, HOSTILE, summary } from "./history/testData";

vi.mock("../api", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../api")>();
  return { ...actual, api: { listAudits: vi.fn(), compareAudits: vi.fn() } };
});
const m = vi.mocked(api);

beforeEach(() => {
  vi.resetAllMocks();
  m.listAudits.mockResolvedValue([
    summary({ id: 9, started_at: "2026-11-25T10:00:00Z", client_name: HOSTILE }),
    summary({ id: 8, started_at: "2026-11-12T10:00:00Z", client_name: HOSTILE }),
    summary({ id: 3, client_id: 2, client_name: "Other", started_at: "2026-11-01T10:00:00Z" }),
  ]);
  m.compareAudits.mockResolvedValue(comparison());
});
afterEach(cleanup);

describe("AuditsView", () => {
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

  it("renders client names literally", async () => {
    const { container } = render(<AuditsView onOpenAudit={() => {}} refreshKey={0} />);
    await screen.findAllByTestId("audits-pick");
    expect(screen.getAllByText(HOSTILE)).toHaveLength(2);
    expect(container.querySelector("img")).toBeNull();
  });
});
