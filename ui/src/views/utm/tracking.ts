// OpenAI tracking templates (`query_string_template`): the levels that can carry one, the macros
// OpenAI documents, and how the template fields become the check's argument. Pure functions.
import type { TemplateLevel, TrackingTemplates } from "../../bindings";

/** One text per level, as typed. */
export type TemplateFields = Record<TemplateLevel, string>;

export const NO_TEMPLATES: TemplateFields = { ad_account: "", campaign: "", ad_group: "", ad: "" };

/** From the most general to the most specific; a more specific level wins. */
export const LEVELS: { id: TemplateLevel; label: string; help: string }[] = [
  {
    id: "ad_account",
    label: "Ad account",
    help: "Added to every ad in the account, unless a campaign, ad group or ad sets the same parameter.",
  },
  {
    id: "campaign",
    label: "Campaign",
    help: "Added to every ad in the campaign; wins over the ad account's template.",
  },
  {
    id: "ad_group",
    label: "Ad group",
    help: "Added to the ads in the ad group; wins over the campaign's and the ad account's.",
  },
  {
    id: "ad",
    label: "Ad",
    help: "Added to this ad only; wins over every other template.",
  },
];

export const LEVEL_LABEL: Record<TemplateLevel, string> = {
  ad_account: "Ad account",
  campaign: "Campaign",
  ad_group: "Ad group",
  ad: "Ad",
};

/**
 * The macros OpenAI documents for tracking templates and fills in on every click
 * (https://developers.openai.com/ads/campaign-management).
 */
export const OPENAI_MACROS: { name: string; text: string; meaning: string }[] = [
  { name: "campaign_id", text: "{campaign_id}", meaning: "the id of the campaign the ad belongs to" },
  { name: "ad_id", text: "{ad_id}", meaning: "the id of the ad that was clicked" },
  { name: "oppref", text: "{oppref}", meaning: "OpenAI's click reference for this click" },
];

/** The templates to send: trimmed, blank levels left out; `undefined` when none is set. */
export function templatesToSend(fields: TemplateFields): TrackingTemplates | undefined {
  const out: TrackingTemplates = {};
  for (const { id } of LEVELS) {
    const t = fields[id].trim();
    if (t) out[id] = t;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** How many levels have a template. */
export function templateCount(fields: TemplateFields): number {
  return LEVELS.filter(({ id }) => fields[id].trim() !== "").length;
}

/** Findings about the templates themselves (they arrive with the findings about the set). */
export function isTemplateFinding(id: string): boolean {
  return id.startsWith("template-");
}

/** One `name=value` pair of a tracking template: a macro as written, a plain value %-encoded. */
export function templatePair(name: string, value: { macro: string } | { text: string }): string {
  return "macro" in value ? `${name}={${value.macro}}` : `${name}=${encodeURIComponent(value.text)}`;
}
