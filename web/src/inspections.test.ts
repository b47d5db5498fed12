import { describe, expect, it } from 'vitest';
import type { Inspection, LegalReference, Team } from './api/inspections';
import {
  coveragePercent,
  draftFromInspection,
  emptyDraft,
  fineOutOfRange,
  fineRange,
  fineTotal,
  finaliseProblems,
  legalCitation,
  matchesSearch,
  suggestedTopics,
  timeOf,
  toInspectionInput,
} from './inspections';

const team: Team = {
  id: 3,
  orgUnit: { code: '52', name: 'Gia Lai' } as Team['orgUnit'],
  name: 'Đội kiểm tra liên ngành',
  leadAgency: null,
  decisionRef: '',
  active: true,
  version: 1,
  agencies: [],
  members: [
    { id: 10, fullName: 'Lương Văn Kiên', position: 'Đội trưởng', agency: { id: 1, name: 'Công an tỉnh' }, isLead: true, active: true },
    { id: 11, fullName: 'Trần Thị Hoa', position: 'Thành viên', agency: null, isLead: false, active: true },
  ],
};

const ref = (over: Partial<LegalReference> = {}): LegalReference => ({
  id: 1, code: 'ND282-12-2a', instrument: 'Nghị định 282/2025/NĐ-CP', article: '12', clause: '2', point: 'a',
  topic: 'antt_no_responsible_person', titleVi: '', titleEn: '', fineMin: 2_000_000, fineMax: 5_000_000,
  validFrom: '2025-12-15', validTo: null, sourceNote: '', ...over,
});

describe('the request body from the field form', () => {
  it('maps the draft: times on the inspection day, members by id with names, unanswered items as na, trimmed texts', () => {
    const d = emptyDraft('2025-12-20', { businessId: 7, planId: 2, teamId: 3 });
    d.startTime = '09:15';
    d.endTime = '10:40';
    d.memberIds = [11];
    d.answers = { 100: { result: 'fail', note: ' no licence ' } };
    d.representativeName = '  Nguyễn Văn A ';
    d.violations = [
      { key: 'a', topic: 'antt_no_responsible_person', description: ' x ', fineAmount: 3_000_000, sanctionDecision: '' },
      { key: 'b', topic: '', description: 'left empty', fineAmount: null, sanctionDecision: '' },
    ];
    d.outreach = { informed: 5.7, healthChecked: -2, referred: 1 };
    const body = toInspectionInput(d, team, [100, 101]);
    expect(body.startedAt).toBe('2025-12-20T09:15');
    expect(body.endedAt).toBe('2025-12-20T10:40');
    expect(body.membersPresent).toEqual([{ memberId: 11, fullName: 'Trần Thị Hoa', position: 'Thành viên', agencyName: '' }]);
    expect(body.checklist).toEqual([
      { itemId: 100, result: 'fail', note: 'no licence' },
      { itemId: 101, result: 'na', note: '' },
    ]);
    expect(body.representativeName).toBe('Nguyễn Văn A');
    expect(body.violations).toEqual([{ topic: 'antt_no_responsible_person', description: 'x', fineAmount: 3_000_000, sanctionDecision: '' }]);
    expect(body.outreach).toEqual({ informed: 5, healthChecked: 0, referred: 1 });
    expect(body.version).toBeUndefined();
    expect(body.reinspectionDue).toBeNull();
  });

  it('sends refusal details only with a refused signature and suspension days only with a suspension', () => {
    const d = emptyDraft('2025-12-10', { businessId: 1, teamId: 3 });
    d.refusalReason = 'không đồng ý';
    d.refusalWitness = 'Tổ trưởng tổ dân phố';
    d.measures = { suspension: false, suspensionDays: 30, certWithdrawal: false, other: '' };
    let body = toInspectionInput(d, team, [], 4);
    expect(body.refusalReason).toBe('');
    expect(body.measures?.suspensionDays).toBeNull();
    expect(body.version).toBe(4);
    d.signature = 'refused';
    d.measures.suspension = true;
    body = toInspectionInput(d, team, []);
    expect(body.refusalReason).toBe('không đồng ý');
    expect(body.refusalWitness).toBe('Tổ trưởng tổ dân phố');
    expect(body.measures?.suspensionDays).toBe(30);
  });

  it('refuses a draft without business or team', () => {
    expect(() => toInspectionInput(emptyDraft('2025-12-10', { teamId: 1 }), team, [])).toThrow();
    expect(() => toInspectionInput(emptyDraft('2025-12-10', { businessId: 1 }), team, [])).toThrow();
  });

  it('reads a saved record back into the form', () => {
    const x = {
      id: 1, code: 'BB-1', plan: { id: 2, title: 'KH' }, team: { id: 3, name: 'Đội' },
      business: { id: 7, name: 'Karaoke', typeCode: 'karaoke', address: '' }, commune: { orgUnit: null, asOf: '2025-01-01' },
      inspectedOn: '2025-12-20', startedAt: '2025-12-20T08:30', endedAt: null, unannounced: true,
      representativeName: 'A', representativeRole: 'Chủ', membersPresent: [{ memberId: 10, fullName: 'x', position: '', agencyName: '' }, { memberId: null, fullName: 'khách', position: '', agencyName: '' }],
      checklist: { versionId: 1, version: 1, typeCode: null, items: [{ itemId: 5, itemKey: 'k', textVi: '', textEn: '', result: 'fail', note: 'n', topic: 't' }, { itemId: 6, itemKey: 'u', textVi: '', textEn: '', result: null, note: '', topic: null }] },
      findings: '', violations: [{ id: 1, topic: 't', legalReference: ref(), description: 'd', fineAmount: 1, sanctionDecision: '' }],
      fineTotal: 1, measures: { suspension: false, suspensionDays: null, certWithdrawal: false, other: '' },
      policeHandover: false, policeHandoverNote: '', signature: 'signed', refusalReason: '', refusalWitness: '',
      reinspectionDue: '2026-01-20', reinspectionOf: null, reinspectionOverdue: false,
      outreach: { informed: 1, healthChecked: 2, referred: 3 }, evidence: [], status: 'draft', finalisedAt: null,
      version: 2, createdAt: '', updatedAt: '',
    } satisfies Inspection;
    const d = draftFromInspection(x);
    expect(d.startTime).toBe('08:30');
    expect(d.memberIds).toEqual([10]);
    expect(d.answers[5]).toEqual({ result: 'fail', note: 'n' });
    expect(d.answers[6]).toBeUndefined();
    expect(d.violations.map((v) => v.topic)).toEqual(['t']);
    expect(d.reinspectionDue).toBe('2026-01-20');
  });
});

