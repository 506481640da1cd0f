"""The interop harness itself, without servers: suite-name mapping, the parsers of
curl / s_client / gnutls-cli output, the comparison rules, known differences, and the
simulate path end to end against a stand-in `tlsdoctor` script (so the comparison is
proven before the real `simulate` exists)."""

from __future__ import annotations

import json
import stat
import textwrap
from pathlib import Path

import pytest

from tests.interop import interop as io


def test_catalog_spellings():
    cat = io.catalog()
    assert cat.code("TLS_RSA_WITH_AES_256_CBC_SHA256") == "0x003d"          # IANA (Go, Java)
    assert cat.code("AES256-SHA256") == "0x003d"                            # OpenSSL
    assert cat.code("TLS_RSA_AES_256_CBC_SHA256") == "0x003d"               # GnuTLS
    assert cat.code("SSL_RSA_WITH_3DES_EDE_CBC_SHA") == "0x000a"            # old Java
    assert cat.code("TLS_AES_256_GCM_SHA384") == "0x1302"
    assert cat.code("no-such-suite") is None


@pytest.mark.parametrize("version,kx,cipher,mac,want", [
    ("TLSv1.3", None, "AES-256-GCM", "AEAD", "0x1302"),
    ("TLSv1.3", None, "CHACHA20-POLY1305", "AEAD", "0x1303"),
    ("TLSv1.2", "ECDHE-RSA", "AES-256-GCM", "AEAD", "0xc030"),
    ("TLSv1.2", "RSA", "AES-128-CBC", "SHA1", "0x002f"),
    ("TLSv1.2", "RSA", "3DES-CBC", "SHA1", "0x000a"),
    ("TLSv1.2", "DHE-RSA", "AES-256-GCM", "AEAD", "0x009f"),
    ("TLSv1.1", "ECDHE-RSA", "AES-256-CBC", "SHA1", "0xc014"),
    ("TLSv1.2", "ECDHE-ECDSA", "CHACHA20-POLY1305", "AEAD", "0xcca9"),
])
def test_gnutls_fields(version, kx, cipher, mac, want):
    s = io.catalog().from_gnutls_fields(version, kx, cipher, mac)
    assert s is not None and s.code == want


def test_parse_curl():
    ok = "* SSL connection using TLSv1.2 / AES256-SHA256\n* ALPN: server did not agree\n"
    assert io.parse_curl(0, ok) | {} == {"ok": True, "version": "TLSv1.2", "cipher": "AES256-SHA256",
                                         "error": None, "stage": "done"}
    r = io.parse_curl(35, "curl: (35) OpenSSL/3.0.19: error:0A000410:SSL routines::sslv3 alert handshake failure\n")
    assert not r["ok"] and r["error"].startswith("curl: (35)")
    # TLS 1.3 client certificate alert at the first read: a TLS failure
    r = io.parse_curl(56, "* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384\n"
                          "curl: (56) OpenSSL SSL_read: OpenSSL/3.0.19: error:0A00045C:SSL routines::tlsv13 alert certificate required, errno 0\n")
    assert not r["ok"] and r["version"] == "TLSv1.3"
    # h2 by ALPN to an HTTP/1-only server: the TLS part worked
    r = io.parse_curl(28, "* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384\n* ALPN: server accepted h2\n"
                          "curl: (28) Operation timed out after 10001 milliseconds with 0 bytes received\n")
    assert r["ok"] and r["alpn"] == "h2" and "timed out" in r["note"]
    r = io.parse_curl(60, "* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384\n"
                          "curl: (60) SSL: no alternative certificate subject name matches target host name 'localhost'\n")
    assert not r["ok"]


def test_parse_s_client_brief():
    err = ("CONNECTION ESTABLISHED\nProtocol version: TLSv1.3\nCiphersuite: TLS_AES_256_GCM_SHA384\n"
           "Server Temp Key: X25519, 253 bits\nDONE\n")
    r = io.parse_s_client_brief(0, "HTTP/1.0 200 ok\r\n", err)
    assert r["ok"] and r["version"] == "TLSv1.3" and r["cipher"] == "TLS_AES_256_GCM_SHA384"
    r = io.parse_s_client_brief(1, "", "depth=0 CN = wrong.example\nverify error:num=62:hostname mismatch\n"
                                       "40C7:error:0A000086:SSL routines:tls_post_process_server_certificate:certificate verify failed:x.c:1:\n")
    assert not r["ok"] and "hostname mismatch" in r["error"] and "certificate verify failed" in r["error"]


