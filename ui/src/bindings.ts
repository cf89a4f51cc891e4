// Generated from the Rust types by `UPDATE_BINDINGS=1 cargo test -p preflight-desktop --lib bindings`.
// Do not edit by hand.

export type AddPagesOutcome = { parsed: ParsedTargets, saved: AddedPages, };

export type AddedPages = { added: Array<LandingPage>, 
/**
 * URLs the client already had.
 */
already_present: Array<string>, };

export type Agent = "adsbot" | "adsbot_token" | "browser";

export type AppError = { 
/**
 * Stable code: `not_found`, `duplicate`, `invalid_input`, `newer_database`, `database_open`,
 * `disk_full`, `database_busy`, `database`, `audit_running`, `internal`, ...
 */
code: string, message: string, };

export type AppInfo = { version: string, db_path: string, 
/**
 * Why the database could not be opened, if it could not.
 */
db_error: AppError | null, };

export type Area = "reachability" | "pixel" | "utm" | "page";

export type AuditProgress = { run_id: number, client_id: number, kind: ProgressKind, done: number, total: number, url: string | null, verdict: Verdict | null, 
/**
 * How the run ended (with `finished`).
 */
status: RunStatus | null, 
/**
 * What went wrong (with `failed`).
 */
error: AppError | null, };

export type AuditReport = { schema_version: number, 
/**
 * The program and version that produced the report.
 */
generator: string, 
/**
 * RFC 3339 timestamps.
 */
started_at: string, finished_at: string | null, status: RunStatus, summary: Summary, pages: Array<PageReport>, 
/**
 * What these checks cannot prove, in plain words; printed with every result.
 */
limits: Array<string>, };

export type AuditSummary = { id: number, client_id: number | null, client_name: string | null, status: RunStatus, started_at: string, finished_at: string | null, 
/**
 * Pages the run set out to check.
 */
page_count: number, 
/**
 * Pages checked and saved.
 */
pages_done: number, 
/**
 * Counts, once the run has finished.
 */
summary: Summary | null, };

export type BareUrlCheck = { url: string, allowed: boolean, matched_rule: MatchedRule | null, };

export type Client = { id: number, name: string, created_at: string, };

export type ClientSummary = { client: Client, page_count: number, last_audit: AuditSummary | null, };

export type Confidence = "low" | "medium" | "high";

export type DuplicateTarget = { line: number, url: string, };

export type Evidence = { 
/**
 * What this is, in plain words ("robots.txt line", "Response header", "Redirect hop 2").
 */
label: string, 
/**
 * The value itself, verbatim (truncated when very long).
 */
value: string, 
/**
 * Where it was found (a URL, `file:line:column`), when that helps.
 */
location?: string, };

export type FetchArtifact = { agent: Agent, user_agent: string, requested_url: string, 
/**
 * Every response received, in order; the last one is the final answer.
 */
hops: Array<Hop>, 
/**
 * Status of the last response, when there was one.
 */
status?: number, final_url?: string, 
/**
 * Headers of the last response.
 */
headers: Array<Header>, content_type?: string, 
/**
 * Bytes of body read (after decompression).
 */
body_bytes: number, 
/**
 * The body was longer than the size cap and was cut.
 */
body_truncated: boolean, 
/**
 * The character encoding the body was decoded with.
 */
charset?: string, 
/**
 * The body had bytes that were not valid in its encoding.
 */
decode_errors: boolean, title?: string, 
/**
 * The start of the visible text (scripts and styles removed, whitespace collapsed).
 */
visible_text: string, 
/**
 * Word count of the whole visible text.
 */
word_count: number, 
/**
 * The start of the decoded body, for signature checks (firewall block pages and the like).
 */
body_head: string, 
/**
 * Milliseconds from the first request to the end of the body (or the failure).
 */
total_ms: number, error?: FetchError, };

export type FetchError = { kind: FetchErrorKind, 
/**
 * A plain-language explanation.
 */
message: string, };

export type FetchErrorKind = "dns" | "connection_refused" | "tls" | "timeout" | "connection_reset" | "redirect_loop" | "too_many_redirects" | "bad_redirect" | "protocol" | "other";

export type Finding = { 
/**
 * Stable kebab-case id, documented in the finding catalogue (docs/findings.md).
 */
id: string, area: Area, status: Status, severity: Severity, confidence: Confidence, 
/**
 * One line a marketer understands ("OAI-AdsBot is blocked by Cloudflare").
 */
title: string, 
/**
 * What is wrong and why it matters, in plain words.
 */
detail: string, evidence: Array<Evidence>, 
/**
 * What to do about it; empty when nothing needs doing.
 */
remedy: string, };

export type GroupUsed = { "kind": "specific", lines: Array<SourceLine>, } | { "kind": "global", lines: Array<SourceLine>, } | { "kind": "no_group" };

export type Header = { name: string, value: string, };

