// Two audits side by side, finding by finding: what got worse, what got fixed, what is new.
// Everything comes from the saved reports; page addresses and titles are shown as text. The
// comparison exports as a PDF or a CSV.
import { useEffect, useState, type ReactNode } from "react";
import { api } from "../../api";
import type { Comparison, Direction, FindingDelta, PageSnapshot } from "../../bindings";
import { Badge, EmptyState, ErrorBanner } from "../../components/Bits";
import { CompareExport } from "./CompareExport";
import { findingStateLabel, formatDate, formatDay, plural, statusTone, VERDICT_LABEL, verdictTone, type Tone } from "../../format";
import "./history.css";

const DIRECTION: Record<Direction, { label: string; tone: Tone }> = {
  better: { label: "Better", tone: "good" },
  worse: { label: "Worse", tone: "bad" },
  different: { label: "Changed", tone: "warn" },
};

export function CompareView(props: {
  olderId: number;
  newerId: number;
  onBack: () => void;
  onOpenAudit?: (id: number) => void;
  /** Inside a pane that already has its own padding. */
  embedded?: boolean;
}) {
  const pad = props.embedded ? "" : "page-pad ";
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [showUnchanged, setShowUnchanged] = useState(false);

  useEffect(() => {
    setComparison(null);
    setError(null);
    api.compareAudits(props.olderId, props.newerId).then(setComparison, (e) => setError(e.message));
  }, [props.olderId, props.newerId]);

  const header = (
    <header className="detail-header">
      <div>
        <button className="link-button" onClick={props.onBack} data-testid="compare-back">
          ← Back
        </button>
        <h1>What changed</h1>
        {comparison && (
          <p className="muted">
            From the audit of {formatDate(comparison.older_started_at)} to the audit of {formatDate(comparison.newer_started_at)}
          </p>
        )}
      </div>
      <div className="header-actions">
        {props.onOpenAudit && (
          <>
            <button className="button" onClick={() => props.onOpenAudit!(props.olderId)}>
              Open earlier audit
            </button>
            <button className="button" onClick={() => props.onOpenAudit!(props.newerId)}>
              Open later audit
            </button>
          </>
        )}
        <CompareExport olderId={props.olderId} newerId={props.newerId} />
      </div>
    </header>
  );

  if (error)
    return (
      <div className={`${pad}compare-view`}>
        {header}
        <ErrorBanner message={error} />
      </div>
    );
  if (!comparison)
    return (
      <div className={`${pad}compare-view`}>
        {header}
        <p className="muted">Comparing…</p>
      </div>
    );

  const c = comparison;
  const since = formatDay(c.older_started_at);
  const nothing =
    c.verdict_changes.length + c.new.length + c.fixed.length + c.changed.length + c.pages_added.length + c.pages_removed.length === 0;

  return (
    <div className={`${pad}compare-view`} data-testid="compare-view">
      {header}
      <div className="compare-summary" aria-label="Summary of changes">
        <Count label="Pages whose verdict changed" value={c.verdict_changes.length} />
        <Count label="New problems" value={c.new.length} />
        <Count label="Fixed" value={c.fixed.length} />
        <Count label="Changed" value={c.changed.length} />
        <Count label="Pages added" value={c.pages_added.length} />
        <Count label="Pages removed" value={c.pages_removed.length} />
      </div>

      {nothing && (
        <EmptyState title="Nothing changed">
          Every page has the same verdict and the same findings in both audits.
        </EmptyState>
      )}

      {c.verdict_changes.length > 0 && (
        <Section title="Can OAI-AdsBot still reach the pages?" testId="compare-verdicts">
          {c.verdict_changes.map((v, i) => (
            <li key={`${v.page_url}-${i}`}>
              <Badge tone={DIRECTION[v.direction].tone}>{DIRECTION[v.direction].label}</Badge>
              <div className="compare-text">
                <span>{v.sentence}</span>
                <span className="url muted">{v.page_url}</span>
                <span className="compare-change">
                  {VERDICT_LABEL[v.before]} → {VERDICT_LABEL[v.after]}
                </span>
              </div>
            </li>
          ))}
        </Section>
      )}

      {c.new.length > 0 && (
        <Section title={`New problems since ${since}`} testId="compare-new">
          {c.new.map((d, i) => (
            <DeltaRow key={i} delta={d} change={`New: ${findingStateLabel(d.after)} now, not reported on ${since}.`} />
          ))}
        </Section>
      )}

      {c.fixed.length > 0 && (
        <Section title="Fixed" testId="compare-fixed">
          {c.fixed.map((d, i) => (
            <DeltaRow
              key={i}
              delta={d}
              tone="good"
              badge="Fixed"
              change={`Was ${findingStateLabel(d.before)} on ${since}; ${d.after ? `now ${findingStateLabel(d.after)}` : "no longer reported"}.`}
            />
          ))}
        </Section>
      )}

      {c.changed.length > 0 && (
        <Section title="Changed status or severity" testId="compare-changed">
          {c.changed.map((d, i) => (
            <DeltaRow key={i} delta={d} change={`Was ${findingStateLabel(d.before)} on ${since}; now ${findingStateLabel(d.after)}.`} />
          ))}
        </Section>
      )}

      {(c.pages_added.length > 0 || c.pages_removed.length > 0) && (
        <Section title="Pages added or removed" testId="compare-pages">
          {c.pages_added.map((p) => (
            <PageRow key={`a-${p.page_url}`} page={p} added />
          ))}
          {c.pages_removed.map((p) => (
            <PageRow key={`r-${p.page_url}`} page={p} added={false} />
          ))}
        </Section>
      )}

      {c.unchanged.length > 0 && (
        <div className="card compare-section">
          <div className="card-header">
            <h2>Unchanged</h2>
            <button className="link-button small" aria-expanded={showUnchanged} onClick={() => setShowUnchanged((v) => !v)}>
              {showUnchanged ? "Hide" : `Show ${plural(c.unchanged.length, "finding", "findings")}`}
            </button>
          </div>
          {showUnchanged && (
            <ul className="compare-list" data-testid="compare-unchanged">
              {c.unchanged.map((d, i) => (
                <DeltaRow key={i} delta={d} change={`${findingStateLabel(d.after)} in both audits.`} />
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

function Count({ label, value }: { label: string; value: number }) {
  return (
    <div className="stat">
      <div className="stat-value">{value}</div>
      <div className="stat-label muted">{label}</div>
    </div>
  );
}

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <section className="card compare-section" aria-label={title}>
      <div className="card-header">
        <h2>{title}</h2>
      </div>
      <ul className="compare-list" data-testid={testId}>
        {children}
      </ul>
    </section>
  );
}

function DeltaRow({ delta, change, tone, badge }: { delta: FindingDelta; change: string; tone?: Tone; badge?: string }) {
  const state = delta.after ?? delta.before;
  return (
    <li>
      <Badge tone={tone ?? (state ? statusTone(state.status) : "neutral")}>{badge ?? findingStateLabel(state)}</Badge>
      <div className="compare-text">
        <span className="finding-title">{delta.title}</span>
        <span className="url muted">{delta.page_url}</span>
        <span className="compare-change">{change}</span>
      </div>
      <code className="finding-id">{delta.finding_id}</code>
    </li>
  );
}

function PageRow({ page, added }: { page: PageSnapshot; added: boolean }) {
  return (
    <li>
      <Badge tone={added ? "neutral" : "warn"}>{added ? "Added" : "Removed"}</Badge>
      <div className="compare-text">
        <span className="url">{page.page_url}</span>
        <span className="compare-change">
          {added ? "Only in the later audit" : "Only in the earlier audit"}: {VERDICT_LABEL[page.verdict]},{" "}
          {page.open_findings === 0 ? "no open problems" : plural(page.open_findings, "open problem", "open problems")}
        </span>
      </div>
      <Badge tone={verdictTone(page.verdict)}>{VERDICT_LABEL[page.verdict]}</Badge>
    </li>
  );
}