def test_parse_gnutls_cli():
    text = textwrap.dedent("""\
        - Description: (TLS1.2-X.509)-(RSA)-(AES-128-CBC)-(SHA1)
        - Version: TLS1.2
        - Key Exchange: RSA
        - Cipher: AES-128-CBC
        - MAC: SHA1
        - Handshake was completed
        - Simple Client Mode:
        - Received[2210]: HTTP/1.0 200 ok
        """)
    r = io.parse_gnutls_cli(0, text)
    assert r["ok"] and r["version"] == "TLSv1.2" and io.catalog().code(r["cipher"]) == "0x002f"
    r = io.parse_gnutls_cli(1, "*** Received alert [40]: Handshake failed\n*** Fatal error: A TLS fatal alert has been received.\n")
    assert not r["ok"] and "Handshake failed" in r["error"]


def test_compare_rules():
    real_ok = {"ok": True, "version": "TLSv1.2", "cipher": "AES256-SHA256", "error": None}
    sim_ok = {"client": "x", "ok": True, "version": "TLSv1.2", "cipher_iana": "TLS_RSA_WITH_AES_256_CBC_SHA256"}
    assert io.compare(real_ok, sim_ok)[0] == "agree"
    assert io.compare(real_ok, dict(sim_ok, cipher_iana="TLS_RSA_WITH_AES_128_CBC_SHA"))[0] == "disagree"
    assert io.compare(real_ok, dict(sim_ok, version="TLSv1.3"))[0] == "disagree"
    real_fail = {"ok": False, "version": None, "cipher": None, "error": "remote error: tls: handshake failure"}
    sim_fail = {"client": "x", "ok": False, "reason": "no_common_suite", "version": None}
    assert io.compare(real_fail, sim_fail)[0] == "agree"
    assert io.compare(real_fail, sim_ok)[0] == "disagree"
    assert io.compare(real_ok, sim_fail)[0] == "disagree"
    assert io.compare({"ok": False, "error": "harness: killed"}, sim_fail)[0] == "error"
    assert io.compare(dict(real_ok, version="TLS 1.2"), sim_ok)[0] == "agree"  # Go's spelling
    assert io.compare(dict(real_ok, cipher=None), sim_ok)[0] == "error"


def test_known_difference_matching():
    c = io.Client("go-mod1.22", "go-1.22", "go1.26.8", "mod1.22", connect=lambda *a: {})
    known = [{"scenario": "story", "client": "go-1.22", "reason": "r1"},
             {"scenario": "*", "client": "java", "reason": "r2"}]
    assert io.find_known(known, "story", c)["reason"] == "r1"
    assert io.find_known(known, "modern", c) is None
    j = io.Client("java", "java-17", "17", "java17", connect=lambda *a: {})
    assert io.find_known(known, "modern", j)["reason"] == "r2"


def _fake_profiles(d: Path) -> Path:
    d.mkdir()
    (d / "go-1.22.json").write_text(json.dumps({"id": "go-1.22", "knobs": [{"name": "GODEBUG=tlsrsakex=1"}]}))
    (d / "python-3.11.json").write_text(json.dumps({"id": "python-3.11", "knobs": []}))
    return d


def test_profile_status(tmp_path):
    d = _fake_profiles(tmp_path / "profiles")
    assert io.profile_status("go-1.22", d) is None
    assert io.profile_status("go-1.22+GODEBUG=tlsrsakex=1", d) is None
    assert "no knob" in io.profile_status("go-1.22+GODEBUG=tls3des=1", d)
    assert "no profile" in io.profile_status("java-17", d)


