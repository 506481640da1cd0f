"""Quirky-peer modes whose flight is real up to one fault that every client checks
(tlsdoctor's simulate/flight_checks.cc): a ServerHello, a real certificate, a correctly
signed ServerKeyExchange and ServerHelloDone, with exactly one thing broken. A client
that does not check that thing would go on to its ClientKeyExchange (and then meet EOF:
the peer never finishes a handshake).

A hello the mode cannot answer in its way (no suite of the kind it needs, no TLS 1.2 or
no TLS 1.3) gets a fatal alert, as a real server with that configuration would send.
Registered into quirky_peer's MODES by `register(mode)`."""

from __future__ import annotations

import os
from dataclasses import dataclass

from . import peer_keys as keys
from . import tls_bytes as t

ALERT_PROTOCOL_VERSION = 70
# Extensions every stack implements (so an unsolicited one is refused, not skipped as
# unknown: OpenSSL 3.0 ignores types it does not know, e.g. heartbeat), with a valid
# TLS 1.2 ServerHello body: status_request, ALPN "h2", server_name, encrypt_then_mac,
# extended_master_secret, session_ticket.
UNSOLICITED_CANDIDATES = ((0x0005, b""), (0x0010, b"\x00\x03\x02h2"), (0x0000, b""),
                          (0x0016, b""), (0x0017, b""), (0x0023, b""))
DOWNGRADE_TLS12 = b"DOWNGRD\x01"  # RFC 8446 4.1.3

# Suites by the certificate they need, best first.
ECDHE_SUITES = {"ec": (0xC02B, 0xC02C, 0xCCA9, 0xC023, 0xC024, 0xC009, 0xC00A),
                "rsa": (0xC02F, 0xC030, 0xCCA8, 0xC027, 0xC028, 0xC013, 0xC014)}
DHE_RSA_SUITES = (0x009E, 0x009F, 0xCCAA, 0x0067, 0x006B, 0x0033, 0x0039)
# P-256's generator: a valid uncompressed point (when the client lacks X25519).
P256_G = bytes.fromhex("04"
                       "6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296"
                       "4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5")
KEY_SHARE_LENGTH = {0x001D: 32, 0x001E: 56, 0x0017: 65, 0x0018: 97, 0x0019: 133}


@dataclass
class Fault:
    """What to break in a TLS 1.2 flight (defaults: nothing)."""
    compression: int = 0
    downgrade: bool = False
    extra_extensions: bytes = b""
    matching_key: bool = True
    dh_prime: str = "good"  # "good", "even"
    dh_public: str = "good"  # "good", "one"
    cert_copies: int = 1  # the leaf repeated in the chain (pads the flight)
    one_record: bool = False  # the whole flight in a single record


def _pick(ch: t.ClientHello | None, choices) -> int | None:
    offered = set(ch.suites) if ch else set()
    return next((s for s in choices if s in offered), None)


def _server_hello(ch: t.ClientHello, suite: int, random: bytes, extensions: bytes, *,
                  version: int = t.TLS12, compression: int = 0, session_id: bytes | None = None) -> bytes:
    sid = ch.session_id if session_id is None else session_id
    body = (t.u16(version) + random + t.vec8(sid) + t.u16(suite) + t.u8(compression)
            + t.vec16(extensions))
    return t.handshake(t.SERVER_HELLO, body)


def _tls12_extensions(ch: t.ClientHello) -> bytes:
    exts = t.ext(t.EXT_RENEGOTIATION_INFO, b"\x00")
    if t.EXT_EMS in ch.extensions:
        exts += t.ext(t.EXT_EMS, b"")
    if t.EXT_EC_POINT_FORMATS in ch.extensions:
        exts += t.ext(t.EXT_EC_POINT_FORMATS, b"\x01\x00")
    return exts


def _ecdhe_params(ch: t.ClientHello) -> bytes | None:
    groups = ch.groups()
    if 0x001D in groups:
        return b"\x03" + t.u16(0x001D) + t.vec8(os.urandom(32))
    if 0x0017 in groups:
        return b"\x03" + t.u16(0x0017) + t.vec8(P256_G)
    return None


