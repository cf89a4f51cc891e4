// Readiness across clients: each client as its latest complete audit stands, with the engine's
// verdict and counts. A newer audit that was stopped, interrupted or is still running is noted
// beside it, never instead of it. Clients with the most pages with blocking problems come first.
import { useEffect, useMemo, useState } from "react";
import { api } from "../api";
import type { AuditListing, ChecklistItem, ClientStatus, ItemId, ReadinessState } from "../bindings";
import { Badge, EmptyState, ErrorBanner } from "../components/Bits";
import { formatDate, ITEM_STATUS_LABEL, itemStatusTone, plural } from "../format";
import { COUNT_LABEL, readinessTone } from "./history/readiness";
import { DEFAULT_SORT, FIRST_DIR, sortStatuses, type Sort, type SortKey } from "./overview/sort";
import "./overview/overview.css";

const ITEM_COLUMNS: { id: ItemId; label: string; title: string }[] = [
  { id: "reachability", label: "OAI-AdsBot access", title: "OAI-AdsBot reaches every page: pages it can use, of the pages checked" },
  { id: "pixel", label: "Pixel", title: "The pixel is installed with the events the funnel needs: pages that pass, of the pages checked for it" },
  { id: "utm", label: "UTMs", title: "UTMs are clean and survive redirects: pages that pass, of the pages checked for them" },
];

/** "10 of 14 pass": pages that pass the item, of the pages checked for it. */
function itemCell(item: Pick<ChecklistItem, "passed" | "checked">): string {
  return item.checked === 0 ? "" : `${item.passed} of ${item.checked} pass`;
}

export function OverviewView(props: { onOpenAudit: (id: number) => void; onOpenClient: (id: number) => void; refreshKey: number }) {
  const [rows, setRows] = useState<ClientStatus[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sort, setSort] = useState<Sort>(DEFAULT_SORT);

  const load = () => {
    setError(null);
    api.readinessOverview().then(setRows, (e) => setError(e.message));
  };
  useEffect(load, [props.refreshKey]);

  const sorted = useMemo(() => (rows ? sortStatuses(rows, sort) : []), [rows, sort]);

  if (error) return <ErrorBanner message={error} onRetry={load} />;
  if (!rows) return <p className="muted page-pad">Loading…</p>;
  if (rows.length === 0)
    return (
      <EmptyState title="No clients yet">
        Add a client under Clients, paste its landing pages and run an audit. Each client's readiness for ChatGPT Ads then
        appears here.
      </EmptyState>
    );
  if (rows.every((r) => !r.current && !r.newer_partial))
    return (
      <EmptyState title="No audits yet">
        {plural(rows.length, "client is", "clients are")} set up, but none has been audited. Open a client and run an audit
        to see whether its pages are ready.
      </EmptyState>
    );

  // How many clients the engine put in each state: a tally of rows, not a judgement.
  const inState = (state: ReadinessState) => rows.filter((r) => r.current?.readiness.state === state).length;
  const notReady = inState("not_ready");
  const ready = inState("ready");
  const noComplete = rows.filter((r) => !r.current && r.newer_partial).length;
  const notAudited = rows.filter((r) => !r.current && !r.newer_partial).length;

  const header = (key: SortKey, label: string, title?: string) => {
    const active = sort.key === key;
    return (
      <th key={key} aria-sort={active ? (sort.dir === "asc" ? "ascending" : "descending") : "none"} title={title}>
        <button
          className="sortable-th"
          data-testid={`sort-${key}`}
          onClick={() => setSort(active ? { key, dir: sort.dir === "asc" ? "desc" : "asc" } : { key, dir: FIRST_DIR[key] })}
        >
          {label}
          <span aria-hidden="true" className="sort-mark">
            {active ? (sort.dir === "asc" ? "▲" : "▼") : ""}
          </span>
        </button>
      </th>
    );
  };

  return (
    <div className="page-pad overview">
      <h1>Overview</h1>
      <p className="muted" data-testid="overview-summary">
        {notReady === 0
          ? "No client is held back by its latest complete audit."
          : `${plural(notReady, "client is", "clients are")} not ready in ${notReady === 1 ? "its" : "their"} latest complete audit.`}{" "}
        {ready} of {plural(rows.length, "client", "clients")} ready
        {noComplete > 0 ? `, ${noComplete} with no complete audit yet` : ""}
        {notAudited > 0 ? `, ${notAudited} not audited yet` : ""}.
      </p>
      <div className="table-scroll">
      <table className="data-table overview-table" data-testid="overview-table">
        <thead>
          <tr>
            {header("client", "Client")}
            {header("date", "Latest complete audit")}
            {header("ready", "Readiness")}
            {header("blocking", COUNT_LABEL.failing_pages, "Pages with at least one blocking problem, in the latest complete audit")}
            {ITEM_COLUMNS.map((c) => header(c.id, c.label, c.title))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <OverviewRow key={r.client.id} row={r} onOpenAudit={props.onOpenAudit} onOpenClient={props.onOpenClient} />
          ))}
        </tbody>
      </table>
      </div>
      <p className="muted small">
        Each row reflects the client's latest complete audit. A newer audit that was stopped, interrupted or is still
        running is noted beside it and does not change the row. Click a client to open it, or a date to open that audit.
      </p>
    </div>
  );
}

