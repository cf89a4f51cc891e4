import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../api";
import type { ClientStatus, ClientSummary } from "../bindings";
import { ToastProvider } from "../components/Toast";
import { REVISION_POLL_MS } from "../revision";
import { ClientsView } from "./ClientsView";
import { peekFindingFocus } from "./history/focus";
import { clientStatus, comparison, HOSTILE, listing } from "./history/testData";

vi.mock("../api", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../api")>();
  return {
    ...actual,
    api: {
      listClients: vi.fn(),
      adsConnection: vi.fn(() => Promise.resolve({ connected: false, ad_count: 0 })),
      monitorSchedule: vi.fn(),
      alertChannels: vi.fn(),
      capiOverview: vi.fn(),
      alertDeliveries: vi.fn(),
      listPages: vi.fn(),
      listAudits: vi.fn(),
      readinessOverview: vi.fn(),
      compareAudits: vi.fn(),
      parseUrls: vi.fn(),
      listFunnels: vi.fn(),
      clientFunnel: vi.fn(),
      setClientFunnel: vi.fn(),
      browserStatus: vi.fn(),
      startAudit: vi.fn(),
      dataRevision: vi.fn(),
      deleteClient: vi.fn(),
      restoreClient: vi.fn(),
    },
  };
});
const m = vi.mocked(api);

const client = (name: string): ClientSummary => ({
  client: { id: 1, name, created_at: "2026-11-01T10:00:00Z" },
  page_count: 2,
});

const audits = [listing({ id: 9, started_at: "2026-11-25T10:00:00Z" }), listing({ id: 8, started_at: "2026-11-12T10:00:00Z" })];

/** Acme as the engine sees it: its current audit is #9. */
const status = (over: Partial<ClientStatus> = {}) =>
  clientStatus({ client_id: 1, client_name: "Acme", current: audits[0], ...over });

function show(onOpenAudit = vi.fn(), onSelect: (id: number | null) => void = () => {}) {
  render(
    <ToastProvider>
      <ClientsView selectedId={1} onSelect={onSelect} onOpenAudit={onOpenAudit} running={{}} refreshKey={0} />
    </ToastProvider>,
  );
  return onOpenAudit;
}

beforeEach(() => {
  vi.resetAllMocks();
  m.adsConnection.mockResolvedValue({ connected: false, ad_count: 0 });
  m.monitorSchedule.mockResolvedValue(null);
  m.alertChannels.mockResolvedValue([]);
  m.capiOverview.mockResolvedValue({ has_key: false, endpoint: "https://bzr.openai.com" });
  m.alertDeliveries.mockResolvedValue([]);
  m.listClients.mockResolvedValue([client("Acme")]);
  m.listPages.mockResolvedValue([
    { id: 1, client_id: 1, url: "https://shop.example.com/sale", created_at: "" },
    { id: 2, client_id: 1, url: "https://shop.example.com/blocked", created_at: "" },
  ]);
  m.listAudits.mockResolvedValue(audits);
  m.readinessOverview.mockResolvedValue([status()]);
  m.compareAudits.mockResolvedValue(comparison());
  m.listFunnels.mockResolvedValue([]);
  m.clientFunnel.mockResolvedValue(null);
  m.browserStatus.mockResolvedValue({ found: true, path: "/usr/bin/chromium", message: null });
  m.dataRevision.mockResolvedValue("r1");
});
afterEach(cleanup);

