// The plan form's fields and the conversion between what the user typed and a Plan. Labels,
// help, kinds and units come from the planner's field catalogue (the `plan_fields` command), the
// same catalogue the PDF reads. Text stays text until it is sent, so a half-typed "0." is never
// rewritten under the cursor.
import type { AppError, Bounds, Input, Plan, PlanField } from "../../bindings";
import { numberToText, parseNumber } from "./numbers";

export type RangedKey =
  | "spend"
  | "cpc"
  | "cpm"
  | "ctr"
  | "cvr"
  | "value"
  | "lead_to_opportunity"
  | "win_rate"
  | "deal_value"
  | "margin"
  | "window_days"
  | "lag_median_days"
  | "lag_sigma"
  | "cannibalization"
  | "ai_citation_share"
  | "ai_lift";
export type ReachKey = "audience" | "free_and_go_share" | "quarterly_opt_out" | "quarters";
export type FieldKey = RangedKey | ReachKey;
export type Part = "low" | "likely" | "high";
export const PARTS: Part[] = ["low", "likely", "high"];

/** The planner's field catalogue, by field id. */
export type Catalogue = Readonly<Record<string, PlanField>>;

export function catalogueOf(fields: PlanField[]): Catalogue {
  return Object.fromEntries(fields.map((f) => [f.id, f]));
}

/** A field's entry; a field the catalogue does not know reads as its own name. */
export function fieldMeta(catalogue: Catalogue, key: string): PlanField {
  return catalogue[key] ?? { id: key, label: key, kind: "number", unit: null, ranged: false, bounds: null, help: "" };
}

export function fieldLabel(catalogue: Catalogue, key: string): string {
  return fieldMeta(catalogue, key).label;
}

export const RANGED_KEYS: RangedKey[] = [
  "spend", "cpc", "cpm", "ctr", "cvr", "value", "lead_to_opportunity", "win_rate", "deal_value", "margin",
  "window_days", "lag_median_days", "lag_sigma", "cannibalization", "ai_citation_share", "ai_lift",
];
export const REACH_KEYS: ReachKey[] = ["audience", "free_and_go_share", "quarterly_opt_out", "quarters"];
export const ALL_KEYS: FieldKey[] = [...RANGED_KEYS, ...REACH_KEYS];
const RANGED = new Set<string>(RANGED_KEYS);

export type FieldText = { mode: "point" | "range"; point: string; low: string; likely: string; high: string };
export type CostMode = "cpc" | "cpm";
export type ValueMode = "value" | "funnel";
export type LagMode = "lognormal" | "table";

export type FormState = {
  values: Record<FieldKey, FieldText>;
  /** The ISO 4217 code as typed; empty for plain numbers. */
  currency: string;
  costMode: CostMode;
  valueMode: ValueMode;
  lagMode: LagMode;
  lagTable: [number, number][] | null;
  reach: boolean;
};

const EMPTY_TEXT: FieldText = { mode: "point", point: "", low: "", likely: "", high: "" };

/** A plan input (or an assumption's input) as field text. */
export function textFromInput(input: Input | undefined | null): FieldText {
  if (input === undefined || input === null) return { ...EMPTY_TEXT };
  if (typeof input === "number") return { ...EMPTY_TEXT, point: numberToText(input) };
  return {
    mode: "range",
    point: numberToText(input.likely),
    low: numberToText(input.low),
    likely: numberToText(input.likely),
    high: numberToText(input.high),
  };
}

export function emptyForm(): FormState {
  const values = Object.fromEntries(ALL_KEYS.map((k) => [k, { ...EMPTY_TEXT }])) as Record<FieldKey, FieldText>;
  return { values, currency: "", costMode: "cpc", valueMode: "value", lagMode: "lognormal", lagTable: null, reach: false };
}

export function formFromPlan(plan: Plan): FormState {
  const form = emptyForm();
  const p = plan as unknown as Record<string, Input | undefined>;
  for (const k of ALL_KEYS) form.values[k] = textFromInput(p[k]);
  form.currency = plan.currency ?? "";
  form.costMode = plan.cpm !== undefined || plan.ctr !== undefined ? "cpm" : "cpc";
  form.valueMode =
    plan.value === undefined &&
    (plan.lead_to_opportunity !== undefined || plan.win_rate !== undefined || plan.deal_value !== undefined)
      ? "funnel"
      : "value";
  form.lagMode = plan.lag_table ? "table" : "lognormal";
  form.lagTable = plan.lag_table ?? null;
  form.reach = REACH_KEYS.some((k) => plan[k] !== undefined);
  return form;
}

/** The fields that take part in the plan with the current choices, in form order. */
export function activeKeys(form: FormState): FieldKey[] {
  const keys: FieldKey[] = ["spend"];
  keys.push(...(form.costMode === "cpc" ? (["cpc"] as const) : (["cpm", "ctr"] as const)));
  keys.push("cvr");
  keys.push(...(form.valueMode === "value" ? (["value"] as const) : (["lead_to_opportunity", "win_rate", "deal_value"] as const)));
  keys.push("margin", "window_days");
  if (form.lagMode === "lognormal") keys.push("lag_median_days", "lag_sigma");
  keys.push("cannibalization", "ai_citation_share", "ai_lift");
  if (form.reach) keys.push(...REACH_KEYS);
  return keys;
}

/** A problem found with one field (or one end of its range). Its message names the field. */
export type FieldError = { field: string; part: Part | null; message: string };

const PART_NAME: Record<Part, string> = { low: "Low", likely: "Likely", high: "High" };

