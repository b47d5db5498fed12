import { describe, expect, it } from 'vitest';
import {
  activityQuery,
  canCommit,
  cellText,
  clearDraft,
  countProblem,
  dateProblems,
  draftDefaults,
  draftFromActivity,
  draftFromRecent,
  draftKey,
  exportUrl,
  formFieldOf,
  importPercent,
  isActivityPreview,
  isBlankReach,
  isImportBusy,
  loadDraft,
  nearestField,
  parseDraft,
  parseFieldPath,
  periodText,
  previewColumns,
  reachFieldProblem,
  reachRowProblems,
  reachedTotal,
  sameDraft,
  saveDraft,
  serializeDraft,
  surveyPeriod,
  surveyProblems,
  toInput,
  validateActivity,
  type ActivityDraft,
  type KeyValueStore,
} from './activities';
import type { Activity } from './api/types';

const TODAY = '2026-11-24';
const ME = { orgUnit: { code: '21583' }, agency: { id: 7 } };

function draft(over: Partial<ActivityDraft> = {}): ActivityDraft {
  return {
    ...draftDefaults(ME, TODAY),
    title: 'Tuyên truyền phòng, chống mại dâm tại tổ dân phố 3',
    interventionTypeCode: 'community_sessions',
    reach: [{ targetGroup: 'students', total: 40, female: 25, male: 15 }],
    ...over,
  };
}

const codes = (ps: { field: string; code: string }[]) => ps.map((p) => `${p.field}:${p.code}`);

describe('people reached', () => {
  it('female + male must equal the total when both are given', () => {
    expect(reachRowProblems({ targetGroup: 'students', total: 40, female: 25, male: 15 }, 'reach[0]')).toEqual([]);
    const p = reachRowProblems({ targetGroup: 'students', total: 20, female: 12, male: 5 }, 'reach[0]');
    expect(codes(p)).toEqual(['reach[0].female:sumMismatch']);
    expect(p[0].params).toEqual({ female: 12, male: 5, sum: 17, total: 20 });
  });
  it('one of female or male alone must not exceed the total', () => {
    expect(reachRowProblems({ targetGroup: 'students', total: 20, female: 12 }, 'reach[1]')).toEqual([]);
    expect(codes(reachRowProblems({ targetGroup: 'students', total: 20, male: 21 }, 'reach[1]'))).toEqual(['reach[1].male:overTotal']);
    expect(codes(reachRowProblems({ targetGroup: 'students', total: 20, female: 21, male: null }, 'reach[1]'))).toEqual([
      'reach[1].female:overTotal',
    ]);
  });
  it('refuses negative, fractional and huge counts field by field', () => {
    expect(codes(reachRowProblems({ targetGroup: 'x', total: 10, female: -1, male: 11 }, 'reach[1]'))).toEqual(['reach[1].female:negative']);
    expect(codes(reachRowProblems({ targetGroup: 'x', total: 2.5 }, 'reach[0]'))).toEqual(['reach[0].total:notInteger']);
    expect(countProblem(1e12)).toBeNull();
    expect(countProblem(1e12 + 1)).toBe('tooLarge');
    expect(countProblem(0)).toBeNull();
    expect(countProblem(null)).toBeNull();
    expect(countProblem(Infinity)).toBe('notInteger');
  });
  it('requires the target group and the total of a started row, and skips blank rows', () => {
    expect(codes(reachRowProblems({ female: 3 }, 'reach[0]'))).toEqual(['reach[0].targetGroup:required', 'reach[0].total:required']);
    expect(isBlankReach({})).toBe(true);
    expect(isBlankReach({ targetGroup: null, total: null, ages: { '18_24': null } })).toBe(true);
    expect(isBlankReach({ total: 0 })).toBe(false);
  });
  it('the age bands sum to the total when any is given', () => {
    expect(reachRowProblems({ targetGroup: 'x', total: 30, ages: { '18_24': 10, '25_34': 20, '35_49': null } }, 'reach[0]')).toEqual([]);
    const p = reachRowProblems({ targetGroup: 'x', total: 30, ages: { '18_24': 10 } }, 'reach[0]');
    expect(codes(p)).toEqual(['reach[0].ages:agesMismatch']);
    expect(p[0].params).toEqual({ sum: 10, total: 30 });
    expect(codes(reachRowProblems({ targetGroup: 'x', total: 30, ages: { '18_24': -1 } }, 'reach[0]'))).toEqual(['reach[0].ages:negative']);
  });
  it('answers per field for the form rules', () => {
    const row = { targetGroup: 'x', total: 20, female: 12, male: 5 };
    expect(reachFieldProblem(row, 'female')?.code).toBe('sumMismatch');
    expect(reachFieldProblem(row, 'total')).toBeNull();
    expect(reachFieldProblem({}, 'total')).toBeNull();
    expect(reachFieldProblem(undefined, 'targetGroup')).toBeNull();
  });
  it('sums the totals', () => {
    expect(reachedTotal([{ total: 3 }, {}, { total: 4 }])).toBe(7);
  });
});

