"""`tlsdoctor simulate` on lab scenarios: the outcome and the reason each
client gets, in its own words (real clients confirm them in tests/interop)."""

from __future__ import annotations

import json
import subprocess

import pytest


@pytest.fixture(scope="module")
def simulate(lab, tlsdoctor):
    def run(scenario, clients):
        with lab.start(scenario) as srv:
            proc = subprocess.run(
                [str(tlsdoctor), "simulate", srv.address, "--sni", "localhost", "--ca-file",
                 str(lab.pki.ca), "--clients", clients, "--json"],
                capture_output=True, text=True, timeout=120)
        assert proc.returncode in (0, 1), proc.stderr
        doc = json.loads(proc.stdout)
        assert doc["schema"] == "tlsdoctor.simulate/1"
        return proc.returncode, {r["client"]: r for r in doc["results"]}

    return run


def test_the_story(simulate):
    status, r = simulate("story", "go-1.21,go-1.22,go-1.22+GODEBUG=tlsrsakex=1")
    # Go never implemented TLS_RSA_WITH_AES_256_CBC_SHA256: no version, no knob helps.
    for client in r.values():
        assert client["ok"] is False
        assert client["reason"] == "no_common_suite"
        assert client["error"] == "remote error: tls: handshake failure"
    assert status == 1


def test_the_story_with_a_second_suite(simulate):
    _, r = simulate("story2", "go-1.21,go-1.22,go-1.22+GODEBUG=tlsrsakex=1")
    assert r["go-1.21"]["ok"] and r["go-1.21"]["cipher_openssl"] == "AES128-SHA"
    assert r["go-1.22"]["reason"] == "no_common_suite"
    knob = r["go-1.22+GODEBUG=tlsrsakex=1"]
    assert knob["ok"] and knob["cipher_iana"] == "TLS_RSA_WITH_AES_128_CBC_SHA"


def test_hello_retry_request_is_followed(simulate):
    _, r = simulate("tls13_p521_only", "go-1.26")
    assert r["go-1.26"]["ok"] is True
    assert r["go-1.26"]["followed_hello_retry"] is True
    assert r["go-1.26"]["group"] == "secp521r1"


def test_certificate_policies(simulate):
    _, expired = simulate("expired_cert", "go-1.26")
    assert expired["go-1.26"]["reason"] == "expired"
    _, wrong = simulate("wrong_host", "go-1.26")
    assert wrong["go-1.26"]["reason"] == "hostname_mismatch"
    _, selfsigned = simulate("self_signed", "go-1.26")
    assert selfsigned["go-1.26"]["reason"] == "untrusted"
    _, big = simulate("rsa4096_cert", "go-1.26")
    assert big["go-1.26"]["ok"] and big["go-1.26"]["key_bits"] == 4096


def test_no_common_version(simulate):
    _, r = simulate("tls10_only", "go-1.26")
    assert r["go-1.26"]["ok"] is False
    assert r["go-1.26"]["reason"] in ("no_common_version", "alert:protocol_version")


def test_unknown_client_is_a_usage_error(lab, tlsdoctor):
    proc = subprocess.run([str(tlsdoctor), "simulate", "127.0.0.1:1", "--clients", "go-0.1"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "go-1.22" in proc.stderr
