// The monitoring form's fields and the schedule they make. Pure functions, unit tested.
import type { ScheduleConfig, Weekday } from "../../bindings";

export type Every = "day" | "week" | "hours";

/** What the form holds while the user fills it in. */
export type ScheduleDraft = {
  every: Every;
  /** "HH:MM", as an `<input type="time">` gives it. */
  time: string;
  weekday: Weekday;
  /** As typed; checked when saving. */
  hours: string;
  pages: "all" | "only";
  urls: string[];
  rendered: boolean;
  /** Kept from a schedule being edited; a new one uses the client's default funnel. */
  funnel: string | null;
};

export const WEEKDAYS: { id: Weekday; label: string }[] = [
  { id: "monday", label: "Monday" },
  { id: "tuesday", label: "Tuesday" },
  { id: "wednesday", label: "Wednesday" },
  { id: "thursday", label: "Thursday" },
  { id: "friday", label: "Friday" },
  { id: "saturday", label: "Saturday" },
  { id: "sunday", label: "Sunday" },
];

export const NEW_DRAFT: ScheduleDraft = {
  every: "day",
  time: "09:00",
  weekday: "monday",
  hours: "6",
  pages: "all",
  urls: [],
  rendered: false,
  funnel: null,
};

const two = (n: number) => String(n).padStart(2, "0");

/** The form filled in from a saved schedule, for editing it. */
export function draftFromConfig(config: ScheduleConfig): ScheduleDraft {
  const c = config.cadence;
  return {
    ...NEW_DRAFT,
    every: c.every,
    time: c.every === "hours" ? NEW_DRAFT.time : `${two(c.hour)}:${two(c.minute)}`,
    weekday: c.every === "week" ? c.weekday : NEW_DRAFT.weekday,
    hours: c.every === "hours" ? String(c.hours) : NEW_DRAFT.hours,
    pages: config.pages.choice,
    urls: config.pages.choice === "only" ? config.pages.urls : [],
    rendered: config.rendered,
    funnel: config.funnel,
  };
}

/**
 * The schedule the form describes, in this computer's time zone, or the reason it cannot be
 * saved yet, in words for the user.
 */
export function configFromDraft(draft: ScheduleDraft, utcOffsetMinutes: number): ScheduleConfig | string {
  const pages: ScheduleConfig["pages"] = draft.pages === "all" ? { choice: "all" } : { choice: "only", urls: draft.urls };
  if (draft.pages === "only" && draft.urls.length === 0) return "Tick at least one page, or choose All pages.";
  let cadence: ScheduleConfig["cadence"];
  if (draft.every === "hours") {
    const hours = Number(draft.hours);
    if (!Number.isInteger(hours) || hours < 1 || hours > 168) return "Give a number of hours from 1 to 168 (one week).";
    cadence = { every: "hours", hours };
  } else {
    const time = /^(\d{1,2}):(\d{2})/.exec(draft.time);
    const hour = time ? Number(time[1]) : NaN;
    const minute = time ? Number(time[2]) : NaN;
    if (!time || hour > 23 || minute > 59) return "Give a time of day, such as 09:00.";
    cadence = draft.every === "day" ? { every: "day", hour, minute } : { every: "week", weekday: draft.weekday, hour, minute };
  }
  return { cadence, utc_offset_minutes: utcOffsetMinutes, pages, funnel: draft.funnel, rendered: draft.rendered };
}

/** Minutes east of UTC on this computer now (what the schedule's times of day are meant in). */
export function localUtcOffsetMinutes(): number {
  // `|| 0`: UTC itself is 0, not -0.
  return -new Date().getTimezoneOffset() || 0;
}
