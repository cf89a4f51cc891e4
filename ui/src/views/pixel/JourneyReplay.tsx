// Replaying a saved journey: its recorded steps run again in a browser without a window, so a
// funnel is re-checked after a site change without clicking it again. The replay is saved as a
// new journey of the same audit, next to the original, with how each step went. Step messages
// come from the engine and are shown as text.
import { useCallback, useEffect, useRef, useState } from "react";
import { api, onReplayUpdate } from "../../api";
import type { JourneyReplay, JourneyReport, ReplayUpdate, StepStatus } from "../../bindings";
import { Badge } from "../../components/Bits";
import { plural } from "../../format";

export type ReplayRun = {
  journeyId: number;
  /** The step in progress, once the browser has started. */
  step: number | null;
  total: number;
  description: string;
  stopping: boolean;
};

export type Replayer = {
  running: ReplayRun | null;
  start: (journey: JourneyReport) => void;
  stop: () => void;
};

/** One replay at a time for the card: progress from `journey-replay` events, the result saved. */
export function useReplay(props: {
  onSaved: (replay: JourneyReport) => void;
  onError: (message: string) => void;
}): Replayer {
  const [running, setRunning] = useState<ReplayRun | null>(null);
  const handlers = useRef(props);
  useEffect(() => {
    handlers.current = props;
  });

  useEffect(() => {
    let alive = true;
    const unlisten = onReplayUpdate((u: ReplayUpdate) => {
      if (!alive) return;
      setRunning((r) => {
        if (!r || r.journeyId !== u.journey_id) return r;
        if (u.progress.kind === "started")
          return { ...r, step: u.progress.step, total: u.progress.total, description: u.progress.description };
        return r;
      });
    });
    return () => {
      alive = false;
      void unlisten.then((f) => f()).catch(() => {});
    };
  }, []);

  const start = useCallback((journey: JourneyReport) => {
    setRunning({ journeyId: journey.id, step: null, total: journey.steps.length, description: "", stopping: false });
    api.replayJourney(journey.id).then(
      (replay) => {
        setRunning(null);
        handlers.current.onSaved(replay);
      },
      (e: { message: string }) => {
        setRunning(null);
        handlers.current.onError(e.message);
      },
    );
  }, []);

  const stop = useCallback(() => {
    setRunning((r) => (r ? { ...r, stopping: true } : r));
    api.cancelReplay().catch(() => {});
  }, []);

  return { running, start, stop };
}

/** The Replay button of a saved journey, or its progress while it runs. */
export function ReplayControls(props: { journey: JourneyReport; number: number; replayer: Replayer }) {
  const { journey, number, replayer } = props;
  const { running } = replayer;
  const mine = running?.journeyId === journey.id;
  if (mine && running) {
    return (
      <div className="journey-replay-progress" role="status" data-testid="replay-progress">
        <span className="journey-dot" aria-hidden="true" />
        <span className="small">
          {running.step === null
            ? "Opening a browser without a window…"
            : `Step ${running.step} of ${running.total}: ${running.description}`}
        </span>
        <button className="button button-small" data-testid="replay-stop" disabled={running.stopping} onClick={replayer.stop}>
          {running.stopping ? "Stopping…" : "Stop"}
        </button>
      </div>
    );
  }
  if (journey.steps.length === 0) {
    return (
      <span className="muted small" data-testid="replay-unavailable">
        Recorded before steps were kept: record it again to replay it.
      </span>
    );
  }
  return (
    <button
      className="button button-small"
      data-testid="replay-start"
      disabled={running !== null}
      title={running !== null ? "Another journey is being replayed." : undefined}
      aria-label={`Replay journey ${number}`}
      onClick={() => replayer.start(journey)}
    >
      Replay
    </button>
  );
}

const STATUS_MARK: Record<StepStatus, { mark: string; tone: "good" | "bad" | "warn" | "neutral" }> = {
  done: { mark: "✓", tone: "good" },
  failed: { mark: "✕", tone: "bad" },
  stopped: { mark: "■", tone: "warn" },
  not_reached: { mark: "·", tone: "neutral" },
};

/** How a replay went, step by step: the first step that failed or stopped is named first. */
export function ReplayOutcome({ replay }: { replay: JourneyReplay }) {
  const done = replay.outcomes.filter((o) => o.status === "done").length;
  const problem = replay.outcomes.find((o) => o.status === "failed" || o.status === "stopped");
  return (
    <div className="journey-replay" data-testid="replay-outcome">
      <p className="small">
        {replay.complete ? (
          <Badge tone="good">Every step worked</Badge>
        ) : (
          <Badge tone="bad">The journey no longer works as recorded</Badge>
        )}{" "}
        Replay of journey {replay.replay_of}: {done} of {plural(replay.outcomes.length, "step", "steps")} worked.
      </p>
      {problem && (
        <p className="error-text small" data-testid="replay-problem">
          {problem.message}
        </p>
      )}
      <ol className="journey-replay-steps" aria-label={`Steps of the replay of journey ${replay.replay_of}`}>
        {replay.outcomes.map((o) => (
          <li key={o.step} className={`journey-replay-step is-${o.status}`} data-testid="replay-step">
            <span className={`pixel-icon tone-${STATUS_MARK[o.status].tone}`} aria-hidden="true">
              {STATUS_MARK[o.status].mark}
            </span>{" "}
            <span className="visually-hidden">{o.status.replace("_", " ")}: </span>
            {o.message}
          </li>
        ))}
      </ol>
    </div>
  );
}
