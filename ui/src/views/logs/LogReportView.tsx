// One imported log: what OAI-AdsBot received, from which addresses, and what that means for ads.
// Everything from the log is shown as text.
import { forwardRef, useState } from "react";
import type { AgentSummary, ExampleLine, LogImport, LogReport } from "../../bindings";
import { Badge } from "../../components/Bits";
import { formatDate, plural, sortFindings, type Tone } from "../../format";
import { FindingItem } from "../../components/FindingItem";
import { DayChart } from "./DayChart";
import {
  ADDRESS_CHECK_LABEL,
  addressTone,
  agentAddresses,
  daysCovered,
  formatBytes,
  formatLogTime,
  rangesOriginText,
  refusedRequests,
  statusMeaning,
  statusTone,
  type LogAddress,
} from "./logsFormat";
import { PathTable } from "./PathTable";

export const LogReportView = forwardRef<HTMLHeadingElement, { data: LogImport }>(function LogReportView({ data }, headingRef) {
  const { summary, report } = data;
  const head = headline(report);
  const bot = report.adsbot;
  const checked = bot.addresses !== "not-checked";
  const origin = rangesOriginText(data.ranges_origin);
  const covered = daysCovered(report.log_first_seen, report.log_last_seen);

  return (
    <section className="logs-report" aria-labelledby="logs-report-title" data-testid="log-report">
      <header className="logs-report-header">
        <h2 id="logs-report-title" ref={headingRef} tabIndex={-1}>
          {summary.file_name}
        </h2>
        <span className="muted small">
          Imported {formatDate(summary.imported_at)} · {formatBytes(report.bytes_read)} of log text
          {report.compressed ? " (from a compressed file)" : ""} · {plural(report.lines.total, "line", "lines")}
        </span>
      </header>

      <div className={`verdict-hero logs-hero-${head.tone}`} data-testid="logs-headline">
        <div>
          <div className="hero-title">{head.title}</div>
          <div className="small">{head.text}</div>
        </div>
        <div className="hero-stats">
          <Stat value={bot.requests} label={checked ? "visits from OpenAI" : "visits (not verified)"} />
          <Stat value={bot.paths.length} label="pages" />
          <Stat value={refusedRequests(bot)} label="refused" />
          {checked && <Stat value={report.impostors.requests} label="impostors" />}
        </div>
      </div>

      <dl className="logs-facts">
        <div>
          <dt>Period in the log</dt>
          <dd data-testid="log-period">
            {report.log_first_seen ? (
              <>
                {formatLogTime(report.log_first_seen)} to {formatLogTime(report.log_last_seen)}
                {covered !== null && <span className="muted"> · {plural(covered, "day", "days")}</span>}
              </>
            ) : (
              "No dated requests"
            )}
          </dd>
        </div>
        <div>
          <dt>OpenAI's address list</dt>
          <dd data-testid="ranges-origin">
            <Badge tone={origin.tone}>{originLabel(data)}</Badge> <span>{origin.text}</span>
            {report.ranges && (
              <span className="muted small">
                {" "}
                ({plural(report.ranges.prefixes.length, "address range", "address ranges")}
                {report.ranges.creation_time ? `, list dated ${report.ranges.creation_time}` : ""})
              </span>
            )}
          </dd>
        </div>
      </dl>

      <div className="logs-explainer" data-testid="status-explainer">
        <strong>What the answers mean for your ads.</strong> OpenAI checks every landing page with its crawler,
        OAI-AdsBot, before ads run. A <strong>2xx</strong> answer means it got the page. A <strong>401, 403, 406 or
        451</strong> means your server or firewall refused it, <strong>429</strong> means it was turned away for asking
        too often, and a <strong>5xx</strong> means your server failed. In each of those cases OpenAI cannot review the
        page and <strong>ads pointing to it will not serve</strong>. Redirects (3xx) are fine when they end on the page; a
        404 means the ad points to a page that does not exist.
      </div>

      {report.findings.length > 0 && (
        <div className="card">
          <div className="card-header">
            <h3>What to do</h3>
          </div>
          <ul className="finding-list" data-testid="log-findings">
            {sortFindings(report.findings).map((f, i) => (
              <FindingItem key={`${f.id}-${i}`} finding={f} />
            ))}
          </ul>
        </div>
      )}

      <div className="card">
        <div className="card-header">
          <h3>What OAI-AdsBot received</h3>
          {!checked && <Badge tone="warn">Addresses not checked</Badge>}
        </div>
        {bot.requests === 0 ? (
          <p className="muted small">
            No request from OAI-AdsBot{checked ? " came from OpenAI's addresses" : " appears"} in this log. It only visits
            pages that were submitted as ads, usually shortly after they are submitted or changed.
          </p>
        ) : (
          <AgentDetail agent={bot} testIdPrefix="adsbot" />
        )}
      </div>

      <AddressesCard report={report} />

      {checked && (
        <div className="card" data-testid="impostors">
          <div className="card-header">
            <h3>Impostors</h3>
            <Badge tone={report.impostors.requests > 0 ? "warn" : "good"}>
              {report.impostors.requests > 0 ? plural(report.impostors.requests, "request", "requests") : "None"}
            </Badge>
          </div>
          <p className="small">
            Requests that used OAI-AdsBot's name but came from addresses that are not OpenAI's. They are not OpenAI's
            crawler, so a firewall refusing them is doing its job and does not affect your ads. If the real crawler
            never appears and all its visits look like impostors, your log probably records a proxy or CDN address
            instead of the visitor's.
          </p>
          {report.impostors.requests > 0 && <AgentDetail agent={report.impostors} testIdPrefix="impostor" compact />}
        </div>
      )}

      {report.other_agents.length > 0 && <OtherAgents agents={report.other_agents} />}

      <LinesCard report={report} />
    </section>
  );
});

