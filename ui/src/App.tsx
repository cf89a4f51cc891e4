// The window: a sidebar to move between areas and the area itself. Progress events from running
// audits are collected here so every view can show them; scheduled runs refresh every list.
import { useCallback, useEffect, useRef, useState } from "react";
import { api, onDatabaseOpened, onMonitorRan, onProgress } from "./api";
import type { AppInfo } from "./bindings";
import { ErrorBanner } from "./components/Bits";
import { useToast } from "./components/Toast";
import { escapeIsTaken } from "./escape";
import { RUN_STATUS_LABEL } from "./format";
import { opensWhenFinished } from "./runFinish";
import type { RunningAudits, Section, ThemeChoice } from "./navigation";
import { AuditsView } from "./views/AuditsView";
import { AuditView } from "./views/AuditView";
import { ChangesView } from "./views/ChangesView";
import { ClientsView } from "./views/ClientsView";
import { LogsView } from "./views/LogsView";
import { OverviewView } from "./views/OverviewView";
import { PlannerView } from "./views/PlannerView";
import { RobotsView } from "./views/RobotsView";
import { SettingsView } from "./views/SettingsView";
import { UtmView } from "./views/UtmView";
import { WorkspaceCard } from "./views/settings/WorkspaceCard";


/** Shortest time between two refreshes of the lists while an audit runs. */
const LIST_REFRESH_MS = 2000;

const NAV: { id: Section; label: string; key: string }[] = [
  { id: "overview", label: "Overview", key: "1" },
  { id: "clients", label: "Clients", key: "2" },
  { id: "audits", label: "Audits", key: "3" },
  { id: "changes", label: "Changes", key: "9" },
  { id: "utm", label: "UTM hygiene", key: "4" },
  { id: "logs", label: "Access logs", key: "5" },
  { id: "planner", label: "ROAS planner", key: "6" },
  { id: "robots", label: "robots.txt tester", key: "7" },
  { id: "settings", label: "Settings", key: "8" },
];

function useTheme(): [ThemeChoice, (t: ThemeChoice) => void] {
  const [theme, setTheme] = useState<ThemeChoice>(() => (localStorage.getItem("theme") as ThemeChoice) || "system");
  useEffect(() => {
    localStorage.setItem("theme", theme);
    const system = window.matchMedia("(prefers-color-scheme: dark)");
    const apply = () => {
      const dark = theme === "dark" || (theme === "system" && system.matches);
      document.documentElement.setAttribute("data-theme", dark ? "dark" : "light");
    };
    apply();
    system.addEventListener("change", apply);
    return () => system.removeEventListener("change", apply);
  }, [theme]);
  return [theme, setTheme];
}