export type Hop = { url: string, status: number, 
/**
 * Where it sent us next, for redirects.
 */
location?: string, elapsed_ms: number, };

export type InvalidTarget = { 
/**
 * 1-based line number in the pasted text.
 */
line: number, text: string, reason: string, };

export type LandingPage = { id: number, client_id: number, url: string, created_at: string, };

export type MatchedRule = { kind: RuleKind, 
/**
 * 1-based line number in robots.txt.
 */
line: number, 
/**
 * The whole line as written, e.g. `Disallow: /*?utm`.
 */
text: string, 
/**
 * The pattern after percent-encoding normalisation, as it was compared.
 */
pattern: string, };

export type PageReport = { 
/**
 * The landing page as entered (normalised), query string included.
 */
url: string, verdict: Verdict, verdict_confidence: Confidence, 
/**
 * One sentence explaining the verdict.
 */
verdict_reason: string, 
/**
 * Lowercase id of the firewall or CDN identified in front of the page, if any.
 */
vendor: string | null, 
/**
 * robots.txt's answer for this exact URL (query string included), with the matched line.
 */
robots: RobotsVerdict | null, 
/**
 * Whether the UTM parameters and OpenAI's click ids survived the redirects; `None` when it
 * could not be told (the page did not load).
 */
params_survive: boolean | null, findings: Array<Finding>, 
/**
 * The raw evidence the findings were computed from: one fetch per agent.
 */
fetches: Array<FetchArtifact>, 
/**
 * The robots.txt fetch that governs this page.
 */
robots_fetch: RobotsFetch | null, 
/**
 * The page requested as a visitor with test `oppref`/`olref` values appended.
 */
params_fetch: FetchArtifact | null, };

export type ParsedTargets = { 
/**
 * Valid, normalised, unique URLs in the order they were pasted.
 */
urls: Array<string>, 
/**
 * Lines (or parts of lines) that could not be used, with the reason.
 */
invalid: Array<InvalidTarget>, 
/**
 * URLs dropped because an equal one came earlier.
 */
duplicates: Array<DuplicateTarget>, };

export type ProgressKind = "page_started" | "page_finished" | "finished" | "failed";

export type RobotsCheck = { verdict: RobotsVerdict, findings: Array<Finding>, };

export type RobotsFetch = { url: string, 
/**
 * Final status after redirects, when a response came.
 */
status?: number, hops: Array<Hop>, 
/**
 * The file's text (invalid UTF-8 replaced), at most the parse limit plus one byte.
 */
body: string, body_bytes: number, truncated: boolean, error?: FetchError, };

export type RobotsSource = { "kind": "parsed" } | { "kind": "unavailable", status: number, } | { "kind": "unreachable", reason: UnreachableReason, };

export type RobotsVerdict = { 
/**
 * The crawler's product token, e.g. `OAI-AdsBot`.
 */
agent: string, 
/**
 * The URL checked, exactly as the crawler would request it (query string included).
 */
url: string, 
/**
 * The path and query compared with the rules, after normalisation.
 */
matched_path: string, source: RobotsSource, allowed: boolean, group: GroupUsed, 
/**
 * `None` when no rule matched (then the URL is allowed) or robots.txt was not parsed.
 */
matched_rule: MatchedRule | null, 
/**
 * Present when the URL has a query string: the same check without it.
 */
bare_url: BareUrlCheck | null, 
/**
 * Present when robots.txt was larger than the parse limit.
 */
truncation: Truncation | null, 
/**
 * `User-agent:` lines that can never match any crawler (at most 100 are kept).
 */
unmatchable_agent_lines: Array<UnmatchableAgentLine>, };

export type RuleKind = "allow" | "disallow";

export type RunStatus = "complete" | "cancelled" | "interrupted" | "running";

export type Severity = "none" | "low" | "medium" | "high";

export type SourceLine = { line: number, 
/**
 * The line without surrounding whitespace (very long lines are cut with an ellipsis).
 */
text: string, };

export type Status = "pass" | "warn" | "fail" | "info" | "not-applicable" | "error";

export type Summary = { pages: number, reachable: number, 
/**
 * Pages with at least one failing finding.
 */
failing_pages: number, failing_findings: number, warnings: number, by_verdict: { [key in Verdict]?: number }, };

export type Truncation = { total_bytes: number, parsed_bytes: number, };

export type UnmatchableAgentLine = { line: number, text: string, 
/**
 * True when the line mentions the crawler being checked, i.e. it was probably meant for it.
 */
mentions_agent: boolean, };

export type UnreachableReason = { "kind": "server_error", status: number, } | { "kind": "rate_limited", status: number, } | { "kind": "unexpected_status", status: number, } | { "kind": "network" } | { "kind": "timeout" } | { "kind": "too_many_redirects" };

export type Verdict = "reachable" | "robots_blocked" | "blocked" | "challenged" | "rate_limited" | "timeout" | "cloaked" | "redirected_away" | "unreachable";
