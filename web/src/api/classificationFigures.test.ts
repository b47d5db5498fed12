import { describe, expect, it } from 'vitest';
import { classColors, classLayer, pctText, UNCLASSIFIED_COLOR, type ClassificationFigures } from './classificationFigures';

const cls = (code: string, rank: number, healthy = false) =>
  ({ code, rank, healthy, labelVi: `Loại ${code}`, labelEn: `Class ${code}`, communes: 0 });
const unit = (code: string, finalClass: string | null) => ({
  unit: { id: 1, code, name: code, kind: 'commune' }, status: finalClass ? 'approved' : 'not_started',
  finalClass: finalClass ? { ...cls(finalClass, 1) } : null, selfTotal: null, checkTotal: null,
});

describe('classification figures helpers', () => {
  it('colours the best class green, the worst red, those between yellow', () => {
    const c = classColors([cls('healthy', 1), cls('basic', 2), cls('focus', 3)]);
    expect([...c.values()]).toEqual(['#52c41a', '#fadb14', '#f5222d']);
    expect(classColors([cls('only', 1)]).get('only')).toBe('#52c41a');
  });
  it('gives each commune the place of its class, 0 when not classified, and the legend in the language', () => {
    const data = {
      classes: [cls('healthy', 1, true), cls('basic', 2), cls('focus', 3)],
      units: [unit('A', 'healthy'), unit('B', 'focus'), unit('C', null), unit('D', 'unknown')],
    } as unknown as ClassificationFigures;
    const l = classLayer(data, 'vi', 'Chưa phân loại');
    expect(Object.fromEntries(l.values)).toEqual({ A: 1, B: 3, C: 0, D: 0 });
    expect(l.pieces.map((p) => p.label)).toEqual(['Loại healthy', 'Loại basic', 'Loại focus', 'Chưa phân loại']);
    expect(l.pieces[3].color).toBe(UNCLASSIFIED_COLOR);
    expect(classLayer(data, 'en', 'Not classified').pieces[0].label).toBe('Class healthy');
    expect(classLayer(undefined, 'vi', 'x').pieces).toHaveLength(1);
  });
  it('writes percentages the Vietnamese way', () => {
    expect(pctText(33.33)).toBe('33,33 %');
    expect(pctText(100)).toBe('100 %');
    expect(pctText(null)).toBe('—');
  });
});
