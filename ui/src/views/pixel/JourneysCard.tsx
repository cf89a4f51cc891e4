// Journeys: a visible browser opens on a landing page, the user clicks through the funnel, and
// each pixel event is checked as it fires. Saved journeys are kept with the audit and count in
// its funnel coverage. Everything the pages send is shown as text.
import { type RefObject, useCallback, useEffect, useId, useRef, useState } from "react";
import { api, onJourneyUpdate } from "../../api";
import type { AuditReport, BrowserStatus, JourneyCheck, JourneyEvent, JourneyReport, JourneyUpdate } from "../../bindings";
import { Badge } from "../../components/Bits";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { useToast } from "../../components/Toast";
import { formatDate, plural, sortFindings } from "../../format";
import { FindingItem } from "../../components/FindingItem";
import { OkBadge } from "./EventState";
import { EventName, EventProblems, EventsTable } from "./EventsTable";
import { type Replayer, ReplayControls, ReplayOutcome, useReplay } from "./JourneyReplay";
import "./pixel.css";

/** Steps kept on screen; older ones are counted only. */
const TIMELINE_MAX = 300;

type Step =
  | { id: number; kind: "page"; url: string }
  | { id: number; kind: "event"; index: number }
  | { id: number; kind: "call"; command: string; name: string | null }
  | { id: number; kind: "beacon"; url: string }
  | { id: number; kind: "closed" };

type Live = {
  startUrl: string;
  steps: Step[];
  dropped: number;
  nextId: number;
  check: JourneyCheck;
  /** Events in `check` already placed on the timeline. */
  placed: number;
};

const EMPTY_CHECK: JourneyCheck = { installed: false, pixel_ids: [], events: [], findings: [] };

const newLive = (startUrl: string): Live => ({ startUrl, steps: [], dropped: 0, nextId: 1, check: EMPTY_CHECK, placed: 0 });

/** The event name of a `measure` call, when its first argument is a string. */
function callEventName(argsJson: string): string | null {
  try {
    const args: unknown = JSON.parse(argsJson);
    return Array.isArray(args) && typeof args[0] === "string" ? args[0] : null;
  } catch {
    return null;
  }
}

/** The timeline after one more thing happened in the browser. */
function advance(live: Live, event: JourneyEvent, check: JourneyCheck): Live {
  let nextId = live.nextId;
  const added: Step[] = [];
  let placed = Math.min(live.placed, check.events.length);
  switch (event.kind) {
    case "page_visited":
      added.push({ id: nextId++, kind: "page", url: event.url });
      break;
    case "pixel_request":
      added.push({ id: nextId++, kind: "beacon", url: event.request.url });
      break;
    case "browser_closed":
      added.push({ id: nextId++, kind: "closed" });
      break;
    case "call":
      if (check.events.length <= placed)
        added.push({ id: nextId++, kind: "call", command: event.call.command, name: callEventName(event.call.args_json) });
      break;
  }
  // Every event the checks now know about and the timeline does not show yet.
  for (; placed < check.events.length; placed++) added.push({ id: nextId++, kind: "event", index: placed });
  const all = [...live.steps, ...added];
  const over = Math.max(0, all.length - TIMELINE_MAX);
  return { ...live, steps: over ? all.slice(over) : all, dropped: live.dropped + over, nextId, check, placed };
}

