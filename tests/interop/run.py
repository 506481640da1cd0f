"""The interop suite from the command line: every lab scenario x every installed real
client, compared with `tlsdoctor simulate` for the matching client profiles.

    python3 tests/interop/run.py                      # all scenarios, all clients
    python3 tests/interop/run.py -s story,modern -c go,python
    python3 tests/interop/run.py --real-only          # the real clients only (no simulate)
    python3 tests/interop/run.py --outcomes           # also one line per scenario x client

Prints the agreement table (✓ agree, ✗ disagree, ~ known difference, ! error,
? no profile for that client; after the mark: what the real client did, ok or --) and
"agreement N/M = x%"; writes build/interop/results.json. Exit status: 0 when nothing
disagrees outside known_differences.json, 1 otherwise, 2 on a usage error.

The tlsdoctor binary: --tlsdoctor, else $TLSDOCTOR_BIN, else build/release/tlsdoctor,
else build/debug/tlsdoctor. Without a `simulate` command only the real clients run.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from tests.interop import interop as io  # noqa: E402
from tests.lab.lab import Lab, LabError  # noqa: E402


def default_binary() -> Path | None:
    env = os.environ.get("TLSDOCTOR_BIN")
    if env:
        p = Path(env)
        return p if p.is_absolute() else REPO_ROOT / p
    for p in (REPO_ROOT / "build" / "release" / "tlsdoctor", REPO_ROOT / "build" / "debug" / "tlsdoctor"):
        if p.is_file():
            return p
    return None


def default_workdir() -> Path:
    env = os.environ.get("TLSDOCTOR_LAB_DIR")
    return Path(env) if env else Path(tempfile.gettempdir()) / f"tlsdoctor-lab-{os.getuid()}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-s", "--scenarios", help="comma-separated scenario names (default: all)")
    ap.add_argument("-c", "--clients", help="comma-separated client names or prefixes "
                    "(go, go-mod1.22, go-toolchain, python, node, java, curl, openssl, gnutls)")
    ap.add_argument("--tlsdoctor", type=Path, default=None, help="the tlsdoctor binary")
    ap.add_argument("--real-only", action="store_true", help="do not run simulate")
    ap.add_argument("--outcomes", action="store_true", help="print every real outcome and comparison")
    ap.add_argument("--workdir", type=Path, default=None, help="lab workdir (PKI cache, logs)")
    ap.add_argument("--out", type=Path, default=io.BUILD_DIR / "results.json")
    args = ap.parse_args(argv)

    t_start = time.monotonic()
    lab = Lab(args.workdir or default_workdir())
    names = lab.names()
    if args.scenarios:
        want = [s.strip() for s in args.scenarios.split(",") if s.strip()]
        unknown = [s for s in want if s not in names]
        if unknown:
            print(f"unknown scenario(s): {', '.join(unknown)}", file=sys.stderr)
            return 2
        names = want

    known = io.load_known()
    t0 = time.monotonic()
    clients, skipped = io.discover(args.clients.split(",") if args.clients else None)
    t_discover = time.monotonic() - t0
    if not clients:
        print("no client available: " + "; ".join(f"{s['client']}: {s['reason']}" for s in skipped),
              file=sys.stderr)
        return 2

    binary = None if args.real_only else (args.tlsdoctor or default_binary())
    sim_ok, sim_why = (False, "--real-only") if args.real_only else io.has_simulate(binary)
    sim_bin = binary if sim_ok else None

    print(f"clients ({len(clients)}):")
    for c in clients:
        print(f"  {c.label:16} {c.name:36} -> {c.profile:34} {c.version}")
    for s in skipped:
        print(f"  skipped {s['client']}: {s['reason']}")
    print(f"simulate: {'yes, ' + str(sim_bin) if sim_bin else 'no (' + sim_why + ')'}")
    print(f"scenarios: {len(names)}  (lab {lab.workdir})", flush=True)

    cells_by: dict[str, list[io.Cell]] = {}
    sims: dict[str, object] = {}
    per_scenario: dict[str, float] = {}
    per_client: dict[str, float] = {c.name: 0.0 for c in clients}
    try:
        for name in names:
            t0 = time.monotonic()
            try:
                with lab.start(name) as srv:
                    cells, sim = io.run_scenario(name, srv.address, srv.host, srv.port, lab.pki.ca,
                                                 clients, sim_bin, known)
            except LabError as e:
                print(f"{name}: lab server did not start: {e}", file=sys.stderr)
                continue
            cells_by[name] = cells
            sims[name] = sim
            per_scenario[name] = round(time.monotonic() - t0, 2)
            for cell in cells:
                per_client[cell.client] += cell.real.get("seconds", 0.0)
            print(f"  {name:24} {per_scenario[name]:5.2f}s  "
                  + " ".join(io.real_mark(c.real) for c in cells), flush=True)
    finally:
        for c in clients:
            c.close()

    all_cells = [c for cells in cells_by.values() for c in cells]
    t = io.totals(all_cells)
    print()
    print(io.table(cells_by, clients, compare_mode=sim_bin is not None))
    print()
    legend = "  ".join(f"{c.label}={c.name}" for c in clients)
    print(f"columns: {legend}")
    if args.outcomes or sim_bin is None:
        print()
        print("\n".join(io.outcome_lines(cells_by)))
    bad = [c for c in all_cells if c.status in ("disagree", "error")]
    if bad:
        print("\ndisagreements (not in known_differences.json):")
        for c in bad:
            print(f"  {c.scenario} / {c.client} [{c.profile}]: {c.status}: {c.detail}")
    stale = [k for k in known if not any(c.status == "known" and c.known_reason == k["reason"]
                                         for c in all_cells)]
    if sim_bin is not None and stale:
        print("\nknown differences that did not occur (stale?):")
        for k in stale:
            print(f"  {k['scenario']} / {k['client']}: {k['reason']}")
    total_s = round(time.monotonic() - t_start, 2)
    print()
    print(io.totals_line(t) if sim_bin else f"real clients only: {len(all_cells)} runs, "
          f"{sum(1 for c in all_cells if c.real.get('ok'))} ok")
    print(f"time: {total_s}s total, discovery/build {t_discover:.1f}s; per client: "
          + ", ".join(f"{c.label} {per_client[c.name]:.1f}s" for c in clients))

    doc = {
        "schema": "tlsdoctor.interop/1",
        "generated": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": {"cpu_aes_gcm": io.cpu_has_aes(), "nproc": os.cpu_count()},
        "simulate": {"binary": str(binary) if binary else None, "available": sim_bin is not None,
                     "why": sim_why},
        "clients": [{"name": c.name, "profile": c.profile, "version": c.version, "label": c.label,
                     "note": c.note} for c in clients],
        "skipped_clients": skipped,
        "known_differences": known,
        "totals": t,
        "timing": {"total_s": total_s, "discover_s": round(t_discover, 2), "per_scenario_s": per_scenario,
                   "per_client_s": {k: round(v, 2) for k, v in per_client.items()}},
        "scenarios": {name: {"why": lab.spec(name)["why"], "software": lab.spec(name)["software"],
                             "simulate": sims.get(name),
                             "cells": [c.to_json() for c in cells]}
                      for name, cells in cells_by.items()},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
    print(f"results: {args.out}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
