import { describe, expect, it } from 'vitest';
import { amendmentTimeline, budgetsPerActivity, formatMoney, formatRate, formatSigned, parseAmount, planTotalsBySource, sumLines, totalsBySource } from './money';

describe('money helpers', () => {
  it('sums lines and groups them by source in first-seen order', () => {
    const lines = [
      { fundingSource: 'central', amount: 10_000_000 },
      { fundingSource: 'provincial', amount: 2_500_000 },
      { fundingSource: 'central', amount: 5_000_000 },
      { fundingSource: undefined, amount: 7 },
    ];
    expect(sumLines(lines)).toBe(17_500_007);
    expect(totalsBySource(lines)).toEqual([['central', 15_000_000], ['provincial', 2_500_000]]);
    expect(sumLines(null)).toBe(0);
  });

  it('derives the plan totals from the activities and tells when budgets are per activity', () => {
    const acts = [{ budget: [{ fundingSource: 'a', amount: 1 }] }, { budget: [] }, { budget: [{ fundingSource: 'a', amount: 2 }, { fundingSource: 'b', amount: 3 }] }];
    expect(planTotalsBySource(acts)).toEqual([['a', 3], ['b', 3]]);
    expect(budgetsPerActivity(acts)).toBe(true);
    expect(budgetsPerActivity([{ budget: [] }, {}])).toBe(false);
    expect(budgetsPerActivity(undefined)).toBe(false);
  });

  it('shows amounts, signed amounts and rates the Vietnamese way', () => {
    expect(formatMoney(1234567)).toBe('1.234.567 đ');
    expect(formatMoney(-2000000)).toBe('-2.000.000 đ');
    expect(formatMoney(null)).toBe('—');
    expect(formatSigned(5000000)).toBe('+5.000.000 đ');
    expect(formatSigned(-5000000)).toBe('-5.000.000 đ');
    expect(formatRate(0.8125)).toBe('81,25 %');
    expect(formatRate(1)).toBe('100 %');
    expect(formatRate(null)).toBe('—');
  });

  it('parses typed amounts', () => {
    expect(parseAmount('1.234.567')).toBe(1234567);
    expect(parseAmount('-2.000.000 đ')).toBe(-2000000);
    expect(parseAmount('')).toBe(0);
  });

  it('runs the totals of issued decisions in date order; drafts do not count', () => {
    const steps = amendmentTimeline(
      { id: 1, number: '12/QĐ', decisionDate: '2026-02-01', status: 'issued', total: 100 },
      [
        { id: 3, number: '30/QĐ', decisionDate: '2026-06-01', status: 'draft', total: 50 },
        { id: 2, number: '20/QĐ', decisionDate: '2026-04-01', status: 'issued', total: -30 },
      ],
    );
    expect(steps.map((s) => [s.id, s.running])).toEqual([[1, 100], [2, 70], [3, 70]]);
  });
});

describe('fieldPath', () => {
  it('turns the server field names into form paths', async () => {
    const { fieldPath } = await import('./money');
    expect(fieldPath('lines[2].amount')).toEqual(['lines', 2, 'amount']);
    expect(fieldPath('number')).toEqual(['number']);
    expect(fieldPath('activities[0].budget[1].fundingSource')).toEqual(['activities', 0, 'budget', 1, 'fundingSource']);
  });
});
