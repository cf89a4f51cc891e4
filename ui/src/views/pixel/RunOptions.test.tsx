import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../../api";
import type { ClientSummary } from "../../bindings";
import { ToastProvider } from "../../components/Toast";
import { ClientsView } from "../ClientsView";
import { listing } from "../history/testData";
import { ECOMMERCE, LEADS } from "./testData";

vi.mock("../../api", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../api")>();
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
      parseUrls: vi.fn(),
      listFunnels: vi.fn(),
      clientFunnel: vi.fn(),
      setClientFunnel: vi.fn(),
      browserStatus: vi.fn(),
      startAudit: vi.fn(),
      dataRevision: vi.fn(),
    },
  };
});
const m = vi.mocked(api);

const client: ClientSummary = { client: { id: 1, name: "Acme", created_at: "2026-11-01T10:00:00Z" }, page_count: 1 };

function show() {
  render(
    <ToastProvider>
      <ClientsView selectedId={1} onSelect={() => {}} onOpenAudit={() => {}} running={{}} refreshKey={0} />
    </ToastProvider>,
  );
}

const funnelSelect = () => screen.getByTestId("funnel-select") as HTMLSelectElement;
const renderedToggle = () => screen.getByTestId("rendered-toggle") as HTMLInputElement;

beforeEach(() => {
  vi.resetAllMocks();
  m.adsConnection.mockResolvedValue({ connected: false, ad_count: 0 });
  m.monitorSchedule.mockResolvedValue(null);
  m.alertChannels.mockResolvedValue([]);
  m.capiOverview.mockResolvedValue({ has_key: false, endpoint: "https://bzr.openai.com" });
  m.alertDeliveries.mockResolvedValue([]);
  m.listClients.mockResolvedValue([client]);
  m.listPages.mockResolvedValue([{ id: 1, client_id: 1, url: "https://shop.example.com/sale", created_at: "" }]);
  m.listAudits.mockResolvedValue([listing({ id: 9 })]);
  m.readinessOverview.mockRejectedValue({ code: "not_found", message: "" });
  m.listFunnels.mockResolvedValue([ECOMMERCE, LEADS]);
  m.clientFunnel.mockResolvedValue("lead-generation");
  m.setClientFunnel.mockResolvedValue(undefined);
  m.browserStatus.mockResolvedValue({ found: true, path: "/usr/bin/chromium", message: null });
  m.startAudit.mockResolvedValue(10);
  m.dataRevision.mockResolvedValue("r1");
});
afterEach(cleanup);

describe("Run options", () => {
  it("starts from the client's funnel, saves a new choice and passes both options to the audit", async () => {
    show();
    await waitFor(() => expect(funnelSelect().value).toBe("lead-generation"));
    expect(Array.from(funnelSelect().options).map((o) => o.textContent)).toEqual(["No funnel", "E-commerce", "Lead generation"]);
    expect(screen.getByLabelText("Conversion funnel")).toBe(funnelSelect());

    fireEvent.change(funnelSelect(), { target: { value: "ecommerce" } });
    expect(m.setClientFunnel).toHaveBeenCalledWith(1, "ecommerce");
    expect(renderedToggle().checked).toBe(false);
    fireEvent.click(screen.getByLabelText(/Also run each page in a browser/));
    expect(renderedToggle().checked).toBe(true);

    await waitFor(() => expect((screen.getByTestId("run-audit") as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId("run-audit"));
    await waitFor(() => expect(m.startAudit).toHaveBeenCalledWith(1, { rendered: true, funnel: "ecommerce" }));
  });

  it("runs without a funnel when No funnel is chosen", async () => {
    show();
    await waitFor(() => expect(funnelSelect().value).toBe("lead-generation"));
    fireEvent.change(funnelSelect(), { target: { value: "" } });
    expect(m.setClientFunnel).toHaveBeenCalledWith(1, null);
    await waitFor(() => expect((screen.getByTestId("run-audit") as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId("run-audit"));
    await waitFor(() => expect(m.startAudit).toHaveBeenCalledWith(1, { rendered: false }));
  });

  it("disables the browser run and says how to get a browser when none is installed", async () => {
    m.browserStatus.mockResolvedValue({ found: false, path: null, message: "No Chrome or Chromium was found. Install Google Chrome." });
    show();
    expect((await screen.findByTestId("browser-missing")).textContent).toBe("No Chrome or Chromium was found. Install Google Chrome.");
    expect(renderedToggle().disabled).toBe(true);
    await waitFor(() => expect((screen.getByTestId("run-audit") as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId("run-audit"));
    await waitFor(() => expect(m.startAudit).toHaveBeenCalledWith(1, { rendered: false, funnel: "lead-generation" }));
  });
});
