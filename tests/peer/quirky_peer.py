"""The quirky peer: a hostile TLS "server" on loopback that misbehaves on purpose.

One instance serves one MODE. For each connection it reads the client's first flight
(bounded: at most READ_LIMIT bytes, FIRST_READ_TIMEOUT seconds, stopping early once a
whole ClientHello is in), then does what the mode says. Every misbehaviour is bounded in
time (`hold`, default 10 s) and bytes, so nothing here can wedge a test run.

    python3 -m tests.peer.quirky_peer --mode stall [--port 0] [--hold 10]
        first stdout line: 127.0.0.1:PORT (flushed); one line per connection on stderr
    python3 -m tests.peer.quirky_peer --list

    from tests.peer.quirky_peer import start_peer
    with start_peer("garbage") as peer:      # runs in a background thread
        connect("127.0.0.1", peer.port)
        peer.wait_connections(1)             # per-connection records: what the peer did
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import socket
import struct
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Awaitable, Callable

from . import tls_bytes as t

READ_LIMIT = 64 * 1024
FIRST_READ_TIMEOUT = 2.0
STREAM_BYTE_CAP = 32 * 1024 * 1024  # endless modes stop after this many bytes


@dataclass
class ConnRecord:
    """What happened on one connection (for tests and the CLI's log)."""
    mode: str
    peer: str
    received: int = 0
    hello: t.ClientHello | None = None
    sent: int = 0
    events: list[str] = field(default_factory=list)
    end: str = ""  # why the peer stopped: done, client_closed, hold_expired, reset, error:...
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None

    def summary(self) -> str:
        h = self.hello
        hs = f"hello {h.raw_len}B v{h.version:#06x} {len(h.suites)} suites" if h else "no TLS hello"
        dur = (self.finished or time.monotonic()) - self.started
        return (f"{self.mode} {self.peer}: recv {self.received}B ({hs}), sent {self.sent}B, "
                f"end={self.end} after {dur:.2f}s; {'; '.join(self.events)}")


class Conn:
    def __init__(self, peer: "QuirkyPeer", reader: asyncio.StreamReader,
                 writer: asyncio.StreamWriter, rec: ConnRecord) -> None:
        self.peer, self.reader, self.writer, self.rec = peer, reader, writer, rec
        self.first = b""

    @property
    def hello(self) -> t.ClientHello | None:
        return self.rec.hello

    async def read_first(self) -> bytes:
        deadline = time.monotonic() + self.peer.first_read_timeout
        data = b""
        while len(data) < READ_LIMIT and not t.client_hello_complete(data):
            left = deadline - time.monotonic()
            if left <= 0:
                break
            try:
                chunk = await asyncio.wait_for(self.reader.read(READ_LIMIT - len(data)), left)
            except asyncio.TimeoutError:
                break
            if not chunk:
                break
            data += chunk
        self.rec.received += len(data)
        self.rec.hello = t.parse_client_hello(data)
        self.first = data
        return data

    async def send(self, data: bytes) -> None:
        self.writer.write(data)
        self.rec.sent += len(data)
        await asyncio.wait_for(self.writer.drain(), self.peer.hold)

    async def hold_open(self, seconds: float | None = None) -> str:
        """Keep the connection open without sending, until the client closes or the bound.
        Whatever the client sends is read and counted (and dropped)."""
        deadline = time.monotonic() + (self.peer.hold if seconds is None else seconds)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return "hold_expired"
            try:
                chunk = await asyncio.wait_for(self.reader.read(65536), left)
            except asyncio.TimeoutError:
                return "hold_expired"
            except ConnectionError:
                return "client_closed"
            if not chunk:
                return "client_closed"
            self.rec.received += len(chunk)

    async def stream(self, unit: bytes, *, batch: int = 64, pause: float = 0.005) -> str:
        """Send `unit` over and over until the client goes away, the hold bound, or the
        byte cap; meanwhile read (and drop) what the client sends so it cannot block us."""
        gone = asyncio.Event()

        async def watch() -> None:
            try:
                while await self.reader.read(65536):
                    pass
            except ConnectionError:
                pass
            gone.set()

        watcher = asyncio.create_task(watch())
        deadline = time.monotonic() + self.peer.hold
        chunk = unit * batch
        try:
            while True:
                if gone.is_set():
                    return "client_closed"
                if time.monotonic() > deadline:
                    return "hold_expired"
                if self.rec.sent >= STREAM_BYTE_CAP:
                    return "byte_cap"
                try:
                    self.writer.write(chunk)
                    self.rec.sent += len(chunk)
                    await asyncio.wait_for(self.writer.drain(), max(0.01, deadline - time.monotonic()))
                except asyncio.TimeoutError:
                    return "hold_expired"
                except ConnectionError:
                    return "client_closed"
                await asyncio.sleep(pause)
        finally:
            watcher.cancel()

    def reset(self) -> None:
        """Abort with a TCP RST (SO_LINGER on, timeout 0)."""
        sock = self.writer.get_extra_info("socket")
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.writer.transport.abort()


Handler = Callable[[Conn], Awaitable[str]]
MODES: dict[str, tuple[Handler, str]] = {}


def mode(name: str, why: str) -> Callable[[Handler], Handler]:
    def deco(fn: Handler) -> Handler:
        MODES[name] = (fn, why)
        return fn
    return deco


# ---- the modes --------------------------------------------------------------------

@mode("garbage", "512 random non-TLS bytes then close: the reader must reject an unknown content type at once")
async def _garbage(c: Conn) -> str:
    rng = random.Random(0x7154)
    data = bytearray(rng.randbytes(512))
    data[0] = 0x47  # 'G' (not 0x14..0x18, not an SSLv2 header bit)
    await c.send(bytes(data))
    return "done"


@mode("truncated_record", "a handshake record header announcing 100 bytes, then only 10, then close: unexpected EOF mid-record")
async def _truncated_record(c: Conn) -> str:
    sh = t.server_hello(c.hello)
    await c.send(t.record(t.HANDSHAKE, sh[:10], length=100))
    return "done"


@mode("bad_handshake_length", "a complete record whose ServerHello header claims 7 bytes fewer than it carries: inner lengths overrun the message (decode_error)")
async def _bad_handshake_length(c: Conn) -> str:
    body = t.server_hello_body(c.hello)
    await c.send(t.record(t.HANDSHAKE, t.handshake(t.SERVER_HELLO, body, length=len(body) - 7)))
    return await c.hold_open(2.0)


@mode("stall", "accept, read the hello, never answer, keep the socket open (until the client closes or --hold): needs a read timeout")
async def _stall(c: Conn) -> str:
    return await c.hold_open()


@mode("stall_midway", "send the first half of a ServerHello record (its header promises all of it), then stall: a timeout mid-record")
async def _stall_midway(c: Conn) -> str:
    rec = t.record(t.HANDSHAKE, t.server_hello(c.hello))
    await c.send(rec[:len(rec) // 2])
    c.rec.events.append(f"sent {len(rec) // 2} of {len(rec)} bytes")
    return await c.hold_open()


@mode("reset", "send 3 bytes of a record header, then a TCP RST (SO_LINGER 0): connection reset by peer")
async def _reset(c: Conn) -> str:
    await c.send(b"\x16\x03\x03")
    await asyncio.sleep(0.05)  # let them leave before the RST discards the send queue
    c.reset()
    return "reset"


@mode("close_immediately", "read the hello, then close without sending a byte: EOF before any answer (a TLS-intolerant box)")
async def _close_immediately(c: Conn) -> str:
    return "done"


@mode("http", "answer in plain HTTP (nginx's 400 page), as a non-TLS web server on the port: 'wrong version number' / 'first record does not look like a TLS handshake'")
async def _http(c: Conn) -> str:
    page = (b"<html>\r\n<head><title>400 Bad Request</title></head>\r\n<body>\r\n"
            b"<center><h1>400 Bad Request</h1></center>\r\n<hr><center>nginx</center>\r\n"
            b"</body>\r\n</html>\r\n")
    head = (b"HTTP/1.1 400 Bad Request\r\nServer: nginx\r\nContent-Type: text/html\r\n"
            b"Content-Length: " + str(len(page)).encode() + b"\r\nConnection: close\r\n\r\n")
    await c.send(head + page)
    return "done"


@mode("oversized_record", "a handshake record header with length 0x4801 (> 2^14 + 2048) and that many bytes: record_overflow")
async def _oversized_record(c: Conn) -> str:
    payload = t.server_hello(c.hello)
    payload += bytes(0x4801 - len(payload))
    await c.send(t.record(t.HANDSHAKE, payload))
    return await c.hold_open(2.0)


@mode("alert_close", "a fatal handshake_failure alert, then close: the plainest refusal, must be reported as such")
async def _alert_close(c: Conn) -> str:
    await c.send(t.alert(t.ALERT_FATAL, t.ALERT_HANDSHAKE_FAILURE))
    return "done"


@mode("endless_alerts", "warning unrecognized_name alerts forever (until the client closes or --hold): a loop must not accept unbounded warnings")
async def _endless_alerts(c: Conn) -> str:
    return await c.stream(t.alert(t.ALERT_WARNING, t.ALERT_UNRECOGNIZED_NAME))


@mode("ssl2_answer", "an SSLv2 SERVER-HELLO (2-byte header, msg type 4) as a 1995 server would send: not a TLS record")
async def _ssl2_answer(c: Conn) -> str:
    await c.send(t.sslv2_server_hello())
    return await c.hold_open(2.0)


@mode("tiny_records", "a valid ServerHello and Certificate header split into 1-byte handshake records, then stall: reassembly across records")
async def _tiny_records(c: Conn) -> str:
    msg = t.server_hello(c.hello) + t.handshake(t.CERTIFICATE, b"", length=3000)[:4]
    await c.send(b"".join(t.record(t.HANDSHAKE, bytes([b])) for b in msg))
    c.rec.events.append(f"{len(msg)} one-byte records")
    return await c.hold_open()


@mode("zero_length_records", "an endless stream of zero-length handshake records (forbidden, RFC 8446 5.1): must not spin forever")
async def _zero_length_records(c: Conn) -> str:
    return await c.stream(t.record(t.HANDSHAKE, b""), batch=256)


@mode("huge_certificate_length", "valid ServerHello, then a Certificate message announcing 16 MB (0xFFFFFF), 64 KB of it, then stall: allocation and size limits")
async def _huge_certificate_length(c: Conn) -> str:
    await c.send(t.record(t.HANDSHAKE, t.server_hello(c.hello)))
    msg = t.handshake(t.CERTIFICATE, t.u24(0xFFFFFF - 3) + t.u24(0xFFFFFF - 6) + t.fake_certificate_der(60000),
                      length=0xFFFFFF)
    for i in range(0, len(msg), t.MAX_RECORD_PLAINTEXT):
        await c.send(t.record(t.HANDSHAKE, msg[i:i + t.MAX_RECORD_PLAINTEXT]))
    return await c.hold_open()


@mode("slow_drip", "a valid TLS 1.2 ServerHello + Certificate, one byte per 200 ms: every read succeeds, so only an overall deadline saves the client")
async def _slow_drip(c: Conn) -> str:
    data = t.record(t.HANDSHAKE, t.server_hello(c.hello))
    cert = t.fake_certificate_der(800)
    data += t.record(t.HANDSHAKE, t.handshake(t.CERTIFICATE, t.vec24(t.vec24(cert))))
    deadline = time.monotonic() + c.peer.hold
    for i in range(len(data)):
        if time.monotonic() > deadline:
            return "hold_expired"
        try:
            await c.send(data[i:i + 1])
        except ConnectionError:
            return "client_closed"
        # notice a client that gave up, without waiting longer than the drip interval
        try:
            chunk = await asyncio.wait_for(c.reader.read(65536), c.peer.drip_interval)
            if not chunk:
                return "client_closed"
            c.rec.received += len(chunk)
        except asyncio.TimeoutError:
            pass
        except ConnectionError:
            return "client_closed"
    return await c.hold_open()


# ---- extra modes --------------------------------------------------------------------

@mode("serverhello_then_close", "a valid TLS 1.2 ServerHello for an offered suite, then close: the choice is known even though the handshake dies")
async def _serverhello_then_close(c: Conn) -> str:
    await c.send(t.record(t.HANDSHAKE, t.server_hello(c.hello)))
    return "done"


@mode("unoffered_cipher", "a ServerHello choosing a suite the client did not offer (RC4/NULL): must be rejected, never recorded as supported")
async def _unoffered_cipher(c: Conn) -> str:
    offered = set(c.hello.suites) if c.hello else set()
    preferred = (0x0005, 0x0004, 0x0001, 0x0002, 0x0000, 0xFEFE)
    # A scanner offers every catalogued suite; then pick any code it left out.
    suite = next(s for s in (*preferred, *range(0x0001, 0x10000)) if s not in offered)
    c.rec.events.append(f"picked {suite:#06x}")
    await c.send(t.record(t.HANDSHAKE, t.server_hello(c.hello, suite)))
    return await c.hold_open(2.0)


@mode("hrr_twice", "a HelloRetryRequest, then a second one for the retried hello (RFC 8446 4.1.4 forbids it): HRR-following code must stop")
async def _hrr_twice(c: Conn) -> str:
    ch = c.hello
    offered = ch.groups() if ch else []
    shares = ch.key_share_groups() if ch else []
    group = next((g for g in offered if g not in shares), 0x0017)
    c.rec.events.append(f"HRR for group {group:#06x}")
    await c.send(t.record(t.HANDSHAKE, t.hello_retry_request(ch, group)))
    # The client answers (maybe after a compatibility ChangeCipherSpec) with a new hello.
    deadline = time.monotonic() + c.peer.first_read_timeout
    buf = b""
    while time.monotonic() < deadline:
        try:
            chunk = await asyncio.wait_for(c.reader.read(READ_LIMIT), deadline - time.monotonic())
        except asyncio.TimeoutError:
            break
        if not chunk:
            return "client_closed"
        buf += chunk
        c.rec.received += len(chunk)
        rest = buf
        while len(rest) >= 5 and rest[0] == t.CHANGE_CIPHER_SPEC:
            rest = rest[5 + struct.unpack(">H", rest[3:5])[0]:]
        if t.client_hello_complete(rest):
            c.rec.events.append("got second ClientHello")
            break
    await c.send(t.record(t.HANDSHAKE, t.hello_retry_request(ch, group)))
    return await c.hold_open(2.0)


@mode("hello_size_intolerant", "stall when the ClientHello record is 256..511 bytes long (the F5 bug), else a valid ServerHello then close: hello padding/chunking")
async def _hello_size_intolerant(c: Conn) -> str:
    n = c.hello.record_length if c.hello else 0
    if 256 <= n <= 511:
        c.rec.events.append(f"hello record {n}B: stalling")
        return await c.hold_open()
    c.rec.events.append(f"hello record {n}B: answering")
    await c.send(t.record(t.HANDSHAKE, t.server_hello(c.hello)))
    return "done"


# Flights real up to one fault (tests/peer/flight_modes.py); registered here so that
# `python3 -m tests.peer.quirky_peer` (module __main__) sees them too.
from . import flight_modes  # noqa: E402

flight_modes.register(mode)


# ---- the server -----------------------------------------------------------------------

class QuirkyPeer:
    def __init__(self, mode: str, host: str = "127.0.0.1", port: int = 0, *, hold: float = 10.0,
                 drip_interval: float = 0.2, first_read_timeout: float = FIRST_READ_TIMEOUT,
                 log: Callable[[str], None] | None = None) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; modes: {', '.join(MODES)}")
        self.mode, self.host, self.port = mode, host, port
        self.hold, self.drip_interval, self.first_read_timeout = hold, drip_interval, first_read_timeout
        self.connections: list[ConnRecord] = []
        self._log = log
        self._server: asyncio.base_events.Server | None = None
        self._tasks: set[asyncio.Task] = set()
        self._changed: threading.Condition = threading.Condition()

    @property
    def why(self) -> str:
        return MODES[self.mode][1]

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._handle, self.host, self.port,
                                                  reuse_address=True, backlog=256)
        self.port = self._server.sockets[0].getsockname()[1]

    async def close(self) -> None:
        if self._server:
            self._server.close()
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._server:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 2)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task:
            self._tasks.add(task)
        addr = writer.get_extra_info("peername")
        rec = ConnRecord(self.mode, f"{addr[0]}:{addr[1]}" if addr else "?")
        with self._changed:
            self.connections.append(rec)
        conn = Conn(self, reader, writer, rec)
        try:
            await conn.read_first()
            rec.end = await MODES[self.mode][0](conn)
        except (ConnectionError, asyncio.IncompleteReadError):
            rec.end = "client_closed"
        except asyncio.TimeoutError:
            rec.end = "hold_expired"
        except asyncio.CancelledError:
            rec.end = "cancelled"
        except Exception as e:  # a bug in a mode must not kill the server
            rec.end = f"error:{e!r}"
        finally:
            if rec.end != "reset":
                with contextlib.suppress(Exception):
                    writer.close()
            rec.finished = time.monotonic()
            with self._changed:
                self._changed.notify_all()
            if self._log:
                self._log(rec.summary())
            if task:
                self._tasks.discard(task)

    def wait_connections(self, n: int = 1, timeout: float = 5.0) -> list[ConnRecord]:
        """Block (from another thread) until n connections have finished; return them."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while sum(1 for r in self.connections if r.finished) < n:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._changed.wait(left)
            return [r for r in self.connections if r.finished]


class PeerThread:
    """A QuirkyPeer on its own event loop in a daemon thread (see start_peer)."""

    def __init__(self, peer: QuirkyPeer) -> None:
        self.peer = peer
        self.loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name=f"quirky-{peer.mode}", daemon=True)

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_until_complete(self.peer.start())
        except BaseException as e:  # noqa: BLE001
            self._error = e
            self._ready.set()
            return
        self._ready.set()
        self.loop.run_forever()
        self.loop.run_until_complete(self.peer.close())
        self.loop.close()

    def start(self) -> "PeerThread":
        self.thread.start()
        self._ready.wait(10)
        if self._error:
            raise self._error
        return self

    def stop(self) -> None:
        if self.loop.is_running():
            self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)

    # conveniences
    @property
    def host(self) -> str:
        return self.peer.host

    @property
    def port(self) -> int:
        return self.peer.port

    @property
    def mode(self) -> str:
        return self.peer.mode

    @property
    def address(self) -> str:
        return f"{self.peer.host}:{self.peer.port}"

    @property
    def connections(self) -> list[ConnRecord]:
        return self.peer.connections

    def wait_connections(self, n: int = 1, timeout: float = 5.0) -> list[ConnRecord]:
        return self.peer.wait_connections(n, timeout)


@contextlib.contextmanager
def start_peer(mode: str, *, port: int = 0, host: str = "127.0.0.1", **kw):
    """Run a quirky peer in a background thread: `with start_peer("stall") as p: p.port`."""
    pt = PeerThread(QuirkyPeer(mode, host, port, **kw)).start()
    try:
        yield pt
    finally:
        pt.stop()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python3 -m tests.peer.quirky_peer",
                                 description="A hostile TLS server for tests (one mode per instance).")
    ap.add_argument("--mode", choices=sorted(MODES))
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--hold", type=float, default=10.0,
                    help="upper bound in seconds for stalls and endless streams (default 10)")
    ap.add_argument("--drip-interval", type=float, default=0.2)
    ap.add_argument("--list", action="store_true", help="list the modes and exit")
    ap.add_argument("--quiet", action="store_true", help="no per-connection log on stderr")
    a = ap.parse_args(argv)
    if a.list:
        w = max(map(len, MODES))
        for name, (_, why) in MODES.items():
            print(f"{name:<{w}}  {why}")
        return 0
    if not a.mode:
        ap.error("--mode is required")

    def log(line: str) -> None:
        if not a.quiet:
            print(line, file=sys.stderr, flush=True)

    async def run() -> None:
        peer = QuirkyPeer(a.mode, a.host, a.port, hold=a.hold, drip_interval=a.drip_interval, log=log)
        await peer.start()
        print(f"{a.host}:{peer.port}", flush=True)
        try:
            await asyncio.Event().wait()
        finally:
            await peer.close()

    with contextlib.suppress(KeyboardInterrupt):
        import signal
        loop = asyncio.new_event_loop()
        main_task = loop.create_task(run())
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, main_task.cancel)
        with contextlib.suppress(asyncio.CancelledError):
            loop.run_until_complete(main_task)
        loop.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
