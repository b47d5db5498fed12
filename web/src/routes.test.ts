import { describe, expect, it } from 'vitest';
import { PERM } from './api/types';
import { menuFor, menuTestId, mayOpen, MENU_GROUPS, ROUTES, selectedEntry } from './routes';

const holding = (...perms: string[]) => (p: string) => perms.includes(p);
const paths = (can: (p: string) => boolean) => menuFor(can).flatMap((g) => g.entries.map((e) => e.path));

describe('route table', () => {
  it('names each address once, with a known permission', () => {
    const all = ROUTES.map((r) => r.path);
    expect(new Set(all).size).toBe(all.length);
    const known = new Set<string>(Object.values(PERM));
    for (const r of ROUTES) if (r.perm !== undefined) expect(known.has(r.perm), r.path).toBe(true);
  });

  it('puts every menu entry in a known section', () => {
    for (const r of ROUTES) if (r.menu) expect(MENU_GROUPS).toContain(r.menu.group);
  });

  it('shows a user without permissions only the pages open to everyone, my work first', () => {
    expect(paths(holding())).toEqual(['/my-work', '/org-units', '/agencies']);
  });

  it('shows the pages of the permissions held, grouped, in table order', () => {
    const g = menuFor(holding(PERM.activitiesRead, PERM.plansRead));
    expect(g.map((x) => x.group)).toEqual(['overview', 'catalogue', 'planning', 'activities']);
    expect(paths(holding(PERM.activitiesRead, PERM.plansRead))).toEqual([
      '/my-work',
      '/dashboard',
      '/analytics/pivot',
      '/org-units',
      '/agencies',
      '/plans',
      '/allocation-decisions',
      '/money',
      '/activities',
      '/surveys',
    ]);
  });

  it('lets plan readers read money and only money.allocate record decisions (issue 19)', () => {
    const route = (p: string) => ROUTES.find((r) => r.path === p);
    expect(route('/allocation-decisions')?.perm).toBe(PERM.plansRead);
    expect(route('/money')?.perm).toBe(PERM.plansRead);
    expect(route('/allocation-decisions/new')?.perm).toBe(PERM.moneyAllocate);
    expect(route('/allocation-decisions/:id/amend')?.perm).toBe(PERM.moneyAllocate);
  });

  it('keeps entries behind their own permission (approve, record, review, admin)', () => {
    const p = paths(holding(PERM.plansRead, PERM.plansApprove, PERM.activitiesRecord));
    expect(p).toContain('/plans/inbox');
    expect(p).toContain('/activities/new');
    expect(p).toContain('/activities/import');
    expect(p).not.toContain('/activities');
    expect(p).not.toContain('/reports/compile');
    expect(p).not.toContain('/users');
    const admin = paths(holding(PERM.usersRead, PERM.auditRead, PERM.boundariesManage));
    expect(admin.slice(-3)).toEqual(['/users', '/audit', '/boundaries']);
  });

  it('shows every menu entry to a user holding every permission', () => {
    expect(paths(() => true)).toEqual(ROUTES.filter((r) => r.menu).map((r) => r.path));
  });

  it('guards the pages that have no menu entry with the same permissions', () => {
    const plan = ROUTES.find((r) => r.path === '/plans/:id')!;
    expect(mayOpen(plan, holding(PERM.plansRead))).toBe(true);
    expect(mayOpen(plan, holding(PERM.activitiesRead))).toBe(false);
    const edit = ROUTES.find((r) => r.path === '/activities/:id/edit')!;
    expect(mayOpen(edit, holding(PERM.activitiesRead))).toBe(false);
  });

  it('highlights the entry with the longest matching path', () => {
    const keys = ['/plans', '/plans/inbox', '/activities', '/activities/new'];
    expect(selectedEntry('/plans/12', keys)).toBe('/plans');
    expect(selectedEntry('/plans/inbox', keys)).toBe('/plans/inbox');
    expect(selectedEntry('/activities/5/edit', keys)).toBe('/activities');
    expect(selectedEntry('/activities/new', keys)).toBe('/activities/new');
    expect(selectedEntry('/reports/compile', keys)).toBe('/reports');
  });

  it('keeps the menu test ids the browser tests use', () => {
    expect(menuTestId('/plans/inbox')).toBe('menu-plans-inbox');
    expect(menuTestId('/analytics/pivot')).toBe('menu-analytics-pivot');
    expect(menuTestId('/org-units')).toBe('menu-org-units');
  });
});
