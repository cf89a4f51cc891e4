// The pixel events found on a page or during a journey: name, whether it is sent, how it was
// seen, where, and its problems (the ids of the findings raised against it) or OK. Everything is
// shown as text; an event that is not sent is muted and struck through, and says so in words.
import type { Finding, PixelEventSeen } from "../../bindings";
import { FiringState, OkBadge } from "./EventState";
import { firingWords, HOW_LABEL } from "./words";
import "./pixel.css";

export function EventName({ event }: { event: PixelEventSeen }) {
  const unsent = firingWords(event.firing, event.firing_reason).sent === "not_sent";
  return (
    <>
      <code className={unsent ? "pixel-unsent-name" : undefined}>{event.name}</code>
      {event.custom_event_name && <span className="muted small"> ({event.custom_event_name})</span>}
      {!event.standard && event.name !== "custom" && <span className="muted small"> not a standard OpenAI event</span>}
    </>
  );
}

export function EventProblems({ problems, findings }: { problems: string[]; findings: Finding[] }) {
  if (problems.length === 0) return <OkBadge />;
  return (
    <ul className="pixel-problems">
      {problems.map((id) => {
        const title = findings.find((f) => f.id === id)?.title;
        return (
          <li key={id}>
            <code>{id}</code>
            {title && <span className="muted small"> {title}</span>}
          </li>
        );
      })}
    </ul>
  );
}

export function EventsTable({ events, findings, label }: { events: PixelEventSeen[]; findings: Finding[]; label: string }) {
  return (
    <table className="data-table pixel-table" data-testid="pixel-events" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Event</th>
          <th scope="col">Sent?</th>
          <th scope="col">How found</th>
          <th scope="col">Where</th>
          <th scope="col">Problems</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e, i) => (
          <tr
            key={`${e.name}-${e.location}-${i}`}
            className={firingWords(e.firing, e.firing_reason).sent === "not_sent" ? "pixel-unsent" : undefined}
          >
            <td>
              <EventName event={e} />
            </td>
            <td>
              <FiringState firing={e.firing} reason={e.firing_reason} />
            </td>
            <td>{HOW_LABEL[e.how] ?? e.how}</td>
            <td className="pixel-location">{e.location}</td>
            <td>
              <EventProblems problems={e.problems} findings={findings} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
