// Lists follow what colleagues save in a team workspace. One poll of the data revision every
// ~10 s, shared by every view showing a list, and only while the window is visible; a view is
// told only when the revision moved since it last looked, so nothing reloads for nothing.
import { useEffect, useRef } from "react";
import { api } from "./api";

export const REVISION_POLL_MS = 10_000;

type Watcher = { seen: string | null; onChange: () => void };

const watchers = new Set<Watcher>();
let timer: ReturnType<typeof setInterval> | null = null;
let asking: Promise<void> | null = null;

function hidden(): boolean {
  return typeof document !== "undefined" && document.visibilityState === "hidden";
}

function poll(): Promise<void> {
  if (asking) return asking;
  if (hidden()) return Promise.resolve();
  asking = Promise.resolve()
    .then(() => api.dataRevision())
    .then(
      (revision) => {
        if (typeof revision !== "string") return;
        for (const w of [...watchers]) {
          if (w.seen === null) {
            w.seen = revision;
          } else if (w.seen !== revision) {
            w.seen = revision;
            w.onChange();
          }
        }
      },
      // A failed poll is tried again at the next tick; the views show their own errors.
      () => undefined,
    )
    .finally(() => {
      asking = null;
    });
  return asking;
}

// Back in view: catch up at once with what changed while the window was hidden.
function onVisibility() {
  if (!hidden()) void poll();
}

function watch(w: Watcher): () => void {
  watchers.add(w);
  if (timer === null) {
    timer = setInterval(() => void poll(), REVISION_POLL_MS);
    document.addEventListener("visibilitychange", onVisibility);
  }
  // The revision the view's own first load goes with.
  void poll();
  return () => {
    watchers.delete(w);
    if (watchers.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
      document.removeEventListener("visibilitychange", onVisibility);
    }
  };
}

/** Calls `onChange` (the latest one given) whenever anyone changed clients, pages or audits. */
export function useDataRevision(onChange: () => void): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => watch({ seen: null, onChange: () => latest.current() }), []);
}
