import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ChecklistPanel } from "./ChecklistPanel";
import { checklist, HOSTILE } from "./testData";

afterEach(cleanup);

describe("ChecklistPanel", () => {
  it("shows each item's status, counts and evidence", () => {
    render(<ChecklistPanel checklist={checklist()} onOpenEvidence={() => {}} />);
    const reach = screen.getByTestId("checklist-reachability");
    expect(within(reach).getByTestId("checklist-status").textContent).toBe("Fail");
    expect(within(reach).getByTestId("checklist-count").textContent).toBe("1 of 2 pages pass");
    expect(within(reach).getByTestId("checklist-evidence").textContent).toContain("https://shop.example.com/blocked");
    expect(within(reach).getByText("Blocking")).toBeTruthy();

    const pixel = screen.getByTestId("checklist-pixel");
    expect(within(pixel).getByTestId("checklist-status").textContent).toBe("Needs attention");
    expect(within(pixel).getByTestId("checklist-count").textContent).toBe("1 of 1 page pass");
    expect(within(pixel).getByText("Warning")).toBeTruthy();

    const utm = screen.getByTestId("checklist-utm");
    expect(within(utm).getByTestId("checklist-status").textContent).toBe("Not checked");
    expect(within(utm).getByTestId("checklist-count").textContent).toBe("no pages checked");
    expect(within(utm).queryByTestId("checklist-evidence")).toBeNull();

    expect(screen.getByText("1 page to fix")).toBeTruthy();
  });

  it("says ready when every item passed", () => {
    render(<ChecklistPanel checklist={checklist({ ready: true, blocking_pages: 0, items: [] })} onOpenEvidence={() => {}} />);
    expect(screen.getByText("Ready for ChatGPT Ads")).toBeTruthy();
  });

  it("opens the evidence's finding", () => {
    const open = vi.fn();
    render(<ChecklistPanel checklist={checklist()} onOpenEvidence={open} />);
    fireEvent.click(within(screen.getByTestId("checklist-pixel")).getByTestId("checklist-evidence"));
    expect(open).toHaveBeenCalledWith(expect.objectContaining({ url: "https://shop.example.com/sale", finding_id: "pixel-missing" }));
  });

  it("shows long evidence lists in part until asked", () => {
    const base = checklist();
    const many = Array.from({ length: 8 }, (_, i) => ({ url: `https://x.example/${i}`, finding_id: null, reason: "Blocked", blocking: true }));
    render(<ChecklistPanel checklist={{ ...base, items: [{ ...base.items[0], evidence: many }] }} onOpenEvidence={() => {}} />);
    expect(screen.getAllByTestId("checklist-evidence")).toHaveLength(5);
    fireEvent.click(screen.getByText("Show all 8 pages"));
    expect(screen.getAllByTestId("checklist-evidence")).toHaveLength(8);
  });

  it("renders text from websites literally", () => {
    const base = checklist();
    const hostile = { url: `https://x.example/${HOSTILE}`, finding_id: "f", reason: HOSTILE, blocking: true };
    const { container } = render(
      <ChecklistPanel checklist={{ ...base, items: [{ ...base.items[0], summary: HOSTILE, evidence: [hostile] }] }} onOpenEvidence={() => {}} />,
    );
    expect(container.querySelector("img")).toBeNull();
    expect(screen.getByText(HOSTILE, { selector: ".evidence-reason" })).toBeTruthy();
    expect(container.textContent).toContain(`https://x.example/${HOSTILE}`);
  });
});
