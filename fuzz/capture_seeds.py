#!/usr/bin/env python3
"""Captures real server flights from the lab into the fuzz seed corpus.

For each scenario below, `tlsdoctor hello --save-flight` records the raw bytes
the server sent; the flight is then cut into the inputs each fuzz target takes
(records, ServerHello bodies, Certificate messages, ServerKeyExchange bodies
with their layout byte...). Run from the repo root after a build:

    python3 fuzz/capture_seeds.py build/asan-ubsan/tlsdoctor

Seeds are committed; rerun when the lab grows a scenario worth seeding.
"""

from __future__ import annotations

import hashlib
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from tests.lab.lab import Lab  # noqa: E402

CORPUS = REPO / "fuzz" / "corpus"
# scenario -> extra hello flags, and the ServerKeyExchange layout byte for the
# fuzz_server_key_exchange target (layout | 0x10 signed | 0x20 tls1.2).
SCENARIOS = {
    "story": (["--tls1.2"], None),
    "dhe_1024": (["--tls1.2"], 1 | 0x10 | 0x20),
    "dhe_2048": (["--tls1.2"], 1 | 0x10 | 0x20),
    "modern": (["--tls1.2"], 0 | 0x10 | 0x20),
    "ecdsa_p384": (["--tls1.2"], 0 | 0x10 | 0x20),
    "sha1_ske": (["--tls1.2"], 0 | 0x10 | 0x20),
    "tls10_only": (["--tls1.0"], 0 | 0x10),
    "client_cert_required": (["--tls1.2"], 0 | 0x10 | 0x20),
    "intermediate_chain": (["--tls1.2"], 0 | 0x10 | 0x20),
    "tls13_only_aes256": (["--tls1.3"], None),
    "tls13_p521_only": (["--tls1.3"], None),
    "gnutls_modern": ([], None),
    "no_secure_reneg": (["--tls1.2"], 0 | 0x10 | 0x20),
}


def save(target: str, data: bytes) -> None:
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)


def handshake_messages(flight: bytes) -> list[tuple[int, bytes]]:
    payload, i = b"", 0
    while i + 5 <= len(flight):
        ctype, _ver, length = struct.unpack(">BHH", flight[i:i + 5])
        if ctype == 22:
            payload += flight[i + 5:i + 5 + length]
        i += 5 + length
    msgs, j = [], 0
    while j + 4 <= len(payload):
        mtype = payload[j]
        length = int.from_bytes(payload[j + 1:j + 4], "big")
        msgs.append((mtype, payload[j + 4:j + 4 + length]))
        j += 4 + length
    return msgs


def main() -> int:
    binary = Path(sys.argv[1] if len(sys.argv) > 1 else "build/asan-ubsan/tlsdoctor").resolve()
    with tempfile.TemporaryDirectory() as tmp:
        lab = Lab(Path(tmp) / "lab")
        for name, (flags, ske_layout) in SCENARIOS.items():
            with lab.start(name) as srv:
                out = Path(tmp) / f"{name}.bin"
                subprocess.run([str(binary), "hello", srv.address, "--sni", "localhost",
                                "--save-flight", str(out), *flags],
                               stdout=subprocess.DEVNULL, timeout=30, check=False)
            flight = out.read_bytes()
            print(f"{name}: {len(flight)} bytes")
            save("server_flight", bytes([7]) + flight)
            save("record", flight)
            for mtype, body in handshake_messages(flight):
                if mtype == 2:
                    save("server_hello", body)
                elif mtype == 11:
                    save("certificate", bytes([0]) + body)
                elif mtype == 12 and ske_layout is not None:
                    save("server_key_exchange", bytes([ske_layout]) + body)
                elif mtype == 13:
                    save("certificate_request", bytes([1]) + body)
    for alert in (b"\x02\x28", b"\x01\x70", b"\x02\x46"):
        save("alert", alert)
    ssl2 = bytes([4, 0, 1, 0, 2, 0, 0, 0, 6, 0, 16]) + bytes([1, 0, 0x80, 7, 0, 0xc0]) + bytes(16)
    save("ssl2", struct.pack(">H", 0x8000 | len(ssl2)) + ssl2)
    save("csv", b"code,name\n0x0001,a\n# c\n0x0002,b\n")
    for t in (b"example.com", b"[::1]:8443", b"127.0.0.1:4433", b"host:65535"):
        save("target", t)
    return 0


if __name__ == "__main__":
    sys.exit(main())
