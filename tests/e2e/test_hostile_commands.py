"""Every command against servers that misbehave in ways the quirky peer does not
cover (issue 9): a listener that closes without reading (SIGPIPE race), a validly
signed certificate whose SAN holds escape sequences and bytes that are not UTF-8,
and an HTTP answer with such bytes in its status line. Whatever the server does,
each command ends with a documented exit status and a named outcome, writes valid
UTF-8 without a raw control byte, and its --json parses."""

from __future__ import annotations

import binascii
import contextlib
import json
import re
import socket
import ssl
import subprocess
import threading
from pathlib import Path

import pytest

SANITIZER_MARKS = ("AddressSanitizer", "UndefinedBehaviorSanitizer", "runtime error:")
# C0 controls but newline, DEL, and C1 controls as UTF-8 (U+009B is CSI on some terminals).
RAW_CONTROL = re.compile(rb"[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")
HOSTILE_NAME = b"evil\x1b[31mred\xff\xc2\x9b2J"
ENV = {"NO_COLOR": "1", "PATH": "/usr/bin:/bin"}


def run(tlsdoctor, *argv, stdin: bytes | None = None, timeout: float = 120):
    proc = subprocess.run([str(tlsdoctor), *argv], input=stdin, capture_output=True,
                          timeout=timeout, env=ENV)
    err = proc.stderr.decode("utf-8", "replace")
    for mark in SANITIZER_MARKS:
        assert mark not in err, err
    assert proc.returncode in (0, 1, 2), f"exit {proc.returncode} (signal?): {err}"
    if proc.returncode == 2:
        assert err.strip() or proc.stdout.strip(), "an operational error must say what happened"
    return proc


def assert_safe_text(out: bytes) -> None:
    out.decode("utf-8")  # valid UTF-8, or this raises
    found = RAW_CONTROL.search(out)
    assert not found, f"raw control byte {found.group()!r} in output:\n{out[:2000]!r}"


def assert_json(proc) -> dict | list:
    assert_safe_text(proc.stdout)
    assert proc.stdout.strip(), proc.stderr
    return json.loads(proc.stdout)


# ---- a listener that accepts and closes without reading ------------------------------

@pytest.fixture(scope="module")
def closer():
    """accept(); close() in a loop: the client's writes race the close (EPIPE/RST)."""
    srv = socket.create_server(("127.0.0.1", 0), backlog=128)
    stop = threading.Event()

    def loop():
        srv.settimeout(0.2)
        while not stop.is_set():
            with contextlib.suppress(OSError):
                conn, _ = srv.accept()
                conn.close()

    t = threading.Thread(target=loop, daemon=True)
    t.start()
    yield f"127.0.0.1:{srv.getsockname()[1]}"
    stop.set()
    t.join(2)
    srv.close()


@pytest.mark.parametrize("command,repeat", [("scan", 15), ("get", 15), ("simulate", 5),
                                            ("doctor", 5), ("hello", 5)])
def test_close_without_reading_never_kills_the_process(tlsdoctor, closer, command, repeat):
    for _ in range(repeat):
        if command == "get":
            argv = ["get", f"https://{closer}/", "--timeout", "3"]
        elif command == "doctor":
            argv = [closer, "--client", "go-1.22", "--timeout", "3"]
        else:
            argv = [command, closer, "--timeout", "3"]
        proc = run(tlsdoctor, *argv)
        assert proc.returncode in (1, 2), proc.stdout
        assert proc.stdout.strip() or proc.stderr.strip(), "no word at all"
        assert_safe_text(proc.stdout)


# ---- a certificate with escape sequences and non-UTF-8 bytes in its SAN ------------

def _der_len(n: int) -> bytes:
    return bytes([n]) if n < 128 else bytes([0x81, n])


@pytest.fixture(scope="module")
def hostile_cert_server(lab, tmp_path_factory):
    """openssl s_server (-www) with a lab-CA-signed leaf whose SAN carries raw bytes."""
    d = tmp_path_factory.mktemp("hostile_cert")
    names = b"".join(b"\x82" + _der_len(len(n)) + n for n in (b"localhost", HOSTILE_NAME))
    san = b"\x30" + _der_len(len(names)) + names
    ext = d / "ext.cnf"
    ext.write_text(f"2.5.29.17 = DER:{binascii.hexlify(san).decode()}\n"
                   "extendedKeyUsage = serverAuth\n")
    key, csr, cert = d / "leaf.key", d / "leaf.csr", d / "leaf.pem"
    subprocess.run(["openssl", "req", "-new", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", csr,
                    "-subj", "/CN=localhost/O=evil\x1b]0;title\x07"], check=True,
                   capture_output=True)
    subprocess.run(["openssl", "x509", "-req", "-in", csr, "-CA", lab.pki.ca, "-CAkey",
                    lab.pki.ca_key, "-CAcreateserial", "-days", "30", "-extfile", ext,
                    "-out", cert], check=True, capture_output=True)
    port = _free_port()
    proc = subprocess.Popen(["openssl", "s_server", "-accept", f"127.0.0.1:{port}", "-cert", cert,
                             "-key", key, "-www", "-quiet"], stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_listening(port)
    yield f"127.0.0.1:{port}"
    proc.kill()
    proc.wait()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_listening(port: int, timeout: float = 10) -> None:
    import time
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port}")


