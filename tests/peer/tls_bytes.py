"""Hand-built TLS bytes for the quirky peer (struct only, no TLS library).

Real structure — record header, handshake header, ServerHello fields, extensions — so a
client's parser goes deep before it meets the fault the peer planted. Also a minimal
ClientHello parser (to echo the session id and pick an offered suite) and a canned
ClientHello builder for raw-socket tests.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass, field

# Content types
CHANGE_CIPHER_SPEC, ALERT, HANDSHAKE, APPLICATION_DATA = 20, 21, 22, 23
# Handshake types
CLIENT_HELLO, SERVER_HELLO, CERTIFICATE, SERVER_KEY_EXCHANGE, SERVER_HELLO_DONE = 1, 2, 11, 12, 14
# Versions
TLS10, TLS11, TLS12, TLS13 = 0x0301, 0x0302, 0x0303, 0x0304
# Extensions
EXT_SERVER_NAME, EXT_SUPPORTED_GROUPS, EXT_EC_POINT_FORMATS = 0x0000, 0x000A, 0x000B
EXT_SIGNATURE_ALGORITHMS, EXT_EMS, EXT_SUPPORTED_VERSIONS = 0x000D, 0x0017, 0x002B
EXT_KEY_SHARE, EXT_RENEGOTIATION_INFO = 0x0033, 0xFF01
# Alerts
ALERT_WARNING, ALERT_FATAL = 1, 2
ALERT_HANDSHAKE_FAILURE, ALERT_UNRECOGNIZED_NAME = 40, 112

MAX_RECORD_PLAINTEXT = 1 << 14
# RFC 8446 4.1.3: a ServerHello whose random is this is a HelloRetryRequest.
HRR_RANDOM = bytes.fromhex("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C")

# Suites a TLS 1.2 ServerHello may pick, best first, when the client offers them.
PREFERRED_TLS12_SUITES = (0xC02F, 0xC030, 0xC02B, 0xC02C, 0xCCA8, 0xC013, 0xC014, 0x009C,
                          0x009D, 0x002F, 0x0035, 0x003D)
TLS13_SUITES = (0x1301, 0x1302, 0x1303)


def u8(v: int) -> bytes:
    return struct.pack(">B", v)


def u16(v: int) -> bytes:
    return struct.pack(">H", v)


def u24(v: int) -> bytes:
    return struct.pack(">I", v)[1:]


def vec8(b: bytes) -> bytes:
    return u8(len(b)) + b


def vec16(b: bytes) -> bytes:
    return u16(len(b)) + b


def vec24(b: bytes) -> bytes:
    return u24(len(b)) + b


def record(content_type: int, payload: bytes, version: int = TLS12, length: int | None = None) -> bytes:
    """A TLS record; `length` overrides the header's length field (to lie)."""
    return struct.pack(">BHH", content_type, version, len(payload) if length is None else length) + payload


def handshake(msg_type: int, body: bytes, length: int | None = None) -> bytes:
    """A handshake message; `length` overrides the header's 24-bit length field."""
    return u8(msg_type) + u24(len(body) if length is None else length) + body


def ext(ext_type: int, data: bytes) -> bytes:
    return u16(ext_type) + vec16(data)


def alert(level: int, desc: int, version: int = TLS12) -> bytes:
    return record(ALERT, bytes([level, desc]), version)


@dataclass
class ClientHello:
    """What the peer needs from a client's first flight (None fields: not parsed)."""
    record_version: int = TLS10
    record_length: int = 0
    version: int = TLS12
    session_id: bytes = b""
    suites: list[int] = field(default_factory=list)
    extensions: dict[int, bytes] = field(default_factory=dict)
    raw_len: int = 0
    random: bytes = b""

    @property
    def offers_tls13(self) -> bool:
        sv = self.extensions.get(EXT_SUPPORTED_VERSIONS)
        if not sv or len(sv) < 1:
            return False
        vs = sv[1:1 + sv[0]]
        return any(struct.unpack(">H", vs[i:i + 2])[0] == TLS13 for i in range(0, len(vs) - 1, 2))

    def groups(self) -> list[int]:
        g = self.extensions.get(EXT_SUPPORTED_GROUPS, b"")
        if len(g) < 2:
            return []
        n = struct.unpack(">H", g[:2])[0]
        return [struct.unpack(">H", g[2 + i:4 + i])[0] for i in range(0, min(n, len(g) - 2) - 1, 2)]

    def key_share_groups(self) -> list[int]:
        ks = self.extensions.get(EXT_KEY_SHARE, b"")
        out, i = [], 2
        while i + 4 <= len(ks):
            grp, ln = struct.unpack(">HH", ks[i:i + 4])
            out.append(grp)
            i += 4 + ln
        return out


