// The inspection figures on the dashboard: the map's layers per commune (coverage %, a commune
// without operating businesses left uncoloured; inspections) and the type × status chart.
import { describe, expect, it } from 'vitest';
import { layerValues, type InspectionFigureCounts, type InspectionFigures } from '../../api/inspectionFigures';
import { typeStatusOption } from './InspectionFiguresPanel';

const counts = (over: Partial<InspectionFigureCounts> = {}): InspectionFigureCounts => ({
  businesses: 0, operating: 0, suspended: 0, closed: 0, inspections: 0, unannounced: 0, businessesInspected: 0,
  coveragePct: null, violations: 0, violationsPer100: null, repeatViolators: 0, fines: 0,
  outreach: { informed: 0, healthChecked: 0, referred: 0 }, ...over,
});
const data: InspectionFigures = {
  orgUnit: { code: '52', name: 'Gia Lai', kind: 'province' }, year: 2026, referenceDay: '2026-12-04',
  figures: counts({ businesses: 5, operating: 4, suspended: 1, inspections: 3, businessesInspected: 3, coveragePct: 75 }),
  plan: null,
  byTypeStatus: [
    { type: 'karaoke', label: 'Karaoke', labelEn: 'Karaoke', operating: 3, suspended: 0, closed: 0, total: 3 },
    { type: 'massage', label: 'Xoa bóp (massage)', labelEn: 'Massage', operating: 1, suspended: 1, closed: 0, total: 2 },
  ],
  units: [
    { ...counts({ operating: 4, businessesInspected: 3, coveragePct: 75, inspections: 3 }), orgUnit: { code: '21583', name: 'Quy Nhơn', kind: 'commune' } },
    { ...counts(), orgUnit: { code: '21584', name: 'Khác', kind: 'commune' } },
  ],
  elapsedMs: 1,
};

describe('inspection figures on the dashboard', () => {
  it('colours communes by coverage, leaving those without operating businesses out', () => {
    expect([...layerValues(data, 'coverage')]).toEqual([['21583', 75]]);
    expect([...layerValues(data, 'inspections')]).toEqual([['21583', 3], ['21584', 0]]);
    expect(layerValues(undefined, 'coverage').size).toBe(0);
  });
  it('stacks businesses by status per type, labels in the chosen language', () => {
    const o = typeStatusOption(data, 'en', ['Operating', 'Suspended', 'Closed']) as {
      yAxis: { data: string[] }; series: { name: string; data: number[] }[];
    };
    expect(o.yAxis.data).toEqual(['Karaoke', 'Massage']);
    expect(o.series.map((s) => [s.name, s.data])).toEqual([['Operating', [3, 1]], ['Suspended', [0, 1]], ['Closed', [0, 0]]]);
  });
});
