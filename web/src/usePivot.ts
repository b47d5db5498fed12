// Hooks over the analytics API: the meta lists (loaded once per page) and a pivot that reruns
// whenever its request changes (by value), cancelling the stale one.
import { useEffect, useState } from 'react';
import { analyticsApi, isAbort } from './api/api';
import { normaliseMeta, pivotBody, type AnalyticsMeta, type MetaItem, type PivotRequest, type PivotResponse } from './analytics';
import type { Lang } from './i18n';

export interface PivotState {
  data: PivotResponse | undefined;
  loading: boolean;
  error: unknown;
}

/** POST /api/analytics/pivot for `req` (null: nothing yet). */
export function usePivot(req: PivotRequest | null): PivotState {
  const [state, setState] = useState<PivotState>({ data: undefined, loading: false, error: null });
  const key = req ? JSON.stringify(pivotBody(req)) : null;
  useEffect(() => {
    if (key === null) return;
    const ctl = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    analyticsApi.pivot(JSON.parse(key) as PivotRequest, ctl.signal).then(
      (data) => setState({ data, loading: false, error: null }),
      (error) => {
        if (!isAbort(error)) setState({ data: undefined, loading: false, error });
      },
    );
    return () => ctl.abort();
  }, [key]);
  return state;
}

/** GET /api/analytics/meta, normalised; the contract's lists while it loads or if it fails. */
export function useAnalyticsMeta(): AnalyticsMeta {
  const [meta, setMeta] = useState<AnalyticsMeta>(() => normaliseMeta(undefined));
  useEffect(() => {
    const ctl = new AbortController();
    analyticsApi.meta(ctl.signal).then(
      (raw) => setMeta(normaliseMeta(raw)),
      () => undefined,
    );
    return () => ctl.abort();
  }, []);
  return meta;
}

export const labelIn = (lang: Lang) => (m: MetaItem) => (lang === 'vi' ? m.label : m.labelEn);

/** The label of a code in a meta list (the code itself when unknown). */
export function metaLabel(list: MetaItem[], code: string, lang: Lang): string {
  const m = list.find((x) => x.code === code);
  return m ? labelIn(lang)(m) : code;
}
