// A small local stand-in for a DHIS2 server's POST /api/dataValueSets (tests only; docs/INTEROP.md).
// It implements the documented import summary contract: idScheme CODE, dryRun (counted, nothing
// stored), importStrategy CREATE_AND_UPDATE; each value is checked against a small known list of
// data element / category option combo / org unit codes and the period; an unknown one is ignored
// with a conflict {object, value}. The answer is DHIS2's ImportSummary: {responseType, status
// (SUCCESS | WARNING | ERROR), importCount {imported, updated, ignored, deleted}, conflicts,
// description}, wrapped as newer DHIS2 versions do ({httpStatus, httpStatusCode, status,
// response}). The token header "Authorization: ApiToken <token>" is required (401 otherwise).
//
//   const dhis = await startStandin({ token, dataElements, categoryOptionCombos, orgUnits, periods });
//   dhis.url; dhis.stored (Map "de|coc|ou|pe" → value); dhis.requests; await dhis.close();
import http from 'node:http';

export async function startStandin({ token, dataElements, categoryOptionCombos, orgUnits, periods }) {
  const stored = new Map();
  const requests = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const url = new URL(req.url, 'http://x');
      requests.push({ method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body });
      const send = (status, obj) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(obj)); };
      if (req.method !== 'POST' || url.pathname !== '/api/dataValueSets') return send(404, { httpStatus: 'Not Found', httpStatusCode: 404, status: 'ERROR' });
      if (req.headers.authorization !== `ApiToken ${token}`)
        return send(401, { httpStatus: 'Unauthorized', httpStatusCode: 401, status: 'ERROR', message: 'Unauthorized' });
      let set;
      try { set = JSON.parse(body); } catch { return send(400, { httpStatus: 'Bad Request', httpStatusCode: 400, status: 'ERROR', message: 'Invalid JSON' }); }
      const dryRun = url.searchParams.get('dryRun') === 'true';
      const count = { imported: 0, updated: 0, ignored: 0, deleted: 0 };
      const conflicts = [];
      for (const v of set.dataValues ?? []) {
        const de = v.dataElement, coc = v.categoryOptionCombo ?? 'default', ou = v.orgUnit ?? set.orgUnit, pe = v.period ?? set.period;
        const bad = !dataElements.includes(de) ? [de, 'Data element not found or not accessible']
          : !categoryOptionCombos.includes(coc) ? [coc, 'Category option combo not found or not accessible']
            : !orgUnits.includes(ou) ? [ou, 'Organisation unit not found or not accessible']
              : !periods.includes(pe) ? [pe, 'Period not valid'] : null;
        if (bad) { count.ignored++; conflicts.push({ object: bad[0], value: bad[1] }); continue; }
        if (!/^-?\d+(\.\d+)?$/.test(String(v.value))) { count.ignored++; conflicts.push({ object: String(v.value), value: 'Data value is not numeric' }); continue; }
        const key = `${de}|${coc}|${ou}|${pe}`;
        if (stored.has(key)) count.updated++; else count.imported++;
        if (!dryRun) stored.set(key, String(v.value));
      }
      const status = conflicts.length === 0 ? 'SUCCESS' : (count.imported + count.updated > 0 ? 'WARNING' : 'ERROR');
      send(200, {
        httpStatus: status === 'ERROR' ? 'Conflict' : 'OK', httpStatusCode: status === 'ERROR' ? 409 : 200, status: status === 'ERROR' ? 'ERROR' : 'OK',
        message: status === 'ERROR' ? 'An error occurred, please check import summary.' : 'Import was successful.',
        response: { responseType: 'ImportSummary', status, importOptions: { dryRun, idSchemes: { idScheme: url.searchParams.get('idScheme') } },
          description: dryRun ? 'Dry run: nothing was stored' : 'Import process completed successfully', importCount: count, conflicts,
          dataSetComplete: 'false' },
      });
    });
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}`, stored, requests, close: () => new Promise((ok) => server.close(ok)) };
}
