// Time-to-convert from real data: a CRM export with a click date and a conversion date per row
// becomes the plan's lag table.
import { useId, useState } from "react";
import { api, toAppError } from "../../api";
import type { LagImport } from "../../bindings";
import type { FieldError, FormState } from "./fields";
import { fmtNumber, fmtPercent } from "./numbers";

export type LagImportResult = LagImport & { fileName: string };

const MAX_CSV_BYTES = 50 * 1024 * 1024;

export function LagImportBox(props: {
  form: FormState;
  result: LagImportResult | null;
  errors: FieldError[];
  onImported: (r: LagImportResult) => void;
}) {
  const id = useId().replace(/:/g, "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { result, form } = props;

  const read = async (file: File) => {
    setError(null);
    if (file.size > MAX_CSV_BYTES) {
      setError(`${file.name} is larger than 50 MB. Export only the columns with the click date and the conversion date.`);
      return;
    }
    setBusy(true);
    try {
      const text = await file.text();
      const imported = await api.importLagCsv(text);
      props.onImported({ ...imported, fileName: file.name });
    } catch (e) {
      setError(`${file.name} could not be read: ${toAppError(e).message}`);
    } finally {
      setBusy(false);
    }
  };

  const table = form.lagTable;
  return (
    <div className="pl-lag" data-testid="lag-import" data-field="lag_table">
      <label htmlFor={`${id}-csv`} className="pl-label">
        Import from a CRM export (CSV)
      </label>
      <p className="muted small" id={`${id}-csv-help`}>
        One row per lead or order, with the date of the ad click and the date it converted. Column names such as
        “click date” and “order date” are found automatically.
      </p>
      <input
        id={`${id}-csv`}
        type="file"
        accept=".csv,text/csv"
        className="pl-file"
        aria-describedby={`${id}-csv-help`}
        disabled={busy}
        onChange={(e) => {
          const file = e.target.files?.[0];
          // Reset so choosing the same file again reads it again.
          e.target.value = "";
          if (file) void read(file);
        }}
      />
      {busy && <p className="muted small">Reading the file…</p>}
      {error && (
        <p className="pl-error" role="alert" data-testid="lag-import-error">
          {error}
        </p>
      )}
      {result && !error && (
        <div className="pl-lag-summary small" data-testid="lag-import-summary">
          <p>
            Read {fmtNumber(result.conversions + result.skipped_without_conversion, 0)} rows from {result.fileName}:{" "}
            {fmtNumber(result.conversions, 0)} with a conversion
            {result.skipped_without_conversion > 0 ? `, ${fmtNumber(result.skipped_without_conversion, 0)} without one (skipped)` : ""}.
          </p>
          <p>
            Half of the conversions came within <strong>
              {fmtNumber(result.median_lag_days, 1)} {result.median_lag_days === 1 ? "day" : "days"}
            </strong> of the click.
          </p>
          <p className="muted">
            Columns used: “{result.click_column}” for the click, “{result.conversion_column}” for the conversion.
          </p>
        </div>
      )}
      {form.lagMode === "table" && table && table.length > 0 && (
        <details className="pl-lag-table">
          <summary className="small">The table in the plan ({table.length} points)</summary>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Days after the click</th>
                <th scope="col">Converted by then</th>
              </tr>
            </thead>
            <tbody>
              {table.map(([day, share]) => (
                <tr key={day}>
                  <td>{fmtNumber(day, 1)}</td>
                  <td>{fmtPercent(share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      {props.errors.length > 0 && (
        <div className="pl-error" role="alert" data-testid="error-lag_table">
          {props.errors.map((e, i) => (
            <p key={i}>{e.message}</p>
          ))}
        </div>
      )}
    </div>
  );
}
