// A funnel event's state and whether an event is sent, as words with an icon (never colour
// alone), and one page's coverage.
import type { Coverage, Firing } from "../../bindings";
import { Badge } from "../../components/Bits";
import { EVENT_STATE, eventTone, firingTone, firingWords, type EventState } from "./words";
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

/** Whether an event is sent, with the scan's reason under it when it gives one. */
export function FiringState({ firing, reason }: { firing: Firing | undefined; reason?: string | null }) {
  const w = firingWords(firing, reason);
  const detail = w.detail ? w.detail.charAt(0).toUpperCase() + w.detail.slice(1) : null;
  return (
    <span className={`pixel-firing pixel-firing-${w.sent}`} data-testid="event-firing" data-sent={w.sent}>
      <Badge tone={firing ? firingTone(firing) : "good"}>
        <span className="pixel-icon" aria-hidden="true">
          {w.icon}
        </span>
        {w.label}
      </Badge>
      {detail && <span className="muted small pixel-firing-why">{detail}</span>}
    </span>
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
