import { describe, expect, it } from 'vitest';
import type { ReportCompilation, ReportForm, ReportPeriod } from './api/types';
import {
  acceptedPercent,
  currentPeriod,
  daysUntil,
  detailsToIssues,
  elementLabel,
  figureRows,
  fold,
  formatReportValue,
  formatThousands,
  isLateOrMissing,
  isReportEditable,
  issuesByElement,
  editableValues,
  manualChanged,
  manualValues,
  normaliseReminder,
  parseThousands,
  reminderList,
  reportStatusColor,
  reviewActions,
  timelinessColor,
  unitRows,
  worstSeverity,
  yearChoices,
} from './reports';

const form: ReportForm = {
  code: 'bc_6thang',
  nameVi: 'Báo cáo 6 tháng',
  nameEn: 'Six-monthly report',
  periodKind: 'half_year',
  sections: [
    {
      title: 'I. Kết quả',
      elements: [
        { code: 'sessions', label: 'Số buổi tuyên truyền', labelEn: 'Sessions', valueType: 'number', source: 'computed' },
        { code: 'reached', label: 'Số người được tiếp cận', labelEn: 'People reached', valueType: 'number', source: 'computed' },
        { code: 'inspections', label: 'Số cuộc kiểm tra', labelEn: 'Inspections', valueType: 'number', source: 'manual' },
        { code: 'has_model', label: 'Có mô hình', labelEn: 'Has a model', valueType: 'bool', source: 'manual' },
      ],
    },
    {
      title: 'II. Đánh giá',
      elements: [
        { code: 'results', label: 'Kết quả', labelEn: 'Results', valueType: 'text', source: 'manual' },
        { code: 'difficulties', label: 'Khó khăn', labelEn: 'Difficulties', valueType: 'text', source: 'manual' },
      ],
    },
  ],
  rules: [],
};

describe('timeliness and status', () => {
  it('marks late and missing red, due soon orange', () => {
    expect(isLateOrMissing('late')).toBe(true);
    expect(isLateOrMissing('missing')).toBe(true);
    expect(isLateOrMissing('on_time')).toBe(false);
    expect(timelinessColor('late')).toBe('red');
    expect(timelinessColor('missing')).toBe('red');
    expect(timelinessColor('due_soon')).toBe('orange');
    expect(timelinessColor('on_time')).toBe('success');
    expect(timelinessColor('not_due')).toBe('default');
    expect(reportStatusColor('accepted')).toBe('success');
    expect(reportStatusColor('returned')).toBe('warning');
  });

  it('edits only before submission or after a return', () => {
    expect(isReportEditable('not_started')).toBe(true);
    expect(isReportEditable('draft')).toBe(true);
    expect(isReportEditable('returned')).toBe(true);
    expect(isReportEditable('submitted')).toBe(false);
    expect(isReportEditable('accepted')).toBe(false);
  });

  it('offers review actions by status and can', () => {
    expect(reviewActions('submitted', { accept: true, return: true, reopen: false })).toEqual(['accept', 'return']);
    expect(reviewActions('submitted', { accept: false, return: false, reopen: false })).toEqual([]);
    expect(reviewActions('accepted', { accept: false, return: false, reopen: true })).toEqual(['reopen']);
    expect(reviewActions('draft', null)).toEqual([]);
  });
});

