// Which finding to show when an audit opens from a checklist elsewhere (the client page). The
// app opens audits by id only, so the target waits here until that audit's view takes it.
export type FindingFocus = { auditId: number; url: string; findingId: string | null };

let pending: FindingFocus | null = null;

export function requestFindingFocus(focus: FindingFocus): void {
  pending = focus;
}

/** The waiting target for this audit, left in place; null when there is none. */
export function peekFindingFocus(auditId: number): FindingFocus | null {
  return pending && pending.auditId === auditId ? pending : null;
}

/** The waiting target for this audit, once; null when there is none. */
export function takeFindingFocus(auditId: number): FindingFocus | null {
  const f = peekFindingFocus(auditId);
  if (f) pending = null;
  return f;
}
