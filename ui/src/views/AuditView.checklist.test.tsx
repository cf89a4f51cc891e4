import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../api";
import type { FetchArtifact } from "../bindings";
import { ToastProvider } from "../components/Toast";
import { formatDate } from "../format";
import { AuditView } from "./AuditView";
import { requestFindingFocus } from "./history/focus";
import { row } from "./audit/testRows";
import { checklist, counts, finding, HOSTILE, listing, page, partialReadiness, readiness, report } from "./history/testData";

vi.mock("../api", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../api")>();
  return {
    ...actual,
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
      dataRevision: vi.fn(),
      auditSummary: vi.fn(),
      listComments: vi.fn(),
    },
    onJourneyUpdate: vi.fn(() => Promise.resolve(() => {})),
    onReplayUpdate: vi.fn(() => Promise.resolve(() => {})),
  };
});
const m = vi.mocked(api);

const fetch: FetchArtifact = {
  agent: "adsbot",
  user_agent: "OAI-AdsBot/1.0",
  requested_url: "https://shop.example.com/ok",
  hops: [],
  status: 200,
  headers: [],
  body_bytes: 1200,
  body_truncated: false,
  decode_errors: false,
  title: HOSTILE,
  visible_text: "",
  word_count: 10,
  body_head: "",
  total_ms: 80,
};

const blockedUrl = "https://shop.example.com/blocked";
const okUrl = "https://shop.example.com/ok";

const sample = report({
  pages: [
    page({
      url: blockedUrl,
      verdict: "blocked",
      findings: [
        finding({ id: "waf-blocks-adsbot", area: "reachability", status: "warn", title: "Blocked by Cloudflare", remedy: "Allow OAI-AdsBot in the firewall." }),
      ],
    }),
    page({ url: okUrl, findings: [finding({ id: "page-title", area: "page", status: "pass", title: "Has a title" })], fetches: [fetch] }),
  ],
});

// The engine's readiness for the sample: the blocked page has a blocking problem, the other none.
const sampleReadiness = readiness({
  pages: [
    { url: blockedUrl, blocking: 1, warnings: 0 },
    { url: okUrl, blocking: 0, warnings: 0 },
  ],
});

// The engine's grid rows for the sample: the blocked page first.
const sampleRows = [
  row({ url: blockedUrl, title: "Checkout", verdict: "blocked", blocking: 1, adsbot: { status: 403, text: "403" }, worst_first: 0 }),
  row({ url: okUrl, title: HOSTILE, worst_first: 1 }),
];

const detail = () => screen.getByTestId("page-result");

function show() {
  return render(
    <ToastProvider>
      <AuditView auditId={7} onBack={() => {}} onDeleted={() => {}} />
    </ToastProvider>,
  );
}

beforeEach(() => {
  vi.resetAllMocks();
  m.listComments.mockResolvedValue([]);
  m.whatOpenAiSaw.mockResolvedValue(null);
  m.listFunnels.mockResolvedValue([]);
  m.eventMappingTable.mockResolvedValue([]);
  m.browserStatus.mockResolvedValue({ found: true, path: "/usr/bin/chromium", message: null });
  m.getAudit.mockResolvedValue(sample);
  m.auditReadiness.mockResolvedValue(sampleReadiness);
  m.auditPageRows.mockResolvedValue(sampleRows);
  m.dataRevision.mockResolvedValue("r1");
  m.listAudits.mockResolvedValue([
    listing({ id: 7, started_at: "2026-11-25T10:00:00Z" }),
    listing({ id: 5, started_at: "2026-11-12T10:00:00Z" }),
    listing({ id: 4, client_id: 2, client_name: "Other", started_at: "2026-11-01T10:00:00Z" }),
  ]);
});
afterEach(cleanup);

const findingItem = (id: string) => document.querySelector(`[data-finding-id="${id}"]`) as HTMLElement | null;