describe('the whole activity', () => {
  it('accepts a complete quick entry', () => {
    expect(validateActivity(draft(), TODAY)).toEqual([]);
  });
  it('names every missing required field', () => {
    const d = { ...draftDefaults(null, TODAY) };
    expect(codes(validateActivity(d, TODAY))).toEqual([
      'title:required',
      'interventionTypeCode:required',
      'orgUnitCode:required',
      'leadAgencyId:required',
    ]);
  });
  it('checks dates: end not before start, none in the future or before 2000', () => {
    expect(codes(dateProblems('2026-11-20', '2026-11-19', TODAY))).toEqual(['endDate:endBeforeStart']);
    expect(codes(dateProblems('2026-11-24', '2026-11-25', TODAY))).toEqual(['endDate:future']);
    expect(codes(dateProblems('1999-12-31', '2026-01-01', TODAY))).toEqual(['startDate:tooEarly']);
    expect(codes(dateProblems(null, '2026-01-01', TODAY))).toEqual(['startDate:required']);
    expect(dateProblems('2026-11-24', '2026-11-24', TODAY)).toEqual([]);
  });
  it('refuses a title over 255 characters, counting letters not bytes', () => {
    expect(validateActivity(draft({ title: 'ệ'.repeat(255) }), TODAY)).toEqual([]);
    expect(codes(validateActivity(draft({ title: 'a'.repeat(256) }), TODAY))).toEqual(['title:tooLong']);
    expect(codes(validateActivity(draft({ title: '   ' }), TODAY))).toEqual(['title:required']);
  });
  it('refuses a target group, output kind or funding source twice', () => {
    const d = draft({
      reach: [{ targetGroup: 'students', total: 1 }, {}, { targetGroup: 'students', total: 2 }],
      outputs: [{ kind: 'sessions', quantity: 2 }, { kind: 'sessions', quantity: 1 }],
      costs: [{ fundingSource: 'commune_budget', amount: 100 }, { fundingSource: 'commune_budget', amount: -5 }],
    });
    expect(codes(validateActivity(d, TODAY))).toEqual([
      'reach[2].targetGroup:duplicate',
      'outputs[1].kind:duplicate',
      'costs[1].amount:negative',
      'costs[1].fundingSource:duplicate',
    ]);
  });
  it('requires both halves of a started output or cost row', () => {
    const d = draft({ outputs: [{ kind: 'sessions' }, {}], costs: [{ amount: 5 }] });
    expect(codes(validateActivity(d, TODAY))).toEqual(['outputs[0].quantity:required', 'costs[0].fundingSource:required']);
  });
});

