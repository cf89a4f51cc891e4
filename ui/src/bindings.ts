// Generated from the Rust types by `UPDATE_BINDINGS=1 cargo test -p preflight-desktop --lib bindings`.
// Do not edit by hand.

export type AdDestination = { campaign: Named, ad_group: Named, ad: Named, ad_status?: string, 
/**
 * The ad's destination URL; absent for product-feed ads, whose URLs come from the feed.
 */
target_url?: string, 
/**
 * The tracking template at each level, as set.
 */
templates: TrackingTemplates, 
/**
 * The URL a click carries once every level's template applies (macros as written).
 */
click_url?: string, review: AdReview, 
/**
 * The ad's serving issue codes (`landing_page_crawl_issue`…).
 */
serving_issues: Array<string>, };

export type AdImportCounts = { 
/**
 * Ads seen for the first time.
 */
added: number, 
/**
 * Ads kept before whose record changed.
 */
updated: number, 
/**
 * Ads kept before, unchanged.
 */
unchanged: number, 
/**
 * Ads kept before that the account no longer has.
 */
gone: number, 
/**
 * Landing pages added to the client.
 */
pages_added: number, };

export type AdReview = { 
/**
 * `in_review`, `approved` or `rejected`.
 */
status?: string, 
/**
 * The reason code of a rejection (`crawler_403`, `robots_txt`…).
 */
reason?: string, 
/**
 * A link to what OpenAI's crawler saw; shown as a link, never fetched unasked.
 */
screenshot_url?: string, 
/**
 * When the ad last changed (Unix seconds); the API gives no separate review time.
 */
updated_at?: number, };

export type AdSeen = { ad_id: string, ad_name: string, campaign: string, ad_group: string, 
/**
 * `approved`, `rejected` or `in_review`, as OpenAI reports it.
 */
review_status?: string, 
/**
 * OpenAI's reason code (`crawler_403`…) and what it means in plain words.
 */
reason_code?: string, reason?: string, 
/**
 * Why the ad is not serving, in plain words.
 */
serving_issues: Array<string>, 
/**
 * OpenAI's screenshot of what its crawler saw: a link, never fetched by Preflight.
 */
screenshot_url?: string, 
/**
 * `agree`, `explainable`, `stale`, `disagree` or `not_audited`.
 */
agreement: string, 
/**
 * The agreement in a few words.
 */
agreement_label: string, 
/**
 * One sentence a marketer can act on.
 */
line: string, };

export type AddPagesOutcome = { parsed: ParsedTargets, saved: AddedPages, };

export type AddedPages = { added: Array<LandingPage>, 
/**
 * URLs the client already had.
 */
already_present: Array<string>, };

export type AddressCheck = "in-ranges" | "outside-ranges" | "private-address" | "not-an-address" | "not-checked";

export type AddressScope = "in-ranges" | "outside-ranges" | "not-checked";

export type AdsApiAddress = { 
/**
 * The address set in the app; empty for OpenAI's.
 */
saved: string, 
/**
 * The address used now.
 */
effective: string, 
/**
 * OpenAI's address.
 */
default: string, 
/**
 * The environment variable overrides the setting.
 */
from_environment: boolean, };

export type AdsConnection = { connected: boolean, 
/**
 * Where the key is kept, in words.
 */
kept_in?: string, 
/**
 * Ads kept from the last import (gone ones left out).
 */
ad_count: number, 
/**
 * When the ads were last imported.
 */
imported_at?: string, };

export type Agent = "adsbot" | "adsbot_token" | "browser";

export type AgentSummary = { agent: OpenAiAgent, addresses: AddressScope, requests: number, 
/**
 * RFC 3339, in the log's own time zone.
 */
first_seen: string | null, last_seen: string | null, status_classes: StatusClassCounts, 
/**
 * Requests per status code, lowest code first.
 */
status_codes: Array<StatusCount>, 
/**
 * Requests per path (query string removed), most requested first.
 */
paths: Array<PathSummary>, 
/**
 * Requests on paths beyond the tracking limit (only counted in the totals).
 */
untracked_path_requests: number, 
/**
 * Requests per day (the date as written in the log), oldest first.
 */
days: Array<DaySummary>, 
/**
 * Requests per client address, most requests first.
 */
clients: Array<LogClientAddress>, untracked_client_requests: number, 
/**
 * The first few lines where the agent was refused (see [`is_blocking_status`]).
 */
blocked_examples: Array<ExampleLine>, };

export type Alert = { 
/**
 * Always "preflight.alert/1": lets a receiver tell versions apart.
 */
schema: string, 
/**
 * The agency sending it (the white-label name), if set.
 */
agency: string | null, client: string, 
/**
 * One line summing the changes up.
 */
summary: string, changes: Array<ChangeEvent>, 
/**
 * The audits compared (`None` for a test alert).
 */
older_audit_id: number | null, newer_audit_id: number | null, 
/**
 * When the newer audit started (RFC 3339).
 */
audited_at: string | null, 
/**
 * True for an alert sent with "Send test alert".
 */
test: boolean, };

export type AlertChannel = { id: number, config: ChannelConfig, 
/**
 * One line naming it ("Slack webhook at hooks.slack.com").
 */
label: string, };

export type AlertSettings = { smtp: SmtpView, quiet_minutes: number, desktop_notifications: boolean, };

export type AppError = { 
/**
 * Stable code: `not_found`, `duplicate`, `invalid_input`, `newer_database`, `database_open`,
 * `disk_full`, `database_busy`, `database`, `audit_running`, `internal`, ...
 */
code: string, message: string, 
/**
 * One plain sentence on what to do, shown under the message; absent when the message is
 * enough on its own.
 */
hint?: string, 
/**
 * The input at fault, when there is one (a planner field such as `cvr.low`), so a form
 * can highlight it.
 */
field?: string, };

export type AppInfo = { version: string, db_path: string, 
/**
 * Why the database could not be opened, if it could not.
 */
db_error: AppError | null, 
/**
 * The team workspace is still being connected to (`db_error` says so in words); the
 * window hears `database-opened` when it is ready.
 */
connecting: boolean, };

export type Area = "reachability" | "pixel" | "utm" | "page";

export type Assumption = { 
/**
 * Plan field name, e.g. `cannibalization`.
 */
field: string, 
/**
 * The value used, as shown to the reader (e.g. "0.2" or "0.1 to 0.35, likely 0.2").
 */
value: string, 
/**
 * The same value as a plan input, when it is a number or a range, so a form can take it
 * over without reading `value`.
 */
input?: Input, 
/**
 * Why this value, in plain words.
 */
reason: string, };

export type AuditListing = { audit: AuditSummary, readiness: Readiness, };

export type AuditOptions = { 
/**
 * Also run each page in a headless browser (the rendered pixel check).
 */
rendered: boolean, 
/**
 * The funnel to measure against; `None` uses the client's default.
 */
funnel?: string, 
/**
 * Pages checked at the same time across all sites; `None` adapts to the number of sites.
 */
concurrency?: number, 
/**
 * Milliseconds between two requests to one site; `None` for the default.
 */
interval_ms?: number, 
/**
 * Seconds allowed for each fetch; `None` for the default.
 */
timeout_secs?: number, };

export type AuditProgress = { run_id: number, client_id: number, kind: ProgressKind, done: number, total: number, url: string | null, verdict: Verdict | null, 
/**
 * The page just checked, read under the counting rules (with `page_finished`).
 */
page?: PageReport, 
/**
 * How the run is going: pages per minute, time left, slowest and paused sites (with page
 * events).
 */
pace: RunPace | null, 
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
started_at: string, finished_at: string | null, status: RunStatus, 
/**
 * Pages the run set out to check; a stopped or interrupted run checked fewer. Absent in
 * reports written before it was recorded.
 */
planned_pages?: number, summary: Summary, pages: Array<PageReport>, 
/**
 * What these checks cannot prove, in plain words; printed with every result.
 */
limits: Array<string>, 
/**
 * How the pages (and journeys) cover the conversion funnel chosen for this audit.
 */
funnel?: RunFunnel, 
/**
 * Funnels clicked through in a browser and saved with this audit.
 */
journeys: Array<JourneyReport>, };

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
summary: Summary | null, 
/**
 * Who ran it (audits from before authors were recorded have none).
 */
created_by?: string, };

export type BareUrlCheck = { url: string, allowed: boolean, matched_rule: MatchedRule | null, };

export type BatchVerdict = { 
/**
 * Number of this batch in the validation, from 1.
 */
number: number, 
/**
 * Where it is: "orders.json", "capi.log line 12", "session.har entry 3".
 */
label: string, 
/**
 * True for a request body; false for events read on their own (an array, or one per line).
 */
is_request: boolean, events: number, 
/**
 * Events with at least one failing problem.
 */
events_failing: number, 
/**
 * OpenAI would accept it (no failing problem).
 */
accepted: boolean, 
/**
 * The verdict in one sentence ("OpenAI would reject this whole batch because event 17 …").
 */
verdict: string, 
/**
 * The pixel ID it was sent to, when the file says (HAR: the `pid` query parameter).
 */
pixel_id?: string, 
/**
 * The HTTP status the endpoint answered, when the file recorded it (HAR).
 */
response_status?: number, };

