"""Real clients against lab scenarios, and `tlsdoctor simulate` against the real clients.

The truth: each installed client (Go built with several go.mod `go` lines, Python,
Node, Java, curl, openssl s_client, gnutls-cli) connects once to a lab server with SNI
"localhost", trusting only the lab CA, completes the handshake, sends one HTTP/1.0 GET and
reads the first bytes of the answer (a TLS 1.3 server that wants a client certificate
says so only there). Each yields {"ok", "version", "cipher", "error", ...}.

The prediction: `tlsdoctor simulate ADDR --sni localhost --ca-file CA --clients IDS
--json`, once per scenario for all the profile ids the clients map to.

The comparison, per scenario x client: ok/failed must agree; when both succeeded, the
protocol version and the cipher suite (by code, data/iana/cipher_suites.csv; the client
may name it the IANA, OpenSSL or GnuTLS way) must agree too. A disagreement listed in
known_differences.json is "known" (~), any other one is a failure (x).

Used by run.py (command line, writes build/interop/results.json) and test_interop.py.
"""

from __future__ import annotations

import csv
import functools
import json
import os
import re
import shutil
import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
CLIENTS_DIR = HERE / "clients"
BUILD_DIR = REPO_ROOT / "build" / "interop"
KNOWN_DIFFERENCES_FILE = HERE / "known_differences.json"
SUITES_CSV = REPO_ROOT / "data" / "iana" / "cipher_suites.csv"
PROFILES_DIR = REPO_ROOT / "data" / "profiles"

CLIENT_TIMEOUT = 10.0           # every client gives up (or is killed) after this
HARD_TIMEOUT = CLIENT_TIMEOUT + 3.0
SIMULATE_TIMEOUT = 120.0
GET = b"GET / HTTP/1.0\r\nHost: localhost\r\n\r\n"

# Environment that would change a client's defaults; removed so every run sees the
# stock configuration (the Go GODEBUG variant sets its own).
_SCRUB_ENV = ("GODEBUG", "GOFLAGS", "SSL_CERT_FILE", "SSL_CERT_DIR", "OPENSSL_CONF",
              "OPENSSL_MODULES", "NODE_OPTIONS", "NODE_EXTRA_CA_CERTS", "NODE_TLS_REJECT_UNAUTHORIZED",
              "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "CURL_CA_BUNDLE",
              "SSLKEYLOGFILE", "GNUTLS_SYSTEM_PRIORITY_FILE", "GNUTLS_DEBUG_LEVEL",
              "PYTHONPATH", "PYTHONHOME", "REQUESTS_CA_BUNDLE", "https_proxy", "HTTPS_PROXY",
              "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY")


def client_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _SCRUB_ENV}
    env["LC_ALL"] = "C"
    env.update(extra or {})
    return env


# ---------------------------------------------------------------- names and codes

VERSIONS = {"SSLv3": "SSLv3", "TLSv1": "TLSv1", "TLSv1.0": "TLSv1", "TLS1.0": "TLSv1",
            "TLS 1.0": "TLSv1", "TLSv1.1": "TLSv1.1", "TLS1.1": "TLSv1.1", "TLS 1.1": "TLSv1.1",
            "TLSv1.2": "TLSv1.2", "TLS1.2": "TLSv1.2", "TLS 1.2": "TLSv1.2",
            "TLSv1.3": "TLSv1.3", "TLS1.3": "TLSv1.3", "TLS 1.3": "TLSv1.3"}


def norm_version(v: str | None) -> str | None:
    if v is None:
        return None
    return VERSIONS.get(v.strip(), v.strip())


@dataclass(frozen=True)
class Suite:
    code: str
    iana: str
    openssl: str
    gnutls: str
    kx: str
    auth: str
    enc: str
    mac: str
    min_version: str
    max_version: str


