// Sorting for the overview table. Pure, so the order can be tested without rendering.
import type { ClientReadiness, ItemId } from "../../bindings";
import { itemStatusRank } from "../../format";

export type SortKey = "client" | "date" | "ready" | "blocking" | ItemId;
export type SortDir = "asc" | "desc";
export type Sort = { key: SortKey; dir: SortDir };

/** Clients with blocking problems first. */
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

/** 0 not ready with blocking pages, 1 not ready, 2 never audited, 3 ready. */
export function readinessRank(r: ClientReadiness): number {
  if (!r.checklist) return 2;
  if (r.checklist.blocking_pages > 0) return 0;
  return r.checklist.ready ? 3 : 1;
}

function value(r: ClientReadiness, key: SortKey): number | string {
  switch (key) {
    case "client":
      return r.client_name.toLocaleLowerCase();
    case "date":
      return r.audit ? Date.parse(r.audit.started_at) || 0 : -Infinity;
    case "ready":
      return readinessRank(r);
    case "blocking":
      return r.checklist ? r.checklist.blocking_pages : -1;
    default:
      return itemStatusRank(r.checklist?.items.find((i) => i.id === key)?.status ?? null);
  }
}

export function sortReadiness(rows: ClientReadiness[], sort: Sort): ClientReadiness[] {
  const sign = sort.dir === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = value(a, sort.key);
    const vb = value(b, sort.key);
    const primary = va < vb ? -1 : va > vb ? 1 : 0;
    if (primary !== 0) return primary * sign;
    // Ties: the least ready first, then by name.
    return readinessRank(a) - readinessRank(b) || a.client_name.localeCompare(b.client_name) || a.client_id - b.client_id;
  });
}