export type Bounds = { min: number | null, 
/**
 * Whether `min` itself is allowed.
 */
min_inclusive: boolean, max: number | null, 
/**
 * Whether `max` itself is allowed.
 */
max_inclusive: boolean, };

export type BrowserStatus = { found: boolean, 
/**
 * The browser that will be used.
 */
path: string | null, 
/**
 * When none is found: why, and how to install one, in plain words.
 */
message: string | null, };

export type Cadence = { "every": "day", hour: number, minute: number, } | { "every": "week", weekday: Weekday, hour: number, minute: number, } | { "every": "hours", hours: number, };

export type CapiFinding = { batch: number, 
/**
 * The file's name.
 */
file: string, 
/**
 * The line (JSON Lines) or entry (HAR) it came from, from 1.
 */
line?: number, 
/**
 * The event's index in its batch, from 0 (as in the JSON path).
 */
event_index?: number, 
/**
 * Where in the JSON: `$.events[17].timestamp_ms`.
 */
path: string, finding: Finding, };

export type CapiOverview = { validation?: KeptValidation, pairing?: KeptPairing, 
/**
 * A Conversions API key is kept in the keychain for this client.
 */
has_key: boolean, endpoint: string, };

export type CapiProgress = { client_id: number, 
/**
 * The file being read (its name).
 */
file: string, bytes_read: number, total_bytes: number, events: number, };

export type CapiValidation = { 
/**
 * The time events were judged against (RFC 3339), unless a file recorded when each request
 * was sent (HAR).
 */
sent_at: string, files: Array<FileSummary>, batches: Array<BatchVerdict>, batches_total: number, batches_rejected: number, events_checked: number, events_failing: number, findings: Array<CapiFinding>, findings_total: number, counts: Array<RuleCount>, event_types: Array<TypeCount>, 
/**
 * Keys (Conversions API or other OpenAI keys) found in the files; shown masked only.
 */
keys_found: number, 
/**
 * The overall answer in one sentence.
 */
summary: string, 
/**
 * The run was cancelled; what was read until then is reported.
 */
cancelled: boolean, };

export type ChangeEvent = { page_url: string, kind: ChangeKind, 
/**
 * `worse`, `better`, or `different` (one kind of block replaced by another).
 */
direction: Direction, 
/**
 * The finding behind the change; `None` for a verdict change.
 */
finding_id: string | null, 
/**
 * The change in one plain sentence.
 */
sentence: string, };

export type ChangeKind = "reachability" | "pixel" | "funnel_event" | "utm" | "other";

export type ChangeListing = { id: number, client_id: number, client_name: string, older_run_id: number, newer_run_id: number, detected_at: string, event: ChangeEvent, 
/**
 * The event's kind and direction as labels ("Pixel", "Worse").
 */
kind_label: string, direction_label: string, };

export type ChannelConfig = { "kind": "webhook", format: WebhookFormat, host: string, } | { "kind": "email", to: Array<string>, };

export type ChannelDelivery = { channel: AlertChannel, report: DeliveryReport, };

export type ChannelPreview = { 
/**
 * Channel name as GA4 shows it ("Paid Other", "Unassigned").
 */
channel: string, 
/**
 * Id of the rule that matched (`unassigned` when none did).
 */
rule_id: string, 
/**
 * The rule in plain words, as every view shows it.
 */
rule_words: string, 
/**
 * The exact rule in Google's words, regular expressions included (shown on request).
 */
rule_text: string, 
/**
 * True when the rule (or its position) is our inference rather than Google's text.
 */
inferred: boolean, };

export type ChannelRisk = "unassigned" | "organic-mix";

export type CheckedAccount = { id: string, name?: string, status?: string, };

export type Checklist = { items: Array<ChecklistItem>, 
/**
 * True when no item fails and every item was checked; warnings do not stop readiness.
 */
ready: boolean, 
/**
 * Pages with at least one failing item: problems that stop ads serving or being measured.
 */
blocking_pages: number, };

export type ChecklistItem = { id: ItemId, title: string, status: ItemStatus, 
/**
 * Pages that pass this item, of `checked` pages that were checked for it.
 */
passed: number, checked: number, 
/**
 * One sentence for the reader.
 */
summary: string, 
/**
 * The failing pages first, then the warnings.
 */
evidence: Array<ItemEvidence>, };

export type ClickUrl = { level: TemplateLevel, 
/**
 * The template set at this level, as given; absent when there is none.
 */
template?: string, 
/**
 * The URL a click gets when the templates of this level and every more general level
 * apply: the destination's own parameters, then each template's parameters it does not
 * set already. Macros are shown as written; OpenAI fills them in on the click and then
 * appends its own oppref.
 */
url: string, };

export type Client = { id: number, name: string, created_at: string, };

export type ClientStatus = { client: Client, page_count: number, 
/**
 * The audit that stands for the client's status: its newest complete audit.
 */
current: AuditListing | null, 
/**
 * The client's newest audit when it is not `current` (stopped, interrupted or running).
 */
newer_partial: AuditListing | null, };

export type ClientSummary = { client: Client, page_count: number, };

export type ColumnCandidate = { index: number, 
/**
 * Header text (empty when the file has no header row).
 */
header: string, 
/**
 * 0..1: combined score used for ranking.
 */
score: number, 
/**
 * -1..1: how much the header name says "destination URL".
 */
header_score: number, 
/**
 * 0..1: share of sampled non-empty cells that are web addresses.
 */
content_score: number, 
/**
 * A few values from the column.
 */
samples: Array<string>, };

export type Comment = { id: number, run_id: number, body: string, created_at: string, created_by: string | null, };

export type Comparison = { 
/**
 * `started_at` of the older audit (RFC 3339).
 */
older_started_at: string, 
/**
 * `started_at` of the newer audit (RFC 3339).
 */
newer_started_at: string, 
/**
 * Pages whose verdict for the ads bot changed.
 */
verdict_changes: Array<VerdictChange>, new: Array<FindingDelta>, fixed: Array<FindingDelta>, changed: Array<FindingDelta>, unchanged: Array<FindingDelta>, 
/**
 * Pages only in the newer audit.
 */
pages_added: Array<PageSnapshot>, 
/**
 * Pages only in the older audit.
 */
pages_removed: Array<PageSnapshot>, };

export type Confidence = "low" | "medium" | "high";

export type CopyReport = { tables: Array<TableCopy>, };

export type Coverage = { funnel: string, 
/**
 * Funnel events found with at least one clean occurrence.
 */
present: Array<string>, 
/**
 * Funnel events not found at all.
 */
missing: Array<MissingEvent>, 
/**
 * Funnel events found, but every occurrence has a failing problem.
 */
malformed: Array<string>, };

export type CsvImport = { encoding: TextEncoding, delimiter: Delimiter, has_header: boolean, headers: Array<string>, 
/**
 * Columns ranked best first.
 */
candidates: Array<ColumnCandidate>, 
/**
 * The column read; `None` when no column is convincing and the user must choose.
 */
column?: number, 
/**
 * URLs with their row numbers (`line` is the spreadsheet row).
 */
urls: Array<InputUrl>, 
/**
 * Rows whose cell is not a usable URL.
 */
issues: Array<InputIssue>, issues_not_listed: number, 
/**
 * Data rows read (header excluded).
 */
rows: number, 
/**
 * Data rows whose cell in the column is empty.
 */
empty_cells: number, };

export type DaySummary = { 
/**
 * `YYYY-MM-DD`.
 */
date: string, requests: number, status_classes: StatusClassCounts, };

export type Delimiter = "comma" | "semicolon" | "tab";

export type DeliveryListing = { at: string, 
/**
 * `sent`, `failed`, `quiet` or `test`.
 */
outcome: string, 
/**
 * The channel, or "Desktop notification".
 */
channel_label: string, audit_id: number | null, report: DeliveryReport, };

export type DeliveryReport = { delivered: boolean, 
/**
 * Tries made (0 when the destination was refused before sending).
 */
attempts: number, 
/**
 * The last HTTP status (or SMTP reply code) received.
 */
last_status: number | null, 
/**
 * Why it was not delivered, in one sentence; never holds a webhook's full address.
 */
error: string | null, };

export type Direction = "better" | "worse" | "different";

export type DuplicateTarget = { line: number, url: string, };

export type EventMapping = { 
/**
 * `meta`, `ga4` or `google_ads`.
 */
platform: string, event: string, 
/**
 * The OpenAI standard event for the same step; empty when there is none.
 */
openai: string, };

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

export type ExampleLine = { line_number: number, status: number, 
/**
 * The line, with unreadable bytes replaced, cut when very long.
 */
text: string, };

