// A funnel event's state as a word with an icon (never colour alone), and one page's coverage.
import type { Coverage } from "../../bindings";
import { Badge } from "../../components/Bits";
import { EVENT_STATE, eventTone, type EventState } from "./words";
import "./pixel.css";

export function EventStateBadge({ state, required }: { state: EventState; required: boolean }) {
  const { label, icon } = EVENT_STATE[state];
  return (
    <Badge tone={eventTone(state, required)} testId="event-state">
      <span className="pixel-icon" aria-hidden="true">
        {icon}
      </span>
      {label}
    </Badge>
  );
}

export function OkBadge() {
  return (
    <Badge tone="good">
      <span className="pixel-icon" aria-hidden="true">
        ✓
      </span>
      OK
    </Badge>
  );
}

/** How one page alone covers the funnel: present, malformed, then missing events. */
export function PageCoverage({ coverage }: { coverage: Coverage }) {
  const rows: { event: string; state: EventState; required: boolean }[] = [
    ...coverage.present.map((event) => ({ event, state: "present" as const, required: true })),
    ...coverage.malformed.map((event) => ({ event, state: "malformed" as const, required: true })),
    ...coverage.missing.map((m) => ({ event: m.event, state: "missing" as const, required: m.required })),
  ];
  return (
    <ul className="pixel-chips" data-testid="page-coverage">
      {rows.map((r) => (
        <li key={`${r.state}-${r.event}`}>
          <code>{r.event}</code> <EventStateBadge state={r.state} required={r.required} />
          {r.state === "missing" && <span className="muted small">{r.required ? " needed" : " recommended"}</span>}
        </li>
      ))}
    </ul>
  );
}
