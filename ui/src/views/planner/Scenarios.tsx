// Scenarios saved per client: pick the client, save, open, rename, delete and pick some to compare.
import { useState, type RefObject } from "react";
import type { ClientSummary, SavedScenario } from "../../bindings";
import { ErrorBanner } from "../../components/Bits";
import { formatDate, madeBy } from "../../format";

type Props = {
  clientId: number | null;
  clients: ClientSummary[] | null;
  clientsError: string | null;
  onRetryClients: () => void;
  onSelectClient: (id: number) => void;
  clientSelectRef: RefObject<HTMLSelectElement | null>;
  nameRef: RefObject<HTMLInputElement | null>;
  scenarios: SavedScenario[] | null;
  scenariosError: string | null;
  onRetryScenarios: () => void;
  currentId: number | null;
  name: string;
  onName: (name: string) => void;
  dirty: boolean;
  saving: boolean;
  saveError: string | null;
  canSave: boolean;
  onSave: (asNew: boolean) => void;
  onOpen: (s: SavedScenario) => void;
  onRename: (s: SavedScenario, name: string) => Promise<boolean>;
  onDelete: (s: SavedScenario) => void;
  compareIds: number[];
  onToggleCompare: (id: number) => void;
};

export function Scenarios(props: Props) {
  const { clients, clientId } = props;
  const current = props.scenarios?.find((s) => s.id === props.currentId) ?? null;

  return (
    <section className="card pl-scenarios" aria-labelledby="pl-scenarios-title">
      <div className="card-header">
        <h2 id="pl-scenarios-title">Scenarios</h2>
        {props.dirty && current && <span className="muted small" data-testid="unsaved">Unsaved changes to “{current.name}”</span>}
      </div>
      {props.clientsError && <ErrorBanner message={props.clientsError} onRetry={props.onRetryClients} />}
      {clients && clients.length === 0 ? (
        <p className="muted small" data-testid="no-clients">
          No clients yet. Scenarios are saved per client: add one under Clients to save this plan. You can still plan here;
          nothing is saved until you pick a client.
        </p>
      ) : (
        <div className="pl-scenario-bar">
          <div className="pl-client-pick">
            <label htmlFor="pl-client" className="pl-label">
              Client
            </label>
            <select
              id="pl-client"
              ref={props.clientSelectRef}
              className="pl-select"
              value={clientId ?? ""}
              onChange={(e) => {
                if (e.target.value !== "") props.onSelectClient(Number(e.target.value));
              }}
            >
              {clientId === null && <option value="">Choose a client…</option>}
              {clientId !== null && clients && !clients.some((c) => c.client.id === clientId) && (
                <option value={clientId}>Client #{clientId}</option>
              )}
              {(clients ?? []).map((c) => (
                <option key={c.client.id} value={c.client.id}>
                  {c.client.name}
                </option>
              ))}
            </select>
          </div>
          <form
            className="pl-save-form"
            onSubmit={(e) => {
              e.preventDefault();
              props.onSave(false);
            }}
          >
            <div className="pl-name-field">
              <label htmlFor="pl-scenario-name" className="pl-label">
                Scenario name
              </label>
              <input
                id="pl-scenario-name"
                ref={props.nameRef}
                value={props.name}
                maxLength={120}
                placeholder="e.g. Spring launch, cautious"
                aria-invalid={props.saveError ? true : undefined}
                aria-describedby={props.saveError ? "pl-save-error" : "pl-save-help"}
                onChange={(e) => props.onName(e.target.value)}
              />
            </div>
            <button className="button button-primary" type="submit" disabled={props.saving || !props.canSave} title="Ctrl+S">
              {current ? "Save changes" : "Save"}
            </button>
            {current && (
              <button type="button" className="button" disabled={props.saving || !props.canSave} onClick={() => props.onSave(true)}>
                Save as new
              </button>
            )}
          </form>
        </div>
      )}
      {props.saveError ? (
        <p id="pl-save-error" className="pl-error" role="alert">
          {props.saveError}
        </p>
      ) : (
        <p id="pl-save-help" className="muted small">
          {clientId === null
            ? "Pick a client to save scenarios. Planning works without one."
            : "Enter or Ctrl+S saves. Tick two or more scenarios to compare them."}
        </p>
      )}
      {clientId !== null && (
        <>
          {props.scenariosError && <ErrorBanner message={props.scenariosError} onRetry={props.onRetryScenarios} />}
          {props.scenarios && props.scenarios.length === 0 && (
            <p className="muted small" data-testid="no-scenarios">
              No saved scenarios for this client yet. Name the plan above and save it.
            </p>
          )}
          {props.scenarios && props.scenarios.length > 0 && (
            <ul className="pl-scenario-list" data-testid="scenario-list">
              {props.scenarios.map((s) => (
                <ScenarioItem
                  key={s.id}
                  scenario={s}
                  current={s.id === props.currentId}
                  compared={props.compareIds.includes(s.id)}
                  onOpen={() => props.onOpen(s)}
                  onRename={(n) => props.onRename(s, n)}
                  onDelete={() => props.onDelete(s)}
                  onToggleCompare={() => props.onToggleCompare(s.id)}
                />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function ScenarioItem(props: {
  scenario: SavedScenario;
  current: boolean;
  compared: boolean;
  onOpen: () => void;
  onRename: (name: string) => Promise<boolean>;
  onDelete: () => void;
  onToggleCompare: () => void;
}) {
  const s = props.scenario;
  const [renaming, setRenaming] = useState(false);
  const [draft, setDraft] = useState(s.name);
  const checkId = `pl-compare-${s.id}`;

  return (
    <li className={`pl-scenario ${props.current ? "pl-scenario-current" : ""}`} data-testid="scenario">
      <input id={checkId} type="checkbox" className="pl-compare-check" checked={props.compared} onChange={props.onToggleCompare} />
      <label htmlFor={checkId} className="pl-sr-only">
        Compare {s.name}
      </label>
      {renaming ? (
        <form
          className="pl-rename"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await props.onRename(draft)) setRenaming(false);
          }}
        >
          <input
            aria-label={`New name for ${s.name}`}
            value={draft}
            maxLength={120}
            autoFocus
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Escape") setRenaming(false);
            }}
          />
          <button className="button button-small button-primary" type="submit" disabled={!draft.trim()}>
            Rename
          </button>
          <button className="button button-small" type="button" onClick={() => setRenaming(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <div className="pl-scenario-main">
          <span className="pl-scenario-name">{s.name}</span>
          {props.current && <span className="muted small"> (open)</span>}
          <span className="muted small pl-block">
            Saved {formatDate(s.updated_at)}
            {s.created_by ? ` · ${madeBy(s.created_by)}` : ""}
          </span>
        </div>
      )}
      {!renaming && (
        <div className="pl-scenario-actions">
          <button className="button button-small" type="button" onClick={props.onOpen} aria-label={`Open ${s.name}`}>
            Open
          </button>
          <button
            className="button button-small"
            type="button"
            aria-label={`Rename ${s.name}`}
            onClick={() => {
              setDraft(s.name);
              setRenaming(true);
            }}
          >
            Rename
          </button>
          <button className="button button-small button-danger-quiet" type="button" onClick={props.onDelete} aria-label={`Delete ${s.name}`}>
            Delete
          </button>
        </div>
      )}
    </li>
  );
}