export type ExportColumns = { 
/**
 * Every column (up to 60): the likeliest first, then the others in file order, each with
 * sample values.
 */
candidates: Array<ColumnCandidate>, 
/**
 * The column read; `None` when no column clearly holds URLs and the user must choose.
 */
column: number | null, };

export type ExportFormat = "pdf" | "csv" | "json";

export type ExportSettings = { 
/**
 * Where exports go unless the user picks a file; defaults to Documents/Preflight.
 */
export_dir: string, 
/**
 * White-label: the agency named on PDF covers.
 */
agency_name: string, 
/**
 * White-label: a PNG, JPEG or SVG logo file for PDF covers.
 */
agency_logo: string, };

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
 * The page's main headline (its first `<h1>`), when it has one.
 */
headline?: string, 
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
 * Milliseconds from the first request to the end of the body (or the failure), not
 * counting time the audit itself chose to wait between requests.
 */
total_ms: number, error?: FetchError, 
/**
 * Set when the server answered HTTP 429 and the request was sent again after a wait.
 */
rate_limit_retry?: RateLimitRetry, };

export type FetchCell = { 
/**
 * The final HTTP status, when a response came.
 */
status: number | null, 
/**
 * The status ("200"), why no response came ("Timed out"), or "" when the page was not
 * requested as this agent.
 */
text: string, };

export type FetchError = { kind: FetchErrorKind, 
/**
 * A plain-language explanation.
 */
message: string, 
/**
 * The technical detail behind it (the HTTP library's own words), for whoever digs into
 * the raw evidence; never needed to understand the message.
 */
detail?: string, };

export type FetchErrorKind = "dns" | "connection_refused" | "tls" | "timeout" | "connection_reset" | "redirect_loop" | "too_many_redirects" | "bad_redirect" | "protocol" | "private_address" | "other";

export type FetchedRobots = { 
/**
 * The address the user gave, as read (a bare host gets `https://`).
 */
site: string, 
/**
 * The file requested: `/robots.txt` on that host.
 */
robots_url: string, 
/**
 * Where the answer finally came from, after redirects.
 */
final_url: string, 
/**
 * The final HTTP status, when the server answered.
 */
status: number | null, 
/**
 * Every request made, redirects included.
 */
hops: Array<Hop>, 
/**
 * What a crawler must make of the answer: the file's rules, allow all (4xx) or disallow
 * all (5xx, 429, no answer).
 */
source: RobotsSource, 
/**
 * The file's text for the editor: what the server sent with a 2xx status, otherwise empty
 * (an error page is not a robots.txt).
 */
body: string, 
/**
 * Bytes received (at most the 500 KiB crawlers must read, plus one).
 */
body_bytes: number, 
/**
 * The file was longer than 500 KiB and only its start was read.
 */
truncated: boolean, 
/**
 * When it was fetched (RFC 3339, UTC).
 */
fetched_at: string, 
/**
 * What was fetched from where, e.g. "Fetched https://shop.example/robots.txt: HTTP 200,
 * 1,204 bytes."
 */
summary: string, 
/**
 * What that means for OAI-AdsBot.
 */
meaning: string, };

export type FieldKind = "money" | "percent" | "days" | "count" | "number" | "table" | "currency";

export type FileSummary = { 
/**
 * The file's name (not its folder).
 */
name: string, format: InputFormat, bytes: number, events: number, 
/**
 * Lines (JSON Lines) that were not JSON; each has a `capi-line-not-json` finding.
 */
bad_lines: number, 
/**
 * Why the file could not be read, in plain words.
 */
message?: string, };

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

export type FindingDelta = { page_url: string, finding_id: string, area: Area, 
/**
 * The newest title available (the newer audit's when present).
 */
title: string, before: FindingState | null, after: FindingState | null, };

export type FindingState = { status: Status, severity: Severity, };

export type Firing = "certain" | "conditional" | "order_dependent" | "consent_gated" | "never" | "noscript_image" | "observed" | "not_fired";

export type FormField = { selector: string, 
/**
 * Its label, name or placeholder, to name it in messages.
 */
label: string, 
/**
 * What was typed or chosen; `None` when it was not kept (see `skipped`).
 */
value?: string, 
/**
 * For a checkbox or a radio button: whether it was ticked.
 */
checked?: boolean, 
/**
 * Why the value was not kept: `"sensitive"` (a password, a card number or security code).
 */
skipped?: string, };

export type Funnel = { id: string, name: string, required: Array<string>, recommended: Array<string>, };

export type FunnelEventSource = { event: string, 
/**
 * Page URLs and journeys where it fires, each with how it was seen: "https://… (static)",
 * "https://… (rendered)", "journey 2".
 */
found_on: Array<string>, };

export type Ga4Inputs = { source: string, medium: string, campaign: string, 
/**
 * True when the URL has neither utm_source nor utm_medium, so GA4 falls back to the
 * referrer: a ChatGPT click then looks like organic ChatGPT traffic.
 */
from_referrer: boolean, };

export type Ga4Preview = { inputs: Ga4Inputs, preview: ChannelPreview, 
/**
 * What is wrong with this channel for paid ChatGPT clicks; `null` when nothing is.
 */
risk: ChannelRisk | null, };

export type GridColumn = "url" | "title" | "verdict" | "vendor" | "robots" | "adsbot_status" | "browser_status" | "response_ms" | "pixel" | "events" | "utm" | "blocking" | "warnings";

export type GroupUsed = { "kind": "specific", lines: Array<SourceLine>, } | { "kind": "global", lines: Array<SourceLine>, } | { "kind": "no_group" };

export type HashingShown = { input: string, 
/**
 * Trimmed and lower-cased, as OpenAI documents.
 */
normalised: string, sha256: string, };

export type Header = { name: string, value: string, };

export type Hop = { url: string, status: number, 
/**
 * Where it sent us next, for redirects.
 */
location?: string, elapsed_ms: number, };

export type How = "static" | "rendered";

export type Input = number | Range;

export type InputFormat = "request_body" | "event_array" | "json_lines" | "har" | "unreadable";

export type InputIssue = { line: number, 
/**
 * The entry as written (cut to 300 characters).
 */
text: string, reason: string, };

export type InputName = "spend" | "cpc" | "cpm" | "ctr" | "cvr" | "value" | "lead_to_opportunity" | "win_rate" | "deal_value" | "margin" | "window_days" | "lag_median_days" | "lag_sigma" | "cannibalization" | "ai_citation_share" | "ai_lift";

export type InputUrl = { line: number, url: string, };

export type InstallState = { "state": "installed", detail: string, } | { "state": "not_installed" } | { "state": "files_only", detail: string, };

export type InvalidTarget = { 
/**
 * 1-based line number in the pasted text.
 */
line: number, text: string, reason: string, };

export type ItemEvidence = { url: string, 
/**
 * The finding to open for the evidence and the fix (absent for a verdict-only problem).
 */
finding_id: string | null, reason: string, 
/**
 * A failure (stops ads serving or being measured) rather than a warning.
 */
blocking: boolean, };

export type ItemId = "reachability" | "pixel" | "utm";

export type ItemStatus = "pass" | "not_checked" | "warn" | "fail";

export type JourneyCheck = { installed: boolean, pixel_ids: Array<string>, events: Array<PixelEventSeen>, findings: Array<Finding>, };

export type JourneyEvent = { "kind": "call", call: RecordedCall, page_url: string, at_ms: number, } | { "kind": "pixel_request", request: PixelRequest, } | { "kind": "page_visited", url: string, at_ms: number, } | { "kind": "browser_closed", at_ms: number, };

export type JourneyReplay = { 
/**
 * The journey that was replayed.
 */
replay_of: number, 
/**
 * One outcome per step, in order; steps after a failure are `not_reached`.
 */
outcomes: Array<StepOutcome>, 
/**
 * Every step worked.
 */
complete: boolean, };

export type JourneyReport = { 
/**
 * The saved journey's id; 0 before it is saved.
 */
id: number, 
/**
 * The page the journey started on.
 */
start_url: string, 
/**
 * RFC 3339 timestamps.
 */
started_at: string, finished_at: string, 
/**
 * Top-level pages in the order visited.
 */
pages_visited: Array<string>, 
/**
 * A pixel was initialised with an ID during the journey.
 */
installed: boolean, pixel_ids: Array<string>, 
/**
 * Every event sent, in order, with its problems.
 */
events: Array<PixelEventSeen>, 
/**
 * Problems found in the calls, with what to do.
 */
findings: Array<Finding>, 
/**
 * Requests to OpenAI's collection host (answered locally; nothing left the machine).
 */
pixel_requests: number, browser_version: string, 
/**
 * The calls as recorded (at most 500), for evidence.
 */
calls: Array<RecordedCall>, 
/**
 * What the visitor did, in order, so the journey can be replayed without a window.
 * Journeys recorded before steps were kept have none.
 */
steps: Array<JourneyStep>, 
/**
 * Set when this journey is a replay of another: how each step went.
 */
replay?: JourneyReplay, };

