import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../api";
import { OverviewView } from "./OverviewView";
import { checklist, clientStatus, counts, HOSTILE, listing, readiness, readyReadiness } from "./history/testData";

vi.mock("../api", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../api")>();
  return { ...actual, api: { readinessOverview: vi.fn() } };
});
const readinessOverview = vi.mocked(api.readinessOverview);

const rows = [
  clientStatus({ client_id: 1, client_name: "Alpha", current: listing({ id: 10, client_id: 1 }, readyReadiness()) }),
  clientStatus({
    client_id: 2,
    client_name: "Bravo",
    current: listing({ id: 20, client_id: 2 }, readiness({ counts: counts({ pages: 14, reachable: 4, failing_pages: 10 }) })),
  }),
  clientStatus({ client_id: 3, client_name: "Charlie", current: null }),
  clientStatus({ client_id: 4, client_name: "Delta", current: listing({ id: 40, client_id: 4 }, readiness({ counts: counts({ failing_pages: 1 }) })) }),
];

/** A client whose newest audit was stopped after 2 of 13 pages, both of them fine. */
const stopped = clientStatus({
  client_id: 5,
  client_name: "Echo",
  current: listing({ id: 50, client_id: 5, started_at: "2026-11-20T10:00:00Z" }),
  newer_partial: listing({ id: 51, client_id: 5, status: "cancelled", started_at: "2026-11-26T10:00:00Z" }),
});

const names = () => screen.getAllByTestId("overview-client").map((b) => b.textContent);

function show(props: Partial<Parameters<typeof OverviewView>[0]> = {}) {
  return render(<OverviewView onOpenAudit={() => {}} onOpenClient={() => {}} refreshKey={0} {...props} />);
}

beforeEach(() => {
  readinessOverview.mockReset();
});
afterEach(cleanup);

