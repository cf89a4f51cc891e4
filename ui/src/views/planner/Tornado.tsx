// Which inputs move the real return (L4 ROAS) most between their low and high values. Colour
// means the outcome: green where that end of the input makes the return better than the likely
// result, red where it makes it worse, whichever end of the input that is (a high cost per click
// is red, a high conversion rate green).
import type { TornadoBar } from "../../bindings";
import { fieldLabel, type Catalogue } from "./fields";
import { fmtNumber, fmtRatio } from "./numbers";

const ROW = 34;
const BAR = 20;
const LABEL_W = 240;
/** Longer labels are cut short here; the whole label is in the bar's tooltip. */
const LABEL_CHARS = 32;
const VALUE_W = 120;
const WIDTH = 640;
const TOP = 20;

export function Tornado({ bars, base, catalogue }: { bars: TornadoBar[]; base: number; catalogue: Catalogue }) {
  if (bars.length === 0) {
    return (
      <p className="muted" data-testid="tornado-empty">
        Every input is a single number. Give an input as a range (low, likely, high) to see which one matters most.
      </p>
    );
  }
  const values = bars.flatMap((b) => [b.l4_roas_at_low, b.l4_roas_at_high]).filter(Number.isFinite);
  if (Number.isFinite(base)) values.push(base);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min > 0 ? max - min : 1;
  const plotW = WIDTH - LABEL_W - VALUE_W - 10;
  const x = (v: number) => LABEL_W + ((Number.isFinite(v) ? v - min : 0) / span) * plotW;
  const height = TOP + bars.length * ROW;
  const baseX = x(Number.isFinite(base) ? base : min);

  return (
    <svg className="pl-svg" viewBox={`0 0 ${WIDTH} ${height}`} role="group" aria-label="What moves the real return most" data-testid="tornado">
      <text x={baseX} y={12} textAnchor="middle" className="pl-svg-note">
        likely {fmtRatio(base)}
      </text>
      {bars.map((b, i) => {
        const y = TOP + i * ROW;
        const name = fieldLabel(catalogue, b.input);
        const label = `${name}: from ${fmtNumber(b.low, 4)} to ${fmtNumber(b.high, 4)} moves the real return between ${fmtRatio(b.l4_roas_at_low)} and ${fmtRatio(b.l4_roas_at_high)}`;
        const seg = (v: number, end: "low" | "high") => {
          const a = Math.min(baseX, x(v));
          const outcome = tornadoOutcome(v, base);
          return (
            <rect
              x={a}
              y={y}
              width={Math.max(Math.abs(x(v) - baseX), 1)}
              height={BAR}
              className={`pl-tornado-${outcome}`}
              data-testid={`tornado-${end}`}
              data-outcome={outcome}
            />
          );
        };
        return (
          <g key={b.input} role="img" aria-label={label} data-testid="tornado-bar">
            <title>{label}</title>
            <text x={0} y={y + BAR / 2 + 4} className="pl-svg-label">
              {name.length > LABEL_CHARS ? `${name.slice(0, LABEL_CHARS - 1).trimEnd()}…` : name}
            </text>
            {seg(b.l4_roas_at_low, "low")}
            {seg(b.l4_roas_at_high, "high")}
            <text x={WIDTH - 4} y={y + BAR / 2 + 4} textAnchor="end" className="pl-svg-value">
              {fmtRatio(Math.min(b.l4_roas_at_low, b.l4_roas_at_high))} – {fmtRatio(Math.max(b.l4_roas_at_low, b.l4_roas_at_high))}
            </text>
          </g>
        );
      })}
      <line x1={baseX} x2={baseX} y1={TOP - 4} y2={height} className="pl-connector" aria-hidden="true" />
    </svg>
  );
}

/** Whether the return at one end of an input's range is better or worse than the likely result. */
export function tornadoOutcome(l4: number, base: number): "better" | "worse" {
  return Number.isFinite(l4) && Number.isFinite(base) && l4 < base ? "worse" : "better";
}

export function TornadoLegend() {
  return (
    <div className="muted small" data-testid="tornado-legend">
      <div className="pl-legend">
        <span className="pl-legend-item">
          <span className="pl-swatch pl-tornado-better" aria-hidden="true" /> Better return than the likely one
        </span>
        <span className="pl-legend-item">
          <span className="pl-swatch pl-tornado-worse" aria-hidden="true" /> Worse return
        </span>
      </div>
      <p>
        Each bar runs from the input’s low to its high value; point at a bar to see which end does what. Longest bar first:
        that is the number most worth checking.
      </p>
    </div>
  );
}
