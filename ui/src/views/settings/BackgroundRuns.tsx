// Whether the operating system runs due schedules while Preflight is closed: the state of its
// scheduler entry, and the buttons that add or remove it.
import { useEffect, useState } from "react";
import { api, toAppError } from "../../api";
import type { AppError, InstallState } from "../../bindings";
import { Badge } from "../../components/Bits";
import type { Tone } from "../../format";

const STATE: Record<InstallState["state"], { label: string; tone: Tone }> = {
  installed: { label: "Installed", tone: "good" },
  not_installed: { label: "Not installed", tone: "neutral" },
  files_only: { label: "Written but not registered", tone: "warn" },
};

export function BackgroundRuns() {
  const [state, setState] = useState<InstallState | null>(null);
  const [busy, setBusy] = useState<"install" | "remove" | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    api.osSchedulerStatus().then(setState, (e) => setError(toAppError(e)));
  }, []);

  const change = async (which: "install" | "remove") => {
    setBusy(which);
    setError(null);
    try {
      setState(await (which === "install" ? api.installOsScheduler() : api.uninstallOsScheduler()));
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="alert-section" aria-label="Background runs">
      <h3>Background runs</h3>
      <p className="muted small">
        Adds an entry to this computer&apos;s scheduler that runs the clients&apos; due schedules every 15 minutes, even
        when Preflight is closed. Without it, schedules run only while Preflight is open.
      </p>
      <div className="alert-row">
        <span className="small">Status:</span>
        {state ? (
          <Badge tone={STATE[state.state].tone} testId="scheduler-state">
            {STATE[state.state].label}
          </Badge>
        ) : (
          !error && <span className="muted small">Checking…</span>
        )}
        {state && state.state !== "installed" && (
          <button type="button" className="button button-primary" data-testid="scheduler-install" disabled={busy !== null} onClick={() => void change("install")}>
            {busy === "install" ? "Installing…" : state.state === "files_only" ? "Try again" : "Install"}
          </button>
        )}
        {state && state.state !== "not_installed" && (
          <button type="button" className="button" data-testid="scheduler-remove" disabled={busy !== null} onClick={() => void change("remove")}>
            {busy === "remove" ? "Removing…" : "Remove"}
          </button>
        )}
      </div>
      {state && state.state !== "not_installed" && (
        <p className={`small ${state.state === "files_only" ? "warn-text" : "muted"}`} data-testid="scheduler-detail">
          {state.detail}
        </p>
      )}
      {error && (
        <p className="error-text small" role="alert" data-testid="scheduler-error">
          {error.message}
          {error.hint ? ` ${error.hint}` : ""}
        </p>
      )}
    </section>
  );
}
