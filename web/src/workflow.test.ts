import { describe, expect, it } from 'vitest';
import {
  boardColumns,
  nextActorsText,
  checkAttachment,
  formatFileSize,
  isOverdue,
  isPlanEditable,
  planActions,
  planStatusColor,
  sumAmounts,
  totalsBy,
} from './workflow';

const TODAY = '2026-11-24';

describe('overdue', () => {
  it('is derived from the deadline when the server does not say', () => {
    expect(isOverdue({ status: 'in_progress', currentDue: '2026-11-23' }, TODAY)).toBe(true);
    expect(isOverdue({ status: 'not_started', currentDue: '2026-11-24' }, TODAY)).toBe(false);
    expect(isOverdue({ status: 'done', currentDue: '2020-01-01' }, TODAY)).toBe(false);
    expect(isOverdue({ status: 'in_progress', currentDue: null }, TODAY)).toBe(false);
    expect(isOverdue({ status: 'in_progress', dueDate: '2026-01-01' }, TODAY)).toBe(true);
  });
  it("follows the server's flag when present", () => {
    expect(isOverdue({ status: 'in_progress', currentDue: '2099-01-01', overdue: true }, TODAY)).toBe(true);
    expect(isOverdue({ status: 'in_progress', currentDue: '2000-01-01', overdue: false }, TODAY)).toBe(false);
  });
});

describe('task board', () => {
  it('puts tasks in their column, overdue first then by deadline', () => {
    const tasks = [
      { id: 1, status: 'not_started', currentDue: '2027-01-01' },
      { id: 2, status: 'not_started', currentDue: '2026-01-01' },
      { id: 3, status: 'in_progress', currentDue: '2026-12-01' },
      { id: 4, status: 'done', currentDue: '2025-01-01' },
      { id: 5, status: 'not_started', currentDue: '2026-12-01' },
      { id: 6, status: 'weird', currentDue: null },
    ];
    const cols = boardColumns(tasks, TODAY);
    expect(cols.not_started.map((t) => t.id)).toEqual([2, 5, 1, 6]);
    expect(cols.in_progress.map((t) => t.id)).toEqual([3]);
    expect(cols.done.map((t) => t.id)).toEqual([4]);
  });
});

describe('plan actions', () => {
  const all = { edit: true, submit: true, approve: true, newVersion: true };
  const none = { edit: false, submit: false, approve: false, newVersion: false };
  it('offer what each status allows', () => {
    expect(planActions('draft', all)).toEqual(['edit', 'submit']);
    expect(planActions('returned', all)).toEqual(['edit', 'submit']);
    expect(planActions('submitted', all)).toEqual(['approve', 'return']);
    expect(planActions('approved', all)).toEqual(['newVersion']);
  });
  it('offer nothing without the permission, nor on an old version', () => {
    for (const s of ['draft', 'submitted', 'returned', 'approved']) expect(planActions(s, none)).toEqual([]);
    expect(planActions('draft', all, false)).toEqual([]);
    expect(planActions('submitted', { ...none, submit: true, edit: true })).toEqual([]);
  });
  it('lock approved and submitted plans', () => {
    expect(isPlanEditable('draft')).toBe(true);
    expect(isPlanEditable('returned')).toBe(true);
    expect(isPlanEditable('submitted')).toBe(false);
    expect(isPlanEditable('approved')).toBe(false);
    expect(planStatusColor('approved')).toBe('success');
    expect(planStatusColor('nonsense')).toBe('default');
  });
});

describe('attachments', () => {
  const MB = 1024 * 1024;
  it('refuse empty, wrong type and too large files', () => {
    expect(checkAttachment({ name: 'a.pdf', size: 0 }, 10 * MB)).toBe('empty');
    expect(checkAttachment({ name: 'a.exe', size: 10 }, 10 * MB)).toBe('wrongType');
    expect(checkAttachment({ name: 'noext', size: 10 }, 10 * MB)).toBe('wrongType');
    expect(checkAttachment({ name: 'a.doc', size: 10 }, 10 * MB)).toBe('wrongType');
    expect(checkAttachment({ name: 'a.PDF', size: 11 * MB }, 10 * MB)).toBe('tooLarge');
    expect(checkAttachment({ name: 'Kế hoạch.DOCX', size: 5 * MB }, 10 * MB)).toBeNull();
  });
  it('show sizes with a decimal comma', () => {
    expect(formatFileSize(512)).toBe('512 B');
    expect(formatFileSize(1536)).toBe('1,5 KB');
    expect(formatFileSize(10 * MB)).toBe('10 MB');
    expect(formatFileSize(null)).toBe('—');
  });
});

describe('budget', () => {
  it('sums amounts and totals by key', () => {
    const lines = [
      { source: 'central', year: 2026, amount: 100 },
      { source: 'provincial', year: 2026, amount: 50.5 },
      { source: 'central', year: 2027, amount: null },
      { source: 'central', year: 2027, amount: 200 },
    ];
    expect(sumAmounts(lines)).toBe(350.5);
    expect(totalsBy(lines, (l) => l.source)).toEqual([
      ['central', 300],
      ['provincial', 50.5],
    ]);
    expect(totalsBy(lines, (l) => l.year)).toEqual([
      ['2026', 150.5],
      ['2027', 200],
    ]);
  });
});

describe('nextActorsText', () => {
  const label = (a: string) => ({ approve: 'phê duyệt', edit: 'cán bộ lập kế hoạch', review: 'tiếp nhận', submit: 'cán bộ lập báo cáo' })[a] ?? a;
  it('names each role and unit, in the chosen language', () => {
    const actors = [
      { unit: { name: 'Gia Lai' }, role: { nameVi: 'Cán bộ cơ quan đầu mối tỉnh', nameEn: 'Province lead officer' }, action: 'approve' },
      { unit: { name: 'Việt Nam' }, role: { nameVi: 'Cán bộ Bộ', nameEn: 'Ministry officer' }, action: 'approve' },
    ];
    expect(nextActorsText(actors, 'vi', label)).toBe('Cán bộ cơ quan đầu mối tỉnh — Gia Lai; Cán bộ Bộ — Việt Nam');
    expect(nextActorsText(actors, 'en', label)).toBe('Province lead officer — Gia Lai; Ministry officer — Việt Nam');
  });
  it('says the action when any officer of the unit acts, and nothing when nobody does', () => {
    expect(nextActorsText([{ unit: { name: 'Quy Nhơn' }, role: null, action: 'submit' }], 'vi', label)).toBe('cán bộ lập báo cáo — Quy Nhơn');
    expect(nextActorsText([], 'vi', label)).toBe('');
  });
});
