"""Every quirky-peer mode: a real client fails against it, and the peer did what its mode
promises (checked on the raw bytes with a plain socket)."""

from __future__ import annotations

import socket
import ssl
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.peer import tls_bytes as t
from tests.peer.quirky_peer import MODES

REPO_ROOT = Path(__file__).resolve().parents[2]
STALL_MODES = {"stall", "stall_midway", "tiny_records", "slow_drip", "hello_size_intolerant"}

# What `openssl s_client` (3.0) reports for each mode; None: it just hangs until killed.
S_CLIENT_SAYS = {
    "garbage": "wrong version number",
    "truncated_record": "unexpected eof while reading",
    "bad_handshake_length": "bad length",
    "stall": None,
    "stall_midway": None,
    "reset": "errno=104",
    "close_immediately": "unexpected eof while reading",
    "http": "wrong version number",
    "oversized_record": "packet length too long",
    "alert_close": "alert handshake failure",
    "endless_alerts": "too many warn alerts",
    "ssl2_answer": "wrong version number",
    "tiny_records": None,
    "zero_length_records": "record too small",
    "huge_certificate_length": "excessive message size",
    "slow_drip": None,
    "serverhello_then_close": "unexpected eof while reading",
    "unoffered_cipher": "unknown cipher returned",
    "hrr_twice": "unexpected message",
    "hello_size_intolerant": None,
    # flight_modes.py: real flights with one fault (and a control without)
    "clean_tls12_flight": "unexpected eof while reading",
    "rate_limited": "unexpected eof while reading",
    "compressed_server_hello": "compression disabled",
    "downgrade_sentinel": "inappropriate fallback",
    "unsolicited_extension": "unsolicited extension",
    "tls13_bad_key_share": "bad key share",
    "tls13_session_id_not_echoed": "invalid session id",
    "bad_ske_signature": "bad signature",
    "dh_even_prime": "bad dh value",
    "dh_public_one": "bad dh value",
    "oversized_plaintext_record": "packet length too long",
}


