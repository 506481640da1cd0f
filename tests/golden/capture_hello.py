"""Capture a real client's ClientHello on loopback and compare it with a
profile's golden hello (tests/golden/hellos/<id>.hex), field by field.

    python3 tests/golden/capture_hello.py --profile go-1.27 -- \
        build/interop/go/go1.27.3/tlsclient 127.0.0.1 {port} tests/lab/ca.pem

Listens on 127.0.0.1 (a free port, substituted for {port} in the command),
runs the client, reads one ClientHello (it may span several records), then
closes the connection: the client fails, which is expected. Prints the hello
as hex (--hex-out FILE writes it) and, with --profile, the difference between
its fields (hello_fields.py) and the golden hello's. Only what the two may
legitimately differ in is normalised: the SNI host name (the golden hellos use
example.com) and lengths that follow from it. Random, session id and key
share bytes are never compared (hello_fields prints their sizes only).
Exit status 0 when the fields agree (or no --profile), 1 when they differ.
Stdlib only.
"""

from __future__ import annotations

import argparse
import difflib
import re
import socket
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import hello_fields  # noqa: E402

MAX_HELLO = 1 << 16


def read_exact(conn: socket.socket, n: int) -> bytes:
    out = b""
    while len(out) < n:
        chunk = conn.recv(n - len(out))
        if not chunk:
            raise ValueError(f"connection closed after {len(out)} of {n} bytes")
        out += chunk
    return out


def read_client_hello(conn: socket.socket) -> tuple[int, bytes]:
    """(first record version, the handshake message) from handshake records."""
    message, first_version = b"", None
    while True:
        header = read_exact(conn, 5)
        if header[0] != 0x16:
            raise ValueError(f"record type {header[0]} is not handshake")
        version, length = int.from_bytes(header[1:3], "big"), int.from_bytes(header[3:5], "big")
        if length == 0 or length > 1 << 14:
            raise ValueError(f"bad record length {length}")
        first_version = first_version if first_version is not None else version
        message += read_exact(conn, length)
        if len(message) >= 4:
            need = 4 + int.from_bytes(message[1:4], "big")
            if need > MAX_HELLO:
                raise ValueError("ClientHello too large")
            if len(message) >= need:
                return first_version, message[:need]


def as_one_record(version: int, message: bytes) -> bytes:
    """The golden files hold the hello as one record (hello_fields reads one)."""
    return bytes([0x16]) + version.to_bytes(2, "big") + len(message).to_bytes(2, "big") + message


def capture(command: list[str], timeout: float = 30.0) -> bytes:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        server.settimeout(timeout)
        port = server.getsockname()[1]
        argv = [a.replace("{port}", str(port)) for a in command]
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            conn, _ = server.accept()
            with conn:
                conn.settimeout(timeout)
                version, message = read_client_hello(conn)
        finally:
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    return as_one_record(version, message)


def normalised(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        line = re.sub(r"^(  name type 0 ).*$", r"\1<host>", line)
        line = re.sub(r"^(extension 0x0000 server_name) \(\d+ bytes\)$", r"\1", line)
        line = re.sub(r"^(extension 0x0015 padding) \(\d+ bytes\)$", r"\1", line)
        line = re.sub(r"^(  zeros) \d+$", r"\1", line)
        line = re.sub(r"0x[0-9a-f]{4} GREASE", "GREASE", line)  # real clients pick them at random
        out.append(line)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--profile", help="compare with tests/golden/hellos/<PROFILE>.hex")
    ap.add_argument("--golden", type=Path, help="compare with this hex file instead (e.g. a knob's "
                    "hello from `tlsdoctor profiles --hello-hex ID+KNOB`)")
    ap.add_argument("--hex-out", type=Path, help="write the captured hello here as hex")
    ap.add_argument("command", nargs="+", help="the client command; {port} is the listening port")
    args = ap.parse_args()
    hello = capture(args.command)
    if args.hex_out:
        args.hex_out.write_text(hello.hex() + "\n")
    else:
        print(hello.hex())
    if not args.profile and not args.golden:
        return 0
    golden_file = args.golden or HERE / "hellos" / f"{args.profile}.hex"
    args.profile = args.profile or str(golden_file)
    golden = bytes.fromhex(golden_file.read_text().strip())
    got = normalised(hello_fields.hello_fields(hello))
    want = normalised(hello_fields.hello_fields(golden))
    diff = list(difflib.unified_diff(want, got, f"golden {args.profile}", "captured", lineterm=""))
    if diff:
        print("\n".join(diff), file=sys.stderr)
        return 1
    print(f"captured hello matches {args.profile} field by field", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
