// The case statistics panel's data: suppressed cells shown "<5", services and people joined by
// host programme.
import { describe, expect, it } from 'vitest';
import { shownCount, type CaseStatsResponse } from '../../api/caseStats';
import { rowsOf } from './CaseStatsPanel';

const table = (measure: string, cells: (number | null)[], sup: boolean[]): CaseStatsResponse => ({
  measure, rows: ['hostProgramme'], columns: [], rowKeys: [['hiv_aids'], ['poverty_ntp']],
  rowLabels: [['Phòng, chống HIV/AIDS'], ['Chương trình MTQG giảm nghèo bền vững']], rowLabelsEn: [['HIV/AIDS prevention'], ['Poverty reduction']],
  columnKeys: [[]], columnLabels: [[]], columnLabelsEn: [[]], cells: cells.map((c) => [c]), cellsSuppressed: sup.map((s) => [s]),
  rowTotals: cells, rowTotalsSuppressed: sup, columnTotals: [null], columnTotalsSuppressed: [true], total: null, totalSuppressed: true,
  suppressed: true, facts: 9, asOf: '2026-12-04', consentOn: '2026-12-04', elapsedMs: 1,
});

describe('case statistics panel', () => {
  it('shows a suppressed count as <5, never the number', () => {
    expect(shownCount(null, true)).toBe('<5');
    expect(shownCount(0, false)).toBe('0');
    expect(shownCount(1234, false)).toBe('1.234');
  });
  it('joins services and people by host programme, keeping the suppression flags', () => {
    const rows = rowsOf(table('caseServices', [6, 5], [false, false]), table('casePeople', [6, null], [false, true]), 'vi');
    expect(rows.map((r) => r.key)).toEqual(['hiv_aids', 'poverty_ntp']);
    expect(rows[1]).toMatchObject({ label: 'Chương trình MTQG giảm nghèo bền vững', services: 5, people: null, peopleSup: true });
    expect(rowsOf(table('caseServices', [6, 5], [false, false]), table('casePeople', [6, 5], [false, false]), 'en')[0].label).toBe('HIV/AIDS prevention');
  });
});
