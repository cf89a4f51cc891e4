// Pages from a sitemap (its address or a file) or an ads-manager export, previewed before
// anything is saved. The preview (new pages, pages the client has, repeats, unusable entries) is
// the engine's; this only shows it and sends back the pages the user confirmed. What is being
// imported is kept while the user is elsewhere, so a finished audit opening never loses it.
import { useState } from "react";
import { api, toAppError } from "../../api";
import type { AppError, PagesPreview } from "../../bindings";
import { useToast } from "../../components/Toast";
import { plural } from "../../format";
import { useKept } from "../../keep";
import { readBytes } from "../utm/model";
import { ImportPreview } from "./ImportPreview";
import "./import.css";

type Kind = "sitemap" | "export";
/** What the preview was read from, so a column choice can read it again. */
type Origin = { kind: "url"; url: string } | { kind: "sitemap_file" | "export"; name: string; bytes: Uint8Array };
type Import = { kind: Kind | null; url: string; preview: PagesPreview | null; origin: Origin | null };

const EMPTY: Import = { kind: null, url: "", preview: null, origin: null };

export function ImportPages(props: { clientId: number; onAdded: () => void }) {
  const toast = useToast();
  const [state, setState] = useKept<Import>(`pages-import:${props.clientId}`, EMPTY);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const { kind, preview } = state;

  const read = async (origin: Origin, column?: number) => {
    setBusy(origin.kind === "export" ? "Reading the export…" : "Reading the sitemap and the sitemaps it lists…");
    setError(null);
    try {
      let p: PagesPreview;
      if (origin.kind === "url") p = await api.previewSitemapPages(props.clientId, origin.url);
      else if (origin.kind === "sitemap_file") p = await api.previewSitemapFilePages(props.clientId, origin.bytes, origin.name);
      else p = await api.previewExportPages(props.clientId, origin.bytes, origin.name, column);
      setState((s) => ({ ...s, preview: p, origin }));
    } catch (e) {
      setError(toAppError(e));
      setState((s) => ({ ...s, preview: null, origin: null }));
    } finally {
      setBusy(null);
    }
  };

  const fromFile = async (f: File | undefined, as: "sitemap_file" | "export") => {
    if (!f) return;
    try {
      await read({ kind: as, name: f.name, bytes: await readBytes(f) });
    } catch (e) {
      setError(toAppError(e));
    }
  };

  const add = async () => {
    if (!preview) return;
    setBusy("Adding the pages…");
    try {
      const saved = await api.addPreviewedPages(props.clientId, preview.new_pages.map((p) => p.url));
      const parts = [`Added ${plural(saved.added.length, "page", "pages")}`];
      if (saved.already_present.length) parts.push(`${saved.already_present.length} already in the list`);
      toast(parts.join(", ") + ".");
      setState((s) => ({ ...s, preview: null, origin: null }));
      props.onAdded();
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(null);
    }
  };

  const choose = (k: Kind) => {
    setError(null);
    setState((s) => ({ ...s, kind: s.kind === k ? null : k, preview: null, origin: null }));
  };

  return (
    <div className="page-import" data-testid="page-import">
      <div className="page-import-choice">
        <span className="muted small">Or add pages from</span>
        <div className="segmented" role="group" aria-label="Add pages from">
          <button type="button" className={kind === "sitemap" ? "active" : ""} aria-pressed={kind === "sitemap"} onClick={() => choose("sitemap")} data-testid="import-sitemap">
            A sitemap
          </button>
          <button type="button" className={kind === "export" ? "active" : ""} aria-pressed={kind === "export"} onClick={() => choose("export")} data-testid="import-export">
            An ads-manager export
          </button>
        </div>
      </div>

      {kind === "sitemap" && (
        <div className="page-import-source">
          <label className="field-label" htmlFor="import-sitemap-url">
            Sitemap address
          </label>
          <form
            className="page-import-row"
            onSubmit={(e) => {
              e.preventDefault();
              if (state.url.trim()) void read({ kind: "url", url: state.url.trim() });
            }}
          >
            <input
              id="import-sitemap-url"
              data-testid="import-sitemap-url"
              placeholder="https://www.example.com/sitemap.xml"
              spellCheck={false}
              value={state.url}
              onChange={(e) => {
                const url = e.target.value;
                setState((s) => ({ ...s, url }));
              }}
            />
            <button className="button" data-testid="import-sitemap-read" disabled={!state.url.trim() || busy !== null}>
              Read sitemap
            </button>
          </form>
          <label className="field-label" htmlFor="import-sitemap-file">
            …or a sitemap file (.xml or .xml.gz)
          </label>
          <input
            id="import-sitemap-file"
            data-testid="import-sitemap-file"
            type="file"
            accept=".xml,.gz,.txt"
            disabled={busy !== null}
            onChange={(e) => void fromFile(e.target.files?.[0], "sitemap_file")}
          />
          <p className="muted small">A sitemap index brings the pages of the sitemaps it lists. Nothing is added until you confirm.</p>
        </div>
      )}

      {kind === "export" && (
        <div className="page-import-source">
          <label className="field-label" htmlFor="import-export-file">
            Ads-manager export (CSV or tab-separated text)
          </label>
          <input
            id="import-export-file"
            data-testid="import-export-file"
            type="file"
            accept=".csv,.tsv,.txt,text/csv,text/plain"
            disabled={busy !== null}
            onChange={(e) => void fromFile(e.target.files?.[0], "export")}
          />
          <p className="muted small">Export your ads with their destination URLs; the URL column is found for you. Nothing is added until you confirm.</p>
        </div>
      )}

      {busy && (
        <p className="muted small" aria-live="polite" data-testid="import-busy">
          {busy}
        </p>
      )}
      {error && (
        <div className="page-import-error" role="alert" data-testid="import-error">
          <p className="error-text small">{error.message}</p>
          {error.hint && <p className="muted small">{error.hint}</p>}
        </div>
      )}
      {kind && preview && state.origin && (
        <ImportPreview
          preview={preview}
          busy={busy !== null}
          onColumn={(column) => state.origin && void read(state.origin, column)}
          onAdd={() => void add()}
          onCancel={() => setState((s) => ({ ...s, preview: null, origin: null }))}
        />
      )}
    </div>
  );
}
