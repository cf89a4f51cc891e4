import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../api";
import { OverviewView } from "./OverviewView";
import { checklist, HOSTILE, readiness } from "./history/testData";

vi.mock("../api", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../api")>();
  return { ...actual, api: { readinessOverview: vi.fn() } };
});
const readinessOverview = vi.mocked(api.readinessOverview);

const ready = checklist({
  ready: true,
  blocking_pages: 0,
  items: checklist().items.map((i) => ({ ...i, status: "pass" as const, evidence: [] })),
});

const rows = [
  readiness({ client_id: 1, client_name: "Alpha", checklist: ready }),
  readiness({ client_id: 2, client_name: "Bravo", checklist: checklist({ blocking_pages: 3 }) }),
  readiness({ client_id: 3, client_name: "Charlie", audit: null, checklist: null }),
  readiness({ client_id: 4, client_name: "Delta", checklist: checklist({ blocking_pages: 1 }) }),
];

const names = () => screen.getAllByTestId("overview-client").map((b) => b.textContent);

function show(props: Partial<Parameters<typeof OverviewView>[0]> = {}) {
  return render(<OverviewView onOpenAudit={() => {}} onOpenClient={() => {}} refreshKey={0} {...props} />);
}

beforeEach(() => {
  readinessOverview.mockReset();
});
afterEach(cleanup);

describe("OverviewView", () => {
  it("puts clients with blocking problems first", async () => {
    readinessOverview.mockResolvedValue(rows);
    show();
    await screen.findByTestId("overview-table");
    expect(names()).toEqual(["Bravo", "Delta", "Alpha", "Charlie"]);
    expect(screen.getByTestId("overview-summary").textContent).toContain("2 clients have blocking problems");
    expect(screen.getByTestId("sort-blocking").closest("th")!.getAttribute("aria-sort")).toBe("descending");
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

  it("shows each checklist item's status", async () => {
    readinessOverview.mockResolvedValue([rows[1]]);
    show();
    const row = (await screen.findAllByTestId("overview-row"))[0];
    expect(row.textContent).toContain("Fail");
    expect(row.textContent).toContain("Needs attention");
    expect(row.textContent).toContain("Not checked");
    expect(within(row).getByTestId("overview-blocking").textContent).toBe("3");
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
    readinessOverview.mockResolvedValue([readiness({ client_id: 5, client_name: HOSTILE })]);
    const { container } = show();
    await screen.findByTestId("overview-table");
    expect(container.querySelector("img")).toBeNull();
    expect(names()).toEqual([HOSTILE]);
  });
});
