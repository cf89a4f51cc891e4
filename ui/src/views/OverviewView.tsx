// Readiness across clients: which have blocking problems right now, from each client's latest
// finished audit. Clients with blocking problems come first.
import { useEffect, useMemo, useState } from "react";
import { api } from "../api";
import type { ClientReadiness, ItemId } from "../bindings";
import { Badge, EmptyState, ErrorBanner } from "../components/Bits";
import { formatDate, ITEM_STATUS_LABEL, itemStatusTone, plural, RUN_STATUS_LABEL } from "../format";
import { DEFAULT_SORT, FIRST_DIR, readinessRank, sortReadiness, type Sort, type SortKey } from "./overview/sort";
import "./overview/overview.css";

const ITEM_COLUMNS: { id: ItemId; label: string; title: string }[] = [
  { id: "reachability", label: "OAI-AdsBot access", title: "OAI-AdsBot reaches every page" },
  { id: "pixel", label: "Pixel", title: "The pixel is installed with the events the funnel needs" },
  { id: "utm", label: "UTMs", title: "UTMs are clean and survive redirects" },
];

export function OverviewView(props: { onOpenAudit: (id: number) => void; onOpenClient: (id: number) => void; refreshKey: number }) {
  const [rows, setRows] = useState<ClientReadiness[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sort, setSort] = useState<Sort>(DEFAULT_SORT);

  const load = () => {
    setError(null);
    api.readinessOverview().then(setRows, (e) => setError(e.message));
  };
  useEffect(load, [props.refreshKey]);

  const sorted = useMemo(() => (rows ? sortReadiness(rows, sort) : []), [rows, sort]);

  if (error) return <ErrorBanner message={error} onRetry={load} />;
  if (!rows) return <p className="muted page-pad">Loading…</p>;
  if (rows.length === 0)
    return (
      <EmptyState title="No clients yet">
        Add a client under Clients, paste its landing pages and run an audit. Each client's readiness for ChatGPT Ads then
        appears here.
      </EmptyState>
    );
  if (rows.every((r) => !r.audit))
    return (
      <EmptyState title="No audits yet">
        {plural(rows.length, "client is", "clients are")} set up, but none has been audited. Open a client and run an audit
        to see whether its pages are ready.
      </EmptyState>
    );

  const blocking = rows.filter((r) => readinessRank(r) === 0).length;
  const ready = rows.filter((r) => readinessRank(r) === 3).length;
  const notAudited = rows.filter((r) => !r.audit).length;

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
        {blocking === 0
          ? "No client has a blocking problem in its latest audit."
          : `${plural(blocking, "client has", "clients have")} blocking problems.`}{" "}
        {ready} of {plural(rows.length, "client", "clients")} ready
        {notAudited > 0 ? `, ${notAudited} not audited yet` : ""}.
      </p>
      <table className="data-table overview-table" data-testid="overview-table">
        <thead>
          <tr>
            {header("client", "Client")}
            {header("date", "Last audit")}
            {header("ready", "Ready?")}
            {header("blocking", "Blocking pages")}
            {ITEM_COLUMNS.map((c) => header(c.id, c.label, c.title))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <OverviewRow key={r.client_id} row={r} onOpenAudit={props.onOpenAudit} onOpenClient={props.onOpenClient} />
          ))}
        </tbody>
      </table>
      <p className="muted small">Each row reflects the client's latest finished audit. Click a client to open it, or a date to open that audit.</p>
    </div>
  );
}

function OverviewRow({
  row,
  onOpenAudit,
  onOpenClient,
}: {
  row: ClientReadiness;
  onOpenAudit: (id: number) => void;
  onOpenClient: (id: number) => void;
}) {
  const c = row.checklist;
  const rank = readinessRank(row);
  return (
    <tr data-testid="overview-row">
      <td>
        <button className="link-button overview-client" onClick={() => onOpenClient(row.client_id)} data-testid="overview-client">
          {row.client_name}
        </button>
        <div className="muted small">{plural(row.page_count, "page", "pages")}</div>
      </td>
      <td>
        {row.audit ? (
          <>
            <button className="link-button" onClick={() => onOpenAudit(row.audit!.id)} data-testid="overview-audit">
              {formatDate(row.audit.started_at)}
            </button>
            {row.audit.status !== "complete" && <div className="muted small">{RUN_STATUS_LABEL[row.audit.status]}</div>}
          </>
        ) : (
          <span className="muted">Never audited</span>
        )}
      </td>
      <td>
        {rank === 3 ? (
          <Badge tone="good">Ready</Badge>
        ) : rank === 2 ? (
          <Badge tone="neutral">Not audited</Badge>
        ) : (
          <Badge tone={rank === 0 ? "bad" : "warn"}>Not ready</Badge>
        )}
      </td>
      <td data-testid="overview-blocking">{c ? c.blocking_pages : "–"}</td>
      {ITEM_COLUMNS.map((col) => {
        const item = c?.items.find((i) => i.id === col.id);
        return (
          <td key={col.id}>
            {item ? (
              <span title={item.summary}>
                <Badge tone={itemStatusTone(item.status)}>{ITEM_STATUS_LABEL[item.status]}</Badge>
                {item.checked > 0 && (
                  <span className="muted small">
                    {" "}
                    {item.passed}/{item.checked}
                  </span>
                )}
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
