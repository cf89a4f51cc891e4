// Choosing a log (and optionally OpenAI's address list) and importing it, with progress and
// Cancel. Only a finished import is handed on; a failed or cancelled one leaves nothing behind.
import { useEffect, useRef, useState } from "react";
import { api, onLogProgress } from "../../api";
import type { AppError, LogImport, LogProgress } from "../../bindings";
import { ProgressBar } from "../../components/Bits";
import { formatBytes, isCancelled } from "./logsFormat";

type Phase =
  | { kind: "idle" }
  | { kind: "running"; progress: LogProgress | null; cancelling: boolean }
  | { kind: "cancelled" }
  | { kind: "failed"; error: AppError };

export function ImportCard(props: {
  clientId: number;
  clientName: string;
  onRunningChange: (running: boolean) => void;
  onImported: (result: LogImport) => void;
  /** An import started before this view was opened has just finished reading. */
  onOtherImportDone: () => void;
}) {
  const [path, setPath] = useState("");
  const [rangesFile, setRangesFile] = useState("");
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  // Progress from an import this view did not start (the user left and came back).
  const [other, setOther] = useState<LogProgress | null>(null);
  const phaseRef = useRef(phase);
  phaseRef.current = phase;
  const cancelRef = useRef<HTMLButtonElement>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const { onOtherImportDone, onRunningChange } = props;

  // When this view's own import ended, so that its late progress events are not taken for
  // another import.
  const endedAt = useRef(0);

  useEffect(() => {
    let alive = true;
    let quiet: number | undefined;
    const unlisten = onLogProgress((p) => {
      if (!alive) return;
      const current = phaseRef.current;
      if (current.kind === "running") {
        // A Cancel pressed while the address list was still downloading reaches no import;
        // send it again now that reading has started.
        if (current.cancelling && current.progress === null) void api.cancelLogImport().catch(() => {});
        setPhase({ ...current, progress: p });
        return;
      }
      if (Date.now() - endedAt.current < 2000) return;
      window.clearTimeout(quiet);
      const done = p.total_bytes > 0 && p.bytes_read >= p.total_bytes;
      setOther(done ? null : p);
      // Reading reports often; silence means the other import ended (finished or failed).
      quiet = window.setTimeout(
        () => {
          setOther(null);
          onOtherImportDone();
        },
        done ? 800 : 10_000,
      );
    });
    return () => {
      alive = false;
      window.clearTimeout(quiet);
      void unlisten.then((f) => f()).catch(() => {});
    };
  }, [onOtherImportDone]);

  const running = phase.kind === "running";
  useEffect(() => onRunningChange(running), [running, onRunningChange]);
  useEffect(() => {
    if (running) cancelRef.current?.focus();
  }, [running]);

  const choose = async (which: "log" | "ranges") => {
    try {
      const chosen =
        which === "log"
          ? await api.chooseFile("Choose an access log", ["log", "gz", "txt"])
          : await api.chooseFile("Choose OpenAI's address list (adsbot.json)", ["json"]);
      if (chosen) (which === "log" ? setPath : setRangesFile)(chosen);
    } catch (e) {
      setPhase({ kind: "failed", error: e as AppError });
    }
  };

  const start = async () => {
    const logPath = path.trim();
    if (!logPath || running) return;
    setOther(null);
    setPhase({ kind: "running", progress: null, cancelling: false });
    try {
      const result = await api.importAccessLog(props.clientId, logPath, rangesFile.trim() || null);
      endedAt.current = Date.now();
      setPhase({ kind: "idle" });
      props.onImported(result);
    } catch (e) {
      endedAt.current = Date.now();
      const error = e as AppError;
      setPhase(isCancelled(error.code) ? { kind: "cancelled" } : { kind: "failed", error });
      // Keep keyboard users next to the message instead of on a button that disappeared.
      window.setTimeout(() => statusRef.current?.focus(), 0);
    }
  };

  const cancel = () => {
    if (phase.kind !== "running" || phase.cancelling) return;
    setPhase({ ...phase, cancelling: true });
    void api.cancelLogImport().catch(() => {});
  };

  const stopOther = () => void api.cancelLogImport().catch(() => {});

  const progress = phase.kind === "running" ? phase.progress : null;

  return (
    <div className="card logs-import" data-testid="import-card">
      <div className="card-header">
        <h3>Import an access log for {props.clientName}</h3>
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
        onKeyDown={(e) => {
          if (e.key === "Escape" && running) {
            e.preventDefault();
            cancel();
          }
        }}
      >
        <label className="field-label" htmlFor="logs-path">
          Access log file
        </label>
        <div className="logs-file-row">
          <input
            id="logs-path"
            data-testid="log-path"
            value={path}
            spellCheck={false}
            autoComplete="off"
            placeholder="/var/log/nginx/access.log or access.log.2.gz"
            disabled={running}
            onChange={(e) => setPath(e.target.value)}
            aria-describedby="logs-path-help"
          />
          <button type="button" className="button" disabled={running} onClick={() => void choose("log")}>
            Choose…
          </button>
        </div>
        <p id="logs-path-help" className="muted small logs-help">
          The access log from your web server (nginx or Apache), plain or .gz. Choose… lists .log, .gz and .txt files;
          for other names, such as access.log.1, type or paste the full path.
        </p>

        <label className="field-label" htmlFor="logs-ranges">
          OpenAI address list <span className="muted">(optional)</span>
        </label>
        <div className="logs-file-row">
          <input
            id="logs-ranges"
            data-testid="ranges-path"
            value={rangesFile}
            spellCheck={false}
            autoComplete="off"
            placeholder="adsbot.json"
            disabled={running}
            onChange={(e) => setRangesFile(e.target.value)}
            aria-describedby="logs-ranges-help"
          />
          <button type="button" className="button" disabled={running} onClick={() => void choose("ranges")}>
            Choose…
          </button>
        </div>
        <p id="logs-ranges-help" className="muted small logs-help">
          Leave empty to download the current list from openai.com/adsbot.json; when you are offline, the copy saved at
          the last download is used.
        </p>

        <div className="row-end">
          {running ? (
            <button type="button" ref={cancelRef} className="button" data-testid="cancel-import" disabled={phase.cancelling} onClick={cancel}>
              {phase.cancelling ? "Cancelling…" : "Cancel"}
            </button>
          ) : (
            <button className="button button-primary" data-testid="start-import" disabled={!path.trim()}>
              Import
            </button>
          )}
        </div>
      </form>

      {phase.kind === "running" && (
        <div className="logs-progress" data-testid="import-progress" aria-live="polite">
          <ProgressBar done={progress?.bytes_read ?? 0} total={progress?.total_bytes ?? 0} />
          <p className="muted small" data-testid="import-progress-text">
            {phase.cancelling
              ? "Cancelling…"
              : progress === null
                ? "Getting OpenAI's address list and opening the file…"
                : progress.total_bytes > 0
                  ? `Reading the log: ${formatBytes(progress.bytes_read)} of ${formatBytes(progress.total_bytes)} (${Math.min(100, Math.round((progress.bytes_read / progress.total_bytes) * 100))}%)`
                  : `Reading the log: ${formatBytes(progress.bytes_read)} so far`}
          </p>
        </div>
      )}

      <div ref={statusRef} tabIndex={-1} className="logs-status-anchor">
        {phase.kind === "cancelled" && (
          <p className="logs-calm" data-testid="import-cancelled" role="status">
            Import cancelled. Nothing was saved; you can start again whenever you like.
          </p>
        )}
        {phase.kind === "failed" && (
          <div className="error-banner logs-error" role="alert" data-testid="import-error">
            <div>
              <div>{phase.error.message}</div>
              {phase.error.hint && <div className="small logs-hint">{phase.error.hint}</div>}
            </div>
            {phase.error.code === "import_running" && (
              <button type="button" className="button button-small" onClick={stopOther}>
                Stop the other import
              </button>
            )}
          </div>
        )}
      </div>

      {other && phase.kind !== "running" && (
        <div className="logs-progress" data-testid="other-import">
          <p className="small">An import started earlier is still running.</p>
          <ProgressBar done={other.bytes_read} total={other.total_bytes} />
          <div className="row-end">
            <span className="muted small">
              {formatBytes(other.bytes_read)} of {formatBytes(other.total_bytes)}
            </span>
            <button type="button" className="button button-small" onClick={stopOther}>
              Stop it
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
