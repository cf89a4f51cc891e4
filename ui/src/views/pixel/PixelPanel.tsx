// The OpenAI pixel on one page: installed or not, the browser check in one sentence, and on
// request the events, the Meta and Google events next to them, the page's funnel coverage, tag
// managers and what the scan could not see. Everything taken from the page is shown as text.
import { useId, useState } from "react";
import type { Finding, PixelSummary, VendorEventSeen } from "../../bindings";
import { Badge } from "../../components/Bits";
import { plural } from "../../format";
import { PageCoverage } from "./EventState";
import { EventsTable } from "./EventsTable";
import { INSTALL_LABEL, platformLabel, renderedSentence, vendorState } from "./words";
import "./pixel.css";

export function PixelPanel({ pixel, findings }: { pixel: PixelSummary | undefined; findings: Finding[] }) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();

  if (!pixel)
    return (
      <p className="muted small pixel-none" data-testid="pixel-panel">
        OpenAI pixel: not checked on this page (it did not load in the browser, or the audit was made before pixel checks).
      </p>
    );

  const withProblems = pixel.events.filter((e) => e.problems.length > 0).length;
  const browserRan = pixel.rendered.state === "ran";

  return (
    <section className="pixel-panel" data-testid="pixel-panel" aria-label="OpenAI pixel">
      <div className="pixel-head">
        <h3>OpenAI pixel</h3>
        {pixel.installed ? (
          <Badge tone="good" testId="pixel-installed">
            Installed
          </Badge>
        ) : (
          <Badge tone={pixel.tag_managers.length > 0 && !browserRan ? "warn" : "bad"} testId="pixel-installed">
            Not found
          </Badge>
        )}
        <span className="muted small">
          {plural(pixel.events.length, "event", "events")}
          {withProblems > 0 && `, ${withProblems} with problems`}
        </span>
      </div>

      {pixel.installed && (pixel.pixel_ids.length > 0 || pixel.methods.length > 0) && (
        <p className="small pixel-install">
          {pixel.pixel_ids.length > 0 && (
            <>
              Pixel ID{pixel.pixel_ids.length > 1 ? "s" : ""}{" "}
              {pixel.pixel_ids.map((id, i) => (
                <span key={id}>
                  {i > 0 && ", "}
                  <code>{id}</code>
                </span>
              ))}
            </>
          )}
          {pixel.methods.length > 0 &&
            `${pixel.pixel_ids.length > 0 ? ", installed" : "Installed"} with ${pixel.methods.map((m) => INSTALL_LABEL[m] ?? m).join(" and ")}`}
          .
        </p>
      )}

      <p className="small pixel-rendered" data-testid="rendered-check">
        {renderedSentence(pixel.rendered)}
      </p>

      <button className="link-button small" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen((o) => !o)}>
        {open ? "Hide pixel details" : "Show pixel details"}
      </button>

      {open && (
        <div id={detailsId} className="pixel-details">
          <h4>Events</h4>
          {pixel.events.length === 0 ? (
            <p className="muted small">No OpenAI pixel event was found on this page.</p>
          ) : (
            <EventsTable events={pixel.events} findings={findings} label="OpenAI pixel events on this page" />
          )}

          {pixel.vendor_events.length > 0 && (
            <>
              <h4>Meta and Google events on this page</h4>
              <ul className="pixel-vendor-list" data-testid="vendor-events">
                {pixel.vendor_events.map((v, i) => (
                  <VendorLine key={`${v.platform}-${v.name}-${i}`} event={v} />
                ))}
              </ul>
            </>
          )}

          {pixel.funnel && (
            <>
              <h4>This page and the funnel</h4>
              <p className="muted small">Which of the funnel's events this page sends on its own (the funnel card pools every page).</p>
              <PageCoverage coverage={pixel.funnel} />
            </>
          )}

          {pixel.tag_managers.length > 0 && (
            <p className="small" data-testid="tag-managers">
              <strong>Tag managers seen: </strong>
              {pixel.tag_managers.join(", ")}
              {!browserRan && <span className="muted"> (they can add the pixel when the page runs, which only the browser check sees)</span>}
            </p>
          )}

          {pixel.limits.length > 0 && (
            <div className="pixel-notes">
              <h4>Notes</h4>
              <ul className="muted small">
                {pixel.limits.map((l) => (
                  <li key={l}>{l}</li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

function VendorLine({ event }: { event: VendorEventSeen }) {
  const state = vendorState(event);
  return (
    <li>
      <span className="pixel-vendor-text">
        {platformLabel(event.platform)} <code>{event.name}</code> →{" "}
        {event.openai_equivalent ? (
          <>
            <code>{event.openai_equivalent}</code>:{" "}
          </>
        ) : null}
        <Badge tone={state.tone}>{state.text}</Badge>
      </span>
      {event.location && <span className="muted small pixel-location"> {event.location}</span>}
    </li>
  );
}
