#!/usr/bin/env python3
"""`tlsdoctor preflight` over many endpoints: wall time, connections per endpoint, peak RSS.

    python3 bench/preflight_bench.py --endpoints 1000 --rtt-ms 50      # the issue's size
    python3 bench/preflight_bench.py --endpoints 120 --rtt-ms 50 --bin build/release/tlsdoctor

It starts every lab scenario's server (tests/lab/scenarios.json), each behind its own
tests/lab/latency_proxy.py (an added round trip, and a count of the connections it
accepted), plus hostile endpoints: quirky peers (stall, reset, garbage, http, slow_drip)
and closed ports. The endpoint list repeats the lab proxies until it holds
--endpoints lines, a --hostile fraction of them dead or hostile, shuffled with --seed.
Then one `tlsdoctor preflight --from F --to T --jsonl` runs over the list and the harness
records: wall time, endpoints per outcome, connections accepted by the lab proxies per
reachable endpoint, peak RSS (wait4 rusage of the tlsdoctor process), and that every
endpoint got exactly one JSON line. One JSON summary goes to stdout; not a timed test.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import random
import resource
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.lab.lab import Lab, load_scenarios  # noqa: E402
from tests.lab.latency_proxy import LatencyProxy  # noqa: E402
from tests.peer.quirky_peer import start_peer  # noqa: E402

HOSTILE_MODES = ["stall", "reset", "garbage", "http", "slow_drip"]


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=str(REPO / "build" / "release" / "tlsdoctor"))
    ap.add_argument("--endpoints", type=int, default=1000)
    ap.add_argument("--hostile", type=float, default=0.05, help="fraction dead or hostile")
    ap.add_argument("--rtt-ms", type=float, default=50.0)
    ap.add_argument("--from", dest="from_", default="go-1.21")
    ap.add_argument("--to", default="go-1.22")
    ap.add_argument("--parallel-targets", type=int, default=16)
    ap.add_argument("--timeout", type=float, default=5.0, help="tlsdoctor's per-probe timeout")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="tlsdoctor-preflight-bench-"))
    lab = Lab(work)
    with contextlib.ExitStack() as stack:
        proxies = []
        for name in sorted(load_scenarios()):
            srv = stack.enter_context(lab.start(name))
            host, port = srv.address.rsplit(":", 1)
            proxies.append((name, stack.enter_context(LatencyProxy(host, int(port), rtt_ms=args.rtt_ms))))
        hostile = [f"127.0.0.1:{closed_port()}"]
        for mode in HOSTILE_MODES:
            peer = stack.enter_context(start_peer(mode, hold=args.timeout * 2))
            hostile.append(f"127.0.0.1:{peer.port}")

        rng = random.Random(args.seed)
        n_hostile = round(args.endpoints * args.hostile)
        targets = [hostile[i % len(hostile)] for i in range(n_hostile)]
        targets += [proxies[i % len(proxies)][1].address for i in range(args.endpoints - n_hostile)]
        rng.shuffle(targets)
        listing = work / "endpoints.txt"
        listing.write_text("\n".join(targets) + "\n")
        for _, px in proxies:
            px.reset()

        argv = [args.bin, "preflight", "--from", args.from_, "--to", args.to, "--targets-file",
                str(listing), "--sni", "localhost", "--ca-file", str(lab.pki.ca), "--timeout",
                str(args.timeout), "--parallel-targets", str(args.parallel_targets), "--jsonl"]
        start = time.monotonic()
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        out, err = proc.communicate()
        wall = time.monotonic() - start
        # communicate() reaped it: the peak RSS of reaped children is RUSAGE_CHILDREN's
        # (the lab servers are still running, so not among them).
        peak_rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        for _, px in proxies:
            px.wait_idle(5)
        accepted = sum(px.stats.accepted for _, px in proxies)

    lines = [json.loads(line) for line in out.splitlines() if line.strip()]
    outcomes = collections.Counter(e["outcome"] for e in lines)
    per_input = collections.Counter(e["input"] for e in lines)
    expected = collections.Counter(targets)
    reachable = sum(1 for t in targets if t not in hostile)
    slowest = max((e["elapsed_ms"] for e in lines), default=0)
    result = {
        "endpoints": len(targets), "distinct_lab_servers": len(proxies),
        "hostile_or_dead": n_hostile, "rtt_ms": args.rtt_ms,
        "change": f"{args.from_} -> {args.to}", "parallel_targets": args.parallel_targets,
        "exit_status": proc.returncode, "wall_s": round(wall, 2),
        "endpoints_per_s": round(len(targets) / wall, 2),
        "outcomes": dict(outcomes),
        "one_line_per_endpoint": per_input == expected,
        "lab_connections": accepted,
        "connections_per_reachable_endpoint": round(accepted / max(reachable, 1), 1),
        "slowest_endpoint_s": round(slowest / 1000, 2),
        "peak_rss_mb": round(peak_rss_mb, 1),
        "binary": args.bin,
        "stderr_tail": err[-500:],
    }
    print(json.dumps(result, indent=2))
    return 0 if result["one_line_per_endpoint"] else 1


if __name__ == "__main__":
    sys.exit(main())
