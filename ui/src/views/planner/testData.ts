// Sample planner data for the view's tests, shaped like the desktop commands' answers. The field
// catalogue is the planner's own file, so the tests see the labels the app shows.
import type { LayerResult, MoneyFigures, Plan, PlanField, PlanReport, Preset, SavedScenario, Spread } from "../../bindings";
import fieldsFile from "../../../../crates/planner/data/fields.json";

/** What the `plan_fields` command answers. */
export const planFields = fieldsFile.fields as unknown as PlanField[];

export const ecommercePlan: Plan = {
  spend: 10000,
  currency: "USD",
  cpc: { low: 3, likely: 4, high: 6 },
  cvr: { low: 0.015, likely: 0.03, high: 0.05 },
  value: { low: 80, likely: 120, high: 200 },
  margin: 0.4,
  window_days: 30,
  lag_median_days: { low: 1, likely: 2, high: 4 },
  lag_sigma: 1,
  cannibalization: { low: 0.1, likely: 0.2, high: 0.35 },
  ai_citation_share: 0,
  ai_lift: { low: 0, likely: 0.2, high: 0.4 },
};

export const b2bPlan: Plan = {
  spend: 20000,
  currency: "USD",
  cpc: { low: 5, likely: 8, high: 12 },
  cvr: { low: 0.01, likely: 0.02, high: 0.04 },
  lead_to_opportunity: { low: 0.1, likely: 0.2, high: 0.3 },
  win_rate: { low: 0.15, likely: 0.25, high: 0.35 },
  deal_value: { low: 20000, likely: 40000, high: 80000 },
  margin: 0.8,
  window_days: 30,
  lag_median_days: { low: 3, likely: 7, high: 14 },
  lag_sigma: 1.2,
  cannibalization: { low: 0.05, likely: 0.15, high: 0.3 },
  ai_citation_share: 0,
  ai_lift: { low: 0, likely: 0.2, high: 0.4 },
};

function reasons(plan: Plan, prefix: string) {
  return Object.keys(plan).map((field) => ({ field, value: "x", reason: `${prefix} reason for ${field}` }));
}

export const presets: Preset[] = [
  { id: "ecommerce", name: "E-commerce", description: "An online shop optimising for orders.", plan: ecommercePlan, assumptions: reasons(ecommercePlan, "Shop") },
  { id: "b2b_saas", name: "B2B SaaS (leads)", description: "A software company tracking leads.", plan: b2bPlan, assumptions: reasons(b2bPlan, "SaaS") },
];

const spread = (x: number): Spread => ({ p10: x * 0.6, p50: x, p90: x * 1.5 });

function layer(roas: number, spend: number, margin: number, conversions: number): LayerResult {
  return { conversions, revenue: roas * spend, roas, poas: roas * margin, cpa: spend / conversions };
}

const usd = (x: number) => `$${x.toLocaleString("en-US", { maximumFractionDigits: x >= 1000 ? 0 : 2, minimumFractionDigits: x >= 1000 ? 0 : 2 })}`;

/** The planner's money text for the layers below (US dollars), as `plan_report` writes it. */
function money(l: number[], spend: number): MoneyFigures {
  const conversions = [75, 75.25, 56.4, 59.8];
  const layer = (i: number) => ({
    revenue: usd(l[i] * spend),
    cpa: usd(spend / conversions[i]),
    per_one: usd(l[i]),
    revenue_spread: { p10: usd(l[i] * spend * 0.6), p50: usd(l[i] * spend), p90: usd(l[i] * spend * 1.5) },
  });
  const change = (x: number) => `${x < 0 ? "−" : "+"}${usd(Math.abs(x))}`;
  return {
    format: { currency: "USD", prefix: "$", decimals: 2 },
    one: "$1.00",
    spend: usd(spend),
    layers: { standard: layer(0), full_cycle: layer(1), incremental: layer(2), halo: layer(3) },
    waterfall: [usd(l[0] * spend), change((l[1] - l[0]) * spend), change((l[2] - l[1]) * spend), change((l[3] - l[2]) * spend), usd(l[3] * spend)],
  };
}