function OverviewRow({
  row,
  onOpenAudit,
  onOpenClient,
}: {
  row: ClientStatus;
  onOpenAudit: (id: number) => void;
  onOpenClient: (id: number) => void;
}) {
  const current = row.current;
  const r = current?.readiness ?? null;
  return (
    <tr data-testid="overview-row">
      <td>
        <button className="link-button overview-client" onClick={() => onOpenClient(row.client.id)} data-testid="overview-client">
          {row.client.name}
        </button>
        <div className="muted small">{plural(row.page_count, "page", "pages")}</div>
      </td>
      <td>
        {current ? (
          <button className="link-button" onClick={() => onOpenAudit(current.audit.id)} data-testid="overview-audit">
            {formatDate(current.audit.started_at)}
          </button>
        ) : (
          <span className="muted">{row.newer_partial ? "No complete audit yet" : "Never audited"}</span>
        )}
        {row.newer_partial && <PartialNote listing={row.newer_partial} onOpenAudit={onOpenAudit} />}
      </td>
      <td>
        {r ? (
          <Badge tone={readinessTone(r.state)} testId="overview-state">
            {r.label}
          </Badge>
        ) : row.newer_partial ? (
          <span className="muted small" data-testid="overview-state">
            No complete audit yet
          </span>
        ) : (
          <Badge tone="neutral" testId="overview-state">
            Not audited
          </Badge>
        )}
      </td>
      <td data-testid="overview-blocking">{r ? r.counts.failing_pages : "–"}</td>
      {ITEM_COLUMNS.map((col) => {
        const item = r?.checklist.items.find((i) => i.id === col.id);
        return (
          <td key={col.id} data-testid={`overview-${col.id}`}>
            {item ? (
              <span title={item.summary}>
                <Badge tone={itemStatusTone(item.status)}>{ITEM_STATUS_LABEL[item.status]}</Badge>
                {item.checked > 0 && <span className="muted small overview-count"> {itemCell(item)}</span>}
              </span>
            ) : (
              <span className="muted">–</span>
            )}
          </td>
        );
      })}
    </tr>
  );
}

/** A newer audit that did not check every page, with the engine's headline for it. */
function PartialNote({ listing, onOpenAudit }: { listing: AuditListing; onOpenAudit: (id: number) => void }) {
  return (
    <div className="overview-partial muted small" data-testid="overview-partial">
      <button className="link-button small" onClick={() => onOpenAudit(listing.audit.id)} data-testid="overview-partial-audit">
        {listing.readiness.label} · {formatDate(listing.audit.started_at)}
      </button>{" "}
      <span data-testid="overview-partial-headline">{listing.readiness.headline}</span>
    </div>
  );
}
