import { describe, expect, it } from 'vitest';
import type { ScorecardRow } from './api/types';
import { cellOf, formatFraction, formatIndicatorValue, indicatorYears, isOwnTarget, recordedByText, statusColor, statusCounts, targetProblem } from './indicators';
import { translate } from './i18n/translate';

const unit = (code: string) => ({ id: 1, code, name: code, kind: 'province', validFrom: null, validTo: null });
const row = (code: string, statuses: Array<['a' | 'b', 'green' | 'amber' | 'red' | 'grey']>): ScorecardRow => ({
  orgUnit: unit(code),
  results: statuses.map(([c, status]) => ({ code: c, value: 1, target: 1, achievement: 100, status })),
});

describe('indicators on screen', () => {
  it('colours follow the status: green, amber, red, grey', () => {
    expect(statusColor('green')).toBe('success');
    expect(statusColor('amber')).toBe('warning');
    expect(statusColor('red')).toBe('error');
    expect(statusColor('grey')).toBe('default');
  });

  it('values carry their unit of measure in Vietnamese number format', () => {
    expect(formatIndicatorValue(95.5, { percent: true, unit: '%' })).toBe('95,5%');
    expect(formatIndicatorValue(1234, { percent: false, unit: 'cuộc' })).toBe('1.234 cuộc');
    expect(formatIndicatorValue(null, { percent: true, unit: '%' })).toBe('—');
    expect(formatFraction({ numerator: 57, denominator: 60 })).toBe('57 / 60');
    expect(formatFraction({ numerator: 1234, denominator: null })).toBe('1.234');
    // issue 15: a zero denominator is named, never a bare "343 / 0"
    expect(formatFraction({ numerator: 343, denominator: 0 }, 'chưa có mẫu số')).toBe('343 / chưa có mẫu số');
  });

  it('targets: required, non-negative, 0–100 for a percentage', () => {
    expect(targetProblem(null, { percent: true })).toBe('indicators.target.required');
    expect(targetProblem(-1, { percent: false })).toBe('indicators.target.negative');
    expect(targetProblem(100.5, { percent: true })).toBe('indicators.target.percent');
    expect(targetProblem(100, { percent: true })).toBeNull();
    expect(targetProblem(250, { percent: false })).toBeNull();
  });

  it('own targets are those set at the unit itself', () => {
    expect(isOwnTarget({ targetFrom: unit('52') }, '52')).toBe(true);
    expect(isOwnTarget({ targetFrom: unit('VN') }, '52')).toBe(false);
    expect(isOwnTarget({ targetFrom: null }, '52')).toBe(false);
  });

  it('years from the programme start to next year, newest first', () => {
    expect(indicatorYears(new Date(2026, 5, 1))).toEqual([2027, 2026, 2025, 2024, 2023, 2022, 2021]);
  });

  it('the scorecard counts statuses per indicator', () => {
    const rows = [row('52', [['a', 'green'], ['b', 'grey']]), row('75', [['a', 'red'], ['b', 'grey']])];
    expect(cellOf(rows[0], 'a')?.status).toBe('green');
    expect(statusCounts(rows, 'a')).toEqual({ green: 1, amber: 0, red: 1, grey: 0 });
    expect(statusCounts(rows, 'b')).toEqual({ green: 0, amber: 0, red: 0, grey: 2 });
  });
  it('says which recordings a term counts: the level of the unit, the kind of the lead agency', () => {
    const vi = (k: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate('vi', k, p);
    const en = (k: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate('en', k, p);
    const press = { measure: 'months_with', recordedBy: { levels: ['province'], agencyKinds: ['bao_chi'] } };
    expect(recordedByText(press, vi, (c) => (c === 'bao_chi' ? 'Báo chí, phát thanh, truyền hình' : c))).toBe(
      'Chỉ tính hoạt động do đơn vị cấp tỉnh hoặc cơ quan loại Báo chí, phát thanh, truyền hình ghi nhận');
    expect(recordedByText(press, en)).toBe('Only activities recorded by province-level units or agencies of kind bao_chi');
    expect(recordedByText({ measure: 'activities' }, vi)).toBeNull();
    expect(recordedByText({ measure: 'activities', recordedBy: {} }, vi)).toBeNull();
    expect(recordedByText(null, vi)).toBeNull();
  });
});
