#!/usr/bin/env python3
"""tlsdoctor against its peers: wall time, connections, memory and completeness.

    python3 bench/run.py --reps 5                    # everything (tens of minutes: testssl)
    python3 bench/run.py --reps 1 --tools sslscan,nmap --servers wide_nginx --rtt-ms 0
    python3 bench/run.py --list                      # print the exact command lines, run nothing

It starts the lab servers itself (scenarios `wide`, openssl s_server, and `wide_nginx`),
puts a tests/lab/latency_proxy.py in front of each server for each network condition
(0 ms: a plain counting proxy on loopback; 50 ms: an added round trip), and runs every
(server, network, tool, mode) cell once per repetition, in a shuffled order that changes
every repetition, so slow drift of a shared machine hits every tool alike. Per run it
records wall time, the connections the proxy accepted (total and peak concurrent), peak
RSS and CPU time (wait4 rusage of the tool's process tree), the exit status, and the
(version, cipher suite) pairs parsed from the tool's output, compared with a ground truth
probed suite by suite before the first run. A run that timed out, failed, or found no
suite at all is "broken": it is kept in the JSON but left out of the medians.

Markdown goes to stdout, progress to stderr, everything to bench/results/<time>.json
(tool outputs beside it, in bench/results/<time>/). See bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import json
import os
import platform
import random
import re
import select
import shutil
import signal
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.lab.lab import Lab  # noqa: E402
from tests.lab.latency_proxy import LatencyProxy  # noqa: E402

# ======================================================================================
# The tlsdoctor command line: THE setting to change. {bin} is the binary, {host}/{port}/
# {addr} the proxy in front of the server. "suites": versions and suites only (--only
# suites), every version, the server's order included; "full": the whole scan. Both at
# 16 connections at once, the ceiling the benchmark allows every tool.
TLSDOCTOR_CMD: dict[str, list[str]] = {
    "suites": ["{bin}", "scan", "{addr}", "--json", "--only", "suites", "--max-connections", "16"],
    "full":   ["{bin}", "scan", "{addr}", "--json", "--max-connections", "16"],
    # a binary without scan: `hello` (one handshake, one suite) keeps the harness running
    # "suites": ["{bin}", "hello", "{addr}", "--json"],
    # "full":   ["{bin}", "hello", "{addr}", "--json"],
}
# ======================================================================================

# The peers. "suites": cipher-suite enumeration over every version and as little else as
# the tool allows; "full": what the tool does when run with no options (nmap has no
# TLS "default run": its full mode is every ssl-*/tls-* script plus service detection).
PEER_CMD: dict[str, dict[str, list[str]]] = {
    "sslscan": {
        "suites": ["sslscan", "--no-colour", "--no-heartbleed", "--no-renegotiation",
                   "--no-compression", "--no-fallback", "--no-groups", "{addr}"],
        "full": ["sslscan", "--no-colour", "{addr}"],
    },
    "nmap": {
        "suites": ["nmap", "-Pn", "-n", "-p", "{port}", "--script", "ssl-enum-ciphers", "{host}"],
        "full": ["nmap", "-Pn", "-n", "-sV", "-p", "{port}", "--script", "ssl-* or tls-*", "{host}"],
    },
    "testssl": {
        "suites": ["testssl", "--warnings", "off", "--color", "0", "-E", "{addr}"],
        "full": ["testssl", "--warnings", "off", "--color", "0", "{addr}"],
    },
}

TOOLS = ["tlsdoctor", "sslscan", "nmap", "testssl"]
MODES = ["suites", "full"]
SERVERS = ["wide", "wide_nginx"]
RTTS_MS = [0.0, 50.0]

# Wall-clock bound of one run, seconds (the tool's whole process group is killed then).
TIMEOUT_S = {
    ("tlsdoctor", "suites"): 120, ("tlsdoctor", "full"): 180,
    ("sslscan", "suites"): 300, ("sslscan", "full"): 300,
    ("nmap", "suites"): 300, ("nmap", "full"): 300,
    ("testssl", "suites"): 300, ("testssl", "full"): 900,
}
# Exit statuses of a run that completed. tlsdoctor: 0 ok, 1 findings. testssl.sh 3.0: the
# number of checks that hit a problem (e.g. 1 for "Ticket resumption test not possible"
# against s_server), its fatal errors are 242..255.
OK_EXIT: dict[str, Callable[[int | None], bool]] = {
    "tlsdoctor": lambda rc: rc in (0, 1),
    "sslscan": lambda rc: rc == 0,
    "nmap": lambda rc: rc == 0,
    "testssl": lambda rc: rc is not None and 0 <= rc < 240,
}

VERSIONS = ["SSLv2", "SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3"]
GROUND_TRUTH_CIPHERS = "ALL:COMPLEMENTOFALL:@SECLEVEL=0"  # every TLS <= 1.2 suite OpenSSL has
TLS13_SUITES = ["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
                "TLS_AES_128_CCM_SHA256", "TLS_AES_128_CCM_8_SHA256"]  # RFC 8446 (the CCMs are
                                                # not in OpenSSL's default list, so not in ALL)


def show(argv: list[str]) -> str:
    """A command line for people (quotes only what a shell would split or expand)."""
    return " ".join(f"'{a}'" if re.search(r"[\s*?]", a) else a for a in argv)


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ---- cipher suite names -> codes ------------------------------------------------------
class SuiteNames:
    """IANA and OpenSSL names to "0x...." codes, from tlsdoctor's own catalog."""

    def __init__(self, path: Path = REPO / "data" / "iana" / "cipher_suites.csv") -> None:
        self.by_name: dict[str, str] = {}
        with open(path, newline="") as f:
            rows = csv.DictReader(line for line in f if not line.startswith("#"))
            for r in rows:
                code = r["code"].lower()
                for k in ("iana_name", "openssl_name"):
                    if r.get(k):
                        self.by_name.setdefault(r[k], code)

    def code(self, name: str) -> str:
        """The code of a suite name; an unknown name stays as it is (never dropped)."""
        return self.by_name.get(name, name)


