// The one door between the window and Rust: every command goes through `call`, every event
// through `onProgress`. Errors always arrive as an AppError with a machine code.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type {
  AdDestination,
  AdImportCounts,
  AdsApiAddress,
  AdsConnection,
  CheckedAccount,
  Comment,
  WhatOpenAiSaw,
  AddedPages,
  AddPagesOutcome,
  AlertChannel,
  AlertSettings,
  AppError,
  AppInfo,
  AuditListing,
  AuditOptions,
  RunDefaults,
  AuditProgress,
  AuditReport,
  BrowserStatus,
  CapiOverview,
  CapiProgress,
  CapiValidation,
  LiveAnswer,
  PairingRecord,
  Samples,
  ChangeListing,
  ChannelDelivery,
  DeliveryListing,
  AuditSummary,
  Client,
  ClientStatus,
  CopyReport,
  ClientSummary,
  Comparison,
  CsvImport,
  EventMapping,
  ExportFormat,
  ExportSettings,
  FetchedRobots,
  Funnel,
  InstallState,
  JourneyReport,
  JourneyUpdate,
  LagImport,
  LandingPage,
  LogImport,
  LogImportSummary,
  LogProgress,
  PageRow,
  PagesPreview,
  ParsedTargets,
  Plan,
  PlanField,
  PlanReport,
  Preset,
  Readiness,
  ReplayUpdate,
  ScheduleConfig,
  ScheduledRun,
  ScheduleStatus,
  SmtpSettings,
  SmtpView,
  RobotsLint,
  RobotsSource,
  RobotsTest,
  SavedScenario,
  Sitemap,
  TemplateOutput,
  TrackingTemplates,
  UrlList,
  UtmCheck,
  UtmProgress,
  UtmReport,
  UtmScheme,
  WebhookFormat,
  WorkspaceConnected,
  WorkspaceStatus,
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

// Files go to Rust as raw bytes (no JSON number arrays); options travel as headers.
async function callWithBytes<T>(
  command: string,
  bytes: Uint8Array,
  headers: Record<string, string> = {},
): Promise<T> {
  try {
    return await invoke<T>(command, bytes, { headers });
  } catch (e) {
    throw toAppError(e);
  }
}