export type JourneyStep = { "kind": "visit", url: string, } | { "kind": "arrive", url: string, } | { "kind": "click", 
/**
 * Where the click happened.
 */
page_url: string, target: StepTarget, } | { "kind": "submit", page_url: string, 
/**
 * The form.
 */
target: StepTarget, 
/**
 * The fields the visitor filled in, in page order.
 */
fields: Array<FormField>, 
/**
 * The button that sent the form, when one did.
 */
submitter?: string, };

export type JourneyUpdate = { "kind": "event", run_id: number, event: JourneyEvent, check: JourneyCheck, } | { "kind": "saved", run_id: number, journey: JourneyReport, } | { "kind": "discarded", run_id: number, } | { "kind": "failed", run_id: number, error: AppError, };

export type Keeper = "system_keychain" | "kernel_keyring";

export type KeptPairing = { checked_at: string, record: PairingRecord, };

export type KeptValidation = { checked_at: string, validation: CapiValidation, };

export type LagImport = { 
/**
 * `[[day, cumulative_share], …]`: share of conversions within `day` whole days of the click.
 */
lag_table: Array<[number, number]>, 
/**
 * Rows with both dates.
 */
conversions: number, 
/**
 * Rows with a click date but no conversion date.
 */
skipped_without_conversion: number, 
/**
 * Header of the column read as the click date.
 */
click_column: string, 
/**
 * Header of the column read as the conversion date.
 */
conversion_column: string, 
/**
 * Half of conversions came within this many days.
 */
median_lag_days: number, };

export type LandingPage = { id: number, client_id: number, url: string, created_at: string, };

export type LayerMoney = { revenue: string, cpa: string, 
/**
 * Revenue per one unit of spend: the layer's ROAS as money ("$0.72").
 */
per_one: string, 
/**
 * Simulated revenue, when the plan was simulated.
 */
revenue_spread: SpreadText | null, };

export type LayerResult = { conversions: number, revenue: number, roas: number, 
/**
 * Profit on ad spend: ROAS × margin.
 */
poas: number, 
/**
 * Cost per conversion counted at this layer.
 */
cpa: number, };

export type LayerSpread = { roas: Spread, poas: Spread, revenue: Spread, conversions: Spread, };

export type LineCounts = { total: number, blank: number, 
/**
 * Lines read as combined or common format.
 */
parsed: number, 
/**
 * Parsed lines that carry a user agent (combined format); only these can show a bot.
 */
with_user_agent: number, unparsed: number, 
/**
 * Unparsed lines that were longer than the line limit.
 */
too_long: number, };

export type LintFinding = { 
/**
 * 1-based line number.
 */
line: number, kind: LintKind, 
/**
 * `warn` for a line that does not do what it seems to; `info` for a note.
 */
status: Status, 
/**
 * The line as written (long lines cut).
 */
text: string, 
/**
 * What is wrong, in plain words.
 */
problem: string, 
/**
 * What to do.
 */
remedy: string, };

export type LintKind = "misspelled_directive" | "unknown_directive" | "missing_colon" | "rule_outside_group" | "unmatchable_agent" | "duplicate_group" | "empty_group" | "pattern_without_slash" | "dollar_in_middle" | "sitemap_not_absolute" | "crawl_delay" | "non_standard_directive" | "stray_byte_order_mark" | "not_utf8" | "beyond_size_limit";

export type LiveAnswer = { 
/**
 * The address asked (with the pixel ID).
 */
url: string, status: number, 
/**
 * The answer's body as received (cut at 64 KiB, keys masked).
 */
body: string, 
/**
 * How many events were sent for validation.
 */
events_sent: number, 
/**
 * True for a 2xx answer.
 */
accepted: boolean, };

export type LogClientAddress = { 
/**
 * The client address as logged.
 */
address: string, check: AddressCheck, requests: number, };

export type LogImport = { summary: LogImportSummary, report: LogReport, 
/**
 * Absent for imports saved without it.
 */
ranges_origin: RangesOrigin | null, };

export type LogImportSummary = { id: number, client_id: number, 
/**
 * The imported file's name (not its full path).
 */
file_name: string, imported_at: string, 
/**
 * Who imported it (imports from before authors were recorded have none).
 */
created_by?: string, };

export type LogProgress = { bytes_read: number, total_bytes: number, };

export type LogReport = { 
/**
 * The file name, when the log came from a file.
 */
source: string | null, 
/**
 * True when the file was gzip-compressed.
 */
compressed: boolean, 
/**
 * Bytes of log text read (after decompression).
 */
bytes_read: number, lines: LineCounts, 
/**
 * The earliest and latest request of any visitor (RFC 3339): the period the log covers.
 */
log_first_seen: string | null, log_last_seen: string | null, 
/**
 * The first few lines that could not be read, with the reason.
 */
unparsed_examples: Array<UnparsedLine>, 
/**
 * OpenAI's address list used to verify the bot, when one was supplied.
 */
ranges: RangesInfo | null, 
/**
 * What OAI-AdsBot received: requests from OpenAI's published addresses, or every request
 * with its user agent when no address list was supplied (see `adsbot.addresses`).
 */
adsbot: AgentSummary, 
/**
 * Requests that used OAI-AdsBot's user agent from addresses outside OpenAI's list.
 * Empty when no address list was supplied.
 */
impostors: AgentSummary, 
/**
 * GPTBot, OAI-SearchBot and ChatGPT-User, for context, when asked for.
 */
other_agents: Array<AgentSummary>, findings: Array<Finding>, };

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

export type MissingEvent = { event: string, required: boolean, };

export type MoneyFigures = { format: MoneyFormat, 
/**
 * One unit of the currency, as in "for every $1.00 spent".
 */
one: string, spend: string, layers: PerLayer<LayerMoney>, 
/**
 * One per step of the point result's waterfall, in order: the totals as amounts, the
 * steps between as signed changes ("−$2,257").
 */
waterfall: Array<string>, };

export type MoneyFormat = { 
/**
 * The plan's ISO 4217 code, when it names one.
 */
currency: string | null, 
/**
 * Written before the amount: "$", "€", "SEK " (a code without a sign of its own, and a
 * space), or nothing when the plan names no currency.
 */
prefix: string, 
/**
 * Decimals of amounts below 1,000: 2 for most currencies, 0 for yen or won.
 */
decimals: number, };

export type Named = { id: string, name: string, };

export type NearMiss = { kind: NearMissKind, pixel: PixelSideEvent, server: ServerSideEvent, 
/**
 * What differs and what to change, in plain words.
 */
explanation: string, };

export type NearMissKind = "different_ids" | "different_custom_names" | "different_pixel_ids" | "different_event_types";

export type OpenAiAgent = "OAI-AdsBot" | "OAI-SearchBot" | "GPTBot" | "ChatGPT-User";

export type PageLogEvidence = { 
/**
 * The page as audited.
 */
url: string, 
/**
 * The path looked up in the log (query string left out, as the log summary keeps it).
 */
path: string, 
/**
 * Which requests count: from OpenAI's addresses, or any with the user agent when the
 * import had no address list.
 */
addresses: AddressScope, requests: number, refused: number, 
/**
 * The latest request's status and time (RFC 3339, the log's own time zone).
 */
last_status: number, last_seen: string, 
/**
 * Requests on the path with OAI-AdsBot's name from other addresses, kept apart: a rule
 * refusing them is right.
 */
impostor_requests: number, };

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
 * Name of the firewall or CDN identified in front of the page, as the vendor writes it
 * ("Cloudflare"), if any. Audits saved before names were kept hold the vendor's id, which
 * is read as its name.
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
params_fetch: FetchArtifact | null, 
/**
 * What the OpenAI Ads pixel scan found (the page as the desktop browser got it, and its own
 * scripts); absent when the browser could not load the page, and in older reports.
 */
pixel?: PixelSummary, };

export type PageRow = { url: string, 
/**
 * Blocking problems on the page (each root cause once).
 */
blocking: number, warnings: number, 
/**
 * The page's title as the browser got it (else as OAI-AdsBot got it).
 */
title: string | null, verdict: Verdict, 
/**
 * The firewall or CDN in front of the page ("Cloudflare"), if one was recognised.
 */
vendor: string | null, robots: RobotsAnswer, 
/**
 * The request with OpenAI's full OAI-AdsBot user agent.
 */
adsbot: FetchCell, 
/**
 * The request as a desktop browser.
 */
browser: FetchCell, 
/**
 * Milliseconds OAI-AdsBot's request took, redirects and body included.
 */
response_ms: number | null, pixel: PixelAnswer, 
/**
 * Pixel events found on the page, each name once, in page order.
 */
events: Array<string>, utm: UtmAnswer, 
/**
 * Where the page comes when the worst pages are listed first (0 = worst): pages with
 * blocking problems, then pages with warnings, then the others; more problems first; the
 * audit's page order among equals.
 */
worst_first: number, };