describe('values', () => {
  it('formats read-only values', () => {
    expect(formatReportValue(1234567, 'number')).toBe('1.234.567');
    expect(formatReportValue(null, 'number')).toBe('—');
    expect(formatReportValue(true, 'bool')).toBe('Có');
    expect(formatReportValue(false, 'bool', { yes: 'Yes', no: 'No' })).toBe('No');
    expect(formatReportValue('Tốt', 'text')).toBe('Tốt');
  });

  it('formats and parses numbers as they are typed', () => {
    expect(formatThousands(1234567)).toBe('1.234.567');
    expect(formatThousands('1234567.5')).toBe('1.234.567,5');
    expect(formatThousands('-1000')).toBe('-1.000');
    expect(formatThousands(undefined)).toBe('');
    expect(parseThousands('1.234.567,5')).toBe('1234567.5');
    expect(parseThousands('')).toBe('');
    expect(Number(parseThousands(formatThousands(98765432)))).toBe(98765432);
  });

  it('sends only the hand-entered values, blanks as null', () => {
    const body = manualValues(form, { sessions: 5, inspections: 3, results: '  ', difficulties: 'Thiếu kinh phí', has_model: true });
    expect(body).toEqual({ inspections: 3, has_model: true, results: null, difficulties: 'Thiếu kinh phí' });
    expect(manualValues(form, { inspections: '' as unknown as number }).inspections).toBeNull();
  });

  it('notices a change of a hand-entered value only', () => {
    expect(manualChanged(form, { results: null }, { results: '' })).toBe(false);
    expect(manualChanged(form, { sessions: 1 }, { sessions: 2 })).toBe(false);
    expect(manualChanged(form, { results: 'a' }, { results: 'b' })).toBe(true);
  });

  it("edits a level's own part of its hand-entered numbers, not the total it reports", () => {
    const values = { sessions: 12, inspections: 30, results: 'Tổng hợp' };
    expect(editableValues(form, { values, compilation: null })).toEqual(values);
    const compilation = { compiled: { sessions: 10, inspections: 25 }, own: { sessions: 2, inspections: 5 }, total: { sessions: 12, inspections: 30 },
      live: {}, differences: [], frozen: false, missingUnits: [] };
    expect(editableValues(form, { values, compilation })).toEqual({ sessions: 12, inspections: 5, results: 'Tổng hợp' });
    expect(editableValues(form, { values, compilation: { ...compilation, own: { sessions: 2, inspections: null } } }).inspections).toBeNull();
  });

  it('labels elements in the language', () => {
    expect(elementLabel(form, 'reached', 'vi')).toBe('Số người được tiếp cận');
    expect(elementLabel(form, 'reached', 'en')).toBe('People reached');
    expect(elementLabel(form, 'unknown', 'vi')).toBe('unknown');
  });
});

describe('issues', () => {
  it('groups issues by element in the form order, errors first', () => {
    const g = issuesByElement(form, [
      { field: 'results', severity: 'warning', message: 'Nên ghi kết quả', messageEn: '' },
      { field: 'reached', severity: 'warning', message: 'Ít', messageEn: '' },
      { field: 'reached', severity: 'error', message: 'Nữ + nam ≠ tổng', messageEn: '' },
    ]);
    expect(g.map((x) => x.field)).toEqual(['reached', 'results']);
    expect(g[0].issues[0].severity).toBe('error');
    expect(worstSeverity(g[0].issues)).toBe('error');
    expect(worstSeverity(g[1].issues)).toBe('warning');
    expect(worstSeverity([])).toBeNull();
  });

  it('turns validation details into blocking issues', () => {
    expect(detailsToIssues([{ field: 'results', message: 'Bắt buộc', messageEn: 'Required' }])).toEqual([
      { field: 'results', severity: 'error', message: 'Bắt buộc', messageEn: 'Required' },
    ]);
  });
});

describe('periods', () => {
  const periods: ReportPeriod[] = [
    { code: '2026-H1', label: '6 tháng đầu năm 2026', labelEn: 'First half of 2026', from: '2026-01-01', to: '2026-06-30', deadline: '2026-06-15', dataFrom: '2026-01-01', cutOff: '2026-06-14' },
    { code: '2026-H2', label: '6 tháng cuối năm 2026', labelEn: 'Second half of 2026', from: '2026-07-01', to: '2026-12-31', deadline: '2026-12-15', dataFrom: '2026-07-01', cutOff: '2026-12-14' },
  ];
  it('picks the period containing today', () => {
    expect(currentPeriod(periods, '2026-12-01')?.code).toBe('2026-H2');
    expect(currentPeriod(periods, '2026-03-01')?.code).toBe('2026-H1');
    expect(currentPeriod(periods, '2027-02-01')?.code).toBe('2026-H2');
    expect(currentPeriod(periods, '2025-02-01')?.code).toBe('2026-H1');
    expect(currentPeriod([], '2026-01-01')).toBeNull();
  });
  it('offers this year and three before', () => {
    expect(yearChoices('2026-12-01')).toEqual([2026, 2025, 2024, 2023]);
  });
  it('counts days to a deadline', () => {
    expect(daysUntil('2026-12-15', '2026-12-01')).toBe(14);
    expect(daysUntil('2026-06-15', '2026-12-01')).toBe(-169);
  });
});

