// Display formats shared by every screen. Vietnamese conventions hold in both languages:
// dates are dd/mm/yyyy and numbers group thousands with "." (1.234.567,5).
// These helpers are pure (no locale or time-zone lookups) so they behave the same in every
// browser and in tests.

/** Placeholder shown for an open-ended or unknown date. */
export const NO_DATE = '—';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** "2025-07-01" → "01/07/2025"; null/undefined/'' → "—". Unparseable text is returned as is. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return NO_DATE;
  const m = ISO_DATE.exec(iso);
  if (!m) return iso;
  return `${m[3]}/${m[2]}/${m[1]}`;
}

/** "01/07/2025" → "2025-07-01", or null when the text is not a real dd/mm/yyyy date. */
export function parseDisplayDate(text: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const d = Number(m[1]);
  const mo = Number(m[2]);
  const y = Number(m[3]);
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return null;
  return `${m[3]}-${pad2(mo)}-${pad2(d)}`;
}

/** Validity range as "01/07/2025 – —". */
export function formatValidity(from: string | null | undefined, to: string | null | undefined): string {
  return `${formatDate(from)} – ${formatDate(to)}`;
}

/** Vietnam has kept UTC+7 with no daylight saving since 1975. */
const VN_OFFSET_MINUTES = 7 * 60;

/**
 * A timestamp from the server shown in Vietnam time as "dd/mm/yyyy HH:mm".
 * Accepts ISO 8601 with an offset or "Z"; a timestamp without an offset ("2026-01-02 03:04:05",
 * as SQLite writes them) is taken as UTC.
 */
export function formatDateTime(ts: string | null | undefined): string {
  if (!ts) return NO_DATE;
  const ms = parseTimestamp(ts);
  if (ms === null) return ts;
  const vn = new Date(ms + VN_OFFSET_MINUTES * 60_000);
  return (
    `${pad2(vn.getUTCDate())}/${pad2(vn.getUTCMonth() + 1)}/${vn.getUTCFullYear()} ` +
    `${pad2(vn.getUTCHours())}:${pad2(vn.getUTCMinutes())}`
  );
}

function parseTimestamp(ts: string): number | null {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(ts.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = m;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
    ms -= sign * offset * 60_000;
  }
  return ms;
}

/** 1234567 → "1.234.567"; 1234.5 → "1.234,5"; null → "—". */
export function formatNumber(n: number | null | undefined, maxFractionDigits = 2): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return NO_DATE;
  const negative = n < 0;
  const fixed = Math.abs(n).toFixed(maxFractionDigits);
  let [intPart, frac = ''] = fixed.split('.');
  frac = frac.replace(/0+$/, '');
  intPart = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const body = frac ? `${intPart},${frac}` : intPart;
  return negative && body !== '0' ? `-${body}` : body;
}

/** A local calendar date as the API's "YYYY-MM-DD". */
export function toIsoDate(d: Date): string {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

/** Today in the browser's calendar, as "YYYY-MM-DD". */
/** Today in Vietnam (Asia/Ho_Chi_Minh), the same day the server uses as the default asOf. */
export function todayIso(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit',
  }).format(now);
  return parts; // en-CA formats as YYYY-MM-DD
}

/** "2025-07-01" shifted by n days ("2025-07-01", -1 → "2025-06-30"). */
export function addDays(iso: string, n: number): string {
  const m = ISO_DATE.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + n));
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
