// Settings → Team workspace: where this computer keeps its audits (its own file or a team
// workspace on a PostgreSQL server), connecting and going back, and the name work is recorded
// under. The app switches database in place; `onDatabaseChanged` lets the window reload.
import { useEffect, useState } from "react";
import { api, toAppError } from "../../api";
import type { AppError, WorkspaceConnected, WorkspaceStatus } from "../../bindings";
import { ErrorBanner } from "../../components/Bits";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { useToast } from "../../components/Toast";
import { useKept } from "../../keep";
import { ConnectForm } from "./ConnectForm";
import { CopyOffer, offersCopy } from "./CopyOffer";
import { DisplayNameForm } from "./DisplayNameForm";
import "./workspace.css";

/** `errorShown`: the page around the card already says why the database cannot be opened. */
export function WorkspaceCard(props: { onDatabaseChanged: () => void; errorShown?: boolean }) {
  const toast = useToast();
  const [status, setStatus] = useState<WorkspaceStatus | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  // The offer to copy this computer's audits, kept until answered even if the user looks away.
  const [offer, setOffer] = useKept<WorkspaceConnected | null>("workspace:offer", null);
  const [confirming, setConfirming] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const [leaveError, setLeaveError] = useState<AppError | null>(null);

  const load = () => {
    setLoadError(null);
    api.workspaceStatus().then(setStatus, (e) => setLoadError(toAppError(e)));
  };
  useEffect(load, []);

  const connected = (c: WorkspaceConnected) => {
    setStatus(c.status);
    setOffer(offersCopy(c) ? c : null);
    toast(c.empty ? `Connected to the team workspace ${c.address}.` : `Connected to the team workspace ${c.address}: it holds ${c.clients} clients.`);
    props.onDatabaseChanged();
  };

  const leave = async () => {
    setConfirming(false);
    setLeaving(true);
    setLeaveError(null);
    try {
      setStatus(await api.disconnectWorkspace());
      setOffer(null);
      toast("Audits are kept in this computer's file again.");
      props.onDatabaseChanged();
    } catch (e) {
      setLeaveError(toAppError(e));
    } finally {
      setLeaving(false);
    }
  };

  return (
    <div className="card workspace-card" aria-label="Team workspace" data-testid="workspace-card">
      <h2>Team workspace</h2>
      {loadError && <ErrorBanner message={loadError.message} hint={loadError.hint} onRetry={load} />}
      {!status && !loadError && <p className="muted small">Reading where audits are kept…</p>}
      {status && (
        <>
          <Where status={status} />
          {status.error && !props.errorShown && (
            <ErrorBanner message={`The ${status.workspace ? "workspace" : "file"} cannot be opened: ${status.error.message}`} hint={status.error.hint} />
          )}
          {status.overridden ? (
            <p className="small warn-text" data-testid="workspace-overridden">
              The PREFLIGHT_DB environment variable is set, so Preflight uses it. Start Preflight without it to choose
              here where audits are kept.
            </p>
          ) : (
            <>
              {offer && <CopyOffer connected={offer} onCopied={props.onDatabaseChanged} onDone={() => setOffer(null)} />}
              {(!status.workspace || status.error) && !offer && (
                <>
                  {!status.workspace && (
                    <p className="muted small">
                      Work with colleagues on the same clients and audits: connect to your team's workspace (a PostgreSQL
                      database your team runs). This computer's file stays as it is.
                    </p>
                  )}
                  <ConnectForm initialName={status.display_name ?? ""} onConnected={connected} />
                </>
              )}
            </>
          )}
          {(status.workspace || status.overridden) && <DisplayNameForm status={status} onSaved={setStatus} />}
          {status.workspace && !status.overridden && (
            <div className="workspace-leave">
              {leaveError && <ErrorBanner message={leaveError.message} hint={leaveError.hint} />}
              <button className="button" data-testid="workspace-disconnect" disabled={leaving} onClick={() => setConfirming(true)}>
                {leaving ? "Switching…" : "Use this computer's file again"}
              </button>
            </div>
          )}
          <p className="muted small workspace-foot">The command-line tool keeps its audits in the same place.</p>
        </>
      )}
      {confirming && status && (
        <ConfirmDialog
          title="Use this computer's file again?"
          body={`Audits will be kept in ${status.local_file} again. The workspace keeps everything for your colleagues, and this computer forgets its password.`}
          confirmLabel="Use this computer's file"
          onConfirm={() => void leave()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </div>
  );
}

/** "This computer's file: …" or "Team workspace: … — your work is recorded as Dana". */
function Where({ status }: { status: WorkspaceStatus }) {
  return (
    <div className="workspace-where" data-testid="workspace-where">
      <span className="workspace-kind">{status.workspace ? "Team workspace:" : "This computer's file:"}</span>{" "}
      <code className="workspace-location" data-testid="workspace-location">
        {status.location}
      </code>
      {status.author && (
        <>
          {" "}
          — your work is recorded as <strong data-testid="workspace-author">{status.author}</strong>
        </>
      )}
    </div>
  );
}
