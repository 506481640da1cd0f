"""`tlsdoctor get URL`: one HTTPS request with explicit TLS settings against
real lab servers; what it prints must match what the server really did."""

from __future__ import annotations

import json
import subprocess

import pytest


def get(tlsdoctor, *argv):
    proc = subprocess.run([str(tlsdoctor), "get", *argv, "--json"], capture_output=True, text=True,
                          timeout=60)
    return proc.returncode, (json.loads(proc.stdout) if proc.stdout.strip() else None), proc.stderr


@pytest.fixture(scope="module")
def story2(lab):
    with lab.start("story2") as srv:
        yield srv


def url(srv, path="/"):
    return f"https://localhost:{srv.address.rsplit(':', 1)[1]}{path}"


def test_default_settings_get_the_servers_choice(tlsdoctor, lab, story2):
    status, doc, err = get(tlsdoctor, url(story2), "--ip", "127.0.0.1", "--ca-file", str(lab.pki.ca))
    assert status == 0, err
    assert doc["schema"] == "tlsdoctor.get/1"
    assert doc["version"] == "TLSv1.2"
    assert doc["cipher_suite"]["code"] == "0x003d"  # s_server follows the client's order
    assert doc["verified"] is True
    assert doc["status_line"].startswith("HTTP/1.0 200")


def test_pinned_suite_is_what_gets_negotiated(tlsdoctor, lab, story2):
    status, doc, _ = get(tlsdoctor, url(story2), "--ip", "127.0.0.1", "--ca-file", str(lab.pki.ca),
                         "--tls-max", "1.2", "--ciphers", "AES128-SHA")
    assert status == 0
    assert doc["cipher_suite"]["code"] == "0x002f"


def test_a_go_1_22_like_offer_fails_like_go(tlsdoctor, lab, story2):
    status, doc, _ = get(tlsdoctor, url(story2), "--ip", "127.0.0.1", "--ca-file", str(lab.pki.ca),
                         "--ciphers", "ECDHE-RSA-AES128-GCM-SHA256")
    assert status == 1
    assert doc["ok"] is False and doc["stage"] == "handshake"
    assert "handshake failure" in doc["error"]["message"]


def test_untrusted_certificate_is_a_failure_not_skipped(tlsdoctor, story2):
    status, doc, _ = get(tlsdoctor, url(story2), "--ip", "127.0.0.1")
    assert status == 1
    assert doc["verify_error"] == "unable to get local issuer certificate"


def test_wrong_host_name_fails_verification(tlsdoctor, lab, story2):
    port = story2.address.rsplit(":", 1)[1]
    status, doc, _ = get(tlsdoctor, f"https://wrong.example:{port}/", "--ip", "127.0.0.1",
                         "--ca-file", str(lab.pki.ca))
    assert status == 1
    assert "mismatch" in doc["verify_error"]


def test_text_output_names_the_next_step(tlsdoctor, lab, story2):
    proc = subprocess.run([str(tlsdoctor), "get", url(story2), "--ip", "127.0.0.1", "--ciphers",
                           "ECDHE-RSA-AES128-GCM-SHA256", "--ca-file", str(lab.pki.ca)],
                          capture_output=True, text=True, timeout=60, env={"NO_COLOR": "1"})
    assert proc.returncode == 1
    assert "next: tlsdoctor 'localhost:" in proc.stdout and "--ip '127.0.0.1'" in proc.stdout


def test_bad_input_is_a_usage_error(tlsdoctor):
    for argv in (["http://example.com/"], ["https://"], ["https://a b/"], ["https://u@h/"],
                 ["https://127.0.0.1:1/", "--tls-min", "9.9"],
                 ["https://127.0.0.1:1/", "--ciphers", "NOT-A-CIPHER"]):
        status, _, err = get(tlsdoctor, *argv)
        assert status == 2, argv
        assert err


def test_unreachable_is_operational(tlsdoctor):
    status, doc, _ = get(tlsdoctor, "https://127.0.0.1:1/", "--timeout", "2")
    assert status == 2
    assert doc["stage"] == "connect"
