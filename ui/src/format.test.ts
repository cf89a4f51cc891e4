import { describe, expect, it } from "vitest";
import type { AuditSummary, Finding } from "./bindings";
import { auditHeadline, findingStateLabel, formatDate, itemStatusRank, olderFirst, sortFindings, verdictTone } from "./format";

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

const audit = (over: Partial<AuditSummary>): AuditSummary => ({
  id: 1,
  client_id: 1,
  client_name: "Acme",
  status: "complete",
  started_at: "2026-11-25T10:00:00Z",
  finished_at: "2026-11-25T10:01:00Z",
  page_count: 3,
  pages_done: 3,
  summary: { pages: 3, reachable: 3, failing_pages: 0, failing_findings: 0, warnings: 0, by_verdict: {} },
  ...over,
});

describe("sortFindings", () => {
  it("puts failures first and keeps the order of equals", () => {
    const sorted = sortFindings([finding("a", "pass"), finding("b", "fail"), finding("c", "warn"), finding("d", "fail")]);
    expect(sorted.map((f) => f.id)).toEqual(["b", "d", "c", "a"]);
  });
});

describe("auditHeadline", () => {
  it("says ready when nothing fails", () => {
    expect(auditHeadline(audit({}))).toBe("All 3 pages are ready");
  });
  it("counts pages with blocking problems", () => {
    const a = audit({ summary: { pages: 3, reachable: 1, failing_pages: 2, failing_findings: 2, warnings: 0, by_verdict: {} } });
    expect(auditHeadline(a)).toBe("2 of 3 pages have blocking problems");
  });
  it("describes running and interrupted runs by progress", () => {
    expect(auditHeadline(audit({ status: "running", pages_done: 1, summary: null }))).toBe("Running: 1 of 3 pages checked");
    expect(auditHeadline(audit({ status: "interrupted", pages_done: 2, summary: null }))).toBe("Interrupted after 2 of 3 pages");
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
