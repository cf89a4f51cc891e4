// One client: rename or delete it, run an audit, its landing pages, readiness, history,
// monitoring schedule, alert channels and Conversions API checks. The readiness shown is its current audit's (the latest
// complete one, as the engine chose it).
import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "../../api";
import type { AuditListing, AuditOptions, BrowserStatus, ClientStatus, ClientSummary, Funnel, LandingPage } from "../../bindings";
import { ProgressBar } from "../../components/Bits";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { useToast } from "../../components/Toast";
import { formatDate, plural } from "../../format";
import { ChecklistPanel } from "../history/ChecklistPanel";
import { CompareView } from "../history/CompareView";
import { requestFindingFocus } from "../history/focus";
import { HistoryCard } from "../history/HistoryCard";
import type { RunningAudits } from "../../navigation";
import { RunOptions } from "../pixel/RunOptions";
import { CapiCard } from "../capi/CapiCard";
import { AdAccountCard } from "./AdAccountCard";
import { AlertsCard } from "./AlertsCard";
import { MonitoringCard } from "./MonitoringCard";
import { PagesCard } from "./PagesCard";
import { RunPaceLine } from "./RunPaceLine";
import { DEFAULT_SPEED, RunSpeed, speedOptions, type RunSpeedChoice } from "./RunSpeed";
import { useKept } from "../../keep";
import { useDataRevision } from "../../revision";
import "./run.css";

