// Access-log evidence: what the real OAI-AdsBot received, per client. Preflight's own checks
// cannot come from OpenAI's addresses, so the server's log is the only record of the real bot.
import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "../api";
import type { AppError, ClientSummary, LogImport, LogImportSummary } from "../bindings";
import { EmptyState, ErrorBanner } from "../components/Bits";
import { useToast } from "../components/Toast";
import { HistoryCard } from "./logs/HistoryCard";
import { ImportCard } from "./logs/ImportCard";
import { LogReportView } from "./logs/LogReportView";
import "./logs/logs.css";

export function LogsView({ clientId, onSelectClient }: { clientId: number | null; onSelectClient: (id: number) => void }) {
  const [clients, setClients] = useState<ClientSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);

  const load = useCallback(async () => {
    try {
      setClients(await api.listClients());
      setError(null);
    } catch (e) {
      setError((e as AppError).message);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (clients && clients.length > 0 && (clientId === null || !clients.some((c) => c.client.id === clientId))) {
      onSelectClient(clients[0].client.id);
    }
  }, [clients, clientId, onSelectClient]);

  const selected = clients?.find((c) => c.client.id === clientId) ?? null;

  let body;
  if (error) {
    body = <ErrorBanner message={error} onRetry={() => void load()} />;
  } else if (clients === null) {
    body = <p className="muted small">Loading clients…</p>;
  } else if (clients.length === 0) {
    body = (
      <EmptyState title="No clients yet">
        Access logs are kept per client. Create a client under Clients first, then come back here to import its web
        server's access log.
      </EmptyState>
    );
  } else if (selected) {
    body = <ClientLogs key={selected.client.id} clientId={selected.client.id} clientName={selected.client.name} onRunningChange={setImporting} />;
  }

  return (
    <div className="page-pad logs-view">
      <header className="detail-header">
        <div>
          <h1>Access logs</h1>
          <p className="muted logs-intro">
            Your web server's access log is the only record of what OpenAI's real ad crawler, OAI-AdsBot, received.
            Preflight's own checks imitate it but cannot come from OpenAI's addresses, so firewalls may treat them
            differently.
          </p>
        </div>
        {clients && clients.length > 0 && (
          <div className="logs-client-pick">
            <label className="field-label" htmlFor="logs-client">
              Client
            </label>
            <select
              id="logs-client"
              data-testid="logs-client"
              value={clientId ?? ""}
              disabled={importing}
              title={importing ? "Wait for the import to finish or cancel it to switch clients" : undefined}
              onChange={(e) => onSelectClient(Number(e.target.value))}
            >
              {clients.map((c) => (
                <option key={c.client.id} value={c.client.id}>
                  {c.client.name}
                </option>
              ))}
            </select>
          </div>
        )}
      </header>
      {body}
    </div>
  );
}

function ClientLogs(props: { clientId: number; clientName: string; onRunningChange: (running: boolean) => void }) {
  const { clientId } = props;
  const toast = useToast();
  const [imports, setImports] = useState<LogImportSummary[] | null>(null);
  const [historyError, setHistoryError] = useState<string | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const [opened, setOpened] = useState<LogImport | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  const request = useRef(0);
  const autoOpened = useRef(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusReport = useRef(false);

  const open = useCallback(async (id: number, focus = true) => {
    const mine = ++request.current;
    setOpenId(id);
    setOpening(true);
    setOpenError(null);
    try {
      const data = await api.getLogImport(id);
      if (mine !== request.current) return;
      focusReport.current = focus;
      setOpened(data);
    } catch (e) {
      if (mine !== request.current) return;
      setOpened(null);
      setOpenError((e as AppError).message);
    } finally {
      if (mine === request.current) setOpening(false);
    }
  }, []);

  const loadHistory = useCallback(async () => {
    try {
      const list = await api.listLogImports(clientId);
      setImports(list);
      setHistoryError(null);
      // Show the latest evidence straight away when the view opens.
      if (!autoOpened.current) {
        autoOpened.current = true;
        if (list.length > 0) void open(list[0].id, false);
      }
    } catch (e) {
      setHistoryError((e as AppError).message);
    }
  }, [clientId, open]);

  useEffect(() => {
    void loadHistory();
  }, [loadHistory]);

  useEffect(() => {
    if (opened && focusReport.current) {
      focusReport.current = false;
      headingRef.current?.focus();
    }
  }, [opened]);

  const imported = useCallback(
    (result: LogImport) => {
      autoOpened.current = true;
      request.current++;
      setOpening(false);
      setOpenError(null);
      setOpenId(result.summary.id);
      focusReport.current = true;
      setOpened(result);
      void loadHistory();
    },
    [loadHistory],
  );

  const remove = async (item: LogImportSummary) => {
    try {
      await api.deleteLogImport(item.id);
      if (openId === item.id) {
        request.current++;
        setOpenId(null);
        setOpened(null);
        setOpening(false);
      }
      void loadHistory();
      toast(`Deleted the import of ${item.file_name}.`, {
        action: {
          label: "Undo",
          run: () => {
            api.restoreLogImport(item.id).then(
              () => void loadHistory(),
              (e: AppError) => toast(e.message, { tone: "error" }),
            );
          },
        },
      });
    } catch (e) {
      toast((e as AppError).message, { tone: "error" });
    }
  };

  const otherImportDone = useCallback(() => void loadHistory(), [loadHistory]);

  return (
    <div className="logs-layout">
      <div className="logs-main">
        <ImportCard
          clientId={clientId}
          clientName={props.clientName}
          onRunningChange={props.onRunningChange}
          onImported={imported}
          onOtherImportDone={otherImportDone}
        />
        {openError && <ErrorBanner message={openError} onRetry={openId !== null ? () => void open(openId) : undefined} />}
        {opening && !opened && <p className="muted small">Opening the import…</p>}
        {opened ? (
          <div className={opening ? "logs-stale" : undefined} aria-busy={opening}>
            <LogReportView ref={headingRef} data={opened} />
          </div>
        ) : (
          !opening &&
          !openError &&
          imports !== null &&
          imports.length === 0 && (
            <EmptyState title="No evidence yet">
              Import an access log covering the days after you submitted or changed your ads. Ask your developer or host
              for the file if you do not have it; it is usually called access.log.
            </EmptyState>
          )
        )}
      </div>
      <aside className="logs-side">
        {historyError ? (
          <ErrorBanner message={historyError} onRetry={() => void loadHistory()} />
        ) : (
          <HistoryCard imports={imports} openId={openId} onOpen={(id) => void open(id)} onDelete={(item) => void remove(item)} />
        )}
      </aside>
    </div>
  );
}
