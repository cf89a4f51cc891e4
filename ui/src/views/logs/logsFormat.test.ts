import { describe, expect, it } from "vitest";
import type { PathSummary } from "../../bindings";
import { classes } from "./fixtures";
import {
  daysCovered,
  fillDays,
  formatBytes,
  formatDay,
  formatLogTime,
  isCancelled,
  rangesOriginText,
  refusedCount,
  sortPaths,
  statusTone,
} from "./logsFormat";

// Refusals as the engine marks them (403 and 429 here).
const REFUSED = new Set([403, 429]);

const path = (p: string, requests: number, statuses: [number, number][], last: number): PathSummary => ({
  host: null,
  path: p,
  requests,
  statuses: statuses.map(([status, count]) => ({ status, count, refused: REFUSED.has(status) })),
  first_seen: "2026-05-01T00:00:00Z",
  last_seen: "2026-05-02T00:00:00Z",
  last_status: last,
  last_refused: REFUSED.has(last),
});

describe("logsFormat", () => {
  it("takes refusals from the engine's marks, not from the codes", () => {
    expect(statusTone(403, true)).toBe("bad");
    expect(statusTone(503, false)).toBe("neutral");
    expect(statusTone(404, false)).toBe("warn");
    expect(statusTone(200, false)).toBe("good");
    expect(refusedCount(path("/a", 6, [[200, 1], [403, 2], [429, 3]], 200).statuses)).toBe(5);
  });

  it("sorts pages still refused first, then refused earlier, then by requests", () => {
    const sorted = sortPaths([
      path("/ok-busy", 100, [[200, 100]], 200),
      path("/fixed", 5, [[403, 2], [200, 3]], 200),
      path("/blocked", 2, [[429, 2]], 429),
      path("/ok-quiet", 1, [[200, 1]], 200),
      path("/missing", 50, [[404, 50]], 404),
    ]);
    expect(sorted.map((p) => p.path)).toEqual(["/blocked", "/fixed", "/ok-busy", "/missing", "/ok-quiet"]);
  });

  it("describes each address-list origin", () => {
    expect(rangesOriginText({ kind: "downloaded", url: "https://openai.com/adsbot.json" }).text).toContain("downloaded from https://openai.com/adsbot.json");
    const saved = rangesOriginText({ kind: "saved_copy", saved_at: null, why_not_downloaded: "timed out" });
    expect(saved.tone).toBe("warn");
    expect(saved.text).toContain("a saved copy (date unknown)");
    expect(saved.text).toContain("timed out");
    expect(rangesOriginText({ kind: "local_file", path: "/x/adsbot.json" }).text).toContain("/x/adsbot.json");
    expect(rangesOriginText({ kind: "unavailable", reason: "offline" }).text).toMatch(/^Addresses were not checked/);
    expect(rangesOriginText(null).tone).toBe("neutral");
  });

  it("keeps log times in the log's own zone", () => {
    expect(formatLogTime("2026-05-03T06:25:41+02:00")).toBe("3 May 2026, 06:25 (UTC+02:00)");
    expect(formatLogTime("2026-12-31T23:59:59.5Z")).toBe("31 Dec 2026, 23:59 (UTC)");
    expect(formatLogTime("yesterday")).toBe("yesterday");
    expect(formatDay("2026-01-09", false)).toBe("9 Jan");
    expect(daysCovered("2026-05-03T06:25:00+02:00", "2026-05-09T01:00:00+02:00")).toBe(7);
  });

  it("fills days without requests so gaps show", () => {
    const filled = fillDays([
      { date: "2026-02-27", requests: 1, status_classes: classes({ success: 1 }) },
      { date: "2026-03-02", requests: 2, status_classes: classes({ success: 2 }) },
    ]);
    expect(filled.map((d) => d.date)).toEqual(["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]);
    expect(filled[1].requests).toBe(0);
  });

  it("formats sizes and recognises a cancelled import", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(300 * 1024 * 1024)).toBe("300 MB");
    expect(isCancelled("cancelled")).toBe(true);
    expect(isCancelled("log_corrupt_gzip")).toBe(false);
  });
});
