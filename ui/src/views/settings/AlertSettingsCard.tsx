// Settings → Alerts: how often a client may be alerted, desktop notifications, the mail server
// for e-mail alerts, and whether schedules also run while Preflight is closed.
import { useEffect, useId, useState } from "react";
import { api, toAppError } from "../../api";
import type { AlertSettings, AppError } from "../../bindings";
import { ErrorBanner } from "../../components/Bits";
import { useToast } from "../../components/Toast";
import { BackgroundRuns } from "./BackgroundRuns";
import { SmtpForm } from "./SmtpForm";

/** The longest quiet period: a week. */
const MAX_QUIET = 10080;

export function AlertSettingsCard() {
  const [settings, setSettings] = useState<AlertSettings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const load = () => {
    setLoadError(null);
    api.alertSettings().then(setSettings, (e) => setLoadError(toAppError(e).message));
  };
  useEffect(load, []);

  return (
    <div className="card alert-settings" aria-label="Alerts" data-testid="alert-settings">
      <h2>Alerts</h2>
      {loadError && <ErrorBanner message={loadError} onRetry={load} />}
      {settings && (
        <AlertPreferences
          settings={settings}
          onSaved={(quiet_minutes, desktop_notifications) => setSettings({ ...settings, quiet_minutes, desktop_notifications })}
        />
      )}
      {settings && <SmtpForm view={settings.smtp} onSaved={(smtp) => setSettings({ ...settings, smtp })} />}
      <BackgroundRuns />
    </div>
  );
}

function AlertPreferences(props: { settings: AlertSettings; onSaved: (quiet: number, desktop: boolean) => void }) {
  const ids = useId();
  const toast = useToast();
  const [quiet, setQuiet] = useState(String(props.settings.quiet_minutes));
  const [desktop, setDesktop] = useState(props.settings.desktop_notifications);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const minutes = Number(quiet);
  const valid = quiet.trim() !== "" && Number.isInteger(minutes) && minutes >= 0 && minutes <= MAX_QUIET;
  const changed = minutes !== props.settings.quiet_minutes || desktop !== props.settings.desktop_notifications;

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await api.saveAlertPreferences(minutes, desktop);
      props.onSaved(minutes, desktop);
      toast("Saved the alert settings.");
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="alert-section"
      aria-label="When to alert"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) void save();
      }}
    >
      <div className="alert-row">
        <label htmlFor={`${ids}-quiet`} className="small alert-row-label">
          Quiet period (minutes)
        </label>
        <input
          id={`${ids}-quiet`}
          data-testid="alert-quiet-minutes"
          className="alert-number"
          type="number"
          min={0}
          max={MAX_QUIET}
          step={1}
          value={quiet}
          aria-invalid={!valid}
          aria-describedby={`${ids}-quiet-help`}
          onChange={(e) => setQuiet(e.target.value)}
        />
      </div>
      <p id={`${ids}-quiet-help`} className={`small ${valid ? "muted" : "error-text"}`}>
        {valid
          ? "After an alert, a client is not alerted again for this long; changes are still listed. 60 is an hour, 1440 a day, 0 alerts every time."
          : `Give a number of minutes from 0 to ${MAX_QUIET} (one week).`}
      </p>
      <label className="check-row small">
        <input type="checkbox" data-testid="alert-desktop-notifications" checked={desktop} onChange={(e) => setDesktop(e.target.checked)} />
        <span>Show a desktop notification when a scheduled audit finds a change (while Preflight is open)</span>
      </label>
      {error && (
        <p className="error-text small" role="alert">
          {error.message}
          {error.hint ? ` ${error.hint}` : ""}
        </p>
      )}
      <div className="row-end">
        <button className="button" data-testid="save-alert-preferences" disabled={saving || !valid || !changed}>
          {saving ? "Saving…" : "Save"}
        </button>
      </div>
    </form>
  );
}
