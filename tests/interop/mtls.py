"""mTLS ground truth (issue 11): every mTLS lab scenario x real client x with/without the
lab client certificate, judged as an application would: the handshake, a GET and the
response's status line (nginx refuses a missing certificate with HTTP 400 after a complete
handshake; a TLS 1.3 server refuses at the first read). Compared with `tlsdoctor simulate`
(with `--cert/--key` for the with-certificate column).

    python3 tests/interop/mtls.py [--tlsdoctor BIN] [-s scen1,scen2] [-c openssl,go]

Clients: openssl s_client, curl, Python (load_cert_chain), Node (key/cert), Go
(tls.Config.Certificates, tests/interop/mtls_clients/main.go), Java (PKCS#12 KeyStore and
the default KeyManagerFactory, tests/interop/mtls_clients/MtlsClient.java).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.lab.lab import Lab, load_scenarios  # noqa: E402

HERE = Path(__file__).resolve().parent / "mtls_clients"
GET = "GET / HTTP/1.0\r\nHost: localhost\r\n\r\n"
PROFILES = {"openssl": "openssl-3.0-debian", "curl": "curl-7.88", "python": "python-3.11-debian",
            "node": "node-20", "go": "go-1.26", "java": "java-17"}

PY = r"""
import json, socket, ssl, sys
h, p, ca = sys.argv[1], int(sys.argv[2]), sys.argv[3]
r = {"ok": False, "status": None, "error": None}
try:
    ctx = ssl.create_default_context(cafile=ca)
    if len(sys.argv) > 5: ctx.load_cert_chain(sys.argv[4], sys.argv[5])
    with socket.create_connection((h, p), timeout=10) as s, ctx.wrap_socket(s, server_hostname="localhost") as t:
        t.sendall(b"GET / HTTP/1.0\r\nHost: localhost\r\n\r\n")
        d = t.recv(256)
        if not d: raise ConnectionError("connection closed before any response")
        r["status"], r["ok"] = d.split(b"\r\n")[0].decode("latin-1"), True
except Exception as e:
    r["error"] = f"{type(e).__name__}: {e}"
