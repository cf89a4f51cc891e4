// The answer: one headline, the waterfall, every layer with its range, what matters most, and
// what to watch out for.
import type { Assumption, PlanReport, PlanWarning } from "../../bindings";
import { Badge } from "../../components/Bits";
import { fieldLabel, type Catalogue } from "./fields";
import { Layers } from "./Layers";
import { fmtNumber, fmtPercent, fmtRatio } from "./numbers";
import { Tornado, TornadoLegend } from "./Tornado";
import { breakEvenChance, chanceTone, planVerdict, type PlanTone } from "./verdict";
import { Waterfall } from "./Waterfall";

export function Summary({ report }: { report: PlanReport }) {
  const { point, money } = report;
  const l1 = point.layers.standard.roas;
  const l4 = point.layers.halo.roas;
  const be = point.break_even_roas;
  const verdict = planVerdict(report);
  const chance = breakEvenChance(report);
  return (
    <div className={`pl-summary pl-summary-${verdict.tone}`} data-testid="plan-summary" data-tone={verdict.tone}>
      <div>
        <div className="pl-summary-title" data-testid="plan-verdict">
          {verdict.headline}
        </div>
        <p className="small">
          Ads Manager will show {fmtRatio(l1)}. Counting late buyers, sales that would have happened anyway and the AI
          visibility lift, the real return is {fmtRatio(l4)}: each {money.one} spent brings back {money.layers.halo.per_one} in revenue.
        </p>
        <p className="small muted">
          {fmtPercent(point.f_in)} of conversions happen inside the {fmtNumber(point.window_days, 1)}-day window;{" "}
          {fmtPercent(point.implied_eventual_cvr, 2)} of clicks eventually convert.
        </p>
      </div>
      <div className="pl-stats">
        <Stat label="Ads Manager shows (L1)" value={fmtRatio(l1)} />
        <Stat label="Real return (L4)" value={fmtRatio(l4)} />
        <Stat label="Break-even ROAS" value={fmtRatio(be)} hint={`1 ÷ margin of ${fmtPercent(point.margin, 0)}`} />
        {chance !== null && (
          <Stat
            label="Chance to break even"
            value={fmtPercent(chance, 0)}
            hint="Share of simulated outcomes at or above break-even"
            tone={chanceTone(report)}
          />
        )}
      </div>
    </div>
  );
}

function Stat({ label, value, hint, tone }: { label: string; value: string; hint?: string; tone?: PlanTone }) {
  return (
    <div className={`pl-stat${tone ? ` pl-stat-${tone}` : ""}`} title={hint} data-tone={tone}>
      <div className="stat-value">{value}</div>
      <div className="stat-label">{label}</div>
    </div>
  );
}

export function Warnings({ warnings }: { warnings: PlanWarning[] }) {
  if (warnings.length === 0) return <p className="muted">Nothing to watch out for in this plan.</p>;
  const sorted = [...warnings].sort((a, b) => (a.level === b.level ? 0 : a.level === "warning" ? -1 : 1));
  return (
    <ul className="pl-warnings" data-testid="warnings">
      {sorted.map((w) => (
        <li key={w.id} className={`pl-warning pl-warning-${w.level}`}>
          <div className="pl-warning-head">
            <Badge tone={w.level === "warning" ? "warn" : "neutral"}>{w.level === "warning" ? "Warning" : "Note"}</Badge>
            <strong>{w.title}</strong>
          </div>
          {w.detail && <p className="small">{w.detail}</p>}
          {w.remedy && <p className="remedy small">{w.remedy}</p>}
        </li>
      ))}
    </ul>
  );
}

export function Assumptions({
  assumptions,
  catalogue,
  onOverride,
}: {
  assumptions: Assumption[];
  catalogue: Catalogue;
  onOverride: (a: Assumption) => void;
}) {
  if (assumptions.length === 0) {
    return <p className="muted small">Every input is your own number or a preset value: the planner assumed nothing.</p>;
  }
  return (
    <ul className="pl-assumptions" data-testid="assumptions">
      {assumptions.map((a) => (
        <li key={a.field}>
          <div>
            <strong>{fieldLabel(catalogue, a.field)}</strong>: {a.value}
            <span className="muted small pl-block">{a.reason}</span>
          </div>
          <button type="button" className="button button-small" onClick={() => onOverride(a)} aria-label={`Override ${fieldLabel(catalogue, a.field)}`}>
            Override
          </button>
        </li>
      ))}
    </ul>
  );
}

export function Results({ report, catalogue, onOverride }: { report: PlanReport; catalogue: Catalogue; onOverride: (a: Assumption) => void }) {
  return (
    <>
      <Summary report={report} />
      <section className="card" aria-labelledby="pl-waterfall-title">
        <h2 id="pl-waterfall-title">From Ads Manager to the real return</h2>
        <Waterfall
          steps={report.point.waterfall}
          revenueText={report.money.waterfall}
          one={report.money.one}
          breakEven={report.point.break_even_roas}
        />
      </section>
      <section className="card" aria-labelledby="pl-layers-title">
        <h2 id="pl-layers-title">The four layers</h2>
        <Layers report={report} />
      </section>
      <section className="card" aria-labelledby="pl-tornado-title">
        <h2 id="pl-tornado-title">What moves the result most</h2>
        <Tornado bars={report.tornado} base={report.point.layers.halo.roas} catalogue={catalogue} />
        {report.tornado.length > 0 && <TornadoLegend />}
      </section>
      <section className="card" aria-labelledby="pl-warnings-title">
        <h2 id="pl-warnings-title">Worth knowing</h2>
        <Warnings warnings={report.warnings} />
      </section>
      <section className="card" aria-labelledby="pl-assumptions-title">
        <h2 id="pl-assumptions-title">Assumptions the planner made</h2>
        <p className="muted small">Fields you left empty use these defaults. Override any of them with your own number.</p>
        <Assumptions assumptions={report.assumptions} catalogue={catalogue} onOverride={onOverride} />
      </section>
    </>
  );
}