def _dhe_params(fault: Fault) -> bytes:
    p = keys.ffdhe2048_prime()
    ys = pow(2, int.from_bytes(os.urandom(32), "big") | 1, p)
    if fault.dh_prime == "even":
        p -= 1
    if fault.dh_public == "one":
        ys = 1
    size = (p.bit_length() + 7) // 8
    return t.vec16(p.to_bytes(size, "big")) + t.vec16(b"\x02") + t.vec16(ys.to_bytes(size, "big"))


def tls12_flight(ch: t.ClientHello | None, fault: Fault, *, dhe: bool = False) -> bytes:
    """The records of a TLS 1.2 flight with `fault`, or a fatal alert when the hello
    leaves the mode no way to answer."""
    if ch is None or ch.version < t.TLS12:
        return t.alert(t.ALERT_FATAL, ALERT_PROTOCOL_VERSION)
    if dhe:
        kind, suite, params = "rsa", _pick(ch, DHE_RSA_SUITES), _dhe_params(fault)
    else:
        kind = "ec" if _pick(ch, ECDHE_SUITES["ec"]) else "rsa"
        suite, params = _pick(ch, ECDHE_SUITES[kind]), _ecdhe_params(ch)
    if suite is None or params is None:
        return t.alert(t.ALERT_FATAL, t.ALERT_HANDSHAKE_FAILURE)
    random = os.urandom(24) + (DOWNGRADE_TLS12 if fault.downgrade else os.urandom(8))
    # A new session id: echoing the client's (a TLS 1.3 compatibility id) would resume
    # a session the client never had (Go: "server echoed TLS 1.3 compatibility session
    # ID in TLS 1.2").
    sh = _server_hello(ch, suite, random, _tls12_extensions(ch) + fault.extra_extensions,
                       compression=fault.compression, session_id=os.urandom(32))
    cert = keys.certificate_der(kind)
    certificate = t.handshake(t.CERTIFICATE, t.vec24(t.vec24(cert) * fault.cert_copies))
    signature = keys.sign(ch.random + random + params, kind, matching=fault.matching_key)
    ske = t.handshake(t.SERVER_KEY_EXCHANGE,
                      params + t.u16(keys.SCHEME[kind]) + t.vec16(signature))
    done = t.handshake(t.SERVER_HELLO_DONE, b"")
    messages = (sh, certificate, ske, done)
    if fault.one_record:
        return t.record(t.HANDSHAKE, b"".join(messages))
    return b"".join(t.record(t.HANDSHAKE, m) for m in messages)


def tls13_server_hello(ch: t.ClientHello | None, *, group: int | None = None,
                       echo_session_id: bool = True) -> bytes:
    """A TLS 1.3 ServerHello record (the rest of a 1.3 flight is encrypted: never sent).
    `group`: answer with a key share for this group instead of one the client sent."""
    if ch is None or not ch.offers_tls13:
        return t.alert(t.ALERT_FATAL, ALERT_PROTOCOL_VERSION)
    suite = next((s for s in ch.suites if s in t.TLS13_SUITES), 0x1301)
    if group is None:
        group = next((g for g in ch.key_share_groups() if g in KEY_SHARE_LENGTH), 0x001D)
    share = os.urandom(KEY_SHARE_LENGTH.get(group, 32))
    if group in (0x0017, 0x0018, 0x0019):
        share = b"\x04" + share[1:]
    exts = t.ext(t.EXT_SUPPORTED_VERSIONS, t.u16(t.TLS13)) + t.ext(
        t.EXT_KEY_SHARE, t.u16(group) + t.vec16(share))
    sid = ch.session_id if echo_session_id else bytes(b ^ 0xFF for b in ch.session_id) or os.urandom(32)
    return t.record(t.HANDSHAKE, _server_hello(ch, suite, os.urandom(32), exts, session_id=sid))


def unshared_group(ch: t.ClientHello | None) -> int:
    """A group the client sent no key share for (RFC 8446 4.2.8: the server's share must
    be in the group of one the client sent): one it supports if any, else any."""
    shared = set(ch.key_share_groups()) if ch else set()
    supported = ch.groups() if ch else []
    candidates = [*supported, 0x001E, 0x0019, 0x0018, 0x0017, 0x001D]
    return next(g for g in candidates if g not in shared and g in KEY_SHARE_LENGTH)


def oversized_fault() -> Fault:
    """The leaf repeated until the one record holds more than 2^14 bytes of plaintext
    (but under 2^14 + 2048, what a record may carry on the wire when encrypted)."""
    copies = (t.MAX_RECORD_PLAINTEXT + 400) // (len(keys.certificate_der("ec")) + 3) + 1
    return Fault(cert_copies=copies, one_record=True)


