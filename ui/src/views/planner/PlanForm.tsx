// The plan's inputs, grouped the way a marketer thinks about them. Every field shows where its
// number comes from: the user, a preset (with the preset's reason) or a planner default.
import { useId, type ReactNode } from "react";
import type { Assumption, PlanField } from "../../bindings";
import { fieldMeta, PARTS, textFromInput, withMode, type Catalogue, type FieldError, type FieldKey, type FieldText, type FormState, type Part } from "./fields";
import { fmtPercent, parseNumber } from "./numbers";
import { LagImportBox, type LagImportResult } from "./LagImportBox";

type Props = {
  form: FormState;
  /** The planner's field catalogue: every label, help text, kind and unit. */
  catalogue: Catalogue;
  /** Written before an amount: the plan's currency sign ("$", "€", "SEK "), or "" for plain numbers. */
  moneyPrefix: string;
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
      meta={fieldMeta(props.catalogue, key)}
      moneyPrefix={props.moneyPrefix}
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
        <CurrencyRow
          prefix={prefix}
          meta={fieldMeta(props.catalogue, "currency")}
          value={form.currency}
          onChange={(currency) => onChange({ ...form, currency })}
          errors={props.errors.filter((e) => e.field === "currency")}
        />
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

/** The plan's currency: an ISO 4217 code, or empty for plain numbers. */
function CurrencyRow(props: { prefix: string; meta: PlanField; value: string; onChange: (v: string) => void; errors: FieldError[] }) {
  const id = `${props.prefix}-currency`;
  const hasError = props.errors.length > 0;
  return (
    <div className={`pl-field ${hasError ? "pl-field-error" : ""}`} data-testid="field-currency" data-field="currency">
      <div className="pl-field-head">
        <label htmlFor={id} className="pl-label">
          {props.meta.label}
        </label>
      </div>
      <div className="pl-input-row">
        <input
          id={id}
          autoComplete="off"
          maxLength={3}
          value={props.value}
          placeholder="USD"
          aria-invalid={hasError || undefined}
          aria-describedby={`${id}-help${hasError ? ` ${id}-error` : ""}`}
          onChange={(e) => props.onChange(e.target.value)}
        />
      </div>
      <p id={`${id}-help`} className="pl-help muted small">
        {props.meta.help}
      </p>
      {hasError && (
        <div id={`${id}-error`} className="pl-error" role="alert" data-testid="error-currency">
          {props.errors.map((e, i) => (
            <p key={i}>{e.message}</p>
          ))}
        </div>
      )}
    </div>
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
  meta: PlanField;
  moneyPrefix: string;
  text: FieldText;
  onText: (t: FieldText) => void;
  errors: FieldError[];
  assumption: Assumption | null;
  presetReason: string | null;
}) {
  const { fieldKey: key, text, prefix, meta } = props;
  const helpId = `${prefix}-${key}-help`;
  const errorId = `${prefix}-${key}-error`;
  const hasError = props.errors.length > 0;
  const describedBy = [helpId, hasError ? errorId : null].filter(Boolean).join(" ");
  const invalid = (part: Part | null) => props.errors.some((e) => e.part === part || e.part === null);
  // Money takes the plan's currency sign before the number; the catalogue's unit goes after it.
  const sign = meta.kind === "money" ? props.moneyPrefix.trim() : "";
  const unit = meta.unit ?? "";
  const rangeUnit = [sign, unit].filter(Boolean).join(" ");
  const hint = meta.kind === "percent" ? shareHint(text) : null;
  const isRange = meta.ranged && text.mode === "range";
  const labelId = `${prefix}-${key}-label`;

  const override = () => {
    const a = props.assumption;
    const parsed = a?.input !== undefined ? textFromInput(a.input) : null;
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
            {rangeUnit ? ` (${rangeUnit})` : ""}
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
          {sign && <span className="pl-unit" aria-hidden="true">{sign}</span>}
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
          {unit && <span className="pl-unit">{unit}</span>}
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
