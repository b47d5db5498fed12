// Pure helpers of the money screens (docs/api-money.md): totals of budget lines by source, the
// running totals of a decision and its amendments, rates and amounts as shown ("1.234.567 đ",
// "81,25 %"), and the plan-activity budget rows of a plan form.
import { formatNumber } from './format';

export interface AmountLine {
  fundingSource?: string | null;
  amount?: number | null;
}

/** Σ amounts (missing amounts count 0); exact for integer VND below 2^53. */
export function sumLines(lines: readonly AmountLine[] | undefined | null): number {
  let s = 0;
  for (const l of lines ?? []) s += Number(l?.amount ?? 0) || 0;
  return s;
}

/** Totals by funding source, in the order sources first appear; lines without a source are left out. */
export function totalsBySource(lines: readonly AmountLine[]): [string, number][] {
  const out = new Map<string, number>();
  for (const l of lines) {
    if (!l?.fundingSource) continue;
    out.set(l.fundingSource, (out.get(l.fundingSource) ?? 0) + (Number(l.amount ?? 0) || 0));
  }
  return [...out.entries()];
}

/** The plan's totals by source from the budgets of its activities. */
export function planTotalsBySource(activities: readonly { budget?: readonly AmountLine[] | null }[]): [string, number][] {
  return totalsBySource(activities.flatMap((a) => a?.budget ?? []));
}

/** True when any activity carries a budget line: the plan's total is then derived, never typed. */
export function budgetsPerActivity(activities: readonly { budget?: readonly unknown[] | null }[] | undefined): boolean {
  return (activities ?? []).some((a) => (a?.budget?.length ?? 0) > 0);
}

/** 1234567 → "1.234.567 đ"; negative amounts keep their sign; null → "—". */
export function formatMoney(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return `${formatNumber(n, 0)} đ`;
}

/** A signed amount of an amendment: "+5.000.000 đ" / "-2.000.000 đ". */
export function formatSigned(n: number): string {
  return n > 0 ? `+${formatMoney(n)}` : formatMoney(n);
}

/** 0.8125 → "81,25 %"; null → "—" (a zero denominator). */
export function formatRate(r: number | null | undefined): string {
  if (r === null || r === undefined || !Number.isFinite(r)) return '—';
  return `${formatNumber(r * 100, 2)} %`;
}

export interface TimelineStep {
  id: string | number;
  number: string;
  decisionDate: string;
  status: string;
  total: number | null;
  /** The original plus every issued step up to and including this one (drafts do not count). */
  running: number;
}

/**
 * The decision and its amendments in date order with running totals: only issued decisions
 * count (a draft amendment shows its amount but leaves the running total unchanged).
 */
export function amendmentTimeline(
  original: { id: string | number; number: string; decisionDate: string; status: string; total: number },
  amendments: readonly { id: string | number; number: string; decisionDate: string; status: string; total?: number | null }[],
): TimelineStep[] {
  const steps = [original, ...[...amendments].sort((a, b) => a.decisionDate.localeCompare(b.decisionDate))];
  let running = 0;
  return steps.map((s) => {
    const total = s.total ?? null;
    if (s.status === 'issued' && total !== null) running += total;
    return { id: s.id, number: s.number, decisionDate: s.decisionDate, status: s.status, total, running };
  });
}

/** Parses what a user typed in an amount box ("1.234.567", "-2.000.000") as an integer. */
export function parseAmount(text: string | undefined | null): number {
  const s = (text ?? '').replace(/[.\s đ]/g, '').replace(',', '.');
  const n = Number(s);
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}

/** A server field name as a form path: "lines[2].amount" → ["lines", 2, "amount"]. */
export function fieldPath(field: string): (string | number)[] {
  return field
    .split(/[.[\]]+/)
    .filter((p) => p !== '')
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}
