// Figures of the commune classification (docs/api-classification.md "Figures and documents"):
// communes per class (approved), healthy %, the communes of the scope for the map coloured by
// class, and the province's decision with its annex (.docx/.xlsx/.pdf).
import { api } from './api';
import { formatNumber } from '../format';
import type { components } from './schema.gen';

export type ClassificationFigures = components['schemas']['ClassificationFigures'];
export type ClassificationFigureClass = components['schemas']['ClassificationFigureClass'];

export const classificationFiguresApi = {
  get: (scope: string, year: number, signal?: AbortSignal) =>
    api.get<ClassificationFigures>('/api/classification/figures', { scope, year }, signal),
  decisionUrl: (province: string, year: number, format: 'docx' | 'xlsx' | 'pdf') =>
    `/api/classification/decision?${new URLSearchParams({ province, year: String(year), format }).toString()}`,
};

/** The colour of a class by its place among the classes (best first): the best green, the worst red,
 * those between yellow then orange; grey for a commune not classified. */
const PALETTE = ['#52c41a', '#fadb14', '#fa8c16', '#f5222d'];
export const UNCLASSIFIED_COLOR = '#d9d9d9';
export function classColors(classes: readonly { code: string }[]): Map<string, string> {
  const n = classes.length;
  return new Map(classes.map((c, i) => [c.code, PALETTE[i === 0 ? 0 : i === n - 1 ? 3 : 1 + ((i - 1) % 2)]]));
}

/**
 * The map layer "communes coloured by class": each unit's value is 1 + the index of its final class
 * among the classes (0: not classified yet — no approved assessment), and the legend's pieces in the
 * same order, labelled in the language shown.
 */
export function classLayer(data: ClassificationFigures | undefined, lang: string, unclassified: string) {
  const values = new Map<string, number>();
  const classes = data?.classes ?? [];
  const index = new Map(classes.map((c, i) => [c.code, i + 1]));
  for (const u of data?.units ?? []) values.set(u.unit.code, u.finalClass ? (index.get(u.finalClass.code) ?? 0) : 0);
  const colors = classColors(classes);
  const pieces = [
    ...classes.map((c, i) => ({ value: i + 1, label: lang === 'en' ? c.labelEn : c.labelVi, color: colors.get(c.code)! })),
    { value: 0, label: unclassified, color: UNCLASSIFIED_COLOR },
  ];
  return { values, pieces };
}

/** "33,33 %", "100 %", or "—" without communes (healthyPct null). */
export function pctText(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : `${formatNumber(v, 2)} %`;
}
