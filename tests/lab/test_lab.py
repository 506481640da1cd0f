"""The lab keeps its promises: every scenario, checked with real clients.

Each scenario's "checks" (scenarios.json) run against one server start (module-scoped
cache that keeps only the current scenario's server alive). Plus: the PKI has the
promised shapes, servers answer HTTP, survive many sequential (and broken) connections,
die with their context, report start failures with the log, and the CLI works.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.lab.clients import run_check, s_client
from tests.lab.lab import Lab, LabError, load_scenarios
from tests.lab.pki import LEAVES

REPO_ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = load_scenarios()
CHECKS = [(name, i) for name, sc in SCENARIOS.items() for i in range(len(sc.get("checks", [])))]

REQUIRED = """story story2 rsa_kex_only tls10_only tls11_only tls10_11 dhe_1024 dhe_2048 des3_only
camellia_only tls13_only_aes256 tls13_only_chacha tls13_p521_only tls13_ffdhe2048_only x448_only
rsa1024_cert rsa4096_cert ecdsa_p384 sha1_cert sha1_ske no_secure_reneg client_cert_required
sni_required expired_cert wrong_host self_signed intermediate_chain modern wide gnutls_modern""".split()


class _OneServer:
    """Start servers on demand; keep only the latest one running."""

    def __init__(self, lab: Lab) -> None:
        self.lab = lab
        self.current = None

    def get(self, name: str):
        if self.current is not None and self.current.name == name and self.current.alive():
            return self.current
        self.close()
        self.current = self.lab.start(name)
        return self.current

    def close(self) -> None:
        if self.current is not None:
            self.current.stop()
            self.current = None


@pytest.fixture(scope="module")
def servers(lab):
    s = _OneServer(lab)
    yield s
    s.close()


# ---- the scenarios themselves -------------------------------------------------------

def test_scenarios_file_is_complete():
    missing = [n for n in REQUIRED if n not in SCENARIOS]
    assert not missing, f"scenarios.json lacks {missing}"
    leaves = {lf.name for lf in LEAVES}
    for name, sc in SCENARIOS.items():
        assert sc["why"].strip(), name
        assert sc.get("checks"), f"{name}: no checks"
        certs = sc["settings"].get("cert", "rsa2048")
        for c in [certs] if isinstance(certs, str) else certs:
            assert c in leaves, f"{name}: unknown cert {c}"
        assert sc["settings"].get("dhparam", "ffdhe2048") in ("ffdhe2048", "dh1024", "dh1024_dsa"), name
        for ch in sc["checks"]:
            assert set(ch) <= {"client", "args", "expect", "note"}, (name, ch)
            assert set(ch["expect"]) <= {"ok", "protocol", "cipher", "temp_key", "peer_sig_type",
                                         "peer_sig_digest", "pubkey_bits", "verify_code",
                                         "secure_reneg", "ems", "chain_len", "contains",
                                         "not_contains"}, (name, ch)


@pytest.mark.parametrize("name,idx", CHECKS, ids=[f"{n}-{i}" for n, i in CHECKS])
def test_scenario_check(servers, lab, name, idx):
    srv = servers.get(name)
    check = SCENARIOS[name]["checks"][idx]
    res, errors = run_check(srv, check, lab.pki.dir, lab.pki.ca)
    assert not errors, (f"{name} check {idx} ({check.get('note', '')}): {errors}\n{res.describe()}"
                        f"\n--- server log ---\n{srv.log_tail()}")
    assert srv.alive(), f"{name}: server died\n{srv.log_tail()}"


# ---- the PKI ------------------------------------------------------------------------

def _x509(path: Path, *opts: str) -> str:
    return subprocess.run(["openssl", "x509", "-in", str(path), "-noout", *opts],
                          capture_output=True, text=True, check=True).stdout


def test_pki_shapes(lab):
    pki = lab.pki
    assert "CN = tlsdoctor lab CA" in _x509(pki.ca, "-subject")
    assert "Public-Key: (2048 bit)" in _x509(pki.ca, "-text")
    for name, bits in (("rsa1024", 1024), ("rsa2048", 2048), ("rsa4096", 4096),
                       ("ecdsa_p256", 256), ("ecdsa_p384", 384)):
        text = _x509(pki.path(name), "-text")
        assert f"Public-Key: ({bits} bit)" in text, name
        assert "DNS:localhost" in text and "IP Address:127.0.0.1" in text, name
    assert "sha1WithRSAEncryption" in _x509(pki.path("rsa2048_sha1"), "-text")
    assert "notAfter=Jan  1 00:00:00 2021 GMT" in _x509(pki.path("expired"), "-enddate")
    wrong = _x509(pki.path("wrong_host"), "-ext", "subjectAltName")
    assert "wrong.example" in wrong and "localhost" not in wrong
    ss = _x509(pki.path("self_signed"), "-subject", "-issuer")
    assert "issuer=CN = localhost" in ss

    def verify(*args: str) -> str:
        p = subprocess.run(["openssl", "verify", "-CAfile", str(pki.ca), *args],
                           capture_output=True, text=True)
        return p.stdout + p.stderr
    assert ": OK" in verify(str(pki.path("rsa2048")))
    assert ": OK" in verify("-untrusted", str(pki.inter), str(pki.path("inter_leaf")))
    assert "error 20" in verify(str(pki.path("inter_leaf")))
    assert "error 10" in verify(str(pki.path("expired")))
    assert "error 18" in verify(str(pki.path("self_signed")))
    for dh, bits in (("ffdhe2048", 2048), ("dh1024", 1024), ("dh1024_dsa", 1024)):
        out = subprocess.run(["openssl", "pkeyparam", "-in", str(pki.dh(dh)), "-text", "-noout"],
                             capture_output=True, text=True).stdout
        assert f"({bits} bit)" in out, (dh, out)


def test_pki_is_cached(lab):
    before = lab.pki.ca.stat().st_mtime_ns
    t = time.monotonic()
    Lab(lab.workdir)  # a second Lab on the same workdir must reuse the certificates
    assert time.monotonic() - t < 1.0
    assert lab.pki.ca.stat().st_mtime_ns == before


# ---- server behaviour ---------------------------------------------------------------

@pytest.mark.parametrize("name", ["story", "modern", "gnutls_modern"])
def test_http_get(servers, lab, name):
    srv = servers.get(name)
    p = subprocess.run(["curl", "-sS", "--max-time", "5", "--cacert", str(lab.pki.ca),
                        "-o", "/dev/null", "-w", "%{http_code}", srv.url],
                       capture_output=True, text=True)
    assert p.stdout == "200", (p.stdout, p.stderr, srv.log_tail())


def _tls_handshake(host: str, port: int, cafile: Path) -> str:
    ctx = ssl.create_default_context(cafile=str(cafile))
    ctx.set_ciphers("DEFAULT")  # Python's own default has no RSA-kex suites (story2)
    with socket.create_connection((host, port), timeout=5) as s:
        with ctx.wrap_socket(s, server_hostname="localhost") as tls:
            return tls.version() or ""


@pytest.mark.parametrize("name", ["story2", "modern", "gnutls_modern"])
def test_survives_many_sequential_connections(servers, lab, name):
    """Scanners open hundreds of connections, many of them aborted mid-handshake."""
    srv = servers.get(name)
    hello = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    hello.check_hostname, hello.verify_mode = False, ssl.CERT_NONE
    for i in range(150):
        with socket.create_connection((srv.host, srv.port), timeout=5) as s:
            kind = i % 3
            if kind == 1:
                s.sendall(b"\x16\x03\x01\x00\x05junk")  # broken hello
            elif kind == 2:
                inc, out = ssl.MemoryBIO(), ssl.MemoryBIO()
                obj = hello.wrap_bio(inc, out, server_hostname="localhost")
                with pytest.raises(ssl.SSLWantReadError):
                    obj.do_handshake()
                s.sendall(out.read())  # a real hello, then walk away after the first byte back
                s.recv(1)
    for _ in range(20):
        assert _tls_handshake(srv.host, srv.port, lab.pki.ca) in ("TLSv1.2", "TLSv1.3")
    assert srv.alive(), srv.log_tail()


def test_stop_kills_the_server_even_on_error(lab):
    pid = None
    with pytest.raises(RuntimeError, match="boom"):
        with lab.start("story") as srv:
            pid = srv.proc.pid
            raise RuntimeError("boom")
    assert pid is not None
    with pytest.raises(ProcessLookupError):
        os.killpg(pid, 0)
    assert srv not in lab._live


def test_start_failure_reports_the_log(lab, tmp_path):
    bad = {"version": 1, "scenarios": [{"name": "broken", "software": "openssl", "why": "x",
                                        "settings": {"ciphers": "NO-SUCH-CIPHER"}}]}
    f = tmp_path / "bad.json"
    f.write_text(json.dumps(bad))
    bad_lab = Lab(lab.workdir, scenarios_file=f)
    with pytest.raises(LabError, match="(?s)exited.*no cipher match"):
        bad_lab.start("broken", ready_timeout=5)
    with pytest.raises(LabError, match="unknown scenario"):
        bad_lab.start("nope")


def test_cli_list_and_certs(lab, tmp_path):
    out = subprocess.run([sys.executable, "-m", "tests.lab", "list", "--json"], cwd=REPO_ROOT,
                         capture_output=True, text=True, check=True).stdout
    assert {s["name"] for s in json.loads(out)} == set(SCENARIOS)
    out = subprocess.run([sys.executable, "-m", "tests.lab", "certs", str(lab.pki.dir)],
                         cwd=REPO_ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip() == str(lab.pki.ca)


def test_cli_serve(lab):
    env = dict(os.environ, TLSDOCTOR_LAB_DIR=str(lab.workdir))
    p = subprocess.Popen([sys.executable, "-m", "tests.lab", "serve", "story"], cwd=REPO_ROOT,
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = p.stdout.readline().strip()
        host, port = first.rsplit(":", 1)
        assert host == "127.0.0.1", first
        assert p.stdout.readline().strip() == str(lab.pki.ca)
        res = s_client(host, int(port), cafile=lab.pki.ca)
        assert res.ok and res["cipher"] == "AES256-SHA256", res.describe()
    finally:
        p.send_signal(signal.SIGTERM)
        p.wait(10)
    assert p.returncode == 0, p.stderr.read()
    with pytest.raises(OSError):
        socket.create_connection((host, int(port)), timeout=1).close()
