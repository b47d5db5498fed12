import { describe, expect, it } from 'vitest';
import {
  applies, FORMER_UNITS_KEY, halfOf, normaliseMeta, periodLabel, periodName, pivotBody, pivotFromSearch, pivotTable, pivotToSearch, previousHalf, seriesOf,
  type PivotRequest, type PivotResponse,
} from './analytics';

const defaults: PivotRequest = { measure: 'reached', rows: ['province'], columns: ['year'], filters: { from: '2021-01-01', to: '2026-12-31' } };

const answer: PivotResponse = {
  measure: 'reached', rows: ['province'], columns: ['year'],
  rowKeys: [['52'], ['75'], [null]], rowLabels: [['Gia Lai'], ['Đồng Nai'], [null]],
  columnKeys: [['2024'], ['2025']], columnLabels: [['2024'], ['2025']],
  cells: [[123, 456], [0, 7], [1, null]], rowTotals: [579, 7, 1], columnTotals: [124, 463], total: 587, suppressed: true,
};

describe('the pivot state in the address', () => {
  it('round-trips through the query string', () => {
    const p: PivotRequest = {
      measure: 'cost', rows: ['province', 'type'], columns: ['quarter'],
      filters: { from: '2024-01-01', to: '2024-12-31', orgUnit: '52', types: ['community_sessions'], targetGroups: ['sex_workers', 'youth'], planned: false },
      asOf: '2026-12-01',
    };
    const s = pivotToSearch(p);
    expect(s.get('rows')).toBe('province,type');
    expect(s.get('cols')).toBe('quarter');
    expect(pivotFromSearch(new URLSearchParams(s.toString()), defaults)).toEqual(p);
  });
  it('takes the defaults for what is missing or malformed, drops repeats and more than 3 dimensions', () => {
    const p = pivotFromSearch(new URLSearchParams('rows=type,type,agency,year,month&cols=year,half&from=01/01/2024'), defaults);
    expect(p.rows).toEqual(['type', 'agency', 'year']);
    expect(p.columns).toEqual(['half']);
    expect(p.filters.from).toBe('2021-01-01');
    expect(p.measure).toBe('reached');
    expect(pivotFromSearch(new URLSearchParams('rows='), defaults).rows).toEqual([]);
  });
  it('sends no empty filters', () => {
    const body = pivotBody({ ...defaults, filters: { from: '2024-01-01', to: '', types: [], orgUnit: undefined } });
    expect(body.filters).toEqual({ from: '2024-01-01' });
    expect('asOf' in body).toBe(false);
  });
});

describe('the table of a pivot answer', () => {
  it('has a column per column key plus the total, a row per row key with its total, and the totals row', () => {
    const t = pivotTable(answer);
    expect(t.columns.map((c) => c.headers)).toEqual([['2024'], ['2025'], ['Tổng']]);
    expect(t.rows.map((r) => r.labels)).toEqual([['Gia Lai'], ['Đồng Nai'], ['Khác']]);
    expect(t.rows[0].values).toEqual([123, 456, 579]);
    expect(t.rows[2].values).toEqual([1, null, 1]);
    expect(t.totals).toEqual([124, 463, 587]);
  });
  it('a one-dimensional answer is a series', () => {
    const s = seriesOf(answer);
    expect(s.keys).toEqual(['52', '75', '']);
    expect(s.labels).toEqual(['Gia Lai', 'Đồng Nai', 'Khác']);
    expect(s.values).toEqual([579, 7, 1]);
    const cols = seriesOf({ ...answer, rows: [], rowKeys: [[]], rowLabels: [[]] });
    expect(cols.keys).toEqual(['2024', '2025']);
    expect(cols.values).toEqual([124, 463]);
  });
  it('in English shows the English labels of the answer (period names, taxonomies)', () => {
    const en = {
      ...answer,
      rowKeys: [['52'], [FORMER_UNITS_KEY], [null]],
      rowLabelsEn: [['Gia Lai'], ['Units before the 07/2025 reorganisation'], ['Other']],
      columnLabelsEn: [['Year 2024'], ['Year 2025']],
    };
    const t = pivotTable(en, 'Total', 'en');
    expect(t.columns.map((c) => c.headers)).toEqual([['Year 2024'], ['Year 2025'], ['Total']]);
    expect(t.rows.map((r) => r.labels[0])).toEqual(['Gia Lai', 'Units before the 07/2025 reorganisation', 'Other']);
    expect(seriesOf(en, 'en').keys).toContain(FORMER_UNITS_KEY);
    expect(pivotTable(en).columns[0].headers).toEqual(['2024']);  // Vietnamese: the answer's own labels
  });
});

