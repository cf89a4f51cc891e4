// An audit deleted while it is open (in a team workspace, by a colleague): the view says so
// plainly, with a way back, rather than showing a raw error.
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../api";
import { ToastProvider } from "../components/Toast";
import { REVISION_POLL_MS } from "../revision";
import { AuditView } from "./AuditView";
import { row } from "./audit/testRows";
import { listing, page, readiness, report } from "./history/testData";

vi.mock("../api", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../api")>();
  return {
    ...actual,
    api: {
      getAudit: vi.fn(),
      auditReadiness: vi.fn(),
      auditPageRows: vi.fn(),
      whatOpenAiSaw: vi.fn(),
      listAudits: vi.fn(),
      listFunnels: vi.fn(),
      eventMappingTable: vi.fn(),
      browserStatus: vi.fn(),
      dataRevision: vi.fn(),
      auditSummary: vi.fn(),
      listComments: vi.fn(),
      deleteAudit: vi.fn(),
      restoreAudit: vi.fn(),
    },
    onJourneyUpdate: vi.fn(() => Promise.resolve(() => {})),
    onReplayUpdate: vi.fn(() => Promise.resolve(() => {})),
  };
});
const m = vi.mocked(api);
const URL = "https://shop.example.com/sale";
const gone = { code: "not_found", message: "Audit 7 was not found." };

function show(onBack = vi.fn(), onDeleted = vi.fn()) {
  render(
    <ToastProvider>
      <AuditView auditId={7} onBack={onBack} onDeleted={onDeleted} />
    </ToastProvider>,
  );
  return { onBack, onDeleted };
}

beforeEach(() => {
  vi.resetAllMocks();
  m.listComments.mockResolvedValue([]);
  m.getAudit.mockResolvedValue(report({ pages: [page({ url: URL })] }));
  m.auditReadiness.mockResolvedValue(readiness({ pages: [{ url: URL, blocking: 0, warnings: 0 }] }));
  m.auditPageRows.mockResolvedValue([row({ url: URL, worst_first: 0 })]);
  m.whatOpenAiSaw.mockResolvedValue(null);
  m.listAudits.mockResolvedValue([listing({ id: 7 })]);
  m.listFunnels.mockResolvedValue([]);
  m.eventMappingTable.mockResolvedValue([]);
  m.browserStatus.mockResolvedValue({ found: true, path: "/usr/bin/chromium", message: null });
  m.dataRevision.mockResolvedValue("r1");
  m.auditSummary.mockResolvedValue(listing({ id: 7 }).audit);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe("an audit deleted while it is open", () => {
  it("says so when it is gone before it could be read, with a way back", async () => {
    m.getAudit.mockRejectedValue(gone);
    const { onBack } = show();
    const notice = await screen.findByTestId("deleted-notice");
    expect(notice.textContent).toContain("This audit was deleted");
    expect(notice.textContent).toContain("perhaps a colleague");
    expect(screen.queryByRole("alert")).toBeNull();
    fireEvent.click(screen.getByTestId("deleted-back"));
    expect(onBack).toHaveBeenCalled();
  });

  it("says so when a colleague deletes it while it is shown", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    show();
    await screen.findByTestId("audit-title");
    await waitFor(() => expect(m.dataRevision).toHaveBeenCalled());
    // Other changes leave the audit as it is.
    m.dataRevision.mockResolvedValue("r2");
    await act(() => vi.advanceTimersByTimeAsync(REVISION_POLL_MS));
    await waitFor(() => expect(m.auditSummary).toHaveBeenCalledWith(7));
    expect(screen.getByTestId("audit-title")).toBeTruthy();

    m.dataRevision.mockResolvedValue("r3");
    m.auditSummary.mockRejectedValue(gone);
    await act(() => vi.advanceTimersByTimeAsync(REVISION_POLL_MS));
    await screen.findByTestId("deleted-notice");
    expect(screen.queryByTestId("audit-title")).toBeNull();
  });

  it("other errors are shown with their hint", async () => {
    m.getAudit.mockRejectedValue({ code: "connection_lost", message: "The connection to the workspace was lost.", hint: "Check the network." });
    show();
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("The connection to the workspace was lost.");
    expect(alert.textContent).toContain("Check the network.");
    expect(screen.queryByTestId("deleted-notice")).toBeNull();
  });

  it("the user's own delete still offers Undo", async () => {
    m.deleteAudit.mockResolvedValue(undefined);
    m.restoreAudit.mockResolvedValue(undefined);
    const { onDeleted } = show();
    await screen.findByTestId("audit-title");
    fireEvent.click(screen.getByText("Delete audit"));
    await waitFor(() => expect(onDeleted).toHaveBeenCalled());
    fireEvent.click(await screen.findByText("Undo"));
    expect(m.restoreAudit).toHaveBeenCalledWith(7);
  });
});
