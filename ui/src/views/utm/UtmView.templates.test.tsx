// Tracking templates in the UTM tool: the optional fields per level, the URL a click opens at
// each level, findings about the templates, and the builder's tracking template.
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { UrlReport, UtmScheme } from "../../bindings";
import { ToastProvider } from "../../components/Toast";
import { forgetAllKept } from "../../keep";
import { UtmView } from "../UtmView";
import { checked, finding, HOSTILE, report, warnUrl } from "./fixtures";

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

const writeText = vi.fn();

const DEST = "https://shop.example.com/spring?utm_source=chatgpt";
const CAMPAIGN = "utm_medium=cpc&utm_campaign={campaign_id}";
const AD = "utm_content={ad_id}";

const withClicks: UrlReport = {
  ...warnUrl,
  url: DEST,
  click_urls: [
    { level: "ad_account", url: DEST },
    { level: "campaign", template: CAMPAIGN, url: `${DEST}&${CAMPAIGN}` },
    { level: "ad_group", url: `${DEST}&${CAMPAIGN}` },
    { level: "ad", template: AD, url: `${DEST}&${CAMPAIGN}&${AD}` },
  ],
};

beforeEach(() => {
  Object.values(api).forEach((f) => f.mockReset());
  writeText.mockReset().mockResolvedValue(undefined);
  Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
  api.parseUtmList.mockImplementation(async (text: string) => ({
    urls: text
      .split("\n")
      .filter((l) => l.trim())
      .map((url, i) => ({ line: i + 1, url: url.trim() })),
    issues: [],
    issues_not_listed: 0,
  }));
  api.recommendedUtmScheme.mockImplementation(async (name: string) => ({ source: "chatgpt", medium: "cpc", campaign: name.toLowerCase().replace(/\W+/g, "_") }));
  api.utmTemplate.mockImplementation(async (bases: string[], s: UtmScheme) => ({
    scheme: s,
    urls: bases.map((b) => ({ base_url: b, tagged_url: `${b}?utm_source=${s.source}` })),
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

const field = (level: string) => screen.getByTestId(`utm-template-${level}`) as HTMLInputElement;

async function paste(text: string) {
  fireEvent.change(screen.getByTestId("utm-paste"), { target: { value: text } });
  await waitFor(() => expect(screen.getByTestId("paste-count")).toBeTruthy());
}

describe("Tracking templates in the check", () => {
  it("start folded away, list OpenAI's macros with one line of help per level, and are not sent while empty", async () => {
    api.checkUtm.mockResolvedValue(checked(report([warnUrl])));
    renderView();
    const toggle = screen.getByTestId("tracking-templates-toggle");
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(toggle.textContent).toContain("Tracking templates (optional)");
    expect(screen.queryByTestId("utm-template-campaign")).toBeNull();

    fireEvent.click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    for (const [level, label] of [
      ["ad_account", "Ad account"],
      ["campaign", "Campaign"],
      ["ad_group", "Ad group"],
      ["ad", "Ad"],
    ]) {
      const input = screen.getByLabelText(label);
      expect(input).toBe(field(level));
      expect(document.getElementById(input.getAttribute("aria-describedby") ?? "")?.textContent).toBeTruthy();
    }
    const macros = screen.getByTestId("template-macros").textContent;
    for (const m of ["{campaign_id}", "{ad_id}", "{oppref}"]) expect(macros).toContain(m);

    // Blank fields count as no template.
    fireEvent.change(field("ad_group"), { target: { value: "   " } });
    await paste(warnUrl.url);
    fireEvent.click(screen.getByTestId("utm-check"));
    await screen.findByTestId("utm-results");
    expect(api.checkUtm).toHaveBeenCalledWith([warnUrl.url], false, undefined);
    expect(screen.queryByTestId("template-findings")).toBeNull();
  });

  it("sends the templates that are set, trimmed", async () => {
    api.checkUtm.mockResolvedValue(checked(report([withClicks]), { templates: { campaign: CAMPAIGN, ad: AD } }));
    renderView();
    fireEvent.click(screen.getByTestId("tracking-templates-toggle"));
    fireEvent.change(field("campaign"), { target: { value: `  ${CAMPAIGN} ` } });
    fireEvent.change(field("ad"), { target: { value: AD } });
    expect(screen.getByTestId("tracking-templates-toggle").textContent).toContain("2 templates set");
    await paste(DEST);
    fireEvent.click(screen.getByTestId("utm-check"));
    await screen.findByTestId("utm-results");
    expect(api.checkUtm).toHaveBeenCalledWith([DEST], false, { campaign: CAMPAIGN, ad: AD });
  });

  it("shows the URL a click opens at each level, copyable, and the findings about the templates", async () => {
    const malformed = finding({ id: "template-malformed", status: "fail", title: "The ad's tracking template is malformed" });
    const mixed = finding({ id: "campaign-mixed-sources", status: "warn", title: "Campaign spring uses several sources" });
    api.checkUtm.mockResolvedValue(checked(report([withClicks], [malformed, mixed]), { templates: { campaign: CAMPAIGN, ad: AD } }));
    renderView();
    await paste(DEST);
    fireEvent.click(screen.getByTestId("utm-check"));
    await screen.findByTestId("utm-results");

    const clicks = screen.getByTestId("click-urls");
    expect(within(clicks).getByTestId("click-url-ad_account").textContent).toContain("no template: the URL as it is");
    expect(within(clicks).getByTestId("click-url-campaign").textContent).toContain(`${DEST}&${CAMPAIGN}`);
    expect(within(clicks).getByTestId("click-url-campaign").textContent).toContain(`template ${CAMPAIGN}`);
    expect(within(clicks).getByTestId("click-url-ad_group").textContent).toContain("the same URL as the level above");
    const ad = within(clicks).getByTestId("click-url-ad");
    expect(ad.textContent).toContain("a click on the ad opens");
    expect(ad.textContent).toContain(`${DEST}&${CAMPAIGN}&${AD}`);
    fireEvent.click(within(ad).getByRole("button", { name: /Copy the URL a click opens at the ad level/ }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(`${DEST}&${CAMPAIGN}&${AD}`));

    // Template findings have their own card with the templates used; the set's stay apart.
    const templates = screen.getByTestId("template-findings");
    expect(templates.textContent).toContain("The ad's tracking template is malformed");
    expect(templates.textContent).toContain(CAMPAIGN);
    expect(templates.textContent).not.toContain("several sources");
    expect(screen.getByTestId("set-findings").textContent).toContain("Campaign spring uses several sources");
    expect(screen.getByTestId("set-findings").textContent).not.toContain("malformed");
  });

  it("keeps the templates and the open section while the user is elsewhere", async () => {
    const first = renderView();
    fireEvent.click(screen.getByTestId("tracking-templates-toggle"));
    fireEvent.change(field("ad_account"), { target: { value: "utm_source=chatgpt" } });
    fireEvent.change(field("ad"), { target: { value: AD } });
    first.unmount();

    renderView();
    expect(screen.getByTestId("tracking-templates-toggle").getAttribute("aria-expanded")).toBe("true");
    expect(field("ad_account").value).toBe("utm_source=chatgpt");
    expect(field("campaign").value).toBe("");
    expect(field("ad").value).toBe(AD);
    // Folded away, they are still used.
    fireEvent.click(screen.getByTestId("tracking-templates-toggle"));
    expect(screen.getByTestId("tracking-templates-toggle").textContent).toContain("2 templates set");
  });

  it("shows templates and click URLs from the page as text", async () => {
    const hostile: UrlReport = { ...warnUrl, click_urls: [{ level: "ad", template: HOSTILE, url: HOSTILE }] };
    api.checkUtm.mockResolvedValue(checked(report([hostile]), { templates: { ad: HOSTILE } }));
    const { container } = renderView();
    await paste(warnUrl.url);
    fireEvent.click(screen.getByTestId("utm-check"));
    await screen.findByTestId("utm-results");
    expect(container.querySelector("img")).toBeNull();
    expect(screen.getAllByText(HOSTILE).length).toBeGreaterThanOrEqual(2);
  });
});

describe("The builder's tracking template", () => {
  it("builds a query_string_template with OpenAI's documented macros only and hands it to the check", async () => {
    renderView();
    fireEvent.click(screen.getByRole("tab", { name: "Build tagged URLs" }));
    const card = screen.getByTestId("tracking-template");
    expect(within(card).queryByTestId("tracking-template-text")).toBeNull();
    fireEvent.change(screen.getByTestId("utm-campaign-name"), { target: { value: "Spring Sale" } });
    await waitFor(() => expect(within(card).getByTestId("tracking-template-text").textContent).toBe("utm_source=chatgpt&utm_medium=cpc&utm_campaign=spring_sale"));

    const choice = screen.getByTestId("utm-macro-campaign") as HTMLSelectElement;
    const offered = [...choice.options].map((o) => o.value).filter(Boolean);
    expect(offered).toEqual(["campaign_id", "ad_id", "oppref"]);
    fireEvent.change(choice, { target: { value: "campaign_id" } });
    fireEvent.change(screen.getByTestId("utm-macro-content"), { target: { value: "ad_id" } });
    const text = "utm_source=chatgpt&utm_medium=cpc&utm_campaign={campaign_id}&utm_content={ad_id}";
    expect(within(card).getByTestId("tracking-template-text").textContent).toBe(text);

    fireEvent.click(screen.getByTestId("copy-tracking-template"));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(text));

    fireEvent.click(screen.getByTestId("use-tracking-template"));
    expect(screen.getByRole("tab", { name: "Check URLs" }).getAttribute("aria-selected")).toBe("true");
    expect(field("campaign").value).toBe(text);
  });

  it("encodes typed values that are not safe in a URL", async () => {
    renderView();
    fireEvent.click(screen.getByRole("tab", { name: "Build tagged URLs" }));
    fireEvent.change(screen.getByTestId("utm-field-source"), { target: { value: "chatgpt" } });
    fireEvent.change(screen.getByTestId("utm-field-medium"), { target: { value: "cpc" } });
    fireEvent.change(screen.getByTestId("utm-field-campaign"), { target: { value: "spring & summer" } });
    expect(screen.getByTestId("tracking-template-text").textContent).toBe("utm_source=chatgpt&utm_medium=cpc&utm_campaign=spring%20%26%20summer");
  });
});
