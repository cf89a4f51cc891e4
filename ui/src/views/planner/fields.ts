// The plan form's fields, in plain words, and the conversion between what the user typed and a
// Plan. Text stays text until it is sent, so a half-typed "0." is never rewritten under the cursor.
import type { AppError, Input, Plan } from "../../bindings";
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

/** How a value reads: money, a share of 1 (shown as a percentage too), days or a plain number. */
export type Kind = "money" | "share" | "days" | "number" | "count";

export type FieldMeta = { key: FieldKey; label: string; help: string; kind: Kind; ranged: boolean };

export const FIELDS: Record<FieldKey, FieldMeta> = {
  spend: { key: "spend", label: "Budget", kind: "money", ranged: true, help: "What you plan to spend in the period." },
  cpc: { key: "cpc", label: "Cost per click", kind: "money", ranged: true, help: "What one click costs on average. OpenAI recommends starting bids of $3–5." },
  cpm: { key: "cpm", label: "Cost per 1,000 impressions", kind: "money", ranged: true, help: "What 1,000 ad views cost when buying on impressions (CPM)." },
  ctr: { key: "ctr", label: "Click-through rate", kind: "share", ranged: true, help: "Share of people who click after seeing the ad, e.g. 0.01 for 1%." },
  cvr: { key: "cvr", label: "Conversion rate", kind: "share", ranged: true, help: "Share of clicks the tracking pixel counts as a conversion within the attribution window, e.g. 0.03 for 3%." },
  value: { key: "value", label: "Value of one conversion", kind: "money", ranged: true, help: "Average order value, or what one lead is worth to you." },
  lead_to_opportunity: { key: "lead_to_opportunity", label: "Leads that become opportunities", kind: "share", ranged: true, help: "Share of leads your sales team turns into real sales opportunities." },
  win_rate: { key: "win_rate", label: "Win rate", kind: "share", ranged: true, help: "Share of opportunities that end in a signed deal." },
  deal_value: { key: "deal_value", label: "Value of one won deal", kind: "money", ranged: true, help: "Average first-year contract value of a won deal." },
  margin: { key: "margin", label: "Gross margin", kind: "share", ranged: true, help: "Share of revenue left after the cost of goods, used for the profit view. 1 means count all revenue." },
  window_days: { key: "window_days", label: "Attribution window", kind: "days", ranged: true, help: "Days after the click in which the pixel still credits a conversion. OpenAI only offers 30." },
  lag_median_days: { key: "lag_median_days", label: "Typical time to convert", kind: "days", ranged: true, help: "Half of all conversions happen within this many days of the click." },
  lag_sigma: { key: "lag_sigma", label: "Spread of that time", kind: "number", ranged: true, help: "How much the time to convert varies: about 0.5 is tight, 1 typical, 1.5 and above a long tail of late buyers." },
  cannibalization: { key: "cannibalization", label: "Would have bought anyway", kind: "share", ranged: true, help: "Share of credited conversions that would have happened without the ad (cannibalization). A holdout test measures it." },
  ai_citation_share: { key: "ai_citation_share", label: "AI citation share", kind: "share", ranged: true, help: "How often AI answers cite your brand for your key questions, as a share. Use 0 if unknown." },
  ai_lift: { key: "ai_lift", label: "Lift from AI visibility", kind: "share", ranged: true, help: "How much better ads perform when your brand is cited in every AI answer (the halo), e.g. 0.2 for 20%." },
  audience: { key: "audience", label: "People in your market using ChatGPT", kind: "count", ranged: false, help: "An estimate of your target market on ChatGPT." },
  free_and_go_share: { key: "free_and_go_share", label: "On the Free or Go plans", kind: "share", ranged: false, help: "Only Free and Go users are shown ads." },
  quarterly_opt_out: { key: "quarterly_opt_out", label: "Switching ads off each quarter", kind: "share", ranged: false, help: "Share of that audience that opts out of ads every 90 days." },
  quarters: { key: "quarters", label: "Quarters ahead", kind: "count", ranged: false, help: "How many 90-day periods to plan for (a whole number)." },
};

