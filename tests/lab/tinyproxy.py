"""A real HTTP CONNECT proxy for the lab: Debian's tinyproxy, in the foreground on a free
loopback port, optionally with Basic authentication (a 407 for a client without it).
Also a proxy that never answers (a listening socket nobody accepts from)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from tests.lab.lab import free_port

TINYPROXY = shutil.which("tinyproxy") or "/usr/bin/tinyproxy"


def available() -> bool:
    return os.access(TINYPROXY, os.X_OK)


@contextlib.contextmanager
def tinyproxy(workdir: Path, *, basic_auth: tuple[str, str] | None = None):
    """Yields "127.0.0.1:PORT" of a running tinyproxy; stops it after."""
    workdir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    conf = workdir / f"tinyproxy-{port}.conf"
    lines = [f"Port {port}", "Listen 127.0.0.1", "Timeout 15", "MaxClients 64", "LogLevel Info"]
    if os.geteuid() == 0:  # tinyproxy drops root; CI runs as root
        lines += ["User nobody", "Group nogroup"]
    if basic_auth:
        lines.append(f"BasicAuth {basic_auth[0]} {basic_auth[1]}")
    conf.write_text("\n".join(lines) + "\n")
    log = open(workdir / f"tinyproxy-{port}.log", "wb")
    proc = subprocess.Popen([TINYPROXY, "-d", "-c", str(conf)], stdout=log,
                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"tinyproxy did not start: {(workdir / log.name).name}")
                time.sleep(0.05)
        yield f"127.0.0.1:{port}"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()


@contextlib.contextmanager
def silent_proxy():
    """A port that takes the TCP connection (the kernel's backlog) and never says a word."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    s.listen(16)
    try:
        yield f"127.0.0.1:{s.getsockname()[1]}"
    finally:
        s.close()
