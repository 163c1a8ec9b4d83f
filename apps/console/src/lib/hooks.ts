// Loading and changing through the API from components: one way to show progress, data and problems.
import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { problemFrom, type ShownProblem } from '../api/client';

export interface Loaded<T> {
  data: T | undefined;
  problem: ShownProblem | null;
  /** True until the load for the current key (and reload) has answered; earlier data stays shown meanwhile. */
  loading: boolean;
  reload: () => void;
}

/**
 * Loads whenever `key` changes (what the load depends on, e.g. the query string) or reload() is called; an
 * answer that arrives after a newer load started is dropped.
 */
export function useLoad<T>(key: string, load: () => Promise<T>): Loaded<T> {
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<{ for: string; data: T | undefined; problem: ShownProblem | null }>({
    for: '',
    data: undefined,
    problem: null,
  });
  const run = useEffectEvent(load);
  const current = `${tick}|${key}`;
  useEffect(() => {
    let live = true;
    run().then(
      (data) => {
        if (live) setState({ for: current, data, problem: null });
      },
      (e: unknown) => {
        if (live) setState((s) => ({ for: current, data: s.data, problem: problemFrom(e) }));
      },
    );
    return () => {
      live = false;
    };
  }, [current]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, problem: state.problem, loading: state.for !== current, reload };
}

/** Calls reload every `ms` while the page is open (the overview's refresh). */
export function useInterval(callback: () => void, ms: number): void {
  const tick = useEffectEvent(callback);
  useEffect(() => {
    const id = setInterval(() => tick(), ms);
    return () => clearInterval(id);
  }, [ms]);
}

export interface Action {
  busy: boolean;
  problem: ShownProblem | null;
  /** The success message of the last action that worked (cleared when another starts). */
  done: string | null;
  /**
   * Runs a change; on success shows `message` (what the action returned may shape it), or nothing when the page
   * moves on (signing in).
   */
  run<T>(change: () => Promise<T>, message?: (result: T) => string): Promise<T | undefined>;
  clear(): void;
}

/** A change the operator makes (a button, a form): busy while it runs, then its success or its problem. */
export function useAction(): Action {
  const [state, setState] = useState<{ busy: boolean; problem: ShownProblem | null; done: string | null }>({
    busy: false,
    problem: null,
    done: null,
  });
  const run = useCallback(async <T>(change: () => Promise<T>, message?: (result: T) => string) => {
    setState({ busy: true, problem: null, done: null });
    try {
      const result = await change();
      setState({ busy: false, problem: null, done: message ? message(result) : null });
      return result;
    } catch (e) {
      setState({ busy: false, problem: problemFrom(e), done: null });
      return undefined;
    }
  }, []);
  const clear = useCallback(() => setState({ busy: false, problem: null, done: null }), []);
  return { ...state, run, clear };
}