class Catalog:
    """data/iana/cipher_suites.csv: any spelling of a suite -> its code ("0x003d")."""

    def __init__(self, path: Path = SUITES_CSV) -> None:
        lines = [ln for ln in path.read_text().splitlines() if ln and not ln.startswith("#")]
        self.by_code: dict[str, Suite] = {}
        self.by_name: dict[str, Suite] = {}
        for r in csv.DictReader(lines):
            s = Suite(r["code"].lower(), r["iana_name"], r["openssl_name"], r["gnutls_name"],
                      r["kx"], r["auth"], r["enc"], r["mac"], r["min_version"], r["max_version"])
            self.by_code[s.code] = s
            for n in (s.iana, s.openssl, s.gnutls):
                if n:
                    self.by_name.setdefault(n, s)

    def lookup(self, name: str | None) -> Suite | None:
        if not name:
            return None
        n = name.strip()
        s = self.by_name.get(n)
        if s is None and n.startswith("SSL_"):       # Java's historical spelling
            s = self.by_name.get("TLS_" + n[4:])
        if s is None and re.fullmatch(r"0x[0-9a-fA-F]{4}", n):
            s = self.by_code.get(n.lower())
        return s

    def code(self, name: str | None) -> str | None:
        s = self.lookup(name)
        return s.code if s else None

    def iana(self, name: str | None) -> str | None:
        s = self.lookup(name)
        return s.iana if s else None

    def from_gnutls_fields(self, version: str, kx: str | None, cipher: str, mac: str) -> Suite | None:
        """gnutls-cli -V prints Version / Key Exchange / Cipher / MAC, not the suite name."""
        enc = cipher.upper().replace("-", "_")
        enc = {"3DES_CBC": "3DES", "ARCFOUR_128": "RC4_128"}.get(enc, enc)
        if version == "TLSv1.3":
            cands = [s for s in self.by_code.values() if s.kx == "ANY" and s.enc == enc]
        else:
            k = (kx or "").upper()
            kxa, _, auth = k.partition("-")
            if kxa == "RSA" and not auth:
                auth = "RSA"
            if kxa == "ANON":
                kxa, auth = "DH", "NULL"
            if kxa in ("ECDHE", "DHE") and auth == "PSK":
                kxa, auth = kxa + "_PSK", "PSK"
            m = mac.upper()
            m = {"SHA1": "SHA", "AEAD": "AEAD", "MD5": "MD5"}.get(m, m)
            cands = [s for s in self.by_code.values()
                     if s.kx == kxa and s.auth == auth and s.enc == enc and s.mac == m
                     and s.gnutls]
        return cands[0] if len(cands) == 1 else None


@functools.lru_cache(maxsize=1)
def catalog() -> Catalog:
    return Catalog()


# ---------------------------------------------------------------- running processes

def run_proc(argv: list[str], *, input: bytes | None = None, timeout: float = HARD_TIMEOUT,
             env: dict[str, str] | None = None, cwd: Path | None = None) -> tuple[int, str, str, bool]:
    """(rc, stdout, stderr, timed_out). The child runs in its own process group, which
    is killed on timeout: nothing is left running."""
    p = subprocess.Popen(argv, stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env or client_env(),
                         cwd=cwd, start_new_session=True)
    try:
        out, err = p.communicate(input=input, timeout=timeout)
        return p.returncode, out.decode(errors="replace"), err.decode(errors="replace"), False
    except subprocess.TimeoutExpired:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        out, err = p.communicate()
        return -9, out.decode(errors="replace"), err.decode(errors="replace"), True


def result(ok: bool = False, version: str | None = None, cipher: str | None = None,
           error: str | None = None, **extra: Any) -> dict[str, Any]:
    r = {"ok": ok, "version": version, "cipher": cipher, "error": error}
    r.update(extra)
    return r


def parse_json_line(client: str, rc: int, out: str, err: str, timed_out: bool) -> dict[str, Any]:
    if timed_out:
        return result(error=f"timeout: no answer, killed after {HARD_TIMEOUT:.0f}s", stage="timeout")
    for line in reversed(out.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                r = json.loads(line)
            except ValueError:
                break
            if isinstance(r.get("error"), str):
                r["error"] = r["error"].strip()
            return r
    return result(error=f"harness: {client} printed no JSON line (rc={rc}): "
                        f"{(out + err).strip()[-400:]}", stage="harness")


# ---------------------------------------------------------------- the clients

@dataclass
class Client:
    """One real client. `name` is the harness's stable name (also the key in
    known_differences.json); `profile` is the simulate id it is compared with."""
    name: str
    profile: str
    version: str                  # what the client says it is
    label: str                    # short column header
    connect: Callable[[str, int, Path], dict[str, Any]] = field(repr=False)
    close: Callable[[], None] = field(default=lambda: None, repr=False)
    note: str = ""

    def run(self, host: str, port: int, ca: Path) -> dict[str, Any]:
        t0 = time.monotonic()
        try:
            r = self.connect(host, port, Path(ca))
        except Exception as e:  # a harness bug must show up as a result, not a crash
            r = result(error=f"harness: {type(e).__name__}: {e}", stage="harness")
        r["seconds"] = round(time.monotonic() - t0, 3)
        r["version"] = norm_version(r.get("version"))
        return r


def cpu_has_aes() -> bool:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("flags"):
                flags = set(line.split(":", 1)[1].split())
                return {"aes", "pclmulqdq"} <= flags
    except OSError:
        pass
    return True


def _first_line(argv: list[str]) -> str | None:
    if not shutil.which(argv[0]):
        return None
    try:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=20, env=client_env())
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = (p.stdout + p.stderr).strip()
    return text.splitlines()[0] if text else None


# -- Go

