import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { useState } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api";
import type { PageRow } from "../../bindings";
import { ToastProvider } from "../../components/Toast";
import { PageGrid } from "./PageGrid";
import { manyRows, row } from "./testRows";

vi.mock("../../api", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../api")>();
  return { ...actual, api: { exportPageGrid: vi.fn(), chooseSavePath: vi.fn() } };
});
const m = vi.mocked(api);

const READY = row({ url: "https://shop.example.com/ready", title: "Ready page", worst_first: 2, response_ms: 300 });
const WARN = row({ url: "https://shop.example.com/warn", title: "Almost", warnings: 2, utm: "lost", worst_first: 1, response_ms: 50 });
const BLOCKED = row({
  url: "https://shop.example.com/blocked",
  title: "Checkout",
  verdict: "blocked",
  vendor: "Cloudflare",
  blocking: 1,
  adsbot: { status: 403, text: "403" },
  pixel: "not_installed",
  events: [],
  worst_first: 0,
  response_ms: 900,
});

function Harness({ rows, onOpen = () => {} }: { rows: PageRow[]; onOpen?: (url: string) => void }) {
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <ToastProvider>
      <PageGrid auditId={7} clientName="Acme" startedAt="2026-11-25T10:00:00Z" rows={rows} selected={selected} onSelect={setSelected} onOpen={onOpen} />
      <output data-testid="selected">{selected ?? ""}</output>
    </ToastProvider>
  );
}

const urls = () => screen.getAllByTestId("page-row").map((r) => r.getAttribute("data-url"));

beforeEach(() => vi.resetAllMocks());
afterEach(cleanup);