def handshake_bytes(data: bytes) -> tuple[bytes, int]:
    """Concatenate the payloads of the leading handshake records in `data`; returns
    (handshake bytes, number of bytes of `data` consumed)."""
    out, i = b"", 0
    while i + 5 <= len(data) and data[i] == HANDSHAKE:
        ln = struct.unpack(">H", data[i + 3:i + 5])[0]
        if i + 5 + ln > len(data):
            out += data[i + 5:]
            return out, len(data)
        out += data[i + 5:i + 5 + ln]
        i += 5 + ln
    return out, i


def client_hello_complete(data: bytes) -> bool:
    """True when `data` holds a whole ClientHello (possibly over several records), or is
    clearly not TLS (so waiting longer would not help)."""
    if not data:
        return False
    if data[0] != HANDSHAKE:
        return True  # SSLv2-style hello or garbage: take what we have
    hs, _ = handshake_bytes(data)
    if len(hs) < 4:
        return False
    return len(hs) >= 4 + int.from_bytes(hs[1:4], "big")


def parse_client_hello(data: bytes) -> ClientHello | None:
    """Best-effort parse; None if `data` does not start with a TLS ClientHello."""
    if len(data) < 5 or data[0] != HANDSHAKE:
        return None
    ch = ClientHello(record_version=struct.unpack(">H", data[1:3])[0],
                     record_length=struct.unpack(">H", data[3:5])[0], raw_len=len(data))
    hs, _ = handshake_bytes(data)
    if len(hs) < 4 or hs[0] != CLIENT_HELLO:
        return None
    b = hs[4:4 + int.from_bytes(hs[1:4], "big")]
    try:
        ch.version = struct.unpack(">H", b[0:2])[0]
        ch.random = b[2:34]
        i = 34
        sid_len = b[i]
        ch.session_id = b[i + 1:i + 1 + sid_len]
        i += 1 + sid_len
        cs_len = struct.unpack(">H", b[i:i + 2])[0]
        cs = b[i + 2:i + 2 + cs_len]
        ch.suites = [struct.unpack(">H", cs[j:j + 2])[0] for j in range(0, len(cs) - 1, 2)]
        i += 2 + cs_len
        i += 1 + b[i]  # compression methods
        if i + 2 <= len(b):
            ext_len = struct.unpack(">H", b[i:i + 2])[0]
            e, end = i + 2, min(len(b), i + 2 + ext_len)
            while e + 4 <= end:
                et, el = struct.unpack(">HH", b[e:e + 4])
                ch.extensions[et] = b[e + 4:e + 4 + el]
                e += 4 + el
    except (IndexError, struct.error):
        pass
    return ch


def pick_suite(ch: ClientHello | None) -> int:
    offered = set(ch.suites) if ch else set()
    for s in PREFERRED_TLS12_SUITES:
        if s in offered:
            return s
    for s in (ch.suites if ch else []):
        if s not in TLS13_SUITES and s not in (0x00FF, 0x5600) and s & 0x0F0F != 0x0A0A:
            return s
    return 0xC02F


