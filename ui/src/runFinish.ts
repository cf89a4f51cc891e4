// Where a finished audit's results go. When the user is still on the page of the client the audit
// ran for, the audit opens in place of that page; anywhere else (another area, another client, an
// audit already open, a field being typed in, a dialog) nothing moves and a toast offers "Open".
import type { AuditProgress } from "./bindings";
import type { Section } from "./navigation";

/** What the window shows when a run ends. */
export type WindowView = { section: Section; auditId: number | null; clientId: number | null };

/** Elements that hold the user's attention: leaving them would lose what they are doing. */
const BUSY = "input, textarea, select, [contenteditable='true'], [role='dialog'], [role='alertdialog']";

/**
 * True when the finished run should open at once. A run the user stopped themselves does not:
 * they chose to stay.
 */
export function opensWhenFinished(
  view: WindowView,
  p: Pick<AuditProgress, "kind" | "client_id" | "status">,
  active: Element | null = typeof document === "undefined" ? null : document.activeElement,
): boolean {
  if (p.kind !== "finished" || p.status === "cancelled") return false;
  if (view.section !== "clients" || view.auditId !== null || view.clientId !== p.client_id) return false;
  if (active?.closest(BUSY)) return false;
  if (typeof document !== "undefined" && document.querySelector("[role='dialog'], [role='alertdialog']")) return false;
  return true;
}
