"""postgresql: a fresh cluster (initdb) in a temporary directory with ssl = on. PostgreSQL
refuses to run as root, so as root (CI) the cluster belongs to Debian's `postgres` user
and runs through runuser. `postgres_legacy` is the old-configuration case: TLS 1.0 to 1.2
with a CBC-era ssl_ciphers list; `postgres_nossl` answers 'N' to SSLRequest."""

from __future__ import annotations

import glob
import os
import shutil

from ..pki import Pki
from .base import Daemon, copy_key_pair, kind, new_daemon, ServerMissing


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise ServerMissing("postgresql is not installed (scripts/setup.sh --with-tests)")
    return found[-1]


def _start(pki: Pki, name: str, settings: dict[str, str]) -> Daemon:
    initdb, postgres = _bin("initdb"), _bin("postgres")
    d = new_daemon(name, ["pg"])
    try:
        owner = "postgres" if os.geteuid() == 0 else None
        run_as = ["runuser", "-u", "postgres", "--"] if owner else []
        data = d.dir / "data"
        if owner:
            shutil.chown(d.dir, owner, None)
        import subprocess
        r = subprocess.run(run_as + [initdb, "-D", str(data), "-A", "trust", "-U", "postgres",
                                     "--no-sync", "-E", "UTF8"],
                           capture_output=True, timeout=120, cwd=d.dir)
        if r.returncode != 0:
            raise RuntimeError(f"initdb failed: {r.stdout.decode()}{r.stderr.decode()}")
        cert, key = copy_key_pair(pki, "rsa2048", data, owner)
        conf = {"listen_addresses": "127.0.0.1", "port": str(d.ports["pg"]),
                "unix_socket_directories": str(d.dir), "ssl_cert_file": str(cert),
                "ssl_key_file": str(key), "fsync": "off", **settings}
        argv = run_as + [postgres, "-D", str(data)]
        for k, v in conf.items():
            argv += ["-c", f"{k}={v}"]
        d.spawn(argv)
        if owner:
            shutil.chown(d.log, owner, None)
        d.wait_ports(60)
        return d
    except BaseException:
        d.stop()
        raise


@kind("postgres")
def postgres(pki: Pki) -> Daemon:
    return _start(pki, "postgres", {"ssl": "on"})


@kind("postgres_legacy")
def postgres_legacy(pki: Pki) -> Daemon:
    return _start(pki, "postgres_legacy", {
        "ssl": "on", "ssl_min_protocol_version": "TLSv1", "ssl_max_protocol_version": "TLSv1.2",
        "ssl_ciphers": "AES128-SHA:AES256-SHA:ECDHE-RSA-AES128-SHA:@SECLEVEL=0"})


@kind("postgres_nossl")
def postgres_nossl(pki: Pki) -> Daemon:
    return _start(pki, "postgres_nossl", {"ssl": "off"})
