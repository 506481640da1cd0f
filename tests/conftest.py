"""Shared pytest fixtures for tlsdoctor's Python-driven tests.

    lab        session-scoped tests.lab.Lab: PKI generated once (cached in
               $TLSDOCTOR_LAB_DIR if set, else in pytest's temp dir); lab.start(name)
    peer       factory: peer("stall", hold=5) starts a quirky peer, stopped after the test
    tlsdoctor  path of the built binary ($TLSDOCTOR_BIN, default build/debug/tlsdoctor);
               tests that use it are skipped while it does not exist
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from tests.lab.lab import Lab  # noqa: E402
from tests.peer.quirky_peer import start_peer  # noqa: E402


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory):
    env = os.environ.get("TLSDOCTOR_LAB_DIR")
    workdir = Path(env) if env else tmp_path_factory.mktemp("lab")
    the_lab = Lab(workdir)
    yield the_lab
    the_lab.stop_all()


@pytest.fixture
def peer():
    started = []

    def factory(mode: str, **kw):
        cm = start_peer(mode, **kw)
        p = cm.__enter__()
        started.append(cm)
        return p

    yield factory
    for cm in reversed(started):
        cm.__exit__(None, None, None)


@pytest.fixture(scope="session")
def tlsdoctor() -> Path:
    path = Path(os.environ.get("TLSDOCTOR_BIN", REPO_ROOT / "build" / "debug" / "tlsdoctor"))
    if not path.is_absolute():
        path = REPO_ROOT / path
    if not (path.is_file() and os.access(path, os.X_OK)):
        # In CI a missing binary is a broken build, never a reason to skip.
        if os.environ.get("CI") or os.environ.get("TLSDOCTOR_BIN"):
            pytest.fail(f"tlsdoctor binary not built: {path}")
        pytest.skip(f"tlsdoctor binary not built: {path} (set TLSDOCTOR_BIN)")
    return path
