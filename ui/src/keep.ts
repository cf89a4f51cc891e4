// Work in progress that outlives its view: what a user typed or computed in a tool stays when they
// move to another area and back (for the life of the window). Keys name the tool and, where it
// applies, the client ("planner:12"), so each client keeps its own.
import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from "react";

const kept = new Map<string, unknown>();

/** The value kept under `key`, if any. */
export function peekKept<T>(key: string): T | undefined {
  return kept.get(key) as T | undefined;
}

/** Keeps `value` under `key` (undefined forgets it). */
export function putKept<T>(key: string, value: T | undefined): void {
  if (value === undefined) kept.delete(key);
  else kept.set(key, value);
}

/** Forgets everything; for tests. */
export function forgetAllKept(): void {
  kept.clear();
}

/**
 * Like `useState`, but the value is kept under `key` while the view is away and given back when
 * it returns. When `key` changes (another client), the state switches to that key's value.
 */
export function useKept<T>(key: string, initial: T | (() => T)): [T, Dispatch<SetStateAction<T>>] {
  const make = () => (kept.has(key) ? (kept.get(key) as T) : typeof initial === "function" ? (initial as () => T)() : initial);
  const [state, setState] = useState<{ key: string; value: T }>(() => ({ key, value: make() }));
  const keyRef = useRef(key);
  keyRef.current = key;
  const current = state.key === key ? state.value : make();
  useEffect(() => {
    if (state.key !== key) setState({ key, value: current });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const set = useCallback<Dispatch<SetStateAction<T>>>((next) => {
    setState((old) => {
      const k = keyRef.current;
      const base = old.key === k ? old.value : kept.has(k) ? (kept.get(k) as T) : old.value;
      const value = typeof next === "function" ? (next as (v: T) => T)(base) : next;
      kept.set(k, value);
      return { key: k, value };
    });
  }, []);
  return [current, set];
}