export function JourneysCard(props: { auditId: number; report: AuditReport; onReport: (r: AuditReport) => void }) {
  const { auditId, report, onReport } = props;
  const toast = useToast();
  const [browser, setBrowser] = useState<BrowserStatus | null>(null);
  const [url, setUrl] = useState(report.pages[0]?.url ?? "");
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const [live, setLive] = useState<Live | null>(null);
  const [ending, setEnding] = useState<"finish" | "discard" | null>(null);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const startRef = useRef<HTMLButtonElement>(null);
  const urlRef = useRef<HTMLInputElement>(null);
  const finishRef = useRef<HTMLButtonElement>(null);
  const ids = useId();

  const reload = useCallback(async () => {
    try {
      onReport(await api.getAudit(auditId));
    } catch (e) {
      toast((e as { message: string }).message, { tone: "error" });
    }
  }, [auditId, onReport, toast]);

  useEffect(() => {
    let alive = true;
    api.browserStatus().then(
      (b) => alive && setBrowser(b),
      () => alive && setBrowser(null),
    );
    return () => {
      alive = false;
    };
  }, []);

  // Updates for this audit's journey, including one started before this view was opened.
  const handlers = useRef({ reload, toast });
  useEffect(() => {
    handlers.current = { reload, toast };
  }, [reload, toast]);
  useEffect(() => {
    let alive = true;
    const unlisten = onJourneyUpdate((u: JourneyUpdate) => {
      if (!alive || u.run_id !== auditId) return;
      switch (u.kind) {
        case "event":
          setLive((l) => advance(l ?? newLive(""), u.event, u.check));
          break;
        case "saved":
          setLive(null);
          setEnding(null);
          handlers.current.toast("Journey saved");
          void handlers.current.reload();
          break;
        case "discarded":
          setLive(null);
          setEnding(null);
          handlers.current.toast("Journey discarded");
          break;
        case "failed":
          setLive(null);
          setEnding(null);
          setError({ code: u.error.code, message: `The journey could not be saved: ${u.error.message}` });
          break;
      }
    });
    return () => {
      alive = false;
      void unlisten.then((f) => f()).catch(() => {});
    };
  }, [auditId]);

  // Keyboard focus follows the journey: to Finish while it runs, back to Start after.
  const isLive = live !== null;
  const wasLive = useRef(false);
  useEffect(() => {
    if (isLive) finishRef.current?.focus();
    else if (wasLive.current) startRef.current?.focus();
    wasLive.current = isLive;
  }, [isLive]);

  // After a failure, back to the address so it can be corrected or tried again.
  useEffect(() => {
    if (error) urlRef.current?.focus();
  }, [error]);

  const start = async () => {
    const target = url.trim();
    setStarting(true);
    setError(null);
    try {
      await api.startJourney(auditId, target);
      setLive((l) => (l ? { ...l, startUrl: l.startUrl || target } : newLive(target)));
    } catch (e) {
      const err = e as { code: string; message: string };
      setError({ code: err.code, message: err.message });
    } finally {
      setStarting(false);
    }
  };

  const end = async (how: "finish" | "discard") => {
    setConfirmDiscard(false);
    setEnding(how);
    try {
      await (how === "finish" ? api.finishJourney() : api.discardJourney());
    } catch (e) {
      // Nothing is open any more (the browser was closed meanwhile, or the app restarted).
      setEnding(null);
      setLive(null);
      setError({ code: (e as { code: string }).code, message: (e as { message: string }).message });
    }
  };

  // A journey opened elsewhere blocks a new one: offer to end it from here.
  const endOther = async (how: "finish" | "discard") => {
    try {
      await (how === "finish" ? api.finishJourney() : api.discardJourney());
      setError(null);
    } catch (e) {
      setError({ code: (e as { code: string }).code, message: (e as { message: string }).message });
    }
  };

  const remove = async (j: JourneyReport) => {
    try {
      await api.deleteJourney(j.id);
      await reload();
      toast("Deleted the journey.", {
        action: {
          label: "Undo",
          run: () => {
            api.restoreJourney(j.id).then(reload, (e) => toast(e.message, { tone: "error" }));
          },
        },
      });
    } catch (e) {
      toast((e as { message: string }).message, { tone: "error" });
    }
  };

  // A replay is saved as a new journey of this audit, next to the journey it replayed.
  const replayer = useReplay({
    onSaved: (r) => {
      if (r.replay?.complete) toast(`Replay saved as journey ${r.id}: every step worked.`);
      else toast(`Replay saved as journey ${r.id}: the journey no longer works as recorded.`, { tone: "error" });
      void reload();
    },
    onError: (message) => toast(message, { tone: "error" }),
  });

  const noBrowser = browser !== null && !browser.found;

  return (
    <section className="card journeys-card" data-testid="journeys" aria-labelledby={`${ids}-title`}>
      <div className="card-header">
        <h2 id={`${ids}-title`}>Journeys</h2>
        <span className="muted small">{plural(report.journeys.length, "saved journey", "saved journeys")}</span>
      </div>
      <p className="small">
        A browser window opens on the page. Click through the funnel as a customer would — add to cart, check out, fill
        the form — and each pixel event is checked as it fires. Nothing is sent to OpenAI. Your clicks and what you
        type into forms are kept so the journey can be replayed later (passwords and card details never are): use test
        details.
      </p>

      {live ? (
        <LivePanel
          live={live}
          ending={ending}
          finishRef={finishRef}
          onFinish={() => void end("finish")}
          onDiscard={() => setConfirmDiscard(true)}
        />
      ) : noBrowser ? (
        <p className="pixel-browser-missing small" data-testid="journey-no-browser">
          {browser.message ?? "No Chrome or Chromium browser was found on this computer."}
        </p>
      ) : (
        <form
          className="journey-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!starting && url.trim()) void start();
          }}
        >
          <label className="field-label" htmlFor={`${ids}-url`}>
            Start page
          </label>
          <div className="field-row">
            <input
              ref={urlRef}
              id={`${ids}-url`}
              data-testid="journey-url"
              type="url"
              list={`${ids}-pages`}
              value={url}
              disabled={starting}
              onChange={(e) => setUrl(e.target.value)}
              placeholder="https://"
              aria-invalid={error?.code === "invalid_url" || undefined}
              aria-describedby={error ? `${ids}-error` : undefined}
            />
            <datalist id={`${ids}-pages`}>
              {report.pages.map((p) => (
                <option key={p.url} value={p.url} />
              ))}
            </datalist>
            <button
              ref={startRef}
              type="submit"
              className="button button-primary"
              data-testid="journey-start"
              disabled={starting || !url.trim()}
            >
              {starting ? "Opening the browser…" : "Start"}
            </button>
          </div>
          {starting && (
            <p className="muted small" role="status">
              Opening a browser window on the page; this can take a few seconds.
            </p>
          )}
        </form>
      )}

      {error && (
        <div className="journey-error" role="alert" id={`${ids}-error`} data-testid="journey-error">
          <p className="error-text small">{error.message}</p>
          {error.code === "journey_running" && (
            <div className="journey-actions">
              <button className="button button-small" onClick={() => void endOther("finish")}>
                Finish and save the open journey
              </button>
              <button className="button button-small button-danger-quiet" onClick={() => void endOther("discard")}>
                Discard the open journey
              </button>
            </div>
          )}
        </div>
      )}

      {report.journeys.length > 0 && (
        <ul className="journey-list" data-testid="journey-list">
          {report.journeys.map((j, i) => (
            <JourneyItem
              key={j.id || `n${i}`}
              journey={j}
              number={j.id > 0 ? j.id : i + 1}
              replayer={noBrowser ? null : replayer}
              onDelete={() => void remove(j)}
            />
          ))}
        </ul>
      )}

      {confirmDiscard && (
        <ConfirmDialog
          title="Discard this journey?"
          body="What it recorded is thrown away and the browser window closes. Nothing is saved."
          confirmLabel="Discard journey"
          danger
          onConfirm={() => void end("discard")}
          onCancel={() => setConfirmDiscard(false)}
        />
      )}
    </section>
  );
}

