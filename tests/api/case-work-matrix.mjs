// Request builders of the case-work routes (routes_case_work.cpp) for access-matrix.test.mjs:
// each (route, variant, role) gets its own fixture — a fresh record of the variant's province
// with what the route acts on (a draft or submitted plan, a planned follow-up, a closure request,
// a closed record) — so that every success succeeds. Roles refused before any lookup share one
// fixture, and a fixture is built once: the CSRF sweep reuses it and writes nothing.
import { assertStatus, todayVN } from './harness.mjs';

export const CASE_WORK_ROUTES = new Set([
  'GET /api/cases/{id}/work', 'POST /api/cases/{id}/assessments', 'POST /api/cases/{id}/plans', 'PUT /api/case-plans/{id}',
  'POST /api/case-plans/{id}/submit', 'POST /api/case-plans/{id}/approve', 'POST /api/case-plans/{id}/return',
  'POST /api/cases/{id}/follow-ups', 'POST /api/case-follow-ups/{id}/done', 'POST /api/case-follow-ups/{id}/cancel',
  'PUT /api/cases/{id}/outcome', 'POST /api/cases/{id}/closure/request', 'POST /api/cases/{id}/closure/approve',
  'POST /api/cases/{id}/closure/reject', 'POST /api/cases/{id}/reopen',
]);

const GOALS = [{ domain: 'health', text: 'Ma trận quyền', targetOn: '2027-01-01' }];
const memo = new Map();

// role: who will call; those who may succeed (admin and the case roles) get a fixture of their own.
export async function caseWorkRequest(route, v, role, { admin, S, ids, tag }) {
  const own = role === 'admin' || role === 'cm.gialai' || role === 'gs.gialai' || role === 'cm.dongnai';
  const key = `${route}|${v}|${own ? role : 'other'}`;
  if (!memo.has(key)) memo.set(key, await fixture(route, v, { admin, S, ids, tag }));
  return memo.get(key);
}

async function fixture(route, v, { admin, S, ids, tag }) {
  const worker = S[v === 'dn' ? 'cm.dongnai' : 'cm.gialai'];
  const fresh = async () => assertStatus(await admin.post('/api/cases', ids.caseInput(v, `Người công tác ${tag}`)), 201).id;
  const draft = async (id) => assertStatus(await worker.post(`/api/cases/${id}/plans`, { goals: GOALS }), 201).plans[0];
  const submitted = async (id) => {
    const p = await draft(id);
    return assertStatus(await worker.post(`/api/case-plans/${p.id}/submit`, { version: p.version }), 200).plans[0];
  };
  const requested = async (id) => assertStatus(await worker.post(`/api/cases/${id}/closure/request`, { reasonCode: 'goals_met' }), 201);
  const matrixCase = ids[`case_${v}`];
  switch (route) {
    case 'GET /api/cases/{id}/work': return { path: `/api/cases/${matrixCase}/work` };
    case 'POST /api/cases/{id}/assessments':
      return { path: `/api/cases/${matrixCase}/assessments`, body: { items: [{ domain: 'health', level: 'low' }] } };
    case 'POST /api/cases/{id}/plans': return { path: `/api/cases/${await fresh()}/plans`, body: { goals: GOALS } };
    case 'PUT /api/case-plans/{id}': {
      const p = await draft(await fresh());
      return { path: `/api/case-plans/${p.id}`, body: { version: p.version, goals: GOALS } };
    }
    case 'POST /api/case-plans/{id}/submit': {
      const p = await draft(await fresh());
      return { path: `/api/case-plans/${p.id}/submit`, body: { version: p.version } };
    }
    case 'POST /api/case-plans/{id}/approve':
    case 'POST /api/case-plans/{id}/return': {
      const p = await submitted(await fresh());
      return { path: route.split(' ')[1].replace('{id}', p.id), body: { version: p.version, reason: 'Ma trận quyền' } };
    }
    case 'POST /api/cases/{id}/follow-ups': return { path: `/api/cases/${matrixCase}/follow-ups`, body: { dueOn: todayVN() } };
    case 'POST /api/case-follow-ups/{id}/done':
    case 'POST /api/case-follow-ups/{id}/cancel': {
      const w = assertStatus(await worker.post(`/api/cases/${matrixCase}/follow-ups`, { dueOn: todayVN() }), 201);
      const f = w.followUps.reduce((a, b) => (a.id > b.id ? a : b));
      return { path: route.split(' ')[1].replace('{id}', f.id), body: { version: f.version, note: 'Ma trận quyền' } };
    }
    case 'PUT /api/cases/{id}/outcome':
      return { path: `/api/cases/${matrixCase}/outcome`, body: { items: [{ area: 'job', status: 'in_progress', asOf: todayVN() }] } };
    case 'POST /api/cases/{id}/closure/request':
      return { path: `/api/cases/${await fresh()}/closure/request`, body: { reasonCode: 'lost_contact' } };
    case 'POST /api/cases/{id}/closure/approve':
    case 'POST /api/cases/{id}/closure/reject': {
      const id = await fresh();
      await requested(id);
      return { path: route.split(' ')[1].replace('{id}', id), body: { note: 'Ma trận quyền' } };
    }
    case 'POST /api/cases/{id}/reopen': {
      const id = await fresh();
      await requested(id);
      assertStatus(await admin.post(`/api/cases/${id}/closure/approve`, {}), 200);
      return { path: `/api/cases/${id}/reopen`, body: { note: 'Ma trận quyền' } };
    }
    default: throw new Error(`no case-work request builder for ${route}`);
  }
}