def norm_version(v: str | None) -> str | None:
    if v is None:
        return None
    v = v.strip().replace(" ", "")
    v = {"TLS1": "TLSv1.0", "TLSv1": "TLSv1.0", "TLS1.0": "TLSv1.0", "TLS1.1": "TLSv1.1",
         "TLS1.2": "TLSv1.2", "TLS1.3": "TLSv1.3"}.get(v, v)
    return v if v in VERSIONS else None


def hex_code(h: str) -> str:
    n = int(h, 16)
    return f"0x{n:06x}" if len(h) > 4 else f"0x{n:04x}"  # SSLv2 kinds are 3 bytes


Finding = tuple[str | None, str]  # (version or None when the tool does not say, code)


# ---- parsers: one per tool; each returns the set of (version, code) it reports --------
def parse_nmap(out: str, names: SuiteNames) -> set[Finding]:
    found: set[Finding] = set()
    inside = False
    version = None
    for line in out.splitlines():
        if line.startswith("| ssl-enum-ciphers:"):
            inside, version = True, None
            continue
        if not inside:
            continue
        m = re.match(r"^\|\s{3}(SSLv3|TLSv1\.[0-3]):\s*$", line)
        if m:
            version = m.group(1)
            continue
        m = re.match(r"^\|\s{7}((?:TLS|SSL)_\w+)", line)
        if m and version:
            name = m.group(1).replace("TLS_AKE_WITH_", "TLS_")  # nmap's TLS 1.3 spelling
            found.add((norm_version(version), names.code(name)))
        if line.startswith("|_"):
            inside = False
    return found


def parse_sslscan(out: str, names: SuiteNames) -> set[Finding]:
    found: set[Finding] = set()
    for line in out.splitlines():
        m = re.match(r"^(?:Preferred|Accepted)\s+(SSLv2|SSLv3|TLSv1\.[0-3])\s+\d+\s+bits\s+(\S+)", line)
        if m:
            found.add((norm_version(m.group(1)), names.code(m.group(2))))
    return found


_TESSL_SECTION = re.compile(r"^\s*Testing .*ciphers.*against the server")
_TESSL_END = re.compile(r"^\s*(Testing |Running |Done )")
_TESSL_VERSION = re.compile(r"^(SSLv2|SSLv3|TLS 1(?:\.[123])?)\s*$")
_TESSL_SUITE = re.compile(r"^\s?x([0-9a-fA-F]{2,6})\s+\S")