def go_builds(build_dir: Path = BUILD_DIR / "go") -> tuple[list[tuple[str, str, Path]], str | None]:
    """Build (or reuse) the Go client per go.mod line; [(name, go_line, binary)], error."""
    if not shutil.which("go"):
        return [], "go not installed"
    rc, out, err, to = run_proc(["sh", str(CLIENTS_DIR / "go" / "build.sh"), str(build_dir)],
                                timeout=900, env=client_env())
    if rc != 0 or to:
        return [], f"go build failed (rc={rc}): {err.strip()[-800:]}"
    builds = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3:
            builds.append((parts[0], parts[1], Path(parts[2])))
    return builds, None


def _go_client(name: str, profile: str, label: str, binary: Path, version: str,
               godebug: str | None = None, note: str = "") -> Client:
    env = client_env({"GODEBUG": godebug} if godebug else None)

    def connect(host: str, port: int, ca: Path) -> dict[str, Any]:
        rc, out, err, to = run_proc([str(binary), host, str(port), str(ca)], env=env)
        return parse_json_line(name, rc, out, err, to)

    return Client(name, profile, version, label, connect, note=note)


def go_clients(build_dir: Path = BUILD_DIR / "go") -> tuple[list[Client], list[dict[str, str]]]:
    builds, err = go_builds(build_dir)
    if err:
        return [], [{"client": "go", "reason": err}]
    noaes = "" if cpu_has_aes() else "-noaes"
    clients = []
    for name, line, binary in builds:
        minor = line.split(".")[1]
        if name == "toolchain":
            ver = f"go{line} (go.mod go {line})"
            clients.append(_go_client("go-toolchain", f"go-1.{minor}{noaes}", f"go1.{minor}",
                                      binary, ver, note="toolchain build, go.mod line = toolchain"))
            clients.append(_go_client("go-toolchain+GODEBUG=tlsrsakex=1",
                                      f"go-1.{minor}{noaes}+GODEBUG=tlsrsakex=1",
                                      f"go1.{minor}+rsakex", binary, ver + " GODEBUG=tlsrsakex=1",
                                      godebug="tlsrsakex=1"))
        else:
            tool = builds[-1][1]
            clients.append(_go_client(f"go-{name}", f"go-{line}{noaes}", f"mod{line}", binary,
                                      f"go{tool} (go.mod go {line})",
                                      note=f"toolchain {tool} with go.mod `go {line}`: GODEBUG defaults of {line}"))
    return clients, []


# -- Python (the system interpreter: Debian's, on Debian's OpenSSL)

SYSTEM_PYTHON = "/usr/bin/python3"


def python_client() -> tuple[Client | None, str | None]:
    if not os.access(SYSTEM_PYTHON, os.X_OK):
        return None, f"{SYSTEM_PYTHON} not installed"
    rc, out, err, _ = run_proc([SYSTEM_PYTHON, "-I", "-c",
                                "import sys,ssl;print(sys.version.split()[0]);print(ssl.OPENSSL_VERSION)"],
                               timeout=20)
    if rc != 0:
        return None, f"{SYSTEM_PYTHON} unusable: {err.strip()[-200:]}"
    pyver, sslver = (out.strip().splitlines() + ["?", "?"])[:2]
    mm = ".".join(pyver.split(".")[:2])

    def connect(host: str, port: int, ca: Path) -> dict[str, Any]:
        rc, out, err, to = run_proc([SYSTEM_PYTHON, "-I", str(CLIENTS_DIR / "client.py"), host,
                                     str(port), str(ca)])
        return parse_json_line("python", rc, out, err, to)

    # Debian builds its python3 with OpenSSL's default cipher list: its own profile.
    return Client("python", f"python-{mm}-debian", f"Python {pyver} ({sslver})", f"py{mm}", connect), None


# -- Node

def node_client() -> tuple[Client | None, str | None]:
    v = _first_line(["node", "-p", "process.version + ' OpenSSL ' + process.versions.openssl"])
    if not v:
        return None, "node not installed"
    m = re.match(r"v(\d+)\.", v)
    if not m:
        return None, f"node: unexpected version {v!r}"

    def connect(host: str, port: int, ca: Path) -> dict[str, Any]:
        rc, out, err, to = run_proc(["node", str(CLIENTS_DIR / "client.js"), host, str(port), str(ca)])
        return parse_json_line("node", rc, out, err, to)

    return Client("node", f"node-{m.group(1)}", f"Node {v}", f"node{m.group(1)}", connect), None


# -- Java: one JVM for the whole run (start-up and in-memory compilation cost seconds)

