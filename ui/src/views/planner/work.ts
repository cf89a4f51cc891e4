// The plan a user is working on, kept per client while they are in another area of the app: the
// form as typed, where its numbers came from, the open scenario and the scenarios ticked to
// compare. A plan started before any client was chosen goes along to the first client picked,
// so it can be saved there.
import { useCallback, useEffect } from "react";
import { peekKept, putKept, useKept } from "../../keep";
import { emptyForm, type FormState } from "./fields";
import type { LagImportResult } from "./LagImportBox";

export type Work = {
  /** False until the form holds a preset, a scenario or the user's own numbers. */
  started: boolean;
  form: FormState;
  /** The form as last opened or saved: anything else is an unsaved change. */
  baseForm: string;
  presetId: string | null;
  /** Why each preset number was chosen, by field. */
  presetReasons: Record<string, string>;
  /** Fields the user typed in (their preset reason no longer applies). */
  touched: string[];
  lagImport: LagImportResult | null;
  /** The saved scenario open in the form, if any. */
  currentId: number | null;
  name: string;
  compareIds: number[];
};

export const workKey = (clientId: number | null) => `planner:${clientId ?? "none"}`;

export function freshWork(): Work {
  const form = emptyForm();
  return {
    started: false,
    form,
    baseForm: JSON.stringify(form),
    presetId: null,
    presetReasons: {},
    touched: [],
    lagImport: null,
    currentId: null,
    name: "",
    compareIds: [],
  };
}

/** The form replaced by another plan (a preset or a scenario): nothing unsaved, nothing touched. */
export function withForm(form: FormState, reasons: Record<string, string>): Partial<Work> {
  return { started: true, form, baseForm: JSON.stringify(form), presetReasons: reasons, touched: [], lagImport: null };
}

export type UpdateWork = (change: Partial<Work> | ((w: Work) => Partial<Work>)) => void;

/** The client's work and a way to change part of it. Every change is kept for that client. */
export function usePlannerWork(clientId: number | null): [Work, UpdateWork] {
  const [work, setWork] = useKept<Work>(workKey(clientId), freshWork);
  const update = useCallback<UpdateWork>(
    (change) => setWork((w) => ({ ...w, ...(typeof change === "function" ? change(w) : change) })),
    [setWork],
  );

  // A client seen for the first time takes over the plan started without one.
  useEffect(() => {
    if (clientId === null) return;
    const draft = peekKept<Work>(workKey(null));
    if (!draft?.started || peekKept<Work>(workKey(clientId))?.started) return;
    update({ ...draft, currentId: null, compareIds: [] });
    putKept(workKey(null), undefined);
  }, [clientId, update]);

  return [work, update];
}
