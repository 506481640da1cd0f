"""Real TLS servers on loopback, started from the named scenarios in scenarios.json.

    lab = Lab(workdir)                      # generates/caches the PKI under workdir/pki
    with lab.start("story") as srv:         # waits until the server answers a handshake
        connect(srv.host, srv.port)         # 127.0.0.1, a free port
    # the server (its whole process group) is dead here, even if the body raised

Servers: `openssl s_server` (-www), `gnutls-serv` (--http), `nginx` (single process,
generated config, every path inside the workdir). Each runs in its own process group with
stdout/stderr in workdir/logs/<name>-<port>.log; on Linux it also gets PR_SET_PDEATHSIG so
it dies with the Python process that started it (pass die_with_parent=False to keep it
when starting from a short-lived thread).

A scenario's "settings" are software-neutral where they can be (protocols, ciphers,
ciphersuites, groups, cert, dhparam, server_preference, client_cert) and are translated
here into each server's flags; "priority" (gnutls), "extra_args" and "nginx_directives"
are escape hatches. See scenarios.json's "schema" entry.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .pki import Pki

HERE = Path(__file__).resolve().parent
SCENARIOS_FILE = HERE / "scenarios.json"

PROTOCOL_ORDER = ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"]
_OPENSSL_NO_FLAG = {"TLSv1": "-no_tls1", "TLSv1.1": "-no_tls1_1", "TLSv1.2": "-no_tls1_2",
                    "TLSv1.3": "-no_tls1_3"}


class LabError(RuntimeError):
    pass


def load_scenarios(path: Path = SCENARIOS_FILE) -> dict[str, dict[str, Any]]:
    data = json.loads(Path(path).read_text())
    out: dict[str, dict[str, Any]] = {}
    for sc in data["scenarios"]:
        for k in ("name", "software", "why", "settings"):
            if k not in sc:
                raise LabError(f"scenario {sc.get('name', '?')}: missing {k!r}")
        if sc["software"] not in ("openssl", "gnutls", "nginx"):
            raise LabError(f"scenario {sc['name']}: unknown software {sc['software']!r}")
        if sc["name"] in out:
            raise LabError(f"duplicate scenario {sc['name']}")
        out[sc["name"]] = sc
    return out


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


try:  # resolved in the parent: the child (after fork, before exec) must not import anything
    import ctypes
    _prctl = ctypes.CDLL(None, use_errno=True).prctl
except Exception:  # not Linux/glibc: servers then rely on stop()/atexit only
    _prctl = None


def _die_with_parent() -> None:  # runs in the child between fork and exec
    if _prctl is not None:
        _prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL


@dataclass
class Server:
    name: str
    spec: dict[str, Any]
    host: str
    port: int
    proc: subprocess.Popen
    log: Path
    confdir: Path | None = None
    _lab: "Lab | None" = field(default=None, repr=False)

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def url(self) -> str:
        return f"https://localhost:{self.port}/"

    @property
    def software(self) -> str:
        return self.spec["software"]

    def alive(self) -> bool:
        return self.proc.poll() is None

    def log_tail(self, n: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        if self.proc.poll() is None:
            for sig, wait in ((signal.SIGTERM, 2.0), (signal.SIGKILL, 5.0)):
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(self.proc.pid, sig)
                try:
                    self.proc.wait(timeout=wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
        else:
            # the leader is gone; make sure nothing else of its group survives
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.proc.pid, signal.SIGKILL)
        if self.confdir is not None:
            shutil.rmtree(self.confdir, ignore_errors=True)  # the config is copied in the log
        if self._lab is not None:
            self._lab._forget(self)

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class Lab:
    def __init__(self, workdir: str | os.PathLike, *, die_with_parent: bool = True,
                 scenarios_file: Path = SCENARIOS_FILE) -> None:
        self.workdir = Path(workdir).resolve()
        self.workdir.mkdir(parents=True, exist_ok=True)
        (self.workdir / "logs").mkdir(exist_ok=True)
        week_ago = time.time() - 7 * 86400
        for old in (self.workdir / "logs").glob("*.log"):  # a long-lived workdir stays small
            with contextlib.suppress(OSError):
                if old.stat().st_mtime < week_ago:
                    old.unlink()
        self.pki = Pki(self.workdir / "pki").ensure()
        self.scenarios = load_scenarios(scenarios_file)
        self.die_with_parent = die_with_parent
        self._live: list[Server] = []
        self._lock = threading.Lock()
        atexit.register(self.stop_all)

    # ---- public ------------------------------------------------------------------
    def names(self) -> list[str]:
        return list(self.scenarios)

    def spec(self, name: str) -> dict[str, Any]:
        try:
            return self.scenarios[name]
        except KeyError:
            raise LabError(f"unknown scenario {name!r}; known: {', '.join(self.scenarios)}")

    def start(self, name: str, *, port: int | None = None, host: str = "127.0.0.1",
              ready_timeout: float = 10.0) -> Server:
        """Start a scenario's server and wait until it answers a TLS handshake.

        The returned Server is a context manager; Lab.stop_all() (also run at exit)
        kills whatever is still running. A port clash (another process took the free
        port between our check and the server's bind) is retried on a new port."""
        spec = self.spec(name)
        last: Exception | None = None
        for _attempt in range(3 if port is None else 1):
            p = port or free_port(host)
            srv = self._spawn(spec, host, p)
            try:
                self._wait_ready(srv, ready_timeout)
                return srv
            except LabError as e:
                srv.stop()
                last = e
                if "in use" not in srv.log_tail().lower():
                    break
        raise last  # type: ignore[misc]

    def stop_all(self) -> None:
        with self._lock:
            live = list(self._live)
        for s in live:
            s.stop()

    # ---- internals ---------------------------------------------------------------
    def _forget(self, srv: Server) -> None:
        with self._lock:
            if srv in self._live:
                self._live.remove(srv)

    def _spawn(self, spec: dict[str, Any], host: str, port: int) -> Server:
        name = spec["name"]
        log = self.workdir / "logs" / f"{name}-{port}.log"
        confdir = None
        if spec["software"] == "openssl":
            argv = self.openssl_argv(spec, host, port)
        elif spec["software"] == "gnutls":
            argv = self.gnutls_argv(spec, port)
        else:
            confdir = self.workdir / "nginx" / f"{name}-{port}"
            argv = self.nginx_argv(spec, host, port, confdir)
        with open(log, "wb") as lf:
            lf.write(("$ " + " ".join(argv) + "\n").encode())
            if confdir is not None:
                lf.write((confdir / "nginx.conf").read_bytes() + b"--- end of nginx.conf ---\n")
            lf.flush()
            proc = subprocess.Popen(
                argv, stdin=subprocess.DEVNULL, stdout=lf, stderr=subprocess.STDOUT,
                cwd=confdir or self.workdir, start_new_session=True,
                preexec_fn=_die_with_parent if self.die_with_parent else None)
        srv = Server(name=name, spec=spec, host=host, port=port, proc=proc, log=log,
                     confdir=confdir, _lab=self)
        with self._lock:
            self._live.append(srv)
        return srv

    def _wait_ready(self, srv: Server, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        ctx.minimum_version = ssl.TLSVersion.MINIMUM_SUPPORTED
        with contextlib.suppress(ssl.SSLError):
            ctx.set_ciphers("ALL:COMPLEMENTOFALL:@SECLEVEL=0")
        ctx.options |= 0x4  # SSL_OP_LEGACY_SERVER_CONNECT
        last = "no attempt"
        while time.monotonic() < deadline:
            if srv.proc.poll() is not None:
                raise LabError(f"lab: {srv.name} exited with {srv.proc.returncode} before "
                               f"accepting connections; log {srv.log}:\n{srv.log_tail()}")
            try:
                with socket.create_connection((srv.host, srv.port), timeout=2) as sock:
                    sock.settimeout(3)
                    try:
                        with ctx.wrap_socket(sock, server_hostname="localhost"):
                            return  # full handshake
                    except (ssl.SSLEOFError, ssl.SSLZeroReturnError) as e:
                        last = repr(e)  # closed without a TLS answer: not ready yet
                    except ssl.SSLError:
                        return  # the server answered in TLS (an alert, or a choice we reject)
            except (ConnectionRefusedError, ConnectionResetError, socket.timeout, OSError) as e:
                last = repr(e)
            time.sleep(0.05)
        raise LabError(f"lab: {srv.name} did not answer a TLS handshake on {srv.address} "
                       f"within {timeout:.0f}s (last: {last}); log {srv.log}:\n{srv.log_tail()}")

    # ---- command lines -----------------------------------------------------------
    def _cert_list(self, s: dict[str, Any]) -> list[str]:
        certs = s.get("cert", "rsa2048")
        return [certs] if isinstance(certs, str) else list(certs)

    @staticmethod
    def _protocols(s: dict[str, Any]) -> list[str]:
        protos = s.get("protocols", ["TLSv1.2", "TLSv1.3"])
        for p in protos:
            if p not in PROTOCOL_ORDER:
                raise LabError(f"unknown protocol {p!r}")
        return sorted(protos, key=PROTOCOL_ORDER.index)

    def openssl_argv(self, spec: dict[str, Any], host: str, port: int) -> list[str]:
        s = spec["settings"]
        pki = self.pki
        certs = self._cert_list(s)
        argv = ["openssl", "s_server", "-accept", f"{host}:{port}", "-www",
                "-cert", str(pki.path(certs[0])), "-key", str(pki.key(certs[0]))]
        if s.get("chain", False):
            argv += ["-cert_chain", str(pki.dir / f"{certs[0]}.chain.pem")]
        if len(certs) > 1:
            argv += ["-dcert", str(pki.path(certs[1])), "-dkey", str(pki.key(certs[1]))]
            if s.get("chain", False) and (pki.dir / f"{certs[1]}.chain.pem").exists():
                argv += ["-dcert_chain", str(pki.dir / f"{certs[1]}.chain.pem")]
        if len(certs) > 2:
            raise LabError("openssl s_server serves at most two certificates")
        protos = self._protocols(s)
        argv += ["-min_protocol", protos[0], "-max_protocol", protos[-1]]
        for p in PROTOCOL_ORDER[PROTOCOL_ORDER.index(protos[0]):PROTOCOL_ORDER.index(protos[-1])]:
            if p not in protos:
                argv.append(_OPENSSL_NO_FLAG[p])
        if "ciphers" in s:
            argv += ["-cipher", s["ciphers"]]
        if "ciphersuites" in s:
            argv += ["-ciphersuites", s["ciphersuites"]]
        if "groups" in s:
            argv += ["-groups", s["groups"]]
        if "sigalgs" in s:
            argv += ["-sigalgs", s["sigalgs"]]
        if "client_sigalgs" in s:
            argv += ["-client_sigalgs", s["client_sigalgs"]]
        if "dhparam" in s:
            argv += ["-dhparam", str(pki.dh(s["dhparam"]))]
        if s.get("server_preference"):
            argv.append("-serverpref")
        cc = s.get("client_cert")
        if cc:
            argv += ["-Verify" if cc == "required" else "-verify", "1",
                     "-CAfile", str(pki.ca)]
        argv += [str(a).format(pki=pki.dir) for a in s.get("extra_args", [])]
        return argv

    def gnutls_argv(self, spec: dict[str, Any], port: int) -> list[str]:
        s = spec["settings"]
        pki = self.pki
        argv = ["gnutls-serv", "--port", str(port), "--http"]
        for c in self._cert_list(s):
            cert = pki.fullchain(c) if s.get("chain", False) else pki.path(c)
            argv += ["--x509certfile", str(cert), "--x509keyfile", str(pki.key(c))]
        argv += ["--priority", s.get("priority", "NORMAL")]
        if "dhparam" in s:
            argv += ["--dhparams", str(pki.dh(s["dhparam"]))]
        cc = s.get("client_cert")
        if cc == "required":
            argv += ["--require-client-cert", "--verify-client-cert", "--x509cafile", str(pki.ca)]
        elif cc == "optional":
            argv += ["--verify-client-cert", "--x509cafile", str(pki.ca)]
        elif cc == "default":
            pass  # gnutls-serv's own default: it asks for a certificate and requires none
        else:
            argv.append("--disable-client-cert")
        argv += [str(a).format(pki=pki.dir) for a in s.get("extra_args", [])]
        return argv

    def nginx_argv(self, spec: dict[str, Any], host: str, port: int, confdir: Path) -> list[str]:
        confdir.mkdir(parents=True, exist_ok=True)
        for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi", "logs"):
            (confdir / sub).mkdir(exist_ok=True)
        (confdir / "nginx.conf").write_text(self.nginx_conf(spec, host, port, confdir))
        return ["nginx", "-p", str(confdir) + "/", "-c", str(confdir / "nginx.conf"),
                "-e", "stderr"]

    def nginx_conf(self, spec: dict[str, Any], host: str, port: int, confdir: Path) -> str:
        s = spec["settings"]
        pki = self.pki
        tls = []
        for c in self._cert_list(s):
            tls.append(f"ssl_certificate {pki.fullchain(c)};")
            tls.append(f"ssl_certificate_key {pki.key(c)};")
        tls.append("ssl_protocols " + " ".join(self._protocols(s)) + ";")
        if "ciphers" in s:
            tls.append(f'ssl_ciphers "{s["ciphers"]}";')
        if "ciphersuites" in s:
            tls.append(f'ssl_conf_command Ciphersuites "{s["ciphersuites"]}";')
        if "groups" in s:
            tls.append(f'ssl_ecdh_curve {s["groups"]};')
        if "sigalgs" in s:
            tls.append(f'ssl_conf_command SignatureAlgorithms "{s["sigalgs"]}";')
        if "dhparam" in s:
            tls.append(f"ssl_dhparam {pki.dh(s['dhparam'])};")
        tls.append("ssl_prefer_server_ciphers " + ("on" if s.get("server_preference") else "off") + ";")
        cc = s.get("client_cert")
        if cc and s.get("client_ca_names"):
            # The names sent in the CertificateRequest come from ssl_client_certificate;
            # ssl_trusted_certificate only verifies (nginx docs, ssl_trusted_certificate).
            tls.append(f"ssl_client_certificate {pki.path(s['client_ca_names'])};")
            tls.append(f"ssl_trusted_certificate {pki.ca};")
            tls.append("ssl_verify_depth 3;")
            tls.append("ssl_verify_client " + ("on" if cc == "required" else "optional") + ";")
        elif cc:
            tls.append(f"ssl_client_certificate {pki.ca};")
            tls.append("ssl_verify_client " + ("on" if cc == "required" else "optional") + ";")
        tls += list(s.get("nginx_directives", []))
        tls_block = "\n        ".join(tls)
        body = f'location / {{ return 200 "tlsdoctor lab {spec["name"]}\\n"; }}'
        sni = s.get("sni_required")
        if sni:
            # The default server refuses handshakes whose SNI names no server (or that
            # carry none); only the names listed get the certificate.
            names = " ".join(sni if isinstance(sni, list) else ["localhost"])
            servers = f"""
    server {{
        listen {host}:{port} ssl default_server;
        server_name _;
        ssl_reject_handshake on;
        {tls_block}
    }}
    server {{
        listen {host}:{port} ssl;
        server_name {names};
        {tls_block}
        {body}
    }}"""
        else:
            servers = f"""
    server {{
        listen {host}:{port} ssl default_server;
        server_name _;
        {tls_block}
        {body}
    }}"""
        d = str(confdir)
        return f"""# generated by tests/lab/lab.py for scenario {spec['name']}
daemon off;
master_process off;
worker_processes 1;
pid {d}/nginx.pid;
error_log stderr notice;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {d}/client_body;
    proxy_temp_path {d}/proxy;
    fastcgi_temp_path {d}/fastcgi;
    uwsgi_temp_path {d}/uwsgi;
    scgi_temp_path {d}/scgi;
    default_type text/plain;
{servers}
}}
"""


@contextlib.contextmanager
def running(workdir: str | os.PathLike, name: str):
    """One-shot helper: `with running(dir, "story") as srv: ...`."""
    lab = Lab(workdir)
    srv = lab.start(name)
    try:
        yield srv
    finally:
        srv.stop()


if __name__ == "__main__":
    sys.exit("use: python3 -m tests.lab {list,serve,certs}")
