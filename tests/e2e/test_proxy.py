"""Every network command through a real HTTP CONNECT proxy (tinyproxy from Debian, started
here on a loopback port): the same answers as a direct connection, the route reported,
a 407 named with the proxy's own words, credentials never printed, a proxy that never
answers bounded by --timeout, and the environment read the way curl reads it."""

from __future__ import annotations

import json
import os
import subprocess
import time

import pytest

from tests.lab import tinyproxy as tp


def run(tlsdoctor, *argv, env=None, timeout=120):
    full_env = {k: v for k, v in os.environ.items()
                if k.lower() not in ("https_proxy", "all_proxy", "no_proxy", "http_proxy")}
    full_env.update(env or {})
    start = time.monotonic()
    proc = subprocess.run([str(tlsdoctor), *argv], capture_output=True, text=True,
                          timeout=timeout, env=full_env)
    proc.elapsed = time.monotonic() - start
    return proc


@pytest.fixture(scope="module")
def proxy(tmp_path_factory, skip_or_fail):
    if not tp.available():
        skip_or_fail("tinyproxy is not installed (scripts/setup.sh --with-tests)")
    with tp.tinyproxy(tmp_path_factory.mktemp("tinyproxy")) as address:
        yield address


@pytest.fixture(scope="module")
def auth_proxy(tmp_path_factory, skip_or_fail):
    if not tp.available():
        skip_or_fail("tinyproxy is not installed (scripts/setup.sh --with-tests)")
    with tp.tinyproxy(tmp_path_factory.mktemp("tinyproxy-auth"),
                      basic_auth=("alice", "s3cret")) as address:
        yield address


@pytest.fixture(scope="module")
def story2(lab):
    with lab.start("story2") as srv:
        yield srv


def target(srv):
    return f"localhost:{srv.port}"


def test_hello_through_the_proxy_equals_direct(tlsdoctor, proxy, story2):
    direct = run(tlsdoctor, "hello", target(story2), "--tls1.2", "--json", "--no-proxy")
    via = run(tlsdoctor, "hello", target(story2), "--tls1.2", "--json",
              "--proxy", f"http://{proxy}")
    assert direct.returncode == 0 and via.returncode == 0, via.stderr
    d, v = json.loads(direct.stdout), json.loads(via.stdout)
    assert d["route"] is None
    assert v["route"] == {"proxy": proxy, "dialogs": ["http_connect"]}
    assert v["outcome"] == d["outcome"]
    assert v["cipher_suite"] == d["cipher_suite"]
    assert v["peer"] == proxy  # TCP went to the proxy
    assert f"through the proxy http://{proxy}" in via.stderr


def test_scan_through_the_proxy_equals_direct(tlsdoctor, proxy, story2):
    args = ["scan", target(story2), "--json", "--no-cert"]
    direct = run(tlsdoctor, *args, "--no-proxy")
    via = run(tlsdoctor, *args, env={"HTTPS_PROXY": f"http://{proxy}"})
    assert direct.returncode == via.returncode, via.stderr
    d, v = json.loads(direct.stdout), json.loads(via.stdout)
    assert v["route"]["proxy"] == proxy
    assert "(from HTTPS_PROXY)" in via.stderr
    assert v["versions"] == d["versions"]
    assert v["cipher_suites"] == d["cipher_suites"]


def test_get_and_doctor_through_the_proxy(tlsdoctor, lab, proxy, story2):
    got = run(tlsdoctor, "get", f"https://localhost:{story2.port}/", "--ca-file",
              str(lab.pki.ca), "--proxy", proxy, "--json")
    assert got.returncode == 0, got.stderr
    doc = json.loads(got.stdout)
    assert doc["route"] == {"proxy": proxy, "dialogs": ["http_connect"]}
    assert doc["status_line"].startswith("HTTP/1.0 200")

    doctor = run(tlsdoctor, target(story2), "--client", "go-1.22", "--ca-file", str(lab.pki.ca),
                 "--proxy", proxy, "--json")
    assert doctor.returncode == 1, doctor.stderr  # the story: Go 1.22 fails
    doc = json.loads(doctor.stdout)
    assert doc["route"]["proxy"] == proxy


def test_no_proxy_bypasses_an_environment_proxy(tlsdoctor, story2):
    # a proxy that does not exist: NO_PROXY must keep us away from it
    env = {"HTTPS_PROXY": "http://127.0.0.1:1", "NO_PROXY": "example.org,localhost"}
    proc = run(tlsdoctor, "hello", target(story2), "--tls1.2", "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["route"] is None


def test_407_is_named_with_the_proxys_words_and_credentials_stay_secret(tlsdoctor, auth_proxy,
                                                                         story2):
    proc = run(tlsdoctor, "hello", target(story2), "--json", "--proxy", f"http://{auth_proxy}")
    assert proc.returncode == 2, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["error"]["code"] == "proxy_auth_required"
    assert "407 Proxy Authentication Required" in doc["error"]["message"]
    assert 'Basic realm="Tinyproxy"' in doc["error"]["message"]

    wrong = run(tlsdoctor, "hello", target(story2), "--proxy",
                f"http://alice:wrong-pw@{auth_proxy}")
    # tinyproxy 1.11 answers wrong credentials with 401 (and WWW-Authenticate),
    # missing ones with 407: either way the refusal is named with the proxy's words.
    assert "407" in wrong.stdout + wrong.stderr or "401 Unauthorized" in wrong.stdout
    assert "wrong-pw" not in wrong.stdout + wrong.stderr

    right = run(tlsdoctor, "hello", target(story2), "--tls1.2", "--json",
                env={"HTTPS_PROXY": f"http://alice:s3cret@{auth_proxy}"})
    assert right.returncode == 0, right.stderr
    assert "s3cret" not in right.stdout + right.stderr
    assert "http://***@" in right.stderr


def test_a_proxy_that_never_answers_ends_in_bounded_time(tlsdoctor, story2):
    with tp.silent_proxy() as address:
        proc = run(tlsdoctor, "hello", target(story2), "--json", "--timeout", "1",
                   "--proxy", address, timeout=30)
    assert proc.returncode == 2
    assert proc.elapsed < 10
    doc = json.loads(proc.stdout)
    assert doc["error"]["code"] == "timeout"
    assert "proxy's answer to CONNECT" in doc["error"]["message"]


def test_https_proxy_scheme_is_a_clear_usage_error(tlsdoctor, story2):
    proc = run(tlsdoctor, "hello", target(story2), env={"HTTPS_PROXY": "https://proxy.corp:3128"})
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "https:// proxy" in proc.stderr and "try http://" in proc.stderr