export function ClientDetail(props: {
  summary: ClientSummary;
  /** The client's status: its current audit and a newer one that did not finish. */
  status: ClientStatus | null;
  onChanged: () => void;
  onDeleted: () => void;
  onOpenAudit: (id: number) => void;
  running: RunningAudits;
  refreshKey: number;
}) {
  const { client } = props.summary;
  const toast = useToast();
  const [pages, setPages] = useState<LandingPage[]>([]);
  const [audits, setAudits] = useState<AuditListing[]>([]);
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(client.name);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [comparing, setComparing] = useState<[number, number] | null>(null);
  const [funnels, setFunnels] = useState<Funnel[]>([]);
  const [funnel, setFunnel] = useState("");
  const [rendered, setRendered] = useState(false);
  const [speed, setSpeed] = useKept<RunSpeedChoice>(`run-speed:${client.id}`, DEFAULT_SPEED);
  const [browser, setBrowser] = useState<BrowserStatus | null>(null);
  // The client's funnel being saved, so that an audit started right after uses it.
  const savingFunnel = useRef<Promise<unknown>>(Promise.resolve());

  const load = useCallback(async () => {
    try {
      const [p, a] = await Promise.all([api.listPages(client.id), api.listAudits(client.id)]);
      setPages(p);
      setAudits(a);
    } catch (e) {
      toast((e as { message: string }).message, { tone: "error" });
    }
  }, [client.id, toast]);

  useEffect(() => {
    void load();
  }, [load, props.refreshKey]);
  // Audits and pages colleagues add in a team workspace appear without a click.
  useDataRevision(() => void load());

  // Run options: the funnels, the client's default funnel, and whether a browser is installed.
  useEffect(() => {
    let live = true;
    setFunnel("");
    api.listFunnels().then(
      (f) => live && setFunnels(f),
      () => live && setFunnels([]),
    );
    api.clientFunnel(client.id).then(
      (f) => live && setFunnel(f ?? ""),
      () => undefined,
    );
    api.browserStatus().then(
      (b) => live && setBrowser(b),
      () => live && setBrowser(null),
    );
    return () => {
      live = false;
    };
  }, [client.id]);

  const chooseFunnel = (id: string) => {
    setFunnel(id);
    savingFunnel.current = api.setClientFunnel(client.id, id || null).catch((e) => {
      toast((e as { message: string }).message, { tone: "error" });
    });
  };

  const current = props.status?.current ?? null;
  const newer = props.status?.newer_partial ?? null;

  const run = Object.entries(props.running).find(([, r]) => r.clientId === client.id);
  const runId = run ? Number(run[0]) : null;
  const progress = run?.[1];

  const rename = async () => {
    try {
      await api.renameClient(client.id, name);
      setRenaming(false);
      props.onChanged();
    } catch (e) {
      toast((e as { message: string }).message, { tone: "error" });
    }
  };

  const remove = async () => {
    setConfirmDelete(false);
    try {
      await api.deleteClient(client.id);
      props.onDeleted();
      toast(`Deleted "${client.name}".`, {
        action: {
          label: "Undo",
          run: () => {
            api.restoreClient(client.id).then(props.onChanged, (e) => toast(e.message, { tone: "error" }));
          },
        },
      });
    } catch (e) {
      toast((e as { message: string }).message, { tone: "error" });
    }
  };

  const removePage = async (page: LandingPage) => {
    try {
      await api.deletePage(page.id);
      await load();
      props.onChanged();
      toast("Removed a landing page.", {
        action: {
          label: "Undo",
          run: () => {
            api.restorePage(page.id).then(
              () => {
                void load();
                props.onChanged();
              },
              (e) => toast(e.message, { tone: "error" }),
            );
          },
        },
      });
    } catch (e) {
      toast((e as { message: string }).message, { tone: "error" });
    }
  };

  const startAudit = async () => {
    try {
      await savingFunnel.current;
      const options: AuditOptions = { rendered: rendered && browser?.found !== false, ...speedOptions(speed) };
      if (funnel) options.funnel = funnel;
      await api.startAudit(client.id, options);
    } catch (e) {
      toast((e as { message: string }).message, { tone: "error" });
    }
  };

  if (comparing)
    return <CompareView olderId={comparing[0]} newerId={comparing[1]} onBack={() => setComparing(null)} onOpenAudit={props.onOpenAudit} embedded />;

  return (
    <div className="client-detail">
      <header className="detail-header">
        {renaming ? (
          <form
            className="rename-form"
            onSubmit={(e) => {
              e.preventDefault();
              void rename();
            }}
          >
            <input
              autoFocus
              aria-label="Client name"
              value={name}
              maxLength={120}
              onChange={(e) => setName(e.target.value)}
              onKeyDown={(e) => e.key === "Escape" && setRenaming(false)}
            />
            <button className="button button-primary">Save</button>
            <button type="button" className="button" onClick={() => setRenaming(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <>
            <h1 data-testid="client-title">{client.name}</h1>
            <div className="header-actions">
              <button className="button" onClick={() => setRenaming(true)}>
                Rename
              </button>
              <button className="button button-danger-quiet" onClick={() => setConfirmDelete(true)}>
                Delete
              </button>
            </div>
          </>
        )}
      </header>

      <div className="card">
        <div className="card-header">
          <h2>Run an audit</h2>
          {runId !== null ? (
            <button className="button" data-testid="cancel-audit" onClick={() => void api.cancelAudit(runId)}>
              Stop
            </button>
          ) : (
            <button
              className="button button-primary"
              data-testid="run-audit"
              disabled={pages.length === 0}
              onClick={() => void startAudit()}
              title={pages.length === 0 ? "Add landing pages first" : undefined}
            >
              Run audit on {plural(pages.length, "page", "pages")}
            </button>
          )}
        </div>
        {progress ? (
          <div className="run-progress" data-testid="run-progress">
            <ProgressBar done={progress.done} total={progress.total} />
            <p className="muted small">
              {progress.done} of {progress.total} checked{progress.lastUrl ? ` · now: ${progress.lastUrl}` : ""}
            </p>
            <RunPaceLine pace={progress.pace} />
          </div>
        ) : (
          <p className="muted small">
            Each page is fetched as OAI-AdsBot (OpenAI's ad crawler), as its bare name, and as a desktop browser, and the
            answers are compared.
          </p>
        )}
        <RunOptions
          funnels={funnels}
          funnel={funnel}
          onFunnel={chooseFunnel}
          rendered={rendered}
          onRendered={setRendered}
          browser={browser}
          disabled={runId !== null}
        />
        <RunSpeed value={speed} onChange={setSpeed} disabled={runId !== null} />
      </div>

      <PagesCard clientId={client.id} pages={pages} onAdded={() => { void load(); props.onChanged(); }} onRemove={removePage} />

      <AdAccountCard clientId={client.id} clientName={client.name} onImported={() => { void load(); props.onChanged(); }} />

      {newer && (
        <p className="muted small partial-note" data-testid="client-partial-note">
          {current ? "A newer audit has not checked every page, so the checklist below is the latest complete audit's. " : "No complete audit yet. "}
          <button className="link-button small" onClick={() => props.onOpenAudit(newer.audit.id)} data-testid="client-partial-audit">
            {newer.readiness.label} audit of {formatDate(newer.audit.started_at)}
          </button>
          : {newer.readiness.headline}
        </p>
      )}

      {current && (
        <ChecklistPanel
          readiness={current.readiness}
          title={`Readiness checklist · latest complete audit, ${formatDate(current.audit.started_at)}`}
          onOpenEvidence={(e) => {
            requestFindingFocus({ auditId: current.audit.id, url: e.url, findingId: e.finding_id });
            props.onOpenAudit(current.audit.id);
          }}
        />
      )}

      <HistoryCard audits={audits} onOpenAudit={props.onOpenAudit} onCompare={(older, newer) => setComparing([older, newer])} />

      <MonitoringCard clientId={client.id} clientName={client.name} pages={pages} onOpenAudit={props.onOpenAudit} refreshKey={props.refreshKey} />

      <AlertsCard clientId={client.id} clientName={client.name} refreshKey={props.refreshKey} />

      <CapiCard clientId={client.id} audits={audits} />

      {confirmDelete && (
        <ConfirmDialog
          title={`Delete "${client.name}"?`}
          body="Its landing pages and audits are hidden with it. You can undo this right after."
          confirmLabel="Delete client"
          danger
          onConfirm={() => void remove()}
          onCancel={() => setConfirmDelete(false)}
        />
      )}
    </div>
  );
}

