import { describe, expect, it } from 'vitest';
import { listQuery, readListState, type ListSpec } from '../components/list/listState';
import { activityReads } from './activities';
import { planApi } from './plans';
import { userApi } from './users';
import { orgUnitApi } from './orgUnits';
import { attachmentUrl, taskApi } from './directives';
import { buildQuery } from './api';

describe('typed api functions', () => {
  it('describe reads by path and query, ids made safe for the address', () => {
    expect(planApi.one('12/../x')).toEqual({ path: '/api/plans/12%2F..%2Fx' });
    expect(planApi.versions(3).path).toBe('/api/plans/3/versions');
    expect(orgUnitApi.one('79', '2026-01-01')).toEqual({ path: '/api/org-units/79', query: { asOf: '2026-01-01' } });
    expect(taskApi.board(undefined)).toEqual({ path: '/api/tasks/board', query: { agencyId: undefined } });
    expect(activityReads.exportUrl({ q: 'x', sort: 'title' }, 'csv')).toBe('/api/activities/export?q=x&sort=title&format=csv');
    expect(attachmentUrl({ id: 5 })).toBe('/api/attachments/5');
    expect(attachmentUrl({ id: 5, url: '/files/5' })).toBe('/files/5');
  });

  it('send a list page state as the server parameters page, pageSize and sort', () => {
    interface F {
      q?: string;
      active?: string;
    }
    const spec: ListSpec<F> = { filters: { q: 'string', active: 'string' }, sorts: ['username'], defaultSort: 'username' };
    const g = userApi.list(listQuery(readListState(spec, new URLSearchParams('q=an&page=3&pageSize=20&sort=-username'))));
    expect(g.path).toBe('/api/users');
    expect(buildQuery(g.query)).toBe('?q=an&sort=-username&page=3&pageSize=20');
  });
});
