import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { UtmScheme } from "../../bindings";
import { ToastProvider } from "../../components/Toast";
import { forgetAllKept } from "../../keep";
import { UtmView } from "../UtmView";
import { HOSTILE } from "./fixtures";

const api = vi.hoisted(() => ({
  parseUtmList: vi.fn(),
  checkUtm: vi.fn(),
  importUtmCsv: vi.fn(),
  importSitemapFile: vi.fn(),
  importSitemapUrl: vi.fn(),
  utmTemplate: vi.fn(),
  recommendedUtmScheme: vi.fn(),
  exportUtmCsv: vi.fn(),
  exportUtmTemplate: vi.fn(),
  chooseSavePath: vi.fn(),
}));

vi.mock("../../api", async (importOriginal) => ({ ...(await importOriginal<typeof import("../../api")>()), api }));

const writeText = vi.fn();

// A stand-in for the Rust tagger: appends the scheme to each base, refuses non-web addresses.
function tag(bases: string[], s: UtmScheme) {
  const urls = bases
    .filter((b) => b.startsWith("https://"))
    .map((b) => ({ base_url: b, tagged_url: `${b}?utm_source=${s.source}&utm_medium=${s.medium}&utm_campaign=${s.campaign}` }));
  const issues = bases.filter((b) => !b.startsWith("https://")).map((b) => ({ base_url: b, reason: "Not a web address." }));
  return { scheme: s, urls, issues };
}

beforeEach(() => {
  Object.values(api).forEach((f) => f.mockReset());
  writeText.mockReset().mockResolvedValue(undefined);
  Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
  api.recommendedUtmScheme.mockImplementation(async (name: string) => ({
    source: "chatgpt",
    medium: "cpc",
    campaign: name.toLowerCase().replace(/[^a-z0-9]+/g, "_"),
  }));
  api.utmTemplate.mockImplementation(async (bases: string[], s: UtmScheme) => tag(bases, s));
  api.parseUtmList.mockResolvedValue({ urls: [], issues: [], issues_not_listed: 0 });
});

afterEach(() => {
  cleanup();
  forgetAllKept();
});

function open() {
  render(
    <ToastProvider>
      <UtmView />
    </ToastProvider>,
  );
  fireEvent.click(screen.getByRole("tab", { name: "Build tagged URLs" }));
}

const input = (id: string) => screen.getByTestId(id) as HTMLInputElement;

describe("Template builder", () => {
  it("fills the recommended scheme from the campaign name and previews tagged URLs", async () => {
    open();
    fireEvent.change(input("utm-campaign-name"), { target: { value: "Spring Sale 2026" } });
    await waitFor(() => expect(input("utm-field-campaign").value).toBe("spring_sale_2026"));
    expect(input("utm-field-source").value).toBe("chatgpt");
    expect(input("utm-field-medium").value).toBe("cpc");

    fireEvent.change(screen.getByTestId("utm-bases"), { target: { value: "https://www.example.com/spring\n\nwww.example.com/x" } });
    const rows = await screen.findAllByTestId("tagged-url");
    expect(rows).toHaveLength(1);
    expect(rows[0].textContent).toContain("https://www.example.com/spring?utm_source=chatgpt&utm_medium=cpc&utm_campaign=spring_sale_2026");
    expect(screen.getByTestId("template-issues").textContent).toContain("www.example.com/x");
    expect(api.utmTemplate).toHaveBeenLastCalledWith(["https://www.example.com/spring", "www.example.com/x"], {
      source: "chatgpt",
      medium: "cpc",
      campaign: "spring_sale_2026",
    });
  });

  it("keeps fields the user edited when the campaign name changes", async () => {
    open();
    fireEvent.change(input("utm-field-medium"), { target: { value: "paid_ai" } });
    fireEvent.change(input("utm-campaign-name"), { target: { value: "Launch" } });
    await waitFor(() => expect(input("utm-field-campaign").value).toBe("launch"));
    expect(input("utm-field-medium").value).toBe("paid_ai");
    expect(screen.getByText(/You changed the recommended source or medium/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Use the recommended tags" }));
    expect(input("utm-field-medium").value).toBe("cpc");
  });

  it("copies all tagged URLs and exports them as CSV", async () => {
    api.exportUtmTemplate.mockResolvedValue("/home/me/Preflight/launch.csv");
    open();
    fireEvent.change(input("utm-campaign-name"), { target: { value: "Launch" } });
    fireEvent.change(screen.getByTestId("utm-bases"), { target: { value: "https://a.example/1\nhttps://a.example/2" } });
    await waitFor(() => expect(screen.getAllByTestId("tagged-url")).toHaveLength(2));

    fireEvent.click(screen.getByTestId("copy-all-tagged"));
    await waitFor(() =>
      expect(writeText).toHaveBeenCalledWith(
        "https://a.example/1?utm_source=chatgpt&utm_medium=cpc&utm_campaign=launch\nhttps://a.example/2?utm_source=chatgpt&utm_medium=cpc&utm_campaign=launch",
      ),
    );

    fireEvent.click(screen.getByTestId("template-export"));
    await waitFor(() => expect(api.exportUtmTemplate).toHaveBeenCalledTimes(1));
    const [output, path] = api.exportUtmTemplate.mock.calls[0];
    expect(output.urls).toHaveLength(2);
    expect(path).toBeNull();
    expect((await screen.findAllByTestId("toast")).some((t) => t.textContent?.includes("/home/me/Preflight/launch.csv"))).toBe(true);

    api.chooseSavePath.mockResolvedValueOnce("/tmp/tags.csv");
    fireEvent.click(screen.getByTestId("template-export-as"));
    await waitFor(() => expect(api.exportUtmTemplate).toHaveBeenCalledTimes(2));
    expect(api.chooseSavePath).toHaveBeenCalledWith(expect.any(String), "launch.csv");
    expect(api.exportUtmTemplate.mock.calls[1][1]).toBe("/tmp/tags.csv");
  });

  it("shows hostile base URLs and reasons as text", async () => {
    api.utmTemplate.mockResolvedValue({
      scheme: { source: "chatgpt", medium: "cpc", campaign: "x" },
      urls: [{ base_url: `https://e.example/${HOSTILE}`, tagged_url: `https://e.example/${HOSTILE}?utm_source=chatgpt` }],
      issues: [{ base_url: HOSTILE, reason: `Bad ${HOSTILE}` }],
    });
    open();
    fireEvent.change(input("utm-campaign-name"), { target: { value: "x" } });
    fireEvent.change(screen.getByTestId("utm-bases"), { target: { value: `https://e.example/${HOSTILE}` } });
    await screen.findByTestId("tagged-url");
    expect(document.querySelector("img")).toBeNull();
    expect(screen.getByTestId("template-issues").textContent).toContain(`Bad ${HOSTILE}`);
  });
});
