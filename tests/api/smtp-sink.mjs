// A local SMTP sink for the e-mail tests (issue 15): a `net` server that speaks just enough SMTP
// (RFC 5321) for a client like Poco's SMTPClientSession — EHLO/HELO, AUTH PLAIN and AUTH LOGIN
// (optional, checked against the user/password given), MAIL FROM, RCPT TO, DATA (dot-unstuffed),
// RSET, NOOP, QUIT — and keeps every message it accepted, parsed: headers, the RFC 2047 subject
// and the quoted-printable / base64 body decoded to text.
import net from 'node:net';

/** Decodes RFC 2047 encoded words (=?charset?Q|B?…?=), joining adjacent ones. */
export function decodeWords(value) {
  const joined = value.replace(/\?=\s+=\?/g, '?==?');
  return joined.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, charset, enc, text) => {
    let bytes;
    if (enc.toUpperCase() === 'B') bytes = Buffer.from(text, 'base64');
    else bytes = qpBytes(text.replace(/_/g, ' '));
    return bytes.toString(charset.toLowerCase() === 'utf-8' ? 'utf8' : 'latin1');
  });
}

function qpBytes(s) {
  const out = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      out.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      out.push(...Buffer.from(s[i], 'latin1'));
    }
  }
  return Buffer.from(out);
}

/** Decodes a quoted-printable body (soft line breaks removed) as UTF-8. */
export function decodeQuotedPrintable(text) {
  return qpBytes(text.replace(/=\r?\n/g, '')).toString('utf8');
}

/** Parses a message (CRLF lines) into {headers: {lowercased: value}, subject, body, raw}. */
export function parseMessage(raw) {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const rawBody = split < 0 ? '' : raw.slice(split + 4);
  const headers = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const cte = (headers['content-transfer-encoding'] || '').toLowerCase();
  let body = rawBody;
  if (cte === 'quoted-printable') body = decodeQuotedPrintable(rawBody);
  else if (cte === 'base64') body = Buffer.from(rawBody.replace(/\s+/g, ''), 'base64').toString('utf8');
  else body = Buffer.from(rawBody, 'latin1').toString('utf8');
  return { headers, subject: decodeWords(headers.subject || ''), body, raw };
}

/**
 * Starts a sink. Options: port (0 = any free one), user/password (then AUTH is offered and
 * required before MAIL FROM). Returns {port, messages, auths, start(), stop(), waitFor(pred, ms)}.
 * stop() closes the listener and every open connection (the "server is down" case); start()
 * listens again on the same port.
 */
