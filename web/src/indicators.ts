// Indicators on screen: the colour and label of a status, a value with its unit of measure, the
// years to choose from, and the checks a target passes before it is sent (the server checks
// them again: 0–100 for a percentage, non-negative otherwise).
import type { IndicatorDef, IndicatorResult, IndicatorStatus, ScorecardCell, ScorecardRow } from './api/types';
import { formatNumber } from './format';
import { isMessageKey, type MessageKey } from './i18n';

/** Ant Design Tag colours for a status. */
export function statusColor(s: IndicatorStatus): string {
  return { green: 'success', amber: 'warning', red: 'error', grey: 'default' }[s];
}

export function statusLabelKey(s: IndicatorStatus): MessageKey {
  return `indicators.status.${s}` as MessageKey;
}

/** "95,5%" for a percentage, "17 cuộc" for a count, "—" without a value. */
export function formatIndicatorValue(value: number | null | undefined, ind: Pick<IndicatorDef, 'percent' | 'unit'>): string {
  if (value === null || value === undefined) return '—';
  const n = formatNumber(value, 2);
  if (ind.percent || ind.unit === '%') return `${n}%`;
  return ind.unit ? `${n} ${ind.unit}` : n;
}

/**
 * "57 / 60" — what the value was computed from; with `unset` ("chưa có mẫu số"), a zero
 * denominator reads "343 / chưa có mẫu số", never a bare "343 / 0".
 */
export function formatFraction(r: Pick<IndicatorResult, 'numerator' | 'denominator'>, unset?: string): string {
  if (r.denominator === null) return formatNumber(r.numerator, 2);
  if (r.denominator === 0 && unset) return `${formatNumber(r.numerator, 2)} / ${unset}`;
  return `${formatNumber(r.numerator, 2)} / ${formatNumber(r.denominator, 2)}`;
}

/** The years a target can be viewed for: 2021 (the programme's start) to next year, newest first. */
export function indicatorYears(today: Date = new Date()): number[] {
  const out: number[] = [];
  for (let y = today.getFullYear() + 1; y >= 2021; --y) out.push(y);
  return out;
}

/** A message key when `target` is not acceptable for the indicator, else null. */
export function targetProblem(target: number | null | undefined, ind: Pick<IndicatorDef, 'percent'>): MessageKey | null {
  if (target === null || target === undefined || !Number.isFinite(target)) return 'indicators.target.required';
  if (target < 0) return 'indicators.target.negative';
  if (ind.percent && target > 100) return 'indicators.target.percent';
  return null;
}

/** Is the target shown for the unit its own (editable, removable) rather than one set above it? */
export function isOwnTarget(r: Pick<IndicatorResult, 'targetFrom'>, unitCode: string | undefined): boolean {
  return !!r.targetFrom && r.targetFrom.code === unitCode;
}

/** The scorecard cell of an indicator in a row (undefined when the row lacks it). */
export function cellOf(row: ScorecardRow, code: string): ScorecardCell | undefined {
  return row.results.find((c) => c.code === code);
}

/** How many rows of the scorecard have each status for an indicator. */
export function statusCounts(rows: ScorecardRow[], code: string): Record<IndicatorStatus, number> {
  const out: Record<IndicatorStatus, number> = { green: 0, amber: 0, red: 0, grey: 0 };
  for (const r of rows) {
    const c = cellOf(r, code);
    if (c) out[c.status] += 1;
  }
  return out;
}

/**
 * The "who recorded it" filter of a term as words, e.g. "Chỉ tính hoạt động do đơn vị cấp tỉnh
 * hoặc cơ quan loại bao_chi ghi nhận"; null without one. `kindName` names an agency kind.
 */
export function recordedByText(
  term: { measure?: string; recordedBy?: { levels?: string[]; agencyKinds?: string[] } } | null | undefined,
  t: (key: MessageKey, params?: Record<string, string | number>) => string,
  kindName: (code: string) => string = (c) => c,
): string | null {
  const rb = term?.recordedBy;
  if (!rb || (!rb.levels?.length && !rb.agencyKinds?.length)) return null;
  const parts: string[] = [];
  for (const l of rb.levels ?? []) {
    const k = `indicator.level.${l}`;
    parts.push(isMessageKey(k) ? t(k) : l);
  }
  if (rb.agencyKinds?.length) parts.push(t('indicator.agencyKinds', { kinds: rb.agencyKinds.map(kindName).join(', ') }));
  return t('indicator.recordedBy', { who: parts.join(t('indicator.recordedBy.or')) });
}