def test_simulate_path_with_stand_in_binary(tmp_path):
    """run_scenario -> `tlsdoctor simulate ... --json` -> comparison, with a script that
    answers like the real command will (schema tlsdoctor.simulate/1)."""
    profiles = _fake_profiles(tmp_path / "profiles")
    fake = tmp_path / "tlsdoctor"
    fake.write_text(textwrap.dedent("""\
        #!/usr/bin/env python3
        import json, sys
        a = sys.argv[1:]
        if a[:1] == ["--help"]:
            print("Subcommands:\\n  simulate                    predict clients"); sys.exit(0)
        if a[:2] == ["simulate", "--help"]:
            print("Usage: tlsdoctor simulate [OPTIONS] TARGET\\nOptions:"); sys.exit(0)
        ids = a[a.index("--clients") + 1].split(",")
        res = []
        for i in ids:
            if i == "go-1.22":
                res.append({"client": i, "ok": False, "reason": "no_common_suite",
                            "error": "remote error: tls: handshake failure", "version": None,
                            "cipher_iana": None, "cipher_openssl": None, "group": None})
            else:
                res.append({"client": i, "ok": True, "reason": None, "error": None, "version": "TLSv1.2",
                            "cipher_iana": "TLS_RSA_WITH_AES_256_CBC_SHA256", "cipher_openssl": "AES256-SHA256",
                            "group": None})
        print(json.dumps({"schema": "tlsdoctor.simulate/1", "target": a[1], "results": res}))
        sys.exit(1)
        """))
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    assert io.has_simulate(fake) == (True, "ok")

    def fixed(r):
        return lambda host, port, ca: dict(r)

    clients = [
        io.Client("go-mod1.22", "go-1.22", "", "mod1.22", fixed({"ok": False, "version": None, "cipher": None,
                                                                "error": "remote error: tls: handshake failure"})),
        io.Client("go-toolchain+GODEBUG=tlsrsakex=1", "go-1.22+GODEBUG=tlsrsakex=1", "", "rsakex",
                  fixed({"ok": True, "version": "TLSv1.2", "cipher": "TLS_RSA_WITH_AES_128_CBC_SHA", "error": None})),
        io.Client("python", "python-3.11", "", "py", fixed({"ok": True, "version": "TLSv1.2",
                                                           "cipher": "AES256-SHA256", "error": None})),
        io.Client("java", "java-17", "", "java", fixed({"ok": True, "version": "TLSv1.2",
                                                       "cipher": "TLS_RSA_WITH_AES_256_CBC_SHA256", "error": None})),
    ]
    known = [{"scenario": "story", "client": "go-1.22+GODEBUG=tlsrsakex=1", "reason": "test entry"}]
    cells, sim = io.run_scenario("story", "127.0.0.1:1", "127.0.0.1", 1, tmp_path / "ca.pem", clients,
                                 fake, known, profiles)
    st = {c.client: c.status for c in cells}
    assert st == {"go-mod1.22": "agree", "go-toolchain+GODEBUG=tlsrsakex=1": "known", "python": "agree",
                  "java": "no_profile"}, [(c.client, c.status, c.detail) for c in cells]
    assert sim["argv"][1:7] == ["simulate", "127.0.0.1:1", "--sni", "localhost", "--ca-file", str(tmp_path / "ca.pem")]
    assert sim["argv"][7:9] == ["--clients", "go-1.22,go-1.22+GODEBUG=tlsrsakex=1,python-3.11"]
    t = io.totals(cells)
    assert (t["agree"], t["known"], t["compared"], t["no_profile"]) == (2, 1, 3, 1)
    assert "agreement 2/3" in io.totals_line(t)
    table = io.table({"story": cells}, clients, compare_mode=True)
    assert "✓" in table and "~" in table and "?" in table


def test_has_simulate_rejects_binary_without_the_command(tmp_path):
    fake = tmp_path / "tlsdoctor"
    fake.write_text("#!/bin/sh\necho 'Subcommands:'\necho '  scan   inventory'\nexit 0\n")
    fake.chmod(0o755)
    ok, why = io.has_simulate(fake)
    assert not ok and "no `simulate`" in why
    assert io.has_simulate(tmp_path / "missing")[0] is False