def _hostile_argv(command: str, address: str, ca: Path) -> list[str]:
    if command == "get":
        return ["get", f"https://localhost:{address.rsplit(':', 1)[1]}/", "--ip", "127.0.0.1",
                "--ca-file", str(ca)]
    if command == "doctor":
        return [address, "--client", "go-1.22", "--sni", "localhost", "--ca-file", str(ca)]
    if command == "hello":
        return ["hello", address, "--tls1.2", "--sni", "localhost"]
    return [command, address, "--sni", "localhost", "--ca-file", str(ca)]


@pytest.mark.parametrize("command", ["hello", "scan", "simulate", "doctor", "get"])
@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_hostile_certificate_names_are_escaped(tlsdoctor, lab, hostile_cert_server, command,
                                                as_json):
    argv = _hostile_argv(command, hostile_cert_server, lab.pki.ca)
    if command == "simulate":
        argv += ["--clients", "go-1.22,openssl-3.0"]
    proc = run(tlsdoctor, *argv, *(["--json"] if as_json else []))
    if as_json:
        doc = assert_json(proc)
        text = json.dumps(doc)
    else:
        assert_safe_text(proc.stdout)
        text = proc.stdout.decode()
    if command == "hello" or (command == "scan" and as_json):  # scan's text shows no SANs
        # The name is there, visibly escaped, not dropped.
        assert "evil\\x1b[31mred\\xff\\u{009b}2J" in text.replace("\\\\", "\\"), text[:3000]


# ---- an HTTP answer with raw bytes in its status line ----------------------------------

@pytest.fixture(scope="module")
def hostile_http_server(lab):
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(lab.pki.path("rsa2048"), lab.pki.key("rsa2048"))
    srv = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve():
        srv.settimeout(0.2)
        while not stop.is_set():
            try:
                raw, _ = srv.accept()
            except OSError:
                continue
            with contextlib.suppress(OSError, ssl.SSLError), raw:
                raw.settimeout(5)
                with ctx.wrap_socket(raw, server_side=True) as tls:
                    tls.recv(4096)
                    tls.sendall(b"HTTP/1.1 200 \xff\x1b[2J\xc2\x9bOK\r\nX-Evil: \x1b]0;t\x07\r\n\r\n")

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    yield srv.getsockname()[1]
    stop.set()
    t.join(2)
    srv.close()


@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_get_escapes_the_servers_status_line(tlsdoctor, lab, hostile_http_server, as_json):
    proc = run(tlsdoctor, "get", f"https://localhost:{hostile_http_server}/", "--ip", "127.0.0.1",
               "--ca-file", str(lab.pki.ca), *(["--json"] if as_json else []))
    assert proc.returncode == 0, proc.stderr
    if as_json:
        doc = assert_json(proc)
        assert doc["status_line"] == "HTTP/1.1 200 \\xff\\x1b[2J\\u{009b}OK"
    else:
        assert_safe_text(proc.stdout)
        assert b"HTTP/1.1 200 \\xff\\x1b[2J\\u{009b}OK" in proc.stdout


# ---- pasted text that is not UTF-8 ------------------------------------------------------

@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_explain_pasted_bytes_that_are_not_utf8(tlsdoctor, as_json):
    paste = b"remote error: tls: \xff\x1b[2J handshake failure \xc2\x9b\n"
    proc = run(tlsdoctor, "explain", *(["--json"] if as_json else []), stdin=paste)
    if as_json:
        assert_json(proc)
    else:
        assert_safe_text(proc.stdout)


# ---- get names the transport's doing as such ------------------------------------------

@pytest.mark.parametrize("mode,code", [("reset", "reset"), ("close_immediately", "closed"),
                                       ("stall", "timeout")])
def test_get_reports_transport_failures_as_transport(tlsdoctor, peer, mode, code):
    p = peer(mode, hold=5)
    proc = run(tlsdoctor, "get", f"https://127.0.0.1:{p.port}/", "--timeout", "2", "--json")
    doc = assert_json(proc)
    assert proc.returncode != 0, proc.stdout
    assert doc["error"]["layer"] == "transport", doc
    assert doc["error"]["code"] == code, doc
    assert doc["stage"] == "handshake", doc


# ---- nothing negotiable is a finding, never "nothing of concern" ---------------------

def test_scan_of_a_server_that_refuses_every_version_exits_1(tlsdoctor, peer):
    p = peer("alert_close", hold=5)
    proc = run(tlsdoctor, "scan", f"127.0.0.1:{p.port}", "--timeout", "2", "--json")
    doc = assert_json(proc)
    assert proc.returncode == 1, proc.stdout
    ids = [f["id"] for f in doc["findings"]]
    assert ids[0] == "no_version", ids
    text = run(tlsdoctor, "scan", f"127.0.0.1:{p.port}", "--timeout", "2")
    assert text.returncode == 1
    assert b"No protocol version could be negotiated" in text.stdout