function originLabel(data: LogImport): string {
  switch (data.ranges_origin?.kind) {
    case "downloaded":
      return "Downloaded";
    case "saved_copy":
      return "Saved copy";
    case "local_file":
      return "Your file";
    case "unavailable":
      return "Not checked";
    default:
      return data.report.ranges ? "Checked" : "Not checked";
  }
}

function headline(r: LogReport): { tone: Tone; title: string; text: string } {
  const bot = r.adsbot;
  if (r.lines.parsed > 0 && r.lines.with_user_agent === 0) {
    return {
      tone: "neutral",
      title: "This log cannot show the crawler",
      text: "The log leaves out the browser name (user agent), so OAI-AdsBot cannot be recognised. Ask your developer to switch the server to the “combined” log format, then import a newer log.",
    };
  }
  if (bot.requests === 0) {
    return {
      tone: "neutral",
      title: "OAI-AdsBot did not visit during this period",
      text:
        r.impostors.requests > 0
          ? "Only requests using its name from other addresses were seen. The crawler visits pages only after they are submitted as ads."
          : "The crawler visits pages only after they are submitted as ads. Import a log covering the days after you submitted or changed your ads.",
    };
  }
  const stillRefused = bot.paths.filter((p) => p.last_refused).length;
  if (stillRefused > 0) {
    return {
      tone: "bad",
      title: `OAI-AdsBot is refused on ${plural(stillRefused, "page", "pages")}`,
      text: "Its latest visit to these pages was turned away. Ads pointing to them will not serve until the crawler gets the page.",
    };
  }
  if (refusedRequests(bot) > 0) {
    return {
      tone: "warn",
      title: "OAI-AdsBot was refused earlier, but its latest visits got the pages",
      text: "This looks fixed. Ads rejected in the meantime may need to be resubmitted.",
    };
  }
  return {
    tone: "good",
    title: "OAI-AdsBot got your pages",
    text: "Every visit in this log that was not a redirect or a missing page received the page.",
  };
}