describe("ClientsView", () => {
  it("renders a hostile client name literally", async () => {
    m.listClients.mockResolvedValue([client(HOSTILE)]);
    show();
    expect((await screen.findByTestId("client-title")).textContent).toBe(HOSTILE);
    expect(document.querySelector("img")).toBeNull();
  });

  it("shows the current audit's checklist; evidence opens the audit at the finding", async () => {
    const open = show();
    const panel = await screen.findByTestId("checklist");
    expect(within(panel).getByTestId("checklist-headline").textContent).toBe("Not ready (engine): the blocked page needs the firewall opened.");
    fireEvent.click(within(panel).getAllByTestId("checklist-evidence")[0]);
    expect(open).toHaveBeenCalledWith(9);
    expect(peekFindingFocus(9)).toEqual({ auditId: 9, url: "https://shop.example.com/blocked", findingId: "waf-blocks-adsbot" });
  });

  it("compares two audits from the history", async () => {
    show();
    await waitFor(() => expect(screen.getAllByTestId("audit-item")).toHaveLength(2));
    const picks = screen.getAllByTestId("history-pick");
    fireEvent.click(picks[0]);
    fireEvent.click(picks[1]);
    fireEvent.click(screen.getByTestId("compare-picked"));
    await screen.findByTestId("compare-view");
    expect(m.compareAudits).toHaveBeenCalledWith(8, 9);
    fireEvent.click(screen.getByTestId("compare-back"));
    await screen.findByTestId("audit-history");
  });

  it("says the current audit's headline in the client list", async () => {
    show();
    await waitFor(() =>
      expect(screen.getByTestId("client-status").textContent).toBe("2 pages · Not ready (engine): the blocked page needs the firewall opened."),
    );
  });

  it("keeps a stopped newer audit out of the client's status and checklist", async () => {
    const stopped = listing({ id: 10, status: "cancelled", started_at: "2026-11-26T10:00:00Z" });
    m.listAudits.mockResolvedValue([stopped, ...audits]);
    m.readinessOverview.mockResolvedValue([status({ newer_partial: stopped })]);
    const open = show();
    await waitFor(() =>
      expect(screen.getByTestId("client-status").textContent).toBe(
        "2 pages · Not ready (engine): the blocked page needs the firewall opened. · newer audit stopped",
      ),
    );
    // The checklist is the complete audit's; the stopped one is a note beside it.
    const panel = await screen.findByTestId("checklist");
    expect(within(panel).getByTestId("checklist-state").textContent).toBe("Not ready");
    expect(panel.textContent).not.toContain("Ready for ChatGPT Ads");
    expect(screen.getByTestId("client-partial-note").textContent).toContain("Partial (engine): stopped after 2 of 13 pages.");
    fireEvent.click(within(panel).getAllByTestId("checklist-evidence")[0]);
    expect(open).toHaveBeenLastCalledWith(9);
    fireEvent.click(screen.getByTestId("client-partial-audit"));
    expect(open).toHaveBeenLastCalledWith(10);
  });

  it("says when a client has no complete audit yet, and shows no checklist", async () => {
    const stopped = listing({ id: 10, status: "cancelled" });
    m.listAudits.mockResolvedValue([stopped]);
    m.readinessOverview.mockResolvedValue([status({ current: null, newer_partial: stopped })]);
    show();
    await waitFor(() => expect(screen.getByTestId("client-status").textContent).toBe("2 pages · no complete audit yet · newer audit stopped"));
    await screen.findByTestId("client-partial-note");
    expect(screen.queryByTestId("checklist")).toBeNull();
    expect(document.body.textContent).not.toMatch(/\bReady\b/);
  });

  it("says a client was not audited yet", async () => {
    m.listAudits.mockResolvedValue([]);
    m.readinessOverview.mockResolvedValue([status({ current: null })]);
    show();
    await waitFor(() => expect(screen.getByTestId("client-status").textContent).toBe("2 pages · not audited yet"));
  });

  it("still lists the clients when their status cannot be read", async () => {
    m.readinessOverview.mockRejectedValue({ code: "database", message: "The database is busy." });
    show();
    expect((await screen.findByTestId("client-title")).textContent).toBe("Acme");
    await waitFor(() => expect(screen.getByTestId("client-status").textContent).toBe("2 pages"));
  });
});

