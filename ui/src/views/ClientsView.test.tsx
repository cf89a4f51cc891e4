import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../api";
import type { ClientSummary } from "../bindings";
import { ToastProvider } from "../components/Toast";
import { ClientsView } from "./ClientsView";
import { peekFindingFocus } from "./history/focus";
import { checklist, comparison, HOSTILE, summary } from "./history/testData";

vi.mock("../api", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../api")>();
  return {
    ...actual,
    api: {
      listClients: vi.fn(),
      listPages: vi.fn(),
      listAudits: vi.fn(),
      auditChecklist: vi.fn(),
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
  last_audit: summary({ id: 9 }),
});

const audits = [summary({ id: 9, started_at: "2026-11-25T10:00:00Z" }), summary({ id: 8, started_at: "2026-11-12T10:00:00Z" })];

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
  m.listClients.mockResolvedValue([client("Acme")]);
  m.listPages.mockResolvedValue([
    { id: 1, client_id: 1, url: "https://shop.example.com/sale", created_at: "" },
    { id: 2, client_id: 1, url: "https://shop.example.com/blocked", created_at: "" },
  ]);
  m.listAudits.mockResolvedValue(audits);
  m.auditChecklist.mockResolvedValue(checklist());
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

  it("shows the latest audit's checklist; evidence opens the audit at the finding", async () => {
    const open = show();
    const panel = await screen.findByTestId("checklist");
    await waitFor(() => expect(m.auditChecklist).toHaveBeenCalledWith(9));
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
});
