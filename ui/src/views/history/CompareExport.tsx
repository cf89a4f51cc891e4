// The comparison of two audits, exported: a PDF for stakeholders or a CSV for spreadsheets,
// saved to the export folder in one click.
import { useState } from "react";
import { api, toAppError } from "../../api";
import type { ExportFormat } from "../../bindings";
import { ErrorBanner } from "../../components/Bits";
import { useToast } from "../../components/Toast";
import { explain } from "./ExportPanel";

const FORMATS: { format: ExportFormat; label: string; name: string }[] = [
  { format: "pdf", label: "Export PDF", name: "PDF" },
  { format: "csv", label: "Export CSV", name: "CSV" },
];

export function CompareExport(props: { olderId: number; newerId: number }) {
  const toast = useToast();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (format: ExportFormat, name: string) => {
    setError(null);
    setBusy(format);
    try {
      const out = await api.exportComparison(props.olderId, props.newerId, format);
      toast(`Saved the comparison ${name} to ${out}`);
    } catch (e) {
      setError(explain(toAppError(e)));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="compare-export" aria-busy={busy !== null}>
      {FORMATS.map((f) => (
        <button
          key={f.format}
          className="button"
          data-testid={`compare-export-${f.format}`}
          disabled={busy !== null}
          onClick={() => void run(f.format, f.name)}
        >
          {busy === f.format ? `Saving ${f.name}…` : f.label}
        </button>
      ))}
      {error && <ErrorBanner message={error} />}
    </div>
  );
}
