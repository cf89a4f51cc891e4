// Right after connecting to an empty workspace: bring this computer's audits along, or not.
// The copy is one transaction on the server, checked by counts, and safe to run again.
import { api, toAppError } from "../../api";
import type { AppError, CopyReport, WorkspaceConnected } from "../../bindings";
import { ErrorBanner } from "../../components/Bits";
import { plural } from "../../format";
import { useKept } from "../../keep";

/** The copied tables in words, in the order the copy reports them. */
const TABLE_LABEL: Record<string, string> = {
  clients: "Clients",
  landing_pages: "Landing pages",
  audit_runs: "Audits",
  page_results: "Checked pages",
  journeys: "Journeys",
  scenarios: "Planner scenarios",
  log_imports: "Access-log imports",
  settings: "Settings",
  ad_destinations: "Ads",
  schedules: "Monitoring schedules",
  change_events: "Changes found",
  alert_channels: "Alert channels",
  alert_deliveries: "Alerts sent",
  capi_checks: "Conversions API checks",
};

/** Whether copying is worth offering: the workspace is empty and this computer has work. */
export function offersCopy(c: WorkspaceConnected): boolean {
  return c.empty && (c.local_clients > 0 || c.local_audits > 0);
}

export function CopyOffer(props: { connected: WorkspaceConnected; onCopied: () => void; onDone: () => void }) {
  const [busy, setBusy] = useKept("workspace:copying", false);
  const [report, setReport] = useKept<CopyReport | null>("workspace:copied", null);
  const [error, setError] = useKept<AppError | null>("workspace:copy-error", null);
  const c = props.connected;
  const done = () => {
    setReport(null);
    setError(null);
    props.onDone();
  };

  const copy = async () => {
    setBusy(true);
    setError(null);
    try {
      setReport(await api.copyLocalIntoWorkspace());
      props.onCopied();
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  };

  if (report) {
    const rows = report.tables.filter((t) => t.source > 0);
    const copied = report.tables.reduce((n, t) => n + t.copied, 0);
    return (
      <div className="workspace-offer" data-testid="workspace-copy-result">
        <p className="small">
          <strong>Copied {plural(copied, "record", "records")} into the workspace.</strong> Every record of this
          computer's file is there now.
        </p>
        {rows.length > 0 && (
          <div className="workspace-table-wrap">
            <table className="workspace-table">
              <thead>
                <tr>
                  <th scope="col">What</th>
                  <th scope="col">On this computer</th>
                  <th scope="col">Copied</th>
                  <th scope="col">Already there</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((t) => (
                  <tr key={t.table} data-testid="workspace-copy-row">
                    <th scope="row">{TABLE_LABEL[t.table] ?? t.table}</th>
                    <td>{t.source}</td>
                    <td>{t.copied}</td>
                    <td>{t.already_there + t.changed_there}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div className="row-end">
          <button className="button" data-testid="workspace-copy-done" onClick={done}>
            Done
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="workspace-offer" data-testid="workspace-copy-offer">
      <p className="small">
        <strong>The workspace is empty.</strong> This computer's file holds {plural(c.local_clients, "client", "clients")} and{" "}
        {plural(c.local_audits, "audit", "audits")}. Copy them in so your colleagues see them too; this computer's file
        is left as it is.
      </p>
      {error && <ErrorBanner message={error.message} hint={error.hint} />}
      <div className="row-end">
        <button className="button" data-testid="workspace-skip" disabled={busy} onClick={done}>
          Skip
        </button>
        <button className="button button-primary" data-testid="workspace-copy" disabled={busy} onClick={() => void copy()}>
          {busy ? "Copying…" : "Copy this computer's audits into the workspace"}
        </button>
      </div>
    </div>
  );
}
