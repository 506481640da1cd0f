"""Run real TLS clients (openssl s_client, gnutls-cli) against a lab server and parse
what they report, so tests can assert on it. Used by test_lab.py and by anyone who needs
"what did the real client see" (interop tests, benchmarks).
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

CLIENT_TIMEOUT = 8.0


@dataclass
class ClientResult:
    argv: list[str]
    rc: int
    output: str
    ok: bool
    fields: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, k: str) -> Any:
        return self.fields.get(k)

    def describe(self) -> str:
        return f"$ {' '.join(self.argv)}\n(rc={self.rc}, ok={self.ok}, fields={self.fields})\n{self.output[-3000:]}"


def _run(argv: list[str], timeout: float) -> tuple[int, str]:
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
        return p.returncode, (p.stdout + p.stderr).decode(errors="replace")
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"") + (e.stderr or b"")
        return 124, out.decode(errors="replace") + "\n[timed out]"


_PEM_RE = re.compile(r"-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----\n?", re.S)


def parse_s_client(out: str) -> dict[str, Any]:
    f: dict[str, Any] = {}
    out = _PEM_RE.sub("<PEM>\n", out)
    # "New, TLSv1.0, Cipher is X" names the suite's *minimum* version (SSL_CIPHER_get_version),
    # not the negotiated one: take the protocol from the SSL-Session block (TLS <= 1.2) and
    # use the TLS 1.3 suite names for TLS 1.3 (s_client prints no session block then).
    m = re.search(r"^(?:New|Reused), (\S+), Cipher is (\S+)", out, re.M)
    if m and m.group(2) != "(NONE)":
        f["cipher"] = m.group(2)
        p = re.search(r"^\s+Protocol\s*: (\S+)", out, re.M)
        f["protocol"] = p.group(1) if p else ("TLSv1.3" if m.group(2).startswith("TLS_") else m.group(1))
    for key, rx, conv in (
        ("temp_key", r"^Server Temp Key: (.+)$", str),
        ("peer_sig_type", r"^Peer signature type: (\S+)", str),
        ("peer_sig_digest", r"^Peer signing digest: (\S+)", str),
        ("pubkey_bits", r"^Server public key is (\d+) bit", int),
        ("verify_code", r"Verify return code: (\d+)", int),
    ):
        m = re.search(rx, out, re.M)
        if m:
            f[key] = conv(m.group(1).strip())
    if "Secure Renegotiation IS supported" in out:
        f["secure_reneg"] = True
    elif "Secure Renegotiation IS NOT supported" in out:
        f["secure_reneg"] = False
    m = re.search(r"Extended master secret: (yes|no)", out)
    if m:
        f["ems"] = m.group(1) == "yes"
    chain = re.search(r"^Certificate chain\n(.*?)^---", out, re.M | re.S)
    if chain:
        f["chain_len"] = len(re.findall(r"^\s*\d+ s:", chain.group(1), re.M))
    return f


def s_client(host: str, port: int, args: Sequence[str] = (), *, cafile: str | Path | None = None,
             servername: str | None = "localhost", timeout: float = CLIENT_TIMEOUT) -> ClientResult:
    argv = ["openssl", "s_client", "-connect", f"{host}:{port}"]
    if cafile is not None and "-CAfile" not in args:
        argv += ["-CAfile", str(cafile)]
    if servername and "-servername" not in args and "-noservername" not in args:
        argv += ["-servername", servername]
    argv += list(args)
    rc, out = _run(argv, timeout)
    f = parse_s_client(out)
    ok = rc == 0 and "cipher" in f
    return ClientResult(argv, rc, _PEM_RE.sub("<PEM>\n", out), ok, f)


def gnutls_cli(host: str, port: int, args: Sequence[str] = (), *, cafile: str | Path | None = None,
               servername: str | None = "localhost", timeout: float = CLIENT_TIMEOUT) -> ClientResult:
    argv = ["gnutls-cli", "-p", str(port)]
    if cafile is not None:
        argv += ["--x509cafile", str(cafile)]
    if servername:
        argv += ["--sni-hostname", servername, "--verify-hostname", servername]
    argv += list(args) + [host]
    rc, out = _run(argv, timeout)
    f: dict[str, Any] = {}
    m = re.search(r"^- Description: \((TLS[\d.]+)-[^)]*\)-(.*)$", out, re.M)
    if m:
        f["protocol"], f["description"] = m.group(1), m.group(2)
    ok = rc == 0 and "Handshake was completed" in out
    return ClientResult(argv, rc, out, ok, f)


def run_check(server: Any, check: dict[str, Any], pki_dir: Path, cafile: Path) -> tuple[ClientResult, list[str]]:
    """Run one scenarios.json check against a Server; returns (result, list of mismatches)."""
    args = [str(a).format(pki=pki_dir) for a in check.get("args", [])]
    client = check.get("client", "openssl")
    if client == "openssl":
        res = s_client(server.host, server.port, args, cafile=cafile)
    elif client == "gnutls":
        res = gnutls_cli(server.host, server.port, args, cafile=cafile)
    else:
        raise ValueError(f"unknown client {client!r}")
    errors = []
    for key, want in check.get("expect", {}).items():
        if key == "ok":
            got = res.ok
        elif key == "contains":
            errors += [f"output lacks {s!r}" for s in want if s not in res.output]
            continue
        elif key == "not_contains":
            errors += [f"output has {s!r}" for s in want if s in res.output]
            continue
        else:
            got = res.fields.get(key)
        if got != want:
            errors.append(f"{key}: want {want!r}, got {got!r}")
    return res, errors
