// The name work from this computer is recorded under in a workspace (empty: the login's name).
import { useId, useState } from "react";
import { api, toAppError } from "../../api";
import type { AppError, WorkspaceStatus } from "../../bindings";
import { ErrorBanner } from "../../components/Bits";
import { useToast } from "../../components/Toast";

export function DisplayNameForm(props: { status: WorkspaceStatus; onSaved: (s: WorkspaceStatus) => void }) {
  const id = useId();
  const toast = useToast();
  const saved = props.status.display_name ?? "";
  const [name, setName] = useState(saved);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const changed = name.trim() !== saved;

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const s = await api.setDisplayName(name);
      setName(s.display_name ?? "");
      props.onSaved(s);
      toast(s.author ? `Your work is recorded as ${s.author}.` : "Saved your name.");
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="workspace-name-form"
      aria-label="Your name in the workspace"
      onSubmit={(e) => {
        e.preventDefault();
        if (changed && !busy) void save();
      }}
    >
      <label className="field-label" htmlFor={id}>
        Your name in the workspace
      </label>
      <div className="field-row">
        <input
          id={id}
          data-testid="display-name"
          value={name}
          maxLength={120}
          placeholder="The login's name is used otherwise"
          onChange={(e) => setName(e.target.value)}
        />
        <button className="button" data-testid="display-name-save" disabled={!changed || busy}>
          {busy ? "Saving…" : "Save"}
        </button>
      </div>
      {error && <ErrorBanner message={error.message} hint={error.hint} />}
    </form>
  );
}