class JavaProcess:
    """`java Client.java CAFILE` reading "HOST PORT" lines, one JSON line back each.
    A target that hangs past the hard timeout kills the JVM; the next one restarts it."""

    def __init__(self, ca: Path, java: str = "java") -> None:
        self.ca = Path(ca)
        self.java = java  # the java command (Temurin 25: its full path)
        self.proc: subprocess.Popen | None = None
        self.lock = threading.Lock()
        self.starts = 0
        self._warm = False

    def _start(self) -> None:
        self.proc = subprocess.Popen(
            [self.java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
             str(CLIENTS_DIR / "Client.java"), str(self.ca)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=client_env(), cwd=CLIENTS_DIR, start_new_session=True, text=True, bufsize=1)
        self.starts += 1
        # stderr is drained so a chatty JVM never blocks
        threading.Thread(target=self._drain, args=(self.proc,), daemon=True).start()

    @staticmethod
    def _drain(proc: subprocess.Popen) -> None:
        try:
            for _ in proc.stderr:  # type: ignore[union-attr]
                pass
        except (OSError, ValueError):
            pass

    def connect(self, host: str, port: int, timeout: float) -> dict[str, Any]:
        with self.lock:
            if self.proc is None or self.proc.poll() is not None:
                self._start()
            proc = self.proc
            assert proc is not None and proc.stdin is not None and proc.stdout is not None
            # the first target also pays for the JVM start and the compilation
            limit = timeout + (0.0 if self._warm else 40.0)
            box: list[str] = []
            reader = threading.Thread(target=lambda: box.append(proc.stdout.readline()), daemon=True)
            try:
                proc.stdin.write(f"{host} {port}\n")
                proc.stdin.flush()
            except (BrokenPipeError, OSError) as e:
                self.close()
                return result(error=f"harness: java exited: {e}", stage="harness")
            reader.start()
            reader.join(limit)
            if reader.is_alive() or not box or not box[0]:
                self.close()
                reader.join(2)
                if not box:
                    return result(error=f"timeout: no answer, java killed after {limit:.0f}s",
                                  stage="timeout")
                return result(error="harness: java client exited", stage="harness")
            self._warm = True
            return parse_json_line("java", 0, box[0], "", False)

    def close(self) -> None:
        p, self.proc = self.proc, None
        self._warm = False
        if p is None:
            return
        try:
            if p.stdin:
                p.stdin.close()
            p.wait(timeout=5)
        except (subprocess.TimeoutExpired, OSError, ValueError):
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            p.wait()


def java_client() -> tuple[Client | None, str | None]:
    v = _first_line(["java", "-version"])
    if not v:
        return None, "java not installed"
    m = re.search(r'version "(\d+)(?:\.(\d+))?', v)
    if not m:
        return None, f"java: unexpected version {v!r}"
    major = m.group(1) if m.group(1) != "1" else m.group(2)
    procs: dict[Path, JavaProcess] = {}

    def connect(host: str, port: int, ca: Path) -> dict[str, Any]:
        jp = procs.get(ca)
        if jp is None:
            jp = procs[ca] = JavaProcess(ca)
        return jp.connect(host, port, HARD_TIMEOUT)

    def close() -> None:
        for jp in procs.values():
            jp.close()

    return Client("java", f"java-{major}", v.replace("openjdk version ", "OpenJDK ").strip(),
                  f"java{major}", connect, close), None


# -- curl

def curl_client() -> tuple[Client | None, str | None]:
    v = _first_line(["curl", "--version"])
    if not v:
        return None, "curl not installed"
    m = re.match(r"curl (\d+)\.(\d+)", v)
    if not m:
        return None, f"curl: unexpected version {v!r}"
    empty = BUILD_DIR / "empty-capath"

    def connect(host: str, port: int, ca: Path) -> dict[str, Any]:
        empty.mkdir(parents=True, exist_ok=True)  # --capath: no system CA directory
        argv = ["curl", "-v", "-sS", "-o", "/dev/null", "--max-time", str(int(CLIENT_TIMEOUT)),
                "--cacert", str(ca), "--capath", str(empty),
                "--resolve", f"localhost:{port}:{host}", f"https://localhost:{port}/"]
        rc, out, err, to = run_proc(argv)
        return parse_curl(rc, out + err, to)

    tls_lib = re.search(r"\b(OpenSSL|GnuTLS|BoringSSL|LibreSSL|wolfSSL|NSS|mbedTLS|rustls)/\S+", v)
    version = v.split(" (")[0] + (" " + tls_lib.group(0) if tls_lib else "")
    return Client("curl", f"curl-{m.group(1)}.{m.group(2)}", version, f"curl{m.group(1)}.{m.group(2)}",
                  connect), None


# curl exit codes that are TLS failures (56, a receive error, is one when OpenSSL says so:
# e.g. a TLS 1.3 server's certificate_required alert at the first read)
_CURL_TLS_RC = {35, 51, 53, 54, 58, 59, 60, 64, 66, 77, 80, 82, 83, 90, 91}


def parse_curl(rc: int, text: str, timed_out: bool = False) -> dict[str, Any]:
    r = result(stage="handshake")
    m = re.search(r"^\* SSL connection using (\S+) / (\S+)", text, re.M)
    if m:
        r["version"], r["cipher"], r["stage"] = m.group(1), m.group(2), "http"
    alpn = re.search(r"^\* ALPN: server accepted (\S+)", text, re.M)
    if alpn:
        r["alpn"] = alpn.group(1)
    errs = re.findall(r"^curl: \((\d+)\) (.*)$", text, re.M)
    err = f"curl: ({errs[-1][0]}) {errs[-1][1]}" if errs else None
    if timed_out:
        r["error"], r["stage"] = f"timeout: no answer, killed after {HARD_TIMEOUT:.0f}s", "timeout"
    elif rc == 0 and m:
        r["ok"], r["stage"] = True, "done"
    elif m and rc not in _CURL_TLS_RC and not (rc == 56 and re.search(r"SSL|alert", err or "")):
        # The TLS connection worked and the HTTP exchange did not, e.g. curl negotiated h2
        # by ALPN with a server (s_server -www) that only answers HTTP/1: not a TLS failure.
        r["ok"], r["stage"], r["note"] = True, "done", f"after the handshake: {err or f'curl exited {rc}'}"
    else:
        r["error"] = err or f"curl exited {rc}"
    return r


# -- openssl s_client

def openssl_client() -> tuple[Client | None, str | None]:
    v = _first_line(["openssl", "version"])
    if not v:
        return None, "openssl not installed"
    m = re.match(r"OpenSSL (\d+)\.(\d+)", v)
    if not m:
        return None, f"openssl: unexpected version {v!r}"
    debian = Path("/etc/debian_version").exists()
    profile = f"openssl-{m.group(1)}.{m.group(2)}" + ("-debian" if debian else "")

    def connect(host: str, port: int, ca: Path) -> dict[str, Any]:
        # an application with the default context: verify the chain and the host name,
        # fail the handshake on a verification error (s_client's default is to go on)
        argv = ["openssl", "s_client", "-connect", f"{host}:{port}", "-servername", "localhost",
                "-CAfile", str(ca), "-no-CApath", "-no-CAstore", "-verify_return_error",
                "-verify_hostname", "localhost", "-brief", "-ign_eof"]
        rc, out, err, to = run_proc(argv, input=GET, timeout=CLIENT_TIMEOUT)
        return parse_s_client_brief(rc, out, err, to)

    return Client("openssl", profile, v, f"openssl{m.group(1)}.{m.group(2)}", connect,
                  note="s_client -verify_return_error -verify_hostname localhost"), None


def parse_s_client_brief(rc: int, out: str, err: str, timed_out: bool = False) -> dict[str, Any]:
    """-brief writes the handshake summary and errors to stderr, the HTTP answer to stdout."""
    r = result(stage="handshake")
    pv = re.search(r"^Protocol version: (\S+)", err, re.M)
    cs = re.search(r"^Ciphersuite: (\S+)", err, re.M)
    if pv and cs:
        r["version"], r["cipher"], r["stage"] = pv.group(1), cs.group(1), "http"
    tk = re.search(r"^Server Temp Key: (.+)$", err, re.M)
    if tk:
        r["group"] = tk.group(1).strip()
    errs = [ln.strip() for ln in err.splitlines()
            if re.search(r":error:|^verify error:|errno=|^connect:", ln)]
    if timed_out:
        r["error"], r["stage"] = f"timeout: no answer, killed after {CLIENT_TIMEOUT:.0f}s", "timeout"
    elif rc == 0 and pv and cs and out.strip():
        r["ok"], r["stage"] = True, "done"
    else:
        r["error"] = " | ".join(errs) if errs else (
            f"openssl s_client exited {rc}" + ("" if out.strip() or rc else " (no response)"))
    return r


# -- gnutls-cli

def gnutls_client() -> tuple[Client | None, str | None]:
    v = _first_line(["gnutls-cli", "--version"])
    if not v:
        return None, "gnutls-cli not installed"
    m = re.search(r"(\d+)\.(\d+)\.\d+", v)
    if not m:
        return None, f"gnutls-cli: unexpected version {v!r}"

    def connect(host: str, port: int, ca: Path) -> dict[str, Any]:
        argv = ["gnutls-cli", "-V", "-p", str(port), "--x509cafile", str(ca),
                "--sni-hostname", "localhost", "--verify-hostname", "localhost", host]
        rc, out, err, to = run_proc(argv, input=GET, timeout=CLIENT_TIMEOUT)
        return parse_gnutls_cli(rc, out + err, to)

    return Client("gnutls", f"gnutls-{m.group(1)}.{m.group(2)}", v, f"gnutls{m.group(1)}.{m.group(2)}",
                  connect), None


def parse_gnutls_cli(rc: int, text: str, timed_out: bool = False) -> dict[str, Any]:
    r = result(stage="handshake")
    done = "- Handshake was completed" in text
    ver = re.search(r"^- Version: (\S+)", text, re.M)
    kx = re.search(r"^- Key Exchange: (\S+)", text, re.M)
    ciph = re.search(r"^- Cipher: (\S+)", text, re.M)
    mac = re.search(r"^- MAC: (\S+)", text, re.M)
    desc = re.search(r"^- Description: (.+)$", text, re.M)
    if done and ver and ciph and mac:
        v = norm_version(ver.group(1))
        r["version"], r["stage"] = v, "http"
        s = catalog().from_gnutls_fields(v or "", kx.group(1) if kx else None, ciph.group(1), mac.group(1))
        r["cipher"] = s.gnutls if s else (desc.group(1) if desc else ciph.group(1))
        if desc:
            r["description"] = desc.group(1).strip()
    fatal = [ln.strip() for ln in text.splitlines()
             if ln.startswith("*** ") or "certificate is NOT trusted" in ln
             or ln.startswith("Error ") or "Could not connect" in ln]
    got = re.search(r"^- Received\[\d+\]:", text, re.M) or "HTTP/1." in text
    if timed_out:
        r["error"], r["stage"] = f"timeout: no answer, killed after {CLIENT_TIMEOUT:.0f}s", "timeout"
    elif rc == 0 and done and got:
        r["ok"], r["stage"] = True, "done"
    else:
        r["error"] = " | ".join(fatal) if fatal else f"gnutls-cli exited {rc}"
    return r


# -- all of them

CLIENT_ORDER = ("go", "python", "node", "java", "curl", "openssl", "gnutls")


def discover(only: Iterable[str] | None = None, build_dir: Path = BUILD_DIR) -> tuple[list[Client], list[dict[str, str]]]:
    """The installed clients (Go built first). `only`: names or prefixes to keep."""
    want = [w.strip() for w in only] if only else None

    def wanted(name: str) -> bool:
        return want is None or any(name == w or name.startswith(w) for w in want)

    clients: list[Client] = []
    skipped: list[dict[str, str]] = []
    if want is None or any(w.startswith("go") for w in want):
        gc, gs = go_clients(build_dir / "go")
        clients += [c for c in gc if wanted(c.name)]
        skipped += gs
    for name, factory in (("python", python_client), ("node", node_client), ("java", java_client),
                          ("curl", curl_client), ("openssl", openssl_client), ("gnutls", gnutls_client)):
        if not wanted(name):
            continue
        c, why = factory()
        if c:
            clients.append(c)
        else:
            skipped.append({"client": name, "reason": why or "unavailable"})
    # The extra clients of scripts/install-interop-clients.sh (extra_clients.py).
    from .extra_clients import extra_clients
    ec, es = extra_clients(wanted, build_dir)
    return clients + ec, skipped + es


# ---------------------------------------------------------------- simulate

def profile_status(pid: str, profiles_dir: Path = PROFILES_DIR) -> str | None:
    """None when data/profiles has the profile (and the knob, if any), else why not."""
    base, _, knob = pid.partition("+")
    path = profiles_dir / f"{base}.json"
    if not path.is_file():
        return f"no profile {base} (data/profiles/{base}.json)"
    if knob:
        try:
            names = {k.get("name") for k in json.loads(path.read_text()).get("knobs", [])}
        except (ValueError, OSError, AttributeError) as e:
            return f"profile {base} unreadable: {e}"
        if knob not in names:
            return f"profile {base} has no knob {knob}"
    return None


def has_simulate(binary: Path | None) -> tuple[bool, str]:
    if binary is None or not (Path(binary).is_file() and os.access(binary, os.X_OK)):
        return False, f"tlsdoctor binary not built ({binary})"
    # `tlsdoctor simulate --help` prints the top-level help (rc 0) while the command does
    # not exist, so look for it in the subcommand list, then in its own usage line.
    rc, out, err, to = run_proc([str(binary), "--help"], timeout=20, env=os.environ.copy())
    if to or not re.search(r"^\s+simulate\b", out + err, re.M):
        return False, f"{binary} has no `simulate` command"
    rc, out, err, to = run_proc([str(binary), "simulate", "--help"], timeout=20, env=os.environ.copy())
    if rc != 0 or to or not re.search(r"simulate", (out + err).split("Options:")[0]):
        return False, f"`{binary} simulate --help` failed (rc={rc})"
    return True, "ok"


def run_simulate(binary: Path, address: str, ca: Path, ids: list[str]) -> dict[str, Any]:
    """{"results": {id: result}, "error": str|None, "argv", "seconds", "rc"}."""
    argv = [str(binary), "simulate", address, "--sni", "localhost", "--ca-file", str(ca),
            "--clients", ",".join(ids), "--json"]
    t0 = time.monotonic()
    try:
        rc, out, err, to = run_proc(argv, timeout=SIMULATE_TIMEOUT, env=os.environ.copy())
    except OSError as e:  # e.g. the binary is being relinked
        return {"argv": argv, "rc": None, "seconds": 0.0, "results": {},
                "error": f"could not run simulate: {e}"}
    res: dict[str, Any] = {"argv": argv, "rc": rc, "seconds": round(time.monotonic() - t0, 3),
                           "results": {}, "error": None}
    if to:
        res["error"] = f"simulate timed out after {SIMULATE_TIMEOUT:.0f}s"
        return res
    for mark in ("AddressSanitizer", "UndefinedBehaviorSanitizer", "runtime error:"):
        if mark in err:
            res["error"] = f"sanitizer report: {err[-1500:]}"
            return res
    try:
        doc = json.loads(out)
    except ValueError:
        res["error"] = f"simulate rc={rc}, no JSON: {(out + err).strip()[-800:]}"
        return res
    if doc.get("schema") != "tlsdoctor.simulate/1":
        res["error"] = f"unexpected schema {doc.get('schema')!r}"
    for r in doc.get("results", []):
        res["results"][r.get("client")] = r
    missing = [i for i in ids if i not in res["results"]]
    if missing and not res["error"]:
        res["error"] = f"simulate gave no result for {', '.join(missing)}"
    return res


# ---------------------------------------------------------------- comparing

def load_known(path: Path = KNOWN_DIFFERENCES_FILE) -> list[dict[str, str]]:
    data = json.loads(Path(path).read_text())
    if not isinstance(data, list):
        raise ValueError(f"{path}: a JSON list of {{scenario, client, reason}} expected")
    for e in data:
        if not (isinstance(e, dict) and e.get("scenario") and e.get("client") and e.get("reason")):
            raise ValueError(f"{path}: bad entry {e!r} (scenario, client, reason required)")
    return data


def find_known(known: list[dict[str, str]], scenario: str, client: Client) -> dict[str, str] | None:
    for e in known:
        if e["scenario"] in (scenario, "*") and e["client"] in (client.name, client.profile, "*"):
            return e
    return None


def compare(real: dict[str, Any], sim: dict[str, Any] | None) -> tuple[str, str]:
    """-> ("agree" | "disagree" | "error", detail)."""
    if sim is None:
        return "error", "no simulate result"
    cat = catalog()
    rok, sok = bool(real.get("ok")), bool(sim.get("ok"))
    if str(real.get("error") or "").startswith("harness:"):
        return "error", f"harness: real client did not run properly: {real.get('error')}"
    if rok != sok:
        if rok:
            return "disagree", (f"real ok ({real.get('version')} {real.get('cipher')}), simulate "
                                f"predicted failure: {sim.get('reason')} ({sim.get('error')})")
        return "disagree", (f"real failed ({real.get('error')}), simulate predicted ok "
                            f"({sim.get('version')} {sim.get('cipher_iana')})")
    if not rok:
        return "agree", f"both fail (simulate: {sim.get('reason')})"
    rcode = cat.code(real.get("cipher"))
    scode = (cat.code(sim.get("cipher_code")) or cat.code(sim.get("cipher_iana"))
             or cat.code(sim.get("cipher_openssl")))
    if rcode is None:
        return "error", f"real client's suite {real.get('cipher')!r} not in cipher_suites.csv"
    if scode is None:
        return "error", f"simulate's suite {sim.get('cipher_iana')!r}/{sim.get('cipher_openssl')!r} unknown"
    rv, sv = norm_version(real.get("version")), norm_version(sim.get("version"))
    diffs = []
    if rv != sv:
        diffs.append(f"version real {rv} vs simulate {sv}")
    if rcode != scode:
        diffs.append(f"suite real {cat.by_code[rcode].iana} ({rcode}) vs simulate "
                     f"{cat.by_code[scode].iana} ({scode})")
    if diffs:
        return "disagree", "; ".join(diffs)
    return "agree", f"both ok {rv} {cat.by_code[rcode].iana}"


@dataclass
class Cell:
    scenario: str
    client: str
    profile: str
    real: dict[str, Any]
    sim: dict[str, Any] | None = None
    status: str = "real-only"        # agree | disagree | known | error | no_profile | real-only
    detail: str = ""
    known_reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"client": self.client, "profile": self.profile, "status": self.status,
                "detail": self.detail, "known_reason": self.known_reason,
                "real": self.real, "simulate": self.sim}


