import { describe, expect, it } from 'vitest';
import {
  addDays,
  formatDate,
  formatDateTime,
  formatNumber,
  formatValidity,
  parseDisplayDate,
  toIsoDate,
} from './format';

describe('dates are shown dd/mm/yyyy', () => {
  it('turns an API date into dd/mm/yyyy', () => {
    expect(formatDate('2025-07-01')).toBe('01/07/2025');
    expect(formatDate('2021-12-31')).toBe('31/12/2021');
  });
  it('shows an open end or unknown start as a dash', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDate(undefined)).toBe('—');
    expect(formatDate('')).toBe('—');
    expect(formatValidity('2025-07-01', null)).toBe('01/07/2025 – —');
  });
  it('ignores a time part after the date', () => {
    expect(formatDate('2025-06-30T23:59:59Z')).toBe('30/06/2025');
  });
  it('parses what a user types back into an API date, rejecting impossible days', () => {
    expect(parseDisplayDate('1/7/2025')).toBe('2025-07-01');
    expect(parseDisplayDate('30/06/2025')).toBe('2025-06-30');
    expect(parseDisplayDate('31/06/2025')).toBeNull();
    expect(parseDisplayDate('29/02/2024')).toBe('2024-02-29');
    expect(parseDisplayDate('29/02/2025')).toBeNull();
    expect(parseDisplayDate('2025-07-01')).toBeNull();
  });
  it('writes a local date as the API expects', () => {
    expect(toIsoDate(new Date(2025, 6, 1))).toBe('2025-07-01');
  });
  it('finds the eve of a reorganisation across month and year ends', () => {
    expect(addDays('2025-07-01', -1)).toBe('2025-06-30');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });
});

describe('timestamps are shown in Vietnam time as dd/mm/yyyy HH:mm', () => {
  it('converts UTC to UTC+7', () => {
    expect(formatDateTime('2025-06-30T17:30:00Z')).toBe('01/07/2025 00:30');
  });
  it('honours an explicit offset', () => {
    expect(formatDateTime('2025-07-01T08:05:00+07:00')).toBe('01/07/2025 08:05');
    expect(formatDateTime('2025-07-01T01:05:00.123-02:00')).toBe('01/07/2025 10:05');
  });
  it('takes a timestamp without an offset as UTC', () => {
    expect(formatDateTime('2026-01-02 03:04:05')).toBe('02/01/2026 10:04');
  });
  it('leaves text it cannot read alone', () => {
    expect(formatDateTime('yesterday')).toBe('yesterday');
    expect(formatDateTime(null)).toBe('—');
  });
});

describe('numbers group thousands with dots', () => {
  it('formats integers', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(1000)).toBe('1.000');
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(formatNumber(-1234567)).toBe('-1.234.567');
  });
  it('uses a comma for decimals and drops trailing zeros', () => {
    expect(formatNumber(1234.5)).toBe('1.234,5');
    expect(formatNumber(0.125, 2)).toBe('0,13');
    expect(formatNumber(2.0)).toBe('2');
  });
  it('shows a dash for a missing number', () => {
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
  });
});

describe('todayIso', () => {
  it('is the calendar day in Vietnam, not in the browser time zone', async () => {
    const { todayIso } = await import('./format');
    // 18:00 UTC on 23/11/2026 is already 24/11/2026 in Hanoi (UTC+7).
    expect(todayIso(new Date(Date.UTC(2026, 10, 23, 18, 0, 0)))).toBe('2026-11-24');
    expect(todayIso(new Date(Date.UTC(2026, 10, 23, 16, 59, 0)))).toBe('2026-11-23');
  });
});
