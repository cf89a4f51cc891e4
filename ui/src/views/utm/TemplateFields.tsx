// The optional tracking templates of the ad account, campaign, ad group and ad, folded away until
// the user opens them. Each level has one line of help; OpenAI's documented macros are listed.
import type { TemplateLevel } from "../../bindings";
import { plural } from "../../format";
import { LEVELS, OPENAI_MACROS, templateCount, type TemplateFields as Fields } from "./tracking";

export function TemplateFields(props: {
  value: Fields;
  onChange: (level: TemplateLevel, text: string) => void;
  open: boolean;
  onOpen: (open: boolean) => void;
}) {
  const set = templateCount(props.value);
  return (
    <div className="utm-templates" data-testid="tracking-templates">
      <button
        type="button"
        className="utm-templates-toggle"
        aria-expanded={props.open}
        aria-controls="utm-templates-body"
        data-testid="tracking-templates-toggle"
        onClick={() => props.onOpen(!props.open)}
      >
        <span className="utm-chevron" aria-hidden="true">
          {props.open ? "▾" : "▸"}
        </span>
        <strong>Tracking templates (optional)</strong>
        <span className="muted small">{set > 0 ? `${plural(set, "template", "templates")} set` : "None set"}</span>
      </button>
      {props.open && (
        <div id="utm-templates-body" className="utm-templates-body">
          <p className="muted small">
            If your ad account, campaigns, ad groups or ads have a tracking template (query_string_template), paste it here to see the
            URL a click really opens. OpenAI adds each template's parameters to the destination URL; the URL's own parameters come
            first, then the ad's, the ad group's, the campaign's and the ad account's.
          </p>
          <div className="utm-template-levels">
            {LEVELS.map((l) => (
              <div key={l.id} className="utm-field">
                <label className="field-label" htmlFor={`utm-template-${l.id}`}>
                  {l.label}
                </label>
                <input
                  id={`utm-template-${l.id}`}
                  data-testid={`utm-template-${l.id}`}
                  value={props.value[l.id]}
                  spellCheck={false}
                  autoComplete="off"
                  placeholder={l.id === "campaign" ? "utm_source=chatgpt&utm_medium=cpc&utm_campaign={campaign_id}" : ""}
                  aria-describedby={`utm-template-${l.id}-help`}
                  onChange={(e) => props.onChange(l.id, e.target.value)}
                />
                <span id={`utm-template-${l.id}-help`} className="muted small">
                  {l.help}
                </span>
              </div>
            ))}
          </div>
          <div className="small utm-macros" data-testid="template-macros">
            <span>OpenAI fills in these macros on every click:</span>
            <ul>
              {OPENAI_MACROS.map((m) => (
                <li key={m.name}>
                  <code>{m.text}</code> <span className="muted">{m.meaning}</span>
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </div>
  );
}
