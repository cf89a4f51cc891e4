// The audit's conversion funnel: which of its events the pages (and recorded journeys) send,
// pooled over the whole audit. Choosing another funnel re-reads the saved audit at once.
import { useEffect, useId, useRef, useState } from "react";
import { api } from "../../api";
import type { AuditReport, Funnel, RunFunnel } from "../../bindings";
import { Badge } from "../../components/Bits";
import { plural, sortFindings } from "../../format";
import { FindingItem } from "../../components/FindingItem";
import { EventStateBadge } from "./EventState";
import { eventState, foundOnLabel, funnelEvents } from "./words";
import "./pixel.css";

export function FunnelCard(props: { auditId: number; report: AuditReport; onReport: (r: AuditReport) => void }) {
  const [funnels, setFunnels] = useState<Funnel[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const selectId = useId();
  const current = props.report.funnel;
  // Only the answer to the latest choice is shown.
  const latest = useRef(0);

  useEffect(() => {
    let live = true;
    api.listFunnels().then(
      (f) => live && setFunnels(f),
      () => live && setFunnels([]),
    );
    return () => {
      live = false;
    };
  }, []);

  // The audit's funnel stays choosable even if the list could not be read.
  const choices = funnels ?? [];
  const options = current && !choices.some((f) => f.id === current.funnel.id) ? [current.funnel, ...choices] : choices;

  const choose = async (id: string) => {
    const mine = ++latest.current;
    setBusy(true);
    setError(null);
    try {
      const answer = await api.setAuditFunnel(props.auditId, id || null);
      if (mine === latest.current) props.onReport(answer);
    } catch (e) {
      if (mine === latest.current) setError(`The funnel could not be changed: ${(e as { message: string }).message}`);
    } finally {
      if (mine === latest.current) setBusy(false);
    }
  };

  return (
    <section className="card funnel-card" data-testid="funnel-coverage" aria-labelledby={`${selectId}-title`}>
      <div className="card-header">
        <h2 id={`${selectId}-title`}>Funnel coverage</h2>
        {current && <CoverageBadge funnel={current} />}
      </div>
      <div className="pixel-field">
        <label htmlFor={selectId}>Conversion funnel</label>
        <select
          id={selectId}
          data-testid="audit-funnel-select"
          value={current?.funnel.id ?? ""}
          aria-busy={busy}
          onChange={(e) => void choose(e.target.value)}
        >
          <option value="">No funnel</option>
          {options.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
        {busy && <span className="muted small">Updating…</span>}
      </div>
      {error && (
        <p className="error-text small" role="alert">
          {error}
        </p>
      )}

      {current ? (
        <FunnelBody funnel={current} />
      ) : (
        <p className="muted small" data-testid="funnel-empty">
          Choose the funnel that matches the campaign's goal to see which of its events the pages send.
        </p>
      )}
    </section>
  );
}

function CoverageBadge({ funnel }: { funnel: RunFunnel }) {
  const missingNeeded = funnel.coverage.missing.filter((m) => m.required).length;
  const broken = funnel.coverage.malformed.length;
  if (missingNeeded === 0 && broken === 0) return <Badge tone="good">Every needed event is sent</Badge>;
  const parts: string[] = [];
  if (missingNeeded > 0) parts.push(`${plural(missingNeeded, "needed event", "needed events")} missing`);
  if (broken > 0) parts.push(`${broken} malformed`);
  return <Badge tone="bad">{parts.join(", ")}</Badge>;
}

function FunnelBody({ funnel }: { funnel: RunFunnel }) {
  const rows = funnelEvents(funnel.funnel);
  const findings = sortFindings(funnel.findings);
  return (
    <>
      <p className="muted small" data-testid="funnel-counts">
        {plural(funnel.pages_scanned, "page", "pages")} scanned, {funnel.pages_rendered} run in a browser,{" "}
        {plural(funnel.journeys, "journey", "journeys")}.
      </p>
      <table className="data-table pixel-table" aria-label={`${funnel.funnel.name} funnel events`}>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">State</th>
            <th scope="col">Importance</th>
            <th scope="col">Seen on</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ event, required }) => {
            const state = eventState(funnel.coverage, event);
            const places = funnel.sources.find((s) => s.event === event)?.found_on ?? [];
            return (
              <tr key={event} data-testid="funnel-row">
                <td>
                  <code>{event}</code>
                </td>
                <td>
                  <EventStateBadge state={state} required={required} />
                </td>
                <td>{required ? "needed" : "recommended"}</td>
                <td>
                  {places.length === 0 ? (
                    <span className="muted">—</span>
                  ) : (
                    <ul className="pixel-places">
                      {places.map((p) => {
                        const { where, how } = foundOnLabel(p);
                        return (
                          <li key={p}>
                            <span className="url">{where}</span>
                            {how && <span className="muted small"> ({how})</span>}
                          </li>
                        );
                      })}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {findings.length > 0 && (
        <ul className="finding-list pixel-findings">
          {findings.map((f, i) => (
            <FindingItem key={`${f.id}-${i}`} finding={f} />
          ))}
        </ul>
      )}
    </>
  );
}
