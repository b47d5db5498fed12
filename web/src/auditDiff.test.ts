import { describe, expect, it } from 'vitest';
import { diffRows, showValue } from './auditDiff';

describe('audit diff', () => {
  it('marks changed, added and removed fields', () => {
    const rows = diffRows(
      { fullName: 'Nguyễn Văn A', roles: ['viewer'], active: true, note: 'x' },
      { fullName: 'Nguyễn Văn B', roles: ['viewer'], active: true, email: 'a@b.vn' },
    );
    const byField = Object.fromEntries(rows.map((r) => [r.field, r]));
    expect(byField.fullName.changed).toBe(true);
    expect(byField.roles.changed).toBe(false);
    expect(byField.active.changed).toBe(false);
    expect(byField.email).toMatchObject({ hasBefore: false, hasAfter: true, changed: true });
    expect(byField.note).toMatchObject({ hasBefore: true, hasAfter: false, changed: true });
    expect(rows.map((r) => r.field)).toEqual(['fullName', 'roles', 'active', 'email', 'note']);
  });
  it('compares nested objects regardless of key order', () => {
    const [row] = diffRows({ orgUnit: { code: '52', name: 'Gia Lai' } }, { orgUnit: { name: 'Gia Lai', code: '52' } });
    expect(row.changed).toBe(false);
  });
  it('lists every field of a creation or deletion', () => {
    expect(diffRows(null, { a: 1, b: 2 }).map((r) => r.field)).toEqual(['a', 'b']);
    expect(diffRows({ a: 1 }, null)[0]).toMatchObject({ hasAfter: false, changed: true });
  });
  it('shows strings bare and other values as JSON', () => {
    expect(showValue('Gia Lai')).toBe('Gia Lai');
    expect(showValue(null)).toBe('null');
    expect(showValue({ a: 1 })).toBe('{\n  "a": 1\n}');
  });
});