def parse_testssl(out: str, names: SuiteNames) -> set[Finding]:
    """The "ciphers ... against the server" section: per protocol with -E (version
    headers), one list without versions in the default run (-e)."""
    found: set[Finding] = set()
    inside = False
    version = None
    for line in out.splitlines():
        if _TESSL_SECTION.match(line):
            inside, version = True, None
            continue
        if not inside:
            continue
        if _TESSL_END.match(line):
            inside = False
            continue
        m = _TESSL_VERSION.match(line)
        if m:
            version = norm_version(m.group(1))
            continue
        m = _TESSL_SUITE.match(line)
        if m:
            found.add((version, hex_code(m.group(1))))
    return found


def parse_tlsdoctor(out: str, names: SuiteNames) -> tuple[set[Finding], int | None]:
    """`scan --json` (tlsdoctor.scan/1): cipher_suites.<version>.suites[].code, and the
    scanner's own "connections". `hello --json` (the stand-in): the one suite chosen."""
    try:
        doc = json.loads(out)
    except ValueError:
        return set(), None
    if not isinstance(doc, dict):
        return set(), None
    found: set[Finding] = set()
    schema = str(doc.get("schema", ""))
    if schema.startswith("tlsdoctor.scan/"):
        for version, entry in (doc.get("cipher_suites") or {}).items():
            for suite in (entry or {}).get("suites") or []:
                found.add((norm_version(version), str(suite["code"]).lower()))
    elif schema.startswith("tlsdoctor.hello/"):
        if doc.get("cipher_suite") and doc.get("version"):
            found.add((norm_version(doc["version"]), str(doc["cipher_suite"]["code"]).lower()))
    conns = doc.get("connections")
    return found, conns if isinstance(conns, int) else None


# ---- ground truth -----------------------------------------------------------------------
def ground_truth(host: str, port: int, names: SuiteNames) -> set[Finding]:
    """Every (version, suite) the server accepts, one handshake per candidate with the
    local OpenSSL (the same library the lab servers use, so nothing is out of reach
    except SSLv2/SSLv3, which Debian's OpenSSL 3 cannot speak, nor serve)."""
    listing = subprocess.run(["openssl", "ciphers", GROUND_TRUTH_CIPHERS], capture_output=True,
                             text=True, check=True).stdout.strip().split(":")
    legacy = [n for n in listing if not n.startswith("TLS_")]
    found: set[Finding] = set()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        versions = {"TLSv1.0": ssl.TLSVersion.TLSv1, "TLSv1.1": ssl.TLSVersion.TLSv1_1,
                    "TLSv1.2": ssl.TLSVersion.TLSv1_2}
        for vname, v in versions.items():
            for suite in legacy:
                ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                ctx.check_hostname = False
                ctx.verify_mode = ssl.CERT_NONE
                ctx.minimum_version = ctx.maximum_version = v
                try:
                    ctx.set_ciphers(f"{suite}:@SECLEVEL=0")
                except ssl.SSLError:
                    continue
                try:
                    with socket.create_connection((host, port), timeout=5) as s, \
                            ctx.wrap_socket(s, server_hostname="localhost") as tls:
                        found.add((vname, names.code(tls.cipher()[0])))
                except (ssl.SSLError, OSError):
                    pass
    for suite in TLS13_SUITES:
        r = subprocess.run(["openssl", "s_client", "-brief", "-connect", f"{host}:{port}",
                            "-servername", "localhost", "-tls1_3", "-ciphersuites", suite],
                           stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=15)
        if r.returncode == 0 and f"Ciphersuite: {suite}" in r.stdout + r.stderr:
            found.add(("TLSv1.3", names.code(suite)))
    return found


# ---- running one tool -------------------------------------------------------------------
try:
    import ctypes
    _prctl = ctypes.CDLL(None, use_errno=True).prctl
except Exception:  # not glibc: children rely on our own kill paths only
    _prctl = None


def _child_setup() -> None:  # between fork and exec: die with the harness
    if _prctl is not None:
        _prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


@dataclass
class Exec:
    rc: int | None
    timed_out: bool
    wall_s: float
    maxrss_kib: int
    cpu_s: float


TIME_BIN = next((p for p in ("/usr/bin/time",) if os.access(p, os.X_OK)), None)  # GNU time


def _kill_group(pgid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)


