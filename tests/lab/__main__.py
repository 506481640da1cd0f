"""The lab's command line (run from the repository root):

    python3 -m tests.lab list [--json]       the scenarios: name, server software, why
    python3 -m tests.lab serve NAME [--port N]
                                             start one; first stdout line is 127.0.0.1:PORT,
                                             second is the CA file; runs until SIGINT/SIGTERM
    python3 -m tests.lab certs DIR           generate (or reuse) the PKI in DIR, print the CA path

--workdir (default $TLSDOCTOR_LAB_DIR, else <tmp>/tlsdoctor-lab-<uid>) holds the PKI cache,
server logs and nginx configs; certificates are reused across runs.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

from .lab import Lab, LabError, load_scenarios
from .pki import Pki


def default_workdir() -> Path:
    env = os.environ.get("TLSDOCTOR_LAB_DIR")
    if env:
        return Path(env)
    return Path(tempfile.gettempdir()) / f"tlsdoctor-lab-{os.getuid()}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python3 -m tests.lab", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workdir", type=Path, default=None)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p_list = sub.add_parser("list", help="list the scenarios")
    p_list.add_argument("--json", action="store_true")
    p_serve = sub.add_parser("serve", help="run one scenario until killed")
    p_serve.add_argument("name")
    p_serve.add_argument("--port", type=int, default=None)
    p_certs = sub.add_parser("certs", help="generate the lab PKI into DIR")
    p_certs.add_argument("dir", type=Path)
    a = ap.parse_args(argv)

    if a.cmd == "list":
        scs = load_scenarios()
        if a.json:
            print(json.dumps([{k: sc[k] for k in ("name", "software", "why", "settings")}
                              for sc in scs.values()], indent=1))
        else:
            w = max(map(len, scs))
            for sc in scs.values():
                print(f"{sc['name']:<{w}}  {sc['software']:<7}  {sc['why']}")
        return 0

    if a.cmd == "certs":
        print(Pki(a.dir).ensure().ca)
        return 0

    # serve
    stop = False

    def _stop(signum, frame):  # noqa: ARG001
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGHUP, _stop)
    lab = Lab(a.workdir or default_workdir())
    try:
        srv = lab.start(a.name, port=a.port)
    except LabError as e:
        print(e, file=sys.stderr)
        return 2
    with srv:
        print(srv.address, flush=True)
        print(lab.pki.ca, flush=True)
        print(f"lab: {a.name} ({srv.software}) on {srv.address}, CA {lab.pki.ca}, "
              f"log {srv.log}; Ctrl-C to stop", file=sys.stderr, flush=True)
        while not stop:
            if not srv.alive():
                print(f"lab: server exited ({srv.proc.returncode}):\n{srv.log_tail()}",
                      file=sys.stderr)
                return 1
            time.sleep(0.2)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # `... list | head`
        sys.stderr.close()
        sys.exit(0)
