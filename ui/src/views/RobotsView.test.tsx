import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "../api";
import type { FetchedRobots, RobotsLint, RobotsTest, RobotsVerdict, UrlTest } from "../bindings";
import { forgetAllKept } from "../keep";
import { RobotsView } from "./RobotsView";

vi.mock("../api", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../api")>();
  return {
    ...actual,
    api: {
      testRobots: vi.fn(),
      lintRobots: vi.fn(),
      fetchSiteRobots: vi.fn(),
      listClients: vi.fn(),
      listPages: vi.fn(),
    },
  };
});
const m = vi.mocked(api);

const FILE = "User-agent: *\nDisallow: /*?utm\nCrawl-delay: 5\n";

function verdict(url: string, allowed: boolean, line: number | null): RobotsVerdict {
  return {
    agent: "OAI-AdsBot",
    url,
    matched_path: new URL(url).pathname,
    source: { kind: "parsed" },
    allowed,
    group: { kind: "global", lines: [{ line: 1, text: "User-agent: *" }] },
    matched_rule: line === null ? null : { kind: "disallow", line, text: "Disallow: /*?utm", pattern: "/*?utm" },
    bare_url: null,
    truncation: null,
    unmatchable_agent_lines: [],
  };
}

function row(input: string, allowed: boolean, line: number | null): UrlTest {
  return {
    input,
    verdict: verdict(input, allowed, line),
    error: null,
    decision: line === null ? "No rule matches, and anything not blocked is allowed." : `Line ${line} (“Disallow: /*?utm”) blocks it.`,
    group: "“User-agent: *” (line 1), because no group names OAI-AdsBot",
    deciding_line: line,
    group_lines: [1],
    findings: [],
  };
}

const RESULT: RobotsTest = {
  agent: "OAI-AdsBot",
  rows: [
    row("https://shop.example/sale?utm_source=chatgpt", false, 2),
    row("https://shop.example/sale", true, null),
    {
      input: "landing page",
      verdict: null,
      error: "\"landing page\" is not a valid web address (relative URL without a base); give the full address, starting with https://.",
      decision: "",
      group: "",
      deciding_line: null,
      group_lines: [],
      findings: [],
    },
  ],
  left_out: 0,
  source_note: null,
};

const LINT: RobotsLint = {
  findings: [
    {
      line: 3,
      kind: "crawl_delay",
      status: "info",
      text: "Crawl-delay: 5",
      problem: "“Crawl-delay” is not part of RFC 9309: OAI-AdsBot may ignore it, as Google does. It does not block ad review.",
      remedy: "No change needed for ads; do not rely on it to slow crawlers down.",
    },
  ],
  not_listed: 0,
};

const line = (n: number) => within(screen.getByTestId("robots-lines")).getByText(String(n)).closest("li")!;

function typeInputs() {
  fireEvent.change(screen.getByLabelText("robots.txt"), { target: { value: FILE } });
  fireEvent.change(screen.getByLabelText("URLs to test, one per line"), {
    target: { value: "https://shop.example/sale?utm_source=chatgpt\nhttps://shop.example/sale\nlanding page" },
  });
}

beforeEach(() => {
  vi.resetAllMocks();
  forgetAllKept();
  m.testRobots.mockResolvedValue(RESULT);
  m.lintRobots.mockResolvedValue(LINT);
  m.listClients.mockResolvedValue([]);
  m.listPages.mockResolvedValue([]);
});
afterEach(cleanup);