export type PageSeenByOpenAi = { url: string, 
/**
 * The ads sending people to this page, with OpenAI's review of each.
 */
ads: Array<AdSeen>, 
/**
 * The real crawler's requests for this page in the access log; absent when it never asked.
 */
log?: PageLogEvidence, 
/**
 * Present when the log and the audit disagree.
 */
log_finding?: Finding, };

export type PageSnapshot = { page_url: string, verdict: Verdict, 
/**
 * Findings with status fail, warn or error.
 */
open_findings: number, };

export type PageStanding = { url: string, 
/**
 * Blocking problems on the page (each root cause once).
 */
blocking: number, warnings: number, };

export type PagesChoice = { "choice": "all" } | { "choice": "only", urls: Array<string>, };

export type PagesPreview = { 
/**
 * What was read: the sitemap's address or the file's name.
 */
source: string, 
/**
 * Pages the client does not have yet, in the source's order: what "Add" saves.
 */
new_pages: Array<SourcedUrl>, 
/**
 * New pages beyond [`MAX_PAGES_PER_IMPORT`], left out.
 */
not_kept: number, 
/**
 * Pages the client already has (normal form).
 */
already_added: Array<string>, 
/**
 * URLs listed more than once in the source.
 */
repeated: Array<RepeatedUrl>, 
/**
 * Further repeated URLs not listed.
 */
repeated_not_listed: number, 
/**
 * Entries that are not usable web addresses.
 */
skipped: Array<SkippedEntry>, skipped_not_listed: number, 
/**
 * Plain sentences about how the source was read (limits reached, sitemaps listed twice).
 */
notes: Array<string>, 
/**
 * For an export: its columns, and the one read.
 */
columns: ExportColumns | null, };

export type PairedEvent = { pixel: PixelSideEvent, server: ServerSideEvent, };

export type Pairing = { pixel_events: number, server_events: number, 
/**
 * Pairs that share the whole key: OpenAI counts each once.
 */
deduplicated: Array<PairedEvent>, deduplicated_total: number, 
/**
 * Pixel events with no server twin (counted once, from the browser).
 */
pixel_only: Array<PixelSideEvent>, pixel_only_total: number, 
/**
 * Pixel events sent without an `event_id`: they can never be deduplicated.
 */
pixel_without_id: number, 
/**
 * Server events with no pixel twin (counted once, from the server).
 */
server_only: Array<ServerSideEvent>, server_only_total: number, near_misses: Array<NearMiss>, near_misses_total: number, 
/**
 * Conversions OpenAI would count twice: each near miss is one conversion sent twice
 * under two keys.
 */
expected_double_count: number, 
/**
 * The answer in one sentence.
 */
summary: string, };

export type PairingRecord = { audit_id: number, 
/**
 * "Audit 12: 2 journeys".
 */
against: string, pairing: Pairing, };

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

export type PathSummary = { 
/**
 * The virtual host, when the log records one.
 */
host: string | null, 
/**
 * The path without query string; `(no request line)` when the request was unreadable.
 */
path: string, requests: number, statuses: Array<StatusCount>, first_seen: string, last_seen: string, 
/**
 * The status of the latest request on this path.
 */
last_status: number, 
/**
 * True when the latest request on this path was refused.
 */
last_refused: boolean, };

export type PerLayer<T> = { standard: T, full_cycle: T, incremental: T, halo: T, };

export type PixelAnswer = "installed" | "not_installed" | "not_checked";

export type PixelEventSeen = { 
/**
 * The event name as sent (`order_created`, `custom`, or a wrong one such as `Purchase`).
 */
name: string, 
/**
 * For `custom` events, the `custom_event_name` when it is written literally.
 */
custom_event_name?: string, 
/**
 * True for OpenAI's standard web events.
 */
standard: boolean, 
/**
 * `measure`, `measureSingle` or `image_tag`.
 */
via: string, 
/**
 * Where it was found (`inline script 2:14:5`, a script URL with line and column).
 */
location: string, 
/**
 * Ids of the failing findings raised against this event.
 */
problems: Array<string>, 
/**
 * Found in the page source (`static`) or recorded while the page ran in a browser
 * (`rendered`).
 */
how: How, 
/**
 * Whether it is sent in an ordinary visit, as far as the code and any browser run tell.
 */
firing: Firing, 
/**
 * Why, in plain words, when it is not certain.
 */
firing_reason?: string, 
/**
 * The `event_id` option when it is written literally (or was recorded in a browser): the
 * key that deduplicates the event with its Conversions API twin.
 */
event_id?: string, };

export type PixelInstall = "snippet" | "sdk_script" | "image_tag" | "tag_manager";

export type PixelRequest = { url: string, method: string, 
/**
 * The query parameters in order, decoded (`data[type]` stays a literal name).
 */
params: Array<[string, string]>, 
/**
 * The request body as text, when there was one.
 */
body?: string, 
/**
 * Milliseconds since the capture started.
 */
at_ms: number, };

export type PixelSideEvent = { 
/**
 * The pixel IDs it went to.
 */
pixel_ids: Array<string>, event_type: string, custom_event_name?: string, event_id?: string, 
/**
 * Where it was seen ("journey 3, step on /checkout").
 */
seen_in: string, };

export type PixelSummary = { 
/**
 * The SDK loads (or the image tag is used) and a pixel ID is set up.
 */
installed: boolean, 
/**
 * How the pixel is put on the page; empty when nothing was found.
 */
methods: Array<PixelInstall>, pixel_ids: Array<string>, 
/**
 * OpenAI standard events found, without repeats, in page order.
 */
standard_events: Array<string>, 
/**
 * Every event call found (at most 50), with its problems.
 */
events: Array<PixelEventSeen>, 
/**
 * Tag managers and customer-data platforms seen (they can add the pixel at run time).
 */
tag_managers: Array<string>, 
/**
 * Same-origin scripts read and scanned.
 */
scripts_examined: number, 
/**
 * Same-origin scripts that could not be read.
 */
scripts_skipped: Array<SkippedScript>, 
/**
 * What the scan of this page could not see, as plain sentences (the limits that hold for
 * every page are in the report's `limits`).
 */
limits: Array<string>, 
/**
 * Meta, GA4 and Google Ads events on the page, mapped to their OpenAI equivalents.
 */
vendor_events: Array<VendorEventSeen>, 
/**
 * Whether the page was also run in a browser, and what that recorded.
 */
rendered: RenderedCheck, 
/**
 * How this page alone covers the audit's funnel, when a funnel was chosen.
 */
funnel?: Coverage, };

export type Plan = { 
/**
 * Budget for the period (in `currency`, > 0).
 */
spend: Input, 
/**
 * Cost per click. Leave out when buying on CPM (give `cpm` and `ctr` instead).
 */
cpc?: Input, 
/**
 * Cost per 1,000 impressions, with `ctr`.
 */
cpm?: Input, 
/**
 * Click-through rate (0 < ctr ≤ 1), with `cpm`.
 */
ctr?: Input, 
/**
 * Conversions the pixel credits inside the click window, per click (0 < cvr ≤ 1).
 */
cvr: Input, 
/**
 * Value of one conversion. Leave out to use the B2B helper instead.
 */
value?: Input, 
/**
 * B2B helper: share of leads that become opportunities.
 */
lead_to_opportunity?: Input, 
/**
 * B2B helper: share of opportunities won.
 */
win_rate?: Input, 
/**
 * B2B helper: value of one won deal.
 */
deal_value?: Input, 
/**
 * Gross margin for the profit view (0 < m ≤ 1). Default 1.0.
 */
margin?: Input, 
/**
 * Attribution window in days. Default 30, the only window OpenAI offers.
 */
window_days?: Input, 
/**
 * Median click-to-conversion lag in days (log-normal). Default 3.
 */
lag_median_days?: Input, 
/**
 * Spread of the log-normal lag. Default 1.0.
 */
lag_sigma?: Input, 
/**
 * Empirical lag: `[[day, cumulative_share], …]`, instead of median and sigma.
 */
lag_table?: Array<[number, number]>, 
/**
 * Share of credited conversions that would have happened anyway (0 ≤ c < 1). Default 0.20.
 */
cannibalization?: Input, 
/**
 * The brand's share of AI-answer citations for its key queries (0 ≤ s ≤ 1). Default 0.
 */
ai_citation_share?: Input, 
/**
 * Relative lift of paid performance at full citation share (k ≥ 0). Default 0.20.
 */
ai_lift?: Input, 
/**
 * Reach (informational): people in the target market who use ChatGPT.
 */
audience?: number, 
/**
 * Reach: share of them on the Free or Go plans, the only ones shown ads.
 */
free_and_go_share?: number, 
/**
 * Reach: share of that audience switching ads off each quarter.
 */
quarterly_opt_out?: number, 
/**
 * Reach: how many 90-day windows ahead to plan. Default 1.
 */
quarters?: number, 
/**
 * ISO 4217 code of every amount in the plan, e.g. "USD" or "EUR". Leave out to write
 * amounts as plain numbers.
 */
currency?: string, };

