"""Issue #12 part 2: every STARTTLS dialog against the real server it speaks to.

For each Debian server in tests/lab/servers (dovecot, postgresql, mariadb, slapd, vsftpd,
prosody), tlsdoctor's scan through the dialog (tests/route_scan: the probe engine and the
OpenSSL full handshakes, both through the dialog) must find the same accepted versions
and cipher suites as `openssl s_client -starttls` asking for each one; dovecot's STARTTLS
ports must scan the same as its implicit-TLS ports (same OpenSSL configuration). Servers
configured to refuse give the dialog's named error, and hostile peers (endless banner, a
1 MiB line, plaintext after the go-ahead, silence) end in bounded time with theirs.
`sslscan --starttls-*` is compared and its figures printed (-s shows them).

Run: TLSD_ROUTE_SCAN_BIN=build/asan-ubsan/tlsd_route_scan python3 -m pytest -q -s tests/lab/test_dialogs.py
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from tests.lab.servers import ServerMissing, start

REPO = Path(__file__).resolve().parents[2]
VERSIONS = {"TLSv1": "-tls1", "TLSv1.1": "-tls1_1", "TLSv1.2": "-tls1_2", "TLSv1.3": "-tls1_3"}
TLS13_SUITES = ["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
                "TLS_AES_128_CCM_SHA256", "TLS_AES_128_CCM_8_SHA256"]

# (server kind, its port, dialog, s_client -starttls, extra s_client args, sslscan flag)
CASES = [
    ("dovecot", "imap", "imap_starttls", "imap", [], "--starttls-imap"),
    ("dovecot", "pop3", "pop3_starttls", "pop3", [], "--starttls-pop3"),
    ("vsftpd", "ftp", "ftp_auth_tls", "ftp", [], "--starttls-ftp"),
    ("postgres", "pg", "postgres_sslrequest", "postgres", [], "--starttls-psql"),
    ("postgres_legacy", "pg", "postgres_sslrequest", "postgres", [], "--starttls-psql"),
    ("mariadb", "mysql", "mysql_ssl", "mysql", [], "--starttls-mysql"),
    ("mariadb_rsa_kex", "mysql", "mysql_ssl", "mysql", [], "--starttls-mysql"),
    ("slapd", "ldap", "ldap_starttls", "ldap", [], "--starttls-ldap"),
    ("prosody", "c2s", "xmpp_client", "xmpp", ["-xmpphost", "localhost"], "--starttls-xmpp"),
    ("prosody", "s2s", "xmpp_server", "xmpp-server", ["-xmpphost", "localhost"], None),
]

FIGURES: list[str] = []


@pytest.fixture(scope="session")
def route_scan(skip_or_fail) -> Path:
    env = os.environ.get("TLSD_ROUTE_SCAN_BIN")
    cands = [Path(env)] if env else []
    if os.environ.get("TLSDOCTOR_BIN"):
        cands.append(Path(os.environ["TLSDOCTOR_BIN"]).parent / "tlsd_route_scan")
    cands.append(REPO / "build" / "asan-ubsan" / "tlsd_route_scan")
    for c in cands:
        if c.is_file():
            return c
    skip_or_fail(f"tlsd_route_scan not built (tried {', '.join(map(str, cands))})")


_servers: dict[str, object] = {}


@pytest.fixture(scope="module")
def servers(lab, skip_or_fail):
    """Each server kind started once for the module, on first use."""
    def get(kind: str):
        if kind not in _servers:
            try:
                _servers[kind] = start(kind, lab.pki)
            except ServerMissing as e:
                skip_or_fail(str(e))
        return _servers[kind]
    yield get
    for s in _servers.values():
        s.stop()
    _servers.clear()


@pytest.fixture(scope="module", autouse=True)
def print_figures():
    yield
    if FIGURES:
        print("\n" + "\n".join(FIGURES))


def scan(binary: Path, host: str, port: int, dialog: str, *args: str, timeout: float = 180):
    t = time.monotonic()
    p = subprocess.run([str(binary), host, str(port), dialog, *args], capture_output=True,
                       timeout=timeout)
    out = json.loads(p.stdout.decode())
    return out, time.monotonic() - t, p.stderr.decode(errors="replace")


def accepted(doc: dict) -> dict[str, set[str]]:
    """{version: {suites, OpenSSL names}} from a scan document."""
    out: dict[str, set[str]] = {}
    for v in doc["versions"]:
        if v["supported"] and v["version"] in VERSIONS:
            out[v["version"]] = set()
    for version, block in (doc.get("cipher_suites") or {}).items():
        if version in out:
            out[version] = {s["openssl"] or s["iana"] for s in block["suites"]}
    return out


def s_client(port: int, starttls: str, extra: list[str], args: list[str]) -> bool:
    argv = ["openssl", "s_client", "-connect", f"127.0.0.1:{port}", "-starttls", starttls,
            *extra, *args]
    try:
        p = subprocess.run(argv, input=b"", capture_output=True, timeout=15)
    except subprocess.TimeoutExpired:
        return False
    out = p.stdout.decode(errors="replace")
    m = re.search(r"^(?:New|Reused), \S+, Cipher is (\S+)", out, re.M)
    return bool(m and m.group(1) != "(NONE)")


def s_client_truth(port: int, starttls: str, extra: list[str]) -> dict[str, set[str]]:
    """Versions, then each suite of each accepted version, one s_client each."""
    low = subprocess.run(["openssl", "ciphers", "ALL:COMPLEMENTOFALL:@SECLEVEL=0"],
                         capture_output=True, text=True).stdout.strip().split(":")
    low = [c for c in low if not c.startswith("TLS_")]
    truth: dict[str, set[str]] = {}
    for version, flag in VERSIONS.items():
        if version == "TLSv1.3":
            got = {s for s in TLS13_SUITES
                   if s_client(port, starttls, extra, [flag, "-ciphersuites", s])}
        else:
            if not s_client(port, starttls, extra, [flag, "-cipher", "ALL:@SECLEVEL=0"]):
                continue
            got = {c for c in low
                   if s_client(port, starttls, extra, [flag, "-cipher", f"{c}:@SECLEVEL=0"])}
        if got:
            truth[version] = got
    return truth


def sslscan_accepted(flag: str, port: int, host: str) -> set[tuple[str, str]] | None:
    try:
        p = subprocess.run(["sslscan", flag, "--no-colour", "--xml=-", "--no-heartbleed",
                            "--no-compression", "--no-renegotiation", "--no-fallback",
                            f"{host}:{port}"], capture_output=True, text=True, timeout=300)
    except (FileNotFoundError, subprocess.TimeoutExpired):
        return None
    names = {"TLSv1.0": "TLSv1", "TLSv1.1": "TLSv1.1", "TLSv1.2": "TLSv1.2", "TLSv1.3": "TLSv1.3"}
    return {(names.get(m.group(1), m.group(1)), m.group(2)) for m in re.finditer(
        r'<cipher status="\w+" sslversion="([^"]+)" bits="\d+" cipher="([^"]+)"', p.stdout)}


@pytest.mark.parametrize("kind,port_name,dialog,starttls,extra,sslscan_flag", CASES,
                         ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_scan_through_dialog_equals_s_client(route_scan, servers, kind, port_name, dialog,
                                             starttls, extra, sslscan_flag):
    srv = servers(kind)
    port = srv.ports[port_name]
    sni = ["--sni", "localhost"]
    doc, took, err = scan(route_scan, "127.0.0.1", port, dialog, *sni)
    assert doc["error"] is None, (doc["error"], err[-2000:])
    ours = accepted(doc)
    t = time.monotonic()
    truth = s_client_truth(port, starttls, extra)
    truth_took = time.monotonic() - t
    line = (f"{kind}/{port_name} via {dialog}: scan {took:.1f}s, s_client truth {truth_took:.1f}s; "
            + "; ".join(f"{v}: {len(ours.get(v, ()))} suites" for v in VERSIONS if v in ours))
    # OpenSSL 3 on Debian has no SSLv3/3DES/RC4: the engine may see more than s_client can
    # ask for, never less; what s_client cannot name is reported, not failed.
    for v in VERSIONS:
        assert (v in ours) == (v in truth), f"{v}: ours {sorted(ours)} s_client {sorted(truth)}"
        if v in truth:
            missing = truth[v] - ours[v]
            assert not missing, f"{v}: s_client connects with {sorted(missing)}, the scan lacks them"
            extra_found = ours[v] - truth[v]
            if extra_found:
                line += f" [{v}: {len(extra_found)} beyond s_client's reach: {sorted(extra_found)}]"
    if sslscan_flag:
        t = time.monotonic()
        # sslscan names the XMPP domain after the host it connects to: prosody serves
        # "localhost" only. sslscan 2.0.7's LDAP STARTTLS fails against slapd ("failed
        # with unknown error"): its 0 is a blind spot, reported, not failed.
        host = "localhost" if "xmpp" in sslscan_flag else "127.0.0.1"
        theirs = sslscan_accepted(sslscan_flag, port, host)
        if theirs is not None:
            ours_pairs = {(v, s) for v, ss in ours.items() for s in ss}
            line += (f"; sslscan {sslscan_flag} {time.monotonic() - t:.1f}s: {len(theirs)} accepted, "
                     f"agree {len(theirs & ours_pairs)}, only sslscan {sorted(theirs - ours_pairs)}, "
                     f"only tlsdoctor {sorted(ours_pairs - theirs)}")
    FIGURES.append(line)


@pytest.mark.parametrize("starttls_port,implicit_port,dialog", [
    ("imap", "imaps", "imap_starttls"), ("pop3", "pop3s", "pop3_starttls")])
def test_starttls_scan_equals_implicit_tls_scan(route_scan, servers, starttls_port,
                                                implicit_port, dialog):
    srv = servers("dovecot")
    a, _, _ = scan(route_scan, "127.0.0.1", srv.ports[starttls_port], dialog, "--sni", "localhost")
    b, _, _ = scan(route_scan, "127.0.0.1", srv.ports[implicit_port], "none", "--sni", "localhost")
    assert a["error"] is None and b["error"] is None
    assert accepted(a) == accepted(b)
    for key in ("groups", "signature_schemes"):
        assert json.dumps(a.get(key), sort_keys=True) == json.dumps(b.get(key), sort_keys=True), key
    chain = lambda d: [c["subject"] for c in (d["certificates"] or [{}])[0].get("chain", [])]
    assert chain(a) == chain(b) and chain(a)


@pytest.mark.parametrize("kind,port_name,dialog,code,words", [
    ("postgres_nossl", "pg", "postgres_sslrequest", "postgres_ssl_off", "ssl = off"),
    ("mariadb_nossl", "mysql", "mysql_ssl", "mysql_no_ssl", "MariaDB"),
    ("slapd_notls", "ldap", "ldap_starttls", "ldap_refused", "resultCode"),
    # An XMPP server waits for the client's stream: IMAP's greeting never comes.
    ("prosody", "c2s", "imap_starttls", "timeout", "while waiting for the IMAP greeting"),
])
def test_real_refusals_are_named(route_scan, servers, kind, port_name, dialog, code, words):
    srv = servers(kind)
    doc, took, _ = scan(route_scan, "127.0.0.1", srv.ports[port_name], dialog, "--timeout", "3")
    assert doc["error"] is not None
    assert doc["error"]["code"] == code, doc["error"]
    assert words in doc["error"]["message"], doc["error"]
    FIGURES.append(f"{kind} via {dialog}: {doc['error']['code']}: {doc['error']['message']} "
                   f"({took:.1f}s)")


# ---- hostile peers ----------------------------------------------------------------------

XMPP_HEADER = (b"<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
               b"xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>")
# dialog: (greeting, go-ahead, what opens an endless reply, one more piece of it)
GREETING = {
    "imap_starttls": (b"* OK [CAPABILITY IMAP4rev1 STARTTLS] hi\r\n", b"a2 OK go\r\n",
                      b"* OK hi\r\n", b"* OK still thinking\r\n"),
    "pop3_starttls": (b"+OK hi\r\n", None, b"+OK hi\r\n+OK\r\n", b"X-CAPABILITY\r\n"),
    "ftp_auth_tls": (b"220 hi\r\n", b"234 go\r\n", b"220-hi\r\n", b"220-and more\r\n"),
    "xmpp_client": (XMPP_HEADER + b"<stream:features><starttls "
                    b"xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:features>",
                    b"<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>",
                    XMPP_HEADER + b"<stream:features><x>", b"<feature-x/>"),
}


class Hostile:
    """A loopback peer that misbehaves in one way for every connection."""

    def __init__(self, dialog: str, mode: str):
        self.dialog, self.mode = dialog, mode
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.stop = False
        threading.Thread(target=self.run, daemon=True).start()

    def run(self):
        self.sock.settimeout(0.2)
        while not self.stop:
            try:
                c, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self.serve, args=(c,), daemon=True).start()

    def serve(self, c: socket.socket):
        greeting, go, prefix, unit = GREETING[self.dialog]
        c.settimeout(10)
        try:
            if self.mode == "silent":
                time.sleep(8)
            elif self.mode == "endless":
                c.sendall(prefix)
                for _ in range(200000):
                    if self.stop:
                        break
                    c.sendall(unit)
            elif self.mode == "long_line":
                c.sendall(prefix + b"a" * (1 << 20))
                time.sleep(3)
            elif self.mode == "plaintext_after_go":
                c.sendall(greeting)
                while go is not None:
                    data = c.recv(4096)
                    if not data:
                        return
                    if b"STARTTLS" in data or b"AUTH TLS" in data or b"starttls" in data:
                        c.sendall(go + b"plaintext that is not TLS\r\n")
                        break
                time.sleep(3)
        except OSError:
            pass
        finally:
            c.close()

    def close(self):
        self.stop = True
        self.sock.close()


HOSTILE_MODES = [
    ("silent", {"timeout"}),
    ("endless", {"dialog_too_many_lines", "dialog_too_long", "dialog_line_too_long"}),
    ("long_line", {"dialog_line_too_long"}),
    ("plaintext_after_go", {"dialog_extra_bytes"}),
]


# plaintext_after_go needs a go-ahead line; a dialog without one is covered by the
# IMAP/FTP/XMPP peers, so that pair is not generated (never a skip).
@pytest.mark.parametrize("dialog,mode,codes", [
    (dialog, mode, codes) for dialog in GREETING for mode, codes in HOSTILE_MODES
    if not (mode == "plaintext_after_go" and GREETING[dialog][1] is None)])
def test_hostile_peers_end_in_bounded_time(route_scan, dialog, mode, codes):
    peer = Hostile(dialog, mode)
    try:
        doc, took, err = scan(route_scan, "127.0.0.1", peer.port, dialog, "--timeout", "2",
                              "--no-cert", "--only", "versions", timeout=60)
    finally:
        peer.close()
    assert doc["error"] is not None, err[-1000:]
    assert doc["error"]["code"] in codes, doc["error"]
    assert took < 30, took
    FIGURES.append(f"hostile {mode} vs {dialog}: {doc['error']['code']} in {took:.1f}s")


def _mysql_handshake(caps: int) -> bytes:
    import struct
    p = (b"\x0a8.0.36\x00" + struct.pack("<I", 1) + b"abcdefgh\x00" + struct.pack("<H", caps & 0xffff)
         + b"\x21" + struct.pack("<H", 2) + struct.pack("<H", caps >> 16) + b"\x15" + b"\x00" * 10
         + b"ijklmnopqrst\x00mysql_native_password\x00")
    return struct.pack("<I", len(p))[:3] + b"\x00" + p


# The binary dialogs' hostile peers: (dialog, what the peer sends, expected codes). The
# peer first reads what the client says when the client speaks first.
BINARY_HOSTILE = [
    ("postgres_sslrequest", "silent", None, {"timeout"}),
    ("postgres_sslrequest", "endless_error", b"E" + b"a" * (1 << 20), {"dialog_line_too_long"}),
    ("postgres_sslrequest", "plaintext_after_go", b"Splaintext", {"dialog_extra_bytes"}),
    ("postgres_sslrequest", "http", b"HTTP/1.1 400 Bad Request\r\n\r\n", {"not_postgres"}),
    ("mysql_ssl", "silent", None, {"timeout"}),
    ("mysql_ssl", "huge_packet", b"\xff\xff\xff\x00" + b"a" * (1 << 20), {"not_mysql"}),
    ("mysql_ssl", "plaintext_after_go", _mysql_handshake(0xc7fffeff) + b"plaintext",
     {"dialog_extra_bytes"}),
    ("mysql_ssl", "no_ssl", _mysql_handshake(0xc7fff6ff), {"mysql_no_ssl"}),
    ("ldap_starttls", "silent", None, {"timeout"}),
    ("ldap_starttls", "huge_message", b"\x30\x84\x7f\xff\xff\xff" + b"a" * (1 << 20),
     {"dialog_too_long"}),
    ("ldap_starttls", "plaintext_after_go",
     b"\x30\x0c\x02\x01\x01\x78\x07\x0a\x01\x00\x04\x00\x04\x00plaintext", {"dialog_extra_bytes"}),
    ("xmpp_server", "smtp_banner", b"220 mail ESMTP\r\n", {"not_xmpp"}),
]


@pytest.mark.parametrize("dialog,mode,script,codes", BINARY_HOSTILE,
                         ids=[f"{d}-{m}" for d, m, _, _ in BINARY_HOSTILE])
def test_binary_hostile_peers_end_in_bounded_time(route_scan, dialog, mode, script, codes):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.2)
    port, stop = listener.getsockname()[1], threading.Event()

    def serve(c: socket.socket):
        c.settimeout(5)
        try:
            if dialog in ("postgres_sslrequest", "ldap_starttls"):
                c.recv(4096)  # the client speaks first
            if script is None:
                time.sleep(5)
            else:
                c.sendall(script)
                time.sleep(2)
        except OSError:
            pass
        finally:
            c.close()

    def run():
        while not stop.is_set():
            try:
                c, _ = listener.accept()
            except OSError:
                continue
            threading.Thread(target=serve, args=(c,), daemon=True).start()

    threading.Thread(target=run, daemon=True).start()
    try:
        doc, took, err = scan(route_scan, "127.0.0.1", port, dialog, "--timeout", "2",
                              "--no-cert", "--only", "versions", timeout=60)
    finally:
        stop.set()
        listener.close()
    assert doc["error"] is not None, err[-1000:]
    assert doc["error"]["code"] in codes, doc["error"]
    assert took < 30, took
    FIGURES.append(f"hostile {mode} vs {dialog}: {doc['error']['code']} in {took:.1f}s")
