// Every layer with its likely value, its range from the simulation and what it means.
import type { PlanReport, Spread } from "../../bindings";
import { LAYERS } from "./layers";
import { fmtCount, fmtRatio } from "./numbers";

const BAND_W = 200;
const BAND_H = 22;

const finite = (x: number) => Number.isFinite(x);

/** One layer's P10–P90 band with its median, on a scale shared by all layers. */
function Band({ spread, likely, min, max, breakEven, label }: { spread: Spread; likely: number; min: number; max: number; breakEven: number; label: string }) {
  const span = max - min > 0 ? max - min : 1;
  const x = (v: number) => (finite(v) ? 4 + ((v - min) / span) * (BAND_W - 8) : 4);
  const lo = x(spread.p10);
  const hi = x(spread.p90);
  return (
    <svg className="pl-band" viewBox={`0 0 ${BAND_W} ${BAND_H}`} width={BAND_W} height={BAND_H} role="img" aria-label={label}>
      <line x1={4} x2={BAND_W - 4} y1={BAND_H / 2} y2={BAND_H / 2} className="pl-band-axis" />
      {finite(breakEven) && breakEven >= min && breakEven <= max && (
        <line x1={x(breakEven)} x2={x(breakEven)} y1={1} y2={BAND_H - 1} className="pl-breakeven" />
      )}
      <rect x={lo} y={5} width={Math.max(hi - lo, 2)} height={BAND_H - 10} rx={3} className="pl-band-range" />
      <line x1={x(spread.p50)} x2={x(spread.p50)} y1={3} y2={BAND_H - 3} className="pl-band-median" />
      {finite(likely) && <circle cx={x(likely)} cy={BAND_H / 2} r={3} className="pl-band-likely" />}
    </svg>
  );
}

export function Layers({ report }: { report: PlanReport }) {
  const { point, simulation, money } = report;
  const spreads = simulation?.layers ?? null;
  const values = LAYERS.flatMap((l) => {
    const s = spreads?.[l.key].roas;
    return [point.layers[l.key].roas, ...(s ? [s.p10, s.p90] : [])];
  }).filter(finite);
  if (finite(point.break_even_roas)) values.push(point.break_even_roas);
  const min = Math.min(0, ...values);
  const max = Math.max(0, ...values);

  return (
    <div className="pl-layers">
      <table className="data-table pl-layer-table" data-testid="layer-table">
        <thead>
          <tr>
            <th scope="col">Layer</th>
            <th scope="col">ROAS</th>
            {spreads && <th scope="col">Likely range (P10–P90)</th>}
            <th scope="col">Revenue</th>
            <th scope="col">Conversions</th>
            <th scope="col">Cost per conversion</th>
            <th scope="col" title="Profit on ad spend: ROAS × margin. Above 1 the ads pay for themselves.">
              Profit per {money.one} (POAS)
            </th>
          </tr>
        </thead>
        <tbody>
          {LAYERS.map((l) => {
            const r = point.layers[l.key];
            const s = spreads?.[l.key];
            const m = money.layers[l.key];
            return (
              <tr key={l.key} data-testid={`layer-${l.key}`}>
                <th scope="row" className="pl-layer-name">
                  <span className="pl-layer-code">{l.code}</span> {l.name}
                  <span className="pl-layer-explain muted small">{l.explain(point.window_days)}</span>
                </th>
                <td className="pl-num pl-strong">{fmtRatio(r.roas)}</td>
                {spreads && (
                  <td>
                    {s && (
                      <div className="pl-band-cell">
                        <Band
                          spread={s.roas}
                          likely={r.roas}
                          min={min}
                          max={max}
                          breakEven={point.break_even_roas}
                          label={`${l.name}: 8 in 10 outcomes between ${fmtRatio(s.roas.p10)} and ${fmtRatio(s.roas.p90)}, middle ${fmtRatio(s.roas.p50)}`}
                        />
                        <span className="small pl-num">
                          {fmtRatio(s.roas.p10)} – {fmtRatio(s.roas.p90)}
                        </span>
                      </div>
                    )}
                  </td>
                )}
                <td className="pl-num">
                  {m.revenue}
                  {m.revenue_spread && (
                    <span className="muted small pl-block">
                      {m.revenue_spread.p10} – {m.revenue_spread.p90}
                    </span>
                  )}
                </td>
                <td className="pl-num">
                  {fmtCount(r.conversions)}
                  {s && (
                    <span className="muted small pl-block">
                      {fmtCount(s.conversions.p10)} – {fmtCount(s.conversions.p90)}
                    </span>
                  )}
                </td>
                <td className="pl-num">{m.cpa}</td>
                <td className="pl-num">
                  {fmtRatio(r.poas)}
                  {s && (
                    <span className="muted small pl-block">
                      {fmtRatio(s.poas.p10)} – {fmtRatio(s.poas.p90)}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {spreads && simulation && (
        <p className="muted small">
          Ranges come from {fmtCount(simulation.draws)} simulated outcomes using the low / likely / high values you gave: 8 in 10
          outcomes fall inside the range (P10 to P90). The dot is the likely value; the dashed line is break-even.
        </p>
      )}
    </div>
  );
}
