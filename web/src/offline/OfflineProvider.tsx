// The offline queue at work (docs/ARCHITECTURE.md "Offline"): whether the network is there, the
// items of the encrypted store, and the sync — on the `online` event, on start and every few
// seconds with backoff, the next item (queue.ts nextToSend: FIFO, one at a time) is sent with its
// Idempotency-Key; the answer moves its state (sent, error with the server's message, conflict
// with the server's current record fetched for the side-by-side screen).
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { getCsrfToken, notifyUnauthenticated, setReadKeeper } from '../api/api';
import { draftFromActivity, toInput } from '../activities';
import type { Activity, Report } from '../api/types';
import { useSession } from '../session';
import * as store from './store';
import {
  afterAttempt,
  counts,
  nextToSend,
  outcomeOf,
  pending,
  resolveConflict,
  retry as retryItem,
  type ItemKind,
  type ItemState,
  type QueueItem,
} from './queue';

/** Reads kept (sealed) for entry without a network: reference lists and the report being entered. */
const KEPT = [
  /^\/api\/reference\//,
  /^\/api\/taxonomies/,
  /^\/api\/org-units(\/|$)/,
  /^\/api\/agencies(\/|$)/,
  /^\/api\/programmes/,
  /^\/api\/report-forms/,
  /^\/api\/reports\/current$/,
  /^\/api\/report-periods/,
  /^\/api\/reports\/acting-units$/,
  /^\/api\/(org-unit|agency)-kinds$/,
  /^\/api\/intervention-types/,
  /^\/api\/target-groups/,
  /^\/api\/activities\/recent$/,
];
export const keptPath = (path: string) => KEPT.some((r) => r.test(path));

export interface Enqueue {
  kind: ItemKind;
  label: string;
  method: 'POST' | 'PUT';
  path: string;
  body: Record<string, unknown>;
  recordKey?: string;
  baseVersion?: number;
}

interface Offline {
  online: boolean;
  items: QueueItem[];
  counts: Record<ItemState, number>;
  /** waiting + error + conflict */
  unsent: number;
  enqueue: (e: Enqueue) => Promise<QueueItem>;
  /** True when a save should go to the queue: no network, or earlier items of the record wait. */
  shouldQueue: (recordKey?: string) => boolean;
  syncNow: () => void;
  retry: (id: string) => Promise<void>;
  discard: (id: string) => Promise<void>;
  keepMine: (id: string) => Promise<void>;
  merge: (id: string, values: Record<string, unknown>) => Promise<void>;
  edit: (id: string, body: Record<string, unknown>) => Promise<void>;
  clearSent: () => Promise<void>;
}

const Ctx = createContext<Offline | null>(null);

function uuid(): string {
  return crypto.randomUUID ? crypto.randomUUID() : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function send(item: QueueItem): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/json' };
  const csrf = getCsrfToken();
  if (csrf) headers['X-CSRF-Token'] = csrf;
  if (item.method === 'POST') headers['Idempotency-Key'] = item.idemKey;
  try {
    const res = await fetch(item.path, { method: item.method, headers, credentials: 'same-origin', body: JSON.stringify(item.body) });
    const text = await res.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    return { status: res.status, body };
  } catch {
    return { status: 0, body: null };
  }
}