def execute(argv: list[str], *, timeout: float, cwd: Path, stdout: Path, stderr: Path,
            env: dict[str, str]) -> Exec:
    """Run argv in its own process group; wall time from fork to exit; CPU = user + system
    of the whole tree (wait4). Peak RSS = the largest single process of the tree, read from
    GNU time's %M: the tool runs under /usr/bin/time because a process forked from this
    harness keeps the harness's RSS as its high-water mark across exec (Linux records the
    old mm's peak at exec), so wait4's ru_maxrss here would never be below ~20 MiB; time
    is a small C program, so its child's floor is negligible. Without /usr/bin/time, RSS is
    wait4's and flagged as inflated. On timeout the group gets SIGTERM, then SIGKILL.
    Whatever is left of the group afterwards (a forgotten background child) is killed."""
    rss_file = stdout.with_suffix(".rss")
    if TIME_BIN:
        argv = [TIME_BIN, "-f", "%M", "-o", str(rss_file), "--", *argv]
    with open(stdout, "wb") as out, open(stderr, "wb") as err:
        t0 = time.monotonic()
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out,
                                stderr=err, start_new_session=True, preexec_fn=_child_setup)
    pid = proc.pid
    timed_out = False
    status = rusage = None
    try:
        pidfd: int | None = os.pidfd_open(pid)
    except (AttributeError, OSError):
        pidfd = None
    try:
        deadline = t0 + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            if pidfd is not None:
                select.select([pidfd], [], [], left)
                got, st, ru = os.wait4(pid, os.WNOHANG)
            else:
                time.sleep(min(left, 0.005))
                got, st, ru = os.wait4(pid, os.WNOHANG)
            if got == pid:
                status, rusage = st, ru
                break
        wall = time.monotonic() - t0
    finally:
        if pidfd is not None:
            os.close(pidfd)
        if status is None:  # timed out or interrupted: stop the whole group
            _kill_group(pid, signal.SIGTERM)
            for _ in range(40):
                got, st, ru = os.wait4(pid, os.WNOHANG)
                if got == pid:
                    status, rusage = st, ru
                    break
                time.sleep(0.05)
            else:
                _kill_group(pid, signal.SIGKILL)
                _, status, rusage = os.wait4(pid, 0)
            wall = time.monotonic() - t0
        _kill_group(pid, signal.SIGKILL)
        proc.returncode = os.waitstatus_to_exitcode(status)  # keep Popen from waiting again
    maxrss = -rusage.ru_maxrss  # negative: "inflated by the harness" (no GNU time)
    if TIME_BIN:
        with contextlib.suppress(OSError, ValueError, IndexError):
            maxrss = int(rss_file.read_text().split()[-1])
        with contextlib.suppress(OSError):
            rss_file.unlink()
    return Exec(rc=None if timed_out else proc.returncode, timed_out=timed_out, wall_s=wall,
                maxrss_kib=maxrss, cpu_s=rusage.ru_utime + rusage.ru_stime)


# ---- the plan ---------------------------------------------------------------------------
@dataclass
class Cell:
    server: str
    rtt_ms: float
    tool: str
    mode: str

    @property
    def net(self) -> str:
        return "loopback" if self.rtt_ms == 0 else f"rtt{self.rtt_ms:g}ms"


@dataclass
class Run:
    server: str
    rtt_ms: float
    tool: str
    mode: str
    rep: int
    argv: list[str]
    wall_s: float
    rc: int | None
    timed_out: bool
    connections: int
    peak_connections: int
    upstream_failed: int
    maxrss_kib: int         # GNU time's %M; negative: wait4's, inflated by the harness's RSS
    cpu_s: float
    found: int = 0
    expected: int = 0
    basis: str = "pairs"    # "pairs" (version, suite) or "suites" (the tool gives no versions)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    self_reported_connections: int | None = None
    broken: str | None = None
    output: str = ""


def command(cell: Cell, tlsdoctor: Path, px: LatencyProxy) -> list[str]:
    template = TLSDOCTOR_CMD[cell.mode] if cell.tool == "tlsdoctor" else PEER_CMD[cell.tool][cell.mode]
    subst = {"bin": str(tlsdoctor), "host": px.host, "port": str(px.port), "addr": px.address}
    return [re.sub(r"\{(bin|host|port|addr)\}", lambda m: subst[m.group(1)], a) for a in template]


