// Recomputes the plan a short while after the last keystroke. Only the answer to the newest
// request is kept: a slow answer for an older plan never overwrites a newer one. The last answer
// is kept under the work's key, so coming back to the planner shows it without asking again.
import { useEffect, useRef, useState } from "react";
import { api, toAppError } from "../../api";
import type { AppError, Plan, PlanReport } from "../../bindings";
import { useKept } from "../../keep";

export const DEBOUNCE_MS = 250;

export type PlanState = {
  report: PlanReport | null;
  error: AppError | null;
  computing: boolean;
  /** The report belongs to an earlier plan than the one in the form. */
  stale: boolean;
};

type Answer = { report: PlanReport | null; error: AppError | null; doneKey: string | null };
const NO_ANSWER: Answer = { report: null, error: null, doneKey: null };

export function usePlanReport(plan: Plan | null, keepKey: string): PlanState {
  const [answer, setAnswer] = useKept<Answer>(`${keepKey}:report`, NO_ANSWER);
  const { report, error, doneKey } = answer;
  const [computing, setComputing] = useState(false);
  const latest = useRef(0);
  const key = plan ? JSON.stringify(plan) : null;

  useEffect(() => {
    const request = ++latest.current;
    if (key !== null && key === doneKey) {
      // This very plan was answered before the user left; the answer is still good.
      setComputing(false);
      return;
    }
    if (key === null) {
      // The form has its own problems to show; an older answer's error would only confuse.
      setAnswer((a) => (a.error ? { ...a, error: null } : a));
      setComputing(false);
      return;
    }
    const timer = window.setTimeout(() => {
      setComputing(true);
      api.computePlan(JSON.parse(key) as Plan).then(
        (r) => {
          if (request !== latest.current) return;
          setAnswer({ report: r, error: null, doneKey: key });
          setComputing(false);
        },
        (e: unknown) => {
          if (request !== latest.current) return;
          setAnswer((a) => ({ ...a, error: toAppError(e), doneKey: key }));
          setComputing(false);
        },
      );
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
    // The answer is read only to skip a plan already answered.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, setAnswer]);

  // Answers that arrive after the view is gone are dropped too.
  useEffect(
    () => () => {
      latest.current++;
    },
    [],
  );

  return { report, error, computing, stale: report !== null && (doneKey !== key || error !== null) };
}