/** The field's label inside a sentence: "likely cost per click"; "AI" and the like keep their capitals. */
function inSentence(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label[0].toLowerCase() + label.slice(1) : label;
}

/** What the message is about: "Cost per click", or "Likely cost per click" for one end of a range. */
export function fieldSubject(meta: PlanField, part: Part | null): string {
  return part ? `${PART_NAME[part]} ${inSentence(meta.label)}` : meta.label;
}

/** Whether `x` is allowed by the field's bounds. */
export function withinBounds(b: Bounds, x: number): boolean {
  const { min, max } = ends(b);
  if (min !== null && (b.min_inclusive ? x < min : x <= min)) return false;
  if (max !== null && (b.max_inclusive ? x > max : x >= max)) return false;
  return true;
}

/** The catalogue leaves out an open end; read it as null. */
function ends(b: Bounds): { min: number | null; max: number | null } {
  return { min: b.min ?? null, max: b.max ?? null };
}

/** The bounds in plain words, to follow the field's name: "must be positive". */
export function boundsRule(b: Bounds): string {
  const { min, max } = ends(b);
  if (min === 0 && max === 1) {
    if (b.min_inclusive && b.max_inclusive) return "must be a share from 0 to 1: type 0.25 or 25%";
    if (b.max_inclusive) return "must be a share above 0 and at most 1: type 0.03 or 3%";
    if (b.min_inclusive) return "must be a share from 0 up to, but not including, 1: type 0.2 or 20%";
    return "must be a share between 0 and 1: type 0.5 or 50%";
  }
  if (min !== null && max !== null) return `must be from ${min} to ${max}`;
  if (min === 0) return b.min_inclusive ? "cannot be negative" : "must be positive";
  if (min !== null) return b.min_inclusive ? `must be ${min} or more` : `must be more than ${min}`;
  if (max !== null) return b.max_inclusive ? `must be ${max} or less` : `must be less than ${max}`;
  return "may be any number";
}

function readText(meta: PlanField, share: boolean, text: string, part: Part | null, errors: FieldError[]): number | undefined | null {
  if (text.trim() === "") return undefined;
  const n = parseNumber(text, share);
  const field = meta.id;
  if (n === null) {
    const example = share ? "0.25 or 25%" : "1200";
    errors.push({ field, part, message: `${fieldSubject(meta, part)} is not a number. Type digits only, e.g. ${example}.` });
    return null;
  }
  if (meta.bounds && !withinBounds(meta.bounds, n)) {
    errors.push({ field, part, message: `${fieldSubject(meta, part)} ${boundsRule(meta.bounds)}.` });
    return null;
  }
  return n;
}

/**
 * Builds the plan from the form. Empty fields are left out, so the planner uses its default and
 * reports it as an assumption. Returns every problem it can tell without the planner, all at
 * once: numbers that are not numbers, outside the field's bounds (from the catalogue), missing
 * ends of a range and ranges in the wrong order.
 */
export function planFromForm(form: FormState, catalogue: Catalogue): { plan: Plan | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const out: Record<string, unknown> = {};
  const currency = form.currency.trim().toUpperCase();
  if (currency) out.currency = currency;
  for (const key of activeKeys(form)) {
    const t = form.values[key];
    const meta = fieldMeta(catalogue, key);
    const share = meta.kind === "percent";
    if (RANGED.has(key) && t.mode === "range") {
      const parts = PARTS.map((p) => readText(meta, share, t[p], p, errors));
      const given = parts.filter((v) => v !== undefined).length;
      if (given === 0) continue;
      if (given < 3) {
        PARTS.forEach((p, i) => {
          if (parts[i] === undefined)
            errors.push({ field: key, part: p, message: `Fill in ${inSentence(fieldSubject(meta, p))} too, or switch back to a single number.` });
        });
        continue;
      }
      if (parts.some((v) => v === null)) continue;
      const [low, likely, high] = parts as number[];
      if (low > high) {
        errors.push({ field: key, part: null, message: `${fieldSubject(meta, "low")} is above ${inSentence(fieldSubject(meta, "high"))}: swap them.` });
        continue;
      }
      if (likely < low || likely > high) {
        errors.push({ field: key, part: "likely", message: `${fieldSubject(meta, "likely")} must lie between the low and the high value.` });
        continue;
      }
      out[key] = { low, likely, high };
    } else {
      const v = readText(meta, share, t.point, null, errors);
      if (v !== undefined && v !== null) out[key] = v;
    }
  }
  if (form.lagMode === "table") {
    if (form.lagTable && form.lagTable.length > 0) out.lag_table = form.lagTable;
    else errors.push({ field: "lag_table", part: null, message: "Import a CRM export first, or switch back to a typical time and spread." });
  }
  return { plan: errors.length === 0 ? (out as Plan) : null, errors };
}

/** Where the planner's error belongs in the form: `cvr.low` → cvr, low; `lag_table[2]` → lag_table. */
export function errorTarget(error: AppError): FieldError {
  const field = error.field ?? "";
  const m = /^([a-z_]+)(?:\.(low|likely|high))?/.exec(field);
  if (!m) return { field: "", part: null, message: error.message };
  return { field: m[1], part: (m[2] as Part | undefined) ?? null, message: error.message };
}

/** Switches a field between one number and a low / likely / high range, keeping what was typed. */
export function withMode(t: FieldText, mode: "point" | "range"): FieldText {
  if (mode === t.mode) return t;
  if (mode === "range") {
    const v = t.likely || t.point;
    return { ...t, mode, likely: v, low: t.low || v, high: t.high || v };
  }
  return { ...t, mode, point: t.likely || t.point };
}
