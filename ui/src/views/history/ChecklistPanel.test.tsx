import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ChecklistPanel, itemCountLine } from "./ChecklistPanel";
import { checklist, HOSTILE, partialReadiness, readiness, readyReadiness } from "./testData";

afterEach(cleanup);

describe("ChecklistPanel", () => {
  it("shows each item's status, counts and evidence", () => {
    render(<ChecklistPanel readiness={readiness()} onOpenEvidence={() => {}} />);
    const reach = screen.getByTestId("checklist-reachability");
    expect(within(reach).getByTestId("checklist-status").textContent).toBe("Fail");
    expect(within(reach).getByTestId("checklist-count").textContent).toBe("1 of 2 pages pass");
    expect(within(reach).getByTestId("checklist-evidence").textContent).toContain("https://shop.example.com/blocked");
    expect(within(reach).getByText("Blocking")).toBeTruthy();

    const pixel = screen.getByTestId("checklist-pixel");
    expect(within(pixel).getByTestId("checklist-status").textContent).toBe("Needs attention");
    expect(within(pixel).getByTestId("checklist-count").textContent).toBe("1 of 1 page passes");
    expect(within(pixel).getByText("Warning")).toBeTruthy();

    const utm = screen.getByTestId("checklist-utm");
    expect(within(utm).getByTestId("checklist-status").textContent).toBe("Not checked");
    expect(within(utm).getByTestId("checklist-count").textContent).toBe("No page was checked for this");
    expect(within(utm).queryByTestId("checklist-evidence")).toBeNull();
  });

  it("shows the engine's verdict and headline", () => {
    render(<ChecklistPanel readiness={readiness()} onOpenEvidence={() => {}} />);
    expect(screen.getByTestId("checklist-state").textContent).toBe("Not ready");
    expect(screen.getByTestId("checklist-headline").textContent).toBe("Not ready (engine): the blocked page needs the firewall opened.");
  });

  it("says ready only when the engine says so", () => {
    render(<ChecklistPanel readiness={readyReadiness()} onOpenEvidence={() => {}} />);
    expect(screen.getByTestId("checklist-state").textContent).toBe("Ready for ChatGPT Ads");
    expect(screen.getByTestId("checklist-headline").textContent).toBe("Ready (engine): both pages can carry ads.");
    cleanup();
    // A ready checklist inside a complete audit the engine calls not ready is not ready.
    render(<ChecklistPanel readiness={readiness({ checklist: readyReadiness().checklist })} onOpenEvidence={() => {}} />);
    expect(screen.queryByText("Ready for ChatGPT Ads")).toBeNull();
  });

  it("never calls a stopped audit ready, even when every page it reached passed", () => {
    const { container } = render(<ChecklistPanel readiness={partialReadiness()} onOpenEvidence={() => {}} />);
    expect(screen.getByTestId("checklist-state").textContent).toBe("Partial audit");
    expect(screen.getByTestId("checklist-headline").textContent).toBe("Partial (engine): stopped after 2 of 13 pages.");
    expect(container.textContent).not.toContain("Ready for ChatGPT Ads");
    // Passes hold only for the pages reached: not shown as green.
    for (const badge of screen.getAllByTestId("checklist-status")) expect(badge.className).not.toContain("badge-good");
  });

  it("opens the evidence's finding", () => {
    const open = vi.fn();
    render(<ChecklistPanel readiness={readiness()} onOpenEvidence={open} />);
    fireEvent.click(within(screen.getByTestId("checklist-pixel")).getByTestId("checklist-evidence"));
    expect(open).toHaveBeenCalledWith(expect.objectContaining({ url: "https://shop.example.com/sale", finding_id: "pixel-missing" }));
  });

  it("shows long evidence lists in part until asked, saying what the pages are", () => {
    const base = checklist();
    const many = Array.from({ length: 10 }, (_, i) => ({ url: `https://x.example/${i}`, finding_id: null, reason: "Blocked", blocking: i < 8 }));
    const item = { ...base.items[0], passed: 2, checked: 12, evidence: many };
    render(<ChecklistPanel readiness={readiness({ checklist: { ...base, items: [item] } })} onOpenEvidence={() => {}} />);
    expect(screen.getByTestId("checklist-count").textContent).toBe("2 of 12 pages pass");
    expect(screen.getAllByTestId("checklist-evidence")).toHaveLength(5);
    fireEvent.click(screen.getByText("Show all 10 pages with problems"));
    expect(screen.getAllByTestId("checklist-evidence")).toHaveLength(10);
  });

  it("words the count line for one page, many pages and none", () => {
    expect(itemCountLine({ passed: 12, checked: 14 })).toBe("12 of 14 pages pass");
    expect(itemCountLine({ passed: 0, checked: 1 })).toBe("0 of 1 page passes");
    expect(itemCountLine({ passed: 0, checked: 0 })).toBe("No page was checked for this");
  });

  it("renders text from websites literally", () => {
    const base = checklist();
    const hostile = { url: `https://x.example/${HOSTILE}`, finding_id: "f", reason: HOSTILE, blocking: true };
    const { container } = render(
      <ChecklistPanel
        readiness={readiness({ checklist: { ...base, items: [{ ...base.items[0], summary: HOSTILE, evidence: [hostile] }] } })}
        onOpenEvidence={() => {}}
      />,
    );
    expect(container.querySelector("img")).toBeNull();
    expect(screen.getByText(HOSTILE, { selector: ".evidence-reason" })).toBeTruthy();
    expect(container.textContent).toContain(`https://x.example/${HOSTILE}`);
  });
});
