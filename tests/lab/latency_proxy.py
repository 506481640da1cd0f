"""A TCP proxy on loopback that adds network latency and counts connections.

    python3 -m tests.lab.latency_proxy --target 127.0.0.1:4433 --rtt-ms 50 [--port 0]
            [--stats FILE] [--max-connections 2000] [--idle-timeout 30] [--no-connect-delay]

The first stdout line is `127.0.0.1:PORT` (the address to point a client at); it runs
until SIGINT/SIGTERM. SIGUSR1 prints the counters as one JSON line on stderr, and
`--stats FILE` keeps them in FILE (rewritten, atomically, shortly after every change and
on exit). From Python:

    with LatencyProxy("127.0.0.1", 4433, rtt_ms=50) as px:   # its own thread and loop
        run_client(px.host, px.port)
        px.stats()    # {"accepted": 3, "peak": 2, "active": 0, "refused": 0, ...}
        px.reset()    # zero the counters between measurements

Latency model. Every byte is delayed rtt/2 in each direction; each direction keeps its
order, and every connection has its own queues, so connections never wait for each other.
EOF is forwarded as a half-close (shutdown(SHUT_WR)) after the data before it, a reset or
error as an abort after the data before it. The kernel completes the client's TCP
handshake with the proxy at once, but a real client's connect() costs one round trip
before it can send anything; so, unless connect_delay is off, bytes from the client
leave no earlier than one RTT after the accept (the SYN/SYN-ACK it did not pay for),
plus the usual rtt/2. A handshake through the proxy therefore costs what it would cost
against a server rtt away: 1 RTT for TCP + 1 RTT per TLS flight.

With rtt_ms=0 it is a plain counting proxy (no delay at all).

Bounds: at most max_connections at once (beyond that a connection is accepted and closed
at once, counted as refused) and a connection idle for idle_timeout seconds in both
directions is closed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import socket
import sys
import threading
import time
from collections import deque
from pathlib import Path
from typing import Any

_EOF = object()    # queued marker: half-close the destination after the data before it
_ABORT = object()  # queued marker: reset the destination after the data before it
_READ_SIZE = 65536


class Stats:
    """Counters of one proxy. Only touched from the proxy's event loop thread, except
    snapshot()/reset() which take the lock."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.accepted = 0        # connections accepted (and forwarded) since the last reset
        self.refused = 0         # accepted but closed at once: over max_connections
        self.upstream_failed = 0 # the target could not be reached
        self.idle_closed = 0     # closed by the idle timeout
        self.active = 0          # open now
        self.peak = 0            # most open at once since the last reset
        self.bytes_up = 0        # client -> target
        self.bytes_down = 0      # target -> client

    def snapshot(self) -> dict[str, int]:
        with self._lock:
            return {k: getattr(self, k) for k in
                    ("accepted", "refused", "upstream_failed", "idle_closed", "active",
                     "peak", "bytes_up", "bytes_down")}

    def reset(self) -> None:
        with self._lock:
            self.accepted = self.refused = self.upstream_failed = self.idle_closed = 0
            self.bytes_up = self.bytes_down = 0
            self.peak = self.active

    def bump(self, **delta: int) -> None:
        with self._lock:
            for k, v in delta.items():
                setattr(self, k, getattr(self, k) + v)
            self.peak = max(self.peak, self.active)


class _Pipe:
    """One direction of one connection: read, stamp with a due time, deliver in order."""

    def __init__(self, conn: "_Connection", reader: asyncio.StreamReader,
                 writer: asyncio.StreamWriter, delay: float, not_before: float,
                 counter: str) -> None:
        self.conn = conn
        self.reader = reader
        self.writer = writer
        self.delay = delay
        self.not_before = not_before  # loop time before which nothing may leave (connect RTT)
        self.counter = counter
        self.queue: deque[tuple[float, Any]] = deque()
        self.ready = asyncio.Event()

    def _push(self, item: Any) -> None:
        loop = asyncio.get_running_loop()
        due = max(loop.time(), self.not_before) + self.delay
        self.queue.append((due, item))
        self.ready.set()

    async def read_loop(self) -> None:
        try:
            while True:
                data = await self.reader.read(_READ_SIZE)
                if not data:
                    self._push(_EOF)
                    return
                self.conn.touch()
                self.conn.proxy.stats.bump(**{self.counter: len(data)})
                self._push(data)
        except (ConnectionError, OSError):
            self._push(_ABORT)

    async def write_loop(self) -> str:
        """Deliver the queue; returns "eof" or "abort" (how this direction ended)."""
        loop = asyncio.get_running_loop()
        while True:
            while not self.queue:
                self.ready.clear()
                await self.ready.wait()
            due, item = self.queue.popleft()
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            if item is _EOF:
                with contextlib.suppress(OSError, RuntimeError):
                    if self.writer.can_write_eof():
                        self.writer.write_eof()
                return "eof"
            if item is _ABORT:
                return "abort"
            self.writer.write(item)
            await self.writer.drain()  # back-pressure; raises if the destination is gone
            self.conn.touch()


