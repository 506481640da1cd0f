"""mTLS ground truth under pytest: tests/interop/mtls.py (every mTLS lab scenario x real
client x with/without the lab client certificate, judged by the HTTP status line) must agree
with `tlsdoctor simulate` (and `simulate --cert/--key`) everywhere. Slow (about 3 minutes)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def test_mtls_agreement(tlsdoctor, lab):
    env = dict(os.environ, TLSDOCTOR_LAB_DIR=str(lab.workdir))
    p = subprocess.run([sys.executable, str(HERE / "mtls.py"), "--tlsdoctor", str(tlsdoctor)],
                       capture_output=True, text=True, timeout=900, env=env)
    print(p.stdout[-20000:])
    assert p.returncode == 0, p.stdout[-4000:] + p.stderr[-2000:]