def server_hello_body(ch: ClientHello | None, suite: int | None = None, *, version: int = TLS12,
                      random: bytes | None = None, extensions: bytes | None = None) -> bytes:
    """A TLS 1.2 ServerHello body: echoes the session id, picks an offered suite, and
    carries renegotiation_info (+ EMS and ec_point_formats when offered) so that a
    client's checks pass and it keeps parsing."""
    if suite is None:
        suite = pick_suite(ch)
    if extensions is None:
        exts = ext(EXT_RENEGOTIATION_INFO, b"\x00")
        if ch and EXT_EMS in ch.extensions:
            exts += ext(EXT_EMS, b"")
        if ch and EXT_EC_POINT_FORMATS in ch.extensions:
            exts += ext(EXT_EC_POINT_FORMATS, b"\x01\x00")
        extensions = exts
    rnd = random if random is not None else os.urandom(32)
    sid = ch.session_id if ch and ch.session_id else os.urandom(32)
    return u16(version) + rnd + vec8(sid) + u16(suite) + b"\x00" + vec16(extensions)


def server_hello(ch: ClientHello | None, suite: int | None = None, **kw) -> bytes:
    """ServerHello handshake message (header + body)."""
    return handshake(SERVER_HELLO, server_hello_body(ch, suite, **kw))


def hello_retry_request(ch: ClientHello | None, group: int, suite: int = 0x1301) -> bytes:
    if ch and ch.suites:
        suite = next((s for s in ch.suites if s in TLS13_SUITES), suite)
    exts = ext(EXT_SUPPORTED_VERSIONS, u16(TLS13)) + ext(EXT_KEY_SHARE, u16(group))
    return server_hello(ch, suite, random=HRR_RANDOM, extensions=exts)


def fake_certificate_der(size: int = 600) -> bytes:
    """A DER SEQUENCE of the given total size (not a valid certificate)."""
    inner = bytes((i * 7 + 3) & 0xFF for i in range(size - 4))
    return b"\x30\x82" + u16(len(inner)) + inner


def sslv2_server_hello(cert: bytes | None = None) -> bytes:
    """An SSLv2 SERVER-HELLO (draft-hickman-netscape-ssl-00): 2-byte header, msg type 4."""
    cert = cert if cert is not None else fake_certificate_der()
    ciphers = bytes.fromhex("010080" "0700c0" "030080")  # RC4_128_MD5, DES_192_EDE3, RC2_128
    conn_id = os.urandom(16)
    body = (u8(4) + u8(0) + u8(1) + u16(0x0002) + u16(len(cert)) + u16(len(ciphers))
            + u16(len(conn_id)) + cert + ciphers + conn_id)
    return u16(0x8000 | len(body)) + body


def client_hello(*, suites: tuple[int, ...] = (0xC02F, 0xC030, 0x009C, 0x002F, 0x00FF),
                 server_name: str | None = "localhost", pad_to: int | None = None,
                 version: int = TLS12) -> bytes:
    """A canned TLS 1.2 ClientHello record (for raw-socket tests of the peer and scanners).
    `pad_to` pads (RFC 7685 padding extension) so the record payload has that length."""
    exts = b""
    if server_name:
        name = server_name.encode()
        exts += ext(EXT_SERVER_NAME, vec16(b"\x00" + vec16(name)))
    exts += ext(EXT_SUPPORTED_GROUPS, vec16(u16(0x001D) + u16(0x0017) + u16(0x0018)))
    exts += ext(EXT_EC_POINT_FORMATS, b"\x01\x00")
    exts += ext(EXT_SIGNATURE_ALGORITHMS, vec16(b"".join(map(u16, (0x0804, 0x0403, 0x0401, 0x0201)))))
    exts += ext(EXT_EMS, b"")

    def build(e: bytes) -> bytes:
        body = (u16(version) + os.urandom(32) + vec8(os.urandom(32)) + vec16(b"".join(map(u16, suites)))
                + b"\x01\x00" + vec16(e))
        return handshake(CLIENT_HELLO, body)

    hs = build(exts)
    if pad_to is not None:
        need = pad_to - len(hs) - 4
        if need < 0:
            raise ValueError(f"hello is already {len(hs)} bytes")
        hs = build(exts + ext(0x0015, bytes(need)))
    return record(HANDSHAKE, hs, TLS10)
