// The file's lint: each finding with its line number; choosing one marks the line.
import { STATUS_LABEL, type RobotsLint } from "../../bindings";
import { Badge } from "../../components/Bits";
import { statusTone } from "../../format";

export function LintList({ lint, onPick }: { lint: RobotsLint; onPick: (line: number) => void }) {
  if (lint.findings.length === 0) {
    return <p className="muted small" data-testid="robots-lint-clean">No problems found in the file.</p>;
  }
  return (
    <div className="robots-lint">
      <ul className="robots-lint-list" data-testid="robots-lint">
        {lint.findings.map((f, i) => (
          <li key={i} className="robots-lint-item" data-line={f.line}>
            <button className="robots-lint-line link-button" onClick={() => onPick(f.line)}>
              Line {f.line}
            </button>
            <Badge tone={statusTone(f.status)}>{STATUS_LABEL[f.status]}</Badge>
            <div className="robots-lint-words">
              {f.text && <code className="small">{f.text}</code>}
              <p>{f.problem}</p>
              <p className="remedy">
                <strong>What to do: </strong>
                {f.remedy}
              </p>
            </div>
          </li>
        ))}
      </ul>
      {lint.not_listed > 0 && <p className="muted small">{lint.not_listed} more findings are not listed.</p>}
    </div>
  );
}
