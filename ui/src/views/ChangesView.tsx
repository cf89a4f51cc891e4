// What scheduled audits found since each client's previous audit: pages that got worse, were
// fixed, or changed one problem for another, newest first, for every client or one. The client
// chosen is kept while the user is in another area of the app.
import { useCallback, useEffect, useRef, useState } from "react";
import { api, toAppError } from "../api";
import type { AppError, ChangeListing, ClientSummary } from "../bindings";
import { EmptyState, ErrorBanner } from "../components/Bits";
import { plural } from "../format";
import { useKept } from "../keep";
import { ChangeRow } from "./changes/ChangeRow";
import "./history/history.css";

export function ChangesView(props: { onOpenAudit: (id: number) => void; refreshKey: number }) {
  const [clientId, setClientId] = useKept<number | null>("changes:client", null);
  // null until read; a client chosen earlier and deleted since falls back to all clients.
  const [clients, setClients] = useState<ClientSummary[] | null>(null);
  const [changes, setChanges] = useState<ChangeListing[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const request = useRef(0);

  useEffect(() => {
    api.listClients().then(setClients, () => setClients([]));
  }, [props.refreshKey]);
  useEffect(() => {
    if (clients && clientId !== null && !clients.some((c) => c.client.id === clientId)) setClientId(null);
  }, [clients, clientId, setClientId]);

  const load = useCallback(() => {
    const mine = ++request.current;
    setError(null);
    api.listMonitorChanges(clientId).then(
      (c) => mine === request.current && setChanges(c),
      (e) => mine === request.current && setError(toAppError(e)),
    );
  }, [clientId]);
  useEffect(load, [load, props.refreshKey]);

  const chosen = clients?.find((c) => c.client.id === clientId) ?? null;
  const worse = changes?.filter((c) => c.event.direction === "worse").length ?? 0;

  return (
    <div className="page-pad changes-view">
      <header className="detail-header changes-header">
        <div>
          <h1>Changes</h1>
          <p className="muted small">What scheduled audits found since each client&apos;s previous audit, newest first.</p>
        </div>
        <div className="changes-filter">
          <label htmlFor="changes-client" className="small">
            Client
          </label>
          <select
            id="changes-client"
            data-testid="changes-client"
            value={clientId === null ? "" : String(clientId)}
            onChange={(e) => setClientId(e.target.value === "" ? null : Number(e.target.value))}
          >
            <option value="">All clients</option>
            {clientId !== null && !chosen && <option value={String(clientId)}>…</option>}
            {clients?.map((c) => (
              <option key={c.client.id} value={String(c.client.id)}>
                {c.client.name}
              </option>
            ))}
          </select>
        </div>
      </header>
      {error && <ErrorBanner message={error.message} hint={error.hint} onRetry={load} />}
      {!error && changes === null && <p className="muted">Loading…</p>}
      {changes !== null && changes.length === 0 && (
        <div data-testid="changes-empty">
          <EmptyState title={chosen ? `No changes for ${chosen.client.name} yet` : "No changes yet"}>
            When a scheduled audit finds that a page got worse or was fixed, it shows here. Set up monitoring on a
            client&apos;s page under Clients.
          </EmptyState>
        </div>
      )}
      {changes !== null && changes.length > 0 && (
        <>
          <p className="muted small" data-testid="changes-count">
            {plural(changes.length, "change", "changes")}
            {worse > 0 ? `, ${worse} worse` : ""}
          </p>
          <ul className="change-list" aria-label="Changes">
            {changes.map((c) => (
              <ChangeRow key={c.id} change={c} onOpenAudit={props.onOpenAudit} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