def compare(found: set[Finding], truth: set[Finding]) -> tuple[int, int, str, list[str], list[str]]:
    if found and all(v is None for v, _ in found):  # versionless list: compare suites only
        f = {c for _, c in found}
        t = {c for _, c in truth}
        basis = "suites"
    else:
        f = {f"{v}/{c}" for v, c in found}
        t = {f"{v}/{c}" for v, c in truth}
        basis = "pairs"
    return len(f & t), len(t), basis, sorted(t - f), sorted(f - t)


def judge(run: Run, text: str, truth: set[Finding], names: SuiteNames) -> None:
    """Parse one run's output, compare it with the ground truth, decide if it is broken."""
    if run.tool == "tlsdoctor":
        found, run.self_reported_connections = parse_tlsdoctor(text, names)
    else:
        found = {"sslscan": parse_sslscan, "nmap": parse_nmap, "testssl": parse_testssl}[run.tool](
            text, names)
    run.found, run.expected, run.basis, run.missing, run.extra = compare(found, truth)
    run.broken = None
    if run.timed_out:
        run.broken = f"timed out after {run.wall_s:.0f} s"
    elif not OK_EXIT[run.tool](run.rc):
        run.broken = f"exit {run.rc}"
    elif not found:
        run.broken = "no suite in the output"


def tool_versions(tlsdoctor: Path) -> dict[str, str]:
    def first(cmd: list[str], pattern: str) -> str:
        try:
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=60,
                               stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as e:
            return f"unavailable ({e.__class__.__name__})"
        text = re.sub(r"\x1b\[[0-9;]*m", "", r.stdout + r.stderr)
        m = re.search(pattern, text)
        return m.group(1).strip() if m else text.strip().splitlines()[0] if text.strip() else "?"

    return {
        "tlsdoctor": first([str(tlsdoctor), "--version"], r"(\S.*)"),
        "sslscan": first(["sslscan", "--version"], r"\s(\d+\.\d+\.\d+\S*)"),
        "nmap": first(["nmap", "--version"], r"Nmap version (\S+)"),
        "testssl": first(["testssl", "--version"], r"testssl\s+(\S+)"),
        "openssl": first(["openssl", "version"], r"(OpenSSL \S+)"),
        "nginx": first(["nginx", "-v"], r"nginx/(\S+)"),
        "python": platform.python_version(),
    }


# ---- statistics and the report ------------------------------------------------------------
def quartiles(xs: list[float]) -> tuple[float, float, float]:
    xs = sorted(xs)
    if len(xs) == 1:
        return xs[0], xs[0], xs[0]
    q = statistics.quantiles(xs, n=4, method="inclusive")
    return q[0], statistics.median(xs), q[2]


def summarize(runs: list[Run]) -> list[dict[str, Any]]:
    cells: dict[tuple, list[Run]] = {}
    for r in runs:
        cells.setdefault((r.server, r.rtt_ms, r.tool, r.mode), []).append(r)
    out = []
    for (server, rtt, tool, mode), rs in cells.items():
        ok = [r for r in rs if r.broken is None]
        row: dict[str, Any] = {"server": server, "rtt_ms": rtt, "tool": tool, "mode": mode,
                               "runs": len(rs), "ok": len(ok)}
        if ok:
            q1, med, q3 = quartiles([r.wall_s for r in ok])
            row.update(
                wall_median_s=med, wall_iqr_s=q3 - q1,
                connections_median=statistics.median(r.connections for r in ok),
                peak_connections_max=max(r.peak_connections for r in ok),
                maxrss_mib_max=max(abs(r.maxrss_kib) for r in ok) / 1024,
                maxrss_inflated=any(r.maxrss_kib < 0 for r in ok),
                cpu_median_s=statistics.median(r.cpu_s for r in ok),
                found_min=min(r.found for r in ok), found_max=max(r.found for r in ok),
                expected=ok[0].expected, basis=ok[0].basis,
                missing=sorted({m for r in ok for m in r.missing}),
                extra=sorted({e for r in ok for e in r.extra}))
            rep = [r.self_reported_connections for r in ok if r.self_reported_connections is not None]
            if rep:
                row["self_reported_connections_median"] = statistics.median(rep)
        row["broken"] = sorted({r.broken for r in rs if r.broken})
        out.append(row)
    for row in out:  # ratios against tlsdoctor in the same server, network and mode
        base = next((b for b in out if b["tool"] == "tlsdoctor" and b["server"] == row["server"]
                     and b["rtt_ms"] == row["rtt_ms"] and b["mode"] == row["mode"]
                     and b.get("wall_median_s")), None)
        if base and row.get("wall_median_s") is not None:
            row["wall_ratio"] = row["wall_median_s"] / base["wall_median_s"]
            if base["connections_median"]:
                row["connections_ratio"] = row["connections_median"] / base["connections_median"]
    return out


