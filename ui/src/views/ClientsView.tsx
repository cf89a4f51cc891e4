// Clients and their landing pages: create, rename, delete (with undo), paste pages, run audits.
// Each client's status line is the engine's headline for its current (latest complete) audit.
// The list follows what colleagues change in a team workspace, keeping the selection.
import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "../api";
import type { ClientStatus, ClientSummary, RunStatus } from "../bindings";
import { EmptyState, ErrorBanner } from "../components/Bits";
import { Deleted } from "../components/Deleted";
import { useToast } from "../components/Toast";
import { plural } from "../format";
import type { RunningAudits } from "../navigation";
import { useDataRevision } from "../revision";
import { ClientDetail } from "./clients/ClientDetail";

export function ClientsView(props: {
  selectedId: number | null;
  onSelect: (id: number | null) => void;
  onOpenAudit: (id: number) => void;
  running: RunningAudits;
  refreshKey: number;
}) {
  const [clients, setClients] = useState<ClientSummary[] | null>(null);
  // Each client's status, by client id; null while loading or when it could not be read.
  const [statuses, setStatuses] = useState<Map<number, ClientStatus> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [newName, setNewName] = useState("");
  const toast = useToast();
  const { selectedId, onSelect } = props;
  const statusRequest = useRef(0);
  // Every client's name seen here, to name one that a colleague deleted while it was open.
  const names = useRef(new Map<number, string>());

  const load = useCallback(async () => {
    // The status lines are read apart from the list, so a status that cannot be read never
    // hides the clients themselves.
    const request = ++statusRequest.current;
    api.readinessOverview().then(
      (all) => request === statusRequest.current && setStatuses(new Map(all.map((s) => [s.client.id, s]))),
      () => request === statusRequest.current && setStatuses(null),
    );
    try {
      const list = await api.listClients();
      list.forEach((c) => names.current.set(c.client.id, c.client.name));
      setClients(list);
      setError(null);
    } catch (e) {
      setError((e as { message: string }).message);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load, props.refreshKey]);
  useDataRevision(() => void load());

  useEffect(() => {
    if (clients && clients.length > 0 && selectedId === null) onSelect(clients[0].client.id);
  }, [clients, selectedId, onSelect]);

  const create = async () => {
    try {
      const client = await api.createClient(newName);
      setNewName("");
      await load();
      onSelect(client.id);
    } catch (e) {
      toast((e as { message: string }).message, { tone: "error" });
    }
  };

  const selected = clients?.find((c) => c.client.id === selectedId) ?? null;
  // The client shown is no longer listed: someone else deleted it (own deletes clear the
  // selection first).
  const gone = clients !== null && selectedId !== null && selected === null;
  const goneName = gone ? names.current.get(selectedId) : undefined;

  return (
    <div className="split">
      <aside className="list-pane" aria-label="Clients">
        <form
          className="new-client"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <input
            aria-label="New client name"
            data-testid="new-client-name"
            placeholder="New client name"
            value={newName}
            maxLength={120}
            onChange={(e) => setNewName(e.target.value)}
          />
          <button className="button button-primary" data-testid="create-client" disabled={!newName.trim()}>
            Add
          </button>
        </form>
        {error && <ErrorBanner message={error} onRetry={load} />}
        {clients && clients.length === 0 && (
          <p className="muted small pad">No clients yet. Add one above: a client groups the landing pages you audit together.</p>
        )}
        <ul className="client-list">
          {clients?.map((c) => (
            <li key={c.client.id}>
              <button
                className={`client-item ${c.client.id === selectedId ? "selected" : ""}`}
                onClick={() => onSelect(c.client.id)}
                data-testid="client-item"
              >
                <span className="client-name">{c.client.name}</span>
                <span className="muted small" data-testid="client-status">
                  {plural(c.page_count, "page", "pages")}
                  {statuses && statusLine(statuses.get(c.client.id))}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <section className="detail-pane">
        {gone ? (
          <Deleted
            title={goneName ? `“${goneName}” was deleted` : "This client was deleted"}
            backLabel={clients.length > 0 ? "Show the other clients" : "Back to clients"}
            onBack={() => onSelect(clients.length > 0 ? clients[0].client.id : null)}
          />
        ) : clients && clients.length === 0 ? (
          <EmptyState title="Start with a client">
            Create a client on the left, paste its landing-page URLs, and run an audit to see whether OpenAI's ad crawler
            can reach every page.
          </EmptyState>
        ) : selected ? (
          <ClientDetail
            key={selected.client.id}
            summary={selected}
            status={statuses?.get(selected.client.id) ?? null}
            onChanged={load}
            onDeleted={() => {
              onSelect(null);
              void load();
            }}
            onOpenAudit={props.onOpenAudit}
            running={props.running}
            refreshKey={props.refreshKey}
          />
        ) : null}
      </section>
    </div>
  );
}

const NEWER_AUDIT: Record<RunStatus, string> = {
  cancelled: "newer audit stopped",
  interrupted: "newer audit interrupted",
  running: "audit running",
  complete: "",
};

/** " · Not ready: 1 of 2 pages has blocking problems." and what happened to a newer audit. */
function statusLine(s: ClientStatus | undefined): string {
  if (!s) return "";
  const newer = s.newer_partial ? NEWER_AUDIT[s.newer_partial.audit.status] : "";
  if (!s.current) return s.newer_partial ? ` · no complete audit yet${newer ? ` · ${newer}` : ""}` : " · not audited yet";
  return ` · ${s.current.readiness.headline}${newer ? ` · ${newer}` : ""}`;
}