describe('field rules', () => {
  const items = [
    { id: 1, topic: 'antt_no_responsible_person' },
    { id: 2, topic: null },
    { id: 3, topic: 'harbouring_prostitution' },
    { id: 4, topic: 'antt_no_responsible_person' },
  ];
  it('a failed item with a topic suggests its violation until one is added', () => {
    const d = { answers: { 1: { result: 'fail' as const, note: '' }, 2: { result: 'fail' as const, note: '' }, 3: { result: 'pass' as const, note: '' }, 4: { result: 'fail' as const, note: '' } }, violations: [] };
    expect(suggestedTopics(items, d)).toEqual(['antt_no_responsible_person']);
    expect(suggestedTopics(items, { ...d, violations: [{ key: 'x', topic: 'antt_no_responsible_person', description: '', fineAmount: null, sanctionDecision: '' }] })).toEqual([]);
  });

  it('finalising needs a signature, or a refusal with reason and witness', () => {
    expect(finaliseProblems({ signature: 'signed', refusalReason: '', refusalWitness: '' })).toEqual([]);
    expect(finaliseProblems({ signature: 'pending', refusalReason: '', refusalWitness: '' })).toEqual(['signature_pending']);
    expect(finaliseProblems({ signature: 'refused', refusalReason: ' ', refusalWitness: '' })).toEqual(['refusal_reason', 'refusal_witness']);
    expect(finaliseProblems({ signature: 'refused', refusalReason: 'r', refusalWitness: 'w' })).toEqual([]);
  });

  it('cites the instrument and shows the fine range in Vietnamese numbers', () => {
    expect(legalCitation(ref(), 'vi')).toBe('Nghị định 282/2025/NĐ-CP, Điều 12, khoản 2, điểm a');
    expect(legalCitation(ref({ clause: '', point: '' }), 'en')).toBe('Nghị định 282/2025/NĐ-CP, Art. 12');
    expect(legalCitation(ref({ instrument: '144/2021/NĐ-CP' }), 'vi')).toBe('Nghị định 144/2021/NĐ-CP, Điều 12, khoản 2, điểm a');
    expect(legalCitation(ref({ instrument: '144/2021/NĐ-CP', article: '', clause: '', point: '' }), 'en')).toBe('Decree 144/2021/NĐ-CP');
    expect(fineRange(ref())).toBe('2.000.000 – 5.000.000 đ');
    expect(fineRange(ref({ fineMin: null, fineMax: null }))).toBe('');
    expect(fineTotal([{ fineAmount: 1_000_000 }, { fineAmount: null }, { fineAmount: 250_000 }])).toBe(1_250_000);
  });

  it('flags a fine below the minimum or above twice the maximum (organisations)', () => {
    expect(fineOutOfRange(1_000_000, ref())).toBe(true);
    expect(fineOutOfRange(10_000_000, ref())).toBe(false);
    expect(fineOutOfRange(10_000_001, ref())).toBe(true);
    expect(fineOutOfRange(null, ref())).toBe(false);
    expect(fineOutOfRange(5, null)).toBe(false);
  });

  it('coverage: the server figure, else inspected over in scope, one decimal', () => {
    expect(coveragePercent({ businessesInScope: 3, businessesInspected: 1, coveragePct: null, inspections: 1, unannounced: 0 })).toBe(33.3);
    expect(coveragePercent({ businessesInScope: 0, businessesInspected: 0, coveragePct: null, inspections: 0, unannounced: 0 })).toBe(0);
    expect(coveragePercent({ businessesInScope: 3, businessesInspected: 1, coveragePct: 33.333, inspections: 1, unannounced: 0 })).toBe(33.3);
  });

  it('search ignores case and diacritics; times are read from both timestamp shapes', () => {
    expect(matchesSearch('Karaoke Ngôi Sao', 'ngoi sao')).toBe(true);
    expect(matchesSearch('Nhà nghỉ Đồng Xanh', 'dong xanh')).toBe(true);
    expect(matchesSearch('Bar Đêm Trắng', 'sao')).toBe(false);
    expect(timeOf('2025-12-20 07:05:00')).toBe('07:05');
    expect(timeOf(null)).toBe('');
  });
});