class _Connection:
    def __init__(self, proxy: "LatencyProxy") -> None:
        self.proxy = proxy
        self.last_activity = time.monotonic()

    def touch(self) -> None:
        self.last_activity = time.monotonic()

    async def run(self, c_reader: asyncio.StreamReader, c_writer: asyncio.StreamWriter) -> None:
        proxy = self.proxy
        loop = asyncio.get_running_loop()
        accepted_at = loop.time()
        t_reader = t_writer = None
        try:
            try:
                t_reader, t_writer = await asyncio.wait_for(
                    asyncio.open_connection(proxy.target_host, proxy.target_port),
                    timeout=proxy.idle_timeout)
            except (OSError, asyncio.TimeoutError):
                proxy.stats.bump(upstream_failed=1)
                _abort(c_writer)
                return
            half = proxy.rtt / 2
            up = _Pipe(self, c_reader, t_writer, half,
                       accepted_at + (proxy.rtt if proxy.connect_delay else 0.0), "bytes_up")
            down = _Pipe(self, t_reader, c_writer, half, 0.0, "bytes_down")
            tasks = [asyncio.create_task(t) for t in
                     (up.read_loop(), down.read_loop(), up.write_loop(), down.write_loop())]
            writers = {tasks[2]: t_writer, tasks[3]: c_writer}
            pending = set(tasks[2:])
            watchdog = asyncio.create_task(self._idle_watchdog())
            try:
                while pending:
                    done, pending = await asyncio.wait(pending | {watchdog},
                                                       return_when=asyncio.FIRST_COMPLETED)
                    if watchdog in done:
                        proxy.stats.bump(idle_closed=1)
                        break
                    pending.discard(watchdog)
                    ended_badly = False
                    for t in done:
                        if t.cancelled() or t.exception() is not None or t.result() == "abort":
                            ended_badly = True
                            _abort(writers[t])
                    if ended_badly:
                        break  # a reset (or a dead destination) ends the whole connection
            finally:
                watchdog.cancel()
                for t in tasks:
                    t.cancel()
                await asyncio.gather(*tasks, watchdog, return_exceptions=True)
        finally:
            for w in (c_writer, t_writer):
                if w is not None:
                    with contextlib.suppress(Exception):
                        w.close()
            proxy.stats.bump(active=-1)
            proxy._changed()

    async def _idle_watchdog(self) -> None:
        timeout = self.proxy.idle_timeout
        while True:
            left = self.last_activity + timeout - time.monotonic()
            if left <= 0:
                return
            await asyncio.sleep(min(left, 1.0) + 0.01)


def _abort(writer: asyncio.StreamWriter) -> None:
    with contextlib.suppress(Exception):
        writer.transport.abort()


