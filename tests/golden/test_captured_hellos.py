"""The real clients' ClientHellos against the profiles' golden hellos: each client
scripts/install-interop-clients.sh provides (and the machine's Go toolchain) connects
to a loopback listener, its hello is captured (capture_hello.py) and compared field by
field with tests/golden/hellos/<profile>.hex. A profile that models a client this
machine runs is then a capture, not a reading of the source."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.golden import capture_hello
from tests.interop import extra_clients, interop as io

CA = "/etc/ssl/certs/ca-certificates.crt"  # any PEM file: the connection never gets that far
CLIENTS = io.CLIENTS_DIR


@pytest.fixture(scope="module")
def have():
    return extra_clients.installed()


def compare(command: list[str], golden: Path) -> list[str]:
    hello = capture_hello.capture(command)
    got = capture_hello.normalised(capture_hello.hello_fields.hello_fields(hello))
    want = capture_hello.normalised(
        capture_hello.hello_fields.hello_fields(bytes.fromhex(golden.read_text().strip())))
    return [f"{w!r} != {g!r}" for w, g in zip(want, got) if w != g] + (
        [f"{len(want)} fields in the golden hello, {len(got)} captured"] if len(want) != len(got) else [])


def golden(profile: str) -> Path:
    return Path(capture_hello.HERE) / "hellos" / f"{profile}.hex"


@pytest.mark.parametrize("name,key,profile,argv", [
    ("node-22", "node-22", "node-22", ["{bin}", str(CLIENTS / "client.js"), "127.0.0.1", "{port}", CA]),
    ("node-24", "node-24", "node-24", ["{bin}", str(CLIENTS / "client.js"), "127.0.0.1", "{port}", CA]),
    ("node-26", "node-26", "node-26", ["{bin}", str(CLIENTS / "client.js"), "127.0.0.1", "{port}", CA]),
    ("python-3.13", "python-3.13", "python-3.13", ["{bin}", "-I", str(CLIENTS / "client.py"), "127.0.0.1", "{port}", CA]),
    ("java-25", "temurin-25", "java-25",
     ["sh", "-c", "echo 127.0.0.1 {port} | {bin} -XX:+UseSerialGC -XX:TieredStopAtLevel=1 "
      + str(CLIENTS / "Client.java") + " " + CA]),
])
def test_runtime_hello_matches_profile(have, skip_or_fail, name, key, profile, argv):
    ok, where = have.get(key, (False, f"the install script did not report {key}"))
    if not ok:
        skip_or_fail(f"{name}: {where}")
    assert compare([a.replace("{bin}", where) for a in argv], golden(profile)) == []


@pytest.mark.parametrize("godebug,knob", [
    ("", None), ("cpu.aes=off", "noaes"), ("tlsmlkem=0", "GODEBUG=tlsmlkem=0"),
    ("tlssecpmlkem=0", "GODEBUG=tlssecpmlkem=0"), ("tlssha1=1", "GODEBUG=tlssha1=1")])
def test_go_release_hello_matches_profile(have, skip_or_fail, tmp_path, tlsdoctor, godebug, knob):
    rel = "go1.27.3"
    ok, where = have.get(rel, (False, "the install script did not report " + rel))
    if not ok:
        skip_or_fail(f"{rel}: {where}")
    client, why = extra_clients._release_go(rel, io.BUILD_DIR / "go")
    if client is None:
        skip_or_fail(why or "no Go release build")
    path = io.BUILD_DIR / "go" / f"release{rel[2:]}" / "tlsclient"
    if knob is None or knob == "noaes":
        gold = golden("go-1.27" + ("-noaes" if knob else ""))
    else:
        import subprocess
        gold = tmp_path / "knob.hex"
        gold.write_text(subprocess.run([str(tlsdoctor), "profiles", "--hello-hex", f"go-1.27+{knob}"],
                                       capture_output=True, text=True, check=True).stdout)
    env_argv = ["env", f"GODEBUG={godebug}"] if godebug else []
    assert compare(env_argv + [str(path), "127.0.0.1", "{port}", CA], gold) == []


def test_go_release_refuses_a_removed_godebug(have, skip_or_fail):
    # Go 1.27 removed tlsrsakex: at its old value in the environment the program exits
    # at start, so the doctor must never offer it (diagnose/removed_knobs.h).
    rel = "go1.27.3"
    ok, where = have.get(rel, (False, "the install script did not report " + rel))
    if not ok:
        skip_or_fail(f"{rel}: {where}")
    client, why = extra_clients._release_go(rel, io.BUILD_DIR / "go")
    if client is None:
        skip_or_fail(why or "no Go release build")
    path = io.BUILD_DIR / "go" / f"release{rel[2:]}" / "tlsclient"
    rc, out, err, _ = io.run_proc([str(path), "127.0.0.1", "1", CA],
                                  env=io.client_env({"GODEBUG": "tlsrsakex=1"}), timeout=30)
    assert rc != 0
    assert 'removed GODEBUG "tlsrsakex" set to old value "1"' in err