describe("AuditView readiness", () => {
  it("shows the engine's verdict, headline and counts with what each counts", async () => {
    m.auditReadiness.mockResolvedValue({
      ...sampleReadiness,
      counts: counts({ pages: 13, reachable: 9, failing_pages: 4, failing_findings: 6, warnings: 3 }),
    });
    show();
    const hero = await screen.findByTestId("audit-headline");
    expect(hero.className).toContain("hero-bad");
    expect(within(hero).getByTestId("audit-state").textContent).toBe("Not ready");
    expect(within(hero).getByTestId("audit-headline-text").textContent).toBe("Not ready (engine): the blocked page needs the firewall opened.");
    const stats = Array.from(within(hero).getByTestId("audit-stats").children).map((c) => c.textContent);
    expect(stats).toEqual(["13Pages checked", "9OAI-AdsBot can use", "4Pages with blocking problems", "6Blocking problems", "3Warnings"]);
  });

  it("never calls a stopped audit ready, even when every page it reached passed", async () => {
    m.getAudit.mockResolvedValue({ ...sample, status: "cancelled" });
    m.auditReadiness.mockResolvedValue(partialReadiness({ pages: sampleReadiness.pages }));
    const { container } = show();
    const hero = await screen.findByTestId("audit-headline");
    expect(hero.className).toContain("hero-neutral");
    expect(within(hero).getByTestId("audit-state").textContent).toBe("Partial");
    expect(within(hero).getByTestId("audit-headline-text").textContent).toBe("Partial (engine): stopped after 2 of 13 pages.");
    expect(within(hero).getByTestId("audit-stats").children[0].textContent).toBe("2Pages checked (of 13 planned)");
    expect(screen.getByTestId("checklist-state").textContent).toBe("Partial audit");
    expect(container.textContent).not.toMatch(/\bReady\b/);
  });

  it("names the client and the date in the title, and only the date without a client", async () => {
    m.listAudits.mockResolvedValue([listing({ id: 7, client_name: "Acme", started_at: "2026-11-25T10:00:00Z" })]);
    show();
    const day = formatDate("2026-11-25T10:00:00Z");
    await waitFor(() => expect(screen.getByTestId("audit-title").textContent).toBe(`Audit of Acme — ${day}`));
    cleanup();
    m.listAudits.mockResolvedValue([listing({ id: 7, client_id: null, client_name: null, started_at: "2026-11-25T10:00:00Z" })]);
    show();
    await screen.findByTestId("page-grid");
    await waitFor(() => expect(m.listAudits).toHaveBeenCalledTimes(2));
    expect(screen.getByTestId("audit-title").textContent).toBe(`Audit of ${day}`);
  });

  it("says who ran the audit under the title when that was recorded", async () => {
    m.listAudits.mockResolvedValue([listing({ id: 7, created_by: "Dana" })]);
    show();
    expect((await screen.findByTestId("audit-by")).textContent).toBe("by Dana");
    expect(await screen.findByTestId("comments-empty")).toBeTruthy();
    cleanup();
    m.listAudits.mockResolvedValue([listing({ id: 7 })]);
    show();
    await screen.findByTestId("page-grid");
    await waitFor(() => expect(m.listAudits).toHaveBeenCalledTimes(2));
    expect(screen.queryByTestId("audit-by")).toBeNull();
  });

  it("lists the pages in the engine's order and marks the ones it counted problems on", async () => {
    // The blocked page's only finding is a warning and the other page's a pass; the engine
    // counts the reverse, and the grid follows the engine.
    m.auditPageRows.mockResolvedValue([
      row({ url: blockedUrl, verdict: "blocked", worst_first: 1 }),
      row({ url: okUrl, blocking: 1, worst_first: 0 }),
    ]);
    show();
    await screen.findByTestId("page-grid");
    const order = () => screen.getAllByTestId("page-row").map((r) => r.getAttribute("data-url"));
    expect(order()).toEqual([okUrl, blockedUrl]);
    fireEvent.click(screen.getByTestId("grid-problems"));
    expect(order()).toEqual([okUrl]);
    // The worst page's detail is the one shown first.
    expect(detail().getAttribute("data-url")).toBe(okUrl);
  });

  it("opens a page's detail from the keyboard", async () => {
    show();
    const grid = await screen.findByTestId("page-grid");
    await waitFor(() => expect(detail().getAttribute("data-url")).toBe(blockedUrl));
    expect(within(detail()).getByTestId("page-detail-verdict").textContent).toBe("Blocked");
    fireEvent.keyDown(grid, { key: "End" });
    expect(detail().getAttribute("data-url")).toBe(okUrl);
    expect(within(detail()).getByTestId("page-detail-verdict").textContent).toBe("Reachable");
    fireEvent.keyDown(grid, { key: "Enter" });
    await waitFor(() => expect(document.activeElement).toBe(detail()));
    expect(detail().className).toContain("page-highlight");
  });

  it("exports the grid as the user sees it", async () => {
    m.exportPageGrid.mockResolvedValue("/exports/pages.csv");
    show();
    await screen.findByTestId("page-grid");
    fireEvent.click(screen.getByTestId("sort-url"));
    fireEvent.click(screen.getByTestId("sort-url"));
    fireEvent.click(screen.getByTestId("grid-export"));
    await waitFor(() => expect(m.exportPageGrid).toHaveBeenCalledWith(7, [okUrl, blockedUrl], null));
  });
});

