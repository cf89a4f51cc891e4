// The client's monitoring schedule: set one up, see when it runs next and how the last run went,
// resume it when it was paused, change it or remove it. A form being filled in is kept while the
// user is in another area of the app.
import { useCallback, useEffect, useState } from "react";
import { api, toAppError } from "../../api";
import type { AppError, LandingPage, ScheduleStatus } from "../../bindings";
import { Badge } from "../../components/Bits";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { useToast } from "../../components/Toast";
import { useKept } from "../../keep";
import { ScheduleForm } from "./ScheduleForm";
import { ScheduleSummary } from "./ScheduleSummary";
import { configFromDraft, draftFromConfig, localUtcOffsetMinutes, NEW_DRAFT, type ScheduleDraft } from "./schedule";

export function MonitoringCard(props: {
  clientId: number;
  clientName: string;
  pages: LandingPage[];
  onOpenAudit: (id: number) => void;
  refreshKey: number;
}) {
  const { clientId } = props;
  const toast = useToast();
  // undefined while loading; null when the client is not monitored.
  const [status, setStatus] = useState<ScheduleStatus | null | undefined>(undefined);
  // The form being filled in; null when none is open (a client without a schedule always has one).
  const [draft, setDraft] = useKept<ScheduleDraft | null>(`monitor-draft:${clientId}`, null);
  const [error, setError] = useState<AppError | null>(null);
  const [saving, setSaving] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const offset = localUtcOffsetMinutes();

  const load = useCallback(() => {
    api.monitorSchedule(clientId).then(
      (s) => setStatus(s),
      (e) => setError(toAppError(e)),
    );
  }, [clientId]);
  useEffect(load, [load, props.refreshKey]);

  const save = async () => {
    const config = configFromDraft(draft ?? NEW_DRAFT, offset);
    if (typeof config === "string") {
      setError({ code: "invalid_input", message: config });
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const saved = await api.saveMonitorSchedule(clientId, config);
      setStatus(saved);
      setDraft(null);
      toast(`Monitoring ${props.clientName}: ${saved.label.toLowerCase()}.`);
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setSaving(false);
    }
  };

  const act = async (run: () => Promise<void>, done: string) => {
    setError(null);
    try {
      await run();
      toast(done);
      load();
    } catch (e) {
      setError(toAppError(e));
    }
  };

  const remove = () => {
    setConfirmRemove(false);
    setDraft(null);
    void act(() => api.removeMonitorSchedule(clientId), `${props.clientName} is no longer monitored. Its audits and changes stay.`);
  };

  const editing = status === null || (status !== undefined && draft !== null);

  return (
    <div className="card" data-testid="monitoring">
      <div className="card-header">
        <h2>Monitoring</h2>
        {status !== undefined && (
          <Badge tone={status === null ? "neutral" : status.paused_reason ? "warn" : "good"} testId="monitor-state">
            {status === null ? "Not monitored" : status.paused_reason ? "Paused" : "On"}
          </Badge>
        )}
      </div>
      {status === undefined && !error && <p className="muted small">Reading the schedule…</p>}
      {status === null && (
        <p className="muted small" data-testid="monitor-empty">
          Not monitored. Preflight can re-audit this client&apos;s pages on a schedule and alert you when a page breaks.
        </p>
      )}
      {status && draft === null && (
        <ScheduleSummary
          status={status}
          onOpenAudit={props.onOpenAudit}
          onEdit={() => {
            setError(null);
            setDraft(draftFromConfig(status.config));
          }}
          onResume={() => void act(() => api.resumeMonitorSchedule(clientId), "Monitoring resumes at the next scheduled time.")}
          onRemove={() => setConfirmRemove(true)}
        />
      )}
      {editing && (
        <ScheduleForm
          draft={draft ?? NEW_DRAFT}
          onChange={setDraft}
          pages={props.pages}
          utcOffsetMinutes={offset}
          saving={saving}
          onSave={() => void save()}
          onCancel={
            status
              ? () => {
                  setError(null);
                  setDraft(null);
                }
              : undefined
          }
        />
      )}
      {error && (
        <p className="error-text small" role="alert" data-testid="monitor-error">
          {error.message}
          {error.hint ? ` ${error.hint}` : ""}
        </p>
      )}
      <p className="muted small">
        Runs while Preflight is open; to run when it is closed, turn on background runs in Settings → Alerts.
      </p>
      {confirmRemove && (
        <ConfirmDialog
          title={`Stop monitoring "${props.clientName}"?`}
          body="The schedule is removed. The audits it made and the changes it found stay."
          confirmLabel="Remove schedule"
          danger
          onConfirm={remove}
          onCancel={() => setConfirmRemove(false)}
        />
      )}
    </div>
  );
}
