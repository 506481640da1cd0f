"""A real SMTP server with STARTTLS for the lab: Debian's postfix as a private instance
(its own config, queue and log under a temporary directory) in the foreground, with two
listeners on free loopback ports sharing one TLS configuration: SMTP with STARTTLS and
the same smtpd in implicit-TLS wrapper mode (what `smtps://` reaches). postfix's master
must start as root (it drops to the `postfix` user); CI runs as root."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.lab.lab import free_port

POSTFIX = shutil.which("postfix") or "/usr/sbin/postfix"

# The services a private instance needs besides smtpd (Debian's master.cf, trimmed).
_SERVICES = """\
pickup    unix  n - n 60 1 pickup
cleanup   unix  n - n - 0 cleanup
qmgr      unix  n - n 300 1 qmgr
tlsmgr    unix  - - n 1000? 1 tlsmgr
rewrite   unix  - - n - - trivial-rewrite
bounce    unix  - - n - 0 bounce
defer     unix  - - n - 0 bounce
trace     unix  - - n - 0 bounce
verify    unix  - - n - 1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n - - proxymap
smtp      unix  - - n - - smtp
relay     unix  - - n - - smtp
showq     unix  n - n - - showq
error     unix  - - n - - error
retry     unix  - - n - - error
discard   unix  - - n - - discard
local     unix  - n n - - local
anvil     unix  - - n - 1 anvil
scache    unix  - - n - 1 scache
postlog   unix-dgram n - n - 1 postlogd
"""


def unavailable() -> str | None:
    if not os.access(POSTFIX, os.X_OK):
        return "postfix is not installed (scripts/setup.sh --with-tests)"
    if os.geteuid() != 0:
        return "a private postfix instance must start as root"
    return None


@dataclass
class Postfix:
    smtp_port: int   # STARTTLS
    smtps_port: int  # implicit TLS, same TLS settings
    dir: Path


@contextlib.contextmanager
def postfix(cert: Path, key: Path, *, tls: dict[str, str] | None = None, starttls: bool = True):
    """`tls`: extra main.cf settings (smtpd_tls_protocols, tls_medium_cipherlist, ...).
    starttls=False: no TLS on the SMTP listener (its EHLO reply has no STARTTLS)."""
    # Postfix's daemons run as `postfix` and chdir into the queue: the tree must be
    # reachable by that user (pytest's own temporary directories are 0700).
    base = Path(tempfile.mkdtemp(prefix="tlsd-postfix-"))
    base.chmod(0o755)
    for sub in ("etc", "spool", "data"):
        (base / sub).mkdir()
    shutil.copy(cert, base / "cert.pem")
    shutil.copy(key, base / "key.pem")
    os.chmod(base / "key.pem", 0o640)
    shutil.chown(base / "data", user="postfix")
    smtp_port, smtps_port = free_port(), free_port()
    settings = {
        "compatibility_level": "3.6",
        "queue_directory": str(base / "spool"),
        "data_directory": str(base / "data"),
        "mail_owner": "postfix",
        "setgid_group": "postdrop",
        "myhostname": "lab.example",
        "mydestination": "",
        "inet_interfaces": "127.0.0.1",
        "inet_protocols": "ipv4",
        "maillog_file": str(base / "maillog"),
        "maillog_file_prefixes": str(base),
        "smtpd_tls_cert_file": str(base / "cert.pem"),
        "smtpd_tls_key_file": str(base / "key.pem"),
        "smtpd_tls_security_level": "may" if starttls else "none",
    }
    settings.update(tls or {})
    (base / "etc" / "main.cf").write_text("".join(f"{k} = {v}\n" for k, v in settings.items()))
    (base / "etc" / "master.cf").write_text(
        f"127.0.0.1:{smtp_port} inet n - n - - smtpd\n"
        f"127.0.0.1:{smtps_port} inet n - n - - smtpd -o smtpd_tls_wrappermode=yes "
        f"-o smtpd_tls_security_level=may\n" + _SERVICES)
    log = open(base / "postfix.out", "wb")
    proc = subprocess.Popen([POSTFIX, "-c", str(base / "etc"), "start-fg"], stdout=log,
                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 20
        for port in (smtp_port, smtps_port):
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                    break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        tail = (base / "maillog").read_text(errors="replace")[-2000:] \
                            if (base / "maillog").exists() else ""
                        raise RuntimeError(f"postfix did not start: {tail}")
                    time.sleep(0.1)
        yield Postfix(smtp_port, smtps_port, base)
    finally:
        subprocess.run([POSTFIX, "-c", str(base / "etc"), "stop"], capture_output=True,
                       timeout=30)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
        shutil.rmtree(base, ignore_errors=True)
