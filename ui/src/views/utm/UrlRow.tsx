// One checked URL: status, GA4 channel, problems, the corrected URL ready to copy, and with
// tracking templates the URL a click opens at each level.
import { memo, useEffect, useState } from "react";
import { STATUS_LABEL, type ClickUrl, type Status, type UrlReport } from "../../bindings";
import { Badge } from "../../components/Bits";
import { FindingItem } from "../../components/FindingItem";
import { sortFindings, statusTone } from "../../format";
import { ChannelInfo, channelTone } from "./ChannelInfo";
import { CopyButton } from "./CopyButton";
import { channelRisk } from "./model";
import { LEVEL_LABEL, OPENAI_MACROS } from "./tracking";

export type ExpandSignal = { open: boolean; n: number };

export const UrlRow = memo(function UrlRow(props: { report: UrlReport; status: Status; expand: ExpandSignal }) {
  const { report, status, expand } = props;
  // Problems open, passing URLs closed, so long lists stay short.
  const [open, setOpen] = useState(status !== "pass");
  useEffect(() => {
    if (expand.n > 0) setOpen(expand.open);
  }, [expand]);
  const risk = channelRisk(report);
  const corrected = report.corrected_url && report.corrected_url !== report.url ? report.corrected_url : null;
  const problems = report.findings.filter((f) => f.status !== "pass" && f.status !== "not-applicable").length;

  return (
    <li className={`utm-url utm-url-${status}`} data-testid="url-result">
      <button className="utm-url-head" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        <span className="utm-chevron" aria-hidden="true">
          {open ? "▾" : "▸"}
        </span>
        <Badge tone={statusTone(status)}>{STATUS_LABEL[status]}</Badge>
        <span className="url utm-url-text">{report.url}</span>
        {report.occurrences > 1 && <span className="muted small">×{report.occurrences}</span>}
        {problems > 0 && <span className="muted small">{problems === 1 ? "1 problem" : `${problems} problems`}</span>}
        {report.ga4 && <Badge tone={channelTone(risk)}>{report.ga4.preview.channel}</Badge>}
      </button>
      {open && (
        <div className="utm-url-body">
          <ul className="finding-list">
            {sortFindings(report.findings).map((f, i) => (
              <FindingItem key={`${f.id}-${i}`} finding={f} />
            ))}
          </ul>
          {corrected && (
            <div className="utm-corrected" data-testid="corrected-url">
              <span className="muted small">Corrected URL</span>
              <code className="url">{corrected}</code>
              <CopyButton text={corrected} ariaLabel={`Copy the corrected URL for ${report.url}`} done="Copied the corrected URL." testId="copy-corrected" />
            </div>
          )}
          {report.click_urls && report.click_urls.length > 0 && <ClickUrls clicks={report.click_urls} destination={report.url} />}
          {report.ga4 && <ChannelInfo ga4={report.ga4} risk={risk} />}
        </div>
      )}
    </li>
  );
});

/**
 * The URL a click opens at each level, ad account first. A level without a template of its own
 * opens the same URL as the level above, so only the ad's (what a click on the ad opens) and the
 * levels with a template show a URL to copy.
 */
function ClickUrls({ clicks, destination }: { clicks: ClickUrl[]; destination: string }) {
  const last = clicks.length - 1;
  return (
    <div className="utm-clicks" data-testid="click-urls">
      <span className="muted small">What a click opens, with your tracking templates</span>
      <ol>
        {clicks.map((c, i) => {
          const label = LEVEL_LABEL[c.level];
          const showUrl = c.template !== undefined || i === last;
          return (
            <li key={c.level} className={i === last ? "utm-click-final" : undefined} data-testid={`click-url-${c.level}`}>
              <div className="utm-click-level">
                <strong className="small">{i === last ? `${label}: a click on the ad opens` : label}</strong>
                {c.template !== undefined ? (
                  <span className="muted small">
                    template <code>{c.template}</code>
                  </span>
                ) : (
                  <span className="muted small">{i === 0 ? "no template: the URL as it is" : "no template: the same URL as the level above"}</span>
                )}
              </div>
              {showUrl && (
                <div className="utm-click-url">
                  <code className="url">{c.url}</code>
                  <CopyButton text={c.url} ariaLabel={`Copy the URL a click opens at the ${label.toLowerCase()} level for ${destination}`} done="Copied the URL." />
                </div>
              )}
            </li>
          );
        })}
      </ol>
      <p className="muted small">
        OpenAI fills in {OPENAI_MACROS.map((m) => m.text).join(", ")} on each click, then adds its own oppref at the end.
      </p>
    </div>
  );
}
