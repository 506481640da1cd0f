"""A fleet scan (`scan --targets-file - --jsonl`) over 200 loopback targets: a real lab
server repeated, mixed with dead ports and hostile quirky peers (stalls, garbage, resets,
close-without-answer, broken flights). Exactly one JSON line per target, in bounded
time, with no sanitizer report: one bad target never ends or hides the others."""

from __future__ import annotations

import collections
import json
import socket
import subprocess
import time

SANITIZER_MARKS = ("AddressSanitizer", "UndefinedBehaviorSanitizer", "runtime error:")
HOSTILE = ("stall", "garbage", "reset", "close_immediately", "http", "alert_close",
           "unoffered_cipher", "compressed_server_hello", "endless_alerts", "slow_drip")
TARGETS = 200
BOUND_S = 300  # ASan on 2 shared cores; a release build takes a fraction of it


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_two_hundred_targets_one_line_each(lab, peer, tlsdoctor):
    with lab.start("modern") as good:
        hostile = [peer(mode, hold=5).address for mode in HOSTILE]
        dead = [f"127.0.0.1:{closed_port()}" for _ in range(5)]
        bad = hostile + dead
        targets = []
        for i in range(TARGETS):  # every third target is a bad one
            targets.append(bad[(i // 3) % len(bad)] if i % 3 == 2 else good.address)
        start = time.monotonic()
        proc = subprocess.run(
            [str(tlsdoctor), "scan", "--jsonl", "--sni", "localhost", "--no-cert",
             "--timeout", "1", "--targets-file", "-"],
            input="# fleet\n" + "\n".join(targets) + "\n", capture_output=True, text=True,
            timeout=BOUND_S + 60)
        took = time.monotonic() - start
    for mark in SANITIZER_MARKS:
        assert mark not in proc.stderr, proc.stderr[-3000:]
    assert proc.returncode == 2, proc.stderr[-2000:]  # some targets could not be scanned
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(lines) == TARGETS, (len(lines), proc.stderr[-2000:])
    assert collections.Counter(d["target"] for d in lines) == collections.Counter(targets)
    good_lines = [d for d in lines if d["target"] == good.address]
    assert all(d["error"] is None and any(v["supported"] for v in d["versions"])
               for d in good_lines), [d["error"] for d in good_lines if d["error"]][:3]
    for d in lines:
        if d["target"] in dead:
            assert d["error"]["code"] == "refused", d["error"]
    assert took < BOUND_S, took