def run_scenario(scenario: str, address: str, host: str, port: int, ca: Path,
                 clients: list[Client], simulate_bin: Path | None,
                 known: list[dict[str, str]], profiles_dir: Path = PROFILES_DIR) -> tuple[list[Cell], dict[str, Any] | None]:
    """Every client once against the running server, then simulate once for all ids."""
    cells = [Cell(scenario, c.name, c.profile, c.run(host, port, ca)) for c in clients]
    sim_run = None
    if simulate_bin is not None:
        ids, skip = [], {}
        for c in clients:
            why = profile_status(c.profile, profiles_dir)
            if why:
                skip[c.name] = why
            elif c.profile not in ids:
                ids.append(c.profile)
        if ids:
            sim_run = run_simulate(simulate_bin, address, ca, ids)
        for cell, c in zip(cells, clients):
            if c.name in skip:
                cell.status, cell.detail = "no_profile", skip[c.name]
                continue
            assert sim_run is not None
            cell.sim = sim_run["results"].get(c.profile)
            if cell.sim is None:
                cell.status, cell.detail = "error", sim_run["error"] or "no simulate result"
                continue
            cell.status, cell.detail = compare(cell.real, cell.sim)
            if cell.status == "disagree":
                k = find_known(known, scenario, c)
                if k:
                    cell.status, cell.known_reason = "known", k["reason"]
    return cells, sim_run


