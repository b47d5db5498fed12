import { describe, expect, it } from 'vitest';
import type { ClassRule, Criterion } from './api/classification';
import {
  allowedScores, classFor, describeClass, describeEvidence, isMet, issuesOf, noteRequired, preview, scoreInRange, sourceLink, suggestScore, totalOf,
} from './classification';

// The seeded national default (migration 0033), as the server holds it.
const C = (key: string, section: string, maxPoints: number, evidence?: Criterion['evidence']): Criterion => ({
  key, section, kind: 'points', maxPoints, partial: true, textVi: key, textEn: key, evidence,
});
const PF = (key: string, evidence?: Criterion['evidence']): Criterion => ({
  key, section: key[0], kind: 'pass_fail', textVi: key, textEn: key, evidence,
});
const CRITERIA: Criterion[] = [
  C('A1', 'A', 10, { metric: 'approved_plan', fullAt: 1, ifNoData: 'zero' }),
  C('A2', 'A', 10, { metric: 'reports_on_time_pct', fullAt: 100, partialAt: 50, ifNoData: 'none' }),
  C('B1', 'B', 15, { metric: 'comm_activities', fullAt: 4, partialAt: 2, ifNoData: 'zero' }),
  C('B2', 'B', 10, { metric: 'people_reached', fullAt: 500, partialAt: 200, ifNoData: 'zero' }),
  C('C1', 'C', 10, { metric: 'active_groups', fullAt: 1, ifNoData: 'zero' }),
  C('C2', 'C', 10, { metric: 'services_delivered', fullAt: 5, partialAt: 1, ifNoData: 'none' }),
  C('D1', 'D', 20, { metric: 'business_coverage_pct', fullAt: 60, partialAt: 30, ifNoData: 'full' }),
  C('D2', 'D', 15, { metric: 'repeat_violators', fullAtMost: 0, partialAtMost: 1, ifNoData: 'full' }),
  PF('D3', { metric: 'prostitution_violations', passAtMost: 0, ifNoData: 'pass' }),
  PF('E1'), PF('E2'), PF('E3'), PF('E4'),
];
const E = ['E1', 'E2', 'E3', 'E4'];
const CLASSES: ClassRule[] = [
  { code: 'focus', rank: 3, healthy: false, labelVi: 'Chưa lành mạnh', labelEn: 'Not yet', mustPass: [], kOfN: [] },
  { code: 'healthy', rank: 1, healthy: true, labelVi: 'Lành mạnh', labelEn: 'Healthy', minPoints: 90, mustPass: ['D3'], kOfN: [{ criteria: E, k: 3 }] },
  { code: 'basic', rank: 2, healthy: false, labelVi: 'Cơ bản', labelEn: 'Basic', minPoints: 70, mustPass: [], kOfN: [{ criteria: E, k: 2 }] },
];
const DEF = { criteria: CRITERIA, classes: CLASSES };
const full = () => Object.fromEntries(CRITERIA.map((c) => [c.key, c.kind === 'points' ? c.maxPoints! : 1]));

describe('suggested score (contract: evidence rule → suggested score)', () => {
  const byKey = (k: string) => CRITERIA.find((c) => c.key === k)!;
  it('higher is better: full, partial = ⌊max/2⌋, else 0', () => {
    expect(suggestScore(byKey('B1'), 4)).toBe(15);
    expect(suggestScore(byKey('B1'), 3)).toBe(7);
    expect(suggestScore(byKey('B1'), 1)).toBe(0);
    expect(suggestScore(byKey('A1'), 0)).toBe(0); // no partialAt
    expect(suggestScore({ ...byKey('B1'), partial: false }, 3)).toBe(0);
  });
  it('lower is better', () => {
    expect(suggestScore(byKey('D2'), 0)).toBe(15);
    expect(suggestScore(byKey('D2'), 1)).toBe(7);
    expect(suggestScore(byKey('D2'), 2)).toBe(0);
  });
  it('pass/fail', () => {
    expect(suggestScore(byKey('D3'), 0)).toBe(1);
    expect(suggestScore(byKey('D3'), 2)).toBe(0);
    expect(suggestScore(PF('X', { metric: 'active_groups', passAtLeast: 2 }), 2)).toBe(1);
    expect(suggestScore(PF('X', { metric: 'active_groups', passAtLeast: 2 }), 1)).toBe(0);
  });
  it('null value: ifNoData decides; no evidence: no suggestion', () => {
    expect(suggestScore(byKey('D1'), null)).toBe(20);
    expect(suggestScore(byKey('D3'), null)).toBe(1);
    expect(suggestScore(byKey('B1'), null)).toBe(0);
    expect(suggestScore(byKey('A2'), null)).toBeNull();
    expect(suggestScore(byKey('E1'), 0)).toBeNull();
  });
});

