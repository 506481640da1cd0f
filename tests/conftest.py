"""Shared pytest fixtures for tlsdoctor's Python-driven tests.

    lab        session-scoped tests.lab.Lab: PKI generated once (cached in
               $TLSDOCTOR_LAB_DIR if set, else in pytest's temp dir); lab.start(name)
    peer       factory: peer("stall", hold=5) starts a quirky peer, stopped after the test
    tlsdoctor  path of the built binary ($TLSDOCTOR_BIN, default build/debug/tlsdoctor);
               tests that use it are skipped while it does not exist (failed in CI)

and the one rule for a test that cannot run here (a real client, the Go toolchain, a
lab server's software, the binary is missing): `skip_or_fail(reason)` skips on a
developer machine and fails with the reason when CI is set (CI=true), so CI can never
pass by skipping. Tests and fixtures reach it as the `skip_or_fail` fixture.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from tests.lab.lab import Lab  # noqa: E402
from tests.peer.quirky_peer import start_peer  # noqa: E402


def in_ci() -> bool:
    """CI sets CI=true; an empty value, 0 or false mean a developer machine."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def skip_or_fail(reason: str, *, fail: bool = False) -> NoReturn:
    """This test cannot run here because `reason`. A developer machine may lack a real
    client or a toolchain: skip. In CI (or with `fail=True`) that is a broken setup, and a
    suite that skips is a suite that was not run: fail, with the reason."""
    if fail or in_ci():
        pytest.fail(f"{reason} (CI=true: a missing requirement is a failure, never a skip)",
                    pytrace=False)
    pytest.skip(reason)


@pytest.fixture(name="skip_or_fail", scope="session")
def skip_or_fail_fixture():
    return skip_or_fail


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
        # An explicit $TLSDOCTOR_BIN that is not there is a mistake, never a reason to skip.
        skip_or_fail(f"tlsdoctor binary not built: {path} (set TLSDOCTOR_BIN)",
                     fail=bool(os.environ.get("TLSDOCTOR_BIN")))
    return path
