"""SMTP STARTTLS end to end against a real postfix (tests/lab/postfix.py): the scan over
STARTTLS equals the scan of the same smtpd in implicit-TLS mode, agrees with sslscan
--starttls-smtp and with real clients (openssl s_client -starttls smtp, Python smtplib),
the doctor explains a legacy-cipher postfix, and mix-ups get clear answers."""

from __future__ import annotations

import json
import re
import shutil
import smtplib
import ssl
import subprocess

import pytest

from tests.lab import postfix as pf

# The story's server, as a mail server: TLS 1.2 only, one RSA-kex suite.
# Both the opportunistic (STARTTLS, level "may") and the mandatory (wrapper mode) settings,
# so that the two listeners share one TLS configuration.
LEGACY = {"smtpd_tls_protocols": "!SSLv2, !SSLv3, !TLSv1, !TLSv1.1, !TLSv1.3",
          "smtpd_tls_mandatory_protocols": "!SSLv2, !SSLv3, !TLSv1, !TLSv1.1, !TLSv1.3",
          "smtpd_tls_ciphers": "medium", "smtpd_tls_mandatory_ciphers": "medium",
          "tls_medium_cipherlist": "AES256-SHA256:AES128-SHA"}


def run(tlsdoctor, *argv, timeout=180):
    return subprocess.run([str(tlsdoctor), *argv], capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture(scope="module")
def need_postfix(skip_or_fail):
    why = pf.unavailable()
    if why:
        skip_or_fail(why)


@pytest.fixture(scope="module")
def modern(lab, need_postfix):
    with pf.postfix(lab.pki.path("rsa2048"), lab.pki.key("rsa2048")) as server:
        yield server


@pytest.fixture(scope="module")
def legacy(lab, need_postfix):
    with pf.postfix(lab.pki.path("rsa2048"), lab.pki.key("rsa2048"), tls=LEGACY) as server:
        yield server


def accepted(doc):
    return {v: sorted(s["openssl"] or s["iana"] for s in entry["suites"])
            for v, entry in doc["cipher_suites"].items()}


def scan(tlsdoctor, target):
    proc = run(tlsdoctor, "scan", target, "--json", "--no-proxy")
    assert proc.stdout, proc.stderr
    return json.loads(proc.stdout), proc.stderr


@pytest.mark.parametrize("server_name", ["modern", "legacy"])
def test_starttls_scan_equals_the_implicit_tls_scan(tlsdoctor, request, server_name):
    server = request.getfixturevalue(server_name)
    over_starttls, _ = scan(tlsdoctor, f"smtp://localhost:{server.smtp_port}")
    direct, _ = scan(tlsdoctor, f"smtps://localhost:{server.smtps_port}")
    assert over_starttls["error"] is None and direct["error"] is None
    assert over_starttls["route"] == {"proxy": None, "dialogs": ["smtp_starttls"]}
    assert direct["route"] is None
    assert over_starttls["versions"] == direct["versions"]
    assert accepted(over_starttls) == accepted(direct)
    assert over_starttls["groups"] == direct["groups"]


def test_agrees_with_sslscan_starttls_smtp(tlsdoctor, legacy, skip_or_fail):
    if not shutil.which("sslscan"):
        skip_or_fail("sslscan is not installed")
    ours, _ = scan(tlsdoctor, f"smtp://127.0.0.1:{legacy.smtp_port}")
    out = subprocess.run(["sslscan", "--no-colour", "--starttls-smtp",
                          f"127.0.0.1:{legacy.smtp_port}"], capture_output=True, text=True,
                         timeout=180).stdout
    theirs: dict[str, list[str]] = {}
    for m in re.finditer(r"^(?:Preferred|Accepted)\s+(TLSv1\.[0-3])\s+\d+ bits\s+(\S+)", out, re.M):
        theirs.setdefault(m.group(1), []).append(m.group(2))
    assert {v: sorted(s) for v, s in theirs.items()} == accepted(ours), out


def test_real_clients_agree(tlsdoctor, lab, legacy):
    ours, _ = scan(tlsdoctor, f"smtp://localhost:{legacy.smtp_port}")
    assert accepted(ours) == {"TLSv1.2": ["AES128-SHA", "AES256-SHA256"]}
    s_client = subprocess.run(
        ["openssl", "s_client", "-starttls", "smtp", "-connect",
         f"127.0.0.1:{legacy.smtp_port}", "-CAfile", str(lab.pki.ca), "-brief"],
        input="QUIT\n", capture_output=True, text=True, timeout=30)
    assert "Protocol version: TLSv1.2" in s_client.stderr, s_client.stderr
    assert re.search(r"Ciphersuite: (AES256-SHA256|AES128-SHA)\b", s_client.stderr)

    # Python's default context offers no RSA key exchange (3.10+): it fails like the doctor
    # says a modern client does; with the server's suites named, it connects.
    ctx = ssl.create_default_context(cafile=str(lab.pki.ca))
    with smtplib.SMTP("localhost", legacy.smtp_port, timeout=30) as smtp:
        with pytest.raises(ssl.SSLError, match="HANDSHAKE_FAILURE"):
            smtp.starttls(context=ctx)
    ctx = ssl.create_default_context(cafile=str(lab.pki.ca))
    ctx.set_ciphers("AES256-SHA256:AES128-SHA")
    with smtplib.SMTP("localhost", legacy.smtp_port, timeout=30) as smtp:
        smtp.starttls(context=ctx)
        assert smtp.sock.version() == "TLSv1.2"
        assert smtp.sock.cipher()[0] in ("AES256-SHA256", "AES128-SHA")
        code, _ = smtp.noop()  # a complete exchange after the handshake
        assert code == 250


def test_doctor_explains_a_legacy_cipher_postfix(tlsdoctor, lab, legacy):
    proc = run(tlsdoctor, f"smtp://localhost:{legacy.smtp_port}", "--client", "go-1.22",
               "--ca-file", str(lab.pki.ca), "--json")
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["route"] == {"proxy": None, "dialogs": ["smtp_starttls"]}
    verdict = doc["clients"][0]
    assert verdict["ok"] is False
    assert verdict["reason"] == "no_common_suite"


def test_no_starttls_in_the_ehlo_reply_is_said(tlsdoctor, lab, need_postfix):
    with pf.postfix(lab.pki.path("rsa2048"), lab.pki.key("rsa2048"), starttls=False) as server:
        proc = run(tlsdoctor, "hello", f"smtp://localhost:{server.smtp_port}", "--json")
    assert proc.returncode == 2, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["error"]["code"] == "starttls_unsupported"
    assert "the SMTP server's EHLO reply has no STARTTLS" in doc["error"]["message"]


def test_a_greeting_where_tls_was_expected(tlsdoctor, modern):
    proc = run(tlsdoctor, "hello", f"localhost:{modern.smtp_port}", "--json")
    doc = json.loads(proc.stdout)
    assert doc["error"]["code"] == "not_tls"
    assert "greeted in SMTP instead of TLS" in doc["error"]["message"]
    assert "use smtp://" in doc["error"]["message"]


def test_implicit_tls_where_a_greeting_was_expected(tlsdoctor, modern):
    proc = run(tlsdoctor, "hello", f"smtp://localhost:{modern.smtps_port}", "--json",
               "--timeout", "2")
    doc = json.loads(proc.stdout)
    assert doc["error"]["code"] == "timeout"
    assert "waiting for the SMTP greeting" in doc["error"]["message"]
    assert "implicit TLS" in doc["error"]["message"] and "smtps://" in doc["error"]["message"]


def test_well_known_port_note(tlsdoctor):
    # port 25 picks SMTP and says so, before anything is sent
    proc = run(tlsdoctor, "hello", "127.0.0.1:25", "--timeout", "1", "--json")
    assert "port 25 is SMTP's" in proc.stderr
    assert json.loads(proc.stdout)["route"] == {"proxy": None, "dialogs": ["smtp_starttls"]}
