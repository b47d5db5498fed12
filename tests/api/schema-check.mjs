// Checks answers against the server's own contract: every response the API suite receives through
// harness.http() is looked up in GET /api/openapi.json by operation ("METHOD /pattern") and status,
// and its body is validated (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses) against the declared
// schema. A JSON body against a wrong schema, a status the operation does not declare, or a content
// type it does not declare fails the test with the operation, the status and the failing path.
//
// LONGGHEP_SCHEMA_CHECK=off turns the check off (e.g. to bisect); LONGGHEP_SCHEMA_RECORD=<file>
// appends every checked exchange (operation, status, body) as a JSON line, to write schemas from.
import { appendFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const SCHEMA_CHECK = process.env.LONGGHEP_SCHEMA_CHECK !== 'off';
const RECORD = process.env.LONGGHEP_SCHEMA_RECORD || '';

/** The operation of a concrete path: the pattern with the most literal segments wins. */
export function findOperation(doc, method, path) {
  const clean = path.split('?')[0].split('#')[0];
  const segs = clean.split('/');
  let best = null;
  for (const pattern of Object.keys(doc.paths || {})) {
    const op = doc.paths[pattern][method.toLowerCase()];
    if (!op) continue;
    const ps = pattern.split('/');
    if (ps.length !== segs.length) continue;
    let literal = 0;
    let ok = true;
    for (let i = 0; i < ps.length && ok; i++) {
      if (/^\{[^}]+\}$/.test(ps[i])) ok = segs[i] !== '';
      else if (ps[i] === segs[i]) literal++;
      else ok = false;
    }
    if (ok && (!best || literal > best.literal)) best = { pattern, op, literal };
  }
  return best && { key: `${method.toUpperCase()} ${best.pattern}`, pattern: best.pattern, op: best.op };
}

function pointer(...parts) {
  return parts.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

/** A validator bound to one OpenAPI document. */
export class SchemaChecker {
  constructor(doc) {
    this.doc = doc;
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema(doc, 'lg:openapi');
    this.compiled = new Map();
  }

  /**
   * The problems of one exchange ([] when it conforms): {status, contentType, body} of a response
   * to method + path. body is the parsed JSON (undefined when the answer is not JSON).
   */
  check(method, path, { status, contentType = '', body }) {
    const found = findOperation(this.doc, method, path);
    if (!found) return [{ where: `${method} ${path}`, message: 'no operation in /api/openapi.json' }];
    const { key, pattern, op } = found;
    const code = String(status);
    const statusKey = [code, `${code[0]}XX`, 'default'].find((k) => op.responses?.[k]);
    if (!statusKey) return [{ where: `${key} → ${status}`, message: `status ${status} is not declared` }];
    const resp = op.responses[statusKey];
    const media = (contentType.split(';')[0] || '').trim().toLowerCase();
    const declared = Object.keys(resp.content || {});
    if (status === 204 || !media) {
      if (declared.length && status !== 204 && body !== undefined)
        return [{ where: `${key} → ${status}`, message: 'answer without content type' }];
      return [];
    }
    if (!declared.includes(media) && !declared.includes('*/*'))
      return [{ where: `${key} → ${status}`, message: `content type ${media} not declared (${declared.join(', ') || 'none'})` }];
    if (media !== 'application/json' || body === undefined) return [];
    const ref = `lg:openapi#/${pointer('paths', pattern, method.toLowerCase(), 'responses', statusKey, 'content', media, 'schema')}`;
    let validate = this.compiled.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: ref });
      this.compiled.set(ref, validate);
    }
    if (validate(body)) return [];
    return validate.errors.map((e) => ({
      where: `${key} → ${status}`,
      message: `${e.instancePath || '(body)'} ${e.message}${e.params && Object.keys(e.params).length ? ' ' + JSON.stringify(e.params) : ''}`,
    }));
  }
}

const checkers = new Map();  // base URL → Promise<SchemaChecker>

// The fetch of the platform; harness.http() uses it and checks the exchange itself.
export const rawFetch = globalThis.fetch.bind(globalThis);

async function checkerFor(base) {
  if (!checkers.has(base)) {
    checkers.set(base, (async () => {
      const res = await rawFetch(`${base}/api/openapi.json`);
      if (res.status !== 200) throw new Error(`GET /api/openapi.json answered ${res.status}`);
      return new SchemaChecker(await res.json());
    })());
  }
  return checkers.get(base);
}

/** Throws when the exchange does not conform (called by harness.http for every exchange). */
export async function checkExchange(base, method, path, res, requestBody) {
  if (!SCHEMA_CHECK && !RECORD) return;
  let checker;
  try {
    checker = await checkerFor(base);
  } catch {
    checkers.delete(base);  // the server is gone or not ready: nothing to check against
    return;
  }
  const contentType = res.headers.get('content-type') || '';
  const found = findOperation(checker.doc, method, path);
  if (RECORD && found && contentType.includes('application/json') && res.body !== undefined)
    appendFileSync(RECORD, JSON.stringify({ op: found.key, status: res.status, body: res.body, request: requestBody }) + '\n');
  if (!SCHEMA_CHECK) return;
  if (!found) return;  // not a route (unknown path or method): the server's generic answer
  const problems = checker.check(method, path, { status: res.status, contentType, body: res.body });
  if (problems.length) {
    const err = new Error(
      `response does not match /api/openapi.json: ${problems[0].where}\n` +
        problems.slice(0, 10).map((p) => `  ${p.message}`).join('\n') +
        `\n  body: ${(res.text || '').slice(0, 600)}`);
    err.schemaProblems = problems;
    throw err;
  }
}

/**
 * Checks the answers of tests that call fetch() directly (downloads: .xlsx, .docx, .pdf, CSV) the
 * same way: status and content type always, the body when it is JSON. Only requests to a local
 * test server (http://127.0.0.1:port) are looked at.
 */
export function installFetchCheck() {
  if (!SCHEMA_CHECK || globalThis.fetch.lgChecked) return;
  const checked = async (input, init = {}) => {
    const res = await rawFetch(input, init);
    const url = new URL(typeof input === 'string' ? input : input.url ?? String(input));
    if (url.hostname !== '127.0.0.1' || !url.port) return res;
    const method = (init.method || (typeof input === 'object' && input.method) || 'GET').toUpperCase();
    const contentType = res.headers.get('content-type') || '';
    let text = '';
    let body;
    if (contentType.includes('application/json')) {
      text = await res.clone().text();
      try { body = JSON.parse(text); } catch { body = undefined; }
    }
    await checkExchange(url.origin, method, url.pathname + url.search, { status: res.status, headers: res.headers, text, body });
    return res;
  };
  checked.lgChecked = true;
  globalThis.fetch = checked;
}
