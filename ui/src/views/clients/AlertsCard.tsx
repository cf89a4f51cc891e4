// Where the client's alerts go: its channels (chat webhooks and e-mail), adding and removing
// them, and a test alert that says, for each channel, whether it arrived.
import { useCallback, useEffect, useState } from "react";
import { api, toAppError } from "../../api";
import type { AlertChannel, AppError, ChannelDelivery } from "../../bindings";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { useToast } from "../../components/Toast";
import { AddChannelForms } from "./AddChannelForms";
import { RecentAlerts } from "./RecentAlerts";

/** "Sent to Slack webhook at hooks.slack.com", or why it was not. */
export function deliveryLine(d: ChannelDelivery): string {
  if (d.report.delivered) return `Sent to ${d.channel.label}`;
  return `Not sent to ${d.channel.label}: ${d.report.error ?? "no answer."}`;
}

export function AlertsCard(props: { clientId: number; clientName: string; refreshKey?: number }) {
  const { clientId } = props;
  const toast = useToast();
  const [channels, setChannels] = useState<AlertChannel[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [removing, setRemoving] = useState<AlertChannel | null>(null);
  const [testing, setTesting] = useState(false);
  const [results, setResults] = useState<ChannelDelivery[] | null>(null);
  const [testsSent, setTestsSent] = useState(0);

  const load = useCallback(() => {
    api.alertChannels(clientId).then(setChannels, (e) => setError(toAppError(e)));
  }, [clientId]);
  useEffect(load, [load]);

  const remove = async (channel: AlertChannel) => {
    setRemoving(null);
    setError(null);
    try {
      await api.removeAlertChannel(channel.id);
      toast(`Removed ${channel.label}.`);
      setResults(null);
      load();
    } catch (e) {
      setError(toAppError(e));
    }
  };

  const sendTest = async () => {
    setTesting(true);
    setError(null);
    setResults(null);
    try {
      setResults(await api.sendTestAlert(clientId));
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setTesting(false);
      setTestsSent((n) => n + 1);
    }
  };

  return (
    <div className="card" data-testid="alerts">
      <div className="card-header">
        <h2>Alerts</h2>
        <button
          type="button"
          className="button"
          data-testid="send-test-alert"
          disabled={testing || channels === null}
          onClick={() => void sendTest()}
        >
          {testing ? "Sending…" : "Send test alert"}
        </button>
      </div>
      {channels !== null && channels.length === 0 && (
        <p className="muted small" data-testid="alerts-empty">
          No alert channels. A desktop notification is shown while Preflight is open; add a webhook or e-mail to reach your
          team.
        </p>
      )}
      {channels !== null && channels.length > 0 && (
        <ul className="alert-channels" aria-label="Alert channels">
          {channels.map((c) => (
            <li key={c.id} data-testid="alert-channel">
              <span className="alert-channel-label">{c.label}</span>
              <button type="button" className="button button-small button-danger-quiet" onClick={() => setRemoving(c)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div aria-live="polite" data-testid="test-alert-results">
        {testing && <p className="muted small">Sending the test alert… A channel that does not answer is tried again for up to a minute or two.</p>}
        {results !== null && results.length === 0 && (
          <p className="small">No channels to send to. A desktop notification was shown if they are turned on in Settings → Alerts.</p>
        )}
        {results !== null && results.length > 0 && (
          <ul className="alert-results">
            {results.map((d) => (
              <li key={d.channel.id} className={`small ${d.report.delivered ? "good-text" : "error-text"}`} data-testid="test-alert-result">
                {deliveryLine(d)}
              </li>
            ))}
          </ul>
        )}
      </div>
      <RecentAlerts clientId={clientId} refreshKey={props.refreshKey ?? 0} testsSent={testsSent} />
      <AddChannelForms
        clientId={clientId}
        onAdded={(c) => {
          toast(`Added ${c.label}. Send a test alert to check it.`);
          setResults(null);
          load();
        }}
        onError={setError}
      />
      {error && (
        <p className="error-text small" role="alert" data-testid="alerts-error">
          {error.message}
          {error.hint ? ` ${error.hint}` : ""}
        </p>
      )}
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.label}?`}
          body={`Alerts for "${props.clientName}" no longer go there. A webhook's address is deleted from the keychain; to add it again, paste it again.`}
          confirmLabel="Remove channel"
          danger
          onConfirm={() => void remove(removing)}
          onCancel={() => setRemoving(null)}
        />
      )}
    </div>
  );
}
