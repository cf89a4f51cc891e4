// The four layers in plain words, shared by the charts, the tables and the comparison.
import type { PerLayer, WaterfallStepKind } from "../../bindings";

export type LayerKey = keyof PerLayer<unknown>;

export type LayerInfo = { key: LayerKey; code: string; name: string; explain: (windowDays: number) => string };

function days(w: number): string {
  return Number.isFinite(w) ? `${Number(w.toFixed(1))}` : "30";
}

export const LAYERS: LayerInfo[] = [
  {
    key: "standard",
    code: "L1",
    name: "Standard ROAS",
    explain: (w) => `What Ads Manager will show: revenue from the conversions the pixel credits within ${days(w)} days of the click, per unit of ad spend.`,
  },
  {
    key: "full_cycle",
    code: "L2",
    name: "Full-cycle ROAS",
    explain: (w) => `Adds the people who buy after the ${days(w)}-day window has closed, which the pixel never sees (the sales-cycle blind spot).`,
  },
  {
    key: "incremental",
    code: "L3",
    name: "Incremental ROAS",
    explain: () => "Takes out the sales that would have happened without the ad (cannibalization).",
  },
  {
    key: "halo",
    code: "L4",
    name: "Halo-adjusted ROAS",
    explain: () => "Adds the lift from your brand being cited in AI answers. This is the number to decide on.",
  },
];

/** Short names for the waterfall's rows. */
export const STEP_NAME: Record<WaterfallStepKind, string> = {
  standard: "L1 Ads Manager shows",
  blind_spot: "Buy after the window",
  cannibalization: "Would have bought anyway",
  halo: "AI visibility lift",
  halo_adjusted: "L4 Real return",
};

export const STEP_EXPLAIN: Record<WaterfallStepKind, string> = {
  standard: "Standard ROAS, as the ad platform reports it.",
  blind_spot: "Conversions after the attribution window, added back.",
  cannibalization: "Sales that would have happened anyway, taken out.",
  halo: "Extra return from being cited in AI answers.",
  halo_adjusted: "Halo-adjusted ROAS: the number to decide on.",
};