class LatencyProxy:
    """The proxy; use start()/stop() or `with`. Runs its own event loop in a daemon
    thread, so it can be used from synchronous code (pytest, the benchmark)."""

    def __init__(self, target_host: str, target_port: int, rtt_ms: float = 0.0, *,
                 host: str = "127.0.0.1", port: int = 0, max_connections: int = 2000,
                 idle_timeout: float = 30.0, connect_delay: bool = True,
                 stats_file: str | os.PathLike | None = None) -> None:
        if rtt_ms < 0:
            raise ValueError("rtt_ms must be >= 0")
        self.target_host = target_host
        self.target_port = int(target_port)
        self.rtt = rtt_ms / 1000.0
        self.host = host
        self.port = port
        self.max_connections = max_connections
        self.idle_timeout = idle_timeout
        self.connect_delay = connect_delay
        self.stats_file = Path(stats_file) if stats_file else None
        self.stats = Stats()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.AbstractServer | None = None
        self._thread: threading.Thread | None = None
        self._conns: set[asyncio.Task] = set()
        self._write_pending = False

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    # ---- synchronous API (own thread) ----------------------------------------------
    def start(self) -> "LatencyProxy":
        started = threading.Event()
        failure: list[BaseException] = []

        def main() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            try:
                loop.run_until_complete(self._listen())
            except BaseException as e:  # noqa: BLE001 - handed to the starting thread
                failure.append(e)
                started.set()
                loop.close()
                return
            started.set()
            try:
                loop.run_forever()
            finally:
                loop.run_until_complete(self._shutdown())
                loop.close()

        self._thread = threading.Thread(target=main, name=f"latency-proxy-{self.target_port}",
                                        daemon=True)
        self._thread.start()
        started.wait()
        if failure:
            raise failure[0]
        return self

    def stop(self) -> None:
        if self._thread is None:
            return
        if self._loop is not None and self._loop.is_running():
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._thread = None

    def reset(self) -> None:
        self.stats.reset()
        self._changed_threadsafe()

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Wait until no connection is open (e.g. between two measurements)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.stats.snapshot()["active"] == 0:
                return True
            time.sleep(0.02)
        return False

    def __enter__(self) -> "LatencyProxy":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ---- inside the loop ---------------------------------------------------------
    async def _listen(self) -> None:
        self._server = await asyncio.start_server(self._on_client, self.host, self.port,
                                                  backlog=1024, reuse_address=True)
        self.port = self._server.sockets[0].getsockname()[1]
        self._changed()

    async def _shutdown(self) -> None:
        if self._server is not None:
            self._server.close()
        for t in list(self._conns):
            t.cancel()
        await asyncio.gather(*self._conns, return_exceptions=True)
        if self._server is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 2)
        self._write_stats()

    async def _on_client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        sock = writer.get_extra_info("socket")
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if self.stats.active >= self.max_connections:
            self.stats.bump(refused=1)
            self._changed()
            _abort(writer)
            return
        self.stats.bump(accepted=1, active=1)
        self._changed()
        task = asyncio.current_task()
        assert task is not None
        self._conns.add(task)
        try:
            await _Connection(self).run(reader, writer)
        except asyncio.CancelledError:
            pass  # shutting down; asyncio.streams would log a cancelled callback as an error
        finally:
            self._conns.discard(task)

    # ---- stats file --------------------------------------------------------------
    def _changed_threadsafe(self) -> None:
        if self._loop is not None and self._loop.is_running():
            self._loop.call_soon_threadsafe(self._changed)

    def _changed(self) -> None:
        if self.stats_file is None or self._write_pending:
            return
        self._write_pending = True
        asyncio.get_running_loop().call_later(0.05, self._write_stats)

    def _write_stats(self) -> None:
        self._write_pending = False
        if self.stats_file is None:
            return
        doc = dict(self.stats.snapshot(), target=f"{self.target_host}:{self.target_port}",
                   listen=self.address, rtt_ms=self.rtt * 1000)
        tmp = self.stats_file.with_name(self.stats_file.name + ".tmp")
        with contextlib.suppress(OSError):
            tmp.write_text(json.dumps(doc) + "\n")
            os.replace(tmp, self.stats_file)


def _parse_target(s: str) -> tuple[str, int]:
    host, sep, port = s.rpartition(":")
    if not sep or not port.isdigit():
        raise argparse.ArgumentTypeError(f"expected HOST:PORT, got {s!r}")
    return host.strip("[]") or "127.0.0.1", int(port)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python3 -m tests.lab.latency_proxy", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--target", type=_parse_target, required=True, help="HOST:PORT to forward to")
    ap.add_argument("--rtt-ms", type=float, default=0.0, help="added round trip (default 0)")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0, help="listen port (default: a free one)")
    ap.add_argument("--stats", type=Path, default=None, help="keep the counters in this JSON file")
    ap.add_argument("--max-connections", type=int, default=2000)
    ap.add_argument("--idle-timeout", type=float, default=30.0)
    ap.add_argument("--no-connect-delay", dest="connect_delay", action="store_false",
                    help="do not charge one RTT for the client's TCP handshake")
    a = ap.parse_args(argv)
    proxy = LatencyProxy(a.target[0], a.target[1], a.rtt_ms, host=a.host, port=a.port,
                         max_connections=a.max_connections, idle_timeout=a.idle_timeout,
                         connect_delay=a.connect_delay, stats_file=a.stats)
    stop = threading.Event()
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGUSR1,
                  lambda *_: print(json.dumps(proxy.stats.snapshot()), file=sys.stderr, flush=True))
    proxy.start()
    print(proxy.address, flush=True)
    try:
        while not stop.wait(0.5):
            pass
    finally:
        proxy.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
