// The words the pixel views share: platforms, install methods, how an event was seen, the
// browser check in one sentence, and the state of a funnel event. Pure functions.
import type { Coverage, Funnel, How, PixelInstall, RenderedCheck, VendorEventSeen } from "../../bindings";
import type { Tone } from "../../format";
import { plural } from "../../format";

const PLATFORM_LABEL: Record<string, string> = {
  meta: "Meta",
  ga4: "Google Analytics 4",
  google_ads: "Google Ads",
};

export function platformLabel(platform: string): string {
  return PLATFORM_LABEL[platform] ?? platform;
}

export const INSTALL_LABEL: Record<PixelInstall, string> = {
  snippet: "the OpenAI snippet in the page",
  sdk_script: "the SDK script tag",
  image_tag: "an image tag",
  tag_manager: "a tag manager",
};

export const HOW_LABEL: Record<How, string> = {
  static: "In the page code",
  rendered: "When the page ran",
};

/** The browser check of one page, in plain words. */
export function renderedSentence(r: RenderedCheck): string {
  switch (r.state) {
    case "not_requested":
      return "Static scan only: the page's code was read but not run in a browser. The browser check also finds pixels that a tag manager adds.";
    case "not_run":
      return `The browser check did not run: ${r.reason}`;
    case "failed":
      return `The browser check failed: ${r.message}`;
    case "ran": {
      const parts = [`Ran in ${r.browser_version || "a browser"}: ${plural(r.calls, "pixel call", "pixel calls")} recorded`];
      if (r.pixel_requests > 0) parts.push(`${plural(r.pixel_requests, "request", "requests")} to OpenAI answered on this computer`);
      if (r.console_errors > 0) parts.push(`${plural(r.console_errors, "script error", "script errors")} on the page`);
      let sentence = parts.join(", ") + ".";
      if (r.timed_out) sentence += " The page did not finish loading in time, so only what ran until then was recorded.";
      return sentence;
    }
  }
}

/** "sent too", "not sent on this page" or "no OpenAI standard event". */
export function vendorState(v: VendorEventSeen): { text: string; tone: Tone } {
  if (!v.openai_equivalent) return { text: "no OpenAI standard event", tone: "neutral" };
  return v.openai_present ? { text: "sent too", tone: "good" } : { text: "not sent on this page", tone: "warn" };
}

export type EventState = "present" | "missing" | "malformed";

export const EVENT_STATE: Record<EventState, { label: string; icon: string }> = {
  present: { label: "Present", icon: "✓" },
  missing: { label: "Missing", icon: "✕" },
  malformed: { label: "Malformed", icon: "!" },
};

export function eventState(coverage: Coverage, event: string): EventState {
  if (coverage.present.includes(event)) return "present";
  if (coverage.malformed.includes(event)) return "malformed";
  return "missing";
}

export function eventTone(state: EventState, required: boolean): Tone {
  if (state === "present") return "good";
  if (state === "malformed") return "bad";
  return required ? "bad" : "warn";
}

/** The funnel's events, needed first, then recommended. */
export function funnelEvents(funnel: Funnel): { event: string; required: boolean }[] {
  return [
    ...funnel.required.map((event) => ({ event, required: true })),
    ...funnel.recommended.filter((e) => !funnel.required.includes(e)).map((event) => ({ event, required: false })),
  ];
}

/** "https://… (static)" → the URL and how; "journey 2" → "Journey 2". */
export function foundOnLabel(place: string): { where: string; how: string | null } {
  const m = /^(.*) \((static|rendered)\)$/.exec(place);
  if (m) return { where: m[1], how: HOW_LABEL[m[2] as How].toLowerCase() };
  if (/^journey \d+$/.test(place)) return { where: `Journey ${place.slice(8)}`, how: null };
  return { where: place, how: null };
}
