"""The doctor's client snippets, run for real: each verified fix's code is pasted into a
real program (Go built with the local toolchain, the machine's Python) that connects to
the same lab server the doctor diagnosed. The handshake must succeed with the suite the
doctor reported for the fix (outcome.cipher_iana / cipher_openssl), and the same program
without the fix must fail: the snippet is what makes the difference.

Scenario story2: TLS 1.2 only, AES256-SHA256 and AES128-SHA, cert for localhost."""

from __future__ import annotations

import json
import os
import re
import ssl
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.interop.interop import client_env

TIMEOUT = 30
GO_MODULE = "tlsdoctor.test/snippets"

GO_MAIN = """\
{header}package main

import (
\t"crypto/tls"
\t"crypto/x509"
\t"fmt"
{extra_imports}\t"os"
)

func main() {{
\taddr, caFile := os.Args[1], os.Args[2]
\tpem, err := os.ReadFile(caFile)
\tif err != nil {{
\t\tfmt.Println("ERROR", err)
\t\tos.Exit(1)
\t}}
\tpool := x509.NewCertPool()
\tif !pool.AppendCertsFromPEM(pem) {{
\t\tfmt.Println("ERROR no certificate in", caFile)
\t\tos.Exit(1)
\t}}
{body}
\tconn, err := tls.Dial("tcp", addr, conf)
\tif err != nil {{
\t\tfmt.Println("ERROR", err)
\t\tos.Exit(1)
\t}}
\tfmt.Println("OK", tls.CipherSuiteName(conn.ConnectionState().CipherSuite))
\tconn.Close()
{after}}}
"""

# The pinned-suite snippet also builds an http.Client around its tls.Config: use it too.
GO_HTTP_GET = """\
\tresp, err := client.Get("https://" + addr + "/")
\tif err != nil {
\t\tfmt.Println("HTTPERROR", err)
\t\tos.Exit(1)
\t}
\tresp.Body.Close()
\tfmt.Println("HTTP", resp.StatusCode)
"""

GO_PLAIN_CONFIG = '\tconf := &tls.Config{ServerName: "localhost", RootCAs: pool}'

PY_DRIVER = """\
import json, socket, ssl, sys
snippet, ca = open(sys.argv[1]).read(), sys.argv[2]
lines = snippet.splitlines()
cut = next(i for i, line in enumerate(lines) if "wrap_socket(" in line)
ns = {"ssl": ssl, "socket": socket}
exec("\\n".join(lines[:cut]), ns)
ns["ctx"].load_verify_locations(ca)
try:
    exec("\\n".join(lines[cut:]), ns)
except (ssl.SSLError, OSError) as e:
    print(json.dumps({"ok": False, "error": f"{type(e).__name__}: {e}"}))
    sys.exit(1)
sock = ns["sock"]
print(json.dumps({"ok": True, "cipher": sock.cipher()[0], "version": sock.version()}))
sock.close()
"""


# ---------------------------------------------------------------- helpers