export type PlanField = { 
/**
 * The field's name in the plan file, e.g. `cvr`.
 */
id: string, 
/**
 * What a reader calls it, e.g. "Conversion rate the pixel credits".
 */
label: string, kind: FieldKind, 
/**
 * Written after the number (e.g. "days", "per click"); money also takes the plan's
 * currency sign before it.
 */
unit: string | null, 
/**
 * Whether the field may be a `{low, likely, high}` range.
 */
ranged: boolean, 
/**
 * The values the planner accepts, when the field is a number with limits.
 */
bounds: Bounds | null, 
/**
 * One or two sentences for a form.
 */
help: string, };

export type PlanReport = { 
/**
 * The plan as given, so the report can be re-run.
 */
plan: Plan, point: PointResult, 
/**
 * `None` when no draws were asked for.
 */
simulation: Simulation | null, 
/**
 * Ranged inputs, the one that moves L4 ROAS most first.
 */
tornado: Array<TornadoBar>, 
/**
 * Inputs the planner filled in with defaults.
 */
assumptions: Array<Assumption>, warnings: Array<PlanWarning>, 
/**
 * Every money figure above that the app shows, written in the plan's currency.
 */
money: MoneyFigures, 
/**
 * The headline and its colour, the same in the app, the command line and the PDF.
 */
verdict: PlanVerdict, };

export type PlanTone = "good" | "warn" | "bad" | "neutral";

export type PlanVerdict = { headline: string, tone: PlanTone, 
/**
 * The simulated chance of clearing break-even, when the plan has ranges to simulate.
 */
chance?: number, 
/**
 * The colour of that chance on its own.
 */
chance_tone?: PlanTone, };

export type PlanWarning = { id: string, level: WarningLevel, title: string, detail: string, remedy: string, };

export type PointResult = { spend: number, clicks: number, 
/**
 * Only when buying on CPM.
 */
impressions: number | null, cvr: number, value_per_conversion: number, margin: number, window_days: number, 
/**
 * Share of all eventual conversions that land inside the window.
 */
f_in: number, 
/**
 * cvr / f_in: the share of clicks that eventually convert.
 */
implied_eventual_cvr: number, 
/**
 * 1 / margin: the ROAS at which the campaign pays for itself.
 */
break_even_roas: number, layers: PerLayer<LayerResult>, 
/**
 * L1 → + blind spot → − cannibalization → + halo → L4.
 */
waterfall: Array<WaterfallStep>, 
/**
 * Only when the plan has reach inputs.
 */
reach: Reach | null, };

export type Preset = { 
/**
 * Stable id: `ecommerce`, `b2b_saas`, `lead_gen`.
 */
id: string, name: string, description: string, plan: Plan, 
/**
 * One entry per field the preset sets, in plan-file order.
 */
assumptions: Array<Assumption>, };

export type ProgressKind = "page_started" | "page_finished" | "finished" | "failed";

export type Range = { low: number, likely: number, high: number, };

export type RangesInfo = { 
/**
 * The range file's `creationTime`, verbatim.
 */
creation_time: string | null, 
/**
 * The ranges, in CIDR notation.
 */
prefixes: Array<string>, };

export type RangesOrigin = { "kind": "downloaded", url: string, } | { "kind": "saved_copy", 
/**
 * When that copy was saved (RFC 3339), if known.
 */
saved_at: string | null, why_not_downloaded: string, } | { "kind": "local_file", path: string, } | { "kind": "unavailable", reason: string, };

export type RateLimitRetry = { 
/**
 * The URL that answered 429.
 */
url: string, 
/**
 * Its `Retry-After` header, verbatim.
 */
retry_after?: string, 
/**
 * How long the audit waited before asking again (capped, whatever the header said).
 */
waited_ms: number, };

export type Reach = { audience: number, free_and_go_share: number, quarterly_opt_out: number, quarters: number, 
/**
 * audience × free_and_go_share × (1 − quarterly_opt_out)^quarters
 */
reachable: number, };

export type Readiness = { state: ReadinessState, 
/**
 * `state`'s label.
 */
label: string, 
/**
 * One sentence: "Not ready: 9 of 13 pages have blocking problems."
 */
headline: string, 
/**
 * The counts, under the counting rules.
 */
counts: Summary, 
/**
 * Pages the audit set out to check, when known (a partial audit checked fewer).
 */
planned_pages: number | null, checklist: Checklist, 
/**
 * What each page counts for, in the audit's page order.
 */
pages: Array<PageStanding>, };

export type ReadinessState = "ready" | "not_ready" | "partial" | "empty";

export type RecordedCall = { 
/**
 * The SDK command: `init`, `measure`, `measureSingle` or `consent`.
 */
command: string, 
/**
 * The arguments after the command, as a JSON array (`["order_created", {...}, {...}]`).
 */
args_json: string, 
/**
 * Where the call came from (a script URL, a stack frame, or a free label).
 */
source: string, };

export type RenderedCheck = { "state": "not_requested" } | { "state": "not_run", reason: string, } | { "state": "ran", browser_version: string, 
/**
 * `oaiq(...)` calls recorded.
 */
calls: number, 
/**
 * Requests to OpenAI's collection host (image tags, beacons), answered locally.
 */
pixel_requests: number, 
/**
 * The page did not finish loading in time; what ran until then was recorded.
 */
timed_out: boolean, 
/**
 * Script errors on the page (uncaught exceptions, `console.error`).
 */
console_errors: number, 
/**
 * Where the browser ended up.
 */
final_url: string, } | { "state": "failed", code: string, message: string, };

export type RepeatedUrl = { url: string, 
/**
 * How many times it appears after its first.
 */
repeats: number, };

export type ReplayProgress = { "kind": "started", step: number, total: number, description: string, } | { "kind": "finished", outcome: StepOutcome, };

export type ReplayUpdate = { 
/**
 * The journey being replayed.
 */
journey_id: number, progress: ReplayProgress, };

export type RobotsAnswer = "allowed" | "blocked" | "unknown";

export type RobotsFetch = { url: string, 
/**
 * Final status after redirects, when a response came.
 */
status?: number, hops: Array<Hop>, 
/**
 * The file's text (invalid UTF-8 replaced), at most the parse limit plus one byte.
 */
body: string, body_bytes: number, truncated: boolean, error?: FetchError, };

export type RobotsLint = { 
/**
 * In line order, at most [`MAX_LINT_FINDINGS`].
 */
findings: Array<LintFinding>, 
/**
 * Findings beyond the limit, counted but not listed.
 */
not_listed: number, };

export type RobotsSource = { "kind": "parsed" } | { "kind": "unavailable", status: number, } | { "kind": "unreachable", reason: UnreachableReason, };

export type RobotsTest = { agent: string, rows: Array<UrlTest>, 
/**
 * URLs beyond [`MAX_TESTED_URLS`] that were not tested.
 */
left_out: number, 
/**
 * What the fetch status means, when the file came from a site and did not answer 2xx.
 */
source_note: string | null, };

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

export type RuleCount = { id: string, status: Status, 
/**
 * The title of its first occurrence.
 */
example: string, count: number, };

export type RuleKind = "allow" | "disallow";

export type RunDefaults = { 
/**
 * Pages at the same time on one site.
 */
per_site: number, 
/**
 * The automatic global limit's range.
 */
auto_min: number, auto_max: number, concurrency_max: number, interval_ms: number, interval_min_ms: number, interval_max_ms: number, 
/**
 * The longest robots.txt `Crawl-delay` honoured, in seconds.
 */
max_crawl_delay_secs: number, timeout_secs: number, timeout_max_secs: number, };

export type RunFunnel = { funnel: Funnel, 
/**
 * Present, missing and malformed events, pooled over every page and journey.
 */
coverage: Coverage, 
/**
 * Where each present or malformed event was seen.
 */
sources: Array<FunnelEventSource>, 
/**
 * What is missing or broken, with what to do.
 */
findings: Array<Finding>, 
/**
 * Pages whose pixel was scanned.
 */
pages_scanned: number, 
/**
 * Of those, pages also run in a browser.
 */
pages_rendered: number, 
/**
 * Journeys recorded with this audit.
 */
journeys: number, };

