// The people-supported pages in the route table: opened by cases.read (creation by cases.record),
// and no menu entry for an account without them (police and inspectors hold none: the wall).
import { describe, expect, it } from 'vitest';
import { PERM } from '../api/types';
import { menuFor, ROUTES } from '../routes';

const route = (path: string) => ROUTES.find((r) => r.path === path);

describe('cases routes', () => {
  it('opens the list and record with cases.read and creation with cases.record', () => {
    expect(route('/cases')?.perm).toBe(PERM.casesRead);
    expect(route('/cases/:id')?.perm).toBe(PERM.casesRead);
    expect(route('/cases/new')?.perm).toBe(PERM.casesRecord);
    expect(route('/cases')?.menu?.label).toBe('menu.cases');
  });

  it('shows "Hồ sơ hỗ trợ" only to holders of cases.read', () => {
    const paths = (perms: string[]) => menuFor((p) => perms.includes(p)).flatMap((g) => g.entries.map((e) => e.path));
    expect(paths([PERM.casesRead])).toContain('/cases');
    expect(paths([PERM.activitiesRead, PERM.directivesRead])).not.toContain('/cases');
  });
});