export const api = {
  appInfo: () => call<AppInfo>("app_info"),
  uiReady: () => call<void>("ui_ready"),
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
  /** What a sitemap (and the sitemaps an index lists) would add to a client; nothing is saved. */
  previewSitemapPages: (clientId: number, url: string) => call<PagesPreview>("preview_sitemap_pages", { clientId, url }),
  previewSitemapFilePages: (clientId: number, bytes: Uint8Array, name: string) =>
    callWithBytes<PagesPreview>("preview_sitemap_file_pages", bytes, { "x-client-id": String(clientId), "x-name": encodeURIComponent(name) }),
  /** `column`: the zero-based column the user chose for the landing-page addresses. */
  previewExportPages: (clientId: number, bytes: Uint8Array, name: string, column?: number) =>
    callWithBytes<PagesPreview>("preview_export_pages", bytes, {
      "x-client-id": String(clientId),
      "x-name": encodeURIComponent(name),
      ...(column === undefined ? {} : { "x-column": String(column) }),
    }),
  /** Saves the pages a preview listed. */
  addPreviewedPages: (clientId: number, urls: string[]) => call<AddedPages>("add_previewed_page_urls", { clientId, urls }),
  /** The audits of one client (or of all), newest first, each with its readiness. */
  listAudits: (clientId: number | null) => call<AuditListing[]>("list_audits", { clientId }),
  getAudit: (id: number) => call<AuditReport>("get_audit", { id }),
  /** One audit as listed; rejects with `not_found` once anyone deleted it. */
  auditSummary: (id: number) => call<AuditSummary>("audit_summary", { id }),
  deleteAudit: (id: number) => call<void>("delete_audit", { id }),
  restoreAudit: (id: number) => call<void>("restore_audit", { id }),
  /** The comments on one audit, oldest first. */
  listComments: (runId: number) => call<Comment[]>("list_comments", { runId }),
  /** Adds a comment (trimmed, 1 to 4000 characters); returns the audit's comments. */
  addComment: (runId: number, body: string) => call<Comment[]>("add_comment", { runId, body }),
  deleteComment: (id: number) => call<void>("delete_comment", { id }),
  restoreComment: (id: number) => call<void>("restore_comment", { id }),
  /** `options`: also run each page in a browser, and the funnel (omitted: the client's default). */
  startAudit: (clientId: number, options?: AuditOptions) =>
    call<number>("start_audit", options ? { clientId, options } : { clientId }),
  cancelAudit: (runId: number) => call<void>("cancel_audit", { runId }),
  runDefaults: () => call<RunDefaults>("run_defaults"),
  /** Each line of `urls` tested against the file; `source`: what fetching it gave, while the text
   * is still the one fetched (omitted: the text's rules apply). */
  testRobots: (robotsTxt: string, agent: string, urls: string, source?: RobotsSource) =>
    call<RobotsTest>("test_robots", { robotsTxt, agent, urls, source: source ?? null }),
  lintRobots: (robotsTxt: string) => call<RobotsLint>("lint_robots", { robotsTxt }),
  /** The live robots.txt of the site `site` belongs to, fetched as the audit fetches it. */
  fetchSiteRobots: (site: string) => call<FetchedRobots>("fetch_site_robots", { site }),

  // Pixel, funnels and journeys
  listFunnels: () => call<Funnel[]>("list_funnels"),
  eventMappingTable: () => call<EventMapping[]>("event_mapping_table"),
  /** Whether a Chrome or Chromium for the browser check and journeys is installed. */
  browserStatus: () => call<BrowserStatus>("browser_status"),
  clientFunnel: (clientId: number) => call<string | null>("client_funnel", { clientId }),
  setClientFunnel: (clientId: number, funnel: string | null) =>
    call<void>("set_client_funnel", { clientId, funnel }),
  /** Reads a saved audit through another funnel (or none); also the client's default from now on. */
  setAuditFunnel: (runId: number, funnel: string | null) =>
    call<AuditReport>("set_audit_funnel", { runId, funnel }),
  /** Resolves once the browser window is open on `url`; then updates arrive via onJourneyUpdate. */
  startJourney: (runId: number, url: string) => call<void>("start_journey", { runId, url }),
  finishJourney: () => call<void>("finish_journey"),
  discardJourney: () => call<void>("discard_journey"),
  deleteJourney: (id: number) => call<void>("delete_journey", { id }),
  restoreJourney: (id: number) => call<void>("restore_journey", { id }),
  /** Replays a saved journey without a window (progress via onReplayUpdate); resolves with the
   * replay, saved as a new journey of the same audit. */
  replayJourney: (journeyId: number) => call<JourneyReport>("replay_journey", { journeyId }),
  cancelReplay: () => call<void>("cancel_replay"),
  /** Whether the browser may run without its sandbox when the app runs as root. */
  browserSandboxSetting: () => call<boolean>("browser_sandbox_setting"),
  setBrowserSandboxSetting: (allow: boolean) => call<boolean>("set_browser_sandbox_setting", { allow }),

  // Planner
  planPresets: () => call<Preset[]>("plan_presets"),
  planFields: () => call<PlanField[]>("plan_fields"),
  computePlan: (plan: Plan, draws?: number, seed?: number) =>
    call<PlanReport>("compute_plan", { plan, draws: draws ?? null, seed: seed ?? null }),
  importLagCsv: (text: string) => call<LagImport>("import_lag_csv", { text }),
  listScenarios: (clientId: number) => call<SavedScenario[]>("list_scenarios", { clientId }),
  saveScenario: (clientId: number, id: number | null, name: string, plan: Plan) =>
    call<SavedScenario>("save_scenario", { clientId, id, name, plan }),
  deleteScenario: (id: number) => call<void>("delete_scenario", { id }),
  restoreScenario: (id: number) => call<SavedScenario>("restore_scenario", { id }),

  // UTM hygiene
  parseUtmList: (text: string) => call<UrlList>("parse_utm_list", { text }),
  /**
   * With `followRedirects`, progress arrives via onUtmProgress and cancelUtmCheck stops early.
   * With `templates` (the tracking template of each level, blank ones ignored), each URL also
   * gets the URL a click produces at every level.
   */
  checkUtm: (urls: string[], followRedirects: boolean, templates?: TrackingTemplates) =>
    call<UtmCheck>("check_utm", { urls, followRedirects, templates: templates ?? null }),
  /** Stops following redirects; checkUtm then answers with the URLs followed so far. */
  cancelUtmCheck: () => call<void>("cancel_utm_check"),
  /** `column`: a zero-based index or a header name confirming the destination-URL column. */
  importUtmCsv: (bytes: Uint8Array, column?: number | string) =>
    callWithBytes<CsvImport>(
      "import_utm_csv",
      bytes,
      column === undefined ? {} : { "x-column": encodeURIComponent(String(column)) },
    ),
  importSitemapFile: (bytes: Uint8Array) => callWithBytes<Sitemap>("import_sitemap_file", bytes),
  importSitemapUrl: (url: string) => call<Sitemap>("import_sitemap_url", { url }),
  utmTemplate: (bases: string[], scheme: UtmScheme) =>
    call<TemplateOutput>("utm_template", { bases, scheme }),
  recommendedUtmScheme: (campaign: string) =>
    call<UtmScheme>("recommended_utm_scheme", { campaign }),
  /** Writes the checked URLs, their problems and corrected URLs as CSV; returns the path. */
  exportUtmCsv: (report: UtmReport, path?: string | null) =>
    call<string>("export_utm_csv", { report, path: path ?? null }),
  /** Writes the tagged URLs as a CSV ready for the ads manager; returns the path. */
  exportUtmTemplate: (output: TemplateOutput, path?: string | null) =>
    call<string>("export_utm_template", { output, path: path ?? null }),

  // Exports, history, settings
  exportSettings: () => call<ExportSettings>("export_settings"),
  saveExportSettings: (settings: ExportSettings) =>
    call<ExportSettings>("save_export_settings", { settings }),
  /** Returns the path written. Without `path`, the file goes to the export folder. */
  exportAudit: (id: number, format: ExportFormat, path?: string | null, compareWith?: number | null) =>
    call<string>("export_audit", { id, format, path: path ?? null, compareWith: compareWith ?? null }),
  /** Every page's row in the audit's page grid, in the audit's page order. */
  auditPageRows: (id: number) => call<PageRow[]>("audit_page_rows", { id }),
  /** The page grid's rows for `urls`, in that order, as CSV; returns the path written. */
  exportPageGrid: (id: number, urls: string[], path?: string | null) =>
    call<string>("export_page_grid", { id, urls, path: path ?? null }),
  /** A plan as a PDF for stakeholders; returns the path written. */
  exportPlanPdf: (clientId: number | null, scenarioName: string, plan: Plan, path?: string | null) =>
    call<string>("export_plan_pdf", { clientId, scenarioName, plan, path: path ?? null }),
  compareAudits: (older: number, newer: number) =>
    call<Comparison>("compare_audits", { older, newer }),
  /** Two audits compared, as a PDF or CSV. Without `path`, the file goes to the export folder. */
  exportComparison: (older: number, newer: number, format: ExportFormat, path?: string | null) =>
    call<string>("export_comparison", { older, newer, format, path: path ?? null }),
  /** Every client with the audit that stands for its status (its newest complete audit). */
  readinessOverview: () => call<ClientStatus[]>("readiness_overview"),
  /** One audit's readiness: state, label, headline, counts, checklist and each page's standing. */
  auditReadiness: (id: number) => call<Readiness>("audit_readiness", { id }),

  // The client's ad account (OpenAI's Ads API); the key goes to the keychain, never back here.
  adsApiAddress: () => call<AdsApiAddress>("ads_api_address"),
  setAdsApiAddress: (address: string) => call<AdsApiAddress>("set_ads_api_address", { address }),
  adsConnection: (clientId: number) => call<AdsConnection>("ads_connection", { clientId }),
  connectAds: (clientId: number, key: string) => call<CheckedAccount>("connect_ads", { clientId, key }),
  disconnectAds: (clientId: number) => call<boolean>("disconnect_ads", { clientId }),
  importAds: (clientId: number) => call<AdImportCounts>("import_ads", { clientId }),
  listAds: (clientId: number) => call<AdDestination[]>("list_ads", { clientId }),
  /** OpenAI's review of the ads and the access log beside an audit; null when the client has neither. */
  whatOpenAiSaw: (auditId: number) => call<WhatOpenAiSaw | null>("what_openai_saw", { auditId }),

  // Monitoring: a client's schedule, the changes scheduled audits found, and where alerts go.
  /** The client's schedule; null when the client is not monitored. */
  monitorSchedule: (clientId: number) => call<ScheduleStatus | null>("monitor_schedule", { clientId }),
  saveMonitorSchedule: (clientId: number, config: ScheduleConfig) =>
    call<ScheduleStatus>("save_monitor_schedule", { clientId, config }),
  removeMonitorSchedule: (clientId: number) => call<void>("remove_monitor_schedule", { clientId }),
  /** Runs a paused schedule again from its next slot. */
  resumeMonitorSchedule: (clientId: number) => call<void>("resume_monitor_schedule", { clientId }),
  /** Changes newest first: one client's, or every client's (null). */
  listMonitorChanges: (clientId: number | null) => call<ChangeListing[]>("list_monitor_changes", { clientId }),
  alertChannels: (clientId: number) => call<AlertChannel[]>("alert_channels", { clientId }),
  /** The address goes to the keychain and never comes back; only its host is shown. */
  addWebhookChannel: (clientId: number, format: WebhookFormat, address: string) =>
    call<AlertChannel>("add_webhook_channel", { clientId, format, address }),
  /** `recipients`: addresses separated by commas, semicolons, spaces or lines. */
  addEmailChannel: (clientId: number, recipients: string) =>
    call<AlertChannel>("add_email_channel", { clientId, recipients }),
  removeAlertChannel: (channelId: number) => call<void>("remove_alert_channel", { channelId }),
  /** Sends a test alert to every channel of the client; how it went on each. */
  sendTestAlert: (clientId: number) => call<ChannelDelivery[]>("send_test_alert", { clientId }),
  /** The client's latest alerts, newest first: sent, held back, failed (with why), tests. */
  alertDeliveries: (clientId: number) => call<DeliveryListing[]>("alert_deliveries", { clientId }),
  alertSettings: () => call<AlertSettings>("alert_settings"),
  saveAlertPreferences: (quietMinutes: number, desktopNotifications: boolean) =>
    call<void>("save_alert_preferences", { quietMinutes, desktopNotifications }),
  /** `password`: null keeps the kept one, "" removes it. */
  saveSmtpSettings: (settings: SmtpSettings, password: string | null) =>
    call<SmtpView>("save_smtp_settings", { settings, password }),
  /** Whether the operating system runs due schedules while Preflight is closed. */
  osSchedulerStatus: () => call<InstallState>("os_scheduler_status"),
  installOsScheduler: () => call<InstallState>("install_os_scheduler"),
  uninstallOsScheduler: () => call<InstallState>("uninstall_os_scheduler"),

  // Access logs
  importAccessLog: (clientId: number, path: string, rangesFile?: string | null) =>
    call<LogImport>("import_access_log", { clientId, path, rangesFile: rangesFile ?? null }),
  cancelLogImport: () => call<void>("cancel_log_import"),
  listLogImports: (clientId: number) => call<LogImportSummary[]>("list_log_imports", { clientId }),
  getLogImport: (id: number) => call<LogImport>("get_log_import", { id }),
  deleteLogImport: (id: number) => call<void>("delete_log_import", { id }),
  restoreLogImport: (id: number) => call<void>("restore_log_import", { id }),

  // Native dialogs: each returns the chosen path, or null when cancelled.
  chooseFile: (title: string, extensions: string[] = []) =>
    call<string | null>("choose_file", { title, extensions }),
  chooseSavePath: (title: string, suggestedName: string) =>
    call<string | null>("choose_save_path", { title, suggestedName }),
  chooseFolder: (title: string) => call<string | null>("choose_folder", { title }),
  /** Several files at once; empty when cancelled. */
  chooseFiles: (title: string, extensions: string[] = []) => call<string[]>("choose_files", { title, extensions }),

  // Where audits are kept: this computer's file or a team workspace. The password goes to the
  // keychain and never comes back.
  workspaceStatus: () => call<WorkspaceStatus>("workspace_status"),
  /** `displayName`: null leaves it as it is, "" clears it. */
  connectWorkspace: (address: string, password: string, displayName: string | null) =>
    call<WorkspaceConnected>("connect_workspace", { address, password: password || null, displayName }),
  copyLocalIntoWorkspace: () => call<CopyReport>("copy_local_into_workspace"),
  disconnectWorkspace: () => call<WorkspaceStatus>("disconnect_workspace"),
  setDisplayName: (name: string) => call<WorkspaceStatus>("set_display_name", { name }),
  /** Changes whenever anyone changes clients, pages or audits; lists poll it. */
  dataRevision: () => call<string>("data_revision"),

  // Conversions API checks; the key goes to the keychain, never back here.
  capiOverview: (clientId: number) => call<CapiOverview>("capi_overview", { clientId }),
  /** Reads the files (progress as `capi-progress` events); kept for the client unless cancelled. */
  capiValidate: (clientId: number, paths: string[], sentAtMs: number | null, pixelId: string | null) =>
    call<CapiValidation>("capi_validate", { clientId, paths, sentAtMs, pixelId }),
  capiCancel: (clientId: number) => call<void>("capi_cancel", { clientId }),
  /** Pairs the last validation's server events with an audit's pixel events. */
  capiPair: (clientId: number, auditId: number, pixelId: string | null) =>
    call<PairingRecord>("capi_pair", { clientId, auditId, pixelId }),
  /** Returns where the key is kept ("the system keychain"). */
  capiSaveKey: (clientId: number, key: string) => call<string>("capi_save_key", { clientId, key }),
  capiRemoveKey: (clientId: number) => call<boolean>("capi_remove_key", { clientId }),
  /** Empty restores OpenAI's address; returns the address in effect. */
  capiSetEndpoint: (value: string) => call<string>("capi_set_endpoint", { value }),
  /** Sends the file's first request for validation only; only from a click. */
  capiLiveCheck: (clientId: number, pixelId: string, path: string) =>
    call<LiveAnswer>("capi_live_check", { clientId, pixelId, path }),
  capiSamples: (clientId: number, pixelId: string, testEmail: string) =>
    call<Samples>("capi_samples", { clientId, pixelId, testEmail }),
};