export type RunPace = { 
/**
 * Distinct sites in the run.
 */
sites: number, 
/**
 * Pages checked at the same time across all sites.
 */
concurrency: number, 
/**
 * Pages per site at the same time.
 */
per_site: number, 
/**
 * Whole seconds since the run started.
 */
elapsed_secs: number, 
/**
 * Pages finished per minute so far; `None` before the first page.
 */
pages_per_minute: number | null, 
/**
 * Estimated whole seconds left; `None` until it can be told.
 */
secs_left: number | null, 
/**
 * The figures in words, as every reader shows them: "84 pages/min · about 3 min left", or
 * before the first page "3 sites, 6 pages at a time".
 */
summary: string, 
/**
 * The sites with the most time left, slowest first (at most [`SLOWEST_LISTED`]).
 */
slowest_sites: Array<SitePace>, 
/**
 * Sites paused because they started refusing requests: their remaining pages are not
 * requested.
 */
paused_sites: Array<string>, };

export type RunStatus = "complete" | "cancelled" | "interrupted" | "running";

export type SampleRequest = { event_type: string, label: string, 
/**
 * The request body, pretty-printed.
 */
body: string, 
/**
 * The same request as a curl command, with the key as a placeholder.
 */
curl: string, };

export type Samples = { hashing: HashingShown, requests: Array<SampleRequest>, snippets: Array<Snippet>, };

export type SavedScenario = { id: number, client_id: number, name: string, plan: Plan, updated_at: string, 
/**
 * Who saved it first, when known.
 */
created_by?: string, };

export type ScheduleConfig = { cadence: Cadence, 
/**
 * Minutes east of UTC in which the times of day are meant (the machine's offset when the
 * schedule was set up).
 */
utc_offset_minutes: number, pages: PagesChoice, 
/**
 * The funnel to measure against; `None` uses the client's default.
 */
funnel: string | null, 
/**
 * Whether each page is also run in a headless browser.
 */
rendered: boolean, };

export type ScheduleStatus = { client_id: number, client_name: string, config: ScheduleConfig, 
/**
 * The cadence in words ("Every day at 09:00").
 */
label: string, 
/**
 * Why it does not run (`None`: it runs).
 */
paused_reason: string | null, 
/**
 * When it runs next (RFC 3339); `None` while paused.
 */
next_run_at: string | null, 
/**
 * The latest slot run (RFC 3339).
 */
last_run_at: string | null, last_run_id: number | null, last_outcome: string | null, };

export type ScheduledRun = { client_id: number, client_name: string, 
/**
 * The slot run (RFC 3339).
 */
slot: string, 
/**
 * The audit made, if one was.
 */
run_id: number | null, 
/**
 * What happened, in one sentence.
 */
outcome: string, changes: Array<ChangeEvent>, 
/**
 * The alert sent (or held back by the quiet period), when something changed.
 */
alert: Alert | null, 
/**
 * Whether the alert was held back by the quiet period.
 */
quiet: boolean, deliveries: Array<ChannelDelivery>, };

export type ServerSideEvent = { 
/**
 * The pixel ID it was sent to, when known.
 */
pixel_id?: string, event_type: string, custom_event_name?: string, id: string, 
/**
 * Where it was read ("capi.log line 12").
 */
seen_in: string, };

export type Severity = "none" | "low" | "medium" | "high";

export type Simulation = { draws: number, 
/**
 * The seed; running again with it reproduces this result exactly.
 */
seed: number, 
/**
 * Inputs that were drawn from ranges (the others stay at their single value).
 */
ranged_inputs: Array<InputName>, layers: PerLayer<LayerSpread>, break_even_roas: Spread, 
/**
 * Share of draws in which L4 ROAS is at or above break-even (L4 POAS ≥ 1).
 */
probability_clears_break_even: number, };

export type SitePace = { host: string, done: number, total: number, 
/**
 * Estimated whole seconds left for this site.
 */
secs_left: number | null, 
/**
 * "slow.example (2/10, about 3 min)".
 */
summary: string, };

export type Sitemap = { kind: SitemapKind, 
/**
 * Page URLs (empty for a sitemap index).
 */
urls: Array<InputUrl>, 
/**
 * Child sitemaps to fetch next (empty for a urlset).
 */
child_sitemaps: Array<string>, issues: Array<InputIssue>, issues_not_listed: number, };

export type SitemapKind = "url_set" | "sitemap_index" | "plain_text";

export type SkippedEntry = { place: string, 
/**
 * The entry as written (cut to 300 characters).
 */
text: string, 
/**
 * Why, as a sentence.
 */
reason: string, };

export type SkippedScript = { url: string, 
/**
 * Why, in plain words ("HTTP 404", "larger than 5 MB", …).
 */
reason: string, 
/**
 * True when the script was over the size the scan reads.
 */
too_large: boolean, };

export type SmtpSecurity = "none" | "start_tls" | "tls";

export type SmtpSettings = { host: string, port: number, security: SmtpSecurity, 
/**
 * Logs in when set.
 */
username: string | null, 
/**
 * The sender's address ("Preflight <alerts@agency.example>" or a bare address).
 */
from: string, };

export type SmtpView = { settings: SmtpSettings | null, 
/**
 * Where the password is kept (`None`: no password kept).
 */
password_kept_in: Keeper | null, };

export type Snippet = { language: string, code: string, };

export type SourceLine = { line: number, 
/**
 * The line without surrounding whitespace (very long lines are cut with an ellipsis).
 */
text: string, };

export type SourcedUrl = { url: string, 
/**
 * "Row 4", "Line 12 of https://example.com/sitemap-2.xml".
 */
place: string, };

export type Spread = { p10: number, p50: number, p90: number, };

export type SpreadText = { p10: string, p50: string, p90: string, };

export type Status = "pass" | "warn" | "fail" | "info" | "not-applicable" | "error";

export type StatusClassCounts = { 
/**
 * 1xx
 */
informational: number, 
/**
 * 2xx
 */
success: number, 
/**
 * 3xx
 */
redirect: number, 
/**
 * 4xx
 */
client_error: number, 
/**
 * 5xx
 */
server_error: number, 
/**
 * Codes of 600 and above, which some servers use for their own purposes.
 */
other: number, };

export type StatusCount = { status: number, count: number, 
/**
 * True when this status means the server refused the crawler.
 */
refused: boolean, };

export type StepOutcome = { 
/**
 * 1 for the first step.
 */
step: number, status: StepStatus, 
/**
 * In plain words: what was done, or what no longer works and where.
 */
message: string, };

export type StepStatus = "done" | "failed" | "stopped" | "not_reached";

export type StepTarget = { 
/**
 * A CSS selector: the element's id, else its name, test id or accessible label, else a
 * short path from the nearest element with an id.
 */
selector: string, 
/**
 * What it is, in words: "button", "link", "form", "checkbox", "field" or "element".
 */
element: string, 
/**
 * Its visible text (cut), to name it in messages.
 */
text: string, };

export type Summary = { 
/**
 * Pages checked.
 */
pages: number, 
/**
 * Pages OAI-AdsBot can use as they are.
 */
reachable: number, 
/**
 * Pages with at least one blocking problem.
 */
failing_pages: number, 
/**
 * Blocking problems, each root cause once.
 */
failing_findings: number, 
/**
 * Problems worth fixing that do not stop ads serving or being measured.
 */
warnings: number, by_verdict: { [key in Verdict]?: number }, };

export type TableCopy = { table: string, 
/**
 * Rows in the source.
 */
source: number, 
/**
 * Rows written by this copy.
 */
copied: number, 
/**
 * Rows the destination already had, the same.
 */
already_there: number, 
/**
 * Rows the destination's users changed since an earlier copy, kept as they are there.
 */
changed_there: number, };

export type TaggedUrl = { base_url: string, tagged_url: string, };

export type TemplateIssue = { base_url: string, reason: string, };

export type TemplateLevel = "ad_account" | "campaign" | "ad_group" | "ad";

export type TemplateOutput = { scheme: UtmScheme, urls: Array<TaggedUrl>, issues: Array<TemplateIssue>, };

export type TextEncoding = "utf8" | "utf8_bom" | "utf16_le" | "utf16_be" | "windows1252";

export type TornadoBar = { input: InputName, low: number, high: number, 
/**
 * L4 ROAS with this input at `low`.
 */
l4_roas_at_low: number, 
/**
 * L4 ROAS with this input at `high`.
 */
l4_roas_at_high: number, 
/**
 * |l4_roas_at_high − l4_roas_at_low|
 */
swing: number, };

export type TrackingTemplates = { ad_account?: string, campaign?: string, ad_group?: string, ad?: string, };

export type Truncation = { total_bytes: number, parsed_bytes: number, };

export type TypeCount = { event_type: string, count: number, };

export type UnmatchableAgentLine = { line: number, text: string, 
/**
 * True when the line mentions the crawler being checked, i.e. it was probably meant for it.
 */
mentions_agent: boolean, };

export type UnparsedLine = { line_number: number, reason: string, 
/**
 * The start of the line, with unreadable bytes replaced.
 */
excerpt: string, };

export type UnreachableReason = { "kind": "server_error", status: number, } | { "kind": "rate_limited", status: number, } | { "kind": "unexpected_status", status: number, } | { "kind": "network" } | { "kind": "timeout" } | { "kind": "too_many_redirects" };