RATE_LIMIT = 20  # connections served per RATE_WINDOW_S by the rate_limited mode
RATE_WINDOW_S = 10.0


def rate_limited(peer) -> bool:
    """True when this connection is over the peer's limit: more than RATE_LIMIT
    connections started in the last RATE_WINDOW_S seconds (counted on the peer)."""
    import time
    now = time.monotonic()
    starts = [s for s in getattr(peer, "_rate_starts", []) if now - s < RATE_WINDOW_S]
    starts.append(now)
    peer._rate_starts = starts
    return len(starts) > RATE_LIMIT


def register(mode) -> None:
    """Adds these modes to the quirky peer (`mode` is quirky_peer.mode)."""

    async def send_and_hold(c, data: bytes) -> str:
        await c.send(data)
        return await c.hold_open(2.0)

    @mode("clean_tls12_flight", "the control: a valid TLS 1.2 ECDHE flight with no fault (the peer never finishes: EOF after the client's Finished)")
    async def _clean(c):
        return await send_and_hold(c, tls12_flight(c.hello, Fault()))

    @mode("rate_limited", "a clean TLS 1.2 flight for the first 20 connections in any 10 s, a TCP RST for every one beyond (a connection-rate limit)")
    async def _rate_limited(c):
        if rate_limited(c.peer):
            c.rec.events.append("over the rate limit: reset")
            c.reset()
            return "reset"
        return await send_and_hold(c, tls12_flight(c.hello, Fault()))

    @mode("compressed_server_hello", "a valid TLS 1.2 ECDHE flight whose ServerHello picks compression method 1 (DEFLATE), never offered: every client refuses")
    async def _compressed(c):
        return await send_and_hold(c, tls12_flight(c.hello, Fault(compression=1)))

    @mode("downgrade_sentinel", "a valid TLS 1.2 ECDHE flight whose ServerHello random ends in DOWNGRD\\x01 (RFC 8446 4.1.3): TLS 1.3 clients abort")
    async def _downgrade(c):
        return await send_and_hold(c, tls12_flight(c.hello, Fault(downgrade=True)))

    @mode("unsolicited_extension", "a valid TLS 1.2 ECDHE flight whose ServerHello answers an extension every stack knows (status_request, else ALPN, ...) that the client never sent")
    async def _unsolicited(c):
        sent = c.hello.extensions if c.hello else {}
        extra = next((t.ext(e, body) for e, body in UNSOLICITED_CANDIDATES if e not in sent), b"")
        return await send_and_hold(c, tls12_flight(c.hello, Fault(extra_extensions=extra)))

    @mode("tls13_bad_key_share", "a TLS 1.3 ServerHello whose key share is for a group the client sent no key share for")
    async def _bad_key_share(c):
        return await send_and_hold(c, tls13_server_hello(c.hello, group=unshared_group(c.hello)))

    @mode("tls13_session_id_not_echoed", "a TLS 1.3 ServerHello whose legacy_session_id_echo is not the client's session id")
    async def _sid(c):
        return await send_and_hold(c, tls13_server_hello(c.hello, echo_session_id=False))

    @mode("bad_ske_signature", "a TLS 1.2 ECDHE flight whose ServerKeyExchange is signed by a key that is not the certificate's")
    async def _bad_signature(c):
        return await send_and_hold(c, tls12_flight(c.hello, Fault(matching_key=False)))

    @mode("dh_even_prime", "a TLS 1.2 DHE-RSA flight whose DH prime p is even (ffdhe2048 - 1), correctly signed")
    async def _dh_even(c):
        return await send_and_hold(c, tls12_flight(c.hello, Fault(dh_prime="even"), dhe=True))

    @mode("dh_public_one", "a TLS 1.2 DHE-RSA flight (ffdhe2048) whose server public value Ys is 1, correctly signed")
    async def _dh_one(c):
        return await send_and_hold(c, tls12_flight(c.hello, Fault(dh_public="one"), dhe=True))

    @mode("oversized_plaintext_record", "a valid TLS 1.2 ECDHE flight in one plaintext record of more than 2^14 bytes (under 2^14+2048)")
    async def _oversized(c):
        return await send_and_hold(c, tls12_flight(c.hello, oversized_fault()))
