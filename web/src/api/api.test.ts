import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, buildQuery, setCsrfToken, setUnauthenticatedHandler } from './api';

describe('buildQuery', () => {
  it('skips empty values and encodes the rest', () => {
    expect(buildQuery({ asOf: '2025-06-30', parent: undefined, q: 'Đồng Nai', page: 2, kind: '', x: null })).toBe(
      '?asOf=2025-06-30&q=%C4%90%E1%BB%93ng+Nai&page=2',
    );
    expect(buildQuery({})).toBe('');
    expect(buildQuery()).toBe('');
  });
});

describe('the fetch wrapper', () => {
  const calls: { url: string; init: RequestInit }[] = [];
  const answer = (status: number, body: string) =>
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(body || null, { status });
    });

  afterEach(() => {
    calls.length = 0;
    setCsrfToken(null);
    setUnauthenticatedHandler(null);
    vi.unstubAllGlobals();
  });

  it('sends the CSRF token on writes but not on reads', async () => {
    vi.stubGlobal('fetch', answer(200, '{"ok":true}'));
    setCsrfToken('tok123');
    await api.get('/api/me');
    await api.post('/api/auth/logout');
    await api.put('/api/users/1', { version: 3 });
    await api.del('/api/users/1');
    const header = (i: number) => (calls[i].init.headers as Record<string, string>)['X-CSRF-Token'];
    expect(header(0)).toBeUndefined();
    expect(header(1)).toBe('tok123');
    expect(header(2)).toBe('tok123');
    expect(header(3)).toBe('tok123');
    expect(calls[2].init.body).toBe('{"version":3}');
  });

  it('answers undefined for 204', async () => {
    vi.stubGlobal('fetch', answer(204, ''));
    await expect(api.post('/api/auth/logout')).resolves.toBeUndefined();
  });

  it('throws a typed ApiError for a failure', async () => {
    vi.stubGlobal(
      'fetch',
      answer(409, '{"error":{"code":"conflict","message":"Xung đột","messageEn":"Conflict","field":null}}'),
    );
    const err = await api.put('/api/users/1', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(409);
    expect((err as ApiError).code).toBe('conflict');
  });

  it('reports an ended session to the handler', async () => {
    vi.stubGlobal('fetch', answer(401, '{"error":{"code":"unauthenticated","message":"","messageEn":""}}'));
    const ended = vi.fn();
    setUnauthenticatedHandler(ended);
    await expect(api.get('/api/users')).rejects.toBeInstanceOf(ApiError);
    expect(ended).toHaveBeenCalledOnce();
  });

  it('turns a failed connection into the network error', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const err = await api.get('/api/me').catch((e: unknown) => e);
    expect((err as ApiError).code).toBe('network');
  });
});
