// Fetch-on-change hook: loads path+query whenever they change, cancels stale requests.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, isAbort, type Query } from './api/api';

export interface ApiState<T> {
  data: T | undefined;
  loading: boolean;
  error: unknown;
  reload: () => void;
}

/** GET path with query; path null means "nothing to load yet". */
export function useApi<T>(path: string | null, query?: Query): ApiState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const key = path === null ? null : path + JSON.stringify(query ?? {});
  const queryRef = useRef(query);
  queryRef.current = query;

  useEffect(() => {
    if (path === null) {
      setData(undefined);
      setError(null);
      setLoading(false);
      return;
    }
    const ctl = new AbortController();
    setLoading(true);
    setError(null);
    api.get<T>(path, queryRef.current, ctl.signal).then(
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
    // Depends on key (path and query by value), not on the query object's identity.
  }, [key, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, loading, error, reload };
}
