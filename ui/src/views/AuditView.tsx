// One audit: the overall answer, then each page with its verdict and findings. The answer, its
// counts, the checklist and which pages have problems are the audit's readiness as the engine
// worked it out. Everything quoted from a website (titles, headers, body text) is plain text.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { api, toAppError } from "../api";
import type { AppError, AuditReport, AuditSummary, FetchArtifact, ItemEvidence, PageReport, PageStanding, Readiness } from "../bindings";
import { Badge, ErrorBanner } from "../components/Bits";
import { FindingItem } from "../components/FindingItem";
import { useToast } from "../components/Toast";
import { formatDate, sortFindings, VERDICT_LABEL, verdictTone } from "../format";
import { ChecklistPanel } from "./history/ChecklistPanel";
import { ExportPanel } from "./history/ExportPanel";
import { peekFindingFocus, takeFindingFocus } from "./history/focus";
import { COUNT_LABEL, readinessTone } from "./history/readiness";
import "./history/history.css";
import { FunnelCard } from "./pixel/FunnelCard";
import { JourneysCard } from "./pixel/JourneysCard";
import { MappingTable } from "./pixel/MappingTable";
import { PixelPanel } from "./pixel/PixelPanel";

// The finding (or page, when findingId is null) to bring into view; `seq` changes on every
// request so the same evidence can be shown again.
type Focus = { url: string; findingId: string | null; seq: number };

/** Whether the engine counted blocking problems or warnings on a page; unknown pages are shown. */
function hasProblems(standing: Map<string, PageStanding> | null, page: PageReport): boolean {
  const s = standing?.get(page.url);
  return s ? s.blocking > 0 || s.warnings > 0 : true;
}

