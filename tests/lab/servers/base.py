"""The frame every lab daemon shares: a temporary directory, free loopback ports, a
process group that dies with us, a log, and a wait until every port answers."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..lab import _die_with_parent, free_port
from ..pki import Pki


class ServerMissing(RuntimeError):
    """The server's software is not installed (skip_or_fail decides)."""


@dataclass
class Daemon:
    kind: str
    dir: Path
    ports: dict[str, int]
    proc: subprocess.Popen | None = None
    log: Path | None = None
    notes: dict[str, str] = field(default_factory=dict)
    cleanup: list[Callable[[], None]] = field(default_factory=list)

    host = "127.0.0.1"

    def spawn(self, argv: list[str], *, env: dict[str, str] | None = None) -> None:
        self.log = self.dir / f"{self.kind}.log"
        with open(self.log, "ab") as lf:
            lf.write(("$ " + " ".join(argv) + "\n").encode())
            lf.flush()
            self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=lf,
                                         stderr=subprocess.STDOUT, cwd=self.dir,
                                         start_new_session=True, env=env,
                                         preexec_fn=_die_with_parent)

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except (OSError, AttributeError):
            return "(no log)"

    def wait_ports(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        for name, port in self.ports.items():
            while True:
                if self.proc is not None and self.proc.poll() is not None:
                    raise RuntimeError(f"{self.kind} exited with {self.proc.returncode}:\n"
                                       f"{self.log_tail()}")
                try:
                    with socket.create_connection((self.host, port), timeout=1):
                        break
                except OSError:
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"{self.kind}: port {name}={port} never answered:\n"
                                           f"{self.log_tail()}")
                    time.sleep(0.1)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            for sig, wait in ((signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(self.proc.pid, sig)
                try:
                    self.proc.wait(timeout=wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
        for fn in self.cleanup:
            with contextlib.suppress(Exception):
                fn()
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> "Daemon":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def need(path: str) -> str:
    found = shutil.which(path) or (path if os.path.exists(path) else None)
    if not found:
        raise ServerMissing(f"{path} is not installed (scripts/setup.sh --with-tests)")
    return found


def new_daemon(kind: str, port_names: list[str]) -> Daemon:
    # World-traversable: servers that drop root (postgres, mysql) read their files here.
    d = Path(tempfile.mkdtemp(prefix=f"tlsdoctor-{kind}-"))
    d.chmod(0o755)
    return Daemon(kind=kind, dir=d, ports={n: free_port() for n in port_names})


def copy_key_pair(pki: Pki, leaf: str, into: Path, owner: str | None = None) -> tuple[Path, Path]:
    """The leaf's full chain and key in `into`, key 0600, owned by `owner` when root."""
    cert, key = into / f"{leaf}.pem", into / f"{leaf}.key"
    shutil.copy(pki.fullchain(leaf), cert)
    shutil.copy(pki.key(leaf), key)
    key.chmod(0o600)
    cert.chmod(0o644)
    if owner and os.geteuid() == 0:
        shutil.chown(cert, owner, None)
        shutil.chown(key, owner, None)
    return cert, key


KINDS: dict[str, Callable[[Pki], Daemon]] = {}


def kind(name: str):
    def register(fn: Callable[[Pki], Daemon]):
        KINDS[name] = fn
        return fn
    return register


def start(name: str, pki: Pki) -> Daemon:
    from . import dovecot, ftp, ldap, mariadb, postgres, xmpp  # noqa: F401  (registration)
    return KINDS[name](pki)
