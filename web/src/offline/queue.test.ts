import { describe, expect, it } from 'vitest';
import { afterAttempt, backoff, counts, diffFields, diffValues, nextToSend, outcomeOf, resolveConflict, retry, type QueueItem } from './queue';

let n = 0;
function item(extra: Partial<QueueItem> = {}): QueueItem {
  n += 1;
  return {
    id: `i${n}`,
    seq: n,
    kind: 'activity.create',
    label: `item ${n}`,
    method: 'POST',
    path: '/api/activities',
    body: { title: `t${n}` },
    recordKey: `new:i${n}`,
    idemKey: `k${n}`,
    state: 'waiting',
    createdAt: 0,
    updatedAt: 0,
    attempts: 0,
    nextAt: 0,
    ...extra,
  };
}

describe('nextToSend: FIFO, one at a time', () => {
  it('takes the earliest waiting item whatever the array order', () => {
    const a = item({ seq: 10 }), b = item({ seq: 5 }), c = item({ seq: 7 });
    expect(nextToSend([a, b, c], 1)?.id).toBe(b.id);
  });
  it('skips sent items', () => {
    const a = item({ seq: 1, state: 'sent' }), b = item({ seq: 2 });
    expect(nextToSend([a, b], 1)?.id).toBe(b.id);
  });
  it('an item in error or conflict blocks later items of the same record, not others', () => {
    const a = item({ seq: 1, state: 'conflict', recordKey: 'report:x' });
    const b = item({ seq: 2, recordKey: 'report:x' });
    const c = item({ seq: 3, recordKey: 'activity:9' });
    expect(nextToSend([a, b, c], 1)?.id).toBe(c.id);
    expect(nextToSend([a, b], 1)).toBeNull();
  });
  it('the head not yet due holds the queue (order kept)', () => {
    const a = item({ seq: 1, nextAt: 5000 }), b = item({ seq: 2 });
    expect(nextToSend([a, b], 1000)).toBeNull();
    expect(nextToSend([a, b], 5000)?.id).toBe(a.id);
  });
  it('nothing to send in an empty queue', () => {
    expect(nextToSend([], 0)).toBeNull();
  });
});

describe('state transitions', () => {
  it('ok → sent with the result', () => {
    const s = afterAttempt(item(), { kind: 'ok', result: { id: 7, version: 1 } }, 100);
    expect(s.state).toBe('sent');
    expect(s.result).toEqual({ id: 7, version: 1 });
  });
  it('network / server / ended session → waiting with backoff', () => {
    for (const o of [{ kind: 'network' }, { kind: 'server', status: 503 }, { kind: 'unauthenticated' }] as const) {
      const s = afterAttempt(item({ attempts: 2 }), o, 1000);
      expect(s.state).toBe('waiting');
      expect(s.attempts).toBe(3);
      expect(s.nextAt).toBe(1000 + backoff(3));
    }
  });
  it('backoff doubles up to five minutes', () => {
    expect(backoff(1)).toBe(5000);
    expect(backoff(2)).toBe(10000);
    expect(backoff(3)).toBe(20000);
    expect(backoff(30)).toBe(300000);
  });
  it('refused → error with the server message; retry → waiting, due now', () => {
    const e = afterAttempt(item(), { kind: 'refused', status: 400, code: 'validation_failed', message: 'Thiếu tên', messageEn: 'Title missing' }, 5);
    expect(e.state).toBe('error');
    expect(e.error?.message).toBe('Thiếu tên');
    const r = retry(e, 9);
    expect(r.state).toBe('waiting');
    expect(r.error).toBeUndefined();
    expect(r.nextAt).toBe(9);
  });
  it('conflict keeps the server record; keep mine resends on the server version', () => {
    const it0 = item({ kind: 'activity.update', method: 'PUT', body: { title: 'mine', version: 3 }, baseVersion: 3 });
    const c = afterAttempt(it0, { kind: 'conflict', server: { title: 'theirs', version: 5 } }, 1);
    expect(c.state).toBe('conflict');
    expect(c.server?.title).toBe('theirs');
    const m = resolveConflict(c, 'mine', 2);
    expect(m.state).toBe('waiting');
    expect(m.body).toEqual({ title: 'mine', version: 5 });
    expect(m.baseVersion).toBe(5);
    const g = resolveConflict(c, 'merge', 2, { title: 'both' });
    expect(g.body).toEqual({ title: 'both', version: 5 });
  });
});

describe('outcomeOf', () => {
  it('maps HTTP answers', () => {
    expect(outcomeOf(0, null).kind).toBe('network');
    expect(outcomeOf(201, { id: 4, version: 1 })).toEqual({ kind: 'ok', result: { id: 4, version: 1 } });
    expect(outcomeOf(401, {}).kind).toBe('unauthenticated');
    expect(outcomeOf(409, { error: { code: 'version_conflict' } }).kind).toBe('conflict');
    expect(outcomeOf(409, { error: { code: 'idempotency_in_progress' } }).kind).toBe('server');
    expect(outcomeOf(503, {}).kind).toBe('server');
    expect(outcomeOf(403, { error: { code: 'csrf_failed' } }).kind).toBe('server');
    const r = outcomeOf(400, { error: { code: 'validation_failed', message: 'Sai', messageEn: 'Wrong' } });
    expect(r).toEqual({ kind: 'refused', status: 400, code: 'validation_failed', message: 'Sai', messageEn: 'Wrong' });
  });
});

describe('conflict diff', () => {
  it('field by field, ignoring key order, empty vs missing and bookkeeping fields', () => {
    const d = diffFields(
      { title: 'A', reach: [{ total: 1, group: 'x' }], note: '', version: 3 },
      { title: 'B', reach: [{ group: 'x', total: 1 }], version: 5 },
    );
    expect(d).toEqual([
      { field: 'title', mine: 'A', theirs: 'B', differs: true },
      { field: 'reach', mine: [{ total: 1, group: 'x' }], theirs: [{ group: 'x', total: 1 }], differs: false },
      { field: 'note', mine: '', theirs: undefined, differs: false },
    ]);
  });
  it('report values: every element either side names', () => {
    const d = diffValues({ a: 1, b: 'x' }, { b: 'y', c: null });
    expect(d.map((x) => [x.field, x.differs])).toEqual([
      ['a', true],
      ['b', true],
      ['c', false],
    ]);
  });
  it('counts by state', () => {
    expect(counts([item(), item({ state: 'sent' }), item({ state: 'conflict' })])).toEqual({ waiting: 1, sent: 1, error: 0, conflict: 1 });
  });
});
