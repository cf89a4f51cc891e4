import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { UtmProgress } from "../../bindings";
import { ToastProvider } from "../../components/Toast";
import { forgetAllKept } from "../../keep";
import { UtmView } from "../UtmView";
import { checked, csvImport, failUrl, finding, HOSTILE, passUrl, report, unassignedUrl, untaggedUrl, warnUrl } from "./fixtures";

const api = vi.hoisted(() => ({
  parseUtmList: vi.fn(),
  checkUtm: vi.fn(),
  cancelUtmCheck: vi.fn(),
  importUtmCsv: vi.fn(),
  importSitemapFile: vi.fn(),
  importSitemapUrl: vi.fn(),
  utmTemplate: vi.fn(),
  recommendedUtmScheme: vi.fn(),
  exportUtmCsv: vi.fn(),
  exportUtmTemplate: vi.fn(),
  chooseSavePath: vi.fn(),
}));

const progress = vi.hoisted(() => ({ handlers: [] as ((p: UtmProgress) => void)[] }));

vi.mock("../../api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../api")>()),
  api,
  onUtmProgress: vi.fn((handler: (p: UtmProgress) => void) => {
    progress.handlers.push(handler);
    return Promise.resolve(() => {
      progress.handlers = progress.handlers.filter((h) => h !== handler);
    });
  }),
}));

function emitProgress(p: UtmProgress) {
  act(() => progress.handlers.forEach((h) => h(p)));
}

const writeText = vi.fn();