describe("OverviewView", () => {
  it("puts clients with the most pages with blocking problems first", async () => {
    readinessOverview.mockResolvedValue(rows);
    show();
    await screen.findByTestId("overview-table");
    expect(names()).toEqual(["Bravo", "Delta", "Alpha", "Charlie"]);
    expect(screen.getByTestId("overview-summary").textContent).toBe(
      "2 clients are not ready in their latest complete audit. 1 of 4 clients ready, 1 not audited yet.",
    );
    expect(screen.getByTestId("sort-blocking").closest("th")!.getAttribute("aria-sort")).toBe("descending");
    expect(screen.getByTestId("sort-blocking").textContent).toContain("Pages with blocking problems");
  });

  it("re-sorts on header click and reverses on a second click", async () => {
    readinessOverview.mockResolvedValue(rows);
    show();
    await screen.findByTestId("overview-table");
    fireEvent.click(screen.getByTestId("sort-client"));
    expect(names()).toEqual(["Alpha", "Bravo", "Charlie", "Delta"]);
    fireEvent.click(screen.getByTestId("sort-client"));
    expect(names()).toEqual(["Delta", "Charlie", "Bravo", "Alpha"]);
    fireEvent.click(screen.getByTestId("sort-ready"));
    expect(names()).toEqual(["Bravo", "Delta", "Charlie", "Alpha"]);
    fireEvent.click(screen.getByTestId("sort-pixel"));
    expect(names()[0]).toBe("Bravo");
    expect(names()[3]).toBe("Charlie");
  });

  it("shows the engine's verdict and counts, and says what each item column counts", async () => {
    const item = { ...checklist().items[0], passed: 10, checked: 14 };
    readinessOverview.mockResolvedValue([
      clientStatus({
        client_id: 2,
        client_name: "Bravo",
        current: listing({ id: 20 }, readiness({ label: "Not ready", checklist: checklist({ items: [item, ...checklist().items.slice(1)] }) })),
      }),
    ]);
    show();
    const row = (await screen.findAllByTestId("overview-row"))[0];
    expect(within(row).getByTestId("overview-state").textContent).toBe("Not ready");
    expect(within(row).getByTestId("overview-blocking").textContent).toBe("1");
    expect(within(row).getByTestId("overview-reachability").textContent).toBe("Fail 10 of 14 pass");
    expect(within(row).getByTestId("overview-pixel").textContent).toBe("Needs attention 1 of 1 pass");
    expect(within(row).getByTestId("overview-utm").textContent).toBe("Not checked");
  });

  it("keeps a stopped newer audit beside the complete one, never instead of it", async () => {
    readinessOverview.mockResolvedValue([stopped]);
    const onOpenAudit = vi.fn();
    show({ onOpenAudit });
    const row = (await screen.findAllByTestId("overview-row"))[0];
    // The verdict and counts are the complete audit's.
    expect(within(row).getByTestId("overview-state").textContent).toBe("Not ready");
    expect(within(row).getByTestId("overview-blocking").textContent).toBe("1");
    expect(row.textContent).not.toMatch(/\bReady\b/);
    expect(within(row).getByTestId("overview-partial-headline").textContent).toBe("Partial (engine): stopped after 2 of 13 pages.");
    fireEvent.click(within(row).getByTestId("overview-audit"));
    expect(onOpenAudit).toHaveBeenLastCalledWith(50);
    fireEvent.click(within(row).getByTestId("overview-partial-audit"));
    expect(onOpenAudit).toHaveBeenLastCalledWith(51);
    expect(screen.getByTestId("overview-summary").textContent).toContain("1 client is not ready in its latest complete audit.");
  });

  it("says when a client has no complete audit yet", async () => {
    readinessOverview.mockResolvedValue([{ ...stopped, current: null }]);
    show();
    const row = (await screen.findAllByTestId("overview-row"))[0];
    expect(within(row).getByTestId("overview-state").textContent).toBe("No complete audit yet");
    expect(within(row).getByTestId("overview-blocking").textContent).toBe("–");
    expect(within(row).queryByTestId("overview-audit")).toBeNull();
    expect(within(row).getByTestId("overview-partial-headline").textContent).toBe("Partial (engine): stopped after 2 of 13 pages.");
    expect(row.textContent).not.toMatch(/\bReady\b/);
    expect(screen.getByTestId("overview-summary").textContent).toBe(
      "No client is held back by its latest complete audit. 0 of 1 client ready, 1 with no complete audit yet.",
    );
  });

  it("opens the client or the audit", async () => {
    readinessOverview.mockResolvedValue([rows[1]]);
    const onOpenClient = vi.fn();
    const onOpenAudit = vi.fn();
    show({ onOpenClient, onOpenAudit });
    fireEvent.click(await screen.findByTestId("overview-client"));
    expect(onOpenClient).toHaveBeenCalledWith(2);
    fireEvent.click(screen.getByTestId("overview-audit"));
    expect(onOpenAudit).toHaveBeenCalledWith(20);
  });

  it("has empty states for no clients and no audits", async () => {
    readinessOverview.mockResolvedValue([]);
    show();
    expect(await screen.findByText("No clients yet")).toBeTruthy();
    cleanup();
    readinessOverview.mockResolvedValue([rows[2]]);
    show();
    expect(await screen.findByText("No audits yet")).toBeTruthy();
  });

  it("shows an error with a retry", async () => {
    readinessOverview.mockRejectedValueOnce({ code: "database", message: "The database is busy." }).mockResolvedValue(rows);
    show();
    expect((await screen.findByRole("alert")).textContent).toContain("The database is busy.");
    fireEvent.click(screen.getByText("Try again"));
    await screen.findByTestId("overview-table");
  });

  it("renders client names literally", async () => {
    readinessOverview.mockResolvedValue([clientStatus({ client_id: 5, client_name: HOSTILE })]);
    const { container } = show();
    await screen.findByTestId("overview-table");
    expect(container.querySelector("img")).toBeNull();
    expect(names()).toEqual([HOSTILE]);
  });
});
