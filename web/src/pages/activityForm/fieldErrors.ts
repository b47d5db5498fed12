// Where the faults of an activity go on the form: the client-side problems (src/activities.ts)
// and the server's 400 details, each on the form field it names (rows renumbered as sent), the
// ones naming no field left to the banner. Pure: the form applies the answer.
import { ApiError } from '../../api/api';
import { formFieldOf, nearestField, type Problem, type RowMap } from '../../activities';

export type FieldErrors = { name: (string | number)[]; errors: string[] }[];

export function problemFieldErrors(problems: Problem[], text: (p: Problem) => string): FieldErrors {
  return problems.map((p) => ({ name: formFieldOf(p.field), errors: [text(p)] }));
}

/**
 * The server's faults by form field: `known` is the form's field names ("reach.0.total"), `rows`
 * maps the rows sent back to the form's; messages in the chosen language, `fallback` when a fault
 * has none. Anything but a 400 gives nothing.
 */
export function serverFieldErrors(
  e: unknown,
  known: Set<string>,
  rows: RowMap | undefined,
  lang: 'vi' | 'en',
  fallback: string,
): FieldErrors {
  if (!(e instanceof ApiError) || e.status !== 400) return [];
  const issues = e.details.length ? e.details : e.field ? [{ field: e.field, message: e.messageVi, messageEn: e.messageEn }] : [];
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const i of issues) {
    const name = nearestField(formFieldOf(i.field, rows), known);
    if (!name) continue;
    const k = name.join('.');
    const text = (lang === 'en' ? i.messageEn || i.message : i.message || i.messageEn) || fallback;
    const entry = byField.get(k) ?? { name, errors: [] };
    if (!entry.errors.includes(text)) entry.errors.push(text);
    byField.set(k, entry);
  }
  return [...byField.values()];
}
