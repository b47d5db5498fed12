// The inspection record form's pure rules (docs/api-inspections.md): the draft the phone form
// edits, its mapping to the request body and back, the violations a failed checklist item
// suggests, what finalising needs, and the labels of a legal reference and a plan's progress.
// No I/O: the page calls the API, these decide.
import type {
  CheckResult,
  Inspection,
  InspectionInput,
  LegalReference,
  Measures,
  Outreach,
  PlanProgress,
  Signature,
  Team,
} from './api/inspections';
import { formatDate, formatNumber } from './format';
import { fold } from './reports';

export interface ViolationDraft {
  /** A local key for the list (React), not sent. */
  key: string;
  topic: string;
  description: string;
  fineAmount: number | null;
  sanctionDecision: string;
}

export interface InspectionDraft {
  businessId: number | null;
  planId: number | null;
  teamId: number | null;
  inspectedOn: string;
  /** "HH:MM" on inspectedOn. */
  startTime: string;
  endTime: string;
  unannounced: boolean;
  representativeName: string;
  representativeRole: string;
  /** Ids of the team's members present. */
  memberIds: number[];
  /** Answers by checklist item id; an item not answered is sent as "na". */
  answers: Record<number, { result: CheckResult; note: string }>;
  findings: string;
  violations: ViolationDraft[];
  measures: Measures;
  policeHandover: boolean;
  policeHandoverNote: string;
  signature: Signature;
  refusalReason: string;
  refusalWitness: string;
  reinspectionDue: string | null;
  /** The record this one re-inspects (from the due list). */
  reinspectionOf: number | null;
  outreach: Outreach;
}

export function emptyDraft(today: string, init: { businessId?: number | null; planId?: number | null; teamId?: number | null; reinspectionOf?: number | null } = {}): InspectionDraft {
  return {
    businessId: init.businessId ?? null,
    planId: init.planId ?? null,
    teamId: init.teamId ?? null,
    inspectedOn: today,
    startTime: '08:00',
    endTime: '',
    unannounced: false,
    representativeName: '',
    representativeRole: '',
    memberIds: [],
    answers: {},
    findings: '',
    violations: [],
    measures: { suspension: false, suspensionDays: null, certWithdrawal: false, other: '' },
    policeHandover: false,
    policeHandoverNote: '',
    signature: 'pending',
    refusalReason: '',
    refusalWitness: '',
    reinspectionDue: null,
    reinspectionOf: init.reinspectionOf ?? null,
    outreach: { informed: 0, healthChecked: 0, referred: 0 },
  };
}

let keySeq = 0;
export const newViolationKey = (): string => `v${++keySeq}`;

/** The draft of a saved record (editing a draft, or showing a final one). */
export function draftFromInspection(x: Inspection): InspectionDraft {
  const answers: InspectionDraft['answers'] = {};
  for (const a of x.checklist?.items ?? []) if (a.result) answers[a.itemId] = { result: a.result, note: a.note ?? '' };
  return {
    businessId: x.business.id,
    planId: x.plan?.id ?? null,
    teamId: x.team.id,
    inspectedOn: x.inspectedOn,
    startTime: timeOf(x.startedAt),
    endTime: x.endedAt ? timeOf(x.endedAt) : '',
    unannounced: x.unannounced,
    representativeName: x.representativeName ?? '',
    representativeRole: x.representativeRole ?? '',
    memberIds: x.membersPresent.flatMap((m) => (m.memberId === null ? [] : [m.memberId])),
    answers,
    findings: x.findings ?? '',
    violations: x.violations.map((v) => ({
      key: newViolationKey(),
      topic: v.topic,
      description: v.description ?? '',
      fineAmount: v.fineAmount,
      sanctionDecision: v.sanctionDecision ?? '',
    })),
    measures: { ...x.measures, other: x.measures.other ?? '' },
    policeHandover: x.policeHandover,
    policeHandoverNote: x.policeHandoverNote ?? '',
    signature: x.signature,
    refusalReason: x.refusalReason ?? '',
    refusalWitness: x.refusalWitness ?? '',
    reinspectionDue: x.reinspectionDue,
    reinspectionOf: x.reinspectionOf,
    outreach: { ...x.outreach },
  };
}