beforeEach(() => {
  Object.values(api).forEach((f) => f.mockReset());
  writeText.mockReset().mockResolvedValue(undefined);
  Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
  // Every line that looks like a web address is usable; anything else is listed as invalid.
  api.parseUtmList.mockImplementation(async (text: string) => {
    const urls: { line: number; url: string }[] = [];
    const issues: { line: number; text: string; reason: string }[] = [];
    text.split("\n").forEach((l, i) => {
      if (!l.trim()) return;
      if (/^https?:\/\//.test(l.trim())) urls.push({ line: i + 1, url: l.trim() });
      else issues.push({ line: i + 1, text: l.trim(), reason: "Not a web address: start with https://." });
    });
    return { urls, issues, issues_not_listed: 0 };
  });
});

afterEach(() => {
  cleanup();
  forgetAllKept();
});

function renderView() {
  return render(
    <ToastProvider>
      <UtmView />
    </ToastProvider>,
  );
}

async function pasteAndCheck(text: string) {
  fireEvent.change(screen.getByTestId("utm-paste"), { target: { value: text } });
  await waitFor(() => expect(screen.getByTestId("paste-count")).toBeTruthy());
  fireEvent.click(screen.getByTestId("utm-check"));
  await screen.findByTestId("utm-results");
}

describe("UtmView inputs", () => {
  it("lists invalid pasted lines with their line number and reason", async () => {
    renderView();
    fireEvent.change(screen.getByTestId("utm-paste"), {
      target: { value: "https://ok.example/a?utm_source=chatgpt\nnot a url\n\nftp://files.example/x" },
    });
    const issues = await screen.findAllByTestId("input-issue");
    expect(issues).toHaveLength(2);
    expect(issues[0].textContent).toContain("Line 2");
    expect(issues[0].textContent).toContain("not a url");
    expect(issues[0].textContent).toContain("Not a web address");
    expect(issues[1].textContent).toContain("Line 4");
    expect(screen.getByTestId("paste-count").textContent).toContain("1 usable URL");
    // The valid line is in the review list, ready to check.
    expect(within(screen.getByTestId("review-list")).getByText("https://ok.example/a?utm_source=chatgpt")).toBeTruthy();
  });

  it("asks which CSV column holds the URLs and re-imports with the chosen one", async () => {
    renderView();
    fireEvent.click(screen.getByRole("tab", { name: "Ads-manager CSV" }));
    api.importUtmCsv.mockResolvedValueOnce(csvImport()).mockResolvedValueOnce(
      csvImport({
        column: 1,
        urls: [
          { line: 2, url: "https://a.example/x?utm_source=chatgpt" },
          { line: 4, url: "https://a.example/y?utm_source=chatgpt" },
        ],
        issues: [{ line: 3, text: "see website", reason: "Not a web address." }],
      }),
    );
    const file = new File(["Ad name,Link\nSpring ad,https://a.example/x\n"], "ads.csv", { type: "text/csv" });
    fireEvent.change(screen.getByTestId("utm-csv"), { target: { files: [file] } });

    await screen.findByTestId("csv-choose");
    const [bytes, column] = api.importUtmCsv.mock.calls[0];
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(column).toBeUndefined();
    // Nothing to check until a column is chosen.
    expect((screen.getByTestId("utm-check") as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByRole("radio", { name: /Link/ }));
    fireEvent.click(screen.getByTestId("csv-use-column"));
    await screen.findByTestId("csv-column");
    expect(api.importUtmCsv.mock.calls[1][1]).toBe(1);
    expect(screen.getByTestId("csv-column").textContent).toContain("Link");
    const issue = screen.getByTestId("input-issue");
    expect(issue.textContent).toContain("Row 3");
    expect(within(screen.getByTestId("review-list")).getAllByRole("listitem")).toHaveLength(2);
    expect((screen.getByTestId("utm-check") as HTMLButtonElement).disabled).toBe(false);
  });

  it("loads a sitemap by address into the review list", async () => {
    renderView();
    fireEvent.click(screen.getByRole("tab", { name: "Sitemap" }));
    api.importSitemapUrl.mockResolvedValue({
      kind: "url_set",
      urls: [{ line: 3, url: "https://www.example.com/spring" }],
      child_sitemaps: [],
      issues: [],
      issues_not_listed: 0,
    });
    fireEvent.change(screen.getByTestId("utm-sitemap-url"), { target: { value: "https://www.example.com/sitemap.xml" } });
    fireEvent.click(screen.getByTestId("utm-sitemap-load"));
    await screen.findByTestId("sitemap-count");
    expect(api.importSitemapUrl).toHaveBeenCalledWith("https://www.example.com/sitemap.xml");
    expect(within(screen.getByTestId("review-list")).getByText("https://www.example.com/spring")).toBeTruthy();
  });
});

describe("UtmView results", () => {
  it("checks with Ctrl+Enter and passes the redirect option", async () => {
    api.checkUtm.mockResolvedValue(checked(report([warnUrl])));
    renderView();
    fireEvent.change(screen.getByTestId("utm-paste"), { target: { value: warnUrl.url } });
    fireEvent.click(screen.getByTestId("follow-redirects"));
    fireEvent.keyDown(screen.getByTestId("utm-paste"), { key: "Enter", ctrlKey: true });
    await screen.findByTestId("utm-results");
    expect(api.checkUtm).toHaveBeenCalledWith([warnUrl.url], true, undefined);
  });

  it("shows the summary, the corrected URL and the GA4 channel with its rule", async () => {
    api.checkUtm.mockResolvedValue(checked(report([warnUrl, unassignedUrl, untaggedUrl, failUrl, passUrl(1)])));
    renderView();
    await pasteAndCheck(warnUrl.url);

    expect(screen.getByTestId("utm-headline").textContent).toContain("1 of 5 URLs fail");
    const rows = screen.getAllByTestId("url-result");
    // Worst first: the failing URL leads.
    expect(rows[0].textContent).toContain(failUrl.url);

    const warnRow = rows.find((r) => r.textContent?.includes(warnUrl.url))!;
    expect(within(warnRow).getByTestId("corrected-url").textContent).toContain(warnUrl.corrected_url!);
    expect(within(warnRow).getByTestId("ga4-channel-name").textContent).toBe("Paid Other");
    expect(within(warnRow).getByTestId("ga4-channel").textContent).toContain("Medium matches ^(.*cp.*|ppc|retargeting|paid.*)$");
    expect(within(warnRow).getByText("A UTM value has capitals")).toBeTruthy();

    const unassigned = rows.find((r) => r.textContent?.includes(unassignedUrl.url))!;
    expect(within(unassigned).getByTestId("channel-risk").textContent).toContain("Unassigned");
    const untagged = rows.find((r) => r.textContent?.includes(untaggedUrl.url))!;
    expect(within(untagged).getByTestId("channel-risk").textContent).toContain("organic ChatGPT traffic");

    // Passing URLs start closed.
    const passing = rows.find((r) => r.textContent?.includes(passUrl(1).url))!;
    expect(within(passing).queryByTestId("ga4-channel")).toBeNull();
    fireEvent.click(within(passing).getByRole("button", { expanded: false }));
    expect(within(passing).getByTestId("ga4-channel")).toBeTruthy();
  });

  it("filters by status and shows campaign-set findings", async () => {
    const mixed = finding({ id: "campaign-mixed-sources", title: "Campaign spring uses several sources", status: "warn" });
    api.checkUtm.mockResolvedValue(checked(report([warnUrl, failUrl, passUrl(1), passUrl(2)], [mixed])));
    renderView();
    await pasteAndCheck(warnUrl.url);
    expect(within(screen.getByTestId("set-findings")).getByText("Campaign spring uses several sources")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Passing (2)" }));
    expect(screen.getAllByTestId("url-result")).toHaveLength(2);
    fireEvent.click(screen.getByRole("button", { name: "Failing (1)" }));
    expect(screen.getAllByTestId("url-result")).toHaveLength(1);
  });

  it("shows long lists a page at a time", async () => {
    api.checkUtm.mockResolvedValue(checked(report(Array.from({ length: 250 }, (_, i) => passUrl(i)))));
    renderView();
    await pasteAndCheck(warnUrl.url);
    expect(screen.getAllByTestId("url-result")).toHaveLength(100);
    fireEvent.click(screen.getByRole("button", { name: "Show 100 more" }));
    expect(screen.getAllByTestId("url-result")).toHaveLength(200);
  });

  it("copies the corrected URL and says so", async () => {
    api.checkUtm.mockResolvedValue(checked(report([warnUrl])));
    renderView();
    await pasteAndCheck(warnUrl.url);
    fireEvent.click(screen.getByTestId("copy-corrected"));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(warnUrl.corrected_url));
    expect((await screen.findByTestId("toast")).textContent).toContain("Copied the corrected URL");
  });

  it("exports the results as CSV, to the default folder or a chosen path", async () => {
    const r = report([warnUrl]);
    api.checkUtm.mockResolvedValue(checked(r));
    api.exportUtmCsv.mockResolvedValue("/home/me/Preflight/utm-check.csv");
    renderView();
    await pasteAndCheck(warnUrl.url);

    fireEvent.click(screen.getByTestId("utm-export"));
    await waitFor(() => expect(api.exportUtmCsv).toHaveBeenCalledWith(r, null));
    expect((await screen.findByTestId("toast")).textContent).toContain("/home/me/Preflight/utm-check.csv");

    api.chooseSavePath.mockResolvedValueOnce("/tmp/mine.csv");
    fireEvent.click(screen.getByTestId("utm-export-as"));
    await waitFor(() => expect(api.exportUtmCsv).toHaveBeenCalledWith(r, "/tmp/mine.csv"));

    // Cancelling the dialog writes nothing.
    api.chooseSavePath.mockResolvedValueOnce(null);
    fireEvent.click(screen.getByTestId("utm-export-as"));
    await waitFor(() => expect(api.chooseSavePath).toHaveBeenCalledTimes(2));
    expect(api.exportUtmCsv).toHaveBeenCalledTimes(2);
  });

  it("shows a readable error when the check fails", async () => {
    api.checkUtm.mockRejectedValue({ code: "invalid_input", message: "Paste or import at least one URL to check." });
    renderView();
    fireEvent.change(screen.getByTestId("utm-paste"), { target: { value: warnUrl.url } });
    await screen.findByTestId("paste-count");
    fireEvent.click(screen.getByTestId("utm-check"));
    expect((await screen.findByRole("alert")).textContent).toContain("Paste or import at least one URL to check.");
  });

  it("shows a busy state while checking", async () => {
    let resolve: (r: ReturnType<typeof checked>) => void = () => {};
    api.checkUtm.mockReturnValue(new Promise((r) => (resolve = r)));
    renderView();
    fireEvent.change(screen.getByTestId("utm-paste"), { target: { value: warnUrl.url } });
    await screen.findByTestId("paste-count");
    fireEvent.click(screen.getByTestId("follow-redirects"));
    fireEvent.click(screen.getByTestId("utm-check"));
    expect((await screen.findByTestId("utm-busy")).textContent).toContain("follow its redirects");
    expect((screen.getByTestId("utm-check") as HTMLButtonElement).disabled).toBe(true);
    await act(async () => resolve(checked(report([warnUrl]))));
    expect(screen.queryByTestId("utm-busy")).toBeNull();
  });

  it("shows which URL is being followed, n of N, and cancels keeping what was checked", async () => {
    let resolve: (r: ReturnType<typeof checked>) => void = () => {};
    api.checkUtm.mockReturnValue(new Promise((r) => (resolve = r)));
    api.cancelUtmCheck.mockResolvedValue(undefined);
    const urls = [warnUrl.url, failUrl.url, passUrl(1).url];
    renderView();
    fireEvent.change(screen.getByTestId("utm-paste"), { target: { value: urls.join("\n") } });
    await screen.findByTestId("paste-count");
    fireEvent.click(screen.getByTestId("follow-redirects"));
    fireEvent.click(screen.getByTestId("utm-check"));
    await screen.findByTestId("utm-cancel");

    emitProgress({ done: 1, total: 3, url: failUrl.url });
    expect(screen.getByTestId("utm-progress").textContent).toContain("Following redirects: 2 of 3");
    expect(screen.getByTestId("utm-progress").textContent).toContain(failUrl.url);

    fireEvent.click(screen.getByTestId("utm-cancel"));
    expect(api.cancelUtmCheck).toHaveBeenCalledTimes(1);
    expect((screen.getByTestId("utm-cancel") as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId("utm-progress").textContent).toContain("Cancelling");

    await act(async () =>
      resolve(checked(report([warnUrl, failUrl, passUrl(1)]), { redirects_followed: 1, cancelled: true })),
    );
    expect(screen.queryByTestId("utm-busy")).toBeNull();
    // Every URL is in the results; the note says how many were followed.
    expect(screen.getAllByTestId("url-result")).toHaveLength(3);
    const note = screen.getByTestId("utm-cancelled-note").textContent;
    expect(note).toContain("Cancelled");
    expect(note).toContain("followed for 1 of 3 URLs");
    expect(note).toContain("other 2 were checked without opening them");

    // Progress arriving after the check ended shows nothing.
    emitProgress({ done: 2, total: 3, url: passUrl(1).url });
    expect(screen.queryByTestId("utm-progress")).toBeNull();
  });

  it("offers no Cancel when redirects are not followed", async () => {
    let resolve: (r: ReturnType<typeof checked>) => void = () => {};
    api.checkUtm.mockReturnValue(new Promise((r) => (resolve = r)));
    renderView();
    fireEvent.change(screen.getByTestId("utm-paste"), { target: { value: warnUrl.url } });
    await screen.findByTestId("paste-count");
    fireEvent.click(screen.getByTestId("utm-check"));
    await screen.findByTestId("utm-busy");
    expect(screen.queryByTestId("utm-cancel")).toBeNull();
    await act(async () => resolve(checked(report([warnUrl]))));
    expect(screen.getByTestId("utm-headline")).toBeTruthy();
    expect(screen.queryByTestId("utm-cancelled-note")).toBeNull();
  });

  it("renders hostile text in URLs and findings literally", async () => {
    const hostileUrl = {
      ...warnUrl,
      url: `https://evil.example/?utm_source=${HOSTILE}`,
      corrected_url: `https://evil.example/?utm_source=${HOSTILE}&x=1`,
      findings: [finding({ status: "fail", title: `Title ${HOSTILE}`, detail: HOSTILE, evidence: [{ label: "Value", value: HOSTILE }] })],
    };
    api.checkUtm.mockResolvedValue(checked(report([hostileUrl], [finding({ title: `Set ${HOSTILE}` })])));
    const { container } = renderView();
    await pasteAndCheck(`https://evil.example/?utm_source=${HOSTILE}\n${HOSTILE}`);
    expect(container.querySelector("img")).toBeNull();
    expect(container.textContent).toContain(`Title ${HOSTILE}`);
    expect(container.textContent).toContain(`Set ${HOSTILE}`);
    expect(screen.getByTestId("corrected-url").textContent).toContain(HOSTILE);
    // The pasted hostile line is listed as invalid, as text.
    expect(screen.getByTestId("input-issue").textContent).toContain(HOSTILE);
  });
});
