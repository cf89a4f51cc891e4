// Clients and their landing pages: create, rename, delete (with undo), paste pages, run audits.
import { useCallback, useEffect, useState } from "react";
import { api } from "../api";
import type { ClientSummary } from "../bindings";
import { EmptyState, ErrorBanner } from "../components/Bits";
import { useToast } from "../components/Toast";
import { auditHeadline, plural } from "../format";
import type { RunningAudits } from "../navigation";
import { ClientDetail } from "./clients/ClientDetail";

export function ClientsView(props: {
  selectedId: number | null;
  onSelect: (id: number | null) => void;
  onOpenAudit: (id: number) => void;
  running: RunningAudits;
  refreshKey: number;
}) {
  const [clients, setClients] = useState<ClientSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [newName, setNewName] = useState("");
  const toast = useToast();
  const { selectedId, onSelect } = props;

  const load = useCallback(async () => {
    try {
      setClients(await api.listClients());
      setError(null);
    } catch (e) {
      setError((e as { message: string }).message);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load, props.refreshKey]);

  useEffect(() => {
    if (clients && clients.length > 0 && (selectedId === null || !clients.some((c) => c.client.id === selectedId))) {
      onSelect(clients[0].client.id);
    }
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
                <span className="muted small">
                  {plural(c.page_count, "page", "pages")}
                  {c.last_audit ? ` · ${auditHeadline(c.last_audit)}` : " · not audited yet"}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <section className="detail-pane">
        {clients && clients.length === 0 ? (
          <EmptyState title="Start with a client">
            Create a client on the left, paste its landing-page URLs, and run an audit to see whether OpenAI's ad crawler
            can reach every page.
          </EmptyState>
        ) : selected ? (
          <ClientDetail
            key={selected.client.id}
            summary={selected}
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
