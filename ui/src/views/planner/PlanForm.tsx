// The plan's inputs, grouped the way a marketer thinks about them. Every field shows where its
// number comes from: the user, a preset (with the preset's reason) or a planner default.
import { useId, type ReactNode } from "react";
import type { Assumption } from "../../bindings";
import { FIELDS, PARTS, textFromAssumption, withMode, type FieldError, type FieldKey, type FieldText, type FormState, type Part } from "./fields";
import { fmtPercent, parseNumber } from "./numbers";
import { LagImportBox, type LagImportResult } from "./LagImportBox";

type Props = {
  form: FormState;
  onChange: (form: FormState, touched?: FieldKey) => void;
  errors: FieldError[];
  assumptions: Assumption[];
  presetReasons: Record<string, string>;
  touched: ReadonlySet<string>;
  lagImport: LagImportResult | null;
  onLagImport: (result: LagImportResult) => void;
};

const PART_LABEL: Record<Part, string> = { low: "Low", likely: "Likely", high: "High" };

export function fieldInputId(prefix: string, key: string, part: Part | null): string {
  return `${prefix}-${key}${part ? `-${part}` : ""}`;
}

export function PlanForm(props: Props) {
  const prefix = useId().replace(/:/g, "");
  const { form, onChange } = props;

  const setText = (key: FieldKey, text: FieldText) => onChange({ ...form, values: { ...form.values, [key]: text } }, key);

  const row = (key: FieldKey) => (
    <FieldRow
      key={key}
      prefix={prefix}
      fieldKey={key}
      text={form.values[key]}
      onText={(t) => setText(key, t)}
      errors={props.errors.filter((e) => e.field === key)}
      assumption={props.assumptions.find((a) => a.field === key) ?? null}
      presetReason={props.touched.has(key) ? null : (props.presetReasons[key] ?? null)}
    />
  );

  return (
    <div className="pl-form">
      <Group title="Budget and cost">
        {row("spend")}
        <Choice
          legend="How you buy"
          name={`${prefix}-cost`}
          value={form.costMode}
          options={[
            ["cpc", "Per click (CPC)"],
            ["cpm", "Per 1,000 impressions (CPM)"],
          ]}
          onChange={(v) => onChange({ ...form, costMode: v })}
        />
        {form.costMode === "cpc" ? row("cpc") : [row("cpm"), row("ctr")]}
      </Group>

      <Group title="Conversions and value">
        {row("cvr")}
        <Choice
          legend="How a conversion is valued"
          name={`${prefix}-value`}
          value={form.valueMode}
          options={[
            ["value", "One value per conversion"],
            ["funnel", "From your sales funnel (leads)"],
          ]}
          onChange={(v) => onChange({ ...form, valueMode: v })}
        />
        {form.valueMode === "value" ? row("value") : [row("lead_to_opportunity"), row("win_rate"), row("deal_value")]}
        {row("margin")}
      </Group>

      <Group
        title="Time to convert"
        intro="Some people buy weeks after the click. Conversions after the attribution window never show up in Ads Manager."
      >
        {row("window_days")}
        <Choice
          legend="How long people take"
          name={`${prefix}-lag`}
          value={form.lagMode}
          options={[
            ["lognormal", "Typical time and spread"],
            ["table", "From your CRM export"],
          ]}
          onChange={(v) => onChange({ ...form, lagMode: v })}
        />
        {form.lagMode === "lognormal" ? [row("lag_median_days"), row("lag_sigma")] : null}
        <LagImportBox
          form={form}
          result={props.lagImport}
          errors={props.errors.filter((e) => e.field === "lag_table")}
          onImported={(r) => {
            props.onLagImport(r);
            onChange({ ...form, lagMode: "table", lagTable: r.lag_table });
          }}
        />
      </Group>

      <Group title="Would it have happened anyway?" intro="Some buyers would have found you without the ad. They should not count as a return on it.">
        {row("cannibalization")}
      </Group>

      <Group title="AI visibility halo" intro="Brands that AI answers already cite tend to get more from their ads.">
        {row("ai_citation_share")}
        {row("ai_lift")}
      </Group>

      <Group title="Reach (optional)" intro="How many people the ads can reach. For information only; it does not change the return.">
        <label className="pl-check">
          <input type="checkbox" checked={form.reach} onChange={(e) => onChange({ ...form, reach: e.target.checked })} />
          Include a reach estimate
        </label>
        {form.reach && (["audience", "free_and_go_share", "quarterly_opt_out", "quarters"] as const).map(row)}
      </Group>
    </div>
  );
}