print(json.dumps(r))
"""

NODE = r"""
const fs = require('fs'), tls = require('tls');
const [h, p, ca, cert, key] = process.argv.slice(1);
const r = {ok: false, status: null, error: null};
let done = false;
const fin = (e) => { if (done) return; done = true; if (e) r.error = String(e.code ? e.code + ': ' + e.message : e); console.log(JSON.stringify(r)); process.exit(0); };
const o = {host: h, port: Number(p), servername: 'localhost', ca: fs.readFileSync(ca)};
if (cert) { o.cert = fs.readFileSync(cert); o.key = fs.readFileSync(key); }
const s = tls.connect(o, () => s.write('GET / HTTP/1.0\r\nHost: localhost\r\n\r\n'));
setTimeout(() => fin('timeout'), 10000);
s.once('data', (d) => { r.ok = true; r.status = d.toString('latin1').split('\r\n')[0]; s.destroy(); fin(null); });
s.on('error', fin);
s.on('end', () => fin('connection closed before any response'));
"""


def run(argv: list[str], stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(argv, input=stdin, capture_output=True, text=True, timeout=20,
                          errors="replace")


def as_json(p: subprocess.CompletedProcess) -> dict:
    for line in reversed(p.stdout.splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    return {"ok": False, "status": None, "error": (p.stderr or p.stdout).strip()[-200:]}


def client(name: str, host: str, port: int, ca: Path, cert: tuple[Path, Path, Path] | None) -> dict:
    c, k, p12 = cert if cert else (None, None, None)
    if name == "openssl":
        argv = ["openssl", "s_client", "-connect", f"{host}:{port}", "-servername", "localhost",
                "-CAfile", str(ca), "-verify_return_error", "-quiet", "-ign_eof"]
        if cert:
            argv += ["-cert", str(c), "-key", str(k)]
        p = run(argv, GET)
        first = p.stdout.splitlines()[0] if p.stdout.strip() else None
        return {"ok": bool(first), "status": first, "error": None if first else p.stderr.strip()[-200:]}
    if name == "curl":
        argv = ["curl", "-sS", "-i", "--max-time", "10", "--http1.1", "--cacert", str(ca),
                "--resolve", f"localhost:{port}:{host}", f"https://localhost:{port}/"]
        if cert:
            argv += ["--cert", str(c), "--key", str(k)]
        p = run(argv)
        first = p.stdout.splitlines()[0] if p.stdout.strip() else None
        return {"ok": bool(first), "status": first, "error": None if first else p.stderr.strip()[-200:]}
    extra = [str(c), str(k)] if cert else []
    if name == "python":
        return as_json(run(["/usr/bin/python3", "-I", "-c", PY, host, str(port), str(ca), *extra]))
    if name == "node":
        return as_json(run(["node", "-e", NODE, host, str(port), str(ca), *extra]))
    if name == "go":
        return as_json(run([str(REPO / "build/interop/mtls-go"), host, str(port), str(ca), *extra]))
    if name == "java":
        jextra = [str(p12), "changeit"] if cert else []
        return as_json(run(["java", str(HERE / "MtlsClient.java"), host, str(port), str(ca), *jextra]))
    raise ValueError(name)


def app_ok(r: dict) -> bool:
    """Success as an application sees it: an answer whose status is not an HTTP error."""
    status = r.get("status") or ""
    return bool(r.get("ok")) and not (status.startswith("HTTP/") and status.split(" ")[1][:1] in "45")


def simulate(binary: str, address: str, ca: Path, clients: list[str], cert) -> dict:
    argv = [binary, "simulate", address, "--sni", "localhost", "--ca-file", str(ca), "--json",
            "--clients", ",".join(PROFILES[c] for c in clients)]
    if cert:
        argv += ["--cert", str(cert[0]), "--key", str(cert[1])]
    p = run(argv)
    try:
        doc = json.loads(p.stdout)
    except ValueError:
        return {"error": p.stderr.strip()}
    return {r["client"]: r for r in doc.get("results", [])}


def build_go() -> None:
    """The Go client, rebuilt when its source is newer (GOTOOLCHAIN=local: no network)."""
    out = REPO / "build/interop/mtls-go"
    src = HERE / "main.go"
    if out.exists() and out.stat().st_mtime >= src.stat().st_mtime:
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, GOTOOLCHAIN="local", GOFLAGS="-mod=mod", CGO_ENABLED="0")
    subprocess.run(["go", "build", "-o", str(out), "."], cwd=HERE, env=env, check=True,
                   capture_output=True, timeout=300)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tlsdoctor", default=os.environ.get("TLSDOCTOR_BIN", str(REPO / "build/asan-ubsan/tlsdoctor")))
    ap.add_argument("-s", "--scenarios", default="")
    ap.add_argument("-c", "--clients", default=",".join(PROFILES))
    args = ap.parse_args()
    lab = Lab(os.environ.get("TLSDOCTOR_LAB_DIR", "/tmp/tlsdoctor-lab-%d" % os.getuid()))
    names = [n for n in load_scenarios() if n.startswith("mtls_") or n == "client_cert_required"]
    if args.scenarios:
        names = [n for n in names if n in args.scenarios.split(",")]
    clients = args.clients.split(",")
    if "go" in clients:
        build_go()
    pki = lab.pki
    cert = (pki.path("client"), pki.key("client"), pki.dir / "client.p12")
    if not cert[2].exists():
        subprocess.run(["openssl", "pkcs12", "-export", "-in", str(cert[0]), "-inkey", str(cert[1]),
                        "-certfile", str(pki.ca), "-out", str(cert[2]), "-passout", "pass:changeit"],
                       check=True)
    rows, agree, total = [], 0, 0
    for name in names:
        with lab.start(name) as srv:
            for with_cert in (False, True):
                c = cert if with_cert else None
                sim = simulate(args.tlsdoctor, srv.address, pki.ca, clients, c)
                for cl in clients:
                    real = client(cl, srv.host, srv.port, pki.ca, c)
                    s = sim.get(PROFILES[cl], {})
                    r_ok, s_ok = app_ok(real), s.get("ok")
                    total += 1
                    agree += r_ok == s_ok
                    rows.append((name, cl, "with" if with_cert else "without", r_ok, s_ok,
                                 real.get("status") or real.get("error"), s.get("reason") or ""))
    print(f"{'scenario':34} {'client':8} {'cert':7} {'real':5} {'sim':5} agree  real detail | sim reason")
    for name, cl, wc, r_ok, s_ok, detail, reason in rows:
        mark = "yes" if r_ok == s_ok else "NO"
        print(f"{name:34} {cl:8} {wc:7} {str(r_ok):5} {str(s_ok):5} {mark:5}  {str(detail)[:70]} | {reason}")
    print(f"agreement {agree}/{total}")
    return 0 if agree == total else 1


if __name__ == "__main__":
    sys.exit(main())
