"""One field per line: a golden ClientHello (tests/golden/hellos/<id>.hex)
decoded into a text snapshot (<id>.txt) whose diff a reviewer can read: the
versions, each suite with its name, each extension with its name and decoded
parameters, GREASE marked. Decoded from the bytes by this separate reader (not
by tlsdoctor), with names from data/iana/, so a snapshot also checks the
builder. Stdlib only.

    python3 tests/golden/hello_fields.py tests/golden/hellos/go-1.22.hex
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

IANA = Path(__file__).resolve().parents[2] / "data" / "iana"


def _names(table: str, column: str) -> dict[int, str]:
    with open(IANA / table, newline="") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return {int(r["code"], 16): r[column] for r in rows}


SUITES = _names("cipher_suites.csv", "iana_name")
GROUPS = _names("groups.csv", "name")
SIGALGS = _names("sigalgs.csv", "name")
EXTENSIONS = _names("extensions.csv", "name")
VERSIONS = _names("versions.csv", "name")


def is_grease(code: int) -> bool:
    return code & 0x0F0F == 0x0A0A and code >> 8 == code & 0xFF


def named(code: int, names: dict[int, str]) -> str:
    if is_grease(code):
        return f"0x{code:04x} GREASE"
    return f"0x{code:04x} {names.get(code, '(unknown)')}"


class Reader:
    def __init__(self, data: bytes):
        self.data, self.at = data, 0

    def take(self, n: int) -> bytes:
        if self.at + n > len(self.data):
            raise ValueError(f"truncated at byte {self.at}")
        out = self.data[self.at:self.at + n]
        self.at += n
        return out

    def num(self, n: int) -> int:
        return int.from_bytes(self.take(n), "big")

    def vec(self, len_bytes: int) -> "Reader":
        return Reader(self.take(self.num(len_bytes)))

    def empty(self) -> bool:
        return self.at == len(self.data)

    def u16s(self) -> list[int]:
        out = []
        while not self.empty():
            out.append(self.num(2))
        return out


def _u16_list(body: Reader, len_bytes: int, label: str, names: dict[int, str]) -> list[str]:
    return [f"  {label} {named(c, names)}" for c in body.vec(len_bytes).u16s()]


def extension_fields(code: int, body: Reader) -> list[str]:
    """The decoded parameters of one extension, one per line."""
    if code == 0x0000:
        names = body.vec(2)
        out = []
        while not names.empty():
            kind = names.num(1)
            out.append(f"  name type {kind} {names.vec(2).data.decode('ascii', 'replace')}")
        return out
    if code == 0x000A:
        return _u16_list(body, 2, "group", GROUPS)
    if code in (0x000D, 0x0032, 0x0022):
        return _u16_list(body, 2, "scheme", SIGALGS)
    if code == 0x002B:
        return _u16_list(body, 1, "version", VERSIONS)
    if code == 0x0033:
        shares, out = body.vec(2), []
        while not shares.empty():
            group = shares.num(2)
            out.append(f"  share {named(group, GROUPS)} ({len(shares.vec(2).data)} bytes)")
        return out
    if code == 0x0010:
        protos, out = body.vec(2), []
        while not protos.empty():
            out.append(f"  protocol {protos.vec(1).data.decode('ascii', 'replace')}")
        return out
    if code in (0x000B, 0x002D):
        label = "format" if code == 0x000B else "mode"
        return [f"  {label} {b}" for b in body.vec(1).data]
    if code == 0x001B:
        algorithms = {1: "zlib", 2: "brotli", 3: "zstd"}
        return [f"  algorithm {a} {algorithms.get(a, '(unknown)')}" for a in body.vec(1).u16s()]
    if code == 0xFF01:
        return [f"  renegotiated_connection ({len(body.vec(1).data)} bytes)"]
    if code == 0x0005 and body.data[:1] == b"\x01":
        return [f"  status_type 1 ocsp, request {body.data[1:].hex()}"]
    if code == 0x000F:
        return [f"  mode {body.num(1)}"]
    if code == 0x001C:
        return [f"  limit {body.num(2)}"]
    if code == 0x0015:
        return [f"  zeros {len(body.data)}"]
    if not body.data:
        return []
    return [f"  data {body.data.hex()}"]


def hello_fields(records: bytes) -> list[str]:
    rec = Reader(records)
    content_type, record_version = rec.num(1), rec.num(2)
    fragment = rec.vec(2)
    if content_type != 0x16 or not rec.empty():
        raise ValueError("not one handshake record")
    msg_type, body = fragment.num(1), fragment.vec(3)
    if msg_type != 1 or not fragment.empty():
        raise ValueError("not one ClientHello")
    out = [f"record_version {named(record_version, VERSIONS)}"]
    out.append(f"legacy_version {named(body.num(2), VERSIONS)}")
    body.take(32)
    out.append("random (32 bytes)")
    out.append(f"session_id ({len(body.vec(1).data)} bytes)")
    out += [f"cipher_suite {named(c, SUITES)}" for c in body.vec(2).u16s()]
    out += [f"compression_method {m}" for m in body.vec(1).data]
    if body.empty():
        return out
    extensions = body.vec(2)
    if not body.empty():
        raise ValueError("bytes after the extensions")
    while not extensions.empty():
        code, ext = extensions.num(2), extensions.vec(2)
        size = f"({len(ext.data)} bytes)"
        out.append(f"extension {named(code, EXTENSIONS)} {size}")
        out += extension_fields(code, ext)
    return out


def snapshot(hex_text: str) -> str:
    return "\n".join(hello_fields(bytes.fromhex(hex_text.strip()))) + "\n"


if __name__ == "__main__":
    sys.stdout.write(snapshot(Path(sys.argv[1]).read_text()))
