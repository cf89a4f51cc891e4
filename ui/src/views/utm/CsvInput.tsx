// An ads-manager export: the destination-URL column is detected, shown with the alternatives,
// and the user confirms it or picks another one.
import { api } from "../../api";
import type { ColumnCandidate, CsvImport, Delimiter, TextEncoding } from "../../bindings";
import { plural } from "../../format";
import { useKept } from "../../keep";
import { IssueList } from "./IssueList";
import { columnLetter, errorMessage, readBytes } from "./model";

const ENCODING: Record<TextEncoding, string> = {
  utf8: "UTF-8",
  utf8_bom: "UTF-8",
  utf16_le: "UTF-16 (Excel Unicode text)",
  utf16_be: "UTF-16",
  windows1252: "Windows-1252",
};
const DELIMITER: Record<Delimiter, string> = { comma: "commas", semicolon: "semicolons", tab: "tabs" };

function columnName(c: ColumnCandidate): string {
  return c.header.trim() ? `${columnLetter(c.index)} · ${c.header}` : `Column ${columnLetter(c.index)}`;
}

export function CsvInput(props: { onImported: (result: CsvImport | null, fileName: string) => void }) {
  // Kept while the user is elsewhere, like the list it produced.
  const [file, setFile] = useKept<{ name: string; bytes: Uint8Array } | null>("utm:csv:file", null);
  const [result, setResult] = useKept<CsvImport | null>("utm:csv:result", null);
  const [choice, setChoice] = useKept<number | null>("utm:csv:choice", null);
  const [busy, setBusy] = useKept("utm:csv:busy", false);
  const [error, setError] = useKept<string | null>("utm:csv:error", null);

  const load = async (bytes: Uint8Array, name: string, column?: number) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.importUtmCsv(bytes, column);
      setResult(r);
      setChoice(r.column ?? r.candidates[0]?.index ?? null);
      props.onImported(r.column == null ? null : r, name);
    } catch (e) {
      setResult(null);
      setError(errorMessage(e));
      props.onImported(null, name);
    } finally {
      setBusy(false);
    }
  };

  const onFile = async (f: File | undefined) => {
    if (!f) return;
    try {
      const bytes = await readBytes(f);
      setFile({ name: f.name, bytes });
      await load(bytes, f.name);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const chosen = result?.column;
  const needsChoice = result !== null && chosen == null;
  const current = result?.candidates.find((c) => c.index === chosen);

  return (
    <div>
      <label className="field-label" htmlFor="utm-csv">
        Ads-manager export (CSV or tab-separated text)
      </label>
      <input
        id="utm-csv"
        data-testid="utm-csv"
        type="file"
        accept=".csv,.tsv,.txt,text/csv,text/plain"
        onChange={(e) => void onFile(e.target.files?.[0])}
      />
      <p className="muted small utm-hint">
        Export your ads with their destination URLs. We find the URL column for you; Excel files (.xlsx) need to be saved as CSV first.
      </p>
      {busy && <p className="muted small">Reading the file…</p>}
      {error && <p className="error-text small" role="alert">{error}</p>}
      {result && file && (
        <div className="utm-csv-result" aria-live="polite">
          <p className="muted small">
            {file.name}: {plural(result.rows, "row", "rows")}, {ENCODING[result.encoding]}, separated by {DELIMITER[result.delimiter]}
            {result.has_header ? ", with a header row" : ", no header row"}.
          </p>
          {needsChoice ? (
            <div className="utm-callout utm-callout-warn" data-testid="csv-choose">
              <strong>Which column holds the destination URLs?</strong>
              <p className="small">No column clearly looks like landing-page addresses. Pick the one your ads link to.</p>
            </div>
          ) : (
            current && (
              <p className="small" data-testid="csv-column">
                Reading URLs from <strong>{columnName(current)}</strong>
                {result.empty_cells > 0 ? ` (${plural(result.empty_cells, "empty cell", "empty cells")} skipped)` : ""}. Not the right
                column? Pick another below.
              </p>
            )
          )}
          {result.candidates.length > 0 && (
            <fieldset className="utm-columns" disabled={busy}>
              <legend className="utm-sr-only">Destination-URL column</legend>
              {result.candidates.map((c) => (
                <label key={c.index} className={`utm-column ${choice === c.index ? "selected" : ""}`}>
                  <input
                    type="radio"
                    name="utm-csv-column"
                    value={c.index}
                    checked={choice === c.index}
                    onChange={() => setChoice(c.index)}
                  />
                  <span className="utm-column-body">
                    <span className="utm-column-name">
                      {columnName(c)}
                      {c.index === chosen && <span className="badge badge-good">In use</span>}
                    </span>
                    <span className="muted small">{Math.round(c.content_score * 100)}% of cells are web addresses</span>
                    {c.samples.length > 0 && (
                      <span className="utm-samples">
                        {c.samples.slice(0, 3).map((s, i) => (
                          <code key={i}>{s}</code>
                        ))}
                      </span>
                    )}
                  </span>
                </label>
              ))}
            </fieldset>
          )}
          {choice !== null && choice !== chosen && (
            <div className="row-end">
              <button
                className="button button-primary"
                data-testid="csv-use-column"
                disabled={busy}
                onClick={() => void load(file.bytes, file.name, choice)}
              >
                Use this column
              </button>
            </div>
          )}
          {!needsChoice && <IssueList issues={result.issues} notListed={result.issues_not_listed} unit="Row" testId="csv-issues" />}
        </div>
      )}
    </div>
  );
}