/** A report whose layers are l1..l4 ROAS on a $10,000 budget at 40 % margin. */
export function makeReport(l4: number, overrides: Partial<PlanReport> = {}, plan: Plan = ecommercePlan): PlanReport {
  const spend = 10000;
  const margin = 0.4;
  const l1 = 0.9;
  const l2 = 0.903;
  const l3 = 0.677;
  const layers = {
    standard: layer(l1, spend, margin, 75),
    full_cycle: layer(l2, spend, margin, 75.25),
    incremental: layer(l3, spend, margin, 56.4),
    halo: layer(l4, spend, margin, 59.8),
  };
  return {
    plan,
    point: {
      spend,
      clicks: 2500,
      impressions: null,
      cvr: 0.03,
      value_per_conversion: 120,
      margin,
      window_days: 30,
      f_in: 0.9966,
      implied_eventual_cvr: 0.0301,
      break_even_roas: 2.5,
      layers,
      waterfall: [
        { step: "standard", label: "L1 standard ROAS", is_total: true, roas: l1, revenue: l1 * spend, roas_after: l1, revenue_after: l1 * spend },
        { step: "blind_spot", label: "+ conversions after the attribution window", is_total: false, roas: l2 - l1, revenue: (l2 - l1) * spend, roas_after: l2, revenue_after: l2 * spend },
        { step: "cannibalization", label: "− conversions that would have happened anyway", is_total: false, roas: l3 - l2, revenue: (l3 - l2) * spend, roas_after: l3, revenue_after: l3 * spend },
        { step: "halo", label: "+ AI visibility lift", is_total: false, roas: l4 - l3, revenue: (l4 - l3) * spend, roas_after: l4, revenue_after: l4 * spend },
        { step: "halo_adjusted", label: "L4 halo-adjusted ROAS", is_total: true, roas: l4, revenue: l4 * spend, roas_after: l4, revenue_after: l4 * spend },
      ],
      reach: null,
    },
    simulation: {
      draws: 20000,
      seed: 2026,
      ranged_inputs: ["cpc", "cvr"],
      layers: {
        standard: { roas: spread(l1), poas: spread(l1 * margin), revenue: spread(l1 * spend), conversions: spread(75) },
        full_cycle: { roas: spread(l2), poas: spread(l2 * margin), revenue: spread(l2 * spend), conversions: spread(75) },
        incremental: { roas: spread(l3), poas: spread(l3 * margin), revenue: spread(l3 * spend), conversions: spread(56) },
        halo: { roas: spread(l4), poas: spread(l4 * margin), revenue: spread(l4 * spend), conversions: spread(60) },
      },
      break_even_roas: { p10: 2.5, p50: 2.5, p90: 2.5 },
      probability_clears_break_even: 0.04,
    },
    tornado: [
      { input: "cvr", low: 0.015, high: 0.05, l4_roas_at_low: l4 * 0.5, l4_roas_at_high: l4 * 1.6, swing: l4 * 1.1 },
      { input: "cpc", low: 3, high: 6, l4_roas_at_low: l4 * 1.3, l4_roas_at_high: l4 * 0.7, swing: l4 * 0.6 },
    ],
    assumptions: [],
    warnings: [
      { id: "below-break-even", level: "warning", title: "Below break-even", detail: "L4 ROAS is below 2.5.", remedy: "Raise the conversion rate." },
    ],
    money: money([l1, l2, l3, l4], spend),
    // What the planner says of these figures: below break-even with a 4 % chance to clear it.
    verdict:
      l4 >= 2.5
        ? { headline: "Pays for itself at the likely values (4.0 % chance)", tone: "warn", chance: 0.04, chance_tone: "bad" }
        : { headline: "Does not pay for itself", tone: "bad", chance: 0.04, chance_tone: "bad" },
    ...overrides,
  };
}

export function scenario(id: number, name: string, plan: Plan = ecommercePlan): SavedScenario {
  return { id, client_id: 1, name, plan, updated_at: "2026-03-01T10:00:00Z" };
}
