// Sample pixel data for the view tests.
import type { Funnel, JourneyCheck, JourneyReport, PixelEventSeen, PixelSummary, RunFunnel } from "../../bindings";
import { finding } from "../history/testData";

export const ECOMMERCE: Funnel = {
  id: "ecommerce",
  name: "E-commerce",
  required: ["page_viewed", "order_created"],
  recommended: ["items_added", "checkout_started"],
};

export const LEADS: Funnel = { id: "lead-generation", name: "Lead generation", required: ["page_viewed", "lead_created"], recommended: ["contents_viewed"] };

export function event(over: Partial<PixelEventSeen> = {}): PixelEventSeen {
  return {
    name: "page_viewed",
    standard: true,
    via: "measure",
    location: "inline script 1:3:5",
    problems: [],
    how: "static",
    firing: "certain",
    ...over,
  };
}

export function pixel(over: Partial<PixelSummary> = {}): PixelSummary {
  return {
    installed: true,
    methods: ["snippet"],
    pixel_ids: ["px_123"],
    standard_events: ["page_viewed"],
    events: [
      event(),
      event({ name: "Purchase", standard: false, location: "https://shop.example.com/app.js:10:2", problems: ["pixel-event-unknown"], how: "rendered" }),
    ],
    tag_managers: ["Google Tag Manager"],
    scripts_examined: 2,
    scripts_skipped: [],
    limits: ["2 of the page's own scripts could not be read."],
    vendor_events: [
      { platform: "meta", name: "Purchase", openai_equivalent: "order_created", openai_present: false, text: "fbq('track','Purchase')", location: "inline script 2:1:1" },
      { platform: "ga4", name: "page_view", openai_equivalent: "page_viewed", openai_present: true, text: "gtag('event','page_view')", location: "inline script 3:1:1" },
      { platform: "ga4", name: "sign_up", openai_present: false, text: "gtag('event','sign_up')", location: "inline script 3:2:1" },
    ],
    rendered: { state: "not_requested" },
    ...over,
  };
}

export function runFunnel(over: Partial<RunFunnel> = {}): RunFunnel {
  return {
    funnel: ECOMMERCE,
    coverage: {
      funnel: "ecommerce",
      present: ["page_viewed"],
      missing: [
        { event: "order_created", required: true },
        { event: "checkout_started", required: false },
      ],
      malformed: ["items_added"],
    },
    sources: [
      { event: "page_viewed", found_on: ["https://shop.example.com/sale (static)", "journey 3"] },
      { event: "items_added", found_on: ["https://shop.example.com/cart (rendered)"] },
    ],
    findings: [finding({ id: "funnel-event-missing", status: "warn", title: "E-commerce funnel: no `order_created` event found", remedy: "Send order_created on the confirmation page." })],
    pages_scanned: 2,
    pages_rendered: 1,
    journeys: 1,
    ...over,
  };
}

export function check(over: Partial<JourneyCheck> = {}): JourneyCheck {
  return { installed: true, pixel_ids: ["px_123"], events: [], findings: [], ...over };
}

export function journey(over: Partial<JourneyReport> = {}): JourneyReport {
  return {
    id: 3,
    start_url: "https://shop.example.com/sale",
    started_at: "2026-11-25T11:00:00Z",
    finished_at: "2026-11-25T11:04:00Z",
    pages_visited: ["https://shop.example.com/sale", "https://shop.example.com/cart"],
    installed: true,
    pixel_ids: ["px_123"],
    events: [event({ how: "rendered" }), event({ name: "items_added", how: "rendered", problems: ["pixel-currency-missing"] })],
    findings: [finding({ id: "pixel-currency-missing", status: "fail", title: "items_added has no currency" })],
    pixel_requests: 2,
    browser_version: "Chromium 131",
    calls: [],
    steps: [],
    ...over,
  };
}
