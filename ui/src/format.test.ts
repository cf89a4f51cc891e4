import { describe, expect, it } from "vitest";
import type { Finding } from "./bindings";
import { findingStateLabel, formatDate, itemStatusRank, olderFirst, sortFindings, verdictTone } from "./format";

const finding = (id: string, status: Finding["status"]): Finding => ({
  id,
  area: "reachability",
  status,
  severity: "none",
  confidence: "high",
  title: id,
  detail: "",
  evidence: [],
  remedy: "",
});

describe("sortFindings", () => {
  it("puts failures first and keeps the order of equals", () => {
    const sorted = sortFindings([finding("a", "pass"), finding("b", "fail"), finding("c", "warn"), finding("d", "fail")]);
    expect(sorted.map((f) => f.id)).toEqual(["b", "d", "c", "a"]);
  });
});

describe("small helpers", () => {
  it("maps verdicts to tones", () => {
    expect(verdictTone("reachable")).toBe("good");
    expect(verdictTone("cloaked")).toBe("warn");
    expect(verdictTone("robots_blocked")).toBe("bad");
  });
  it("keeps text that is not a date", () => {
    expect(formatDate("not a date")).toBe("not a date");
    expect(formatDate(null)).toBe("");
  });
});

describe("history helpers", () => {
  it("words a finding's state", () => {
    expect(findingStateLabel({ status: "fail", severity: "high" })).toBe("Fail (high)");
    expect(findingStateLabel({ status: "pass", severity: "none" })).toBe("Pass");
    expect(findingStateLabel(null)).toBe("absent");
  });

  it("orders two audits by start time", () => {
    const a = { id: 2, started_at: "2026-11-25T10:00:00Z" };
    const b = { id: 1, started_at: "2026-11-12T10:00:00Z" };
    expect(olderFirst(a, b)).toEqual([b, a]);
    expect(olderFirst(b, a)).toEqual([b, a]);
  });

  it("ranks checklist statuses worst first", () => {
    expect(itemStatusRank("fail")).toBeLessThan(itemStatusRank("warn"));
    expect(itemStatusRank("warn")).toBeLessThan(itemStatusRank("not_checked"));
    expect(itemStatusRank("not_checked")).toBeLessThan(itemStatusRank("pass"));
    expect(itemStatusRank("pass")).toBeLessThan(itemStatusRank(null));
  });
});