export function onLogProgress(handler: (p: LogProgress) => void): Promise<UnlistenFn> {
  return listen<LogProgress>("log-progress", (event) => handler(event.payload));
}

export function onCapiProgress(handler: (p: CapiProgress) => void): Promise<UnlistenFn> {
  return listen<CapiProgress>("capi-progress", (event) => handler(event.payload));
}

export function onUtmProgress(handler: (p: UtmProgress) => void): Promise<UnlistenFn> {
  return listen<UtmProgress>("utm-progress", (event) => handler(event.payload));
}

export function onJourneyUpdate(handler: (u: JourneyUpdate) => void): Promise<UnlistenFn> {
  return listen<JourneyUpdate>("journey-update", (event) => handler(event.payload));
}

export function onReplayUpdate(handler: (u: ReplayUpdate) => void): Promise<UnlistenFn> {
  return listen<ReplayUpdate>("journey-replay", (event) => handler(event.payload));
}

export function onProgress(handler: (p: AuditProgress) => void): Promise<UnlistenFn> {
  return listen<AuditProgress>("audit-progress", (event) => handler(event.payload));
}

/** After scheduled audits ran (while the window is open): what each one did. */
export function onMonitorRan(handler: (runs: ScheduledRun[]) => void): Promise<UnlistenFn> {
  return listen<ScheduledRun[]>("monitor-ran", (event) => handler(event.payload));
}

/** When the team workspace named at the start is connected to, or could not be (`appInfo` then
 * says why). */
export function onDatabaseOpened(handler: () => void): Promise<UnlistenFn> {
  return listen<null>("database-opened", () => handler());
}
