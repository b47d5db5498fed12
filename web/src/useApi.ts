// Fetch-on-change hook: loads a described GET (api/<resource>.ts) whenever its path or query
// change, cancels stale requests. null means "nothing to load yet".
import { useCallback, useEffect, useRef, useState } from 'react';
import { isAbort } from './api/api';
import { load, type Get } from './api/get';

export interface ApiState<T> {
  data: T | undefined;
  loading: boolean;
  error: unknown;
  reload: () => void;
}

export function useApi<T>(what: Get<T> | null): ApiState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const key = what === null ? null : what.path + JSON.stringify(what.query ?? {});
  const whatRef = useRef(what);
  whatRef.current = what;

  useEffect(() => {
    const current = whatRef.current;
    if (current === null) {
      setData(undefined);
      setError(null);
      setLoading(false);
      return;
    }
    const ctl = new AbortController();
    setLoading(true);
    setError(null);
    load(current, ctl.signal).then(
      (d) => {
        setData(d);
        setLoading(false);
      },
      (e) => {
        if (isAbort(e)) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => ctl.abort();
    // Depends on key (path and query by value), not on the description's identity.
  }, [key, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, loading, error, reload };
}
