// One audit: the overall answer, then each page with its verdict and findings. Everything quoted
// from a website (titles, headers, body text) is shown as plain text.
import { useEffect, useRef, useState } from "react";
import { api } from "../api";
import type { AuditReport, AuditSummary, Checklist, FetchArtifact, ItemEvidence, PageReport } from "../bindings";
import { Badge, ErrorBanner } from "../components/Bits";
import { FindingItem } from "../components/FindingItem";
import { useToast } from "../components/Toast";
import { formatDate, plural, RUN_STATUS_LABEL, sortFindings, VERDICT_LABEL, verdictTone } from "../format";
import { ChecklistPanel } from "./history/ChecklistPanel";
import { ExportPanel } from "./history/ExportPanel";
import { peekFindingFocus, takeFindingFocus } from "./history/focus";
import "./history/history.css";
import { FunnelCard } from "./pixel/FunnelCard";
import { JourneysCard } from "./pixel/JourneysCard";
import { MappingTable } from "./pixel/MappingTable";
import { PixelPanel } from "./pixel/PixelPanel";

// The finding (or page, when findingId is null) to bring into view; `seq` changes on every
// request so the same evidence can be shown again.
type Focus = { url: string; findingId: string | null; seq: number };

const hasProblems = (p: PageReport) => p.findings.some((f) => f.status !== "pass");

export function AuditView(props: { auditId: number; onBack: () => void; onDeleted: () => void }) {
  const [report, setReport] = useState<AuditReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState<"problems" | "all">("problems");
  const [summary, setSummary] = useState<AuditSummary | null>(null);
  const [earlier, setEarlier] = useState<AuditSummary[]>([]);
  const [checklist, setChecklist] = useState<Checklist | null>(null);
  const [checklistError, setChecklistError] = useState<string | null>(null);
  const [focus, setFocus] = useState<Focus | null>(() => {
    const f = peekFindingFocus(props.auditId);
    return f ? { url: f.url, findingId: f.findingId, seq: 1 } : null;
  });
  const toast = useToast();

  useEffect(() => {
    api.getAudit(props.auditId).then(setReport, (e) => setError(e.message));
    setChecklist(null);
    setChecklistError(null);
    api.auditChecklist(props.auditId).then(setChecklist, (e) => setChecklistError(e.message));
    // Which client this audit belongs to and its earlier audits (for comparisons in the PDF).
    api.listAudits(null).then(
      (all) => {
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
  }, [props.auditId]);

  // A page asked for must be on screen, even when it has no problem left.
  useEffect(() => {
    if (!focus || !report) return;
    const page = report.pages.find((p) => p.url === focus.url);
    if (page && !hasProblems(page)) setFilter("all");
  }, [focus, report]);

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

  const s = report.summary;
  const ready = s.failing_pages === 0 && report.status === "complete";
  const pages = filter === "problems" ? report.pages.filter(hasProblems) : report.pages;

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

      <div className={`verdict-hero ${ready ? "hero-good" : "hero-bad"}`} data-testid="audit-headline">
        <div className="hero-title">
          {report.status !== "complete"
            ? `${RUN_STATUS_LABEL[report.status]}: ${plural(s.pages, "page", "pages")} checked`
            : ready
              ? s.pages === 1
                ? "Ready: OAI-AdsBot can reach the page"
                : `Ready: OAI-AdsBot can reach all ${s.pages} pages`
              : `Not ready: ${s.failing_pages} of ${plural(s.pages, "page has", "pages have")} blocking problems`}
        </div>
        <div className="hero-stats">
          <Stat label="Pages" value={s.pages} />
          <Stat label="Reachable" value={s.reachable} />
          <Stat label="Blocking problems" value={s.failing_findings} />
          <Stat label="Warnings" value={s.warnings} />
        </div>
      </div>

      {checklist && <ChecklistPanel checklist={checklist} onOpenEvidence={openEvidence} />}
      {checklistError && <ErrorBanner message={`The readiness checklist could not be loaded: ${checklistError}`} />}

      <ExportPanel
        auditId={props.auditId}
        startedAt={report.started_at}
        clientName={summary?.client_name ?? null}
        earlier={earlier}
      />

      <FunnelCard auditId={props.auditId} report={report} onReport={setReport} />
      <MappingTable />
      <JourneysCard auditId={props.auditId} report={report} onReport={setReport} />

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
