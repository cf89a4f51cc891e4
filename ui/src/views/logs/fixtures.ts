// Test data shaped like what the app returns for an imported log.
import type { AgentSummary, ClientSummary, LogImport, StatusClassCounts } from "../../bindings";

export const classes = (c: Partial<StatusClassCounts> = {}): StatusClassCounts => ({
  informational: 0,
  success: 0,
  redirect: 0,
  client_error: 0,
  server_error: 0,
  other: 0,
  ...c,
});

export function agent(a: Partial<AgentSummary> = {}): AgentSummary {
  return {
    agent: "OAI-AdsBot",
    addresses: "in-ranges",
    requests: 0,
    first_seen: null,
    last_seen: null,
    status_classes: classes(),
    status_codes: [],
    paths: [],
    untracked_path_requests: 0,
    days: [],
    clients: [],
    untracked_client_requests: 0,
    blocked_examples: [],
    ...a,
  };
}

export const client = (id: number, name: string): ClientSummary => ({
  client: { id, name, created_at: "2026-05-01T10:00:00Z" },
  page_count: 2,
});

// Address rows as the app sends them (see logsFormat.agentAddresses).
const addr = (address: string, check: string, requests: number) =>
  ({ address, check, requests }) as unknown as AgentSummary["clients"][number];

export function logImport(id = 7, overrides: Partial<LogImport> = {}): LogImport {
  return {
    summary: { id, client_id: 1, file_name: "access.log.2.gz", imported_at: "2026-05-10T09:00:00Z" },
    ranges_origin: {
      kind: "saved_copy",
      saved_at: "2026-05-01T08:00:00Z",
      why_not_downloaded: "no internet connection",
    },
    report: {
      source: "access.log.2.gz",
      compressed: true,
      bytes_read: 5_000_000,
      lines: { total: 1200, blank: 2, parsed: 1195, with_user_agent: 1195, unparsed: 3, too_long: 0 },
      log_first_seen: "2026-05-03T06:25:00+02:00",
      log_last_seen: "2026-05-05T23:59:10+02:00",
      unparsed_examples: [{ line_number: 17, reason: "no timestamp", excerpt: "garbage <b>line</b>" }],
      ranges: { creation_time: "2026-04-30T00:00:00", prefixes: ["20.0.0.0/24", "52.0.0.0/24"] },
      adsbot: agent({
        requests: 14,
        first_seen: "2026-05-03T07:00:00+02:00",
        last_seen: "2026-05-05T12:00:00+02:00",
        status_classes: classes({ success: 10, client_error: 4 }),
        status_codes: [
          { status: 200, count: 10, refused: false },
          { status: 403, count: 4, refused: true },
        ],
        paths: [
          {
            host: null,
            path: "/pricing",
            requests: 10,
            statuses: [{ status: 200, count: 10, refused: false }],
            first_seen: "2026-05-03T07:00:00+02:00",
            last_seen: "2026-05-05T12:00:00+02:00",
            last_status: 200,
            last_refused: false,
          },
          {
            host: null,
            path: "/sale",
            requests: 4,
            statuses: [{ status: 403, count: 4, refused: true }],
            first_seen: "2026-05-04T07:00:00+02:00",
            last_seen: "2026-05-05T11:00:00+02:00",
            last_status: 403,
            last_refused: true,
          },
        ],
        days: [
          { date: "2026-05-03", requests: 5, status_classes: classes({ success: 5 }) },
          { date: "2026-05-05", requests: 9, status_classes: classes({ success: 5, client_error: 4 }) },
        ],
        clients: [addr("20.0.0.5", "in-ranges", 14)],
        blocked_examples: [{ line_number: 901, status: 403, text: '20.0.0.5 - - [05/May/2026:11:00:00 +0200] "GET /sale HTTP/1.1" 403 0' }],
      }),
      impostors: agent({
        addresses: "outside-ranges",
        requests: 3,
        first_seen: "2026-05-04T01:00:00+02:00",
        last_seen: "2026-05-04T02:00:00+02:00",
        status_classes: classes({ client_error: 3 }),
        status_codes: [{ status: 403, count: 3, refused: true }],
        paths: [
          {
            host: null,
            path: "/wp-login.php",
            requests: 3,
            statuses: [{ status: 403, count: 3, refused: true }],
            first_seen: "2026-05-04T01:00:00+02:00",
            last_seen: "2026-05-04T02:00:00+02:00",
            last_status: 403,
            last_refused: true,
          },
        ],
        clients: [addr("198.51.100.9", "outside-ranges", 3)],
      }),
      other_agents: [agent({ agent: "GPTBot", addresses: "not-checked", requests: 40, status_classes: classes({ success: 40 }), status_codes: [{ status: 200, count: 40, refused: false }] })],
      findings: [
        {
          id: "log-adsbot-blocked",
          area: "reachability",
          status: "fail",
          severity: "high",
          confidence: "high",
          title: "OAI-AdsBot was refused on 1 page",
          detail: "The crawler got 403 on /sale.",
          evidence: [{ label: "Refused page", value: "/sale: 403 ×4" }],
          remedy: "Allow OpenAI's addresses in your firewall, then resubmit the ads.",
        },
      ],
    },
    ...overrides,
  };
}
