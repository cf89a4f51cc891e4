// Two small forms that add an alert channel to a client: a chat webhook (its address goes to the
// keychain and is never shown again) and e-mail recipients.
import { useState } from "react";
import { api, toAppError } from "../../api";
import type { AlertChannel, AppError, WebhookFormat } from "../../bindings";
import { useKept } from "../../keep";

const FORMATS: { id: WebhookFormat; label: string }[] = [
  { id: "slack", label: "Slack" },
  { id: "teams", label: "Microsoft Teams" },
  { id: "generic", label: "JSON (other tools)" },
];

export function AddChannelForms(props: {
  clientId: number;
  onAdded: (channel: AlertChannel) => void;
  onError: (error: AppError | null) => void;
}) {
  const [format, setFormat] = useState<WebhookFormat>("slack");
  // The webhook's address holds its secret token: it is not kept when the user leaves.
  const [address, setAddress] = useState("");
  const [recipients, setRecipients] = useKept(`alert-recipients:${props.clientId}`, "");
  const [busy, setBusy] = useState<"webhook" | "email" | null>(null);

  const add = async (which: "webhook" | "email") => {
    setBusy(which);
    props.onError(null);
    try {
      const channel =
        which === "webhook"
          ? await api.addWebhookChannel(props.clientId, format, address)
          : await api.addEmailChannel(props.clientId, recipients);
      if (which === "webhook") setAddress("");
      else setRecipients("");
      props.onAdded(channel);
    } catch (e) {
      props.onError(toAppError(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="alert-add">
      <form
        className="alert-add-row"
        aria-label="Add a webhook"
        onSubmit={(e) => {
          e.preventDefault();
          void add("webhook");
        }}
      >
        <select aria-label="Webhook type" data-testid="webhook-format" value={format} onChange={(e) => setFormat(e.target.value as WebhookFormat)}>
          {FORMATS.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label}
            </option>
          ))}
        </select>
        <input
          type="password"
          autoComplete="off"
          spellCheck={false}
          aria-label="Webhook address"
          placeholder="Paste the webhook address (https://…)"
          data-testid="webhook-address"
          value={address}
          onChange={(e) => setAddress(e.target.value)}
        />
        <button className="button" data-testid="add-webhook" disabled={!address.trim() || busy !== null}>
          {busy === "webhook" ? "Adding…" : "Add webhook"}
        </button>
      </form>
      <form
        className="alert-add-row"
        aria-label="Add e-mail recipients"
        onSubmit={(e) => {
          e.preventDefault();
          void add("email");
        }}
      >
        <input
          type="text"
          autoComplete="off"
          spellCheck={false}
          aria-label="E-mail addresses"
          placeholder="E-mail addresses, separated by commas"
          data-testid="email-recipients"
          value={recipients}
          onChange={(e) => setRecipients(e.target.value)}
        />
        <button className="button" data-testid="add-email" disabled={!recipients.trim() || busy !== null}>
          {busy === "email" ? "Adding…" : "Add e-mail"}
        </button>
      </form>
      <p className="muted small">
        The webhook address is kept in this computer&apos;s keychain and never shown again. E-mail goes through the SMTP
        server set in Settings → Alerts.
      </p>
    </div>
  );
}