function Stat({ value, label }: { value: number; label: string }) {
  return (
    <div>
      <div className="stat-value">{value.toLocaleString()}</div>
      <div className="stat-label">{label}</div>
    </div>
  );
}

function AgentDetail({ agent, testIdPrefix, compact }: { agent: AgentSummary; testIdPrefix: string; compact?: boolean }) {
  return (
    <>
      <p className="small">
        {plural(agent.requests, "request", "requests")} from {formatLogTime(agent.first_seen)} to{" "}
        {formatLogTime(agent.last_seen)}.
      </p>
      <div className="logs-codes" data-testid={`${testIdPrefix}-codes`}>
        {agent.status_codes.map((s) => (
          <span key={s.status} className="logs-code">
            <Badge tone={statusTone(s.status, s.refused)}>{s.status}</Badge>
            <span className="small">
              {" "}
              {statusMeaning(s.status)}: <strong>{s.count.toLocaleString()}</strong>
            </span>
          </span>
        ))}
      </div>
      {!compact && (
        <>
          <h4 className="logs-subhead">Per day</h4>
          <DayChart days={agent.days} />
        </>
      )}
      <h4 className="logs-subhead">Per page</h4>
      <PathTable paths={agent.paths} untracked={agent.untracked_path_requests} testId={`${testIdPrefix}-paths`} />
      {!compact && agent.blocked_examples.length > 0 && <ExampleLines lines={agent.blocked_examples} />}
    </>
  );
}

/** The agent's `blocked_examples`: lines the engine found refused, so each shows as refused. */
function ExampleLines({ lines }: { lines: ExampleLine[] }) {
  return (
    <>
      <h4 className="logs-subhead">Refused requests as written in the log</h4>
      <ul className="logs-lines">
        {lines.map((l) => (
          <li key={l.line_number}>
            <span className="muted small">
              Line {l.line_number.toLocaleString()} · <Badge tone={statusTone(l.status, true)}>{l.status}</Badge>
            </span>
            <code>{l.text}</code>
          </li>
        ))}
      </ul>
    </>
  );
}

const ADDRESS_ROWS = 20;

