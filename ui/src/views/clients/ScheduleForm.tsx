// The form that sets up or changes a client's monitoring schedule: how often, at what time,
// which pages, and whether each page is also run in a browser.
import { useId } from "react";
import type { LandingPage, Weekday } from "../../bindings";
import { type Every, type ScheduleDraft, WEEKDAYS } from "./schedule";

const EVERY: { id: Every; label: string }[] = [
  { id: "day", label: "Every day" },
  { id: "week", label: "Every week" },
  { id: "hours", label: "Every N hours" },
];

/** "UTC+02:00" for minutes east of UTC. */
export function offsetLabel(minutes: number): string {
  const sign = minutes < 0 ? "−" : "+";
  const m = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

export function ScheduleForm(props: {
  draft: ScheduleDraft;
  onChange: (draft: ScheduleDraft) => void;
  pages: LandingPage[];
  utcOffsetMinutes: number;
  saving: boolean;
  onSave: () => void;
  /** Shown when an existing schedule is being edited. */
  onCancel?: () => void;
}) {
  const ids = useId();
  const { draft } = props;
  const set = (change: Partial<ScheduleDraft>) => props.onChange({ ...draft, ...change });
  const toggleUrl = (url: string, on: boolean) =>
    set({ urls: on ? [...draft.urls.filter((u) => u !== url), url] : draft.urls.filter((u) => u !== url) });

  return (
    <form
      className="monitor-form"
      data-testid="monitor-form"
      // The fields are checked on saving, with a message in words rather than the browser's own.
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        props.onSave();
      }}
    >
      <div className="monitor-fields">
        <div className="monitor-field">
          <label htmlFor={`${ids}-every`}>How often</label>
          <select
            id={`${ids}-every`}
            data-testid="monitor-every"
            value={draft.every}
            onChange={(e) => set({ every: e.target.value as Every })}
          >
            {EVERY.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        {draft.every === "week" && (
          <div className="monitor-field">
            <label htmlFor={`${ids}-weekday`}>Day</label>
            <select
              id={`${ids}-weekday`}
              data-testid="monitor-weekday"
              value={draft.weekday}
              onChange={(e) => set({ weekday: e.target.value as Weekday })}
            >
              {WEEKDAYS.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.label}
                </option>
              ))}
            </select>
          </div>
        )}
        {draft.every === "hours" ? (
          <div className="monitor-field">
            <label htmlFor={`${ids}-hours`}>Hours between runs</label>
            <input
              id={`${ids}-hours`}
              data-testid="monitor-hours"
              type="number"
              min={1}
              max={168}
              step={1}
              value={draft.hours}
              onChange={(e) => set({ hours: e.target.value })}
            />
          </div>
        ) : (
          <div className="monitor-field">
            <label htmlFor={`${ids}-time`}>Time of day</label>
            <input
              id={`${ids}-time`}
              data-testid="monitor-time"
              type="time"
              value={draft.time}
              aria-describedby={`${ids}-zone`}
              onChange={(e) => set({ time: e.target.value })}
            />
          </div>
        )}
      </div>
      {draft.every !== "hours" && (
        <p id={`${ids}-zone`} className="muted small">
          In this computer&apos;s time zone ({offsetLabel(props.utcOffsetMinutes)}).
        </p>
      )}

      <fieldset className="monitor-pages">
        <legend>Pages</legend>
        <div className="monitor-choice">
          <label className="check-row">
            <input
              type="radio"
              name={`${ids}-pages`}
              data-testid="monitor-pages-all"
              checked={draft.pages === "all"}
              onChange={() => set({ pages: "all" })}
            />
            <span>All pages (pages added later are included)</span>
          </label>
          <label className="check-row">
            <input
              type="radio"
              name={`${ids}-pages`}
              data-testid="monitor-pages-only"
              checked={draft.pages === "only"}
              disabled={props.pages.length === 0}
              onChange={() => set({ pages: "only" })}
            />
            <span>Only some</span>
          </label>
        </div>
        {draft.pages === "only" && (
          <ul className="monitor-page-list" aria-label="Pages to monitor">
            {props.pages.map((p) => (
              <li key={p.id}>
                <label className="check-row">
                  <input
                    type="checkbox"
                    data-testid="monitor-page"
                    checked={draft.urls.includes(p.url)}
                    onChange={(e) => toggleUrl(p.url, e.target.checked)}
                  />
                  <span className="url">{p.url}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>

      <label className="check-row">
        <input
          type="checkbox"
          data-testid="monitor-rendered"
          checked={draft.rendered}
          onChange={(e) => set({ rendered: e.target.checked })}
        />
        <span>Rendered check: also open each page in a browser (finds pixels added by tag managers; slower)</span>
      </label>

      <div className="monitor-actions">
        <button className="button button-primary" data-testid="monitor-save" disabled={props.saving}>
          {props.saving ? "Saving…" : "Save schedule"}
        </button>
        {props.onCancel && (
          <button type="button" className="button" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
