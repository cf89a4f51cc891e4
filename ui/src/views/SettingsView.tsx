import { useEffect, useState } from "react";
import { api, toAppError } from "../api";
import type { AppInfo, ExportSettings } from "../bindings";
import type { ThemeChoice } from "../navigation";
import { ErrorBanner } from "../components/Bits";
import { useToast } from "../components/Toast";
import "./history/history.css";
import { AdsApiCard } from "./settings/AdsApiCard";
import { AlertSettingsCard } from "./settings/AlertSettingsCard";
import { WorkspaceCard } from "./settings/WorkspaceCard";

export function SettingsView(props: {
  info: AppInfo | null;
  theme: ThemeChoice;
  onTheme: (t: ThemeChoice) => void;
  /** Audits are kept somewhere else now (a workspace connected, or left): the window reloads. */
  onDatabaseChanged: () => void;
}) {
  return (
    <div className="page-pad settings">
      <h1>Settings</h1>
      <div className="card">
        <h2>Appearance</h2>
        <div className="segmented" role="radiogroup" aria-label="Theme">
          {(["system", "light", "dark"] as ThemeChoice[]).map((t) => (
            <button key={t} role="radio" aria-checked={props.theme === t} className={props.theme === t ? "active" : ""} onClick={() => props.onTheme(t)}>
              {t === "system" ? "Match system" : t === "light" ? "Light" : "Dark"}
            </button>
          ))}
        </div>
      </div>
      <WorkspaceCard onDatabaseChanged={props.onDatabaseChanged} />
      <ExportSettingsCard />
      <AlertSettingsCard />
      <BrowserSandboxCard />
      <AdsApiCard />
      <div className="card">
        <h2>About</h2>
        <p className="small">Preflight {props.info?.version}</p>
      </div>
    </div>
  );
}

// Whether the browser for the rendered check and journeys may run without its sandbox when
// Preflight runs as the root user (where the sandbox cannot work).
function BrowserSandboxCard() {
  const [allowed, setAllowed] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.browserSandboxSetting().then(setAllowed, (e) => setError(toAppError(e).message));
  }, []);
  const change = async (allow: boolean) => {
    setError(null);
    try {
      setAllowed(await api.setBrowserSandboxSetting(allow));
    } catch (e) {
      setError(toAppError(e).message);
    }
  };
  return (
    <div className="card" aria-label="Browser sandbox">
      <h2>Browser sandbox</h2>
      <label className="check-row small">
        <input
          type="checkbox"
          data-testid="allow-unsandboxed-browser"
          checked={allowed === true}
          disabled={allowed === null}
          onChange={(e) => void change(e.target.checked)}
        />
        <span>Run the browser without its sandbox when Preflight runs as the root user</span>
      </label>
      {allowed ? (
        <p className="error-text small" role="alert" data-testid="unsandboxed-warning">
          Warning: as root, the rendered check and journeys now open pages in a browser without its sandbox, so a hostile page
          could attack this computer. Allow this only for pages you trust; running Preflight as a normal user keeps the browser
          contained.
        </p>
      ) : (
        <p className="muted small">
          As the root user the browser&apos;s sandbox cannot run, so the rendered check and journeys do not run. Run Preflight
          as a normal user, or allow this knowing the risk.
        </p>
      )}
      {error && <ErrorBanner message={error} />}
    </div>
  );
}

// Where exports go and the agency shown on PDF covers (white-label).
function ExportSettingsCard() {
  const toast = useToast();
  const [saved, setSaved] = useState<ExportSettings | null>(null);
  const [form, setForm] = useState<ExportSettings>({ export_dir: "", agency_name: "", agency_logo: "" });
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [logoError, setLogoError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const load = () => {
    setLoadError(null);
    api.exportSettings().then(
      (s) => {
        setSaved(s);
        setForm(s);
      },
      (e) => setLoadError(toAppError(e).message),
    );
  };
  useEffect(load, []);

  const set = (field: keyof ExportSettings, value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    if (field === "agency_logo") setLogoError(null);
  };

  const choose = async (pick: () => Promise<string | null>, field: keyof ExportSettings) => {
    try {
      const path = await pick();
      if (path !== null) set(field, path);
    } catch (e) {
      setError(toAppError(e).message);
    }
  };

  const save = async () => {
    setSaving(true);
    setError(null);
    setLogoError(null);
    try {
      const s = await api.saveExportSettings(form);
      setSaved(s);
      setForm(s);
      toast("Saved the export settings.");
    } catch (e) {
      const err = toAppError(e);
      if (err.code === "invalid_logo" || err.field === "agency_logo") setLogoError(err.message);
      else setError(err.message);
    } finally {
      setSaving(false);
    }
  };

  const changed = saved !== null && (form.export_dir !== saved.export_dir || form.agency_name !== saved.agency_name || form.agency_logo !== saved.agency_logo);

  return (
    <form
      className="card export-settings"
      aria-label="Exports"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2>Exports</h2>
      {loadError && <ErrorBanner message={loadError} onRetry={load} />}
      <label className="field-label" htmlFor="export-dir">
        Export folder
      </label>
      <div className="field-row">
        <input id="export-dir" data-testid="export-dir" value={form.export_dir} onChange={(e) => set("export_dir", e.target.value)} spellCheck={false} />
        <button type="button" className="button" onClick={() => void choose(() => api.chooseFolder("Choose the export folder"), "export_dir")}>
          Choose…
        </button>
      </div>
      <p className="muted small">PDF, CSV and JSON exports are saved here unless you pick a place with “Save as…”.</p>

      <label className="field-label" htmlFor="agency-name">
        Agency name
      </label>
      <input
        id="agency-name"
        data-testid="agency-name"
        value={form.agency_name}
        maxLength={120}
        placeholder="Shown as “Prepared by …” on PDF covers"
        onChange={(e) => set("agency_name", e.target.value)}
      />

      <label className="field-label" htmlFor="agency-logo">
        Agency logo
      </label>
      <div className="field-row">
        <input
          id="agency-logo"
          data-testid="agency-logo"
          value={form.agency_logo}
          placeholder="A PNG, JPEG or SVG file"
          spellCheck={false}
          aria-invalid={logoError !== null}
          aria-describedby={logoError ? "agency-logo-error" : undefined}
          onChange={(e) => set("agency_logo", e.target.value)}
        />
        <button
          type="button"
          className="button"
          onClick={() => void choose(() => api.chooseFile("Choose the agency logo", ["png", "jpg", "jpeg", "svg"]), "agency_logo")}
        >
          Choose…
        </button>
        {form.agency_logo && (
          <button type="button" className="button button-danger-quiet" onClick={() => set("agency_logo", "")}>
            Remove
          </button>
        )}
      </div>
      {logoError ? (
        <p className="error-text small" id="agency-logo-error" role="alert" data-testid="logo-error">
          {logoError}
        </p>
      ) : (
        <p className="muted small">Shown on the cover of PDF reports, with the agency name.</p>
      )}

      {error && <ErrorBanner message={error} />}
      <div className="row-end">
        {changed && <span className="muted small">Unsaved changes</span>}
        <button className="button button-primary" data-testid="save-export-settings" disabled={saving || saved === null}>
          {saving ? "Saving…" : "Save"}
        </button>
      </div>
    </form>
  );
}
