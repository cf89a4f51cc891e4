// Builds consistently tagged URLs: a campaign name gives the recommended tags, every field stays
// editable, and the tagged URLs update as you type. The same tags also come as an OpenAI tracking
// template (query_string_template), where a value may be one of OpenAI's documented macros.
import { useEffect, useState } from "react";
import { api } from "../../api";
import type { TemplateOutput, UtmScheme } from "../../bindings";
import { useToast } from "../../components/Toast";
import { plural } from "../../format";
import { useKept } from "../../keep";
import { CopyButton } from "./CopyButton";
import { errorMessage, lines } from "./model";
import { OPENAI_MACROS, templatePair } from "./tracking";

type Field = "source" | "medium" | "campaign" | "content" | "term";
type Fields = Record<Field, string>;

const EMPTY: Fields = { source: "", medium: "", campaign: "", content: "", term: "" };
const FIELDS: { id: Field; label: string; hint: string; optional?: boolean }[] = [
  { id: "source", label: "utm_source", hint: "Where the click comes from: chatgpt" },
  { id: "medium", label: "utm_medium", hint: "The kind of traffic: cpc marks it as paid in every analytics tool" },
  { id: "campaign", label: "utm_campaign", hint: "Lowercase, words joined with _" },
  { id: "content", label: "utm_content", hint: "Optional: the ad or ad group", optional: true },
  { id: "term", label: "utm_term", hint: "Optional: the context hint or keyword", optional: true },
];
const SHOWN = 200;

/** Fields whose value in the tracking template may be a macro instead of the typed text. */
type MacroField = "campaign" | "content" | "term";
/** Per field, the macro name to use in the tracking template; "" for the typed value. */
type MacroChoices = Record<MacroField, string>;
const NO_MACROS: MacroChoices = { campaign: "", content: "", term: "" };
const MACRO_FIELDS: MacroField[] = ["campaign", "content", "term"];

/** The tracking template for these tags: `name=value` pairs joined by &, fields left empty left out. */
export function trackingTemplate(fields: Fields, macros: MacroChoices): string {
  return FIELDS.flatMap((f) => {
    const macro = (MACRO_FIELDS as Field[]).includes(f.id) ? macros[f.id as MacroField] : "";
    if (macro) return [templatePair(f.label, { macro })];
    const text = fields[f.id].trim();
    return text ? [templatePair(f.label, { text })] : [];
  }).join("&");
}

function toScheme(f: Fields): UtmScheme {
  const scheme: UtmScheme = { source: f.source.trim(), medium: f.medium.trim(), campaign: f.campaign.trim() };
  if (f.content.trim()) scheme.content = f.content.trim();
  if (f.term.trim()) scheme.term = f.term.trim();
  return scheme;
}

