// Pure helpers of the classification screens (issue 18, docs/api-classification.md): the
// suggested score of an evidence rule, the running total and the class it gives (a preview: the
// server computes the same with domain/classification.hpp and is the authority), class rules and
// evidence rules in words, the note an override needs, and where an evidence source opens.
import type { ClassRule, Criterion, EvidenceRule, EvidenceSource } from './api/classification';
import { formatNumber } from './format';
import type { Lang } from './i18n';

export type Scores = Record<string, number | null | undefined>;

/** ⌊maxPoints/2⌋: the partial score of a points criterion. */
export const halfOf = (maxPoints: number): number => Math.floor(maxPoints / 2);

/** The score the evidence rule suggests for the metric value v; null = no suggestion. */
export function suggestScore(c: Pick<Criterion, 'kind' | 'maxPoints' | 'partial' | 'evidence'>, v: number | null | undefined): number | null {
  const e = c.evidence;
  if (!e) return null;
  const max = c.maxPoints ?? 0;
  if (v === null || v === undefined) {
    switch (e.ifNoData ?? 'none') {
      case 'full':
      case 'pass':
        return c.kind === 'points' ? max : 1;
      case 'zero':
      case 'fail':
        return 0;
      default:
        return null;
    }
  }
  if (c.kind === 'pass_fail') {
    if (e.passAtMost != null) return v <= e.passAtMost ? 1 : 0;
    if (e.passAtLeast != null) return v >= e.passAtLeast ? 1 : 0;
    return null;
  }
  if (e.fullAt != null) {
    if (v >= e.fullAt) return max;
    if (c.partial && e.partialAt != null && v >= e.partialAt) return halfOf(max);
    return 0;
  }
  if (e.fullAtMost != null) {
    if (v <= e.fullAtMost) return max;
    if (c.partial && e.partialAtMost != null && v <= e.partialAtMost) return halfOf(max);
    return 0;
  }
  return null;
}

/** A criterion is met when a points score equals its maximum, a pass/fail score is 1. */
export function isMet(c: Pick<Criterion, 'kind' | 'maxPoints'>, score: number | null | undefined): boolean {
  if (score === null || score === undefined) return false;
  return c.kind === 'points' ? score === (c.maxPoints ?? 0) : score === 1;
}

/** Sum of the points criteria's scores (pass/fail adds nothing; an empty score counts 0). */
export function totalOf(criteria: Pick<Criterion, 'key' | 'kind'>[], scores: Scores): number {
  return criteria.reduce((s, c) => s + (c.kind === 'points' ? scores[c.key] ?? 0 : 0), 0);
}

/** Does the class's every condition hold? */
export function classHolds(cls: ClassRule, total: number, met: (key: string) => boolean): boolean {
  if (cls.minPoints != null && total < cls.minPoints) return false;
  if ((cls.mustPass ?? []).some((k) => !met(k))) return false;
  return (cls.kOfN ?? []).every((r) => r.criteria.filter(met).length >= r.k);
}

/** The first class in rank order whose conditions hold (null when none does: an invalid set). */
export function classFor(classes: ClassRule[], total: number, met: (key: string) => boolean): ClassRule | null {
  return [...classes].sort((a, b) => a.rank - b.rank).find((c) => classHolds(c, total, met)) ?? null;
}

export interface Preview {
  total: number;
  /** Every criterion has a score. */
  complete: boolean;
  /** The class the scores give when complete; null while incomplete. */
  cls: ClassRule | null;
  missing: string[];
}

/** The running total and, once every criterion is scored, the class (as the server derives it). */
export function preview(def: { criteria: Pick<Criterion, 'key' | 'kind' | 'maxPoints'>[]; classes: ClassRule[] }, scores: Scores): Preview {
  const total = totalOf(def.criteria, scores);
  const missing = def.criteria.filter((c) => scores[c.key] === null || scores[c.key] === undefined).map((c) => c.key);
  const byKey = new Map(def.criteria.map((c) => [c.key, c]));
  const met = (k: string) => {
    const c = byKey.get(k);
    return !!c && isMet(c, scores[k]);
  };
  const complete = missing.length === 0;
  return { total, complete, missing, cls: complete ? classFor(def.classes, total, met) : null };
}

/** A score differing from an existing suggestion needs a note (the server answers 422 otherwise). */
export function noteRequired(suggested: number | null, score: number | null | undefined, note: string): boolean {
  return suggested !== null && score !== null && score !== undefined && score !== suggested && note.trim() === '';
}

const W = {
  vi: {
    minPoints: (n: string) => `tổng điểm từ ${n} trở lên`,
    mustPass: (keys: string) => `đạt tiêu chí ${keys}`,
    kOfN: (k: number, n: number, keys: string) => `đạt ít nhất ${k}/${n} tiêu chí ${keys}`,
    fallback: 'các trường hợp còn lại (không có điều kiện)',
    and: '; ',
    full: (op: string, n: string, p: number) => `${p} điểm khi giá trị ${op} ${n}`,
    partial: (op: string, n: string, p: number) => `${p} điểm khi ${op} ${n}`,
    pass: (op: string, n: string) => `đạt khi giá trị ${op} ${n}`,
    else0: 'còn lại 0 điểm',
    elseFail: 'còn lại không đạt',
    noData: { full: 'không có dữ liệu: đủ điểm', pass: 'không có dữ liệu: đạt', zero: 'không có dữ liệu: 0 điểm', fail: 'không có dữ liệu: không đạt', none: 'không có dữ liệu: không gợi ý' },
    manual: 'không gợi ý tự động (chấm theo hồ sơ)',
  },
  en: {
    minPoints: (n: string) => `total of ${n} points or more`,
    mustPass: (keys: string) => `criterion ${keys} met`,
    kOfN: (k: number, n: number, keys: string) => `at least ${k} of ${n} criteria ${keys} met`,
    fallback: 'all other cases (no condition)',
    and: '; ',
    full: (op: string, n: string, p: number) => `${p} points when the value is ${op} ${n}`,
    partial: (op: string, n: string, p: number) => `${p} points when ${op} ${n}`,
    pass: (op: string, n: string) => `pass when the value is ${op} ${n}`,
    else0: 'otherwise 0',
    elseFail: 'otherwise fail',
    noData: { full: 'no data: full points', pass: 'no data: pass', zero: 'no data: 0 points', fail: 'no data: fail', none: 'no data: no suggestion' },
    manual: 'no automatic suggestion (scored from the records)',
  },
};

