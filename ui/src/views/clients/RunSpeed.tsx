// How hard a run may hit the sites it checks: the global limit, the pause between two requests
// to one site and the time allowed for each fetch. Empty fields use the defaults the engine
// reports, which the placeholders show.
import { useEffect, useId, useState } from "react";
import { api } from "../../api";
import type { RunDefaults } from "../../bindings";

/** What the user typed; empty means "the default". */
export type RunSpeedChoice = { concurrency: string; intervalMs: string; timeoutSecs: string };

export const DEFAULT_SPEED: RunSpeedChoice = { concurrency: "", intervalMs: "", timeoutSecs: "" };

/** The typed values as numbers, or undefined where left empty (bounds are checked by the run). */
export function speedOptions(choice: RunSpeedChoice): { concurrency?: number; interval_ms?: number; timeout_secs?: number } {
  const number = (text: string) => (text.trim() === "" ? undefined : Number(text));
  const options: { concurrency?: number; interval_ms?: number; timeout_secs?: number } = {};
  const concurrency = number(choice.concurrency);
  const interval = number(choice.intervalMs);
  const timeout = number(choice.timeoutSecs);
  if (concurrency !== undefined) options.concurrency = concurrency;
  if (interval !== undefined) options.interval_ms = interval;
  if (timeout !== undefined) options.timeout_secs = timeout;
  return options;
}

export function RunSpeed(props: { value: RunSpeedChoice; onChange: (v: RunSpeedChoice) => void; disabled?: boolean }) {
  const ids = useId();
  const [defaults, setDefaults] = useState<RunDefaults | null>(null);
  useEffect(() => {
    let live = true;
    // Without the engine's figures the fields still work; the placeholders say less.
    Promise.resolve()
      .then(() => api.runDefaults())
      .then(
        (d) => live && setDefaults(d),
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, []);
  const set = (field: keyof RunSpeedChoice) => (e: React.ChangeEvent<HTMLInputElement>) =>
    props.onChange({ ...props.value, [field]: e.target.value });
  const changed = props.value.concurrency !== "" || props.value.intervalMs !== "" || props.value.timeoutSecs !== "";
  const d = defaults;
  const automatic = d ? ` (automatically ${d.per_site} pages for each site in the run, ${d.auto_min} to ${d.auto_max} at a time)` : "";
  return (
    <details className="run-speed" data-testid="run-speed" open={changed || undefined}>
      <summary>Speed and politeness{changed ? " (changed)" : ""}</summary>
      <p className="muted small">
        Each site gets at most {d?.per_site ?? 2} pages at a time and one request every {d?.interval_ms ?? 250} ms (longer
        when its robots.txt asks for a Crawl-delay, up to {d?.max_crawl_delay_secs ?? 30} s). Sites are checked side by
        side{automatic}, so many sites finish about as fast as one.
      </p>
      <div className="run-speed-fields">
        <div className="pixel-field">
          <label htmlFor={`${ids}-concurrency`}>Pages at the same time, all sites</label>
          <input
            id={`${ids}-concurrency`}
            data-testid="speed-concurrency"
            type="number"
            inputMode="numeric"
            min={1}
            max={d?.concurrency_max}
            placeholder="Automatic"
            value={props.value.concurrency}
            disabled={props.disabled}
            onChange={set("concurrency")}
          />
        </div>
        <div className="pixel-field">
          <label htmlFor={`${ids}-interval`}>Time between requests to one site (ms)</label>
          <input
            id={`${ids}-interval`}
            data-testid="speed-interval"
            type="number"
            inputMode="numeric"
            min={d?.interval_min_ms}
            max={d?.interval_max_ms}
            placeholder={d ? String(d.interval_ms) : ""}
            value={props.value.intervalMs}
            disabled={props.disabled}
            onChange={set("intervalMs")}
          />
        </div>
        <div className="pixel-field">
          <label htmlFor={`${ids}-timeout`}>Time allowed for each request (s)</label>
          <input
            id={`${ids}-timeout`}
            data-testid="speed-timeout"
            type="number"
            inputMode="numeric"
            min={1}
            max={d?.timeout_max_secs}
            placeholder={d ? String(d.timeout_secs) : ""}
            value={props.value.timeoutSecs}
            disabled={props.disabled}
            onChange={set("timeoutSecs")}
          />
        </div>
      </div>
      {changed && (
        <button type="button" className="link-button small" disabled={props.disabled} onClick={() => props.onChange(DEFAULT_SPEED)}>
          Use the defaults
        </button>
      )}
    </details>
  );
}