/** A file name without characters desktops refuse. */
function fileName(campaign: string): string {
  const base = campaign.trim() || "tagged-urls";
  return `${base}.csv`.replace(/[/\\:*?"<>|\u0000-\u001f]/g, "-");
}

export function TemplateBuilder(props: {
  bases: string;
  onBases: (text: string) => void;
  onCheck: (urls: string[]) => void;
  /** Checks the URLs with this as the campaign's tracking template. */
  onUseTemplate?: (template: string) => void;
}) {
  const toast = useToast();
  // What the user typed is kept while they are elsewhere.
  const [name, setName] = useKept("utm:template:name", "");
  const [fields, setFields] = useKept<Fields>("utm:template:fields", EMPTY);
  // Fields the user typed in keep their value when the campaign name changes. One set for the
  // window, changed in place (it is never shown, only consulted).
  const [touched] = useKept("utm:template:touched", () => new Set<Field>());
  const [recommended, setRecommended] = useKept<UtmScheme | null>("utm:template:recommended", null);
  const [output, setOutput] = useKept<TemplateOutput | null>("utm:template:output", null);
  const [error, setError] = useKept<string | null>("utm:template:error", null);
  const [macros, setMacros] = useKept<MacroChoices>("utm:template:macros", NO_MACROS);
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    if (!name.trim()) return;
    let live = true;
    const timer = window.setTimeout(() => {
      api.recommendedUtmScheme(name).then(
        (s) => {
          if (!live) return;
          setRecommended(s);
          setFields((prev) => {
            const next = { ...prev };
            const rec: Fields = { source: s.source, medium: s.medium, campaign: s.campaign, content: s.content ?? "", term: s.term ?? "" };
            for (const k of Object.keys(rec) as Field[]) if (!touched.has(k) && (rec[k] || k === "campaign")) next[k] = rec[k];
            return next;
          });
        },
        (e) => live && setError(errorMessage(e)),
      );
    }, 200);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [name]);

  const bases = lines(props.bases);
  const scheme = toScheme(fields);
  const ready = bases.length > 0 && scheme.source !== "" && scheme.medium !== "" && scheme.campaign !== "";
  const schemeKey = JSON.stringify(scheme);
  const basesKey = bases.join("\n");

  useEffect(() => {
    if (!ready) {
      setOutput(null);
      return;
    }
    let live = true;
    const timer = window.setTimeout(() => {
      api.utmTemplate(basesKey.split("\n"), JSON.parse(schemeKey) as UtmScheme).then(
        (out) => {
          if (!live) return;
          setOutput(out);
          setError(null);
        },
        (e) => live && setError(errorMessage(e)),
      );
    }, 200);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [ready, basesKey, schemeKey]);

  const edit = (k: Field, v: string) => {
    touched.add(k);
    setFields((f) => ({ ...f, [k]: v }));
  };

  const useRecommended = () => {
    if (!recommended) return;
    touched.clear();
    setFields({ source: recommended.source, medium: recommended.medium, campaign: recommended.campaign, content: recommended.content ?? "", term: recommended.term ?? "" });
  };

  const exportCsv = async (saveAs: boolean) => {
    if (!ready) return;
    let path: string | null = null;
    try {
      if (saveAs) {
        path = await api.chooseSavePath("Save the tagged URLs as CSV", fileName(scheme.campaign));
        if (path === null) return;
      }
      setExporting(true);
      // Built again so the file matches the fields exactly, even right after typing.
      const fresh = await api.utmTemplate(bases, scheme);
      setOutput(fresh);
      const written = await api.exportUtmTemplate(fresh, path);
      toast(`Saved the tagged URLs to ${written}`);
    } catch (e) {
      toast(errorMessage(e), { tone: "error" });
    } finally {
      setExporting(false);
    }
  };

  const tagged = output?.urls ?? [];
  const template = trackingTemplate(fields, macros);
  const templateReady = fields.source.trim() !== "" && fields.medium.trim() !== "" && (macros.campaign !== "" || fields.campaign.trim() !== "");
  const differs =
    recommended !== null &&
    (fields.source.trim() !== recommended.source || fields.medium.trim() !== recommended.medium);

  return (
    <div className="utm-template" data-testid="utm-template">
      <p className="muted">
        Tag every landing page of a ChatGPT campaign the same way. OpenAI keeps these tags on ad clicks and adds its own click id
        (oppref) at the end. In a landing page's URL nothing in braces is filled in, so every value there is plain text; OpenAI fills
        in its macros only in a tracking template (below).
      </p>
      <div className="two-col">
        <div>
          <label className="field-label" htmlFor="utm-campaign-name">
            Campaign name
          </label>
          <input
            id="utm-campaign-name"
            data-testid="utm-campaign-name"
            placeholder="Spring Sale 2026"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <p className="muted small utm-hint">We suggest utm_source=chatgpt, utm_medium=cpc and a clean campaign value. You can change any of them.</p>
          <div className="utm-fields">
            {FIELDS.map((f) => (
              <div key={f.id} className="utm-field">
                <label className="field-label" htmlFor={`utm-field-${f.id}`}>
                  {f.label}
                  {f.optional && <span className="muted"> (optional)</span>}
                </label>
                <input
                  id={`utm-field-${f.id}`}
                  data-testid={`utm-field-${f.id}`}
                  value={fields[f.id]}
                  spellCheck={false}
                  onChange={(e) => edit(f.id, e.target.value)}
                />
                <span className="muted small">{f.hint}</span>
              </div>
            ))}
          </div>
          {differs && (
            <p className="small utm-risk utm-risk-warn">
              You changed the recommended source or medium ({recommended.source} / {recommended.medium}). Use the same values in every
              ChatGPT campaign so reports do not split.{" "}
              <button className="link-button small" onClick={useRecommended}>
                Use the recommended tags
              </button>
            </p>
          )}
        </div>
        <div>
          <label className="field-label" htmlFor="utm-bases">
            Landing pages, one per line
          </label>
          <textarea
            id="utm-bases"
            data-testid="utm-bases"
            rows={10}
            spellCheck={false}
            placeholder={"https://www.example.com/spring\nhttps://www.example.com/pricing"}
            value={props.bases}
            onChange={(e) => props.onBases(e.target.value)}
          />
          <p className="muted small utm-hint">Existing UTMs are replaced; other parameters and anything after # are kept.</p>
        </div>
      </div>

      {error && <p className="error-text small" role="alert">{error}</p>}

      <section className="card utm-preview" aria-labelledby="utm-preview-title" data-testid="template-preview">
        <div className="card-header">
          <h2 id="utm-preview-title">Tagged URLs</h2>
          <div className="header-actions">
            <CopyButton
              text={tagged.map((t) => t.tagged_url).join("\n")}
              label="Copy all"
              done={`Copied ${plural(tagged.length, "tagged URL", "tagged URLs")}.`}
              testId="copy-all-tagged"
              disabled={tagged.length === 0}
            />
            <button className="button button-small" disabled={tagged.length === 0} onClick={() => props.onCheck(tagged.map((t) => t.tagged_url))}>
              Check them
            </button>
            <button className="button button-small" data-testid="template-export" disabled={!ready || exporting} onClick={() => void exportCsv(false)}>
              {exporting ? "Saving…" : "Export CSV"}
            </button>
            <button className="button button-small" data-testid="template-export-as" disabled={!ready || exporting} onClick={() => void exportCsv(true)}>
              Save as…
            </button>
          </div>
        </div>
        {!ready ? (
          <p className="muted small">
            {bases.length === 0
              ? "Paste the landing pages to tag; the tagged URLs appear here as you type."
              : "Fill in utm_source, utm_medium and utm_campaign (or type a campaign name) to see the tagged URLs."}
          </p>
        ) : (
          <>
            {output && output.issues.length > 0 && (
              <ul className="utm-issues" data-testid="template-issues">
                {output.issues.map((i, n) => (
                  <li key={n} className="invalid-line small">
                    <code>{i.base_url}</code> — {i.reason}
                  </li>
                ))}
              </ul>
            )}
            <ul className="utm-tagged-list">
              {tagged.slice(0, SHOWN).map((t, i) => (
                <li key={`${i}-${t.base_url}`} data-testid="tagged-url">
                  <div className="utm-tagged-text">
                    <span className="muted small url">{t.base_url}</span>
                    <code className="url">{t.tagged_url}</code>
                  </div>
                  <CopyButton text={t.tagged_url} ariaLabel={`Copy the tagged URL for ${t.base_url}`} done="Copied the tagged URL." />
                </li>
              ))}
            </ul>
            {tagged.length > SHOWN && <p className="muted small">…and {tagged.length - SHOWN} more, included in Copy all and the export.</p>}
          </>
        )}
      </section>

      <section className="card utm-tracking-template" aria-labelledby="utm-tracking-template-title" data-testid="tracking-template">
        <div className="card-header">
          <h2 id="utm-tracking-template-title">As an OpenAI tracking template</h2>
          <div className="header-actions">
            <CopyButton text={template} done="Copied the tracking template." testId="copy-tracking-template" disabled={!templateReady} />
            {props.onUseTemplate && (
              <button
                className="button button-small"
                data-testid="use-tracking-template"
                disabled={!templateReady}
                onClick={() => props.onUseTemplate?.(template)}
              >
                Check URLs with it
              </button>
            )}
          </div>
        </div>
        <p className="muted small">
          Instead of tagging every landing page, paste this into the tracking template (query_string_template) of your ad account,
          campaign, ad group or ad. OpenAI adds it to every click on those ads; a parameter already in a landing page's URL wins over
          the template's.
        </p>
        <div className="utm-macro-choices">
          {MACRO_FIELDS.map((k) => {
            const typed = fields[k].trim();
            return (
              <div key={k} className="utm-field">
                <label className="field-label" htmlFor={`utm-macro-${k}`}>
                  utm_{k} in the template
                </label>
                <select
                  id={`utm-macro-${k}`}
                  data-testid={`utm-macro-${k}`}
                  value={macros[k]}
                  onChange={(e) => setMacros((m) => ({ ...m, [k]: e.target.value }))}
                >
                  <option value="">{typed ? `As typed above (${typed})` : "As typed above (left out while empty)"}</option>
                  {OPENAI_MACROS.map((m) => (
                    <option key={m.name} value={m.name}>
                      {m.text}: {m.meaning}
                    </option>
                  ))}
                </select>
              </div>
            );
          })}
        </div>
        {templateReady ? (
          <div className="utm-template-out">
            <code className="url" data-testid="tracking-template-text">
              {template}
            </code>
          </div>
        ) : (
          <p className="muted small">Fill in utm_source, utm_medium and utm_campaign (or choose a macro for it) to see the template.</p>
        )}
      </section>
    </div>
  );
}
