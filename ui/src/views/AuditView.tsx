// One audit: the overall answer, then every page in a grid (worst first) with the selected
// page's verdict, findings and raw responses beside it. The answer, its counts, the checklist
// and each page's row are the audit's readiness as the engine worked it out. Everything quoted
// from a website (titles, headers, body text) is plain text.
import { useCallback, useEffect, useRef, useState } from "react";
import { api, toAppError } from "../api";
import type { AppError, AuditReport, AuditSummary, ItemEvidence, PageRow, Readiness, WhatOpenAiSaw } from "../bindings";
import { Badge, ErrorBanner } from "../components/Bits";
import { Deleted } from "../components/Deleted";
import { useToast } from "../components/Toast";
import { formatDate, madeBy } from "../format";
import { useDataRevision } from "../revision";
import { Comments } from "./audit/Comments";
import { PageDetail, type Focus } from "./audit/PageDetail";
import { OpenAiSeenCard, openAiMarks } from "./audit/OpenAiSeenCard";
import { PageGrid } from "./audit/PageGrid";
import { ChecklistPanel } from "./history/ChecklistPanel";
import { ExportPanel } from "./history/ExportPanel";
import { peekFindingFocus, takeFindingFocus } from "./history/focus";
import { COUNT_LABEL, readinessTone } from "./history/readiness";
import "./history/history.css";
import { FunnelCard } from "./pixel/FunnelCard";
import { JourneysCard } from "./pixel/JourneysCard";
import { MappingTable } from "./pixel/MappingTable";

/** "Audit of Acme — 25 Nov 2026, 11:00"; without a client, "Audit of 25 Nov 2026, 11:00". */
export function auditTitle(clientName: string | null | undefined, startedAt: string): string {
  return clientName ? `Audit of ${clientName} — ${formatDate(startedAt)}` : `Audit of ${formatDate(startedAt)}`;
}

export function AuditView(props: { auditId: number; onBack: () => void; onDeleted: () => void }) {
  const [report, setReport] = useState<AuditReport | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  // Someone deleted the audit while it was open here (or before it could be read).
  const [gone, setGone] = useState(false);
  const [rows, setRows] = useState<PageRow[] | null>(null);
  const [rowsError, setRowsError] = useState<AppError | null>(null);
  const [selected, setSelected] = useState<string | null>(() => peekFindingFocus(props.auditId)?.url ?? null);
  const [summary, setSummary] = useState<AuditSummary | null>(null);
  const [earlier, setEarlier] = useState<AuditSummary[]>([]);
  const [readiness, setReadiness] = useState<Readiness | null>(null);
  const [readinessError, setReadinessError] = useState<AppError | null>(null);
  // OpenAI's review of the client's ads and its access log; null when the client has neither.
  const [seen, setSeen] = useState<WhatOpenAiSaw | null>(null);
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
    setRowsError(null);
    api.auditReadiness(props.auditId).then(
      (r) => request === readinessRequest.current && setReadiness(r),
      (e) => request === readinessRequest.current && setReadinessError(toAppError(e)),
    );
    api.whatOpenAiSaw(props.auditId).then(
      (s) => request === readinessRequest.current && setSeen(s),
      () => request === readinessRequest.current && setSeen(null),
    );
    api.auditPageRows(props.auditId).then(
      (r) => request === readinessRequest.current && setRows(r),
      (e) => request === readinessRequest.current && setRowsError(toAppError(e)),
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
    setGone(false);
    api.getAudit(props.auditId).then(setReport, (e) => {
      const err = toAppError(e);
      if (err.code === "not_found") setGone(true);
      else setError(err);
    });
    setReadiness(null);
    setRows(null);
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
    if (f) {
      setFocus((old) => ({ url: f.url, findingId: f.findingId, seq: (old?.seq ?? 0) + 1 }));
      setSelected(f.url);
    }
  }, [props.auditId, loadReadiness]);

  // A colleague may delete the audit in a team workspace: say so rather than fail on its next read.
  useDataRevision(() => {
    api.auditSummary(props.auditId).then(
      () => undefined,
      (e) => toAppError(e).code === "not_found" && setGone(true),
    );
  });

  // Until a page is chosen, the worst page is the one shown.
  useEffect(() => {
    if (selected === null && rows && rows.length > 0) setSelected(rows.reduce((a, b) => (b.worst_first < a.worst_first ? b : a)).url);
  }, [rows, selected]);

  const openEvidence = (e: ItemEvidence) => {
    setSelected(e.url);
    setFocus((old) => ({ url: e.url, findingId: e.finding_id, seq: (old?.seq ?? 0) + 1 }));
  };

  // A page chosen in the grid is shown; Enter (or a double click) brings its detail into view.
  const detailRef = useRef<HTMLDivElement>(null);
  const openPage = (url: string) => {
    setSelected(url);
    setFocus((old) => ({ url, findingId: null, seq: (old?.seq ?? 0) + 1 }));
    requestAnimationFrame(() => detailRef.current?.querySelector<HTMLElement>("[data-testid=page-result]")?.focus({ preventScroll: true }));
  };

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

  if (gone)
    return (
      <div className="page-pad">
        <Deleted title="This audit was deleted" backLabel="← Back" onBack={props.onBack} />
      </div>
    );
  if (error) return <ErrorBanner message={error.message} hint={error.hint} />;
  if (!report) return <p className="muted page-pad">Loading…</p>;

  const page = selected === null ? null : (report.pages.find((p) => p.url === selected) ?? null);

  return (
    <div className="audit-view page-pad">
      <header className="detail-header">
        <div>
          <button className="link-button" onClick={props.onBack} data-testid="audit-back">
            ← Back
          </button>
          <h1 data-testid="audit-title">{auditTitle(summary?.client_name, report.started_at)}</h1>
          {madeBy(summary?.created_by) && (
            <p className="muted small audit-by" data-testid="audit-by">
              {madeBy(summary?.created_by)}
            </p>
          )}
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

      {seen && <OpenAiSeenCard seen={seen} />}

      <ExportPanel
        auditId={props.auditId}
        startedAt={report.started_at}
        clientName={summary?.client_name ?? null}
        earlier={earlier}
      />

      <FunnelCard auditId={props.auditId} report={report} onReport={onReport} />
      <MappingTable />
      <JourneysCard auditId={props.auditId} report={report} onReport={onReport} />

      {rowsError && <ErrorBanner message={`The pages of this audit could not be listed: ${rowsError.message}`} hint={rowsError.hint} onRetry={loadReadiness} />}
      {rows ? (
        <PageGrid
          auditId={props.auditId}
          clientName={summary?.client_name ?? null}
          startedAt={report.started_at}
          rows={rows}
          selected={selected}
          onSelect={setSelected}
          onOpen={openPage}
          openAiMarks={openAiMarks(seen)}
        />
      ) : (
        !rowsError && <p className="muted">Listing the pages…</p>
      )}
      <div ref={detailRef}>
        {page && <PageDetail key={page.url} page={page} focus={focus && focus.url === page.url ? focus : null} />}
        {page && seen && <OpenAiSeenCard seen={seen} pageUrl={page.url} />}
      </div>

      <Comments auditId={props.auditId} />

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
