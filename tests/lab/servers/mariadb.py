"""mariadb-server: a fresh data directory (mariadb-install-db) with TLS, grant tables
skipped (any user may connect: the lab is about TLS). `mariadb_rsa_kex` accepts only RSA
key exchange suites on TLS 1.2, like a MySQL 5.7 server that Go 1.22's defaults (no RSA
key exchange) cannot reach. `mariadb_nossl` has no TLS at all."""

from __future__ import annotations

import os
import shutil
import subprocess

from ..pki import Pki
from .base import Daemon, copy_key_pair, kind, need, new_daemon


def _start(pki: Pki, name: str, extra: list[str]) -> Daemon:
    install, server = need("mariadb-install-db"), need("/usr/sbin/mariadbd")
    d = new_daemon(name, ["mysql"])
    try:
        owner = "mysql" if os.geteuid() == 0 else None
        data = d.dir / "data"
        user = ["--user=mysql"] if owner else []
        r = subprocess.run([install, "--no-defaults", f"--datadir={data}", "--skip-test-db",
                            "--auth-root-authentication-method=normal"] + user,
                           capture_output=True, timeout=180, cwd=d.dir)
        if r.returncode != 0:
            raise RuntimeError(f"mariadb-install-db failed: {r.stdout.decode()}{r.stderr.decode()}")
        cert, key = copy_key_pair(pki, "rsa2048", d.dir, owner)
        ca = d.dir / "ca.pem"
        shutil.copy(pki.ca, ca)
        ca.chmod(0o644)
        tls = [f"--ssl-cert={cert}", f"--ssl-key={key}", f"--ssl-ca={ca}"] if extra != ["nossl"] \
            else ["--skip-ssl"]
        argv = [server, "--no-defaults", f"--datadir={data}", f"--port={d.ports['mysql']}",
                "--bind-address=127.0.0.1", f"--socket={data}/mysqld.sock",
                f"--pid-file={data}/mysqld.pid", "--skip-grant-tables", "--skip-name-resolve",
                "--innodb-buffer-pool-size=16M"] \
            + user + tls + [a for a in extra if a != "nossl"]
        d.spawn(argv)
        d.wait_ports(60)
        return d
    except BaseException:
        d.stop()
        raise


@kind("mariadb")
def mariadb(pki: Pki) -> Daemon:
    return _start(pki, "mariadb", [])


@kind("mariadb_rsa_kex")
def mariadb_rsa_kex(pki: Pki) -> Daemon:
    return _start(pki, "mariadb_rsa_kex", [
        "--tls-version=TLSv1.2",
        "--ssl-cipher=AES128-GCM-SHA256:AES256-GCM-SHA384:AES128-SHA256:AES256-SHA256:AES128-SHA:AES256-SHA"])


@kind("mariadb_nossl")
def mariadb_nossl(pki: Pki) -> Daemon:
    return _start(pki, "mariadb_nossl", ["nossl"])