describe("ClientsView in a team workspace", () => {
  const beta: ClientSummary = { client: { id: 2, name: "Beta", created_at: "2026-11-02T10:00:00Z" }, page_count: 0 };
  const tick = () => act(() => vi.advanceTimersByTimeAsync(REVISION_POLL_MS));
  let visibility: DocumentVisibilityState = "visible";

  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    visibility = "visible";
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => visibility });
  });
  afterEach(() => {
    vi.useRealTimers();
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "visible" });
  });

  it("shows what colleagues added after the next poll, keeping the client open", async () => {
    show();
    await screen.findByTestId("client-title");
    await waitFor(() => expect(screen.getAllByTestId("audit-item")).toHaveLength(2));
    await waitFor(() => expect(m.dataRevision).toHaveBeenCalled());
    const clientReads = m.listClients.mock.calls.length;
    const auditReads = m.listAudits.mock.calls.length;

    // Nothing changed: nothing is read again.
    await tick();
    expect(m.listClients.mock.calls.length).toBe(clientReads);
    expect(m.listAudits.mock.calls.length).toBe(auditReads);

    m.dataRevision.mockResolvedValue("r2");
    m.listClients.mockResolvedValue([client("Acme"), beta]);
    m.listAudits.mockResolvedValue([listing({ id: 11, started_at: "2026-11-26T10:00:00Z" }), ...audits]);
    await tick();
    await waitFor(() => expect(screen.getAllByTestId("client-item")).toHaveLength(2));
    await waitFor(() => expect(screen.getAllByTestId("audit-item")).toHaveLength(3));
    expect(screen.getByTestId("client-title").textContent).toBe("Acme");
    expect(m.listClients.mock.calls.length).toBe(clientReads + 1);
  });

  it("does not poll while the window is hidden, and catches up when it is shown", async () => {
    show();
    await screen.findByTestId("client-title");
    await waitFor(() => expect(m.dataRevision).toHaveBeenCalled());
    visibility = "hidden";
    const polls = m.dataRevision.mock.calls.length;
    m.dataRevision.mockResolvedValue("r2");
    m.listClients.mockResolvedValue([client("Acme"), beta]);
    await tick();
    await tick();
    expect(m.dataRevision.mock.calls.length).toBe(polls);
    expect(screen.getAllByTestId("client-item")).toHaveLength(1);

    visibility = "visible";
    act(() => {
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await waitFor(() => expect(screen.getAllByTestId("client-item")).toHaveLength(2));
  });

  it("says plainly when a colleague deleted the client being viewed, with a way back", async () => {
    const onSelect = vi.fn();
    show(vi.fn(), onSelect);
    await screen.findByTestId("client-title");
    await waitFor(() => expect(m.dataRevision).toHaveBeenCalled());

    m.dataRevision.mockResolvedValue("r2");
    m.listClients.mockResolvedValue([beta]);
    await tick();
    const notice = await screen.findByTestId("deleted-notice");
    expect(notice.textContent).toContain("“Acme” was deleted");
    expect(notice.textContent).toContain("perhaps a colleague");
    expect(screen.queryByTestId("client-title")).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
    fireEvent.click(within(notice).getByTestId("deleted-back"));
    expect(onSelect).toHaveBeenCalledWith(2);
  });
});

describe("deleting a client oneself", () => {
  function Selecting() {
    const [selected, setSelected] = useState<number | null>(1);
    return <ClientsView selectedId={selected} onSelect={setSelected} onOpenAudit={() => {}} running={{}} refreshKey={0} />;
  }

  it("is not taken for a colleague's delete, and Undo brings the client back", async () => {
    const beta: ClientSummary = { client: { id: 2, name: "Beta", created_at: "2026-11-02T10:00:00Z" }, page_count: 0 };
    m.listClients.mockResolvedValue([client("Acme"), beta]);
    m.deleteClient.mockImplementation(async () => {
      m.listClients.mockResolvedValue([beta]);
    });
    m.restoreClient.mockImplementation(async () => {
      m.listClients.mockResolvedValue([client("Acme"), beta]);
      return client("Acme").client;
    });
    render(
      <ToastProvider>
        <Selecting />
      </ToastProvider>,
    );
    expect((await screen.findByTestId("client-title")).textContent).toBe("Acme");
    fireEvent.click(screen.getByText("Delete"));
    fireEvent.click(screen.getByText("Delete client"));
    await waitFor(() => expect(screen.getByTestId("client-title").textContent).toBe("Beta"));
    expect(screen.queryByTestId("deleted-notice")).toBeNull();
    fireEvent.click(await screen.findByText("Undo"));
    await waitFor(() => expect(screen.getAllByTestId("client-item")).toHaveLength(2));
    expect(m.restoreClient).toHaveBeenCalledWith(1);
  });
});