def run_doctor(tlsdoctor: Path, srv, ca: Path, client: str) -> dict:
    """The doctor's report for one client against the running server."""
    proc = subprocess.run([str(tlsdoctor), srv.address, "--sni", "localhost", "--ca-file", str(ca),
                           "--client", client, "--json"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["schema"] == "tlsdoctor.doctor/1"
    (report,) = [c for c in doc["clients"] if c["client"] == client]
    assert report["ok"] is False, "story2 must break this client without a fix"
    return report


def find_fix(report: dict, *, kind: str | None = None, title: str | None = None) -> dict:
    fixes = [f for f in report["fixes"]
             if (kind is None or f["kind"] == kind) and (title is None or f["title"] == title)]
    assert len(fixes) == 1, [(f["kind"], f["title"]) for f in report["fixes"]]
    fix = fixes[0]
    assert fix["verified"] is True and fix["outcome"]["ok"] is True
    return fix


def snippet(fix: dict, language: str, label: str = "") -> str:
    found = [s["code"] for s in fix["snippets"] if s["language"] == language and s["label"] == label]
    assert len(found) == 1, fix["snippets"]
    return found[0]


def go_build(workdir: Path, env: dict[str, str], main_go: str, go_mod: str) -> Path:
    """Build main.go + go.mod in workdir; a compile error fails the test, with the source."""
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "go.mod").write_text(go_mod)
    (workdir / "main.go").write_text(main_go)
    proc = subprocess.run(["go", "build", "-trimpath", "-o", "prog", "."], cwd=workdir, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"go build failed:\n{proc.stderr}\n--- main.go\n{main_go}\n--- go.mod\n{go_mod}"
    return workdir / "prog"


def go_mod(go_line: str, extra: str = "") -> str:
    return f"module {GO_MODULE}\n\ngo {go_line}\n" + (f"\n{extra}\n" if extra else "")


def run_prog(argv: list[str], env: dict[str, str]) -> tuple[int, str]:
    proc = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    return proc.returncode, (proc.stdout + proc.stderr).strip()


def indent(code: str) -> str:
    return "\n".join(("\t" + line) if line.strip() else "" for line in code.splitlines())


# ---------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def story2(lab):
    with lab.start("story2") as srv:
        yield srv


@pytest.fixture(scope="module")
def go(tmp_path_factory, skip_or_fail):
    """(env, go line "1.N", doctor client id "go-1.N") of the local toolchain."""
    if not shutil.which("go"):
        skip_or_fail("go not installed (the Go toolchain compiles the Go snippets)")
    env = client_env({"GOTOOLCHAIN": "local", "GOFLAGS": "-buildvcs=false", "CGO_ENABLED": "0",
                      "GOWORK": "off", "GOPROXY": "off"})
    version = subprocess.run(["go", "env", "GOVERSION"], env=env, capture_output=True, text=True,
                             timeout=60).stdout.strip()                     # go1.26.8
    m = re.fullmatch(r"go1\.(\d+)(?:\.\d+)?\S*", version)
    assert m, f"unexpected go version {version!r}"
    cache = subprocess.run(["go", "env", "GOCACHE"], env=env, capture_output=True, text=True,
                           timeout=60).stdout.strip()
    probe = Path(cache) if cache and cache != "off" else None
    while probe is not None and not probe.exists():
        probe = probe.parent if probe.parent != probe else None
    if probe is None or not os.access(probe, os.W_OK):
        env["GOCACHE"] = str(tmp_path_factory.mktemp("gocache"))
    minor = m.group(1)
    return env, f"1.{minor}", f"go-1.{minor}"


def go_connect(prog: Path, srv, ca: Path, env: dict[str, str], extra_env: dict[str, str] | None = None):
    run_env = dict(env)
    run_env.pop("GODEBUG", None)
    run_env.update(extra_env or {})
    return run_prog([str(prog), srv.address, str(ca)], run_env)


# ---------------------------------------------------------------- Go

def test_go_pin_suite_snippet(lab, tlsdoctor, story2, go, tmp_path):
    env, go_line, client = go
    fix = find_fix(run_doctor(tlsdoctor, story2, lab.pki.ca, client), kind="pin_suite")
    code = snippet(fix, "go")
    assert "conf := &tls.Config{" in code and "client := &http.Client{" in code, code
    want = fix["outcome"]["cipher_iana"]

    def program(snip: str) -> str:
        body = indent(snip) + "\n\tconf.RootCAs = pool"
        return GO_MAIN.format(header="", extra_imports='\t"net/http"\n', body=body, after=GO_HTTP_GET)

    prog = go_build(tmp_path / "pin", env, program(code), go_mod(go_line))
    rc, out = go_connect(prog, story2, lab.pki.ca, env)
    assert rc == 0, out
    assert out.splitlines() == [f"OK {want}", "HTTP 200"]

    # Control: the same program without the snippet's CipherSuites line fails.
    pin_lines = [line for line in code.splitlines() if "CipherSuites:" in line]
    assert len(pin_lines) == 1, code
    control = "\n".join(line for line in code.splitlines() if line not in pin_lines)
    prog = go_build(tmp_path / "pin-control", env, program(control), go_mod(go_line))
    rc, out = go_connect(prog, story2, lab.pki.ca, env)
    assert rc == 1 and "handshake failure" in out, out


def test_go_godebug_snippets(lab, tlsdoctor, story2, go, tmp_path):
    env, go_line, client = go
    fix = find_fix(run_doctor(tlsdoctor, story2, lab.pki.ca, client), title="GODEBUG=tlsrsakex=1")
    assert fix["kind"] == "knob"
    want = fix["outcome"]["cipher_iana"]
    at_run_time = snippet(fix, "shell", "at run time")
    go_debug = snippet(fix, "go", "in the main package (Go 1.21+)")
    in_go_mod = snippet(fix, "go", "in go.mod (Go 1.23+)")

    def program(header: str = "") -> str:
        return GO_MAIN.format(header=header, extra_imports="", body=GO_PLAIN_CONFIG, after="")

    plain = go_build(tmp_path / "plain", env, program(), go_mod(go_line))
    rc, out = go_connect(plain, story2, lab.pki.ca, env)
    assert rc == 1 and "handshake failure" in out, out

    # GODEBUG=... ./yourprogram
    m = re.fullmatch(r"((?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)+)\./yourprogram", at_run_time.strip())
    assert m, f"not `VAR=value ./yourprogram`: {at_run_time!r}"
    assignments = dict(a.split("=", 1) for a in m.group(1).split())
    assert set(assignments) == {"GODEBUG"}, assignments
    rc, out = go_connect(plain, story2, lab.pki.ca, env, assignments)
    assert rc == 0 and out == f"OK {want}", out

    # //go:debug ... above `package main`
    assert go_debug.startswith("//go:debug "), go_debug
    prog = go_build(tmp_path / "go-debug", env, program(go_debug + "\n\n"), go_mod(go_line))
    rc, out = go_connect(prog, story2, lab.pki.ca, env)
    assert rc == 0 and out == f"OK {want}", out

    # godebug ... in go.mod
    assert in_go_mod.startswith("godebug "), in_go_mod
    prog = go_build(tmp_path / "go-mod", env, program(), go_mod(go_line, in_go_mod))
    rc, out = go_connect(prog, story2, lab.pki.ca, env)
    assert rc == 0 and out == f"OK {want}", out


# ---------------------------------------------------------------- Python

def test_python_pin_suite_snippet(lab, tlsdoctor, story2, tmp_path):
    fix = find_fix(run_doctor(tlsdoctor, story2, lab.pki.ca, "python-3.13"), kind="pin_suite")
    code = snippet(fix, "python")
    lines = code.splitlines()
    assert lines[0] == "ctx = ssl.create_default_context()", code
    assert sum("set_ciphers(" in line for line in lines) == 1, code
    assert "wrap_socket(" in lines[-1] and "server_hostname='localhost'" in lines[-1], code
    m = re.search(r"create_connection\(\('([^']+)', (\d+)\)\)", code)
    assert m and m.group(1) == "localhost" and int(m.group(2)) == story2.port, code
    want = fix["outcome"]["cipher_openssl"]

    driver = tmp_path / "driver.py"
    driver.write_text(PY_DRIVER)

    def connect(snip: str) -> tuple[int, dict]:
        (tmp_path / "snippet.py").write_text(snip)
        rc, out = run_prog([sys.executable, str(driver), str(tmp_path / "snippet.py"), str(lab.pki.ca)],
                           client_env())
        last = out.splitlines()[-1] if out else ""
        assert last.startswith("{"), out
        return rc, json.loads(last)

    rc, r = connect(code)
    assert rc == 0 and r["ok"], r
    assert r["cipher"] == want and r["version"] == fix["outcome"]["version"], r

    # Control: without set_ciphers the same code fails, where this Python's default
    # context does not offer the suite (Python's own cipher string; a distribution build
    # using OpenSSL's defaults, e.g. Debian's, offers it and connects anyway).
    if want in {c["name"] for c in ssl.create_default_context().get_ciphers()}:
        return
    rc, r = connect("\n".join(line for line in lines if "set_ciphers(" not in line))
    assert rc == 1 and "HANDSHAKE_FAILURE" in r["error"], r


# ---------------------------------------------------------------- --client-from

@pytest.mark.parametrize("go_line", ["1.21", "local"])
def test_client_from_a_go_module_predicts_its_real_build(lab, tlsdoctor, story2, go, tmp_path, go_line):
    # The module's go line decides GODEBUG defaults: with go 1.21 the local
    # toolchain still offers RSA key exchange (tlsrsakex=1) and reaches story2.
    env, local_line, _ = go
    line = local_line if go_line == "local" else go_line
    main_go = GO_MAIN.format(header="", extra_imports="", body=GO_PLAIN_CONFIG, after="")
    prog = go_build(tmp_path / "module", env, main_go, go_mod(line))
    rc, out = go_connect(prog, story2, lab.pki.ca, env)

    doctor_env = dict(env)
    doctor_env.pop("GODEBUG", None)
    proc = subprocess.run(
        [str(tlsdoctor), story2.address, "--sni", "localhost", "--ca-file", str(lab.pki.ca),
         "--client-from", str(tmp_path / "module"), "--json"],
        capture_output=True, text=True, timeout=120, env=doctor_env)
    assert proc.returncode in (0, 1), proc.stderr
    doc = json.loads(proc.stdout)
    verdict = doc["clients"][0]
    assert doc["client_from"]["client"] == verdict["client"]
    assert ("GODEBUG=tlsrsakex=1" in verdict["client"]) == (go_line == "1.21"), verdict["client"]
    assert verdict["ok"] == (rc == 0), (verdict, out)
    if rc == 0:
        assert out == f"OK {verdict['cipher_iana']}"
