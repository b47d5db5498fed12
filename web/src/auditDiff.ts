// Field-by-field comparison of an audit entry's before and after records.

export interface DiffRow {
  field: string;
  /** Present on the before side. */
  hasBefore: boolean;
  hasAfter: boolean;
  before: unknown;
  after: unknown;
  changed: boolean;
}

type Rec = Record<string, unknown> | null | undefined;

/** Stable JSON (object keys sorted) so that equal values compare equal. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  ) ?? 'undefined';
}

/** One row per field of either side, in the after side's order, then fields only before had. */
export function diffRows(before: Rec, after: Rec): DiffRow[] {
  const b = before ?? {};
  const a = after ?? {};
  const fields = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))];
  return fields.map((field) => {
    const hasBefore = field in b;
    const hasAfter = field in a;
    return {
      field,
      hasBefore,
      hasAfter,
      before: b[field],
      after: a[field],
      changed: hasBefore !== hasAfter || canonicalJson(b[field]) !== canonicalJson(a[field]),
    };
  });
}

/** A value as shown in a diff cell: strings bare, everything else as indented JSON. */
export function showValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined) return '';
  return JSON.stringify(v, null, 2);
}