describe('total and class (contract: classes in rank order, first whose conditions all hold)', () => {
  it('pass/fail adds nothing to the total', () => {
    expect(totalOf(CRITERIA, full())).toBe(100);
    expect(totalOf(CRITERIA, {})).toBe(0);
  });
  it('met = max points / pass', () => {
    expect(isMet(CRITERIA[0], 10)).toBe(true);
    expect(isMet(CRITERIA[0], 5)).toBe(false);
    expect(isMet(PF('E1'), 1)).toBe(true);
    expect(isMet(PF('E1'), null)).toBe(false);
  });
  it('all full → healthy', () => {
    expect(preview(DEF, full()).cls?.code).toBe('healthy');
  });
  it('D3 failed → not healthy even with 100 points', () => {
    expect(preview(DEF, { ...full(), D3: 0 }).cls?.code).toBe('basic');
  });
  it('k of n: 2 of E1–E4 → basic; 1 → focus', () => {
    expect(preview(DEF, { ...full(), E1: 0, E2: 0 }).cls?.code).toBe('basic');
    expect(preview(DEF, { ...full(), E1: 0, E2: 0, E3: 0 }).cls?.code).toBe('focus');
  });
  it('thresholds: 89 → basic, 69 → focus, 90 → healthy', () => {
    expect(preview(DEF, { ...full(), B2: 9 }).total).toBe(99);
    expect(preview(DEF, { ...full(), D1: 10 }).cls?.code).toBe('healthy'); // 90
    expect(preview(DEF, { ...full(), D1: 9 }).cls?.code).toBe('basic'); // 89
    expect(preview(DEF, { ...full(), D1: 0, B2: 1 }).cls?.code).toBe('basic'); // 71
    expect(preview(DEF, { ...full(), D1: 0, B2: 0, C1: 9 }).cls?.code).toBe('focus'); // 69
  });
  it('incomplete: a total but no class, the missing keys', () => {
    const p = preview(DEF, { ...full(), E4: null, A1: undefined });
    expect(p.complete).toBe(false);
    expect(p.cls).toBeNull();
    expect(p.missing).toEqual(['A1', 'E4']);
    expect(p.total).toBe(90);
  });
  it('classFor without conditions is the fallback', () => {
    expect(classFor(CLASSES, 0, () => false)?.code).toBe('focus');
  });
});

describe('words', () => {
  it('class rules', () => {
    expect(describeClass(CLASSES[1], 'vi')).toBe('tổng điểm từ 90 trở lên; đạt tiêu chí D3; đạt ít nhất 3/4 tiêu chí E1, E2, E3, E4');
    expect(describeClass(CLASSES[0], 'vi')).toBe('các trường hợp còn lại (không có điều kiện)');
    expect(describeClass(CLASSES[2], 'en')).toBe('total of 70 points or more; at least 2 of 4 criteria E1, E2, E3, E4 met');
    expect(describeClass({ ...CLASSES[1], minPoints: 1000 }, 'vi')).toContain('1.000');
  });
  it('evidence rules', () => {
    expect(describeEvidence(CRITERIA[2], 'vi')).toBe('15 điểm khi giá trị ≥ 4; 7 điểm khi ≥ 2; còn lại 0 điểm; không có dữ liệu: 0 điểm');
    expect(describeEvidence(CRITERIA[7], 'vi')).toBe('15 điểm khi giá trị ≤ 0; 7 điểm khi ≤ 1; còn lại 0 điểm; không có dữ liệu: đủ điểm');
    expect(describeEvidence(CRITERIA[8], 'en')).toBe('pass when the value is ≤ 0; otherwise fail; no data: pass');
    expect(describeEvidence(CRITERIA[9], 'vi')).toBe('không gợi ý tự động (chấm theo hồ sơ)');
  });
});

describe('scores and notes', () => {
  it('a note is required only when a suggestion exists and the score differs', () => {
    expect(noteRequired(15, 7, '')).toBe(true);
    expect(noteRequired(15, 7, '  ')).toBe(true);
    expect(noteRequired(15, 7, 'Có 3 buổi ngoài sổ')).toBe(false);
    expect(noteRequired(15, 15, '')).toBe(false);
    expect(noteRequired(null, 7, '')).toBe(false);
    expect(noteRequired(15, null, '')).toBe(false);
  });
  it('ranges', () => {
    expect(allowedScores(PF('E1'))).toEqual([1, 0]);
    expect(allowedScores({ ...CRITERIA[0], partial: false })).toEqual([10, 0]);
    expect(scoreInRange(CRITERIA[0], 10)).toBe(true);
    expect(scoreInRange(CRITERIA[0], 11)).toBe(false);
    expect(scoreInRange(CRITERIA[0], 2.5)).toBe(false);
    expect(scoreInRange({ ...CRITERIA[0], partial: false }, 5)).toBe(false);
  });
  it('source links', () => {
    expect(sourceLink({ kind: 'activity', id: 5 })).toBe('/activities/5/edit');
    expect(sourceLink({ kind: 'inspection', id: 7 })).toBe('/inspections/7');
    expect(sourceLink({ kind: 'unknown', id: 7 })).toBeNull();
  });
});

describe('issuesOf (422 errors per criterion or path)', () => {
  it('reads errors[] by criterionKey or path, else details[], else keys', () => {
    expect(issuesOf({ code: 'override_note_required', errors: [{ criterionKey: 'B1', code: 'override_note_required', message: 'Cần ghi chú', messageEn: 'Note' }] }))
      .toEqual([{ key: 'B1', code: 'override_note_required', message: 'Cần ghi chú', messageEn: 'Note' }]);
    expect(issuesOf({ code: 'invalid_criteria_set', errors: [{ path: 'criteria[2].maxPoints', message: 'x' }] })[0]).toMatchObject({ key: 'criteria[2].maxPoints', code: 'invalid_criteria_set' });
    expect(issuesOf({ code: 'incomplete_assessment', missing: ['E1', 'E2'] }).map((i) => i.key)).toEqual(['E1', 'E2']);
    expect(issuesOf({ code: 'incomplete_check', missing: ['D3'] })).toEqual([{ key: 'D3', code: 'incomplete_check', message: '', messageEn: '' }]);
    expect(issuesOf(null)).toEqual([]);
  });
});
