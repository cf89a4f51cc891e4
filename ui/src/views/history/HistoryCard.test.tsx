import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { HistoryCard } from "./HistoryCard";
import { summary } from "./testData";

afterEach(cleanup);

const audits = [
  summary({ id: 9, started_at: "2026-11-25T10:00:00Z" }),
  summary({ id: 8, started_at: "2026-11-18T10:00:00Z", summary: { pages: 2, reachable: 2, failing_pages: 0, failing_findings: 0, warnings: 0, by_verdict: { reachable: 2 } } }),
  summary({ id: 7, started_at: "2026-11-12T10:00:00Z" }),
];

describe("HistoryCard", () => {
  it("lists audits with pages, reachable and blocked counts and a trend", () => {
    render(<HistoryCard audits={audits} onOpenAudit={() => {}} onCompare={() => {}} />);
    const rows = screen.getAllByTestId("audit-item");
    expect(rows).toHaveLength(3);
    expect(rows[0].textContent).toContain("2 pages · 1 reachable · 1 blocked");
    expect(rows[0].textContent).toContain("Not ready");
    expect(rows[0].textContent).toContain("1 of 2 pages have blocking problems");
    expect(rows[1].textContent).toContain("Ready");
    expect(screen.getByTestId("history-trend").getAttribute("aria-label")).toContain("Reachable pages: 1 on");
  });

  it("compares two picked audits, older first", () => {
    const onCompare = vi.fn();
    render(<HistoryCard audits={audits} onOpenAudit={() => {}} onCompare={onCompare} />);
    const button = screen.getByTestId("compare-picked") as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    const picks = screen.getAllByTestId("history-pick");
    fireEvent.click(picks[0]);
    fireEvent.click(picks[2]);
    expect(button.disabled).toBe(false);
    fireEvent.click(button);
    expect(onCompare).toHaveBeenCalledWith(7, 9);
  });

  it("keeps the last two picks", () => {
    const onCompare = vi.fn();
    render(<HistoryCard audits={audits} onOpenAudit={() => {}} onCompare={onCompare} />);
    const picks = screen.getAllByTestId("history-pick");
    fireEvent.click(picks[0]);
    fireEvent.click(picks[1]);
    fireEvent.click(picks[2]);
    fireEvent.click(screen.getByTestId("compare-picked"));
    expect(onCompare).toHaveBeenCalledWith(7, 8);
  });

  it("opens an audit", () => {
    const open = vi.fn();
    render(<HistoryCard audits={audits} onOpenAudit={open} onCompare={() => {}} />);
    fireEvent.click(screen.getAllByTestId("audit-item")[1]);
    expect(open).toHaveBeenCalledWith(8);
  });

  it("has an empty state", () => {
    render(<HistoryCard audits={[]} onOpenAudit={() => {}} onCompare={() => {}} />);
    expect(screen.getByText(/No audits yet/)).toBeTruthy();
    expect(screen.queryByTestId("compare-picked")).toBeNull();
  });
});
