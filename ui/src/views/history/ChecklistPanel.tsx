// The readiness checklist of one audit: three questions, each answered pass / needs attention /
// fail / not checked, with the pages behind the answer. Each page links to its finding. The
// verdict, the headline and every count come from the audit's readiness as the engine gave it.
import { useState } from "react";
import type { ChecklistItem, ItemEvidence, Readiness } from "../../bindings";
import { Badge } from "../../components/Bits";
import { ITEM_STATUS_LABEL, itemStatusTone, type Tone } from "../../format";
import { readinessTone } from "./readiness";
import "./history.css";

const EVIDENCE_SHOWN = 5;

export function ChecklistPanel(props: {
  readiness: Readiness;
  onOpenEvidence: (evidence: ItemEvidence) => void;
  title?: string;
}) {
  const { readiness } = props;
  const partial = readiness.state === "partial";
  return (
    <section className="card checklist" data-testid="checklist" aria-label="Readiness checklist">
      <div className="card-header">
        <h2>{props.title ?? "Readiness checklist"}</h2>
        <Badge tone={readinessTone(readiness.state)} testId="checklist-state">
          {readiness.state === "ready" ? "Ready for ChatGPT Ads" : partial ? "Partial audit" : readiness.label}
        </Badge>
      </div>
      <p className="checklist-headline" data-testid="checklist-headline">
        {readiness.headline}
      </p>
      <ol className="checklist-items">
        {readiness.checklist.items.map((item) => (
          <ChecklistRow key={item.id} item={item} partial={partial} onOpenEvidence={props.onOpenEvidence} />
        ))}
      </ol>
    </section>
  );
}

/** "12 of 14 pages pass": pages that pass the item, of the pages checked for it. */
export function itemCountLine(item: Pick<ChecklistItem, "passed" | "checked">): string {
  if (item.checked === 0) return "No page was checked for this";
  if (item.checked === 1) return `${item.passed} of 1 page passes`;
  return `${item.passed} of ${item.checked} pages pass`;
}

function ChecklistRow({
  item,
  partial,
  onOpenEvidence,
}: {
  item: ChecklistItem;
  partial: boolean;
  onOpenEvidence: (e: ItemEvidence) => void;
}) {
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? item.evidence : item.evidence.slice(0, EVIDENCE_SHOWN);
  // In an audit that did not check every page, a pass holds only for the pages it reached.
  const tone: Tone = partial && item.status === "pass" ? "neutral" : itemStatusTone(item.status);
  return (
    <li className={`checklist-item checklist-${item.status}`} data-testid={`checklist-${item.id}`}>
      <div className="checklist-head">
        <Badge tone={tone} testId="checklist-status">
          {ITEM_STATUS_LABEL[item.status]}
        </Badge>
        <span className="checklist-title">{item.title}</span>
        <span className="muted small" data-testid="checklist-count">
          {itemCountLine(item)}
        </span>
      </div>
      {item.summary && <p className="small checklist-summary">{item.summary}</p>}
      {item.evidence.length > 0 && (
        <ul className="checklist-evidence">
          {shown.map((e, i) => (
            <li key={`${e.url}-${e.finding_id ?? ""}-${i}`}>
              <Badge tone={e.blocking ? "bad" : "warn"}>{e.blocking ? "Blocking" : "Warning"}</Badge>
              <button
                className="evidence-link"
                data-testid="checklist-evidence"
                onClick={() => onOpenEvidence(e)}
                title={e.finding_id ? "Open this finding in the audit" : "Open this page in the audit"}
              >
                <span className="url">{e.url}</span>
                <span className="evidence-reason">{e.reason}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {item.evidence.length > EVIDENCE_SHOWN && (
        <button className="link-button small" onClick={() => setShowAll((v) => !v)} aria-expanded={showAll}>
          {showAll ? "Show fewer pages" : `Show all ${item.evidence.length} pages with problems`}
        </button>
      )}
    </li>
  );
}
