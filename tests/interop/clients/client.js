// Interop client: one TLS connection the way a Node program with
// tls.connect({ca, servername}) makes it (Node's defaults otherwise), then one
// HTTP/1.0 GET.   node client.js HOST PORT CAFILE   -> one JSON line, exit 0
'use strict';
const fs = require('fs');
const tls = require('tls');

const TIMEOUT_MS = 10000;
const r = { ok: false, version: null, cipher: null, cipher_iana: null, group: null, error: null,
            stage: 'setup', client: `Node ${process.version} OpenSSL ${process.versions.openssl}` };
let done = false;
function finish(err) {
  if (done) return;
  done = true;
  if (err) r.error = String(err && err.message ? (err.code ? `${err.code}: ${err.message}` : err.message) : err);
  process.stdout.write(JSON.stringify(r) + '\n', () => process.exit(0));
}

const [host, port, cafile] = process.argv.slice(2);
if (!cafile) {
  finish('usage: node client.js HOST PORT CAFILE');
} else {
  try {
    const ca = fs.readFileSync(cafile); // replaces Node's bundled roots
    r.stage = 'handshake';
    const sock = tls.connect({ host, port: Number(port), servername: 'localhost', ca });
    const timer = setTimeout(() => { r.stage = 'timeout'; sock.destroy(); finish(`timeout after ${TIMEOUT_MS} ms`); }, TIMEOUT_MS);
    sock.on('secureConnect', () => {
      r.version = sock.getProtocol();
      const c = sock.getCipher();
      r.cipher = c ? c.name : null;
      r.cipher_iana = c ? (c.standardName || null) : null;
      const k = sock.getEphemeralKeyInfo && sock.getEphemeralKeyInfo();
      if (k && k.type) r.group = k.name || `${k.type}-${k.size}`;
      r.stage = 'http';
      sock.write('GET / HTTP/1.0\r\nHost: localhost\r\n\r\n');
    });
    sock.once('data', () => { r.stage = 'done'; r.ok = true; clearTimeout(timer); sock.destroy(); finish(null); });
    sock.on('error', (e) => { clearTimeout(timer); finish(e); });
    sock.on('end', () => { clearTimeout(timer); finish('connection closed before any response'); });
  } catch (e) {
    finish(e);
  }
}
