import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { JourneyUpdate } from "../bindings";
import { ToastProvider } from "../components/Toast";
import { AuditView } from "./AuditView";
import { row } from "./audit/testRows";
import { finding, listing, page, readiness, report } from "./history/testData";
import { ECOMMERCE, journey, pixel, runFunnel } from "./pixel/testData";

const mocks = vi.hoisted(() => ({
  api: {
    getAudit: vi.fn(),
    auditReadiness: vi.fn(),
    auditPageRows: vi.fn(),
    whatOpenAiSaw: vi.fn(() => Promise.resolve(null)),
    exportPageGrid: vi.fn(),
    listAudits: vi.fn(),
    exportAudit: vi.fn(),
    chooseSavePath: vi.fn(),
    listFunnels: vi.fn(),
    eventMappingTable: vi.fn(),
    browserStatus: vi.fn(),
    setAuditFunnel: vi.fn(),
    startJourney: vi.fn(),
    finishJourney: vi.fn(),
    replayJourney: vi.fn(),
    cancelReplay: vi.fn(),
    dataRevision: vi.fn(),
    auditSummary: vi.fn(),
    listComments: vi.fn(() => Promise.resolve([])),
  },
  listeners: [] as ((u: JourneyUpdate) => void)[],
}));

vi.mock("../api", () => ({
  api: mocks.api,
  onReplayUpdate: vi.fn(() => Promise.resolve(() => {})),
  onJourneyUpdate: vi.fn((handler: (u: JourneyUpdate) => void) => {
    mocks.listeners.push(handler);
    return Promise.resolve(() => {
      mocks.listeners = mocks.listeners.filter((h) => h !== handler);
    });
  }),
}));
const { api } = mocks;

const SALE = "https://shop.example.com/sale";
const OLD = "https://shop.example.com/old";
const sample = report({
  pages: [
    page({ url: SALE, pixel: pixel(), findings: [finding({ id: "pixel-event-unknown", title: "Purchase is not an OpenAI event" })] }),
    page({ url: OLD, findings: [finding({ id: "waf-blocks-adsbot", area: "reachability" })] }),
  ],
  funnel: runFunnel(),
});

beforeEach(() => {
  vi.clearAllMocks();
  mocks.listeners = [];
  api.getAudit.mockResolvedValue(sample);
  api.auditReadiness.mockResolvedValue(readiness());
  api.auditPageRows.mockResolvedValue([row({ url: SALE, worst_first: 1 }), row({ url: OLD, pixel: "not_checked", blocking: 1, worst_first: 0 })]);
  api.listAudits.mockResolvedValue([listing({ id: 7 })]);
  api.listFunnels.mockResolvedValue([ECOMMERCE]);
  api.eventMappingTable.mockResolvedValue([]);
  api.browserStatus.mockResolvedValue({ found: true, path: "/usr/bin/chromium", message: null });
  api.startJourney.mockResolvedValue(undefined);
  api.finishJourney.mockResolvedValue(undefined);
  api.dataRevision.mockResolvedValue("r1");
});
afterEach(cleanup);

describe("AuditView pixel and funnel", () => {
  it("shows the funnel, the mapping, the journeys and each page's pixel", async () => {
    render(
      <ToastProvider>
        <AuditView auditId={7} onBack={() => {}} onDeleted={() => {}} />
      </ToastProvider>,
    );
    const funnel = await screen.findByTestId("funnel-coverage");
    expect(screen.getByTestId("mapping-table")).toBeTruthy();
    expect(screen.getByTestId("journeys")).toBeTruthy();
    // The worst page is shown first; choosing the other shows its pixel.
    await waitFor(() => expect(screen.getByTestId("page-result").getAttribute("data-url")).toBe(OLD));
    expect(within(screen.getByTestId("page-result")).getByTestId("pixel-panel").textContent).toContain("not checked");
    fireEvent.click(screen.getAllByTestId("page-row").find((r) => r.getAttribute("data-url") === SALE)!);
    await waitFor(() => expect(screen.getByTestId("page-result").getAttribute("data-url")).toBe(SALE));
    expect(within(screen.getByTestId("page-result")).getByTestId("pixel-panel").textContent).toContain("Installed");
    // Cards in reading order: funnel, then journeys, then the pages.
    const order = [funnel, screen.getByTestId("journeys"), screen.getByTestId("page-grid")];
    expect(order[0].compareDocumentPosition(order[1]) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(order[1].compareDocumentPosition(order[2]) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it("counts a saved journey in the funnel card once the audit is reloaded", async () => {
    render(
      <ToastProvider>
        <AuditView auditId={7} onBack={() => {}} onDeleted={() => {}} />
      </ToastProvider>,
    );
    expect((await screen.findByTestId("funnel-counts")).textContent).toContain("1 journey.");
    await waitFor(() => expect(mocks.listeners).toHaveLength(1));
    fireEvent.click(screen.getByTestId("journey-start"));
    await screen.findByTestId("journey-live");
    expect(api.startJourney).toHaveBeenCalledWith(7, SALE);

    api.getAudit.mockResolvedValue({ ...sample, funnel: runFunnel({ journeys: 2 }), journeys: [journey({ id: 5 })] });
    fireEvent.click(screen.getByTestId("journey-finish"));
    act(() => mocks.listeners.forEach((h) => h({ kind: "saved", run_id: 7, journey: journey({ id: 5 }) })));
    await waitFor(() => expect(screen.getByTestId("funnel-counts").textContent).toContain("2 journeys."));
    expect(within(screen.getByTestId("journey-list")).getByText("Journey 5")).toBeTruthy();
  });

  it("reads the readiness again when the funnel changes or a journey is saved", async () => {
    render(
      <ToastProvider>
        <AuditView auditId={7} onBack={() => {}} onDeleted={() => {}} />
      </ToastProvider>,
    );
    const headline = () => screen.getByTestId("audit-headline-text").textContent;
    await waitFor(() => expect(headline()).toBe("Not ready (engine): the blocked page needs the firewall opened."));
    expect(api.auditReadiness).toHaveBeenCalledTimes(1);

    api.setAuditFunnel.mockResolvedValue({ ...sample, funnel: runFunnel() });
    api.auditReadiness.mockResolvedValue(readiness({ headline: "Not ready (engine): the funnel now needs order_created." }));
    fireEvent.change(screen.getByTestId("audit-funnel-select"), { target: { value: "" } });
    await waitFor(() => expect(headline()).toBe("Not ready (engine): the funnel now needs order_created."));
    expect(api.setAuditFunnel).toHaveBeenCalledWith(7, null);
    expect(api.auditReadiness).toHaveBeenCalledTimes(2);

    await waitFor(() => expect(mocks.listeners).toHaveLength(1));
    fireEvent.click(screen.getByTestId("journey-start"));
    await screen.findByTestId("journey-live");
    api.auditReadiness.mockResolvedValue(readiness({ headline: "Not ready (engine): counted with the new journey." }));
    fireEvent.click(screen.getByTestId("journey-finish"));
    act(() => mocks.listeners.forEach((h) => h({ kind: "saved", run_id: 7, journey: journey({ id: 5 }) })));
    await waitFor(() => expect(headline()).toBe("Not ready (engine): counted with the new journey."));
  });
});
