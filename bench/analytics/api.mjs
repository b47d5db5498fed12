// Sign-in and pivot requests against a running longghep server (Node's fetch, keep-alive).
export async function login(base, username = 'admin', password = 'Demo@2026') {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`login ${res.status} ${JSON.stringify(body)}`);
  const m = /lg_session=([^;]*)/.exec(res.headers.get('set-cookie') || '');
  return { cookie: `lg_session=${m[1]}`, csrf: body.csrfToken };
}

export async function pivot(base, auth, body, via = '') {
  const t = performance.now();
  const res = await fetch(`${base}/api/analytics/pivot${via}`, {
    method: 'POST', headers: { 'content-type': 'application/json', cookie: auth.cookie, 'x-csrf-token': auth.csrf }, body: JSON.stringify(body),
  });
  const text = await res.text();
  const ms = performance.now() - t;
  if (res.status !== 200) throw new Error(`pivot${via} ${res.status} ${text.slice(0, 400)}`);
  return { ms, ans: JSON.parse(text) };
}

