// The /healthz probe of the deadline day, in a process of its own so that its figures are the
// server's, not the load generator's event loop: one keep-alive connection, a request every
// 100 ms for the given seconds; prints the latencies (ms) as a JSON array on stdout.
//   node bench/load/probe.mjs BASE SECONDS
import http from 'node:http';

const base = new URL(process.argv[2]);
const stopAt = Date.now() + Number(process.argv[3]) * 1000;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1, localAddress: '127.0.0.8' });
const ms = [];
const once = () => new Promise((resolve) => {
  const t0 = performance.now();
  const req = http.get({ host: base.hostname, port: base.port, path: '/healthz', agent }, (res) => {
    res.resume();
    res.on('end', () => resolve(res.statusCode === 200 ? performance.now() - t0 : 10_000));
  });
  req.setTimeout(10_000, () => req.destroy());
  req.on('error', () => resolve(10_000));
});
while (Date.now() < stopAt) {
  ms.push(await once());
  await new Promise((r) => setTimeout(r, 100));
}
agent.destroy();
process.stdout.write(JSON.stringify(ms));
