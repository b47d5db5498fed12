import { describe, expect, it } from 'vitest';
import { diffRows, showValue, recordName } from './auditDiff';

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

describe('recordName (issue 15: records by name, never a bare id)', () => {
  it('names a plan by its title, a directive by number and subject, a user by name and username', () => {
    expect(recordName({ entity: 'integration_plan', entityId: 3, after: { title: 'Kế hoạch lồng ghép năm 2026', year: 2026 } }))
      .toBe('Kế hoạch lồng ghép năm 2026');
    expect(recordName({ entity: 'directive', entityId: 1, after: { number: '221/LĐTBXH-PCTNXH', subject: 'Về việc lồng ghép' } }))
      .toBe('221/LĐTBXH-PCTNXH — Về việc lồng ghép');
    expect(recordName({ entity: 'user', entityId: 7, before: { fullName: 'Trần Thị Lan', username: 'tinh.gialai' }, after: null }))
      .toBe('Trần Thị Lan (tinh.gialai)');
    expect(recordName({ entity: 'org_unit', entityId: 52, after: { name: 'Gia Lai', code: '52' } })).toBe('Gia Lai (52)');
  });
  it('says what a record without a name is, in the language', () => {
    expect(recordName({ entity: 'boundaries', entityId: 'province', after: { source: '01_ha_noi.geojson', matched: ['01'] } }))
      .toBe('01_ha_noi.geojson (1 đơn vị)');
    expect(recordName({ entity: 'indicator_target', entityId: 4, after: { indicator: 'x', year: 2026, target: 100 } }, 'en'))
      .toBe('Target 2026: 100');
    expect(recordName({ entity: 'indicator_target', entityId: 4, after: { indicator: 'students_reached', year: 2026, target: 70 } }, 'vi',
      new Map([['students_reached', 'Tỷ lệ học sinh, sinh viên được tiếp cận']])))
      .toBe('Tỷ lệ học sinh, sinh viên được tiếp cận — chỉ tiêu năm 2026: 70');
    expect(recordName({ entity: 'report', entityId: 9, after: null, before: null })).toBe('');
    // a workflow step names its plan by the create entry's title the server sends beside it
    expect(recordName({ entity: 'integration_plan', entityId: 3, before: { status: 'draft' }, after: { status: 'submitted' },
      createdAs: { title: 'Kế hoạch năm 2024', year: 2024 } })).toBe('Kế hoạch năm 2024');
  });
  it('names an allocation decision by its number and issuing body, also on its issue step', () => {
    expect(recordName({ entity: 'allocation_decision', entityId: 4,
      after: { number: '112/QĐ-UBND', issuingBody: 'UBND tỉnh Gia Lai', year: 2026, status: 'draft' } }))
      .toBe('Quyết định giao kinh phí số 112/QĐ-UBND — UBND tỉnh Gia Lai');
    // the issue step's snapshot is {status}; the server sends the create entry's naming fields beside it
    expect(recordName({ entity: 'allocation_decision', entityId: 4, before: { status: 'draft' }, after: { status: 'issued' },
      createdAs: { number: '689/QĐ-UBND', year: 2026 } }, 'en')).toBe('Allocation decision 689/QĐ-UBND');
  });
  it('names a person supported by the client code only, with the consent purpose or service', () => {
    expect(recordName({ entity: 'case', entityId: 5, after: { code: '52-2026-000003', birthYear: 1987 } })).toBe('52-2026-000003');
    expect(recordName({ entity: 'case_consent', entityId: 2, after: { caseId: 5, code: '52-2026-000003', purpose: 'services' } }))
      .toBe('52-2026-000003 · services');
  });
});
