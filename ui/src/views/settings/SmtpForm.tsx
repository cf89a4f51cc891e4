// The mail server e-mail alerts go out through. The password goes to the keychain and never
// comes back: an empty field keeps the kept one. Unsaved changes (never the password) are kept
// while the user is in another area of the app.
import { useId, useState, type InputHTMLAttributes } from "react";
import { api, toAppError } from "../../api";
import type { AppError, Keeper, SmtpSecurity, SmtpSettings, SmtpView } from "../../bindings";
import { useToast } from "../../components/Toast";
import { useKept } from "../../keep";

type SmtpDraft = { host: string; port: string; security: SmtpSecurity; username: string; from: string };

export const KEEPER_LABEL: Record<Keeper, string> = {
  system_keychain: "the system keychain",
  kernel_keyring: "the kernel key store (no keychain service is running: it lasts until you log out or restart)",
};

const SECURITY: { id: SmtpSecurity; label: string; port: number }[] = [
  { id: "start_tls", label: "STARTTLS (usually port 587)", port: 587 },
  { id: "tls", label: "TLS (usually port 465)", port: 465 },
  { id: "none", label: "None (local relay only)", port: 25 },
];

function draftOf(settings: SmtpSettings | null): SmtpDraft {
  if (!settings) return { host: "", port: "587", security: "start_tls", username: "", from: "" };
  return { ...settings, port: String(settings.port), username: settings.username ?? "" };
}

/** The settings the form describes, or what to fix first. */
export function smtpSettingsOf(d: SmtpDraft): SmtpSettings | string {
  const port = Number(d.port);
  if (!d.host.trim()) return "Give the SMTP server's host name, such as smtp.example.com.";
  if (!Number.isInteger(port) || port < 1 || port > 65535) return "Give the server's port, a number from 1 to 65535 (usually 587).";
  if (!d.from.trim()) return "Give the address alerts are sent from, such as alerts@agency.example.";
  return { host: d.host.trim(), port, security: d.security, username: d.username.trim() || null, from: d.from.trim() };
}

export function SmtpForm(props: { view: SmtpView; onSaved: (view: SmtpView) => void }) {
  const ids = useId();
  const toast = useToast();
  const [kept, setKept] = useKept<SmtpDraft | null>("settings:smtp-draft", null);
  const [password, setPassword] = useState("");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const saved = draftOf(props.view.settings);
  const draft = kept ?? saved;
  const keptIn = props.view.password_kept_in;

  const set = (change: Partial<SmtpDraft>) => setKept({ ...draft, ...change });
  const setSecurity = (security: SmtpSecurity) => {
    // The usual port follows the protection, unless the user typed another one.
    const usual = SECURITY.some((s) => String(s.port) === draft.port);
    set({ security, ...(usual ? { port: String(SECURITY.find((s) => s.id === security)?.port ?? 587) } : {}) });
  };

  /** Saves `settings` (the form's, unless given) with the password choice. */
  const save = async (newPassword: string | null, done: string, given?: SmtpSettings) => {
    const settings = given ?? smtpSettingsOf(draft);
    if (typeof settings === "string") {
      setError({ code: "invalid_input", message: settings });
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const view = await api.saveSmtpSettings(settings, newPassword);
      if (!given) {
        setKept(null);
        setPassword("");
      }
      props.onSaved(view);
      toast(done);
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setSaving(false);
    }
  };

  const field = (key: "host" | "port" | "username" | "from", label: string, extra: InputHTMLAttributes<HTMLInputElement> = {}) => (
    <div className="alert-field">
      <label htmlFor={`${ids}-${key}`}>{label}</label>
      <input
        id={`${ids}-${key}`}
        data-testid={`smtp-${key}`}
        spellCheck={false}
        autoComplete="off"
        value={draft[key]}
        onChange={(e) => set({ [key]: e.target.value })}
        {...extra}
      />
    </div>
  );

  return (
    <form
      className="alert-section"
      aria-label="E-mail server"
      // The fields are checked on saving, with a message in words rather than the browser's own.
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save(password === "" ? null : password, "Saved the e-mail server.");
      }}
    >
      <h3>E-mail server (SMTP)</h3>
      <p className="muted small">E-mail alerts go out through this server. Ask your IT team or e-mail provider for these details.</p>
      <div className="alert-grid">
        {field("host", "Server", { placeholder: "smtp.example.com" })}
        {field("port", "Port", { type: "number", min: 1, max: 65535, inputMode: "numeric" })}
        <div className="alert-field">
          <label htmlFor={`${ids}-security`}>Encryption</label>
          <select id={`${ids}-security`} data-testid="smtp-security" value={draft.security} onChange={(e) => setSecurity(e.target.value as SmtpSecurity)}>
            {SECURITY.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        {field("username", "User name", { placeholder: "Leave empty if no login is needed" })}
        <div className="alert-field">
          <label htmlFor={`${ids}-password`}>Password</label>
          <input
            id={`${ids}-password`}
            data-testid="smtp-password"
            type="password"
            autoComplete="new-password"
            placeholder={keptIn ? "Kept: leave empty to keep it" : ""}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        {field("from", "Send from", { placeholder: "Preflight <alerts@agency.example>" })}
      </div>
      {draft.security === "none" && (
        <p className="warn-text small" data-testid="smtp-plain-warning">
          Without encryption the password and the alerts travel as plain text: use this only for a mail relay on this
          computer or your own network.
        </p>
      )}
      {keptIn && (
        <p className="muted small" data-testid="smtp-password-kept">
          Password kept in {KEEPER_LABEL[keptIn]}.{" "}
          <button
            type="button"
            className="link-button small"
            disabled={saving || props.view.settings === null}
            onClick={() => props.view.settings && void save("", "The password was removed from the keychain.", props.view.settings)}
          >
            Remove the password
          </button>
        </p>
      )}
      {error && (
        <p className="error-text small" role="alert" data-testid="smtp-error">
          {error.message}
          {error.hint ? ` ${error.hint}` : ""}
        </p>
      )}
      <div className="row-end">
        {(kept !== null || password !== "") && <span className="muted small">Unsaved changes</span>}
        <button className="button button-primary" data-testid="save-smtp" disabled={saving}>
          {saving ? "Saving…" : "Save e-mail server"}
        </button>
      </div>
    </form>
  );
}
