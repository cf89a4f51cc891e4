import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../api";
import type { ChangeListing, ClientSummary } from "../bindings";
import { forgetAllKept } from "../keep";
import { ChangesView } from "./ChangesView";

vi.mock("../api", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../api")>();
  return { ...actual, api: { listClients: vi.fn(), listMonitorChanges: vi.fn() } };
});
const m = vi.mocked(api);

const client = (id: number, name: string): ClientSummary => ({ client: { id, name, created_at: "2026-11-01T10:00:00Z" }, page_count: 1 });

const WORSE: ChangeListing = {
  id: 2,
  client_id: 1,
  client_name: "Acme",
  older_run_id: 40,
  newer_run_id: 41,
  detected_at: "2026-11-25T09:01:00Z",
  kind_label: "Reachability",
  direction_label: "Worse",
  event: {
    page_url: "https://shop.example.com/sale?<img src=x onerror=alert(1)>",
    kind: "reachability",
    direction: "worse",
    finding_id: null,
    sentence: "OAI-AdsBot is now blocked by a challenge page.",
  },
};

const FIXED: ChangeListing = {
  id: 1,
  client_id: 2,
  client_name: "Globex",
  older_run_id: 30,
  newer_run_id: 31,
  detected_at: "2026-11-24T09:01:00Z",
  kind_label: "Funnel event",
  direction_label: "Fixed",
  event: {
    page_url: "https://globex.example/start",
    kind: "funnel_event",
    direction: "better",
    finding_id: "pixel-funnel-event-purchase",
    sentence: "The purchase event is sent again.",
  },
};

function show(onOpenAudit = vi.fn(), refreshKey = 0) {
  const view = render(<ChangesView onOpenAudit={onOpenAudit} refreshKey={refreshKey} />);
  return { onOpenAudit, view };
}

beforeEach(() => {
  vi.resetAllMocks();
  forgetAllKept();
  m.listClients.mockResolvedValue([client(1, "Acme"), client(2, "Globex")]);
});
afterEach(cleanup);

describe("the Changes view", () => {
  it("lists every client's changes newest first with their direction, kind, page and sentence", async () => {
    m.listMonitorChanges.mockResolvedValue([WORSE, FIXED]);
    show();
    const rows = await screen.findAllByTestId("change-row");
    expect(m.listMonitorChanges).toHaveBeenCalledWith(null);
    expect(rows).toHaveLength(2);
    const first = within(rows[0]);
    expect(first.getByTestId("change-direction").textContent).toBe("Worse");
    expect(first.getByTestId("change-direction").className).toContain("badge-bad");
    expect(first.getByTestId("change-kind").textContent).toBe("Reachability");
    expect(first.getByTestId("change-client").textContent).toBe("Acme");
    expect(first.getByTestId("change-url").textContent).toBe(WORSE.event.page_url);
    expect(first.getByTestId("change-sentence").textContent).toBe("OAI-AdsBot is now blocked by a challenge page.");
    const second = within(rows[1]);
    expect(second.getByTestId("change-direction").textContent).toBe("Fixed");
    expect(second.getByTestId("change-kind").textContent).toBe("Funnel event");
    // Page addresses are text, never links out, and never markup.
    expect(document.querySelector(".change-list a")).toBeNull();
    expect(document.querySelector(".change-list img")).toBeNull();
    expect(screen.getByTestId("changes-count").textContent).toBe("2 changes, 1 worse");
  });

  it("shows one client's changes when it is chosen", async () => {
    m.listMonitorChanges.mockResolvedValueOnce([WORSE, FIXED]).mockResolvedValue([FIXED]);
    show();
    await screen.findAllByTestId("change-row");
    await screen.findByRole("option", { name: "Globex" });
    fireEvent.change(screen.getByTestId("changes-client"), { target: { value: "2" } });
    await waitFor(() => expect(m.listMonitorChanges).toHaveBeenLastCalledWith(2));
    await waitFor(() => expect(screen.getAllByTestId("change-row")).toHaveLength(1));
    expect(screen.getByTestId("change-client").textContent).toBe("Globex");
  });

  it("opens the newer or the older audit of a change", async () => {
    m.listMonitorChanges.mockResolvedValue([WORSE]);
    const { onOpenAudit } = show();
    await screen.findByTestId("change-row");
    fireEvent.click(screen.getByTestId("change-open-newer"));
    expect(onOpenAudit).toHaveBeenLastCalledWith(41);
    fireEvent.click(screen.getByTestId("change-open-older"));
    expect(onOpenAudit).toHaveBeenLastCalledWith(40);
  });

  it("says what will show here when nothing changed yet", async () => {
    m.listMonitorChanges.mockResolvedValue([]);
    show();
    expect((await screen.findByTestId("changes-empty")).textContent).toContain(
      "No changes yet" + "When a scheduled audit finds that a page got worse or was fixed, it shows here.",
    );
  });

  it("reads the changes again when scheduled audits ran", async () => {
    m.listMonitorChanges.mockResolvedValueOnce([]).mockResolvedValue([WORSE]);
    const { onOpenAudit, view } = show();
    await screen.findByTestId("changes-empty");
    view.rerender(<ChangesView onOpenAudit={onOpenAudit} refreshKey={1} />);
    expect(await screen.findByTestId("change-row")).toBeTruthy();
  });

  it("shows a read failure with a way to try again", async () => {
    m.listMonitorChanges.mockRejectedValueOnce({ code: "database_busy", message: "The database is busy." }).mockResolvedValue([]);
    show();
    expect((await screen.findByRole("alert")).textContent).toContain("The database is busy.");
    fireEvent.click(screen.getByText("Try again"));
    expect(await screen.findByTestId("changes-empty")).toBeTruthy();
  });
});