describe("AuditView checklist and exports", () => {
  it("shows the checklist and opens the finding behind an evidence entry", async () => {
    show();
    const panel = await screen.findByTestId("checklist");
    expect(within(panel).getByTestId("checklist-reachability").textContent).toContain("1 of 2 pages pass");
    // Warnings start folded.
    expect(screen.queryByText("Allow OAI-AdsBot in the firewall.")).toBeNull();
    fireEvent.click(within(screen.getByTestId("checklist-reachability")).getByTestId("checklist-evidence"));
    await waitFor(() => expect(findingItem("waf-blocks-adsbot")!.className).toContain("finding-highlight"));
    expect(screen.getByText("Allow OAI-AdsBot in the firewall.")).toBeTruthy();
    expect(document.activeElement).toBe(within(findingItem("waf-blocks-adsbot")!).getByRole("button"));
  });

  it("opens on the finding asked for from another view", async () => {
    requestFindingFocus({ auditId: 7, url: blockedUrl, findingId: "waf-blocks-adsbot" });
    show();
    await waitFor(() => expect(findingItem("waf-blocks-adsbot")?.className).toContain("finding-highlight"));
  });

  it("selects and shows a page without problems when its evidence is opened, even when filtered out", async () => {
    m.auditReadiness.mockResolvedValue({
      ...sampleReadiness,
      checklist: checklist({ items: [{ ...checklist().items[0], evidence: [{ url: okUrl, finding_id: null, reason: "Slow", blocking: false }] }] }),
    });
    show();
    await screen.findByTestId("checklist");
    await screen.findByTestId("page-grid");
    fireEvent.click(screen.getByTestId("grid-problems"));
    expect(screen.getAllByTestId("page-row")).toHaveLength(1);
    await waitFor(() => expect(detail().getAttribute("data-url")).toBe(blockedUrl));
    fireEvent.click(screen.getByTestId("checklist-evidence"));
    await waitFor(() => expect(detail().getAttribute("data-url")).toBe(okUrl));
    expect(detail().className).toContain("page-highlight");
    const rows = screen.getAllByTestId("page-row");
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.getAttribute("data-url") === okUrl)!.getAttribute("aria-selected")).toBe("true");
  });

  it("offers only earlier audits of the same client for the PDF comparison", async () => {
    m.exportAudit.mockResolvedValue("/tmp/Acme.pdf");
    show();
    const select = (await screen.findByTestId("export-compare")) as HTMLSelectElement;
    expect(Array.from(select.options).map((o) => o.value)).toEqual(["", "5"]);
    fireEvent.change(select, { target: { value: "5" } });
    fireEvent.click(screen.getByTestId("export-pdf"));
    await waitFor(() => expect(m.exportAudit).toHaveBeenCalledWith(7, "pdf", null, 5));
    expect((await screen.findByTestId("export-result")).textContent).toContain("/tmp/Acme.pdf");
  });

  it("renders a hostile page title literally, in the grid and in the raw responses", async () => {
    const { container } = show();
    await screen.findByTestId("page-grid");
    expect(screen.getByText(HOSTILE)).toBeTruthy();
    fireEvent.click(screen.getAllByTestId("page-row")[1]);
    await waitFor(() => expect(detail().getAttribute("data-url")).toBe(okUrl), { timeout: 5000 });
    fireEvent.click(within(detail()).getByText("Show raw responses"));
    expect(within(detail()).getByTestId("raw-adsbot").querySelector("pre")!.textContent).toContain(`Title: ${HOSTILE}`);
    expect(container.querySelector("img")).toBeNull();
  });
});