def real_client_hello() -> bytes:
    """The ClientHello Python's OpenSSL would send (TLS 1.2 + 1.3)."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname, ctx.verify_mode = False, ssl.CERT_NONE
    inc, out = ssl.MemoryBIO(), ssl.MemoryBIO()
    obj = ctx.wrap_bio(inc, out, server_hostname="localhost")
    with pytest.raises(ssl.SSLWantReadError):
        obj.do_handshake()
    return out.read()


def connect(peer, hello: bytes | None = None) -> socket.socket:
    s = socket.create_connection((peer.host, peer.port), timeout=5)
    s.sendall(hello if hello is not None else real_client_hello())
    return s


def recv_until_eof(s: socket.socket, timeout: float = 3.0, limit: int = 1 << 20) -> bytes:
    s.settimeout(timeout)
    data = b""
    while len(data) < limit:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


def recv_for(s: socket.socket, seconds: float) -> tuple[bytes, bool]:
    """Read for `seconds`; returns (data, eof_seen)."""
    deadline = time.monotonic() + seconds
    data = b""
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return data, False
        s.settimeout(left)
        try:
            chunk = s.recv(65536)
        except socket.timeout:
            return data, False
        if not chunk:
            return data, True
        data += chunk


def records(data: bytes) -> list[tuple[int, int, bytes]]:
    out, i = [], 0
    while i + 5 <= len(data):
        ct, ver, ln = struct.unpack(">BHH", data[i:i + 5])
        out.append((ct, ver, data[i + 5:i + 5 + ln]))
        i += 5 + ln
    return out


def s_client(peer, timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run(["timeout", str(timeout), "openssl", "s_client", "-connect", peer.address,
                           "-servername", "localhost"], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True)


# ---- a real client fails --------------------------------------------------------------

def test_every_mode_has_an_expectation():
    assert set(S_CLIENT_SAYS) == set(MODES)
    for name, (_, why) in MODES.items():
        assert why and len(why.splitlines()) == 1, name


@pytest.mark.parametrize("mode", list(S_CLIENT_SAYS))
def test_s_client_fails(peer, mode):
    p = peer(mode, hold=5)
    says = S_CLIENT_SAYS[mode]
    r = s_client(p, 1.5 if says is None else 5)
    out = r.stdout + r.stderr
    assert r.returncode != 0, out
    if mode not in ("clean_tls12_flight", "rate_limited"):  # through the flight to EOF
        assert "Cipher is (NONE)" in out or r.returncode == 124, out
    if says is None:
        assert r.returncode == 124, f"expected s_client to hang until killed:\n{out}"
    else:
        assert says in out, out
    recs = p.wait_connections(1, timeout=6)
    assert recs and recs[0].hello is not None, "the peer did not see a ClientHello"
    assert not recs[0].end.startswith("error"), recs[0].summary()


# ---- the peer does what its mode says (raw bytes) -------------------------------------

def test_garbage(peer):
    p = peer("garbage")
    with connect(p) as s:
        data = recv_until_eof(s)
    assert len(data) == 512 and data[0] not in range(0x14, 0x19) and not data[0] & 0x80


def test_truncated_record(peer):
    p = peer("truncated_record")
    with connect(p) as s:
        data = recv_until_eof(s)
    assert data[:5] == bytes.fromhex("1603030064") and len(data) == 15
    assert data[5] == t.SERVER_HELLO


def test_bad_handshake_length(peer):
    p = peer("bad_handshake_length")
    with connect(p) as s:
        data, _ = recv_for(s, 0.5)
    (ct, ver, payload), = records(data)
    assert (ct, ver) == (t.HANDSHAKE, t.TLS12) and payload[0] == t.SERVER_HELLO
    assert int.from_bytes(payload[1:4], "big") == len(payload) - 4 - 7


@pytest.mark.parametrize("mode", ["stall", "hello_size_intolerant"])
def test_stall(peer, mode):
    p = peer(mode)
    hello = real_client_hello() if mode == "stall" else t.client_hello(pad_to=300)
    with connect(p, hello) as s:
        data, eof = recv_for(s, 1.0)
    assert data == b"" and not eof, "nothing may arrive and the socket must stay open"
    rec = p.wait_connections(1)[0]
    assert rec.sent == 0 and rec.end == "client_closed"


def test_hello_size_intolerant_answers_other_sizes(peer):
    p = peer("hello_size_intolerant")
    for size in (200, 600):
        with connect(p, t.client_hello(pad_to=size)) as s:
            data = recv_until_eof(s)
        (ct, _, payload), = records(data)
        assert ct == t.HANDSHAKE and payload[0] == t.SERVER_HELLO, size


def test_stall_midway(peer):
    p = peer("stall_midway")
    with connect(p) as s:
        data, eof = recv_for(s, 1.0)
    assert not eof and data[0] == t.HANDSHAKE
    announced = struct.unpack(">H", data[3:5])[0]
    assert 5 < len(data) < 5 + announced


def test_reset(peer):
    p = peer("reset")
    with connect(p) as s:
        got = b""
        with pytest.raises(ConnectionResetError):
            for _ in range(10):
                chunk = s.recv(100)
                got += chunk
                if not chunk:
                    break
    assert got in (b"", b"\x16\x03\x03")
    assert p.wait_connections(1)[0].end == "reset"


def test_close_immediately(peer):
    p = peer("close_immediately")
    with connect(p) as s:
        assert recv_until_eof(s) == b""


def test_http(peer):
    p = peer("http")
    with connect(p) as s:
        data = recv_until_eof(s)
    assert data.startswith(b"HTTP/1.1 400 Bad Request\r\n") and b"nginx" in data


def test_oversized_record(peer):
    p = peer("oversized_record")
    with connect(p) as s:
        data, _ = recv_for(s, 0.5)
    assert data[:5] == bytes.fromhex("1603034801") and len(data) == 5 + 0x4801
    assert 0x4801 > (1 << 14) + 2048


def test_alert_close(peer):
    p = peer("alert_close")
    with connect(p) as s:
        assert recv_until_eof(s) == bytes.fromhex("15030300020228")


@pytest.mark.parametrize("mode,unit", [("endless_alerts", bytes.fromhex("15030300020170")),
                                       ("zero_length_records", bytes.fromhex("1603030000"))])
def test_endless_streams(peer, mode, unit):
    p = peer(mode, hold=3)
    with connect(p) as s:
        data, eof = recv_for(s, 0.5)
    assert not eof and len(data) >= 100 * len(unit)
    n = len(data) // len(unit)
    assert data[:n * len(unit)] == unit * n
    rec = p.wait_connections(1, timeout=4)[0]
    assert rec.end == "client_closed", rec.summary()  # stopped because we left, not the bound


def test_endless_stream_is_bounded(peer):
    p = peer("endless_alerts", hold=0.5)
    with connect(p) as s:
        t0 = time.monotonic()
        data = recv_until_eof(s, timeout=5, limit=1 << 30)
    assert time.monotonic() - t0 < 3 and len(data) > 0
    assert p.wait_connections(1)[0].end == "hold_expired"


def test_ssl2_answer(peer):
    p = peer("ssl2_answer")
    with connect(p) as s:
        data, _ = recv_for(s, 0.5)
    assert data[0] & 0x80 and ((data[0] & 0x7F) << 8 | data[1]) == len(data) - 2
    assert data[2] == 4 and data[5:7] == b"\x00\x02"  # SERVER-HELLO, version SSL 2.0


def test_tiny_records(peer):
    p = peer("tiny_records")
    with connect(p) as s:
        data, eof = recv_for(s, 1.0)
    recs = records(data)
    assert not eof and len(recs) > 50 and all(ct == t.HANDSHAKE and len(b) == 1 for ct, _, b in recs)
    hs = b"".join(b for _, _, b in recs)
    assert hs[0] == t.SERVER_HELLO
    sh_len = int.from_bytes(hs[1:4], "big")
    assert hs[4 + sh_len] == t.CERTIFICATE


def test_huge_certificate_length(peer):
    p = peer("huge_certificate_length")
    with connect(p) as s:
        data, _ = recv_for(s, 0.5)
    recs = records(data)
    assert recs[0][2][0] == t.SERVER_HELLO
    assert recs[1][2][:4] == bytes.fromhex("0bffffff")


def test_slow_drip(peer):
    p = peer("slow_drip", drip_interval=0.2)
    with connect(p) as s:
        data, eof = recv_for(s, 1.0)
    assert not eof and 3 <= len(data) <= 7, len(data)
    assert data[:3] == b"\x16\x03\x03"


def test_serverhello_then_close(peer):
    p = peer("serverhello_then_close")
    hello = t.client_hello(suites=(0x009C, 0x002F))
    with connect(p, hello) as s:
        data = recv_until_eof(s)
    (ct, _, payload), = records(data)
    body = payload[4:]
    sid_len = body[34]
    suite = struct.unpack(">H", body[35 + sid_len:37 + sid_len])[0]
    assert ct == t.HANDSHAKE and payload[0] == t.SERVER_HELLO and suite == 0x009C


def test_unoffered_cipher(peer):
    p = peer("unoffered_cipher")
    offered = (0xC02F, 0x002F)
    with connect(p, t.client_hello(suites=offered)) as s:
        data, _ = recv_for(s, 0.5)
    body = records(data)[0][2][4:]
    sid_len = body[34]
    suite = struct.unpack(">H", body[35 + sid_len:37 + sid_len])[0]
    assert suite not in offered


def test_hrr_first_answer(peer):
    p = peer("hrr_twice")
    with connect(p) as s:
        data, _ = recv_for(s, 0.5)
    body = records(data)[0][2][4:]
    assert body[2:34] == t.HRR_RANDOM


def test_parse_client_hello_roundtrip():
    ch = t.parse_client_hello(t.client_hello(suites=(0x1301, 0xC02F), pad_to=400))
    assert ch is not None and ch.suites == [0x1301, 0xC02F] and ch.record_length == 400
    assert t.EXT_SERVER_NAME in ch.extensions and ch.groups() == [0x001D, 0x0017, 0x0018]
    real = t.parse_client_hello(real_client_hello())
    assert real is not None and real.offers_tls13 and real.key_share_groups()


def test_many_connections_at_once(peer):
    p = peer("alert_close")
    socks = [connect(p, t.client_hello()) for _ in range(50)]
    try:
        for s in socks:
            assert recv_until_eof(s) == bytes.fromhex("15030300020228")
    finally:
        for s in socks:
            s.close()
    assert len(p.wait_connections(50)) == 50


def test_cli_prints_address_first():
    proc = subprocess.Popen([sys.executable, "-m", "tests.peer.quirky_peer", "--mode", "alert_close",
                             "--port", "0"], cwd=REPO_ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline().strip()
        host, port = first.rsplit(":", 1)
        assert host == "127.0.0.1" and int(port) > 0
        with socket.create_connection((host, int(port)), timeout=5) as s:
            s.sendall(t.client_hello())
            assert recv_until_eof(s) == bytes.fromhex("15030300020228")
    finally:
        proc.terminate()
        proc.wait(10)
    assert "alert_close 127.0.0.1" in proc.stderr.read()


def test_rate_limited_resets_beyond_its_limit(peer):
    from tests.peer import peer_keys
    from tests.peer.flight_modes import RATE_LIMIT
    peer_keys.certificate_der("ec")  # keys made before the clock runs
    p = peer("rate_limited", hold=1)
    answers = []
    for _ in range(RATE_LIMIT + 5):
        with connect(p, t.client_hello()) as s:
            s.settimeout(5)
            try:
                data = s.recv(5)
                answers.append("flight" if data[:1] == bytes([t.HANDSHAKE]) else f"other {data!r}")
            except ConnectionResetError:
                answers.append("reset")
    assert answers[:RATE_LIMIT] == ["flight"] * RATE_LIMIT, answers
    assert answers[RATE_LIMIT:] == ["reset"] * 5, answers
