"""A server that starts dropping connections after it answered some (quirky-peer mode
rate_limited: a clean flight for the first 20 connections in any 10 s, a TCP RST for
the rest): `scan` notices (the canary hello it answered before is dropped too), backs
off with jitter and retries once, and says in the report that the results may be
incomplete, never a silent partial result. A server that merely answers every
connection gets no such note."""

from __future__ import annotations

import json
import subprocess

SANITIZER_MARKS = ("AddressSanitizer", "UndefinedBehaviorSanitizer", "runtime error:")
NOTE = "a connection-rate limit?"


def scan(tlsdoctor, address: str) -> dict:
    proc = subprocess.run([str(tlsdoctor), "scan", address, "--sni", "localhost", "--no-cert",
                           "--timeout", "2", "--json"], capture_output=True, text=True,
                          timeout=300)
    for mark in SANITIZER_MARKS:
        assert mark not in proc.stderr, proc.stderr[-3000:]
    assert proc.returncode in (0, 1, 2), proc.stderr
    return json.loads(proc.stdout)


def test_a_rate_limited_server_is_named_in_the_report(tlsdoctor, peer):
    doc = scan(tlsdoctor, peer("rate_limited", hold=1).address)
    notes = [n for n in doc["notes"] if NOTE in n]
    assert len(notes) == 1, doc["notes"]
    assert "results may be incomplete" in notes[0]
    assert "after answering 20" in notes[0] or "after answering" in notes[0], notes


def test_a_server_that_answers_everything_gets_no_note(tlsdoctor, peer):
    doc = scan(tlsdoctor, peer("clean_tls12_flight", hold=1).address)
    assert not [n for n in doc["notes"] if NOTE in n], doc["notes"]
