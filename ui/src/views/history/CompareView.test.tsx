import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api";
import { CompareView } from "./CompareView";
import { comparison, HOSTILE } from "./testData";

vi.mock("../../api", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../api")>();
  return { ...actual, api: { compareAudits: vi.fn(), exportComparison: vi.fn() } };
});
const compareAudits = vi.mocked(api.compareAudits);
const exportComparison = vi.mocked(api.exportComparison);

beforeEach(() => {
  compareAudits.mockReset();
  exportComparison.mockReset();
});
afterEach(cleanup);

describe("CompareView", () => {
  it("renders verdict changes and new, fixed and changed findings in plain words", async () => {
    compareAudits.mockResolvedValue(comparison());
    const open = vi.fn();
    render(<CompareView olderId={3} newerId={7} onBack={() => {}} onOpenAudit={open} />);
    await screen.findByTestId("compare-view");
    expect(compareAudits).toHaveBeenCalledWith(3, 7);

    const verdicts = screen.getByTestId("compare-verdicts");
    expect(verdicts.textContent).toContain("OAI-AdsBot could reach the page on 12 Nov 2026 and is blocked now.");
    expect(within(verdicts).getByText("Worse")).toBeTruthy();
    expect(verdicts.textContent).toContain("Reachable → Blocked");

    const added = screen.getByTestId("compare-new");
    expect(added.textContent).toContain("Blocked by a firewall");
    expect(added.textContent).toContain("New: Fail (high) now");

    const fixed = screen.getByTestId("compare-fixed");
    expect(fixed.textContent).toContain("UTMs dropped by a redirect");
    expect(fixed.textContent).toContain("Was Fail (medium)");
    expect(fixed.textContent).toContain("now Pass");

    const changed = screen.getByTestId("compare-changed");
    expect(changed.textContent).toContain("Purchase event missing");
    expect(changed.textContent).toContain("Was Warning (medium)");
    expect(changed.textContent).toContain("now Fail (high)");

    expect(screen.getByTestId("compare-pages").textContent).toContain("https://shop.example.com/new");

    // Unchanged findings stay folded away until asked for.
    expect(screen.queryByTestId("compare-unchanged")).toBeNull();
    fireEvent.click(screen.getByText("Show 1 finding"));
    expect(screen.getByTestId("compare-unchanged").textContent).toContain("Page has a title");

    fireEvent.click(screen.getByText("Open later audit"));
    expect(open).toHaveBeenCalledWith(7);
  });

  it("exports the comparison as PDF or CSV and explains a failed export", async () => {
    compareAudits.mockResolvedValue(comparison());
    exportComparison.mockResolvedValue("/exports/Acme comparison.pdf");
    render(<CompareView olderId={3} newerId={7} onBack={() => {}} />);
    await screen.findByTestId("compare-view");
    fireEvent.click(screen.getByText("Export PDF"));
    await waitFor(() => expect(exportComparison).toHaveBeenCalledWith(3, 7, "pdf"));
    await waitFor(() => expect((screen.getByTestId("compare-export-csv") as HTMLButtonElement).disabled).toBe(false));

    exportComparison.mockRejectedValue({ code: "disk_full", message: "The disk is full.", hint: "" });
    fireEvent.click(screen.getByText("Export CSV"));
    await waitFor(() => expect(exportComparison).toHaveBeenCalledWith(3, 7, "csv"));
    expect((await screen.findByRole("alert")).textContent).toContain("The disk is full.");
  });

  it("says so when nothing changed", async () => {
    compareAudits.mockResolvedValue(comparison({ verdict_changes: [], new: [], fixed: [], changed: [], pages_added: [], pages_removed: [] }));
    render(<CompareView olderId={3} newerId={7} onBack={() => {}} />);
    expect(await screen.findByText("Nothing changed")).toBeTruthy();
  });

  it("shows the error", async () => {
    compareAudits.mockRejectedValue({ code: "not_found", message: "That audit no longer exists." });
    render(<CompareView olderId={3} newerId={7} onBack={() => {}} />);
    expect((await screen.findByRole("alert")).textContent).toContain("That audit no longer exists.");
  });

  it("renders titles and addresses from websites literally", async () => {
    const c = comparison();
    compareAudits.mockResolvedValue({
      ...c,
      new: [{ ...c.new[0], title: HOSTILE, page_url: `https://x.example/?q=${HOSTILE}` }],
    });
    const { container } = render(<CompareView olderId={3} newerId={7} onBack={() => {}} />);
    await screen.findByTestId("compare-view");
    expect(container.querySelector("img")).toBeNull();
    expect(screen.getByText(HOSTILE)).toBeTruthy();
  });
});
