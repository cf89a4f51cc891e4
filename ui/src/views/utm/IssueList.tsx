// Lines, rows or entries that could not be used, each with its number and the reason.
import { useState } from "react";
import type { InputIssue } from "../../bindings";
import { plural } from "../../format";

const SHOWN = 50;
const NOUN = { Line: ["line", "lines"], Row: ["row", "rows"], Entry: ["entry", "entries"] } as const;

export function IssueList(props: { issues: InputIssue[]; notListed: number; unit: "Line" | "Row" | "Entry"; testId?: string }) {
  const [all, setAll] = useState(false);
  const { issues, notListed } = props;
  if (issues.length === 0 && notListed === 0) return null;
  const shown = all ? issues : issues.slice(0, SHOWN);
  const total = issues.length + notListed;
  return (
    <div className="utm-issues" data-testid={props.testId ?? "input-issues"}>
      <p className="small">
        <strong>
          {plural(total, `${NOUN[props.unit][0]} was`, `${NOUN[props.unit][1]} were`)} skipped
        </strong>
        <span className="muted"> — fix them in the source if they should be checked.</span>
      </p>
      <ul>
        {shown.map((i, n) => (
          <li key={n} className="invalid-line small" data-testid="input-issue">
            {i.line > 0 ? `${props.unit} ${i.line}: ` : ""}
            <code>{i.text}</code> — {i.reason}
          </li>
        ))}
      </ul>
      {!all && issues.length > SHOWN && (
        <button className="link-button small" onClick={() => setAll(true)}>
          Show all {issues.length}
        </button>
      )}
      {notListed > 0 && <p className="muted small">…and {notListed.toLocaleString()} more not listed.</p>}
    </div>
  );
}
