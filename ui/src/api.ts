// The one door between the window and Rust: every command goes through `call`, every event
// through `onProgress`. Errors always arrive as an AppError with a machine code.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type {
  AddPagesOutcome,
  AppError,
  AppInfo,
  AuditProgress,
  AuditReport,
  AuditSummary,
  Client,
  ClientSummary,
  LandingPage,
  ParsedTargets,
  RobotsCheck,
} from "./bindings";

export function isAppError(e: unknown): e is AppError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return e;
  return { code: "internal", message: e instanceof Error ? e.message : String(e) };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toAppError(e);
  }
}

export const api = {
  appInfo: () => call<AppInfo>("app_info"),
  listClients: () => call<ClientSummary[]>("list_clients"),
  createClient: (name: string) => call<Client>("create_client", { name }),
  renameClient: (id: number, name: string) => call<Client>("rename_client", { id, name }),
  deleteClient: (id: number) => call<void>("delete_client", { id }),
  restoreClient: (id: number) => call<Client>("restore_client", { id }),
  parseUrls: (text: string) => call<ParsedTargets>("parse_urls", { text }),
  addPages: (clientId: number, text: string) => call<AddPagesOutcome>("add_pages", { clientId, text }),
  listPages: (clientId: number) => call<LandingPage[]>("list_pages", { clientId }),
  deletePage: (id: number) => call<void>("delete_page", { id }),
  restorePage: (id: number) => call<void>("restore_page", { id }),
  listAudits: (clientId: number | null) => call<AuditSummary[]>("list_audits", { clientId }),
  getAudit: (id: number) => call<AuditReport>("get_audit", { id }),
  deleteAudit: (id: number) => call<void>("delete_audit", { id }),
  restoreAudit: (id: number) => call<void>("restore_audit", { id }),
  startAudit: (clientId: number) => call<number>("start_audit", { clientId }),
  cancelAudit: (runId: number) => call<void>("cancel_audit", { runId }),
  checkRobots: (robotsTxt: string, agent: string, url: string) =>
    call<RobotsCheck>("check_robots", { robotsTxt, agent, url }),
};

export function onProgress(handler: (p: AuditProgress) => void): Promise<UnlistenFn> {
  return listen<AuditProgress>("audit-progress", (event) => handler(event.payload));
}
