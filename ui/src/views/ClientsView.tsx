// Clients and their landing pages: create, rename, delete (with undo), paste pages, run audits.
import { useCallback, useEffect, useMemo, useState } from "react";
import { api } from "../api";
import type { AuditSummary, ClientSummary, LandingPage, ParsedTargets } from "../bindings";
import { Badge, EmptyState, ErrorBanner, ProgressBar } from "../components/Bits";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { useToast } from "../components/Toast";
import { auditHeadline, formatDate, plural, RUN_STATUS_LABEL } from "../format";
import type { RunningAudits } from "../App";

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

function ClientDetail(props: {
  summary: ClientSummary;
  onChanged: () => void;
  onDeleted: () => void;
  onOpenAudit: (id: number) => void;
  running: RunningAudits;
  refreshKey: number;
}) {
  const { client } = props.summary;
  const toast = useToast();
  const [pages, setPages] = useState<LandingPage[]>([]);
  const [audits, setAudits] = useState<AuditSummary[]>([]);
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(client.name);
  const [confirmDelete, setConfirmDelete] = useState(false);

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
      await api.startAudit(client.id);
    } catch (e) {
      toast((e as { message: string }).message, { tone: "error" });
    }
  };

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
          </div>
        ) : (
          <p className="muted small">
            Each page is fetched as OAI-AdsBot (OpenAI's ad crawler), as its bare name, and as a desktop browser, and the
            answers are compared.
          </p>
        )}
      </div>

      <PagesCard clientId={client.id} pages={pages} onAdded={() => { void load(); props.onChanged(); }} onRemove={removePage} />

      <div className="card">
        <div className="card-header">
          <h2>Audit history</h2>
        </div>
        {audits.length === 0 ? (
          <p className="muted small">No audits yet. Results appear here and stay saved on this computer.</p>
        ) : (
          <ul className="audit-list">
            {audits.map((a) => (
              <li key={a.id}>
                <button className="audit-item" data-testid="audit-item" onClick={() => props.onOpenAudit(a.id)}>
                  <span>{formatDate(a.started_at)}</span>
                  <span className="audit-headline">{auditHeadline(a)}</span>
                  <Badge tone={a.status === "complete" ? (a.summary && a.summary.failing_pages > 0 ? "bad" : "good") : "neutral"}>
                    {a.status === "complete" ? (a.summary && a.summary.failing_pages > 0 ? "Not ready" : "Ready") : RUN_STATUS_LABEL[a.status]}
                  </Badge>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>

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

function PagesCard(props: {
  clientId: number;
  pages: LandingPage[];
  onAdded: () => void;
  onRemove: (p: LandingPage) => void;
}) {
  const toast = useToast();
  const [text, setText] = useState("");
  const [preview, setPreview] = useState<ParsedTargets | null>(null);

  useEffect(() => {
    if (!text.trim()) {
      setPreview(null);
      return;
    }
    const timer = window.setTimeout(() => {
      api.parseUrls(text).then(setPreview, () => setPreview(null));
    }, 200);
    return () => window.clearTimeout(timer);
  }, [text]);

  const existing = useMemo(() => new Set(props.pages.map((p) => p.url)), [props.pages]);
  const newCount = preview ? preview.urls.filter((u) => !existing.has(u)).length : 0;

  const add = async () => {
    try {
      const outcome = await api.addPages(props.clientId, text);
      const added = outcome.saved.added.length;
      const skipped = outcome.saved.already_present.length + outcome.parsed.duplicates.length;
      const invalid = outcome.parsed.invalid.length;
      const parts = [`Added ${plural(added, "page", "pages")}`];
      if (skipped) parts.push(`${skipped} already in the list`);
      if (invalid) parts.push(`${invalid} not valid (kept in the box)`);
      toast(parts.join(", ") + ".");
      // Keep only the lines that need fixing.
      setText(outcome.parsed.invalid.map((i) => i.text).join("\n"));
      props.onAdded();
    } catch (e) {
      toast((e as { message: string }).message, { tone: "error" });
    }
  };

  return (
    <div className="card">
      <div className="card-header">
        <h2>Landing pages</h2>
        <span className="muted small">{plural(props.pages.length, "page", "pages")}</span>
      </div>
      {props.pages.length === 0 ? (
        <p className="muted small">No landing pages yet. Paste the exact URLs your ads point to, tracking parameters included.</p>
      ) : (
        <ul className="page-list" data-testid="page-list">
          {props.pages.map((p) => (
            <li key={p.id}>
              <span className="url" title={p.url}>
                {p.url}
              </span>
              <button className="icon-button" aria-label={`Remove ${p.url}`} onClick={() => props.onRemove(p)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <label className="field-label" htmlFor="paste-urls">
        Add pages: one URL per line
      </label>
      <textarea
        id="paste-urls"
        data-testid="paste-urls"
        rows={4}
        spellCheck={false}
        placeholder={"https://shop.example.com/sale?utm_source=chatgpt&utm_medium=cpc\nexample.com/pricing"}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && newCount > 0) {
            e.preventDefault();
            void add();
          }
        }}
      />
      {preview && (
        <div className="paste-preview" data-testid="paste-preview">
          <span className="small">
            {plural(newCount, "new page", "new pages")}
            {preview.duplicates.length > 0 ? `, ${preview.duplicates.length} repeated` : ""}
          </span>
          {preview.invalid.map((i, n) => (
            <div key={n} className="invalid-line small" data-testid="invalid-line">
              Line {i.line}: <code>{i.text}</code> — {i.reason}
            </div>
          ))}
        </div>
      )}
      <div className="row-end">
        <span className="muted small">Ctrl+Enter to add</span>
        <button className="button button-primary" data-testid="add-pages" disabled={newCount === 0} onClick={() => void add()}>
          Add {newCount > 0 ? plural(newCount, "page", "pages") : "pages"}
        </button>
      </div>
    </div>
  );
}
