// One checked URL: status, GA4 channel, problems, and the corrected URL ready to copy.
import { memo, useEffect, useState } from "react";
import { STATUS_LABEL, type Status, type UrlReport } from "../../bindings";
import { Badge } from "../../components/Bits";
import { FindingItem } from "../../components/FindingItem";
import { sortFindings, statusTone } from "../../format";
import { ChannelInfo, channelTone } from "./ChannelInfo";
import { CopyButton } from "./CopyButton";
import { channelRisk } from "./model";

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
          {report.ga4 && <ChannelInfo ga4={report.ga4} risk={risk} />}
        </div>
      )}
    </li>
  );
});
