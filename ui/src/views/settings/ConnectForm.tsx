// The form that connects this computer to a team workspace. The password is sent once and
// never kept here: the keychain holds it from then on.
import { useId, useState } from "react";
import { api, toAppError } from "../../api";
import type { AppError, WorkspaceConnected } from "../../bindings";
import { ErrorBanner } from "../../components/Bits";
import { useKept } from "../../keep";

export function ConnectForm(props: { initialName: string; onConnected: (c: WorkspaceConnected) => void }) {
  const ids = useId();
  // Kept while the user looks elsewhere; the password is not.
  const [address, setAddress] = useKept("workspace:address", "");
  const [name, setName] = useKept<string | null>("workspace:name", null);
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useKept("workspace:connecting", false);
  const [error, setError] = useKept<AppError | null>("workspace:connect-error", null);
  const shownName = name ?? props.initialName;

  const connect = async () => {
    if (busy || !address.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const connected = await api.connectWorkspace(address.trim(), password, name === null ? null : name.trim());
      setPassword("");
      setName(null);
      props.onConnected(connected);
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  };

  const badAddress = error?.code === "database_address" || error?.code === "database_url_unsupported";
  const badLogin = error?.code === "login_refused";

  return (
    <form
      className="workspace-form"
      aria-label="Connect to a team workspace"
      onSubmit={(e) => {
        e.preventDefault();
        void connect();
      }}
    >
      <label className="field-label" htmlFor={`${ids}-address`}>
        Workspace address
      </label>
      <input
        id={`${ids}-address`}
        data-testid="workspace-address"
        value={address}
        placeholder="postgres://user@host:5432/preflight"
        spellCheck={false}
        autoComplete="off"
        readOnly={busy}
        aria-invalid={badAddress}
        onChange={(e) => setAddress(e.target.value)}
      />
      <div className="workspace-pair">
        <div>
          <label className="field-label" htmlFor={`${ids}-password`}>
            Password
          </label>
          <input
            id={`${ids}-password`}
            data-testid="workspace-password"
            type="password"
            value={password}
            autoComplete="off"
            readOnly={busy}
            aria-invalid={badLogin}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <div>
          <label className="field-label" htmlFor={`${ids}-name`}>
            Your name in the workspace
          </label>
          <input
            id={`${ids}-name`}
            data-testid="workspace-name"
            value={shownName}
            maxLength={120}
            placeholder="Optional: the login's name otherwise"
            readOnly={busy}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
      </div>
      <p className="muted small">
        The password is kept in this computer's keychain, never in Preflight's settings. Audits, journeys and imports you
        save are marked with your name.
      </p>
      {error && (
        <div data-testid="workspace-error">
          <ErrorBanner message={error.message} hint={error.hint} />
        </div>
      )}
      <div className="row-end">
        <button className="button button-primary" data-testid="workspace-connect" disabled={busy || !address.trim()}>
          {busy ? "Connecting…" : "Connect"}
        </button>
      </div>
    </form>
  );
}
