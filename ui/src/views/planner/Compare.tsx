// Saved scenarios side by side: the key result of every layer, one column per scenario.
import { useEffect, useState } from "react";
import { api, toAppError } from "../../api";
import type { PlanReport, SavedScenario } from "../../bindings";
import { LAYERS } from "./layers";
import { fmtPercent, fmtRatio } from "./numbers";
import { breakEvenChance, planVerdict } from "./verdict";

type Outcome = { report: PlanReport } | { error: string };

type Row = { label: string; hint?: string; cell: (r: PlanReport) => string };

const ROWS: Row[] = [
  { label: "Budget", cell: (r) => r.money.spend },
  { label: "Verdict", cell: (r) => planVerdict(r).headline },
  ...LAYERS.map<Row>((l) => ({ label: `${l.code} ${l.name}`, hint: l.explain(30), cell: (r) => fmtRatio(r.point.layers[l.key].roas) })),
  {
    label: "L4 likely range (P10–P90)",
    cell: (r) => (r.simulation ? `${fmtRatio(r.simulation.layers.halo.roas.p10)} – ${fmtRatio(r.simulation.layers.halo.roas.p90)}` : "—"),
  },
  ...LAYERS.map<Row>((l) => ({ label: `${l.code} revenue`, cell: (r) => r.money.layers[l.key].revenue })),
  { label: "L4 cost per conversion", cell: (r) => r.money.layers.halo.cpa },
  { label: "L4 profit per unit spent (POAS)", cell: (r) => fmtRatio(r.point.layers.halo.poas) },
  { label: "Break-even ROAS", cell: (r) => fmtRatio(r.point.break_even_roas) },
  { label: "Chance to break even", cell: (r) => fmtPercent(breakEvenChance(r), 0) },
  { label: "Warnings", cell: (r) => String(r.warnings.filter((w) => w.level === "warning").length) },
];

export function Compare({ scenarios, onClose }: { scenarios: SavedScenario[]; onClose: () => void }) {
  const [outcomes, setOutcomes] = useState<Record<number, Outcome>>({});
  const key = scenarios.map((s) => `${s.id}:${s.updated_at}`).join(",");

  useEffect(() => {
    let live = true;
    for (const s of scenarios) {
      api.computePlan(s.plan).then(
        (report) => live && setOutcomes((o) => ({ ...o, [s.id]: { report } })),
        (e: unknown) => live && setOutcomes((o) => ({ ...o, [s.id]: { error: toAppError(e).message } })),
      );
    }
    return () => {
      live = false;
    };
    // The key covers the scenarios' identity and last change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  return (
    <section className="card pl-compare" aria-labelledby="pl-compare-title" data-testid="compare">
      <div className="card-header">
        <h2 id="pl-compare-title">Comparing {scenarios.length} scenarios</h2>
        <button type="button" className="button button-small" onClick={onClose}>
          Close comparison
        </button>
      </div>
      <div className="pl-table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Result</th>
              {scenarios.map((s) => (
                <th scope="col" key={s.id}>
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ROWS.map((row) => (
              <tr key={row.label}>
                <th scope="row" title={row.hint}>
                  {row.label}
                </th>
                {scenarios.map((s) => {
                  const o = outcomes[s.id];
                  return (
                    <td key={s.id} className="pl-num">
                      {!o ? "…" : "report" in o ? row.cell(o.report) : row === ROWS[0] ? <span className="error-text">{o.error}</span> : "—"}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
