import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../api";
import type { ClientStatus, ClientSummary } from "../bindings";
import { ToastProvider } from "../components/Toast";
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

function show(onOpenAudit = vi.fn()) {
  render(
    <ToastProvider>
      <ClientsView selectedId={1} onSelect={() => {}} onOpenAudit={onOpenAudit} running={{}} refreshKey={0} />
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
