// Recomputes the plan a short while after the last keystroke. Only the answer to the newest
// request is kept: a slow answer for an older plan never overwrites a newer one.
import { useEffect, useRef, useState } from "react";
import { api, toAppError } from "../../api";
import type { AppError, Plan, PlanReport } from "../../bindings";

export const DEBOUNCE_MS = 250;

export type PlanState = {
  report: PlanReport | null;
  error: AppError | null;
  computing: boolean;
  /** The report belongs to an earlier plan than the one in the form. */
  stale: boolean;
};

export function usePlanReport(plan: Plan | null): PlanState {
  const [report, setReport] = useState<PlanReport | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [computing, setComputing] = useState(false);
  const [doneKey, setDoneKey] = useState<string | null>(null);
  const latest = useRef(0);
  const key = plan ? JSON.stringify(plan) : null;

  useEffect(() => {
    const request = ++latest.current;
    if (key === null) {
      // The form has its own problems to show; an older answer's error would only confuse.
      setError(null);
      setComputing(false);
      return;
    }
    const timer = window.setTimeout(() => {
      setComputing(true);
      api.computePlan(JSON.parse(key) as Plan).then(
        (r) => {
          if (request !== latest.current) return;
          setReport(r);
          setError(null);
          setDoneKey(key);
          setComputing(false);
        },
        (e: unknown) => {
          if (request !== latest.current) return;
          setError(toAppError(e));
          setDoneKey(key);
          setComputing(false);
        },
      );
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [key]);

  // Answers that arrive after the view is gone are dropped too.
  useEffect(
    () => () => {
      latest.current++;
    },
    [],
  );

  return { report, error, computing, stale: report !== null && (doneKey !== key || error !== null) };
}