describe("robots.txt tester", () => {
  it("names the deciding line and marks it in the file", async () => {
    render(<RobotsView />);
    typeInputs();
    fireEvent.click(screen.getByText("Test"));
    await waitFor(() => expect(screen.getAllByTestId("robots-row")).toHaveLength(3));
    expect(m.testRobots).toHaveBeenCalledWith(FILE, "OAI-AdsBot", expect.stringContaining("landing page"), undefined);

    const first = screen.getAllByTestId("robots-row")[0];
    expect(within(first).getByText("Blocked")).toBeTruthy();
    expect(within(first).getByText("Line 2 (“Disallow: /*?utm”) blocks it.")).toBeTruthy();
    expect(within(first).getByText(/because no group names OAI-AdsBot/)).toBeTruthy();
    expect(line(2).className).toContain("robots-line-decided");
    expect(line(2).getAttribute("aria-current")).toBe("true");
    expect(line(1).className).toContain("robots-line-group");
    expect(line(3).className).not.toContain("robots-line-decided");
  });

  it("gives each URL its own row, a bad one with a plain message", async () => {
    render(<RobotsView />);
    typeInputs();
    fireEvent.click(screen.getByText("Test"));
    await waitFor(() => expect(screen.getAllByTestId("robots-row")).toHaveLength(3));
    const [blocked, allowed, bad] = screen.getAllByTestId("robots-row");
    expect(within(blocked).getByText("https://shop.example/sale?utm_source=chatgpt")).toBeTruthy();
    expect(within(allowed).getByText("Allowed")).toBeTruthy();
    expect(within(allowed).getByText(/No rule matches/)).toBeTruthy();
    expect(within(bad).getByText(/is not a valid web address/)).toBeTruthy();

    // Choosing the allowed row leaves no line marked as deciding.
    fireEvent.click(allowed);
    expect(screen.getByTestId("robots-lines").querySelector(".robots-line-decided")).toBeNull();
  });

  it("lists lint findings by line, and a click marks that line", async () => {
    render(<RobotsView />);
    typeInputs();
    await waitFor(() => expect(screen.getByTestId("robots-lint")).toBeTruthy());
    expect(m.lintRobots).toHaveBeenLastCalledWith(FILE);
    const item = within(screen.getByTestId("robots-lint")).getByText("Line 3");
    expect(screen.getByText(/OAI-AdsBot may ignore it/)).toBeTruthy();
    expect(line(3).className).toContain("robots-line-lint");
    fireEvent.click(item);
    expect(line(3).className).toContain("robots-line-focus");
    const editor = screen.getByLabelText("robots.txt") as HTMLTextAreaElement;
    expect(FILE.slice(editor.selectionStart, editor.selectionEnd)).toBe("Crawl-delay: 5");
  });

  it("keeps the file, crawler, URLs and results after leaving and coming back", async () => {
    const first = render(<RobotsView />);
    typeInputs();
    fireEvent.change(screen.getByLabelText("Crawler"), { target: { value: "GPTBot" } });
    fireEvent.click(screen.getByText("Test"));
    await waitFor(() => expect(screen.getAllByTestId("robots-row")).toHaveLength(3));
    first.unmount();

    render(<RobotsView />);
    expect((screen.getByLabelText("robots.txt") as HTMLTextAreaElement).value).toBe(FILE);
    expect((screen.getByLabelText("Crawler") as HTMLInputElement).value).toBe("GPTBot");
    expect((screen.getByLabelText("URLs to test, one per line") as HTMLTextAreaElement).value).toContain("landing page");
    expect(screen.getAllByTestId("robots-row")).toHaveLength(3);
    expect(line(2).className).toContain("robots-line-decided");
  });

  it("loads a site's live file, says where it came from, and tests with its fetch status", async () => {
    const fetched: FetchedRobots = {
      site: "https://shop.example/",
      robots_url: "https://shop.example/robots.txt",
      final_url: "https://shop.example/robots.txt",
      status: 503,
      hops: [],
      source: { kind: "unreachable", reason: { kind: "server_error", status: 503 } },
      body: "",
      body_bytes: 0,
      truncated: false,
      fetched_at: "2026-12-05T12:00:00Z",
      summary: "Fetched https://shop.example/robots.txt as OAI-AdsBot at 2026-12-05T12:00:00Z: HTTP 503, 0 bytes.",
      meaning: "robots.txt could not be read (HTTP 503, a server error): crawlers must treat the whole site as blocked until it answers (RFC 9309).",
    };
    m.fetchSiteRobots.mockResolvedValue(fetched);
    render(<RobotsView />);
    fireEvent.change(screen.getByTestId("robots-site"), { target: { value: "shop.example" } });
    fireEvent.click(screen.getByText("Fetch robots.txt"));
    await waitFor(() => expect(screen.getByTestId("robots-fetched")).toBeTruthy());
    expect(m.fetchSiteRobots).toHaveBeenCalledWith("shop.example");
    expect(screen.getByText(fetched.summary)).toBeTruthy();
    expect(screen.getByText(/treat the whole site as blocked/)).toBeTruthy();
    expect((screen.getByLabelText("robots.txt") as HTMLTextAreaElement).value).toBe("");

    fireEvent.click(screen.getByText("Test"));
    await waitFor(() => expect(m.testRobots).toHaveBeenCalled());
    expect(m.testRobots.mock.calls[0][3]).toEqual(fetched.source);

    // Once edited, the text's own rules count.
    fireEvent.change(screen.getByLabelText("robots.txt"), { target: { value: FILE } });
    expect(screen.getByText(/Edited since it was fetched/)).toBeTruthy();
    fireEvent.click(screen.getByText("Test"));
    await waitFor(() => expect(m.testRobots).toHaveBeenCalledTimes(2));
    expect(m.testRobots.mock.calls[1][3]).toBeUndefined();
  });

  it("offers the clients' sites to fetch from", async () => {
    m.listClients.mockResolvedValue([{ client: { id: 7, name: "Northwind", created_at: "" }, page_count: 2 }] as never);
    m.listPages.mockResolvedValue([
      { id: 1, client_id: 7, url: "https://northwind.example/sale?utm_source=chatgpt", created_at: "" },
      { id: 2, client_id: 7, url: "https://northwind.example/spring", created_at: "" },
    ]);
    m.fetchSiteRobots.mockRejectedValue({ code: "invalid_url", message: "Not a web address.", hint: "Enter the full address." });
    render(<RobotsView />);
    const pick = (await screen.findByTestId("robots-client-sites")) as HTMLSelectElement;
    expect(within(pick).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Clients' sites…",
      "https://northwind.example (Northwind)",
    ]);
    fireEvent.change(pick, { target: { value: "https://northwind.example" } });
    await waitFor(() => expect(m.fetchSiteRobots).toHaveBeenCalledWith("https://northwind.example"));
    expect(await screen.findByText("Not a web address.")).toBeTruthy();
  });
});
