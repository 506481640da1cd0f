"""tests/lab/latency_proxy.py: added latency (loose bounds only), order, half-close,
connection counts, bounds, and the command line."""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.lab.latency_proxy import LatencyProxy

REPO_ROOT = Path(__file__).resolve().parents[2]


class EchoServer:
    """Echoes every byte; on EOF from the client sends b"bye" then half-closes."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.eof_seen = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._echo, args=(conn,), daemon=True).start()

    def _echo(self, conn: socket.socket) -> None:
        with conn:
            try:
                while True:
                    data = conn.recv(65536)
                    if not data:
                        self.eof_seen.set()
                        conn.sendall(b"bye")
                        conn.shutdown(socket.SHUT_WR)
                        return
                    conn.sendall(data)
            except OSError:
                return

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def echo():
    srv = EchoServer()
    yield srv
    srv.close()


def recv_exactly(s: socket.socket, n: int) -> bytes:
    buf = b""
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            break
        buf += chunk
    return buf


def ping(s: socket.socket, msg: bytes = b"ping") -> float:
    t = time.monotonic()
    s.sendall(msg)
    assert recv_exactly(s, len(msg)) == msg
    return time.monotonic() - t


def test_adds_the_round_trip(echo):
    with LatencyProxy("127.0.0.1", echo.port, rtt_ms=50) as px:
        with socket.create_connection((px.host, px.port), timeout=5) as s:
            first = ping(s)   # also pays the TCP handshake's round trip
            second = ping(s)
        assert first >= 0.090, first
        assert second >= 0.040, second
        assert second < 2.0  # loose: a loaded machine is slow, but not that slow


def test_no_connect_delay_and_zero_rtt(echo):
    with LatencyProxy("127.0.0.1", echo.port, rtt_ms=50, connect_delay=False) as px:
        with socket.create_connection((px.host, px.port), timeout=5) as s:
            assert 0.040 <= ping(s) < 0.090 + 1.0
    with LatencyProxy("127.0.0.1", echo.port, rtt_ms=0) as px:
        with socket.create_connection((px.host, px.port), timeout=5) as s:
            times = [ping(s) for _ in range(5)]
        assert min(times) < 0.040, times


def test_order_and_content_preserved(echo):
    payload = random.Random(7).randbytes(1 << 20)
    with LatencyProxy("127.0.0.1", echo.port, rtt_ms=10) as px:
        with socket.create_connection((px.host, px.port), timeout=10) as s:
            got = bytearray()

            def reader() -> None:
                while len(got) < len(payload):
                    chunk = s.recv(65536)
                    if not chunk:
                        return
                    got.extend(chunk)

            t = threading.Thread(target=reader)
            t.start()
            for i in range(0, len(payload), 1000):  # many small writes
                s.sendall(payload[i:i + 1000])
            t.join(timeout=20)
        assert bytes(got) == payload
        st = px.stats.snapshot()
        assert st["bytes_up"] == len(payload)


def test_half_close_is_forwarded(echo):
    with LatencyProxy("127.0.0.1", echo.port, rtt_ms=20) as px:
        with socket.create_connection((px.host, px.port), timeout=5) as s:
            assert ping(s, b"x") > 0
            s.shutdown(socket.SHUT_WR)
            assert echo.eof_seen.wait(5)
            assert recv_exactly(s, 3) == b"bye"   # data after our EOF still arrives
            assert s.recv(10) == b""               # then the server's EOF
        assert px.wait_idle(5)


def test_counts_connections_total_and_peak(echo):
    with LatencyProxy("127.0.0.1", echo.port, rtt_ms=50) as px:
        for _ in range(3):  # sequential: peak stays 1
            with socket.create_connection((px.host, px.port), timeout=5) as s:
                ping(s)
            assert px.wait_idle(5)
        st = px.stats.snapshot()
        assert (st["accepted"], st["peak"], st["active"]) == (3, 1, 0)

        px.reset()
        socks = [socket.create_connection((px.host, px.port), timeout=5) for _ in range(8)]
        try:
            t = time.monotonic()
            for s in socks:
                s.sendall(b"a")
            for s in socks:
                assert recv_exactly(s, 1) == b"a"
            elapsed = time.monotonic() - t
        finally:
            for s in socks:
                s.close()
        # independent connections: 8 concurrent ping-pongs cost about one RTT, not eight
        assert elapsed < 8 * 0.050, elapsed
        assert px.wait_idle(5)
        st = px.stats.snapshot()
        assert (st["accepted"], st["peak"], st["active"]) == (8, 8, 0)


def test_max_connections_and_idle_timeout(echo):
    with LatencyProxy("127.0.0.1", echo.port, max_connections=2, idle_timeout=0.5) as px:
        a = socket.create_connection((px.host, px.port), timeout=5)
        b = socket.create_connection((px.host, px.port), timeout=5)
        ping(a), ping(b)
        c = socket.create_connection((px.host, px.port), timeout=5)
        try:
            c.sendall(b"z")
            assert c.recv(1) == b""  # accepted by the kernel, then closed by the proxy
        except ConnectionResetError:
            pass
        # a and b now idle: closed after ~0.5 s
        a.settimeout(5)
        assert a.recv(1) == b""
        for s in (a, b, c):
            s.close()
        assert px.wait_idle(5)
        st = px.stats.snapshot()
        assert st["accepted"] == 2 and st["refused"] == 1 and st["idle_closed"] == 2


def test_unreachable_target_resets_the_client():
    with socket.socket() as tmp:
        tmp.bind(("127.0.0.1", 0))
        dead_port = tmp.getsockname()[1]  # nothing listens once closed
    with LatencyProxy("127.0.0.1", dead_port) as px:
        with socket.create_connection((px.host, px.port), timeout=5) as s:
            try:
                assert s.recv(1) == b""
            except ConnectionResetError:
                pass
        assert px.wait_idle(5)
        assert px.stats.snapshot()["upstream_failed"] == 1


def test_command_line(echo, tmp_path):
    stats = tmp_path / "stats.json"
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.lab.latency_proxy", "--target", f"127.0.0.1:{echo.port}",
         "--rtt-ms", "20", "--stats", str(stats)],
        cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline().strip()
        host, port = line.rsplit(":", 1)
        assert host == "127.0.0.1"

        def settled(accepted: int) -> dict:
            deadline = time.monotonic() + 5
            doc: dict = {}
            while time.monotonic() < deadline:
                if stats.exists():
                    doc = json.loads(stats.read_text())
                    if doc.get("accepted") == accepted and doc.get("active") == 0:
                        break
                time.sleep(0.02)
            return doc

        for i in range(2):
            with socket.create_connection((host, int(port)), timeout=5) as s:
                assert ping(s) >= 0.015
            doc = settled(i + 1)  # the proxy closes its side rtt/2 after we do
        assert doc["accepted"] == 2 and doc["peak"] == 1 and doc["rtt_ms"] == 20
        proc.send_signal(signal.SIGUSR1)
        assert json.loads(proc.stderr.readline())["accepted"] == 2
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0
    assert not os.path.exists(str(stats) + ".tmp")
