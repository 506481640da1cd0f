"""Run `tlsdoctor scan HOST:PORT --sni localhost --json` and read the parts of its JSON
(schema "tlsdoctor.scan/1") that the peer comparison needs, into the same PeerResult
shape the sslscan and nmap parsers return.

The fields used, as announced for tlsdoctor.scan/1:

    "versions": [{"version": "SSLv2"|...|"TLSv1.3", "supported": bool}, ...]
    "cipher_suites": {"TLSv1.2": {"server_order": bool|null,
                                  "suites": [{"code": "0x003d", "iana": "...",
                                              "openssl": "..."|null, ...}, ...]}, ...}

Only supported versions appear in cipher_suites; suites are in the server's order.
Everything else in the document is ignored here.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from pathlib import Path

from .common import VERSIONS, PeerOutputError, PeerResult

SCHEMA = "tlsdoctor.scan/1"
TIMEOUT = 60.0
_CODE_RE = re.compile(r"^0x[0-9a-f]{4,6}$")  # 6 digits: SSLv2 cipher kinds


def command(binary: str | Path, host: str, port: int, sni: str | None = "localhost") -> list[str]:
    argv = [str(binary), "scan", f"{host}:{port}"]
    if sni:
        argv += ["--sni", sni]
    return argv + ["--json"]


def run(binary: str | Path, host: str, port: int, sni: str | None = "localhost",
        timeout: float = TIMEOUT) -> PeerResult:
    """Exit 0 (nothing found) and 1 (findings) both carry a full report; anything else
    (2 = usage/operational error, a signal) is an error."""
    argv = command(binary, host, port, sni)
    t0 = time.monotonic()
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise PeerOutputError(f"tlsdoctor scan timed out after {timeout:.0f}s: "
                              f"{' '.join(argv)}") from None
    if p.returncode not in (0, 1):
        raise PeerOutputError(f"tlsdoctor scan exited {p.returncode}: {' '.join(argv)}\n"
                              f"{p.stderr.decode(errors='replace')[-1500:]}")
    res = parse(p.stdout.decode(errors="replace"))
    res.argv = argv
    res.seconds = time.monotonic() - t0
    return res


def parse(json_text: str) -> PeerResult:
    """tlsdoctor scan --json -> PeerResult: suites per version in tlsdoctor's order,
    protocols = the versions list, preference = "server"/"client"/None from server_order.
    Raises PeerOutputError when the document does not have the announced shape."""
    if not json_text or not json_text.strip():
        raise PeerOutputError("tlsdoctor: empty output")
    try:
        doc = json.loads(json_text)
    except json.JSONDecodeError as e:
        raise PeerOutputError(f"tlsdoctor: output is not JSON ({e}): {json_text[:200]!r}") from None
    if not isinstance(doc, dict):
        raise PeerOutputError(f"tlsdoctor: top level is {type(doc).__name__}, expected an object")
    if doc.get("schema") != SCHEMA:
        raise PeerOutputError(f"tlsdoctor: schema is {doc.get('schema')!r}, expected {SCHEMA!r}")

    res = PeerResult(peer="tlsdoctor")
    versions = doc.get("versions")
    if not isinstance(versions, list):
        raise PeerOutputError("tlsdoctor: 'versions' is missing or not a list")
    for v in versions:
        name = v.get("version") if isinstance(v, dict) else None
        if name not in VERSIONS or not isinstance(v.get("supported"), bool):
            raise PeerOutputError(f"tlsdoctor: bad versions entry {v!r}")
        res.protocols[name] = v["supported"]

    suites = doc.get("cipher_suites")
    if not isinstance(suites, dict):
        raise PeerOutputError("tlsdoctor: 'cipher_suites' is missing or not an object")
    for name, entry in suites.items():
        if name not in VERSIONS:
            raise PeerOutputError(f"tlsdoctor: cipher_suites has unknown version {name!r}")
        if not res.protocols.get(name):
            raise PeerOutputError(f"tlsdoctor: cipher_suites lists {name}, which 'versions' "
                                  f"does not mark supported")
        if not isinstance(entry, dict) or not isinstance(entry.get("suites"), list):
            raise PeerOutputError(f"tlsdoctor: cipher_suites[{name!r}] has no 'suites' list")
        order = entry.get("server_order")
        if order not in (True, False, None):
            raise PeerOutputError(f"tlsdoctor: cipher_suites[{name!r}].server_order = {order!r}")
        res.preference[name] = {True: "server", False: "client", None: None}[order]
        listed: list[tuple[str, str]] = []
        for s in entry["suites"]:
            code = s.get("code") if isinstance(s, dict) else None
            if not isinstance(code, str) or not _CODE_RE.match(code.lower()):
                raise PeerOutputError(f"tlsdoctor: {name}: bad suite entry {s!r}")
            listed.append((code.lower(), s.get("iana") or ""))
        if len({c for c, _ in listed}) != len(listed):
            raise PeerOutputError(f"tlsdoctor: {name} lists a suite twice")
        if listed:
            res.suites[name] = listed
    return res
