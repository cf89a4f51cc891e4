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
  const fields: { key: keyof RunSpeedChoice; testId: string; label: string; min?: number; max?: number; placeholder: string }[] = [
    { key: "concurrency", testId: "speed-concurrency", label: "Pages at the same time, all sites", min: 1, max: d?.concurrency_max, placeholder: "Automatic" },
    {
      key: "intervalMs",
      testId: "speed-interval",
      label: "Time between requests to one site (ms)",
      min: d?.interval_min_ms,
      max: d?.interval_max_ms,
      placeholder: d ? String(d.interval_ms) : "",
    },
    {
      key: "timeoutSecs",
      testId: "speed-timeout",
      label: "Time allowed for each request (s)",
      min: 1,
      max: d?.timeout_max_secs,
      placeholder: d ? String(d.timeout_secs) : "",
    },
  ];
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
        {fields.map((f) => (
          <div className="pixel-field" key={f.key}>
            <label htmlFor={`${ids}-${f.key}`}>{f.label}</label>
            <input
              id={`${ids}-${f.key}`}
              data-testid={f.testId}
              type="number"
              inputMode="numeric"
              min={f.min}
              max={f.max}
              placeholder={f.placeholder}
              value={props.value[f.key]}
              disabled={props.disabled}
              onChange={set(f.key)}
            />
          </div>
        ))}
      </div>
      {changed && (
        <button type="button" className="link-button small" disabled={props.disabled} onClick={() => props.onChange(DEFAULT_SPEED)}>
          Use the defaults
        </button>
      )}
    </details>
  );
}
