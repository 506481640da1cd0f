"""`tlsdoctor demo`, the README's main job: the story's partner API on
loopback and the doctor on it for go-1.22, then the same API with a second
suite Go implements."""

from __future__ import annotations

import json
import subprocess


def test_demo_tells_the_story(tlsdoctor):
    proc = subprocess.run([str(tlsdoctor), "demo"], capture_output=True, text=True, timeout=120,
                          env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    first, second = proc.stdout.split("Now the partner also accepts")
    # Act 1: the failure, its cause, the trap, and no client fix.
    assert "remote error: tls: handshake failure" in first
    assert "TLS_RSA_WITH_AES_256_CBC_SHA256 (0x003d, AES256-SHA256)" in first
    assert "never implemented any suite this server accepts" in first
    assert "ruled out: GODEBUG=tlsrsakex=1" in first
    assert "client fix: none verified" in first
    assert "ssl_ciphers ECDHE-" in first  # the server fix, for nginx
    # Act 2: the one-suite tls.Config, verified live.
    assert "fix 1: offer TLS_RSA_WITH_AES_128_CBC_SHA (0x002f, AES128-SHA)" in second
    assert "verified live: TLSv1.2 TLS_RSA_WITH_AES_128_CBC_SHA" in second
    assert "CipherSuites: []uint16{tls.TLS_RSA_WITH_AES_128_CBC_SHA}" in second
    assert "the change responsible: go-1.21 connects" in second


def test_demo_json_has_both_acts(tlsdoctor):
    proc = subprocess.run([str(tlsdoctor), "demo", "--json"], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["schema"] == "tlsdoctor.demo/1"
    story, story2 = (act["clients"][0] for act in doc["acts"])
    assert story["cause"]["reason"] == "no_common_suite" and story["fixes"] == []
    assert story2["fixes"][0]["kind"] == "pin_suite"
    assert story2["fixes"][0]["outcome"]["cipher_code"] == "0x002f"
