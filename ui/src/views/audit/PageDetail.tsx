// One page in full: the verdict and why, its findings worst first, the pixel, and on demand the
// raw responses. Everything quoted from the website is plain text.
import { useEffect, useRef, useState } from "react";
import type { PageReport } from "../../bindings";
import { Badge } from "../../components/Bits";
import { FindingItem } from "../../components/FindingItem";
import { sortFindings, VERDICT_LABEL, verdictTone } from "../../format";
import { PixelPanel } from "../pixel/PixelPanel";
import { RawResponses } from "./RawResponses";
import "./audit.css";

// The finding (or the page, when findingId is null) to bring into view; `seq` changes on every
// request so the same evidence can be shown again.
export type Focus = { url: string; findingId: string | null; seq: number };

export function PageDetail({ page, focus }: { page: PageReport; focus: Focus | null }) {
  const [showEvidence, setShowEvidence] = useState(false);
  const ref = useRef<HTMLElement>(null);
  const findings = sortFindings(page.findings);
  const target = focus && focus.findingId !== null && findings.some((f) => f.id === focus.findingId) ? focus.findingId : null;
  const pageFocused = focus !== null && target === null;

  // Without a finding to show, bring the page itself into view.
  useEffect(() => {
    if (pageFocused) ref.current?.scrollIntoView?.({ behavior: "smooth", block: "start" });
  }, [pageFocused, focus?.seq]);

  return (
    <article
      ref={ref}
      className={`card page-card page-detail ${pageFocused ? "page-highlight" : ""}`}
      data-testid="page-result"
      data-url={page.url}
      tabIndex={-1}
      aria-label={`Page ${page.url}`}
    >
      <div className="page-card-header">
        <Badge tone={verdictTone(page.verdict)} testId="page-detail-verdict">
          {VERDICT_LABEL[page.verdict]}
        </Badge>
        <span className="url page-detail-url" title={page.url}>
          {page.url}
        </span>
        {page.vendor && <Badge tone="neutral">Behind {page.vendor}</Badge>}
        {page.params_survive === false && <Badge tone="bad">Parameters lost in a redirect</Badge>}
      </div>
      <p className="verdict-reason">{page.verdict_reason}</p>
      <ul className="finding-list">
        {findings.map((f, i) => (
          <FindingItem key={`${f.id}-${i}`} finding={f} highlight={target === f.id ? focus!.seq : undefined} />
        ))}
      </ul>
      <PixelPanel pixel={page.pixel} findings={page.findings} />
      <button className="link-button small" aria-expanded={showEvidence} onClick={() => setShowEvidence((v) => !v)}>
        {showEvidence ? "Hide raw responses" : "Show raw responses"}
      </button>
      {showEvidence && <RawResponses fetches={page.fetches} />}
    </article>
  );
}