export const RANGED_KEYS: RangedKey[] = [
  "spend", "cpc", "cpm", "ctr", "cvr", "value", "lead_to_opportunity", "win_rate", "deal_value", "margin",
  "window_days", "lag_median_days", "lag_sigma", "cannibalization", "ai_citation_share", "ai_lift",
];
export const REACH_KEYS: ReachKey[] = ["audience", "free_and_go_share", "quarterly_opt_out", "quarters"];
export const ALL_KEYS: FieldKey[] = [...RANGED_KEYS, ...REACH_KEYS];

export function fieldLabel(key: string): string {
  if (key === "lag_table") return "Time-to-convert table";
  return (FIELDS as Record<string, FieldMeta | undefined>)[key]?.label ?? key;
}

export type FieldText = { mode: "point" | "range"; point: string; low: string; likely: string; high: string };
export type CostMode = "cpc" | "cpm";
export type ValueMode = "value" | "funnel";
export type LagMode = "lognormal" | "table";

export type FormState = {
  values: Record<FieldKey, FieldText>;
  costMode: CostMode;
  valueMode: ValueMode;
  lagMode: LagMode;
  lagTable: [number, number][] | null;
  reach: boolean;
};

const EMPTY_TEXT: FieldText = { mode: "point", point: "", low: "", likely: "", high: "" };

function inputToText(input: Input | undefined | null): FieldText {
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
  return { values, costMode: "cpc", valueMode: "value", lagMode: "lognormal", lagTable: null, reach: false };
}

export function formFromPlan(plan: Plan): FormState {
  const form = emptyForm();
  const p = plan as unknown as Record<string, Input | undefined>;
  for (const k of ALL_KEYS) form.values[k] = inputToText(p[k]);
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

/** A problem found with one field (or one end of its range). */
export type FieldError = { field: string; part: Part | null; message: string };

const PART_WORD: Record<Part, string> = { low: "low end", likely: "likely value", high: "high end" };

function readText(key: FieldKey, text: string, part: Part | null, errors: FieldError[]): number | undefined | null {
  const meta = FIELDS[key];
  if (text.trim() === "") return undefined;
  const n = parseNumber(text, meta.kind === "share");
  if (n === null) {
    const what = part ? `The ${PART_WORD[part]}` : "This";
    errors.push({ field: key, part, message: `${what} is not a number. Type digits only, e.g. ${meta.kind === "share" ? "0.25 or 25%" : "1200"}.` });
    return null;
  }
  return n;
}

/**
 * Builds the plan from the form. Empty fields are left out, so the planner uses its default and
 * reports it as an assumption. Returns the problems it can tell without the planner.
 */
export function planFromForm(form: FormState): { plan: Plan | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const out: Record<string, unknown> = {};
  for (const key of activeKeys(form)) {
    const t = form.values[key];
    if (FIELDS[key].ranged && t.mode === "range") {
      const parts = PARTS.map((p) => readText(key, t[p], p, errors));
      if (parts.some((v) => v === null)) continue;
      const given = parts.filter((v) => v !== undefined).length;
      if (given === 0) continue;
      if (given < 3) {
        PARTS.forEach((p, i) => {
          if (parts[i] === undefined) errors.push({ field: key, part: p, message: `Fill in the ${PART_WORD[p]} too, or switch back to a single number.` });
        });
        continue;
      }
      out[key] = { low: parts[0], likely: parts[1], high: parts[2] };
    } else {
      const v = readText(key, t.point, null, errors);
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

/** An assumption's value as the planner wrote it ("0.2" or "0.1 to 0.35, likely 0.2") as field text. */
export function textFromAssumption(value: string): FieldText | null {
  const point = parseNumber(value);
  if (point !== null) return { ...EMPTY_TEXT, point: numberToText(point) };
  const m = /^\s*(\S+) to (\S+), likely (\S+)\s*$/.exec(value);
  if (m) {
    const [low, high, likely] = [m[1], m[2], m[3]].map((s) => parseNumber(s));
    if (low !== null && high !== null && likely !== null) {
      return { mode: "range", point: numberToText(likely), low: numberToText(low), likely: numberToText(likely), high: numberToText(high) };
    }
  }
  return null;
}
