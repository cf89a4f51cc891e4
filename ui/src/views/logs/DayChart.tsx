// Requests per day, stacked by kind of answer: a small SVG drawn by React, with the same numbers
// as a table for reading exact values and for screen readers.
import type { DaySummary } from "../../bindings";
import { plural } from "../../format";
import { CLASS_LABEL, CLASS_ORDER, classCounts, fillDays, formatDay } from "./logsFormat";

const WIDTH = 720;
const HEIGHT = 150;
const AXIS = 18;

export function DayChart({ days }: { days: DaySummary[] }) {
  if (days.length === 0) return <p className="muted small">No requests to chart.</p>;
  const bars = fillDays(days);
  const max = Math.max(1, ...bars.map((d) => d.requests));
  const slot = WIDTH / bars.length;
  const gap = slot > 6 ? Math.min(4, slot * 0.2) : 0;
  const plotHeight = HEIGHT - AXIS;
  const first = days[0].date;
  const last = days[days.length - 1].date;

  return (
    <div className="logs-chart" data-testid="day-chart">
      <div className="logs-legend small" aria-hidden="true">
        {CLASS_ORDER.map((k) => (
          <span key={k}>
            <span className={`logs-swatch logs-fill-${k}`} />
            {CLASS_LABEL[k]}
          </span>
        ))}
      </div>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`Requests per day from ${formatDay(first)} to ${formatDay(last)}, at most ${max} a day. The table below has the numbers.`}
      >
        <line className="logs-axis" x1={0} x2={WIDTH} y1={plotHeight + 0.5} y2={plotHeight + 0.5} />
        {bars.map((d, i) => {
          const counts = classCounts(d.status_classes);
          let y = plotHeight;
          const x = i * slot + gap / 2;
          const w = Math.max(0.5, slot - gap);
          const parts = CLASS_ORDER.filter((k) => counts[k] > 0).map((k) => `${CLASS_LABEL[k]}: ${counts[k]}`);
          const tip = `${formatDay(d.date)}: ${plural(d.requests, "request", "requests")}${parts.length ? ` (${parts.join(", ")})` : ""}`;
          return (
            <g key={d.date}>
              <title>{tip}</title>
              {/* An invisible full-height bar so thin days are easy to point at. */}
              <rect className="logs-hit" x={i * slot} y={0} width={slot} height={plotHeight} />
              {CLASS_ORDER.map((k) => {
                if (counts[k] === 0) return null;
                const h = (counts[k] / max) * (plotHeight - 4);
                y -= h;
                return <rect key={k} className={`logs-fill-${k}`} x={x} y={y} width={w} height={h} />;
              })}
            </g>
          );
        })}
      </svg>
      <div className="logs-chart-axis small muted" aria-hidden="true">
        <span>{formatDay(first)}</span>
        <span>peak {max} a day</span>
        <span>{formatDay(last)}</span>
      </div>
      <details className="logs-details">
        <summary>Numbers per day</summary>
        <table className="data-table logs-table" data-testid="day-table">
          <thead>
            <tr>
              <th>Day</th>
              <th className="num">Requests</th>
              {CLASS_ORDER.map((k) => (
                <th key={k} className="num">
                  {CLASS_LABEL[k]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map((d) => {
              const counts = classCounts(d.status_classes);
              return (
                <tr key={d.date}>
                  <td>{formatDay(d.date)}</td>
                  <td className="num">{d.requests.toLocaleString()}</td>
                  {CLASS_ORDER.map((k) => (
                    <td key={k} className={`num ${counts[k] > 0 && (k === "client_error" || k === "server_error") ? "logs-bad-text" : ""}`}>
                      {counts[k].toLocaleString()}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </details>
    </div>
  );
}
