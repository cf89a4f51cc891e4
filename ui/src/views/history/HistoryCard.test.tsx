import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { HistoryCard } from "./HistoryCard";
import { counts, listing, readyReadiness } from "./testData";

afterEach(cleanup);

const audits = [
  listing({ id: 9, started_at: "2026-11-25T10:00:00Z" }),
  listing({ id: 8, started_at: "2026-11-18T10:00:00Z" }, readyReadiness()),
  listing({ id: 7, started_at: "2026-11-12T10:00:00Z" }),
];

describe("HistoryCard", () => {
  it("says who ran an audit when that was recorded, and nothing otherwise", () => {
    render(<HistoryCard audits={[listing({ id: 9, created_by: "Dana" }), listing({ id: 8 })]} onOpenAudit={() => {}} onCompare={() => {}} />);
    const rows = screen.getAllByTestId("audit-item");
    expect(within(rows[0]).getByTestId("audit-by").textContent).toBe("by Dana");
    expect(within(rows[1]).queryByTestId("audit-by")).toBeNull();
  });

  it("lists audits with the engine's verdict, headline and counts, and a trend", () => {
    render(<HistoryCard audits={audits} onOpenAudit={() => {}} onCompare={() => {}} />);
    const rows = screen.getAllByTestId("audit-item");
    expect(rows).toHaveLength(3);
    expect(rows[0].textContent).toContain("2 pages checked · OAI-AdsBot can use 1 · 1 page with blocking problems");
    expect(within(rows[0]).getByTestId("history-state").textContent).toBe("Not ready");
    expect(rows[0].textContent).toContain("Not ready (engine): the blocked page needs the firewall opened.");
    expect(within(rows[1]).getByTestId("history-state").textContent).toBe("Ready");
    expect(rows[1].textContent).toContain("Ready (engine): both pages can carry ads.");
    const label = screen.getByTestId("history-trend").getAttribute("aria-label")!;
    expect(label).toContain("OAI-AdsBot can use: 1 page on");
    expect(label).toContain("Pages with blocking problems: 1, then 1.");
    expect(label).not.toContain("not plotted");
  });

  it("shows a stopped audit as partial with its own headline, and leaves it out of the trend", () => {
    const stopped = listing(
      { id: 10, status: "cancelled", started_at: "2026-11-26T10:00:00Z" },
      { counts: counts({ pages: 2, reachable: 2, failing_pages: 0 }) },
    );
    render(<HistoryCard audits={[stopped, ...audits]} onOpenAudit={() => {}} onCompare={() => {}} />);
    const row = screen.getAllByTestId("audit-item")[0];
    expect(within(row).getByTestId("history-state").textContent).toBe("Partial");
    expect(row.textContent).toContain("Partial (engine): stopped after 2 of 13 pages.");
    expect(row.textContent).not.toMatch(/\bReady\b/);
    // Three complete audits plotted: one move and two lines.
    expect(screen.getByTestId("trend-reachable").getAttribute("d")!.match(/[ML]/g)).toHaveLength(3);
    expect(screen.getByTestId("history-trend").getAttribute("aria-label")).toContain("1 partial audit is not plotted.");
  });

  it("draws no trend from fewer than two complete audits", () => {
    const stopped = listing({ id: 10, status: "cancelled", started_at: "2026-11-26T10:00:00Z" });
    render(<HistoryCard audits={[stopped, audits[0]]} onOpenAudit={() => {}} onCompare={() => {}} />);
    expect(screen.queryByTestId("history-trend")).toBeNull();
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
