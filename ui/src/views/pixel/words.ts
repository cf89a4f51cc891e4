// The words the pixel views share: platforms, install methods, how an event was seen, whether it
// is sent, the browser check in one sentence, and the state of a funnel event. Pure functions.
import type { Coverage, Firing, Funnel, How, PixelInstall, RenderedCheck, VendorEventSeen } from "../../bindings";
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

/** Whether an event is sent: yes, only sometimes or it depends, or not at all. */
export type Sent = "sent" | "maybe" | "not_sent";

/**
 * Whether each event is sent, in words. `label` stands alone; `reason` (the scan's own words, when
 * it gives them) follows it, or `fallback` when it does not. Events that are not sent read so in
 * words and an icon, never colour alone.
 */
export const FIRING: Record<Firing, { label: string; fallback: string | null; sent: Sent; icon: string }> = {
  observed: { label: "Sent (seen in the browser)", fallback: null, sent: "sent", icon: "✓" },
  certain: { label: "Sent on load", fallback: null, sent: "sent", icon: "✓" },
  conditional: { label: "Sent only when something happens", fallback: "it is behind a condition the scan cannot check", sent: "maybe", icon: "?" },
  order_dependent: { label: "Depends on load order", fallback: "it may run before the pixel is set up", sent: "maybe", icon: "?" },
  consent_gated: { label: "Waits for consent", fallback: "its script runs only after the visitor agrees", sent: "maybe", icon: "?" },
  never: { label: "Never sent", fallback: "its code never runs", sent: "not_sent", icon: "✕" },
  noscript_image: { label: "Never sent", fallback: "only browsers with JavaScript turned off load it", sent: "not_sent", icon: "✕" },
  not_fired: { label: "In the code, never fired", fallback: "the browser did not send it when the page ran", sent: "not_sent", icon: "✕" },
};

/** The tone of a firing state: sent good, sometimes warn, not sent neutral (muted). */
export function firingTone(firing: Firing): Tone {
  const sent = (FIRING[firing] ?? FIRING.certain).sent;
  return sent === "sent" ? "good" : sent === "maybe" ? "warn" : "neutral";
}

/**
 * One event's firing in words: "Sent on load", "Never sent: it is inside an HTML comment",
 * "Sent only when something happens: inside a listener for “submit”". An unknown value reads as
 * the value itself.
 */
export function firingWords(firing: Firing | undefined, reason?: string | null): { label: string; detail: string | null; sent: Sent; icon: string } {
  const key = firing ?? "certain";
  const words = FIRING[key];
  if (!words) return { label: String(key), detail: reason?.trim() || null, sent: "maybe", icon: "?" };
  const detail = reason?.trim() || words.fallback;
  return { label: words.label, detail, sent: words.sent, icon: words.icon };
}

/** The firing of one event as one sentence, for text and accessible names. */
export function firingSentence(firing: Firing | undefined, reason?: string | null): string {
  const w = firingWords(firing, reason);
  if (!w.detail) return w.label;
  // A reason written as a sentence of its own follows the label as one.
  return /^[A-Z]/.test(w.detail) ? `${w.label}. ${w.detail}` : `${w.label}: ${w.detail}`;
}

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