# ---------------------------------------------------------------- reporting

REPORT: list[str] = []  # test_interop.py's table, printed by conftest.py's terminal summary

MARK = {"agree": "✓", "disagree": "✗", "known": "~", "error": "!", "no_profile": "?",
        "real-only": ""}


def real_mark(r: dict[str, Any]) -> str:
    if r.get("ok"):
        return "ok"
    if r.get("stage") == "timeout":
        return "T/O"
    return "--" if not str(r.get("error") or "").startswith("harness:") else "!!"


def short_suite(r: dict[str, Any]) -> str:
    s = catalog().lookup(r.get("cipher"))
    return s.iana if s else str(r.get("cipher"))


def table(cells_by_scenario: dict[str, list[Cell]], clients: list[Client], *, compare_mode: bool) -> str:
    labels = [c.label for c in clients]
    names = [c.name for c in clients]
    w0 = max([len("scenario")] + [len(s) for s in cells_by_scenario])
    widths = [max(len(lb), 3) for lb in labels]
    lines = ["scenario".ljust(w0) + "  " + "  ".join(lb.ljust(w) for lb, w in zip(labels, widths))]
    for sc, cells in cells_by_scenario.items():
        by = {c.client: c for c in cells}
        row = []
        for n, w in zip(names, widths):
            cell = by.get(n)
            if cell is None:
                row.append("".ljust(w))
            elif compare_mode:
                m = MARK[cell.status] if cell.status != "real-only" else "·"
                row.append((m + ("" if cell.status in ("no_profile",) else
                                 (" ok" if cell.real.get("ok") else " --"))).ljust(w))
            else:
                row.append(real_mark(cell.real).ljust(w))
        lines.append(sc.ljust(w0) + "  " + "  ".join(row))
    return "\n".join(lines)


