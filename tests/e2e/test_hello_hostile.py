"""`tlsdoctor hello` against the quirky peer: every misbehaviour ends in a
clear, classified answer within the timeout, never a crash or a hang, and the
sanitizer build reports nothing."""

from __future__ import annotations

import json
import subprocess
import time

import pytest

TIMEOUT_S = 2.0
# mode -> (outcome, error code or None, exit status)
EXPECTED = {
    "garbage": ("failed", "not_tls", 1),
    "truncated_record": ("failed", "closed", 1),
    "bad_handshake_length": ("failed", "decode_error", 1),
    "stall": ("failed", "timeout", 1),
    "stall_midway": ("failed", "timeout", 1),
    "reset": ("failed", "reset", 1),
    "close_immediately": ("failed", "closed", 1),
    "http": ("failed", "not_tls", 1),
    "oversized_record": ("failed", "record_overflow", 1),
    "alert_close": ("alert", None, 1),
    "endless_alerts": ("failed", "alert_flood", 1),
    "ssl2_answer": ("failed", "unoffered_version", 1),
    "tiny_records": ("server_hello", "timeout", 0),
    "zero_length_records": ("failed", "empty_records", 1),
    "huge_certificate_length": ("server_hello", "message_too_large", 0),
    # 5 bytes a second: the ServerHello itself does not finish before the deadline.
    "slow_drip": ("failed", "timeout", 1),
    "serverhello_then_close": ("server_hello", "closed", 0),
    "unoffered_cipher": ("failed", "unoffered_suite", 1),
    "hrr_twice": ("hello_retry_request", None, 0),
    "hello_size_intolerant": ("server_hello", "closed", 0),
    # One fault in an otherwise real flight: `hello` reports the server's choice; the
    # fault is the simulation's to judge (tests/e2e/test_flight_faults.py).
    "clean_tls12_flight": ("server_hello", None, 0),
    "rate_limited": ("server_hello", None, 0),
    "compressed_server_hello": ("server_hello", None, 0),
    "downgrade_sentinel": ("server_hello", None, 0),
    "unsolicited_extension": ("server_hello", None, 0),
    "tls13_bad_key_share": ("server_hello", None, 0),
    "tls13_session_id_not_echoed": ("server_hello", None, 0),
    "bad_ske_signature": ("server_hello", None, 0),
    "dh_even_prime": ("server_hello", None, 0),
    "dh_public_one": ("server_hello", None, 0),
    "oversized_plaintext_record": ("server_hello", None, 0),
}
SANITIZER_MARKS = ("AddressSanitizer", "UndefinedBehaviorSanitizer", "runtime error:")


@pytest.mark.parametrize("mode", list(EXPECTED))
def test_hello_survives_hostile_peer(mode, peer, tlsdoctor):
    p = peer(mode)
    start = time.monotonic()
    proc = subprocess.run(
        [str(tlsdoctor), "hello", f"127.0.0.1:{p.port}", "--sni", "localhost", "--json",
         "--timeout", str(TIMEOUT_S)],
        capture_output=True, text=True, timeout=TIMEOUT_S + 20)
    took = time.monotonic() - start
    for mark in SANITIZER_MARKS:
        assert mark not in proc.stderr, proc.stderr
    out = json.loads(proc.stdout)
    outcome, code, status = EXPECTED[mode]
    assert out["outcome"] == outcome, proc.stdout
    if code is None:
        assert out["error"] is None, proc.stdout
    else:
        assert out["error"]["code"] == code, proc.stdout
        assert out["error"]["message"]
        if not code.startswith("unoffered"):  # judged after a complete exchange
            assert out["stage"] != "done", proc.stdout
    assert proc.returncode == status, proc.stdout
    # Bounded by our own deadline, not by the peer (generous margin for ASan on 2 cores).
    assert took < TIMEOUT_S + 10


def test_text_output_names_the_failure(peer, tlsdoctor):
    p = peer("stall")
    proc = subprocess.run([str(tlsdoctor), "hello", f"127.0.0.1:{p.port}", "--timeout", "0.5"],
                          capture_output=True, text=True, timeout=20,
                          env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 1
    assert "no TLS answer" in proc.stdout
    assert "no answer in time while awaiting ServerHello (transport layer)" in proc.stdout
    assert "\x1b[" not in proc.stdout