/** "2025-12-20T08:30" or "2025-12-20 08:30:00" → "08:30"; '' when there is no time. */
export function timeOf(ts: string | null | undefined): string {
  const m = /[T ](\d{2}:\d{2})/.exec(ts ?? '');
  return m ? m[1] : '';
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * The request body from the draft. Texts are trimmed; the members present are the chosen team
 * members with their names as the record keeps them; a checklist item left unanswered is "na";
 * refusal details are sent only with a refused signature; suspension days only with a suspension.
 */
export function toInspectionInput(d: InspectionDraft, team: Team | null | undefined, checklistItemIds: number[], version?: number): InspectionInput {
  if (d.businessId === null) throw new Error('businessId');
  if (d.teamId === null) throw new Error('teamId');
  const members = (team?.members ?? []).filter((m) => d.memberIds.includes(m.id));
  const refused = d.signature === 'refused';
  const body: InspectionInput = {
    businessId: d.businessId,
    planId: d.planId,
    teamId: d.teamId,
    inspectedOn: d.inspectedOn,
    startedAt: `${d.inspectedOn}T${TIME.test(d.startTime) ? d.startTime : '00:00'}`,
    endedAt: TIME.test(d.endTime) ? `${d.inspectedOn}T${d.endTime}` : null,
    unannounced: d.unannounced,
    representativeName: d.representativeName.trim(),
    representativeRole: d.representativeRole.trim(),
    membersPresent: members.map((m) => ({ memberId: m.id, fullName: m.fullName, position: m.position, agencyName: m.agency?.name ?? '' })),
    checklist: checklistItemIds.map((itemId) => ({
      itemId,
      result: d.answers[itemId]?.result ?? 'na',
      note: (d.answers[itemId]?.note ?? '').trim(),
    })),
    findings: d.findings.trim(),
    violations: d.violations
      .filter((v) => v.topic)
      .map((v) => ({
        topic: v.topic,
        description: v.description.trim(),
        fineAmount: v.fineAmount ?? 0,
        sanctionDecision: v.sanctionDecision.trim(),
      })),
    measures: {
      suspension: d.measures.suspension,
      suspensionDays: d.measures.suspension ? d.measures.suspensionDays : null,
      certWithdrawal: d.measures.certWithdrawal,
      other: d.measures.other.trim(),
    },
    policeHandover: d.policeHandover,
    policeHandoverNote: d.policeHandover ? d.policeHandoverNote.trim() : '',
    signature: d.signature,
    refusalReason: refused ? d.refusalReason.trim() : '',
    refusalWitness: refused ? d.refusalWitness.trim() : '',
    reinspectionDue: d.reinspectionDue || null,
    reinspectionOf: d.reinspectionOf,
    outreach: {
      informed: Math.max(0, Math.trunc(d.outreach.informed || 0)),
      healthChecked: Math.max(0, Math.trunc(d.outreach.healthChecked || 0)),
      referred: Math.max(0, Math.trunc(d.outreach.referred || 0)),
    },
  };
  if (version !== undefined) body.version = version;
  return body;
}

/**
 * The topics a failed checklist item suggests recording as a violation: failed items with a
 * topic that no violation of the draft has yet, each topic once, in checklist order.
 */
export function suggestedTopics(items: { id: number; topic: string | null }[], d: Pick<InspectionDraft, 'answers' | 'violations'>): string[] {
  const have = new Set(d.violations.map((v) => v.topic));
  const out: string[] = [];
  for (const it of items) {
    if (!it.topic || d.answers[it.id]?.result !== 'fail') continue;
    if (have.has(it.topic) || out.includes(it.topic)) continue;
    out.push(it.topic);
  }
  return out;
}

export type FinaliseProblem = 'signature_pending' | 'refusal_reason' | 'refusal_witness';

/** What keeps the draft from being finalised (the server's rule): [] when it may be. */
export function finaliseProblems(d: Pick<InspectionDraft, 'signature' | 'refusalReason' | 'refusalWitness'>): FinaliseProblem[] {
  if (d.signature === 'signed') return [];
  if (d.signature === 'pending') return ['signature_pending'];
  const out: FinaliseProblem[] = [];
  if (!d.refusalReason.trim()) out.push('refusal_reason');
  if (!d.refusalWitness.trim()) out.push('refusal_witness');
  return out;
}

/** Sum of the violations' fines (null counts 0). */
export function fineTotal(vs: { fineAmount: number | null }[]): number {
  return vs.reduce((s, v) => s + (v.fineAmount ?? 0), 0);
}

/** "Nghị định 282/2025/NĐ-CP, Điều 12, khoản 2, điểm a" — the instrument and its place. */
export function legalCitation(r: LegalReference, lang: 'vi' | 'en'): string {
  // "282/2025/NĐ-CP" is a decree by its number: name it ("Nghị định 282/2025/NĐ-CP").
  const decree = /^\d+\/\d{4}\/NĐ-CP$/.test(r.instrument.trim());
  const parts = [decree ? `${lang === 'vi' ? 'Nghị định' : 'Decree'} ${r.instrument.trim()}` : r.instrument];
  if (r.article) parts.push(`${lang === 'vi' ? 'Điều' : 'Art.'} ${r.article}`);
  if (r.clause) parts.push(`${lang === 'vi' ? 'khoản' : 'cl.'} ${r.clause}`);
  if (r.point) parts.push(`${lang === 'vi' ? 'điểm' : 'pt.'} ${r.point}`);
  return parts.join(', ');
}

/** "2.000.000 – 5.000.000 đ"; one end open shows "—"; none → ''. */
export function fineRange(r: Pick<LegalReference, 'fineMin' | 'fineMax'>): string {
  if (r.fineMin === null && r.fineMax === null) return '';
  return `${formatNumber(r.fineMin)} – ${formatNumber(r.fineMax)} đ`;
}

/**
 * Whether a fine is outside the reference's range (advisory: up to twice the maximum for an
 * organisation is allowed, so only above 2 × max or below min is flagged).
 */
export function fineOutOfRange(amount: number | null, r: Pick<LegalReference, 'fineMin' | 'fineMax'> | null | undefined): boolean {
  if (amount === null || !r) return false;
  if (r.fineMin !== null && amount < r.fineMin) return true;
  if (r.fineMax !== null && amount > r.fineMax * 2) return true;
  return false;
}

/** Validity as "20/12/2025 – —". */
export const validityText = (r: Pick<LegalReference, 'validFrom' | 'validTo'>): string => `${formatDate(r.validFrom)} – ${formatDate(r.validTo)}`;

/** Coverage shown on the plan: the server's percentage, else computed, rounded to one decimal. */
export function coveragePercent(p: PlanProgress): number {
  if (p.coveragePct !== null && p.coveragePct !== undefined) return Math.round(p.coveragePct * 10) / 10;
  if (p.businessesInScope <= 0) return 0;
  return Math.round((p.businessesInspected / p.businessesInScope) * 1000) / 10;
}

/** Whether a text matches a search ignoring case and Vietnamese diacritics ("ngoi sao" ~ "Ngôi Sao"). */
export function matchesSearch(text: string, search: string): boolean {
  const s = fold(search.trim());
  return s === '' || fold(text).includes(s);
}
