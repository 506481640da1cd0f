"""`tlsdoctor demo`, the README's main job: the embedded partner API, its
answer, and the Go clients of the story replayed against it."""

from __future__ import annotations

import subprocess


def test_demo_tells_the_story(tlsdoctor):
    proc = subprocess.run([str(tlsdoctor), "demo"], capture_output=True, text=True, timeout=120,
                          env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "TLS_RSA_WITH_AES_256_CBC_SHA256 (0x003d, AES256-SHA256)" in out
    assert "TLSv1.2" in out
    for client in ("go-1.21", "go-1.22", "go-1.22+GODEBUG=tlsrsakex=1", "go-1.26"):
        line = next(l for l in out.splitlines() if f" {client} " in l)
        assert "FAIL" in line and "no_common_suite" in line, line
    assert "remote error: tls: handshake failure" in out


def test_demo_json_is_the_hello_document(tlsdoctor):
    import json
    proc = subprocess.run([str(tlsdoctor), "demo", "--json"], capture_output=True, text=True,
                          timeout=120)
    doc = json.loads(proc.stdout)
    assert doc["schema"] == "tlsdoctor.hello/1"
    assert doc["cipher_suite"]["code"] == "0x003d"
