"""What the peer parsers share: the suite catalog (names -> 16-bit codes), the result
type, version names, and running a peer with a time limit.

Codes are tlsdoctor's JSON spelling: "0x" + four lower-case hex digits ("0x003d").
Versions are tlsdoctor's names: SSLv2, SSLv3, TLSv1, TLSv1.1, TLSv1.2, TLSv1.3.
"""

from __future__ import annotations

import csv
import functools
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SUITES_CSV = REPO_ROOT / "data" / "iana" / "cipher_suites.csv"

VERSIONS = ["SSLv2", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"]
_VERSION_ALIASES = {
    "SSLv2": "SSLv2", "SSLv3": "SSLv3",
    "TLSv1": "TLSv1", "TLSv1.0": "TLSv1", "TLSv1.1": "TLSv1.1", "TLSv1.2": "TLSv1.2",
    "TLSv1.3": "TLSv1.3",
}


class PeerOutputError(ValueError):
    """A peer's output could not be understood (empty, not XML, wrong shape, a suite
    name no table knows). The message says which peer and what was wrong."""


def normalize_version(name: str) -> str:
    try:
        return _VERSION_ALIASES[name]
    except KeyError:
        raise PeerOutputError(f"unknown protocol version name {name!r}") from None


def code_hex(value: int) -> str:
    return f"0x{value:04x}"


@dataclass(frozen=True)
class Suite:
    code: str                 # "0x003d"
    iana: str                 # TLS_RSA_WITH_AES_256_CBC_SHA256
    openssl: str | None       # AES256-SHA256
    kx: str = ""              # RSA, DHE, ECDHE, ... (ANY for TLS 1.3)
    auth: str = ""            # RSA, ECDSA, DSS, NULL, ... (ANY for TLS 1.3)
    enc: str = ""             # AES_256_CBC, 3DES, CHACHA20_POLY1305, ...
    registry: str = "iana"    # iana | nonstandard


class SuiteCatalog:
    """data/iana/cipher_suites.csv, indexed by code, IANA name and OpenSSL name."""

    def __init__(self, path: Path = SUITES_CSV) -> None:
        lines = [ln for ln in path.read_text().splitlines() if ln and not ln.startswith("#")]
        rows = list(csv.DictReader(lines))
        self.by_code: dict[str, Suite] = {}
        self.by_iana: dict[str, Suite] = {}
        self.by_openssl: dict[str, Suite] = {}
        for r in rows:
            s = Suite(r["code"].lower(), r["iana_name"], r["openssl_name"] or None,
                      r["kx"], r["auth"], r["enc"], r["registry"])
            self.by_code[s.code] = s
            self.by_iana[s.iana] = s
            if s.openssl:
                self.by_openssl[s.openssl] = s

    def lookup(self, name: str) -> Suite | None:
        """An IANA name or an OpenSSL name (case as printed) -> the catalog entry."""
        return self.by_iana.get(name) or self.by_openssl.get(name)

    def name(self, code: str) -> str:
        s = self.by_code.get(code.lower())
        return s.iana if s else f"unknown({code})"


@functools.lru_cache(maxsize=1)
def catalog() -> SuiteCatalog:
    return SuiteCatalog()


@dataclass
class PeerResult:
    """One peer's view of one server.

    suites       version -> [(code, name as the peer printed it), ...] of accepted suites,
                 in the order the peer reported them (versions without suites are absent)
    protocols    version -> enabled, for the versions the peer reports on explicitly
                 (sslscan's protocol list; nmap only lists versions with suites)
    preference   version -> "server" | "client" | "indeterminate" | None (nmap only)
    notes        anything odd the parser saw but tolerated (preference errors, ...)
    """

    peer: str
    suites: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    protocols: dict[str, bool] = field(default_factory=dict)
    preference: dict[str, str | None] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    argv: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def codes(self, version: str) -> set[str]:
        return {c for c, _ in self.suites.get(version, [])}

    def order(self, version: str) -> list[str]:
        return [c for c, _ in self.suites.get(version, [])]

    def summary(self) -> dict[str, int]:
        """version -> number of accepted suites (for reports and assertion messages)."""
        return {v: len(self.suites[v]) for v in VERSIONS if v in self.suites}


def run_peer(argv: list[str], timeout: float) -> str:
    """Run a peer and return its stdout; a non-zero exit or a timeout is an error that
    carries the tail of stderr, so a failing comparison says why the peer gave up."""
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=timeout)
    except subprocess.TimeoutExpired as e:
        err = (e.stderr or b"").decode(errors="replace")[-1500:]
        raise PeerOutputError(f"{argv[0]} timed out after {timeout:.0f}s: "
                              f"{' '.join(argv)}\n{err}") from None
    out = p.stdout.decode(errors="replace")
    if p.returncode != 0:
        err = p.stderr.decode(errors="replace")[-1500:]
        raise PeerOutputError(f"{argv[0]} exited {p.returncode}: {' '.join(argv)}\n{err}")
    return out
