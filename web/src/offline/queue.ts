// The offline queue's pure logic (issue 21, docs/ARCHITECTURE.md "Offline"): what an item is,
// which item is sent next (FIFO, one at a time, an item never overtakes an earlier unresolved item
// of the same record), how its state moves on each outcome, the retry backoff, and the field by
// field comparison the conflict screen shows. No I/O here: store.ts keeps the items, sync.ts sends.

export type ItemState = 'waiting' | 'sent' | 'error' | 'conflict';
export type ItemKind = 'activity.create' | 'activity.update' | 'report.save' | 'survey.save';

export interface QueueItem {
  id: string;
  /** Order of entry: items are sent in this order. */
  seq: number;
  kind: ItemKind;
  /** What the user recognises it by (the activity's title, the report's form and period). */
  label: string;
  method: 'POST' | 'PUT';
  path: string;
  body: Record<string, unknown>;
  /** The record it changes ("activity:12", "report:bc_6thang:2026S1:21583"); a create has its own. */
  recordKey: string;
  /** The version the edit was based on (sent as `version`); undefined for a create. */
  baseVersion?: number;
  /** Sent with a create so that a resend after a lost answer is not a second create. */
  idemKey: string;
  state: ItemState;
  createdAt: number;
  updatedAt: number;
  attempts: number;
  /** Not before this time (ms) for the next automatic attempt. */
  nextAt: number;
  /** The server's refusal (vi + en) of an item in `error`. */
  error?: { code: string; message: string; messageEn: string; status: number };
  /** The server's current record of an item in `conflict`. */
  server?: Record<string, unknown>;
  /** What the server answered when it was sent (id, version). */
  result?: { id?: number | string; version?: number };
}

export type Outcome =
  | { kind: 'ok'; result?: { id?: number | string; version?: number } }
  | { kind: 'network' }
  | { kind: 'unauthenticated' }
  | { kind: 'conflict'; server?: Record<string, unknown> }
  | { kind: 'refused'; status: number; code: string; message: string; messageEn: string }
  | { kind: 'server'; status: number };

/** Items still to be dealt with: waiting, error or conflict (sent ones are done). */
export function pending(items: QueueItem[]): QueueItem[] {
  return items.filter((i) => i.state !== 'sent');
}

export function bySeq(items: QueueItem[]): QueueItem[] {
  return [...items].sort((a, b) => a.seq - b.seq);
}

/**
 * The next item to send at `now`: the first waiting item (in entry order) that is due and has no
 * earlier item of the same record still unresolved (an edit after a conflicting one waits for the
 * user's choice). Only the head of the order is considered when it is not yet due: FIFO.
 */
export function nextToSend(items: QueueItem[], now: number): QueueItem | null {
  const blocked = new Set<string>();
  for (const it of bySeq(items)) {
    if (it.state === 'sent') continue;
    if (it.state === 'error' || it.state === 'conflict') {
      blocked.add(it.recordKey);
      continue;
    }
    if (blocked.has(it.recordKey)) continue;
    return it.nextAt <= now ? it : null;
  }
  return null;
}

const BASE_MS = 5_000, MAX_MS = 5 * 60_000;

/** Wait before attempt n+1 after n failed attempts: 5 s, 10 s, 20 s … at most 5 minutes. */
export function backoff(attempts: number): number {
  return Math.min(MAX_MS, BASE_MS * 2 ** Math.max(0, attempts - 1));
}

/** The item after one attempt with this outcome, at `now`. */
export function afterAttempt(item: QueueItem, outcome: Outcome, now: number): QueueItem {
  const base = { ...item, updatedAt: now };
  switch (outcome.kind) {
    case 'ok':
      return { ...base, state: 'sent', error: undefined, server: undefined, result: outcome.result, attempts: item.attempts + 1 };
    case 'network':
    case 'server':
    case 'unauthenticated': {
      const attempts = item.attempts + 1;
      return { ...base, state: 'waiting', attempts, nextAt: now + backoff(attempts) };
    }
    case 'conflict':
      return { ...base, state: 'conflict', server: outcome.server, attempts: item.attempts + 1 };
    case 'refused':
      return {
        ...base,
        state: 'error',
        attempts: item.attempts + 1,
        error: { code: outcome.code, message: outcome.message, messageEn: outcome.messageEn, status: outcome.status },
      };
  }
}