describe('request body and server fields', () => {
  it('leaves blank rows and empty optional counts out of the body and remembers the rows', () => {
    const d = draft({
      reach: [{}, { targetGroup: 'students', total: 10, female: 4, male: null, ages: { '18_24': 10, '25_34': null } }],
      outputs: [{}, { kind: 'sessions', quantity: 2 }],
      costs: [{ fundingSource: 'commune_budget', amount: 1_500_000 }],
      planActivityId: '',
      note: '',
    } as Partial<ActivityDraft>);
    const { input, rows } = toInput(d);
    expect(input.reach).toEqual([{ targetGroup: 'students', total: 10, female: 4, ages: { '18_24': 10 } }]);
    expect(input.outputs).toEqual([{ kind: 'sessions', quantity: 2 }]);
    expect(input.costs).toEqual([{ fundingSource: 'commune_budget', amount: 1_500_000 }]);
    expect(input.planActivityId).toBeNull();
    expect(input.orgUnitCode).toBe('21583');
    expect(input.leadAgencyId).toBe(7);
    expect(rows).toEqual({ reach: [1], outputs: [1], costs: [0] });
    expect(input).not.toHaveProperty('planId');
  });
  it('maps server field names to form fields, through the row map', () => {
    expect(parseFieldPath('reach[1].female')).toEqual(['reach', 1, 'female']);
    expect(parseFieldPath('reach.1.ages.18_24')).toEqual(['reach', 1, 'ages', '18_24']);
    expect(parseFieldPath('startDate')).toEqual(['startDate']);
    const rows = { reach: [1, 3], outputs: [0], costs: [2] };
    expect(formFieldOf('reach[1].female', rows)).toEqual(['reach', 3, 'female']);
    expect(formFieldOf('costs[0].amount', rows)).toEqual(['costs', 2, 'amount']);
    expect(formFieldOf('reach[5].total', rows)).toEqual(['reach', 5, 'total']);
    expect(formFieldOf('reach[0].ages', undefined)).toEqual(['reach', 0, 'ages']);
    const known = new Set(['reach.3.ages', 'partnerAgencyIds', 'title']);
    expect(nearestField(['reach', 3, 'ages', '18_24'], known)).toEqual(['reach', 3, 'ages']);
    expect(nearestField(['partnerAgencyIds', 1], known)).toEqual(['partnerAgencyIds']);
    expect(nearestField(['key'], known)).toBeNull();
  });
});