function Group({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  return (
    <section className="pl-group" aria-label={title}>
      <h3>{title}</h3>
      {intro && <p className="muted small">{intro}</p>}
      {children}
    </section>
  );
}

function Choice<T extends string>(props: {
  legend: string;
  name: string;
  value: T;
  options: [T, string][];
  onChange: (v: T) => void;
}) {
  return (
    <fieldset className="pl-choice">
      <legend>{props.legend}</legend>
      {props.options.map(([v, label]) => (
        <label key={v}>
          <input type="radio" name={props.name} value={v} checked={props.value === v} onChange={() => props.onChange(v)} />
          {label}
        </label>
      ))}
    </fieldset>
  );
}

/** "= 3%" under a share, so 0.03 and 3 % are never confused. */
function shareHint(t: FieldText): string | null {
  const show = (s: string) => {
    const n = parseNumber(s, true);
    return n === null ? null : fmtPercent(n, 2);
  };
  if (t.mode === "point") {
    const p = show(t.point);
    return p ? `= ${p}` : null;
  }
  const [low, likely, high] = [show(t.low), show(t.likely), show(t.high)];
  return low && likely && high ? `= ${low} to ${high}, likely ${likely}` : null;
}

function FieldRow(props: {
  prefix: string;
  fieldKey: FieldKey;
  text: FieldText;
  onText: (t: FieldText) => void;
  errors: FieldError[];
  assumption: Assumption | null;
  presetReason: string | null;
}) {
  const { fieldKey: key, text, prefix } = props;
  const meta = FIELDS[key];
  const helpId = `${prefix}-${key}-help`;
  const errorId = `${prefix}-${key}-error`;
  const hasError = props.errors.length > 0;
  const describedBy = [helpId, hasError ? errorId : null].filter(Boolean).join(" ");
  const invalid = (part: Part | null) => props.errors.some((e) => e.part === part || e.part === null);
  const unit = meta.kind === "days" ? "days" : meta.kind === "money" ? "$" : null;
  const hint = meta.kind === "share" ? shareHint(text) : null;
  const isRange = meta.ranged && text.mode === "range";
  const labelId = `${prefix}-${key}-label`;

  const override = () => {
    const a = props.assumption;
    const parsed = a ? textFromAssumption(a.value) : null;
    props.onText(parsed ?? text);
    // Focus after the field has re-rendered with the value.
    window.setTimeout(() => {
      const part = parsed?.mode === "range" ? "likely" : null;
      document.getElementById(fieldInputId(prefix, key, part))?.focus();
    }, 0);
  };

  return (
    <div className={`pl-field ${hasError ? "pl-field-error" : ""}`} data-testid={`field-${key}`} data-field={key}>
      <div className="pl-field-head">
        {isRange ? (
          <span id={labelId} className="pl-label">
            {meta.label}
            {unit === "days" ? " (days)" : unit === "$" ? " ($)" : ""}
          </span>
        ) : (
          <label htmlFor={fieldInputId(prefix, key, null)} className="pl-label">
            {meta.label}
          </label>
        )}
        {meta.ranged && (
          <button
            type="button"
            className="link-button small"
            aria-label={text.mode === "point" ? `Give ${meta.label} as a range` : `Give ${meta.label} as one number`}
            onClick={() => props.onText(withMode(text, text.mode === "point" ? "range" : "point"))}
          >
            {text.mode === "point" ? "Use a range" : "Use one number"}
          </button>
        )}
      </div>
      {!isRange ? (
        <div className="pl-input-row">
          {unit === "$" && <span className="pl-unit" aria-hidden="true">$</span>}
          <input
            id={fieldInputId(prefix, key, null)}
            inputMode="decimal"
            autoComplete="off"
            value={text.point}
            placeholder={props.assumption ? props.assumption.value : ""}
            aria-invalid={invalid(null) || undefined}
            aria-describedby={describedBy}
            onChange={(e) => props.onText({ ...text, point: e.target.value })}
          />
          {unit === "days" && <span className="pl-unit">days</span>}
        </div>
      ) : (
        <div className="pl-range" role="group" aria-labelledby={labelId}>
          {PARTS.map((part) => (
            <div key={part} className="pl-range-part">
              <label htmlFor={fieldInputId(prefix, key, part)} className="pl-part-label">
                {PART_LABEL[part]}
                <span className="pl-sr-only"> {meta.label}</span>
              </label>
              <input
                id={fieldInputId(prefix, key, part)}
                inputMode="decimal"
                autoComplete="off"
                value={text[part]}
                aria-invalid={invalid(part) || undefined}
                aria-describedby={describedBy}
                onChange={(e) => props.onText({ ...text, [part]: e.target.value })}
              />
            </div>
          ))}
        </div>
      )}
      {hint && <div className="pl-hint muted small">{hint}</div>}
      <p id={helpId} className="pl-help muted small">
        {meta.help}
      </p>
      {props.presetReason && <p className="pl-why small">Why this number: {props.presetReason}</p>}
      {props.assumption && (
        <p className="pl-assumed small" data-testid={`assumed-${key}`}>
          <span className="pl-assumed-tag">Assumed</span> {props.assumption.value}: {props.assumption.reason}{" "}
          <button type="button" className="link-button" onClick={override} aria-label={`Override the assumed ${meta.label}`}>
            Override
          </button>
        </p>
      )}
      {hasError && (
        <div id={errorId} className="pl-error" role="alert" data-testid={`error-${key}`}>
          {props.errors.map((e, i) => (
            <p key={i}>{e.message}</p>
          ))}
        </div>
      )}
    </div>
  );
}