/** The outcome of an HTTP answer (status 0: no answer at all). */
export function outcomeOf(status: number, body: unknown): Outcome {
  const b = (body ?? {}) as { id?: number | string; version?: number; error?: { code?: string; message?: string; messageEn?: string } };
  if (status === 0) return { kind: 'network' };
  if (status >= 200 && status < 300) return { kind: 'ok', result: { id: b.id, version: b.version } };
  if (status === 401) return { kind: 'unauthenticated' };
  const code = b.error?.code ?? '';
  if (status === 409 && code !== 'idempotency_in_progress') return { kind: 'conflict' };
  if (status >= 500 || status === 429 || code === 'idempotency_in_progress' || code === 'csrf_failed') return { kind: 'server', status };
  return { kind: 'refused', status, code, message: b.error?.message ?? `Lỗi ${status}`, messageEn: b.error?.messageEn ?? `Error ${status}` };
}

/** Retry: the item goes back to waiting, due now. */
export function retry(item: QueueItem, now: number): QueueItem {
  return { ...item, state: 'waiting', error: undefined, nextAt: now, updatedAt: now };
}

/**
 * The user's choice on a conflict. 'mine': resend the own values on top of the server's current
 * version; 'merge': resend these merged values on top of it; 'theirs' is a discard (store.ts).
 */
export function resolveConflict(item: QueueItem, choice: 'mine' | 'merge', now: number, merged?: Record<string, unknown>): QueueItem {
  const serverVersion = typeof item.server?.version === 'number' ? (item.server.version as number) : item.baseVersion;
  const values = choice === 'merge' && merged ? merged : item.body;
  return {
    ...item,
    body: { ...values, ...(serverVersion !== undefined ? { version: serverVersion } : {}) },
    baseVersion: serverVersion,
    state: 'waiting',
    server: undefined,
    error: undefined,
    nextAt: now,
    updatedAt: now,
  };
}

export interface FieldDiff {
  field: string;
  mine: unknown;
  theirs: unknown;
  differs: boolean;
}

const IGNORED = new Set(['version', 'updatedAt', 'createdAt', 'updatedBy', 'createdBy', 'id', 'can', 'history']);

function canon(v: unknown): string {
  if (v === undefined || v === null || v === '') return '';
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).sort().filter((k) => canon(o[k]) !== '').map((k) => `${k}:${canon(o[k])}`).join(',')}}`;
}

/**
 * Field by field: the fields the user's version sends, beside the server's current value of the
 * same field (the server's record is first reduced by `project` to the shape of what is sent).
 * `differs` compares values ignoring key order and empty vs. missing.
 */
export function diffFields(mine: Record<string, unknown>, theirs: Record<string, unknown>): FieldDiff[] {
  const out: FieldDiff[] = [];
  for (const field of Object.keys(mine)) {
    if (IGNORED.has(field)) continue;
    const a = mine[field], b = theirs[field];
    out.push({ field, mine: a, theirs: b, differs: canon(a) !== canon(b) });
  }
  return out;
}

/** Report values: {element: value} of mine and theirs, one row per element either side names. */
export function diffValues(mine: Record<string, unknown>, theirs: Record<string, unknown>): FieldDiff[] {
  const keys = [...new Set([...Object.keys(mine), ...Object.keys(theirs)])].sort();
  return keys.map((k) => ({ field: k, mine: mine[k], theirs: theirs[k], differs: canon(mine[k]) !== canon(theirs[k]) }));
}

/** Counts by state, for the banner and the menu. */
export function counts(items: QueueItem[]): Record<ItemState, number> {
  const c: Record<ItemState, number> = { waiting: 0, sent: 0, error: 0, conflict: 0 };
  for (const i of items) c[i.state]++;
  return c;
}
