// What keeps the answer in reach while the user works on a long form: every problem to fix, each
// a link to its field, and (in a narrow window, where the results sit below the form) a bar at
// the bottom of the form with the verdict and a link down to the results.
import type { PlanReport } from "../../bindings";
import type { FieldError } from "./fields";
import { fmtRatio } from "./numbers";
import { planVerdict } from "./verdict";

/** Every problem in the form at once; each one takes the user to its field. */
export function FixList({ errors, onGoTo }: { errors: FieldError[]; onGoTo: (e: FieldError) => void }) {
  if (errors.length === 0) return null;
  return (
    <ul className="pl-fix-list small" data-testid="plan-errors" aria-label="Fields to fix">
      {errors.map((e, i) => (
        <li key={`${e.field}-${e.part ?? ""}-${i}`}>
          <button type="button" className="link-button" onClick={() => onGoTo(e)}>
            {e.message}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The verdict at the bottom of the form, with a link to the results below it. */
export function ResultsBar({ report, errorCount, onJump }: { report: PlanReport | null; errorCount: number; onJump: () => void }) {
  const verdict = report ? planVerdict(report) : null;
  const text =
    errorCount > 0
      ? `Fix ${errorCount === 1 ? "the field" : `the ${errorCount} fields`} marked in red to update the results.`
      : report && verdict
        ? `${verdict.headline}: real return ${fmtRatio(report.point.layers.halo.roas)}.`
        : "No results yet.";
  return (
    <div className={`pl-jump pl-jump-${errorCount > 0 ? "bad" : (verdict?.tone ?? "neutral")}`} data-testid="results-bar">
      <span>{text}</span>
      <button type="button" className="button button-small" onClick={onJump}>
        See the results
      </button>
    </div>
  );
}