describe('drafts', () => {
  it('round-trip through their stored text', () => {
    const d = draft({ outputs: [{ kind: 'sessions', quantity: 2 }], partnerAgencyIds: [3, '4'] });
    const text = serializeDraft(d, new Date('2026-11-24T03:04:05Z'), 5);
    const back = parseDraft(text);
    expect(back?.savedAt).toBe('2026-11-24T03:04:05.000Z');
    expect(back?.baseVersion).toBe(5);
    expect(back?.values).toEqual({
      ...d,
      reach: [{ targetGroup: 'students', total: 40, female: 25, male: 15, ages: null }],
    });
  });
  it('ignore text that is not a draft', () => {
    expect(parseDraft(null)).toBeNull();
    expect(parseDraft('')).toBeNull();
    expect(parseDraft('{not json')).toBeNull();
    expect(parseDraft('[]')).toBeNull();
    expect(parseDraft(JSON.stringify({ v: 99, values: {} }))).toBeNull();
  });
  it('clean up odd values instead of failing', () => {
    const back = parseDraft(
      JSON.stringify({
        v: 1,
        values: { title: 5, reach: [null, { total: '3', female: 2 }, 'x'], startDate: '24/11/2026', partnerAgencyIds: [1, null, {}] },
      }),
    );
    expect(back?.values.title).toBe('');
    expect(back?.values.reach).toEqual([{ targetGroup: null, total: null, female: 2, male: null, ages: null }]);
    expect(back?.values.startDate).toBeNull();
    expect(back?.values.partnerAgencyIds).toEqual([1]);
    expect(back?.baseVersion).toBeNull();
  });
  it('are kept per user and activity, restored and cleared', () => {
    const m = new Map<string, string>();
    const store: KeyValueStore = {
      getItem: (k) => m.get(k) ?? null,
      setItem: (k, v) => void m.set(k, v),
      removeItem: (k) => void m.delete(k),
    };
    const key = draftKey('xa.gialai');
    expect(key).toBe('longghep.activityDraft.xa.gialai.new');
    expect(draftKey('xa.gialai', 12)).toBe('longghep.activityDraft.xa.gialai.12');
    expect(loadDraft(store, key)).toBeNull();
    expect(saveDraft(store, key, draft(), new Date())).toBe(true);
    expect(loadDraft(store, key)?.values.title).toBe(draft().title);
    clearDraft(store, key);
    expect(loadDraft(store, key)).toBeNull();
    const full: KeyValueStore = { ...store, setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(saveDraft(full, key, draft(), new Date())).toBe(false);
    expect(saveDraft(null, key, draft(), new Date())).toBe(false);
  });
  it('treat an untouched form as no draft', () => {
    const a = draftDefaults(ME, TODAY);
    expect(sameDraft(a, { ...a, reach: [], note: '' })).toBe(true);
    expect(sameDraft(a, { ...a, title: 'x' })).toBe(false);
  });
});

describe('copy and edit', () => {
  it('a copy of a previous activity is dated today and keeps the plan link only within its year', () => {
    const recent = {
      id: 5,
      orgUnit: { id: 1, code: '21583', name: 'Ia Grai', kind: 'commune', validFrom: null, validTo: null },
      leadAgency: { id: 7, name: 'Công an xã', shortName: null },
      title: 'Sinh hoạt câu lạc bộ',
      interventionTypeCode: 'clubs_peer_groups',
      orgUnitCode: '21583',
      leadAgencyId: 7,
      partnerAgencyIds: [9],
      programmeIds: [],
      planActivityId: 44,
      startDate: '2026-10-01',
      endDate: '2026-10-02',
      reach: [{ targetGroup: 'students', total: 12, female: 12 }],
      outputs: [{ kind: 'sessions', quantity: 1 }],
      costs: [],
      note: 'n',
    };
    const c = draftFromRecent(recent, TODAY);
    expect(c.startDate).toBe(TODAY);
    expect(c.endDate).toBe(TODAY);
    expect(c.planActivityId).toBe(44);
    expect(c.reach).toEqual([{ targetGroup: 'students', total: 12, female: 12, male: null, ages: null }]);
    expect(draftFromRecent({ ...recent, startDate: '2025-12-30' }, TODAY).planActivityId).toBeNull();
    expect(validateActivity(c, TODAY)).toEqual([]);
  });
  it('an existing activity becomes form values', () => {
    const a = {
      id: 3,
      title: 'T',
      interventionType: { code: 'media', nameVi: '', nameEn: '' },
      orgUnit: { id: 1, code: '52', name: 'Gia Lai', kind: 'province', validFrom: null, validTo: null },
      leadAgency: { id: 2, name: 'Sở Y tế' },
      partners: [{ id: 5, name: 'Đoàn' }],
      programmes: [{ id: 8, name: 'P' }],
      planActivity: { id: 9, planId: 4, planTitle: 'KH', description: 'd' },
      planned: true,
      startDate: '2026-01-01',
      endDate: '2026-01-02',
      year: 2026,
      reach: [{ targetGroup: 'students', total: 3, female: null, male: null, ages: {} }],
      reachedTotal: 3,
      outputs: [],
      costs: [{ fundingSource: 'provincial_budget', amount: 10 }],
      costTotal: 10,
      note: '',
      source: 'form',
      createdBy: 'x',
      version: 2,
      createdAt: '',
      updatedAt: '',
    } as unknown as Activity;
    const d = draftFromActivity(a);
    expect(d).toMatchObject({ orgUnitCode: '52', leadAgencyId: 2, partnerAgencyIds: [5], programmeIds: [8], planId: 4, planActivityId: 9 });
    expect(d.reach[0].ages).toBeNull();
    expect(toInput(d).input.reach).toEqual([{ targetGroup: 'students', total: 3 }]);
  });
});

describe('list query and export', () => {
  it('keeps only the filters in use', () => {
    expect(activityQuery({})).toEqual({});
    expect(activityQuery({ q: '  ', planned: false, orgUnit: '52' }, '-startDate')).toEqual({
      planned: 'false',
      orgUnit: '52',
      sort: '-startDate',
    });
  });
  it('builds the export link with the current filters and format, without paging', () => {
    expect(exportUrl({}, 'csv')).toBe('/api/activities/export?format=csv');
    const url = exportUrl(
      { from: '2026-01-01', to: '2026-06-30', orgUnit: '52', targetGroup: 'students', agencyId: 4, planned: true, q: 'tuyên truyền' },
      'xlsx',
      'title',
    );
    const u = new URL(url, 'http://x');
    expect(u.pathname).toBe('/api/activities/export');
    expect(Object.fromEntries(u.searchParams)).toEqual({
      from: '2026-01-01',
      to: '2026-06-30',
      orgUnit: '52',
      targetGroup: 'students',
      agencyId: '4',
      planned: 'true',
      q: 'tuyên truyền',
      sort: 'title',
      format: 'xlsx',
    });
    expect(u.searchParams.has('page')).toBe(false);
  });
  it('shows a period as dd/mm/yyyy', () => {
    expect(periodText({ startDate: '2026-11-01', endDate: '2026-11-01' })).toBe('01/11/2026');
    expect(periodText({ startDate: '2026-11-01', endDate: '2026-11-03' })).toBe('01/11/2026 – 03/11/2026');
  });
});

describe('bulk import', () => {
  it('polls while validating or committing, commits only a clean ready import', () => {
    expect(isImportBusy('validating')).toBe(true);
    expect(isImportBusy('committing')).toBe(true);
    expect(isImportBusy('ready')).toBe(false);
    expect(canCommit({ status: 'ready', errorCount: 0 })).toBe(true);
    expect(canCommit({ status: 'ready', errorCount: 2 })).toBe(false);
    expect(canCommit({ status: 'invalid', errorCount: 0 })).toBe(false);
    expect(canCommit({ status: 'committed', errorCount: 0 })).toBe(false);
    expect(canCommit(null)).toBe(false);
  });
  it('shows progress only when the total is known', () => {
    expect(importPercent({ rowsRead: 50, rowsTotal: 200 })).toBe(25);
    expect(importPercent({ rowsRead: 5, rowsTotal: null })).toBeNull();
    expect(importPercent({ rowsRead: 500, rowsTotal: 200 })).toBe(100);
    expect(importPercent({ rowsRead: 5, rowsTotal: null, progress: 0.375 })).toBe(37);
    expect(importPercent({ rowsRead: 0, rowsTotal: null, progress: 0 })).toBeNull();
  });
  it('lays out the preview from its rows', () => {
    expect(previewColumns([{ row: 2, title: 'a' }, { row: 3, note: 'x' }])).toEqual(['row', 'title', 'note']);
    expect(isActivityPreview([{ row: 2, title: 'a', reach: [] }])).toBe(true);
    expect(isActivityPreview([{ row: 2, title: 'a' }])).toBe(false);
    expect(isActivityPreview([])).toBe(false);
    expect(cellText(null)).toBe('');
    expect(cellText({ a: 1 })).toBe('{"a":1}');
    expect(cellText(3)).toBe('3');
  });
});

describe('surveys', () => {
  it('name the period as the server does and follow the reach rules', () => {
    expect(surveyPeriod(2026, 0)).toBe('2026');
    expect(surveyPeriod(2026, 1)).toBe('2026-H1');
    expect(surveyPeriod(2026, 2)).toBe('2026-H2');
    expect(surveyProblems({ targetGroup: 'sex_workers', count: 10, female: 9, male: 1 })).toEqual([]);
    expect(codes(surveyProblems({ targetGroup: 'sex_workers', count: 10, female: 9, male: 2 }))).toEqual(['female:sumMismatch']);
    expect(codes(surveyProblems({ count: -1 }))).toEqual(['targetGroup:required', 'count:negative']);
  });
});
