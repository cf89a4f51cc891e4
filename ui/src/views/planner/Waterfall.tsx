// From what Ads Manager shows to the real return, one step per layer, drawn from the numbers.
import { useState } from "react";
import type { WaterfallStep } from "../../bindings";
import { STEP_EXPLAIN, STEP_NAME } from "./layers";
import { fmtRatio, fmtSignedRatio } from "./numbers";

type Metric = "roas" | "revenue";

const ROW = 46;
const BAR = 26;
const LABEL_W = 190;
const VALUE_W = 96;
const WIDTH = 640;
const TOP = 22;

const num = (x: number) => (Number.isFinite(x) ? x : 0);

/**
 * `revenueText` is the planner's text for each step's revenue (`PlanReport.money.waterfall`), in
 * the plan's currency; `one` is one unit of it ("$1.00").
 */
export function Waterfall({ steps, revenueText, one, breakEven }: { steps: WaterfallStep[]; revenueText: string[]; one: string; breakEven: number }) {
  const [metric, setMetric] = useState<Metric>("roas");
  const value = (s: WaterfallStep) => (metric === "roas" ? s.roas : s.revenue);
  const after = (s: WaterfallStep) => (metric === "roas" ? s.roas_after : s.revenue_after);
  const spans = steps.map((s) => {
    const end = num(after(s));
    const start = s.is_total ? 0 : end - num(value(s));
    return { start, end };
  });
  const candidates = spans.flatMap((s) => [s.start, s.end]);
  if (metric === "roas" && Number.isFinite(breakEven)) candidates.push(breakEven);
  const max = Math.max(0, ...candidates);
  const min = Math.min(0, ...candidates);
  const span = max - min > 0 ? max - min : 1;
  const plotW = WIDTH - LABEL_W - VALUE_W - 10;
  const x = (v: number) => LABEL_W + ((v - min) / span) * plotW;
  const height = TOP + steps.length * ROW + 8;
  const fmt = (s: WaterfallStep, i: number) =>
    metric === "roas" ? (s.is_total ? fmtRatio(s.roas) : fmtSignedRatio(s.roas)) : (revenueText[i] ?? "—");

  return (
    <div className="pl-waterfall">
      <div className="pl-chart-head">
        <p className="muted small">
          {metric === "roas" ? `Return per ${one} spent, layer by layer.` : "Revenue, layer by layer."}
        </p>
        <div className="segmented" role="group" aria-label="Show the waterfall as">
          <button type="button" className={metric === "roas" ? "active" : ""} aria-pressed={metric === "roas"} onClick={() => setMetric("roas")}>
            ROAS
          </button>
          <button type="button" className={metric === "revenue" ? "active" : ""} aria-pressed={metric === "revenue"} onClick={() => setMetric("revenue")}>
            Revenue
          </button>
        </div>
      </div>
      <svg
        className="pl-svg"
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="group"
        aria-label={metric === "roas" ? "Waterfall of ROAS by layer" : "Waterfall of revenue by layer"}
        data-testid="waterfall"
      >
        {steps.map((s, i) => {
          const { start, end } = spans[i];
          const left = x(Math.min(start, end));
          const w = Math.max(Math.abs(x(end) - x(start)), 1.5);
          const y = TOP + i * ROW;
          const tone = s.is_total ? "total" : num(value(s)) < 0 ? "down" : "up";
          const label = `${STEP_NAME[s.step]}: ${fmt(s, i)}. ${STEP_EXPLAIN[s.step]}`;
          return (
            <g key={s.step} role="img" aria-label={label} data-testid="waterfall-bar">
              <title>{label}</title>
              <text x={0} y={y + BAR / 2 + 4} className="pl-svg-label">
                {STEP_NAME[s.step]}
              </text>
              <rect x={left} y={y} width={w} height={BAR} rx={3} className={`pl-bar pl-bar-${tone}`} />
              {i < steps.length - 1 && (
                <line x1={x(end)} x2={x(end)} y1={y + BAR} y2={y + ROW} className="pl-connector" />
              )}
              <text x={WIDTH - 4} y={y + BAR / 2 + 4} textAnchor="end" className="pl-svg-value">
                {fmt(s, i)}
              </text>
            </g>
          );
        })}
        {metric === "roas" && Number.isFinite(breakEven) && (
          <g aria-hidden="true">
            <line x1={x(breakEven)} x2={x(breakEven)} y1={TOP - 6} y2={height - 4} className="pl-breakeven" />
            <text x={Math.min(Math.max(x(breakEven), LABEL_W + 50), WIDTH - VALUE_W - 50)} y={12} textAnchor="middle" className="pl-svg-note">
              break-even {fmtRatio(breakEven)}
            </text>
          </g>
        )}
      </svg>
    </div>
  );
}