describe('compilation', () => {
  const c: ReportCompilation = {
    orgUnit: { id: 1, code: '52', name: 'Gia Lai', kind: 'province', validFrom: null, validTo: null },
    period: { code: '2026-H2', label: '', labelEn: '', from: '2026-07-01', to: '2026-12-31', deadline: '2026-12-15', dataFrom: '2026-07-01', cutOff: '2026-12-14' },
    units: [],
    completeness: { expected: 4, submitted: 2, accepted: 1, onTime: 1, late: 1, missing: 2 },
    compiled: { sessions: 10, reached: 300, inspections: 2 },
    own: { sessions: 2, reached: 0 },
    total: { sessions: 12, reached: 300, inspections: 2 },
    computed: { sessions: 15, reached: 300, inspections: 2 },
    form,
    agencies: [],
    differences: [],
    missingUnits: [],
    frozen: false,
    report: null,
    requestId: null,
  };
  it('lists number elements with their figures and whether they add up', () => {
    const rows = figureRows(form, c, 'vi');
    expect(rows.map((r) => r.code)).toEqual(['sessions', 'reached', 'inspections']);
    expect(rows[0]).toMatchObject({ compiled: 10, own: 2, total: 12, computed: 15, addsUp: true, matchesLive: false });
    expect(rows[1]).toMatchObject({ own: 0, addsUp: true, matchesLive: true });
    expect(rows[2]).toMatchObject({ own: null, addsUp: true });
    // a hand-entered element has no live figure: it is not flagged as differing from one
    const manual = figureRows(form, { ...c, computed: { sessions: 15, reached: 300 } }, 'vi');
    expect(manual[2]).toMatchObject({ computed: null, matchesLive: true });
  });
  it('computes the accepted share', () => {
    expect(acceptedPercent(c.completeness)).toBe(25);
    expect(acceptedPercent({ expected: 0, accepted: 0 })).toBe(0);
  });
  it('filters and orders the units below', () => {
    const u = (code: string, name: string, status: string, timeliness: string) =>
      ({ orgUnit: { id: code, code, name, kind: 'ward', validFrom: null, validTo: null }, status, timeliness, submittedAt: null, values: {} }) as never;
    const units = [u('1', 'Phường Quy Nhơn', 'accepted', 'on_time'), u('2', 'Xã An Nhơn', 'not_started', 'missing'), u('3', 'Phường Pleiku', 'submitted', 'on_time')];
    expect(unitRows(units).map((x) => x.orgUnit.code)).toEqual(['3', '2', '1']);
    expect(unitRows(units, { q: 'quy nhon' }).map((x) => x.orgUnit.code)).toEqual(['1']);
    expect(unitRows(units, { problemsOnly: true }).map((x) => x.orgUnit.code)).toEqual(['2']);
    expect(fold('Đồng Nai')).toBe('dong nai');
  });
});

describe('reminders', () => {
  it('reads a Report-like reminder', () => {
    const r = normaliseReminder(
      { form: 'bc_6thang', period: { code: '2026-H1', label: '6 tháng đầu năm 2026', labelEn: '', from: '', to: '', deadline: '2026-06-15', dataFrom: '', cutOff: '' }, timeliness: 'missing' },
      '2026-12-01',
    );
    expect(r).toMatchObject({ periodCode: '2026-H1', periodLabel: '6 tháng đầu năm 2026', deadline: '2026-06-15', overdue: true });
  });
  it('reads a flat reminder and decides overdue from the deadline', () => {
    expect(normaliseReminder({ form: 'bc_nam', period: '2026', deadline: '2026-12-15', status: 'draft' }, '2026-12-10').overdue).toBe(false);
    expect(normaliseReminder({ form: 'bc_nam', period: '2026', deadline: '2026-12-15', status: 'draft' }, '2026-12-16').overdue).toBe(true);
  });
  it('lists overdue first, from either answer shape', () => {
    const items = [
      { form: 'a', period: 'p1', deadline: '2026-12-15', timeliness: 'due_soon' as const },
      { form: 'b', period: 'p2', deadline: '2026-06-15', timeliness: 'late' as const },
    ];
    expect(reminderList({ items }, '2026-12-10').map((r) => r.form)).toEqual(['b', 'a']);
    expect(reminderList(items, '2026-12-10')).toHaveLength(2);
    expect(reminderList(undefined, '2026-12-10')).toEqual([]);
  });
});
