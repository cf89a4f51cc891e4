// Leaving the UTM tool for another area and coming back keeps what the user typed, loaded and
// checked.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { UtmCheck, UtmScheme } from "../../bindings";
import { ToastProvider } from "../../components/Toast";
import { forgetAllKept } from "../../keep";
import { UtmView } from "../UtmView";
import { checked, csvImport, failUrl, passUrl, report, warnUrl } from "./fixtures";

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

vi.mock("../../api", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../api")>()),
  api,
  onUtmProgress: vi.fn(() => Promise.resolve(() => {})),
}));

beforeEach(() => {
  Object.values(api).forEach((f) => f.mockReset());
  api.parseUtmList.mockImplementation(async (text: string) => ({
    urls: text
      .split("\n")
      .filter((l) => l.trim())
      .map((url, i) => ({ line: i + 1, url: url.trim() })),
    issues: [],
    issues_not_listed: 0,
  }));
  api.recommendedUtmScheme.mockImplementation(async (name: string) => ({ source: "chatgpt", medium: "cpc", campaign: name.toLowerCase() }));
  api.utmTemplate.mockImplementation(async (bases: string[], s: UtmScheme) => ({
    scheme: s,
    urls: bases.map((b) => ({ base_url: b, tagged_url: `${b}?utm_source=${s.source}&utm_medium=${s.medium}&utm_campaign=${s.campaign}` })),
    issues: [],
  }));
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

describe("UtmView keeps the work while the user is elsewhere", () => {
  it("keeps the pasted text, the last check's results and its filters", async () => {
    api.checkUtm.mockResolvedValue(checked(report([warnUrl, failUrl, passUrl(1), passUrl(2)])));
    const first = renderView();
    fireEvent.change(screen.getByTestId("utm-paste"), { target: { value: warnUrl.url } });
    await waitFor(() => expect(screen.getByTestId("paste-count")).toBeTruthy());
    fireEvent.click(screen.getByTestId("utm-check"));
    await screen.findByTestId("utm-results");
    fireEvent.click(screen.getByRole("button", { name: "Passing (2)" }));
    expect(screen.getAllByTestId("url-result")).toHaveLength(2);
    first.unmount();

    renderView();
    expect((screen.getByTestId("utm-paste") as HTMLTextAreaElement).value).toBe(warnUrl.url);
    expect(screen.getByTestId("utm-headline").textContent).toContain("1 of 4 URLs fail");
    expect(screen.getAllByTestId("url-result")).toHaveLength(2);
    expect(screen.getByRole("button", { name: "Passing (2)" }).getAttribute("aria-pressed")).toBe("true");
    // Coming back does not steal the focus into the results.
    expect(document.activeElement).not.toBe(screen.getByTestId("utm-headline"));
  });

  it("shows the answer of a check that finished while the user was elsewhere", async () => {
    let answer: (c: UtmCheck) => void = () => {};
    api.checkUtm.mockImplementation(() => new Promise<UtmCheck>((resolve) => (answer = resolve)));
    const first = renderView();
    fireEvent.change(screen.getByTestId("utm-paste"), { target: { value: warnUrl.url } });
    await waitFor(() => expect(screen.getByTestId("paste-count")).toBeTruthy());
    fireEvent.click(screen.getByTestId("utm-check"));
    await waitFor(() => expect(api.checkUtm).toHaveBeenCalled());
    first.unmount();

    await act(async () => answer(checked(report([failUrl]))));
    renderView();
    expect(screen.getByTestId("utm-headline").textContent).toContain("1 of 1 URL fails");
  });

  it("keeps the loaded CSV list and the source tab", async () => {
    api.importUtmCsv.mockResolvedValue(
      csvImport({ column: 1, urls: [{ line: 2, url: "https://a.example/x?utm_source=chatgpt" }], issues: [] }),
    );
    const first = renderView();
    fireEvent.click(screen.getByRole("tab", { name: "Ads-manager CSV" }));
    const file = new File(["Ad name,Link\nSpring ad,https://a.example/x\n"], "ads.csv", { type: "text/csv" });
    fireEvent.change(screen.getByTestId("utm-csv"), { target: { files: [file] } });
    await screen.findByTestId("csv-column");
    first.unmount();

    renderView();
    expect(screen.getByRole("tab", { name: "Ads-manager CSV" }).getAttribute("aria-selected")).toBe("true");
    expect(screen.getByTestId("csv-column").textContent).toContain("Link");
    expect(within(screen.getByTestId("review-list")).getByText("https://a.example/x?utm_source=chatgpt")).toBeTruthy();
  });

  it("keeps the template builder's inputs and opens on its tab", async () => {
    const first = renderView();
    fireEvent.click(screen.getByRole("tab", { name: "Build tagged URLs" }));
    fireEvent.change(screen.getByTestId("utm-campaign-name"), { target: { value: "Spring" } });
    await waitFor(() => expect((screen.getByTestId("utm-field-campaign") as HTMLInputElement).value).toBe("spring"));
    fireEvent.change(screen.getByTestId("utm-field-medium"), { target: { value: "paid_ai" } });
    fireEvent.change(screen.getByTestId("utm-bases"), { target: { value: "https://www.example.com/spring" } });
    first.unmount();

    renderView();
    expect(screen.getByRole("tab", { name: "Build tagged URLs" }).getAttribute("aria-selected")).toBe("true");
    expect((screen.getByTestId("utm-campaign-name") as HTMLInputElement).value).toBe("Spring");
    expect((screen.getByTestId("utm-bases") as HTMLTextAreaElement).value).toBe("https://www.example.com/spring");
    // The edited medium survives the suggestion that runs again for the kept campaign name.
    await waitFor(() => expect(api.recommendedUtmScheme).toHaveBeenCalledTimes(2));
    expect((screen.getByTestId("utm-field-medium") as HTMLInputElement).value).toBe("paid_ai");
    const rows = await screen.findAllByTestId("tagged-url");
    expect(rows[0].textContent).toContain("utm_medium=paid_ai");
  });
});