describe('meta for the pickers', () => {
  it('reads {code,label,labelEn} and {code,name,nameEn}, members inside dimensions or beside them', () => {
    const m = normaliseMeta({
      measures: [{ code: 'reached', label: 'Số người được tiếp cận', labelEn: 'People reached' }],
      dimensions: [{ code: 'type', name: 'Loại can thiệp', nameEn: 'Intervention type', members: [{ code: 'a', name: 'A' }] }],
      members: { targetGroup: [{ code: 'sex_workers', label: 'Người bán dâm' }] },
    });
    expect(m.measures[0]).toEqual({ code: 'reached', label: 'Số người được tiếp cận', labelEn: 'People reached' });
    expect(m.dimensions[0].labelEn).toBe('Intervention type');
    expect(m.members.type).toEqual([{ code: 'a', label: 'A', labelEn: 'A' }]);
    expect(m.members.targetGroup[0].labelEn).toBe('Người bán dâm');
  });
  it('knows which dimensions a measure applies to', () => {
    const m = normaliseMeta({ measures: [{ code: 'activities', label: 'Hoạt động', dimensions: ['province', 'type'] }, { code: 'cost', label: 'Kinh phí' }] });
    expect(applies(m, 'activities', 'type')).toBe(true);
    expect(applies(m, 'activities', 'targetGroup')).toBe(false);
    expect(applies(m, 'cost', 'targetGroup')).toBe(true);
  });
  it('falls back to the contract lists when meta is empty', () => {
    const m = normaliseMeta(undefined);
    expect(m.measures.map((x) => x.code)).toContain('reached');
    expect(m.dimensions.map((x) => x.code)).toContain('province');
  });
});

describe('periods', () => {
  it('names the half-year of a day and the one before', () => {
    expect(halfOf('2026-06-30')).toBe('2026-H1');
    expect(halfOf('2026-07-01')).toBe('2026-H2');
    expect(previousHalf('2026-H1')).toBe('2025-H2');
    expect(previousHalf('2026-H2')).toBe('2026-H1');
  });
  it('labels period keys the Vietnamese way', () => {
    // issue 15: the official style, in both languages
    expect(periodLabel('2021-Q1')).toBe('Quý I/2021');
    expect(periodLabel('2024-Q3')).toBe('Quý III/2024');
    expect(periodLabel('2024-Q3', 'en')).toBe('Q3 2024');
    expect(periodLabel('2024-07')).toBe('Tháng 7/2024');
    expect(periodLabel('2024-07', 'en')).toBe('July 2024');
    expect(periodLabel('2021-H1')).toBe('6 tháng đầu năm 2021');
    expect(periodLabel('2021-H2')).toBe('6 tháng cuối năm 2021');
    expect(periodLabel('2021-H1', 'en')).toBe('First half of 2021');
    expect(periodLabel('2021')).toBe('Năm 2021');
    expect(periodLabel('2021', 'en')).toBe('Year 2021');
    expect(periodLabel('adhoc-3')).toBe('adhoc-3');
    expect(periodName({ code: '2026-H2', label: '6 tháng cuối năm 2026', labelEn: 'Second half of 2026' }, 'en')).toBe('Second half of 2026');
    expect(periodName({ code: '2026-H2', label: '', labelEn: '' }, 'vi')).toBe('6 tháng cuối năm 2026');
  });
});
