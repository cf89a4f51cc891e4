// Exports of one audit: PDF for stakeholders, CSV and JSON for analysts. Each goes to the export
// folder in one click, or anywhere with "Save as…". A PDF can carry the changes since an earlier
// audit of the same client.
import { useState } from "react";
import { api, toAppError } from "../../api";
import type { AppError, AuditSummary, ExportFormat } from "../../bindings";
import { ErrorBanner } from "../../components/Bits";
import { useToast } from "../../components/Toast";
import { formatDate } from "../../format";
import "./history.css";

const FORMATS: { format: ExportFormat; label: string; hint: string }[] = [
  { format: "pdf", label: "PDF report", hint: "For clients and stakeholders" },
  { format: "csv", label: "CSV findings", hint: "One row per finding, for spreadsheets" },
  { format: "json", label: "JSON report", hint: "The full report, for analysts and tools" },
];

const NAME: Record<ExportFormat, string> = { pdf: "PDF", csv: "CSV", json: "JSON" };

/** A file name without characters desktops refuse. */
export function suggestedFileName(clientName: string | null | undefined, startedAt: string, auditId: number, format: ExportFormat): string {
  const day = startedAt.slice(0, 10) || "audit";
  const base = `${clientName?.trim() || "Ad-hoc check"} audit ${day} #${auditId}.${format}`;
  return base.replace(/[/\\:*?"<>|\u0000-\u001f]/g, "-");
}

export function explain(e: AppError): string {
  const where = "Choose another place with “Save as…”, or change the export folder in Settings.";
  switch (e.code) {
    case "read_only":
      return `${e.message} ${where}`;
    case "disk_full":
      return `${e.message} Free some space, or save to another drive with “Save as…”.`;
    case "not_found":
    case "invalid_path":
    case "export_failed":
      return `${e.message} ${where}`;
    case "invalid_logo":
      return `${e.message} Change or remove the agency logo in Settings.`;
    default:
      return e.message;
  }
}

export function ExportPanel(props: {
  auditId: number;
  startedAt: string;
  clientName: string | null;
  /** Earlier audits of the same client, newest first, that a PDF can be compared with. */
  earlier: AuditSummary[];
}) {
  const toast = useToast();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [written, setWritten] = useState<string | null>(null);
  const [compareWith, setCompareWith] = useState<number | null>(null);

  const run = async (format: ExportFormat, saveAs: boolean) => {
    setError(null);
    let path: string | null = null;
    if (saveAs) {
      try {
        path = await api.chooseSavePath(
          `Save the ${NAME[format]} export`,
          suggestedFileName(props.clientName, props.startedAt, props.auditId, format),
        );
      } catch (e) {
        setError(explain(toAppError(e)));
        return;
      }
      // Cancelled: nothing to do.
      if (path === null) return;
    }
    setBusy(format);
    try {
      const out = await api.exportAudit(props.auditId, format, path, format === "pdf" ? compareWith : null);
      setWritten(out);
      toast(`Saved the ${NAME[format]} to ${out}`);
    } catch (e) {
      setError(explain(toAppError(e)));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card export-panel" aria-label="Export" aria-busy={busy !== null}>
      <div className="card-header">
        <h2>Export</h2>
        <span className="muted small">Saved to your export folder unless you choose “Save as…”</span>
      </div>
      <div className="export-grid">
        {FORMATS.map((f) => (
          <div key={f.format} className="export-format">
            <div className="export-buttons">
              <button
                className={`button ${f.format === "pdf" ? "button-primary" : ""}`}
                data-testid={`export-${f.format}`}
                disabled={busy !== null}
                onClick={() => void run(f.format, false)}
              >
                {busy === f.format ? `Saving ${NAME[f.format]}…` : f.label}
              </button>
              <button
                className="button"
                data-testid={`export-${f.format}-as`}
                disabled={busy !== null}
                aria-label={`Save the ${NAME[f.format]} as…`}
                onClick={() => void run(f.format, true)}
              >
                Save as…
              </button>
            </div>
            <span className="muted small">{f.hint}</span>
          </div>
        ))}
      </div>
      {props.earlier.length > 0 && (
        <div className="export-compare">
          <label className="field-label" htmlFor={`compare-${props.auditId}`}>
            In the PDF, show what changed since
          </label>
          <select
            id={`compare-${props.auditId}`}
            data-testid="export-compare"
            value={compareWith ?? ""}
            disabled={busy !== null}
            onChange={(e) => setCompareWith(e.target.value === "" ? null : Number(e.target.value))}
          >
            <option value="">No comparison</option>
            {props.earlier.map((a) => (
              <option key={a.id} value={a.id}>
                the audit of {formatDate(a.started_at)}
              </option>
            ))}
          </select>
        </div>
      )}
      <div aria-live="polite" className="small">
        {busy === "pdf" && <p className="muted">Laying out the PDF. Large audits take a few seconds.</p>}
        {written && busy === null && (
          <p data-testid="export-result">
            Saved: <code className="path-inline">{written}</code>
          </p>
        )}
      </div>
      {error && <ErrorBanner message={error} />}
    </section>
  );
}