function LivePanel(props: {
  live: Live;
  ending: "finish" | "discard" | null;
  finishRef: RefObject<HTMLButtonElement | null>;
  onFinish: () => void;
  onDiscard: () => void;
}) {
  const { live, ending } = props;
  const { check } = live;
  const findings = sortFindings(check.findings);
  const problems = findings.filter((f) => f.status !== "pass" && f.status !== "not-applicable");
  return (
    <div className="journey-live" data-testid="journey-live" aria-live="polite">
      <div className="journey-live-head">
        <span className="journey-dot" aria-hidden="true" />
        <strong>Recording</strong>
        {live.startUrl && <span className="url">{live.startUrl}</span>}
      </div>
      <p className="small">
        {check.installed ? (
          <>
            <Badge tone="good">Pixel set up</Badge>{" "}
            {check.pixel_ids.map((id, i) => (
              <span key={id}>
                {i > 0 && ", "}
                <code>{id}</code>
              </span>
            ))}
          </>
        ) : (
          <span className="muted">No pixel set up yet.</span>
        )}
      </p>

      {live.steps.length === 0 ? (
        <p className="muted small">Waiting for the page… Click through the site in the browser window.</p>
      ) : (
        <ol className="journey-timeline" data-testid="journey-timeline">
          {live.dropped > 0 && <li className="muted small">{plural(live.dropped, "earlier step", "earlier steps")} not shown</li>}
          {live.steps.map((s) => (
            <TimelineStep key={s.id} step={s} check={check} />
          ))}
        </ol>
      )}

      <h4>{problems.length > 0 ? "Problems so far" : "No problems so far"}</h4>
      {problems.length > 0 && (
        <ul className="finding-list" data-testid="journey-findings">
          {problems.map((f, i) => (
            <FindingItem key={`${f.id}-${i}`} finding={f} />
          ))}
        </ul>
      )}

      <div className="journey-actions">
        <button
          ref={props.finishRef}
          className="button button-primary"
          data-testid="journey-finish"
          disabled={ending !== null}
          onClick={props.onFinish}
        >
          {ending === "finish" ? "Saving…" : "Finish and save"}
        </button>
        <button className="button button-danger-quiet" data-testid="journey-discard" disabled={ending !== null} onClick={props.onDiscard}>
          {ending === "discard" ? "Discarding…" : "Discard"}
        </button>
        <span className="muted small">Closing the browser window also finishes and saves the journey.</span>
      </div>
    </div>
  );
}

