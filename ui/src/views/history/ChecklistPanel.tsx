// The readiness checklist of one audit: three questions, each answered pass / needs attention /
// fail / not checked, with the pages behind the answer. Each page links to its finding.
import { useState } from "react";
import type { Checklist, ChecklistItem, ItemEvidence } from "../../bindings";
import { Badge } from "../../components/Bits";
import { ITEM_STATUS_LABEL, itemStatusTone, plural } from "../../format";
import "./history.css";

const EVIDENCE_SHOWN = 5;

export function ChecklistPanel(props: {
  checklist: Checklist;
  onOpenEvidence: (evidence: ItemEvidence) => void;
  title?: string;
}) {
  const { checklist } = props;
  return (
    <section className="card checklist" data-testid="checklist" aria-label="Readiness checklist">
      <div className="card-header">
        <h2>{props.title ?? "Readiness checklist"}</h2>
        {checklist.ready ? (
          <Badge tone="good">Ready for ChatGPT Ads</Badge>
        ) : checklist.blocking_pages > 0 ? (
          <Badge tone="bad">{plural(checklist.blocking_pages, "page", "pages")} to fix</Badge>
        ) : (
          <Badge tone="warn">Not ready yet</Badge>
        )}
      </div>
      <ol className="checklist-items">
        {checklist.items.map((item) => (
          <ChecklistRow key={item.id} item={item} onOpenEvidence={props.onOpenEvidence} />
        ))}
      </ol>
    </section>
  );
}

function ChecklistRow({ item, onOpenEvidence }: { item: ChecklistItem; onOpenEvidence: (e: ItemEvidence) => void }) {
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? item.evidence : item.evidence.slice(0, EVIDENCE_SHOWN);
  return (
    <li className={`checklist-item checklist-${item.status}`} data-testid={`checklist-${item.id}`}>
      <div className="checklist-head">
        <Badge tone={itemStatusTone(item.status)} testId="checklist-status">
          {ITEM_STATUS_LABEL[item.status]}
        </Badge>
        <span className="checklist-title">{item.title}</span>
        <span className="muted small" data-testid="checklist-count">
          {item.checked === 0 ? "no pages checked" : `${item.passed} of ${plural(item.checked, "page", "pages")} pass`}
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
          {showAll ? "Show fewer pages" : `Show all ${item.evidence.length} pages`}
        </button>
      )}
    </li>
  );
}