def totals(cells: Iterable[Cell]) -> dict[str, Any]:
    t = {"agree": 0, "disagree": 0, "known": 0, "error": 0, "no_profile": 0, "real-only": 0}
    for c in cells:
        t[c.status] = t.get(c.status, 0) + 1
    compared = t["agree"] + t["disagree"] + t["known"] + t["error"]
    t["compared"] = compared
    t["agreement"] = (t["agree"] / compared) if compared else None
    return t


def totals_line(t: dict[str, Any]) -> str:
    if not t["compared"]:
        return f"agreement: nothing compared ({t['real-only']} real-only, {t['no_profile']} without a profile)"
    return (f"agreement {t['agree']}/{t['compared']} = {100.0 * t['agreement']:.1f}%  "
            f"(disagree {t['disagree']}, known differences {t['known']}, errors {t['error']}, "
            f"no profile {t['no_profile']})")


def outcome_text(r: dict[str, Any]) -> str:
    if r.get("ok"):
        return f"ok  {r.get('version')} {short_suite(r)}" + (f"  ({r['note']})" if r.get("note") else "")
    hs = f" [handshake done: {r.get('version')} {short_suite(r)}]" if r.get("version") else ""
    err = re.sub(r"\b[0-9A-F]{12,16}:error:", "…:error:", str(r.get("error")))  # thread ids vary
    return f"ERR {err}{hs}"


def outcome_lines(cells_by_scenario: dict[str, list[Cell]], *, grouped: bool = True) -> list[str]:
    """The real clients' outcomes per scenario (clients with the same outcome on one line),
    with the comparison when there was one."""
    out = []
    for sc, cells in cells_by_scenario.items():
        out.append(f"{sc}:")
        if grouped and all(c.status == "real-only" for c in cells):
            groups: dict[str, list[str]] = {}
            for c in cells:
                groups.setdefault(outcome_text(c.real), []).append(c.client)
            for txt, names in groups.items():
                out.append(f"  {', '.join(names)}: {txt}")
            continue
        for c in cells:
            extra = ""
            if c.status != "real-only":
                extra = f"   => {c.status}: {c.detail}" + (f" (known: {c.known_reason})" if c.known_reason else "")
            out.append(f"  {c.client:36} {outcome_text(c.real)}{extra}")
    return out