describe("PageGrid", () => {
  it("lists the worst pages first, in the engine's order, with the engine's words", () => {
    render(<Harness rows={[READY, WARN, BLOCKED]} />);
    expect(urls()).toEqual([BLOCKED.url, WARN.url, READY.url]);
    const first = screen.getAllByTestId("page-row")[0];
    const cells = Array.from(first.querySelectorAll("[role=gridcell]")).map((c) => c.textContent);
    expect(cells).toEqual([BLOCKED.url, "Checkout", "Blocked", "Cloudflare", "Allowed", "403", "200", "900", "Not installed", "—", "Kept through redirects", "1", "0"]);
    expect(screen.getAllByRole("columnheader").map((h) => h.textContent)).toContain("Response time (ms)");
  });

  it("sorts by a column, both ways, and goes back to worst first", () => {
    render(<Harness rows={[READY, WARN, BLOCKED]} />);
    fireEvent.click(screen.getByTestId("sort-response_ms"));
    expect(urls()).toEqual([WARN.url, READY.url, BLOCKED.url]);
    expect(screen.getByTestId("sort-response_ms").parentElement!.getAttribute("aria-sort")).toBe("ascending");
    fireEvent.click(screen.getByTestId("sort-response_ms"));
    expect(urls()).toEqual([BLOCKED.url, READY.url, WARN.url]);
    fireEvent.click(screen.getByTestId("sort-title"));
    expect(urls()).toEqual([WARN.url, BLOCKED.url, READY.url]);
    fireEvent.click(screen.getByTestId("grid-worst-first"));
    expect(urls()).toEqual([BLOCKED.url, WARN.url, READY.url]);
  });

  it("filters by verdict and by problems, and searches addresses and titles", () => {
    render(<Harness rows={[READY, WARN, BLOCKED]} />);
    fireEvent.change(screen.getByTestId("grid-verdict"), { target: { value: "blocked" } });
    expect(urls()).toEqual([BLOCKED.url]);
    expect(screen.getByTestId("grid-count").textContent).toBe("1 of 3 pages");
    fireEvent.change(screen.getByTestId("grid-verdict"), { target: { value: "all" } });
    fireEvent.click(screen.getByTestId("grid-problems"));
    expect(urls()).toEqual([BLOCKED.url, WARN.url]);
    fireEvent.click(screen.getByText("All pages"));
    fireEvent.change(screen.getByTestId("grid-search"), { target: { value: "ready page" } });
    expect(urls()).toEqual([READY.url]);
    fireEvent.change(screen.getByTestId("grid-search"), { target: { value: "/WARN" } });
    expect(urls()).toEqual([WARN.url]);
    fireEvent.change(screen.getByTestId("grid-search"), { target: { value: "nothing like it" } });
    expect(screen.queryAllByTestId("page-row")).toHaveLength(0);
    expect(screen.getByText(/No page matches/)).toBeTruthy();
  });

  it("moves the selection with the keyboard and opens the selected page with Enter", () => {
    const onOpen = vi.fn();
    render(<Harness rows={[READY, WARN, BLOCKED]} onOpen={onOpen} />);
    const grid = screen.getByTestId("page-grid");
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    expect(screen.getByTestId("selected").textContent).toBe(BLOCKED.url);
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    expect(screen.getByTestId("selected").textContent).toBe(WARN.url);
    expect(screen.getAllByTestId("page-row")[1].getAttribute("aria-selected")).toBe("true");
    fireEvent.keyDown(grid, { key: "End" });
    expect(screen.getByTestId("selected").textContent).toBe(READY.url);
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    expect(screen.getByTestId("selected").textContent).toBe(READY.url);
    fireEvent.keyDown(grid, { key: "Home" });
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    fireEvent.keyDown(grid, { key: "ArrowUp" });
    expect(onOpen).not.toHaveBeenCalled();
    fireEvent.keyDown(grid, { key: "Enter" });
    expect(onOpen).toHaveBeenCalledWith(BLOCKED.url);
  });

  it("keeps only a window of rows in the page for 5,000 pages, and moves it on scroll", () => {
    render(<Harness rows={manyRows(5000)} />);
    const shown = screen.getAllByTestId("page-row");
    expect(shown.length).toBeGreaterThan(10);
    expect(shown.length).toBeLessThan(60);
    // Worst first: the blocked pages (every seventh) lead.
    expect(shown[0].getAttribute("data-url")).toBe("https://shop.example.com/p/0");
    expect(shown[1].getAttribute("data-url")).toBe("https://shop.example.com/p/7");
    const grid = screen.getByTestId("page-grid");
    grid.scrollTop = 32 * 4000;
    fireEvent.scroll(grid);
    const after = screen.getAllByTestId("page-row");
    expect(after.length).toBeLessThan(60);
    expect(after.map((r) => r.getAttribute("aria-rowindex"))).toContain(String(4000 + 2));
    fireEvent.keyDown(grid, { key: "End" });
    expect(screen.getAllByTestId("page-row").some((r) => r.getAttribute("aria-selected") === "true")).toBe(true);
  });

  it("exports the rows in view, in view order", async () => {
    m.exportPageGrid.mockResolvedValue("/exports/Acme pages.csv");
    render(<Harness rows={[READY, WARN, BLOCKED]} />);
    fireEvent.click(screen.getByTestId("sort-response_ms"));
    fireEvent.click(screen.getByTestId("sort-response_ms"));
    fireEvent.click(screen.getByTestId("grid-problems"));
    fireEvent.click(screen.getByTestId("grid-export"));
    await waitFor(() => expect(m.exportPageGrid).toHaveBeenCalledWith(7, [BLOCKED.url, WARN.url], null));
    expect(await screen.findByText(/Saved the 2 pages in view to \/exports\/Acme pages.csv/)).toBeTruthy();
  });

  it("saves the view where the user chooses, and does nothing when they cancel", async () => {
    m.chooseSavePath.mockResolvedValueOnce(null).mockResolvedValueOnce("/home/me/view.csv");
    m.exportPageGrid.mockResolvedValue("/home/me/view.csv");
    render(<Harness rows={[READY, WARN, BLOCKED]} />);
    fireEvent.change(screen.getByTestId("grid-verdict"), { target: { value: "reachable" } });
    fireEvent.click(screen.getByTestId("grid-export-as"));
    await waitFor(() => expect(m.chooseSavePath).toHaveBeenCalledWith("Save the pages in view as CSV", "Acme audit 2026-11-25 #7 pages.csv"));
    expect(m.exportPageGrid).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId("grid-export-as"));
    await waitFor(() => expect(m.exportPageGrid).toHaveBeenCalledWith(7, [WARN.url, READY.url], "/home/me/view.csv"));
  });

  it("says what went wrong when the file cannot be written", async () => {
    m.exportPageGrid.mockRejectedValue({ code: "read_only", message: "Cannot write to /x.", hint: null });
    render(<Harness rows={[READY]} />);
    fireEvent.click(screen.getByTestId("grid-export"));
    expect(await screen.findByText(/Cannot write to \/x\. Choose another place/)).toBeTruthy();
  });
});