function TimelineStep({ step, check }: { step: Step; check: JourneyCheck }) {
  switch (step.kind) {
    case "page":
      return (
        <li className="journey-step" data-testid="journey-step">
          <span className="journey-step-kind">Page</span>
          <span className="url">{step.url}</span>
        </li>
      );
    case "event": {
      const event = check.events[step.index];
      if (!event) return null;
      return (
        <li className="journey-step" data-testid="journey-step">
          <span className="journey-step-kind">Event</span>
          <span>
            <EventName event={event} />
          </span>
          <EventProblems problems={event.problems} findings={check.findings} />
        </li>
      );
    }
    case "call":
      return (
        <li className="journey-step" data-testid="journey-step">
          <span className="journey-step-kind">Call</span>
          <span>
            {step.command === "init" ? "Pixel set up" : step.command === "consent" ? "Consent update" : <code>{step.command}</code>}
            {step.name && (
              <>
                {" "}
                <code>{step.name}</code>
              </>
            )}
          </span>
        </li>
      );
    case "beacon":
      return (
        <li className="journey-step" data-testid="journey-step">
          <span className="journey-step-kind">Beacon</span>
          <span>
            Request to OpenAI, answered on this computer <span className="url muted">{step.url}</span>
          </span>
        </li>
      );
    case "closed":
      return (
        <li className="journey-step" data-testid="journey-step">
          <span className="journey-step-kind">Closed</span>
          <span>The browser window was closed.</span>
        </li>
      );
  }
}

function JourneyItem(props: { journey: JourneyReport; number: number; replayer: Replayer | null; onDelete: () => void }) {
  const { journey, number, replayer, onDelete } = props;
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const withProblems = journey.events.filter((e) => e.problems.length > 0).length;
  const findings = sortFindings(journey.findings);
  const when = formatDate(journey.started_at);
  return (
    <li className="journey-item" data-testid="journey-item">
      <div className="journey-item-head">
        <div className="journey-item-title">
          <strong>
            Journey {number}
            {journey.replay && <span className="muted small"> · replay of journey {journey.replay.replay_of}</span>}
          </strong>
          <span className="url">{journey.start_url}</span>
          <span className="muted small">
            {when} · {plural(journey.pages_visited.length, "page", "pages")} visited · {plural(journey.events.length, "event", "events")}
            {withProblems > 0 && `, ${withProblems} with problems`}
          </span>
        </div>
        <div className="journey-item-actions">
          {replayer && journey.id > 0 && <ReplayControls journey={journey} number={number} replayer={replayer} />}
          <button className="button button-small button-danger-quiet" aria-label={`Delete journey ${number} (${when})`} onClick={onDelete}>
            Delete
          </button>
        </div>
      </div>
      {journey.replay && <ReplayOutcome replay={journey.replay} />}
      {journey.events.length > 0 ? (
        <ul className="pixel-chips">
          {journey.events.map((e, i) => (
            <li key={`${e.name}-${i}`}>
              <code>{e.name}</code>{" "}
              {e.problems.length === 0 ? (
                <OkBadge />
              ) : (
                <Badge tone="bad">
                  <span className="pixel-icon" aria-hidden="true">
                    ✕
                  </span>
                  {plural(e.problems.length, "problem", "problems")}
                </Badge>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">{journey.installed ? "The pixel was set up, but no event fired." : "No pixel was set up during this journey."}</p>
      )}
      <button className="link-button small" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen((o) => !o)}>
        {open ? "Hide details" : "Show details"}
      </button>
      {open && (
        <div id={detailsId} className="pixel-details">
          <h4>Pages visited</h4>
          {journey.pages_visited.length === 0 ? (
            <p className="muted small">None recorded.</p>
          ) : (
            <ol className="pixel-places">
              {journey.pages_visited.map((p, i) => (
                <li key={`${p}-${i}`} className="url">
                  {p}
                </li>
              ))}
            </ol>
          )}
          {journey.events.length > 0 && (
            <>
              <h4>Events</h4>
              <EventsTable events={journey.events} findings={journey.findings} label={`Events of journey ${number}`} />
            </>
          )}
          {findings.length > 0 && (
            <>
              <h4>Findings</h4>
              <ul className="finding-list">
                {findings.map((f, i) => (
                  <FindingItem key={`${f.id}-${i}`} finding={f} />
                ))}
              </ul>
            </>
          )}
          {journey.browser_version && <p className="muted small">Recorded in {journey.browser_version}.</p>}
        </div>
      )}
    </li>
  );
}