export function App() {
  const [section, setSection] = useState<Section>("clients");
  const [clientId, setClientId] = useState<number | null>(null);
  const [auditId, setAuditId] = useState<number | null>(null);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [running, setRunning] = useState<RunningAudits>({});
  const [refreshKey, setRefreshKey] = useState(0);
  const [theme, setTheme] = useTheme();
  const toast = useToast();
  // What the window shows, for the progress listener: a finished audit opens in place only when
  // the user is still on its client's page.
  const view = useRef({ section, auditId, clientId });
  const lastRefresh = useRef(0);
  view.current = { section, auditId, clientId };

  // A team workspace is connected to while the window shows: listen first, then ask, so that a
  // connection ending in between is not missed.
  useEffect(() => {
    let live = true;
    const unlisten = onDatabaseOpened(() => {
      if (live) api.appInfo().then(setInfo, () => undefined);
    });
    const ask = () => {
      if (live) api.appInfo().then(setInfo, () => setInfo(null));
    };
    unlisten.then(ask, ask);
    return () => {
      live = false;
      void unlisten.then((f) => f(), () => undefined);
    };
  }, []);

  useEffect(() => {
    const unlisten = onProgress((p) => {
      if (p.kind === "finished" || p.kind === "failed") {
        setRunning((r) => {
          const next = { ...r };
          delete next[p.run_id];
          return next;
        });
        setRefreshKey((k) => k + 1);
        if (p.kind === "failed") toast(p.error?.message ?? "The audit failed.", { tone: "error" });
        else if (opensWhenFinished(view.current, p)) openAudit(p.run_id);
        else toast(`Audit ${RUN_STATUS_LABEL[p.status ?? "complete"].toLowerCase()}.`, { action: { label: "Open", run: () => openAudit(p.run_id) } });
      } else {
        setRunning((r) => ({
          ...r,
          [p.run_id]: { clientId: p.client_id, done: p.done, total: p.total, lastUrl: p.url, pace: p.pace },
        }));
        // Lists follow a long run every few seconds, not on every page.
        const now = Date.now();
        if (p.kind === "page_finished" && now - lastRefresh.current >= LIST_REFRESH_MS) {
          lastRefresh.current = now;
          setRefreshKey((k) => k + 1);
        }
      }
    });
    return () => {
      void unlisten.then((f) => f());
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Scheduled audits ran while the window is open: every list (audits, changes, schedules) is
  // read again.
  useEffect(() => {
    const unlisten = onMonitorRan(() => setRefreshKey((k) => k + 1));
    return () => {
      void unlisten.then((f) => f());
    };
  }, []);

  const openAudit = useCallback((id: number) => {
    setAuditId(id);
  }, []);

  // Audits are kept somewhere else now: what the window showed belongs to the other database.
  const databaseChanged = useCallback(() => {
    api.appInfo().then(setInfo, () => undefined);
    setClientId(null);
    setAuditId(null);
    setRefreshKey((k) => k + 1);
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      const item = NAV.find((n) => n.key === e.key);
      if (item) {
        e.preventDefault();
        setAuditId(null);
        setSection(item.id);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  // Esc closes the open audit, as its Back button does, unless a dialog, a menu or a text field
  // has the key.
  const auditOpen = auditId !== null;
  useEffect(() => {
    if (!auditOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || escapeIsTaken(e)) return;
      e.preventDefault();
      setAuditId(null);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [auditOpen]);

  let main;
  if (info?.connecting) {
    main = (
      <div className="page-pad connecting" data-testid="connecting" aria-busy="true">
        <h1>Connecting to the team workspace…</h1>
        <p className="muted">{info.db_path}</p>
        <p className="muted small">Clients and audits appear as soon as the server answers. A server that does not answer within about 10 seconds is reported here, with the ways to reconnect or use this computer&apos;s own file.</p>
      </div>
    );
  } else if (info?.db_error) {
    main = (
      <div className="page-pad" data-testid="database-error">
        <h1>Preflight cannot open its database</h1>
        <ErrorBanner message={info.db_error.message} hint={info.db_error.hint} />
        <p className="muted small">Database: {info.db_path}</p>
        <div className="settings">
          <WorkspaceCard onDatabaseChanged={databaseChanged} errorShown />
        </div>
      </div>
    );
  } else if (auditId !== null) {
    main = (
      <AuditView
        auditId={auditId}
        onBack={() => setAuditId(null)}
        onDeleted={() => {
          setAuditId(null);
          setRefreshKey((k) => k + 1);
        }}
      />
    );
  } else if (section === "overview") {
    main = (
      <OverviewView
        onOpenAudit={openAudit}
        onOpenClient={(id) => {
          setClientId(id);
          setSection("clients");
        }}
        refreshKey={refreshKey}
      />
    );
  } else if (section === "clients") {
    main = <ClientsView selectedId={clientId} onSelect={setClientId} onOpenAudit={openAudit} running={running} refreshKey={refreshKey} />;
  } else if (section === "audits") {
    main = <AuditsView onOpenAudit={openAudit} refreshKey={refreshKey} />;
  } else if (section === "changes") {
    main = <ChangesView onOpenAudit={openAudit} refreshKey={refreshKey} />;
  } else if (section === "robots") {
    main = <RobotsView />;
  } else if (section === "utm") {
    main = <UtmView />;
  } else if (section === "logs") {
    main = <LogsView clientId={clientId} onSelectClient={setClientId} />;
  } else if (section === "planner") {
    main = <PlannerView clientId={clientId} onSelectClient={setClientId} />;
  } else {
    main = <SettingsView info={info} theme={theme} onTheme={setTheme} onDatabaseChanged={databaseChanged} />;
  }

  return (
    <div className="app">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">✓</span>
          <span>Preflight</span>
        </div>
        {NAV.map((n) => (
          <button
            key={n.id}
            className={`nav-item ${section === n.id && auditId === null ? "active" : ""}`}
            data-testid={`nav-${n.id}`}
            title={`Ctrl+${n.key}`}
            onClick={() => {
              setAuditId(null);
              setSection(n.id);
            }}
          >
            {n.label}
          </button>
        ))}
        <div className="sidebar-foot muted small">Checks for ChatGPT Ads landing pages</div>
      </nav>
      <main className="main">{main}</main>
    </div>
  );
}
