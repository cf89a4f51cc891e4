// Sorting for the overview table. Pure, so the order can be tested without rendering. Rows are
// ranked by the state the engine gave each client's current (latest complete) audit; nothing is
// counted or judged here.
import type { ClientStatus, ItemId, ReadinessState } from "../../bindings";
import { itemStatusRank } from "../../format";

export type SortKey = "client" | "date" | "ready" | "blocking" | ItemId;
export type SortDir = "asc" | "desc";
export type Sort = { key: SortKey; dir: SortDir };

/** Clients with the most pages with blocking problems first. */
export const DEFAULT_SORT: Sort = { key: "blocking", dir: "desc" };

/** The direction a column starts in when first clicked: the useful end first. */
export const FIRST_DIR: Record<SortKey, SortDir> = {
  client: "asc",
  date: "desc",
  ready: "asc",
  blocking: "desc",
  reachability: "asc",
  pixel: "asc",
  utm: "asc",
};

// Not ready first, ready last. A current audit is always complete, so never partial.
const STATE_RANK: Record<ReadinessState, number> = { not_ready: 0, empty: 1, partial: 2, ready: 4 };

/** Where a client's current readiness sorts: not ready first, then no complete audit, ready last. */
export function stateRank(r: ClientStatus): number {
  return r.current ? STATE_RANK[r.current.readiness.state] : 3;
}

function value(r: ClientStatus, key: SortKey): number | string {
  switch (key) {
    case "client":
      return r.client.name.toLocaleLowerCase();
    case "date":
      return r.current ? Date.parse(r.current.audit.started_at) || 0 : -Infinity;
    case "ready":
      return stateRank(r);
    case "blocking":
      return r.current ? r.current.readiness.counts.failing_pages : -1;
    default:
      return itemStatusRank(r.current?.readiness.checklist.items.find((i) => i.id === key)?.status ?? null);
  }
}

export function sortStatuses(rows: ClientStatus[], sort: Sort): ClientStatus[] {
  const sign = sort.dir === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = value(a, sort.key);
    const vb = value(b, sort.key);
    const primary = va < vb ? -1 : va > vb ? 1 : 0;
    if (primary !== 0) return primary * sign;
    // Ties: the least ready first, then by name.
    return stateRank(a) - stateRank(b) || a.client.name.localeCompare(b.client.name) || a.client.id - b.client.id;
  });
}