function AddressesCard({ report }: { report: LogReport }) {
  const [showAll, setShowAll] = useState(false);
  const checked = report.adsbot.addresses !== "not-checked";
  const all: LogAddress[] = [...agentAddresses(report.adsbot), ...agentAddresses(report.impostors)].sort(
    (a, b) => b.requests - a.requests,
  );
  if (all.length === 0) return null;
  const inside = agentAddresses(report.adsbot).filter((a) => a.check === "in-ranges");
  const outside = all.filter((a) => a.check !== "in-ranges" && a.check !== "not-checked");
  const sum = (xs: LogAddress[]) => xs.reduce((n, a) => n + a.requests, 0);
  const rows = showAll ? all : all.slice(0, ADDRESS_ROWS);
  const untracked = report.adsbot.untracked_client_requests + report.impostors.untracked_client_requests;

  return (
    <div className="card" data-testid="addresses">
      <div className="card-header">
        <h3>Where the requests came from</h3>
      </div>
      {checked ? (
        <div className="logs-split-stats">
          <div>
            <Badge tone="good">Inside OpenAI's list</Badge>{" "}
            <span className="small" data-testid="addresses-inside">
              {plural(sum(inside), "request", "requests")} from {plural(inside.length, "address", "addresses")}
            </span>
          </div>
          <div>
            <Badge tone={outside.length > 0 ? "bad" : "neutral"}>Outside OpenAI's list</Badge>{" "}
            <span className="small" data-testid="addresses-outside">
              {plural(sum(outside), "request", "requests")} from {plural(outside.length, "address", "addresses")}
            </span>
          </div>
        </div>
      ) : (
        <p className="small">
          Without OpenAI's address list these addresses could not be checked, so some of them may not be OpenAI.
        </p>
      )}
      <div className="logs-table-wrap">
        <table className="data-table logs-table">
          <thead>
            <tr>
              <th>Address</th>
              <th>Check</th>
              <th className="num">Requests</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a, i) => (
              <tr key={`${a.address}|${i}`}>
                <td className="url">{a.address}</td>
                <td>
                  <Badge tone={addressTone(a.check)}>{ADDRESS_CHECK_LABEL[a.check] ?? a.check}</Badge>
                </td>
                <td className="num">{a.requests.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {all.length > ADDRESS_ROWS && (
        <div className="row-end">
          <button className="button button-small" onClick={() => setShowAll((s) => !s)}>
            {showAll ? `Show the first ${ADDRESS_ROWS}` : `Show all ${all.length.toLocaleString()} addresses`}
          </button>
        </div>
      )}
      {untracked > 0 && (
        <p className="muted small">{untracked.toLocaleString()} more requests came from addresses beyond the first 2,000.</p>
      )}
      {all.some((a) => a.check === "private-address") && (
        <p className="small">
          Some requests came from private network addresses. That usually means the log records a proxy, load balancer
          or CDN in front of the site rather than the real visitor, so OpenAI's crawler may be hidden behind it.
        </p>
      )}
    </div>
  );
}

const AGENT_ROLE: Record<string, string> = {
  "OAI-SearchBot": "finds pages for ChatGPT search results",
  GPTBot: "collects pages for training OpenAI's models",
  "ChatGPT-User": "fetches a page when someone asks ChatGPT about it",
  "OAI-AdsBot": "reviews landing pages for ads",
};

function OtherAgents({ agents }: { agents: AgentSummary[] }) {
  return (
    <div className="card" data-testid="other-agents">
      <div className="card-header">
        <h3>Other OpenAI visitors</h3>
      </div>
      <p className="small muted">
        For context only: these are not the ad crawler, and their addresses were not checked. Blocking them does not
        stop your ads; blocking OAI-AdsBot does.
      </p>
      <div className="logs-table-wrap">
        <table className="data-table logs-table">
          <thead>
            <tr>
              <th>Visitor</th>
              <th className="num">Requests</th>
              <th className="num">Got the page</th>
              <th className="num">Refused</th>
              <th>Last visit</th>
            </tr>
          </thead>
          <tbody>
            {agents.map((a) => (
              <tr key={a.agent}>
                <td>
                  <strong>{a.agent}</strong>
                  {AGENT_ROLE[a.agent] && <div className="muted small">{AGENT_ROLE[a.agent]}</div>}
                </td>
                <td className="num">{a.requests.toLocaleString()}</td>
                <td className="num">{a.status_classes.success.toLocaleString()}</td>
                <td className={`num ${refusedRequests(a) > 0 ? "logs-bad-text" : ""}`}>{refusedRequests(a).toLocaleString()}</td>
                <td className="small">{a.last_seen ? formatLogTime(a.last_seen) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function LinesCard({ report }: { report: LogReport }) {
  const l = report.lines;
  return (
    <div className="card" data-testid="lines">
      <div className="card-header">
        <h3>Lines read</h3>
        {l.unparsed > 0 && <Badge tone="warn">{plural(l.unparsed, "unreadable line", "unreadable lines")}</Badge>}
      </div>
      <p className="small">
        {l.total.toLocaleString()} lines: {l.parsed.toLocaleString()} read
        {l.parsed > 0 ? ` (${l.with_user_agent.toLocaleString()} with a browser name)` : ""}, {l.blank.toLocaleString()} blank,{" "}
        {l.unparsed.toLocaleString()} unreadable{l.too_long > 0 ? ` (${l.too_long.toLocaleString()} too long)` : ""}.
      </p>
      {report.unparsed_examples.length > 0 && (
        <>
          <h4 className="logs-subhead">First unreadable lines</h4>
          <ul className="logs-lines" data-testid="unparsed-examples">
            {report.unparsed_examples.map((u) => (
              <li key={u.line_number}>
                <span className="muted small">
                  Line {u.line_number.toLocaleString()} · {u.reason}
                </span>
                <code>{u.excerpt}</code>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