export async function startSmtpSink({ port = 0, user = '', password = '' } = {}) {
  const messages = [];
  const auths = [];  // {method, user, ok}
  const sockets = new Set();
  let server = null;

  const handle = (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buf = Buffer.alloc(0);
    let state = 'cmd'; // cmd | data | auth-login-user | auth-login-pass
    let from = '', rcpt = [], data = [], authed = !user, loginUser = '';
    const reply = (s) => socket.write(`${s}\r\n`);
    reply('220 smtp-sink.test ESMTP ready');
    const authCheck = (method, u, p) => {
      const ok = u === user && p === password;
      auths.push({ method, user: u, ok });
      if (ok) { authed = true; reply('235 2.7.0 Authentication successful'); }
      else reply('535 5.7.8 Authentication credentials invalid');
    };
    const onLine = (lineBuf) => {
      const line = lineBuf.toString('latin1');
      if (state === 'data') {
        if (line === '.') {
          const raw = data.map((l) => (l.startsWith('..') ? l.slice(1) : l)).join('\r\n');
          messages.push({ from, to: [...rcpt], ...parseMessage(raw), at: Date.now() });
          state = 'cmd'; from = ''; rcpt = []; data = [];
          reply('250 2.0.0 OK queued');
        } else data.push(line);
        return;
      }
      if (state === 'auth-login-user') {
        loginUser = Buffer.from(line, 'base64').toString('utf8');
        state = 'auth-login-pass';
        reply(`334 ${Buffer.from('Password:').toString('base64')}`);
        return;
      }
      if (state === 'auth-login-pass') {
        state = 'cmd';
        authCheck('LOGIN', loginUser, Buffer.from(line, 'base64').toString('utf8'));
        return;
      }
      const [verb, ...rest] = line.split(' ');
      const arg = rest.join(' ');
      switch (verb.toUpperCase()) {
        case 'EHLO':
          socket.write(`250-smtp-sink.test greets ${arg}\r\n`);
          if (user) socket.write('250-AUTH PLAIN LOGIN\r\n');
          reply('250 8BITMIME');
          break;
        case 'HELO': reply('250 smtp-sink.test'); break;
        case 'AUTH': {
          const [method, initial] = arg.split(' ');
          if (!user) { reply('503 5.5.1 AUTH not offered'); break; }
          if (method.toUpperCase() === 'PLAIN') {
            if (!initial) { reply('501 5.5.2 PLAIN needs the initial response'); break; }
            const [, u, p] = Buffer.from(initial, 'base64').toString('utf8').split('\0');
            authCheck('PLAIN', u, p);
          } else if (method.toUpperCase() === 'LOGIN') {
            if (initial) { loginUser = Buffer.from(initial, 'base64').toString('utf8'); state = 'auth-login-pass'; reply(`334 ${Buffer.from('Password:').toString('base64')}`); }
            else { state = 'auth-login-user'; reply(`334 ${Buffer.from('Username:').toString('base64')}`); }
          } else reply('504 5.5.4 Unrecognized authentication type');
          break;
        }
        case 'MAIL':
          if (!authed) { reply('530 5.7.0 Authentication required'); break; }
          from = (arg.match(/<([^>]*)>/) || [])[1] ?? ''; rcpt = []; reply('250 2.1.0 OK'); break;
        case 'RCPT': rcpt.push((arg.match(/<([^>]*)>/) || [])[1] ?? ''); reply('250 2.1.5 OK'); break;
        case 'DATA':
          if (!rcpt.length) { reply('503 5.5.1 RCPT first'); break; }
          state = 'data'; data = []; reply('354 End data with <CR><LF>.<CR><LF>'); break;
        case 'RSET': from = ''; rcpt = []; reply('250 2.0.0 OK'); break;
        case 'NOOP': reply('250 2.0.0 OK'); break;
        case 'QUIT': reply('221 2.0.0 Bye'); socket.end(); break;
        default: reply('502 5.5.2 Command not recognized');
      }
    };
    socket.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      for (let i; (i = buf.indexOf('\r\n')) >= 0;) {
        const line = buf.subarray(0, i);
        buf = buf.subarray(i + 2);
        onLine(line);
      }
    });
  };

  const sink = {
    port,
    messages,
    auths,
    async start() {
      server = net.createServer(handle);
      await new Promise((res, rej) => { server.once('error', rej); server.listen(sink.port, '127.0.0.1', res); });
      sink.port = server.address().port;
    },
    async stop() {
      if (!server) return;
      for (const s of sockets) s.destroy();
      await new Promise((res) => server.close(res));
      server = null;
    },
    /** The first message matching pred within ms (polling), else throws. */
    async waitFor(pred, ms = 10_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const m = messages.find(pred);
        if (m) return m;
        if (Date.now() > deadline) throw new Error(`no matching mail within ${ms} ms (${messages.length} received)`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
  await sink.start();
  return sink;
}

/** A free TCP port on 127.0.0.1 that nothing listens on (for "the SMTP server is down"). */
export async function freeTcpPort() {
  const s = net.createServer();
  await new Promise((res) => s.listen(0, '127.0.0.1', res));
  const { port } = s.address();
  await new Promise((res) => s.close(res));
  return port;
}
