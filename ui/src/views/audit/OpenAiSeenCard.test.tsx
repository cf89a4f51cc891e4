import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { AdSeen, WhatOpenAiSaw } from "../../bindings";
import { ToastProvider } from "../../components/Toast";
import { OpenAiSeenCard, openAiMarks } from "./OpenAiSeenCard";

const BOOTS = "https://shop.example/boots";
const TENTS = "https://shop.example/tents";

function ad(over: Partial<AdSeen>): AdSeen {
  return {
    ad_id: "ad_1",
    ad_name: "Boot card",
    campaign: "Spring",
    ad_group: "Boots",
    review_status: "approved",
    serving_issues: [],
    agreement: "agree",
    agreement_label: "Agrees with the audit",
    line: "OpenAI reports no crawl problem and this audit found the page reachable.",
    ...over,
  };
}

const seen: WhatOpenAiSaw = {
  ads_imported_at: "2026-12-05T09:00:00Z",
  log_file: "access.log",
  log_imported_at: "2026-12-05T09:10:00Z",
  pages: [
    {
      url: BOOTS,
      ads: [
        ad({
          ad_id: "ad_2",
          review_status: "rejected",
          reason_code: "crawler_403",
          reason: "OpenAI's crawler was refused (HTTP 403).",
          screenshot_url: "https://cdn.example/review/ad_2.png",
          agreement: "explainable",
          agreement_label: "Differs, likely explained",
          line: "the rule likely matches OpenAI's IP addresses",
        }),
      ],
      log: {
        url: BOOTS,
        path: "/boots",
        addresses: "in-ranges",
        requests: 3,
        refused: 3,
        last_status: 403,
        last_seen: "2026-12-04T08:00:00Z",
        impostor_requests: 1,
      },
      log_finding: {
        id: "log-refused-audit-reached",
        title: "The real crawler was refused",
        status: "fail",
        severity: "high",
        area: "reachability",
        confidence: "high",
        detail: "",
        evidence: [],
        remedy: "Allow OpenAI's published address ranges.",
      } as unknown as WhatOpenAiSaw["pages"][number]["log_finding"],
    },
    { url: TENTS, ads: [] },
  ],
  ads_not_audited: [ad({ ad_id: "ad_9", ad_name: "Stove card", agreement: "not_audited", agreement_label: "Landing page not audited" })],
};

function show(pageUrl?: string) {
  return render(
    <ToastProvider>
      <OpenAiSeenCard seen={seen} pageUrl={pageUrl} />
    </ToastProvider>,
  );
}

afterEach(cleanup);

describe("What OpenAI saw", () => {
  it("sums up the disagreements and lists each page's ads and log lines", () => {
    show();
    expect(screen.getByTestId("openai-seen-summary").textContent).toMatch(/1 ad's review differs.*access log disagrees on 1 page/);
    const rows = screen.getAllByTestId("openai-seen-row");
    expect(rows.map((r) => r.dataset.url)).toEqual([BOOTS]);
    const adLine = within(rows[0]).getByTestId("openai-seen-ad");
    expect(adLine.dataset.agreement).toBe("explainable");
    expect(adLine.textContent).toContain("crawler_403");
    expect(adLine.textContent).toContain("https://cdn.example/review/ad_2.png");
    expect(within(rows[0]).getByTestId("openai-seen-log").textContent).toMatch(/3 requests from OpenAI's addresses, 3 refused.*HTTP 403/);
    expect(screen.getByText(/Stove card/)).toBeTruthy();
  });

  it("shows one page's evidence in its detail, and nothing for a page OpenAI never reported on", () => {
    const { unmount } = show(BOOTS);
    expect(screen.getByTestId("openai-seen-page").textContent).toContain("Boot card");
    expect(screen.queryByText(/Stove card/)).toBeNull();
    unmount();
    show(TENTS);
    expect(screen.queryByTestId("openai-seen-page")).toBeNull();
  });

  it("marks in the grid only the pages OpenAI reported on", () => {
    const marks = openAiMarks(seen);
    expect([...marks.keys()]).toEqual([BOOTS]);
    expect(marks.get(BOOTS)).toEqual({ tone: "bad", label: "OpenAI disagrees" });
    const agreeing = { ...seen, pages: [{ url: TENTS, ads: [ad({})] }] };
    expect(openAiMarks(agreeing).get(TENTS)?.label).toBe("OpenAI agrees");
    expect(openAiMarks(null).size).toBe(0);
  });
});