export function AuditView(props: { auditId: number; onBack: () => void; onDeleted: () => void }) {
  const [report, setReport] = useState<AuditReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState<"problems" | "all">("problems");
  const [summary, setSummary] = useState<AuditSummary | null>(null);
  const [earlier, setEarlier] = useState<AuditSummary[]>([]);
  const [readiness, setReadiness] = useState<Readiness | null>(null);
  const [readinessError, setReadinessError] = useState<AppError | null>(null);
  const [focus, setFocus] = useState<Focus | null>(() => {
    const f = peekFindingFocus(props.auditId);
    return f ? { url: f.url, findingId: f.findingId, seq: 1 } : null;
  });
  const toast = useToast();

  // The readiness is read again whenever the report changes (another funnel, a saved journey).
  const readinessRequest = useRef(0);
  const loadReadiness = useCallback(() => {
    const request = ++readinessRequest.current;
    setReadinessError(null);
    api.auditReadiness(props.auditId).then(
      (r) => request === readinessRequest.current && setReadiness(r),
      (e) => request === readinessRequest.current && setReadinessError(toAppError(e)),
    );
  }, [props.auditId]);

  const onReport = useCallback(
    (r: AuditReport) => {
      setReport(r);
      loadReadiness();
    },
    [loadReadiness],
  );

  useEffect(() => {
    api.getAudit(props.auditId).then(setReport, (e) => setError(e.message));
    setReadiness(null);
    loadReadiness();
    // Which client this audit belongs to and its earlier audits (for comparisons in the PDF).
    api.listAudits(null).then(
      (listings) => {
        const all = listings.map((l) => l.audit);
        const me = all.find((a) => a.id === props.auditId) ?? null;
        setSummary(me);
        setEarlier(
          me && me.client_id !== null
            ? all.filter((a) => a.client_id === me.client_id && a.id !== me.id && a.status !== "running" && Date.parse(a.started_at) < Date.parse(me.started_at))
            : [],
        );
      },
      () => {
        setSummary(null);
        setEarlier([]);
      },
    );
    const f = takeFindingFocus(props.auditId);
    if (f) setFocus((old) => ({ url: f.url, findingId: f.findingId, seq: (old?.seq ?? 0) + 1 }));
  }, [props.auditId, loadReadiness]);

  // What each page counts for, by URL, as the engine counted it.
  const standing = useMemo(() => (readiness ? new Map(readiness.pages.map((p) => [p.url, p])) : null), [readiness]);

  // A page asked for must be on screen, even when it has no problem left.
  useEffect(() => {
    if (!focus || !report || !standing) return;
    const page = report.pages.find((p) => p.url === focus.url);
    if (page && !hasProblems(standing, page)) setFilter("all");
  }, [focus, report, standing]);

  const openEvidence = (e: ItemEvidence) =>
    setFocus((old) => ({ url: e.url, findingId: e.finding_id, seq: (old?.seq ?? 0) + 1 }));

  const remove = async () => {
    try {
      await api.deleteAudit(props.auditId);
      props.onDeleted();
      toast("Deleted the audit.", {
        action: { label: "Undo", run: () => void api.restoreAudit(props.auditId) },
      });
    } catch (e) {
      toast((e as { message: string }).message, { tone: "error" });
    }
  };

  if (error) return <ErrorBanner message={error} />;
  if (!report) return <p className="muted page-pad">Loading…</p>;

  const pages = filter === "problems" ? report.pages.filter((p) => hasProblems(standing, p)) : report.pages;

  return (
    <div className="audit-view page-pad">
      <header className="detail-header">
        <div>
          <button className="link-button" onClick={props.onBack}>
            ← Back
          </button>
          <h1>Audit of {formatDate(report.started_at)}</h1>
        </div>
        <div className="header-actions">
          <button className="button button-danger-quiet" onClick={() => void remove()}>
            Delete audit
          </button>
        </div>
      </header>

      {readiness ? (
        <>
          <div className={`verdict-hero hero-${readinessTone(readiness.state)}`} data-testid="audit-headline">
            <div className="hero-head">
              <Badge tone={readinessTone(readiness.state)} testId="audit-state">
                {readiness.label}
              </Badge>
              <div className="hero-title" data-testid="audit-headline-text">
                {readiness.headline}
              </div>
            </div>
            <div className="hero-stats" data-testid="audit-stats">
              <Stat
                label={
                  readiness.state === "partial" && readiness.planned_pages !== null
                    ? `${COUNT_LABEL.pages} (of ${readiness.planned_pages} planned)`
                    : COUNT_LABEL.pages
                }
                value={readiness.counts.pages}
              />
              <Stat label={COUNT_LABEL.reachable} value={readiness.counts.reachable} />
              <Stat label={COUNT_LABEL.failing_pages} value={readiness.counts.failing_pages} />
              <Stat label={COUNT_LABEL.failing_findings} value={readiness.counts.failing_findings} />
              <Stat label={COUNT_LABEL.warnings} value={readiness.counts.warnings} />
            </div>
          </div>
          <ChecklistPanel readiness={readiness} onOpenEvidence={openEvidence} />
        </>
      ) : (
        !readinessError && <p className="muted">Working out the readiness…</p>
      )}
      {readinessError && (
        <ErrorBanner
          message={`The readiness of this audit could not be worked out: ${readinessError.message}`}
          hint={readinessError.hint}
          onRetry={loadReadiness}
        />
      )}

      <ExportPanel
        auditId={props.auditId}
        startedAt={report.started_at}
        clientName={summary?.client_name ?? null}
        earlier={earlier}
      />

      <FunnelCard auditId={props.auditId} report={report} onReport={onReport} />
      <MappingTable />
      <JourneysCard auditId={props.auditId} report={report} onReport={onReport} />

      <div className="toolbar">
        <div className="segmented" role="group" aria-label="Show">
          <button className={filter === "problems" ? "active" : ""} onClick={() => setFilter("problems")}>
            Pages with problems
          </button>
          <button className={filter === "all" ? "active" : ""} onClick={() => setFilter("all")}>
            All pages
          </button>
        </div>
      </div>

      {pages.length === 0 && <p className="muted pad">No page has a problem. Switch to “All pages” to see each page's evidence.</p>}
      {pages.map((page) => (
        <PageCard key={page.url} page={page} focus={focus && focus.url === page.url ? focus : null} />
      ))}

      <div className="limits">
        <h3>What this audit cannot prove</h3>
        <ul>
          {report.limits.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div className="stat">
      <div className="stat-value">{value}</div>
      <div className="stat-label">{label}</div>
    </div>
  );
}

function PageCard({ page, focus }: { page: PageReport; focus: Focus | null }) {
  const [showEvidence, setShowEvidence] = useState(false);
  const ref = useRef<HTMLElement>(null);
  const findings = sortFindings(page.findings);
  const target = focus && focus.findingId !== null && findings.some((f) => f.id === focus.findingId) ? focus.findingId : null;
  const pageFocused = focus !== null && target === null;

  // Without a finding to show, bring the page itself into view.
  useEffect(() => {
    if (pageFocused) ref.current?.scrollIntoView?.({ behavior: "smooth", block: "start" });
  }, [pageFocused, focus?.seq]);

  return (
    <article
      ref={ref}
      className={`card page-card ${pageFocused ? "page-highlight" : ""}`}
      data-testid="page-result"
      tabIndex={pageFocused ? -1 : undefined}
    >
      <div className="page-card-header">
        <Badge tone={verdictTone(page.verdict)} testId="page-verdict">
          {VERDICT_LABEL[page.verdict]}
        </Badge>
        <span className="url" title={page.url}>
          {page.url}
        </span>
        {page.vendor && <Badge tone="neutral">Behind {page.vendor}</Badge>}
        {page.params_survive === false && <Badge tone="bad">Parameters lost in a redirect</Badge>}
      </div>
      <p className="verdict-reason">{page.verdict_reason}</p>
      <ul className="finding-list">
        {findings.map((f, i) => (
          <FindingItem key={`${f.id}-${i}`} finding={f} highlight={target === f.id ? focus!.seq : undefined} />
        ))}
      </ul>
      <PixelPanel pixel={page.pixel} findings={page.findings} />
      <button className="link-button small" onClick={() => setShowEvidence((v) => !v)}>
        {showEvidence ? "Hide raw responses" : "Show raw responses"}
      </button>
      {showEvidence && <FetchTable fetches={page.fetches} />}
    </article>
  );
}

function FetchTable({ fetches }: { fetches: FetchArtifact[] }) {
  return (
    <table className="fetch-table">
      <thead>
        <tr>
          <th>Requested as</th>
          <th>Result</th>
          <th>Redirects</th>
          <th>Title</th>
          <th>Size</th>
          <th>Time</th>
        </tr>
      </thead>
      <tbody>
        {fetches.map((f) => (
          <tr key={f.agent}>
            <td title={f.user_agent}>{f.agent === "adsbot" ? "OAI-AdsBot" : f.agent === "adsbot_token" ? "OAI-AdsBot (name only)" : "Browser"}</td>
            <td>{f.error ? f.error.message : `HTTP ${f.status ?? "?"}`}</td>
            <td>{Math.max(0, f.hops.length - 1)}</td>
            <td>{f.title ?? "—"}</td>
            <td>{f.body_bytes.toLocaleString()} B</td>
            <td>{f.total_ms} ms</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