def markdown(summary: list[dict[str, Any]], meta: dict[str, Any]) -> str:
    def f(x: Any, spec: str = ".2f", suffix: str = "") -> str:
        return "–" if x is None else f"{x:{spec}}{suffix}"

    lines = [f"## tlsdoctor vs peers — {meta['started']}", "",
             f"{meta['reps']} repetitions per cell, medians over non-broken runs; "
             f"machine: {meta['machine']}; load average at start {meta['loadavg_start']}, "
             f"at end {meta.get('loadavg_end', '?')}.",
             "Ratios are peer / tlsdoctor in the same server, network and mode "
             "(> 1: tlsdoctor is faster / uses fewer connections).", ""]
    order = {t: i for i, t in enumerate(TOOLS)}
    groups: dict[tuple[str, float], list[dict[str, Any]]] = {}
    for row in summary:
        groups.setdefault((row["server"], row["rtt_ms"]), []).append(row)
    for (server, rtt), rows in sorted(groups.items(), key=lambda kv: (SERVERS.index(kv[0][0])
                                      if kv[0][0] in SERVERS else 99, kv[0][1])):
        sw = meta["servers"].get(server, {}).get("software", "")
        net = "loopback (counting proxy)" if rtt == 0 else f"{rtt:g} ms RTT (latency proxy)"
        lines += [f"### {server} ({sw}), {net}", "",
                  "| mode | tool | ok/runs | wall median s | IQR s | × wall | connections | × conns "
                  "| peak conc. | peak RSS MiB | CPU s | found / expected |",
                  "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
        for row in sorted(rows, key=lambda r: (MODES.index(r["mode"]), order.get(r["tool"], 9))):
            found = "–"
            if row.get("expected") is not None:
                lo, hi = row["found_min"], row["found_max"]
                found = (f"{lo}" if lo == hi else f"{lo}–{hi}") + f" / {row['expected']} {row['basis']}"
                if row.get("extra"):
                    found += f" (+{len(row['extra'])} unexpected)"
            conns = f(row.get("connections_median"), "g")
            if row.get("self_reported_connections_median") is not None:
                conns += f" (says {row['self_reported_connections_median']:g})"
            lines.append(
                f"| {row['mode']} | {row['tool']} | {row['ok']}/{row['runs']} "
                f"| {f(row.get('wall_median_s'))} | {f(row.get('wall_iqr_s'))} "
                f"| {f(row.get('wall_ratio'), '.1f', '×')} | {conns} "
                f"| {f(row.get('connections_ratio'), '.1f', '×')} "
                f"| {f(row.get('peak_connections_max'), 'g')} "
                f"| {f(row.get('maxrss_mib_max'), '.1f')}{'*' if row.get('maxrss_inflated') else ''} "
                f"| {f(row.get('cpu_median_s'))} | {found} |")
        lines.append("")
        for row in rows:
            if row["broken"]:
                lines.append(f"- {row['tool']} {row['mode']}: broken runs: {'; '.join(row['broken'])}")
        lines.append("")
    if any(row.get("maxrss_inflated") for row in summary):
        lines += ["\\* peak RSS from wait4 without /usr/bin/time: it includes the harness's own RSS "
                  "(~20 MiB), see execute().", ""]
    lines.append("Commands: " + "; ".join(f"`{k}`: `{v}`" for k, v in meta["commands"].items()))
    return "\n".join(lines) + "\n"


# ---- main -------------------------------------------------------------------------------
def parse_list(kind: str, allowed: list[str]) -> Callable[[str], list[str]]:
    def conv(s: str) -> list[str]:
        items = [x.strip() for x in s.split(",") if x.strip()]
        bad = [x for x in items if x not in allowed]
        if bad:
            raise argparse.ArgumentTypeError(f"unknown {kind} {bad}; known: {','.join(allowed)}")
        return items
    return conv


def report(path: Path) -> int:
    doc = json.loads(path.read_text())
    names = SuiteNames()
    truth = {name: {(p.split("/")[0], p.split("/")[1]) for p in srv["ground_truth"]}
             for name, srv in doc["meta"]["servers"].items()}
    runs = []
    for r in doc["runs"]:
        run = Run(**r)
        out = path.parent / run.output
        judge(run, out.read_text(errors="replace") if out.exists() else "", truth[run.server], names)
        runs.append(run)
    doc["runs"] = [asdict(r) for r in runs]
    doc["summary"] = summarize(runs)
    path.write_text(json.dumps(doc, indent=1) + "\n")
    print(markdown(doc["summary"], doc["meta"]))
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--tools", type=parse_list("tool", TOOLS), default=TOOLS)
    ap.add_argument("--modes", type=parse_list("mode", MODES), default=MODES)
    ap.add_argument("--servers", type=parse_list("server", SERVERS), default=SERVERS)
    ap.add_argument("--rtt-ms", type=lambda s: [float(x) for x in s.split(",")], default=RTTS_MS,
                    help="network conditions, comma-separated (default 0,50)")
    ap.add_argument("--tlsdoctor", type=Path,
                    default=Path(os.environ.get("TLSDOCTOR_BIN", REPO / "build/release/tlsdoctor")))
    ap.add_argument("--timeout", type=float, default=None, help="override every per-run timeout (s)")
    ap.add_argument("--seed", type=int, default=None, help="shuffle seed (default: from the clock)")
    ap.add_argument("--results", type=Path, default=REPO / "bench" / "results")
    ap.add_argument("--workdir", type=Path, default=None,
                    help="lab workdir (PKI cache, server logs); default $TLSDOCTOR_LAB_DIR or a temp dir")
    ap.add_argument("--list", action="store_true", help="print the command lines and exit")
    ap.add_argument("--report", type=Path, metavar="JSON",
                    help="run nothing: re-parse the outputs saved with a results JSON (current "
                         "parsers and rules), rewrite its verdicts and summary, print the table")
    a = ap.parse_args(argv)
    if a.report:
        return report(a.report)

    tlsdoctor = a.tlsdoctor if a.tlsdoctor.is_absolute() else (Path.cwd() / a.tlsdoctor)
    tools = []
    for t in a.tools:
        exe = str(tlsdoctor) if t == "tlsdoctor" else PEER_CMD[t]["suites"][0]
        if (os.access(exe, os.X_OK) if t == "tlsdoctor" else shutil.which(exe)):
            tools.append(t)
        else:
            log(f"bench: {t} not found ({exe}); skipped")
    if a.list:
        class _Fake:
            host, port, address = "HOST", "PORT", "HOST:PORT"
        for t in tools:
            for m in a.modes:
                print(f"{t:9} {m:6} " + show(command(Cell("-", 0, t, m), tlsdoctor, _Fake())))
        return 0
    if not tools:
        log("bench: nothing to run")
        return 2

    seed = a.seed if a.seed is not None else int(time.time())
    started = dt.datetime.now().astimezone()
    stamp = started.strftime("%Y-%m-%dT%H%M%S")
    a.results.mkdir(parents=True, exist_ok=True)
    outdir = a.results / stamp
    outdir.mkdir()
    scratch = Path(tempfile.mkdtemp(prefix="tlsdoctor-bench-"))
    workdir = a.workdir or Path(os.environ.get("TLSDOCTOR_LAB_DIR")
                                or Path(tempfile.gettempdir()) / f"tlsdoctor-lab-{os.getuid()}")
    names = SuiteNames()
    env = dict(os.environ, NO_COLOR="1", TERM="dumb")

    def on_term(*_: object) -> None:
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, on_term)

    meta: dict[str, Any] = {
        "started": started.isoformat(timespec="seconds"), "reps": a.reps, "seed": seed,
        "machine": f"{platform.node()} {platform.machine()}, {os.cpu_count()} CPUs, "
                   f"{platform.system()} {platform.release()}",
        "loadavg_start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "versions": tool_versions(tlsdoctor), "servers": {}, "rtt_ms": a.rtt_ms,
        "commands": {f"{t} {m}": show(TLSDOCTOR_CMD[m] if t == "tlsdoctor" else PEER_CMD[t][m])
                     for t in tools for m in a.modes},
        "timeouts_s": {f"{t} {m}": a.timeout or TIMEOUT_S[(t, m)] for t in tools for m in a.modes},
    }
    log(f"bench: versions {meta['versions']}")
    runs: list[Run] = []
    truth: dict[str, set[Finding]] = {}
    json_path = a.results / f"{stamp}.json"
    interrupted = False
    lab = Lab(workdir)
    with contextlib.ExitStack() as stack:
        try:
            proxies: dict[tuple[str, float], LatencyProxy] = {}
            for name in a.servers:
                srv = stack.enter_context(lab.start(name))
                meta["servers"][name] = {"software": {"openssl": "openssl s_server",
                                                      "nginx": "nginx"}.get(srv.software, srv.software),
                                         "address": srv.address}
                t = time.monotonic()
                truth[name] = ground_truth(srv.host, srv.port, names)
                per_v = {v: sum(1 for x, _ in truth[name] if x == v) for v in VERSIONS}
                log(f"bench: {name} on {srv.address}: ground truth {len(truth[name])} pairs "
                    f"{ {v: n for v, n in per_v.items() if n} } ({time.monotonic() - t:.1f} s)")
                meta["servers"][name]["ground_truth"] = sorted(f"{v}/{c}" for v, c in truth[name])
                for rtt in a.rtt_ms:
                    px = stack.enter_context(LatencyProxy(srv.host, srv.port, rtt))
                    proxies[(name, rtt)] = px
            cells = [Cell(s, r, t, m) for s in a.servers for r in a.rtt_ms for t in tools
                     for m in a.modes]
            rng = random.Random(seed)
            total = len(cells) * a.reps
            n = 0
            for rep in range(a.reps):
                order = cells[:]
                rng.shuffle(order)
                for cell in order:
                    n += 1
                    px = proxies[(cell.server, cell.rtt_ms)]
                    if not px.wait_idle(30):
                        log(f"bench: warning: connections still open on {cell.server} proxy")
                    px.reset()
                    argv_ = command(cell, tlsdoctor, px)
                    base = f"{cell.server}-{cell.net}-{cell.tool}-{cell.mode}-{rep + 1}"
                    so, se = outdir / f"{base}.out", outdir / f"{base}.err"
                    rundir = scratch / base
                    rundir.mkdir()
                    ex = execute(argv_, timeout=a.timeout or TIMEOUT_S[(cell.tool, cell.mode)],
                                 cwd=rundir, stdout=so, stderr=se, env=env)
                    st = px.stats.snapshot()
                    shutil.rmtree(rundir, ignore_errors=True)
                    run = Run(server=cell.server, rtt_ms=cell.rtt_ms, tool=cell.tool, mode=cell.mode,
                              rep=rep + 1, argv=argv_, wall_s=ex.wall_s, rc=ex.rc,
                              timed_out=ex.timed_out, connections=st["accepted"],
                              peak_connections=st["peak"], upstream_failed=st["upstream_failed"],
                              maxrss_kib=ex.maxrss_kib, cpu_s=ex.cpu_s,
                              output=str(so.relative_to(a.results)))
                    judge(run, so.read_text(errors="replace"), truth[cell.server], names)
                    runs.append(run)
                    log(f"[{n}/{total}] {cell.server:10} {cell.net:9} {cell.tool:9} {cell.mode:6} "
                        f"{ex.wall_s:7.2f} s {st['accepted']:4} conns (peak {st['peak']}) "
                        f"{run.found}/{run.expected} {run.basis}"
                        + (f"  BROKEN: {run.broken}" if run.broken else ""))
        except KeyboardInterrupt:
            interrupted = True
            log("bench: interrupted; writing what was measured")
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    meta["loadavg_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    meta["interrupted"] = interrupted
    summary = summarize(runs)
    json_path.write_text(json.dumps({"meta": meta, "summary": summary,
                                     "runs": [asdict(r) for r in runs]}, indent=1) + "\n")
    print(markdown(summary, meta))
    log(f"bench: results in {json_path} (tool outputs in {outdir})")
    return 130 if interrupted else 0


if __name__ == "__main__":
    sys.exit(main())
