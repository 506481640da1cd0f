"""--shard I/N: N local processes over one target list, each given the list in
its own order, cover every target exactly once, and their JSON lines
concatenate into one valid stream."""

from __future__ import annotations

import json
import random
import socket
import subprocess

import pytest


def closed_ports(n: int) -> list[int]:
    """Loopback ports nothing listens on (bound together, then released)."""
    socks = [socket.socket() for _ in range(n)]
    try:
        for s in socks:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


@pytest.mark.parametrize("shards", [1, 3])
def test_shards_cover_every_target_exactly_once(tlsdoctor, lab, tmp_path, shards):
    with lab.start("modern") as live:
        targets = [live.address] + [f"127.0.0.1:{p}" for p in closed_ports(11)]
        procs = []
        for i in range(shards):
            order = targets[:]
            random.Random(i).shuffle(order)  # each shard reads the list in another order
            listing = tmp_path / f"targets-{i}.txt"
            listing.write_text("# one list, shuffled\n" + "\n".join(order) + "\n")
            procs.append(subprocess.Popen(
                [str(tlsdoctor), "scan", "--targets-file", str(listing), "--shard", f"{i}/{shards}",
                 "--sni", "localhost", "--ca-file", str(lab.pki.ca), "--no-cert", "--only",
                 "groups", "--timeout", "1", "--jsonl"],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
        outputs = [p.communicate(timeout=300) for p in procs]
    concatenated = "".join(out for out, _ in outputs)
    docs = [json.loads(line) for line in concatenated.splitlines()]
    seen = sorted(d["target"] for d in docs)
    assert seen == sorted(targets), outputs
    assert all(d["schema"] == "tlsdoctor.scan/1" for d in docs)
    if shards > 1:
        assert sum(1 for out, _ in outputs if out.strip()) > 1, "one shard took everything"


def test_a_bad_shard_is_a_usage_error(tlsdoctor):
    for shard in ("3/3", "x/2", "1/0", "2"):
        proc = subprocess.run([str(tlsdoctor), "scan", "127.0.0.1:1", "--shard", shard],
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == 2 and "--shard" in proc.stderr, (shard, proc.stderr)
        assert proc.stdout == ""