export type UrlList = { urls: Array<InputUrl>, issues: Array<InputIssue>, 
/**
 * Issues beyond the first [`MAX_ISSUES`], counted only.
 */
issues_not_listed: number, };

export type UrlReport = { 
/**
 * The URL as given (trimmed).
 */
url: string, 
/**
 * How many times it appeared in the input (ad exports repeat destinations).
 */
occurrences: number, findings: Array<Finding>, 
/**
 * The URL's overall status, from its worst finding: `fail` (a failing finding or a check
 * that could not run), `warn` or `pass`. Set by [`UtmReport::new`].
 */
status: Status, 
/**
 * The URL with every safe fix applied; absent when nothing can be fixed automatically.
 */
corrected_url?: string, 
/**
 * Where GA4 would put a click on this URL; absent for an invalid URL.
 */
ga4?: Ga4Preview, 
/**
 * With tracking templates: the URL a click produces at each level (ad account first; the
 * last is what a click on the ad carries). Absent without templates.
 */
click_urls?: Array<ClickUrl>, };

export type UrlTest = { 
/**
 * The URL as it was typed.
 */
input: string, 
/**
 * Absent when the URL could not be read; `error` says why.
 */
verdict: RobotsVerdict | null, 
/**
 * Why the URL could not be tested, in plain words.
 */
error: string | null, 
/**
 * The line that decided, e.g. "Line 2 (`Disallow: /*?utm`) blocks it."
 */
decision: string, 
/**
 * The group used, e.g. "`User-agent: *` (line 1), because no group names OAI-AdsBot".
 */
group: string, 
/**
 * The line to highlight in the file: the deciding rule's.
 */
deciding_line: number | null, 
/**
 * The `User-agent:` lines of the group used.
 */
group_lines: Array<number>, 
/**
 * What the audit would report for this URL.
 */
findings: Array<Finding>, };

export type UtmAnswer = "kept" | "lost" | "not_applicable";

export type UtmCheck = { report: UtmReport, 
/**
 * URLs whose redirects were followed (the first ones of `report.urls`); 0 when redirects
 * were not followed.
 */
redirects_followed: number, 
/**
 * The user cancelled while redirects were followed: the other URLs have only the checks
 * made without requesting them.
 */
cancelled: boolean, 
/**
 * The tracking templates the URLs were checked with (blank ones left out), so the answer
 * can say which templates it reflects after the fields have changed.
 */
templates: TrackingTemplates, };

export type UtmProgress = { 
/**
 * URLs followed so far.
 */
done: number, total: number, 
/**
 * The URL being requested now; absent once the check has ended.
 */
url: string | null, };

export type UtmReport = { urls: Array<UrlReport>, set_findings: Array<Finding>, summary: UtmSummary, };

export type UtmScheme = { source: string, medium: string, campaign: string, content?: string, term?: string, };

export type UtmSummary = { urls: number, urls_failing: number, urls_with_warnings: number, urls_clean: number, set_findings_failing_or_warning: number, };

export type VendorEventSeen = { 
/**
 * `meta`, `ga4` or `google_ads`.
 */
platform: string, 
/**
 * The event name as sent (`Purchase`, `purchase`, `conversion`).
 */
name: string, 
/**
 * The OpenAI standard event for the same step; `None` when OpenAI has no standard one.
 */
openai_equivalent?: string, 
/**
 * The OpenAI equivalent is sent on this page too.
 */
openai_present: boolean, 
/**
 * The call as written (`fbq('track', 'Purchase', …)`), shortened.
 */
text: string, location: string, };

export type Verdict = "reachable" | "robots_blocked" | "blocked" | "challenged" | "rate_limited" | "timeout" | "cloaked" | "redirected_away" | "unreachable";

export type VerdictChange = { page_url: string, before: Verdict, after: Verdict, direction: Direction, 
/**
 * The change in one plain sentence ("OAI-AdsBot could reach the page on 3 May 2026 and is
 * blocked now.").
 */
sentence: string, };

export type WarningLevel = "warning" | "info";

export type WaterfallStep = { step: WaterfallStepKind, label: string, is_total: boolean, roas: number, revenue: number, roas_after: number, revenue_after: number, };

export type WaterfallStepKind = "standard" | "blind_spot" | "cannibalization" | "halo" | "halo_adjusted";

export type WebhookFormat = "slack" | "teams" | "generic";

export type Weekday = "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";

export type WhatOpenAiSaw = { 
/**
 * When the client's ads were last imported from the Ads API; absent when none are kept.
 */
ads_imported_at?: string, 
/**
 * The access log the pages were matched against (its file name), the client's newest.
 */
log_file?: string, log_imported_at?: string, 
/**
 * What limits the log's match: from another site, or ending long before the audit.
 */
log_notes?: Array<string>, 
/**
 * Every audited page, in the audit's order.
 */
pages: Array<PageSeenByOpenAi>, 
/**
 * Ads whose landing page is not in this audit.
 */
ads_not_audited: Array<AdSeen>, };

export type WorkspaceConnected = { 
/**
 * The workspace's address as shown (never with its password).
 */
address: string, 
/**
 * The workspace holds no client yet.
 */
empty: boolean, clients: number, 
/**
 * Clients and audits in this computer's own file (0 when there is none).
 */
local_clients: number, local_audits: number, status: WorkspaceStatus, };

export type WorkspaceStatus = { 
/**
 * Audits are kept in a team workspace (otherwise in a file on this computer).
 */
workspace: boolean, 
/**
 * The file, or the workspace's address (never with its password).
 */
location: string, 
/**
 * Who work from this computer is recorded as.
 */
author: string | null, 
/**
 * The name set on this computer for that; without one the login's name is used.
 */
display_name: string | null, 
/**
 * `PREFLIGHT_DB` chooses the database, so this computer's setting is not used.
 */
overridden: boolean, 
/**
 * This computer's own file of audits.
 */
local_file: string, local_file_exists: boolean, 
/**
 * Why the database could not be opened, if it could not.
 */
error: AppError | null, };

/** Each finding status in words (`Status::label`). */
export const STATUS_LABEL: Record<Status, string> = { "fail": "Fail", "error": "Check could not run", "warn": "Warning", "info": "Info", "pass": "Pass", "not-applicable": "Not applicable" };

/** Where each status sorts, most urgent (0) first (`Status::rank`). */
export const STATUS_RANK: Record<Status, number> = { "fail": 0, "error": 1, "warn": 2, "info": 3, "pass": 4, "not-applicable": 5 };

/** Each page verdict in words (`Verdict::label`). */
export const VERDICT_LABEL: Record<Verdict, string> = { "reachable": "Reachable", "robots_blocked": "Blocked by robots.txt", "blocked": "Blocked", "challenged": "Challenged", "rate_limited": "Rate limited", "timeout": "Timed out", "cloaked": "Different page for the bot", "redirected_away": "Redirected away", "unreachable": "Unreachable" };

/** How a run ended, in words (`RunStatus::label`). */
export const RUN_STATUS_LABEL: Record<RunStatus, string> = { "complete": "Complete", "cancelled": "Stopped early", "interrupted": "Interrupted", "running": "Running" };

/** Each checklist answer in words (`ItemStatus::label`). */
export const ITEM_STATUS_LABEL: Record<ItemStatus, string> = { "pass": "Pass", "not_checked": "Not checked", "warn": "Needs attention", "fail": "Fail" };

/** The page grid's columns, in order, with their headings (`GridColumn::label`). */
export const GRID_COLUMNS: { key: GridColumn; label: string }[] = [{ key: "url", label: "Page" }, { key: "title", label: "Title" }, { key: "verdict", label: "Verdict" }, { key: "vendor", label: "Firewall / CDN" }, { key: "robots", label: "robots.txt" }, { key: "adsbot_status", label: "OAI-AdsBot status" }, { key: "browser_status", label: "Browser status" }, { key: "response_ms", label: "Response time (ms)" }, { key: "pixel", label: "Pixel" }, { key: "events", label: "Events" }, { key: "utm", label: "UTM parameters" }, { key: "blocking", label: "Blocking problems" }, { key: "warnings", label: "Warnings" }];

/** robots.txt's answer for a page, in words (`RobotsAnswer::label`). */
export const ROBOTS_ANSWER_LABEL: Record<RobotsAnswer, string> = { "allowed": "Allowed", "blocked": "Blocked", "unknown": "Unknown" };

/** Whether the pixel works on a page, in words (`PixelAnswer::label`). */
export const PIXEL_ANSWER_LABEL: Record<PixelAnswer, string> = { "installed": "Installed", "not_installed": "Not installed", "not_checked": "Not checked" };

/** Whether tracking parameters survive a page's redirects, in words (`UtmAnswer::label`). */
export const UTM_ANSWER_LABEL: Record<UtmAnswer, string> = { "kept": "Kept through redirects", "lost": "Lost in a redirect", "not_applicable": "n/a" };