async function getJson(path: string): Promise<Record<string, unknown> | undefined> {
  try {
    const res = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!res.ok) return undefined;
    return (await res.json()) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The server's current record of a conflicting item, in the shape of what the item sends. */
async function serverSide(item: QueueItem): Promise<Record<string, unknown> | undefined> {
  if (item.kind === 'activity.update') {
    const a = await getJson(item.path);
    if (!a) return undefined;
    const { input } = toInput(draftFromActivity(a as unknown as Activity));
    return { ...(input as unknown as Record<string, unknown>), version: a.version };
  }
  if (item.kind === 'report.save') {
    const b = item.body as { form: string; period: string; orgUnitCode: string };
    const q = new URLSearchParams({ form: b.form, period: b.period, orgUnit: b.orgUnitCode });
    const r = (await getJson(`/api/reports/current?${q}`)) as unknown as Report | undefined;
    if (!r) return undefined;
    const own = (r.compilation?.own ?? {}) as Record<string, unknown>;
    const values: Record<string, unknown> = {};
    for (const k of Object.keys((b as unknown as { values: Record<string, unknown> }).values ?? {}))
      values[k] = own[k] ?? (r.values as Record<string, unknown>)[k] ?? null;
    return { ...b, values, version: r.version, status: r.status };
  }
  if (item.kind === 'survey.save') return undefined;
  return undefined;
}

export function OfflineProvider({ children }: { children: ReactNode }) {
  const { status } = useSession();
  const [online, setOnline] = useState(() => navigator.onLine);
  const [items, setItems] = useState<QueueItem[]>([]);
  const busy = useRef(false);
  const [tick, setTick] = useState(0);
  const ready = status === 'in';

  const refresh = useCallback(async () => {
    try {
      setItems(await store.allItems());
    } catch {
      setItems([]);
    }
  }, []);

  useEffect(() => {
    setReadKeeper({ keep: keptPath, put: (k, v) => store.putRef(k, v), get: (k) => store.getRef(k) });
    return () => setReadKeeper(null);
  }, []);

  useEffect(() => {
    const on = () => {
      setOnline(true);
      setTick((n) => n + 1);
    };
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);

  useEffect(() => {
    if (ready) void refresh();
    else setItems([]);
  }, [ready, refresh]);

  const syncOnce = useCallback(async () => {
    if (busy.current || !ready || !navigator.onLine) return;
    busy.current = true;
    try {
      for (;;) {
        const all = await store.allItems();
        const next = nextToSend(all, Date.now());
        if (!next) break;
        const { status: st, body } = await send(next);
        let outcome = outcomeOf(st, body);
        if (outcome.kind === 'conflict') outcome = { kind: 'conflict', server: await serverSide(next) };
        const after = afterAttempt(next, outcome, Date.now());
        await store.putItem(after);
        setItems(await store.allItems());
        if (outcome.kind === 'unauthenticated') {
          // the session ended: the items stay (never silently lost); the sign-in page says how many
          notifyUnauthenticated();
          break;
        }
        if (after.state === 'waiting') break;  // no network or the server busy: later
      }
    } finally {
      busy.current = false;
    }
  }, [ready]);

  useEffect(() => {
    if (!ready) return;
    void syncOnce();
    const t = window.setInterval(() => void syncOnce(), 4000);
    return () => window.clearInterval(t);
  }, [ready, syncOnce, tick]);

  const update = useCallback(
    async (id: string, fn: (i: QueueItem) => QueueItem | null) => {
      const it = (await store.allItems()).find((x) => x.id === id);
      if (!it) return;
      const next = fn(it);
      if (next) await store.putItem(next);
      else await store.deleteItem(id);
      await refresh();
      setTick((n) => n + 1);
    },
    [refresh],
  );

  const value = useMemo<Offline>(() => {
    const c = counts(items);
    return {
      online,
      items,
      counts: c,
      unsent: pending(items).length,
      shouldQueue: (recordKey?: string) =>
        !navigator.onLine || (!!recordKey && pending(items).some((i) => i.recordKey === recordKey)),
      enqueue: async (e: Enqueue) => {
        const now = Date.now();
        const all = await store.allItems();
        const id = uuid();
        const item: QueueItem = {
          id,
          seq: Math.max(now, ...all.map((i) => i.seq + 1)),
          kind: e.kind,
          label: e.label,
          method: e.method,
          path: e.path,
          body: e.body,
          recordKey: e.recordKey ?? `new:${id}`,
          baseVersion: e.baseVersion,
          idemKey: uuid(),
          state: 'waiting',
          createdAt: now,
          updatedAt: now,
          attempts: 0,
          nextAt: now,
        };
        await store.putItem(item);
        await refresh();
        setTick((n) => n + 1);
        return item;
      },
      syncNow: () => setTick((n) => n + 1),
      retry: (id) => update(id, (i) => retryItem(i, Date.now())),
      discard: (id) => update(id, () => null),
      keepMine: (id) => update(id, (i) => resolveConflict(i, 'mine', Date.now())),
      merge: (id, values) => update(id, (i) => resolveConflict(i, 'merge', Date.now(), values)),
      edit: (id, body) => update(id, (i) => ({ ...retryItem(i, Date.now()), body: { ...i.body, ...body } })),
      clearSent: async () => {
        for (const i of await store.allItems()) if (i.state === 'sent') await store.deleteItem(i.id);
        await refresh();
      },
    };
  }, [online, items, refresh, update]);

  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useOffline(): Offline {
  const c = useContext(Ctx);
  if (!c) throw new Error('useOffline outside OfflineProvider');
  return c;
}
