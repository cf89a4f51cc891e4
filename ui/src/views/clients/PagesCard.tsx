// A client's landing pages: the list, a box to paste more (checked as you type), and pages from a
// sitemap or an ads-manager export.
import { useEffect, useMemo, useState } from "react";
import { api } from "../../api";
import type { LandingPage, ParsedTargets } from "../../bindings";
import { useToast } from "../../components/Toast";
import { plural } from "../../format";
import { ImportPages } from "./ImportPages";

export function PagesCard(props: {
  clientId: number;
  pages: LandingPage[];
  onAdded: () => void;
  onRemove: (p: LandingPage) => void;
}) {
  const toast = useToast();
  const [text, setText] = useState("");
  const [preview, setPreview] = useState<ParsedTargets | null>(null);

  useEffect(() => {
    if (!text.trim()) {
      setPreview(null);
      return;
    }
    const timer = window.setTimeout(() => {
      api.parseUrls(text).then(setPreview, () => setPreview(null));
    }, 200);
    return () => window.clearTimeout(timer);
  }, [text]);

  const existing = useMemo(() => new Set(props.pages.map((p) => p.url)), [props.pages]);
  const newCount = preview ? preview.urls.filter((u) => !existing.has(u)).length : 0;

  const add = async () => {
    try {
      const outcome = await api.addPages(props.clientId, text);
      const added = outcome.saved.added.length;
      const skipped = outcome.saved.already_present.length + outcome.parsed.duplicates.length;
      const invalid = outcome.parsed.invalid.length;
      const parts = [`Added ${plural(added, "page", "pages")}`];
      if (skipped) parts.push(`${skipped} already in the list`);
      if (invalid) parts.push(`${invalid} not valid (kept in the box)`);
      toast(parts.join(", ") + ".");
      // Keep only the lines that need fixing.
      setText(outcome.parsed.invalid.map((i) => i.text).join("\n"));
      props.onAdded();
    } catch (e) {
      toast((e as { message: string }).message, { tone: "error" });
    }
  };

  return (
    <div className="card">
      <div className="card-header">
        <h2>Landing pages</h2>
        <span className="muted small">{plural(props.pages.length, "page", "pages")}</span>
      </div>
      {props.pages.length === 0 ? (
        <p className="muted small">No landing pages yet. Paste the exact URLs your ads point to, tracking parameters included.</p>
      ) : (
        <ul className="page-list" data-testid="page-list">
          {props.pages.map((p) => (
            <li key={p.id}>
              <span className="url" title={p.url}>
                {p.url}
              </span>
              <button className="icon-button" aria-label={`Remove ${p.url}`} onClick={() => props.onRemove(p)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <label className="field-label" htmlFor="paste-urls">
        Add pages: one URL per line
      </label>
      <textarea
        id="paste-urls"
        data-testid="paste-urls"
        rows={4}
        spellCheck={false}
        placeholder={"https://shop.example.com/sale?utm_source=chatgpt&utm_medium=cpc\nexample.com/pricing"}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && newCount > 0) {
            e.preventDefault();
            void add();
          }
        }}
      />
      {preview && (
        <div className="paste-preview" data-testid="paste-preview">
          <span className="small">
            {plural(newCount, "new page", "new pages")}
            {preview.duplicates.length > 0 ? `, ${preview.duplicates.length} repeated` : ""}
          </span>
          {preview.invalid.map((i, n) => (
            <div key={n} className="invalid-line small" data-testid="invalid-line">
              Line {i.line}: <code>{i.text}</code> — {i.reason}
            </div>
          ))}
        </div>
      )}
      <div className="row-end">
        <span className="muted small">Ctrl+Enter to add</span>
        <button className="button button-primary" data-testid="add-pages" disabled={newCount === 0} onClick={() => void add()}>
          Add {newCount > 0 ? plural(newCount, "page", "pages") : "pages"}
        </button>
      </div>
      <ImportPages clientId={props.clientId} onAdded={props.onAdded} />
    </div>
  );
}
