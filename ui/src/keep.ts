// Work in progress that outlives its view: what a user typed or computed in a tool stays when they
// move to another area and back (for the life of the window). Keys name the tool and, where it
// applies, the client ("planner:12"), so each client keeps its own.
//
// The kept value is the only copy: a view reads it on every render and is told when it changes,
// so an answer that arrives after the view has gone (a check still running when the user left)
// is kept too and shown on return.
import { useCallback, useRef, useSyncExternalStore, type Dispatch, type SetStateAction } from "react";

const kept = new Map<string, unknown>();
const watchers = new Map<string, Set<() => void>>();

function tell(key: string) {
  watchers.get(key)?.forEach((w) => w());
}

/** The value kept under `key`, if any. */
export function peekKept<T>(key: string): T | undefined {
  return kept.get(key) as T | undefined;
}

/** Keeps `value` under `key` (undefined forgets it); views showing that key update. */
export function putKept<T>(key: string, value: T | undefined): void {
  if (value === undefined) kept.delete(key);
  else kept.set(key, value);
  tell(key);
}

/** Forgets everything; for tests. */
export function forgetAllKept(): void {
  const keys = [...kept.keys()];
  kept.clear();
  keys.forEach(tell);
}

function readKept<T>(key: string, initial: T | (() => T)): T {
  if (!kept.has(key)) kept.set(key, typeof initial === "function" ? (initial as () => T)() : initial);
  return kept.get(key) as T;
}

/**
 * Like `useState`, but the value is kept under `key` while the view is away and given back when
 * it returns. When `key` changes (another client), the state switches to that key's value. The
 * setter writes under the key it was made for, so an answer for one client never lands in
 * another's work; updates apply at once, in order, even after the view has gone.
 */
export function useKept<T>(key: string, initial: T | (() => T)): [T, Dispatch<SetStateAction<T>>] {
  const initialRef = useRef(initial);
  initialRef.current = initial;
  const subscribe = useCallback(
    (onChange: () => void) => {
      const set = watchers.get(key) ?? new Set<() => void>();
      watchers.set(key, set);
      set.add(onChange);
      return () => {
        set.delete(onChange);
        if (set.size === 0) watchers.delete(key);
      };
    },
    [key],
  );
  const read = useCallback(() => readKept(key, initialRef.current), [key]);
  const value = useSyncExternalStore(subscribe, read, read);
  const set = useCallback<Dispatch<SetStateAction<T>>>(
    (next) => {
      const old = readKept(key, initialRef.current);
      const value = typeof next === "function" ? (next as (v: T) => T)(old) : next;
      if (Object.is(value, old)) return;
      kept.set(key, value);
      tell(key);
    },
    [key],
  );
  return [value, set];
}
