// One finding as the views list it: status, title and id; opens to its detail, evidence and
// remedy. All text is rendered as text, never as HTML.
import { useEffect, useRef, useState } from "react";
import { STATUS_LABEL, type Finding } from "../bindings";
import { statusTone } from "../format";
import { Badge } from "./Bits";
import { remedySteps } from "./remedy";

/** `highlight`: set (to a new number each time) to open the finding and bring it into view. */
export function FindingItem({ finding, highlight }: { finding: Finding; highlight?: number }) {
  const [open, setOpen] = useState(finding.status === "fail");
  const buttonRef = useRef<HTMLButtonElement>(null);
  const quiet = finding.status === "pass" || finding.status === "not-applicable";

  useEffect(() => {
    if (highlight === undefined) return;
    setOpen(true);
    const button = buttonRef.current;
    button?.scrollIntoView?.({ behavior: "smooth", block: "center" });
    button?.focus({ preventScroll: true });
  }, [highlight]);

  return (
    <li className={`finding finding-${finding.status} ${highlight !== undefined ? "finding-highlight" : ""}`} data-finding-id={finding.id}>
      <button ref={buttonRef} className="finding-summary" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
        <Badge tone={statusTone(finding.status)}>{STATUS_LABEL[finding.status]}</Badge>
        <span className="finding-title">{finding.title}</span>
        <code className="finding-id">{finding.id}</code>
      </button>
      {open && (
        <div className="finding-body">
          {finding.detail && <p>{finding.detail}</p>}
          {finding.evidence.length > 0 && (
            <dl className="evidence">
              {finding.evidence.map((e, i) => (
                <div key={i}>
                  <dt>{e.label}</dt>
                  <dd>
                    <code>{e.value}</code>
                    {e.location && <span className="muted small"> ({e.location})</span>}
                  </dd>
                </div>
              ))}
            </dl>
          )}
          {!quiet && finding.remedy && <Remedy text={finding.remedy} />}
        </div>
      )}
    </li>
  );
}

/** "What to do": numbered steps as a list, anything else as a paragraph. */
function Remedy({ text }: { text: string }) {
  const numbered = remedySteps(text);
  if (!numbered) {
    return (
      <p className="remedy">
        <strong>What to do: </strong>
        {text}
      </p>
    );
  }
  return (
    <div className="remedy">
      <strong>What to do: </strong>
      {numbered.intro}
      <ol className="remedy-steps">
        {numbered.steps.map((step, i) => (
          <li key={i}>{step}</li>
        ))}
      </ol>
      {numbered.outro}
    </div>
  );
}
