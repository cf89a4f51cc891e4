// A running audit's pace, as the run reports it: pages per minute and the time left, the sites
// that will take longest and the sites paused because they started refusing.
import type { RunPace } from "../../bindings";

export function RunPaceLine({ pace }: { pace: RunPace | null }) {
  if (!pace) return null;
  return (
    <div className="run-pace small" data-testid="run-pace">
      <p className="muted">{pace.summary}</p>
      {pace.slowest_sites.length > 0 && (
        <p className="muted" data-testid="run-slowest">
          Slowest sites: {pace.slowest_sites.map((s) => s.summary).join(", ")}
        </p>
      )}
      {pace.paused_sites.length > 0 && (
        <p className="run-paused" data-testid="run-paused">
          Paused (started refusing requests; their other pages are not requested): {pace.paused_sites.join(", ")}
        </p>
      )}
    </div>
  );
}
