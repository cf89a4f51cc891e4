import { describe, expect, it } from "vitest";
import { failUrl, passUrl, unassignedUrl, untaggedUrl, warnUrl } from "./fixtures";
import { buildRows, channelCounts, channelRisk, columnLetter, filterAndSort, lines } from "./model";

describe("UTM view helpers", () => {
  it("takes each URL's status from the report", () => {
    expect(buildRows([failUrl, warnUrl, passUrl(1)]).map((r) => r.status)).toEqual(["fail", "warn", "pass"]);
  });

  it("reads the channel risk the engine decided, and none for an invalid URL", () => {
    expect(channelRisk(unassignedUrl)).toBe("unassigned");
    expect(channelRisk(untaggedUrl)).toBe("organic-mix");
    expect(channelRisk(warnUrl)).toBeNull();
    expect(channelRisk({ ...warnUrl, ga4: undefined })).toBeNull();
  });

  it("sorts worst first and filters by status, channel and text", () => {
    const rows = buildRows([passUrl(1), warnUrl, failUrl, unassignedUrl]);
    const worst = filterAndSort(rows, { status: "all", channel: null, query: "", sort: "worst" });
    expect(worst.map((r) => r.status)).toEqual(["fail", "warn", "warn", "pass"]);
    expect(filterAndSort(rows, { status: "warn", channel: "Unassigned", query: "", sort: "input" })).toHaveLength(1);
    expect(filterAndSort(rows, { status: "all", channel: null, query: "/AI?", sort: "input" })[0].report).toBe(unassignedUrl);
  });

  it("counts URLs per GA4 channel, largest first", () => {
    const counts = channelCounts([passUrl(1), warnUrl, unassignedUrl]);
    expect(counts[0]).toEqual({ channel: "Paid Other", count: 2, risk: null });
    expect(counts[1]).toEqual({ channel: "Unassigned", count: 1, risk: "unassigned" });
  });

  it("names columns like a spreadsheet and splits lines", () => {
    expect([0, 1, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(["A", "B", "Z", "AA", "AB", "ZZ", "AAA"]);
    expect(lines(" a \r\n\n b\n")).toEqual(["a", "b"]);
  });
});
