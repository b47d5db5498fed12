// Client side of bench/http_server.sh (no dependencies):
//   node bench/http_clients.mjs hold PORT N        N keep-alive connections, one GET /healthz each,
//                                                  then held open until killed; prints how many
//                                                  connected and were answered within 10 s
//   node bench/http_clients.mjs slowloris PORT N   N connections sending a header byte every 2 s
//                                                  (never finishing); prints how many are still
//                                                  open every 5 s
//   node bench/http_clients.mjs latency PORT PATH N  N sequential GETs over one keep-alive
//                                                  connection (5 s timeout each): p50/p99/max ms
import http from 'node:http';
import net from 'node:net';

const [mode, portArg, ...rest] = process.argv.slice(2);
const port = Number(portArg);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function connect() {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.on('error', () => { s.failed = true; resolve(s); });
    s.once('connect', () => resolve(s));
  });
}

if (mode === 'hold') {
  const n = Number(rest[0]);
  const socks = [];
  for (let i = 0; i < n; ++i) socks.push(await connect());
  let answered = 0;
  const connected = socks.filter((s) => !s.failed).length;
  for (const s of socks) {
    if (s.failed) continue;
    s.once('data', () => { ++answered; });
    s.write('GET /healthz HTTP/1.1\r\nHost: b\r\n\r\n');
  }
  for (let i = 0; i < 100 && answered < connected; ++i) await sleep(100);
  console.log(`hold: ${connected}/${n} connected, ${answered} answered within 10 s`);
  setInterval(() => {}, 1 << 30);  // hold until killed
} else if (mode === 'slowloris') {
  const n = Number(rest[0]);
  const socks = [];
  for (let i = 0; i < n; ++i) {
    const s = await connect();
    s.closedAt = s.failed ? 0 : null;
    s.on('close', () => { s.closedAt = Date.now(); });
    if (!s.failed) s.write('GET /healthz HTTP/1.1\r\nHost: b\r\n');
    socks.push(s);
  }
  const t0 = Date.now();
  setInterval(() => { for (const s of socks) if (s.closedAt === null) s.write('X'); }, 2000);
  setInterval(() => {
    console.log(`slowloris: ${socks.filter((s) => s.closedAt === null).length}/${n} open after ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }, 5000);
} else if (mode === 'latency') {
  const [path, nArg] = rest;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times = [];
  let failures = 0;
  for (let i = 0; i < Number(nArg); ++i) {
    const t0 = performance.now();
    const ok = await new Promise((resolve) => {
      const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode === 200));
      });
      req.setTimeout(5000, () => req.destroy(new Error('timeout')));
      req.on('error', () => resolve(false));
    });
    const ms = performance.now() - t0;
    if (ok) times.push(ms);
    else ++failures;
  }
  times.sort((a, b) => a - b);
  const q = (p) => (times.length ? times[Math.min(times.length - 1, Math.ceil(times.length * p) - 1)].toFixed(2) : '-');
  console.log(`latency ${path}: n=${nArg} ok=${times.length} failed=${failures} p50=${q(0.5)} p99=${q(0.99)} max=${times.length ? times[times.length - 1].toFixed(2) : '-'} ms`);
  agent.destroy();
} else {
  console.error('usage: http_clients.mjs hold|slowloris|latency PORT …');
  process.exit(2);
}
