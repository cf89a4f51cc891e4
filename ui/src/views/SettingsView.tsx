import type { AppInfo } from "../bindings";
import type { ThemeChoice } from "../App";

export function SettingsView(props: { info: AppInfo | null; theme: ThemeChoice; onTheme: (t: ThemeChoice) => void }) {
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
      <div className="card">
        <h2>Data</h2>
        <p className="small">Audits are saved only on this computer, in:</p>
        <code className="path">{props.info?.db_path}</code>
        <p className="muted small">Set the PREFLIGHT_DB environment variable to use another file. The command-line tool uses the same file.</p>
      </div>
      <div className="card">
        <h2>About</h2>
        <p className="small">Preflight {props.info?.version}</p>
      </div>
    </div>
  );
}