/** A class's conditions in words ("tổng điểm từ 90 trở lên; đạt tiêu chí D3; đạt ít nhất 3/4 tiêu chí E1, E2, E3, E4"). */
export function describeClass(cls: ClassRule, lang: Lang): string {
  const w = W[lang];
  const parts: string[] = [];
  if (cls.minPoints != null) parts.push(w.minPoints(formatNumber(cls.minPoints)));
  const must = cls.mustPass ?? [];
  if (must.length) parts.push(w.mustPass(must.join(', ')));
  for (const r of cls.kOfN ?? []) parts.push(w.kOfN(r.k, r.criteria.length, r.criteria.join(', ')));
  return parts.length ? parts.join(w.and) : w.fallback;
}

/** An evidence rule in words ("15 điểm khi giá trị ≥ 4; 7 điểm khi ≥ 2; còn lại 0 điểm; không có dữ liệu: 0 điểm"). */
export function describeEvidence(c: Pick<Criterion, 'kind' | 'maxPoints' | 'partial' | 'evidence'>, lang: Lang): string {
  const w = W[lang];
  const e: EvidenceRule | null | undefined = c.evidence;
  if (!e) return w.manual;
  const n = (x: number) => formatNumber(x);
  const max = c.maxPoints ?? 0;
  const parts: string[] = [];
  if (c.kind === 'pass_fail') {
    if (e.passAtMost != null) parts.push(w.pass('≤', n(e.passAtMost)), w.elseFail);
    else if (e.passAtLeast != null) parts.push(w.pass('≥', n(e.passAtLeast)), w.elseFail);
  } else if (e.fullAt != null) {
    parts.push(w.full('≥', n(e.fullAt), max));
    if (c.partial && e.partialAt != null) parts.push(w.partial('≥', n(e.partialAt), halfOf(max)));
    parts.push(w.else0);
  } else if (e.fullAtMost != null) {
    parts.push(w.full('≤', n(e.fullAtMost), max));
    if (c.partial && e.partialAtMost != null) parts.push(w.partial('≤', n(e.partialAtMost), halfOf(max)));
    parts.push(w.else0);
  }
  parts.push(w.noData[e.ifNoData ?? 'none']);
  return parts.join('; ');
}

/** Where an evidence source opens in the app; null when it has no page of its own. */
export function sourceLink(s: Pick<EvidenceSource, 'kind' | 'id'>): string | null {
  switch (s.kind) {
    case 'activity':
      return `/activities/${s.id}/edit`;
    case 'inspection':
      return `/inspections/${s.id}`;
    case 'plan':
      return `/plans/${s.id}`;
    case 'group':
      return `/case-groups/${s.id}`;
    case 'report':
      return '/reports';
    default:
      return null;
  }
}

/** The scores a criterion may take: 0..max (only 0 or max without partial points), pass/fail 1/0. */
export function allowedScores(c: Pick<Criterion, 'kind' | 'maxPoints' | 'partial'>): number[] | null {
  if (c.kind === 'pass_fail') return [1, 0];
  if (c.partial === false) return [c.maxPoints ?? 0, 0];
  return null;
}

/** Is the score within the criterion's range? */
export function scoreInRange(c: Pick<Criterion, 'kind' | 'maxPoints' | 'partial'>, s: number): boolean {
  if (!Number.isInteger(s)) return false;
  const allowed = allowedScores(c);
  if (allowed) return allowed.includes(s);
  return s >= 0 && s <= (c.maxPoints ?? 0);
}

/** One fault of a 422 answer: where (a criterion key or a definition path) and why. */
export interface Issue {
  key: string;
  code: string;
  message: string;
  messageEn: string;
}

/**
 * The per-item / per-path faults of a classification error: `errors[]` of the error object
 * (`criterionKey` or `path`), else `details[]` (`field`), else the keys `missing` of
 * `incomplete_assessment` / `incomplete_check`.
 */
export function issuesOf(raw: Record<string, unknown> | null | undefined): Issue[] {
  if (!raw) return [];
  const s = (v: unknown) => (typeof v === 'string' ? v : '');
  const list = Array.isArray(raw.errors) ? raw.errors : Array.isArray(raw.details) ? raw.details : [];
  const out = list
    .filter((x): x is Record<string, unknown> => !!x && typeof x === 'object')
    .map((x) => ({
      key: s(x.criterionKey) || s(x.path) || s(x.field),
      code: s(x.code) || s(raw.code),
      message: s(x.message),
      messageEn: s(x.messageEn),
    }));
  const keys = Array.isArray(raw.missing) ? raw.missing : Array.isArray(raw.keys) ? raw.keys : null;
  if (out.length === 0 && keys) {
    return keys.filter((k): k is string => typeof k === 'string').map((k) => ({ key: k, code: s(raw.code), message: '', messageEn: '' }));
  }
  return out;
}
