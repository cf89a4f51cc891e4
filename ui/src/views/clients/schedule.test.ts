import { describe, expect, it } from "vitest";
import { configFromDraft, draftFromConfig, NEW_DRAFT } from "./schedule";

describe("the schedule a form describes", () => {
  it("is daily at 09:00 on all pages by default, in the given time zone", () => {
    expect(configFromDraft(NEW_DRAFT, 120)).toEqual({
      cadence: { every: "day", hour: 9, minute: 0 },
      utc_offset_minutes: 120,
      pages: { choice: "all" },
      funnel: null,
      rendered: false,
    });
  });

  it("refuses a missing time, an interval out of range and no page chosen", () => {
    expect(configFromDraft({ ...NEW_DRAFT, time: "" }, 0)).toMatch(/time of day/);
    expect(configFromDraft({ ...NEW_DRAFT, every: "hours", hours: "0" }, 0)).toMatch(/1 to 168/);
    expect(configFromDraft({ ...NEW_DRAFT, every: "hours", hours: "2.5" }, 0)).toMatch(/1 to 168/);
    expect(configFromDraft({ ...NEW_DRAFT, pages: "only", urls: [] }, 0)).toMatch(/at least one page/);
  });

  it("fills the form back in from a saved schedule", () => {
    const config = {
      cadence: { every: "week" as const, weekday: "friday" as const, hour: 7, minute: 5 },
      utc_offset_minutes: -300,
      pages: { choice: "only" as const, urls: ["https://a.example/"] },
      funnel: "ecommerce",
      rendered: true,
    };
    const draft = draftFromConfig(config);
    expect(draft.time).toBe("07:05");
    expect(configFromDraft(draft, -300)).toEqual(config);
  });
});
