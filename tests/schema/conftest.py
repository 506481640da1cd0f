"""Fixtures of the schema tests: the jsonschema module (a missing one skips on a
developer machine and fails in CI), and the story2 scenario's outputs of every command,
shared by the validation and the golden tests."""

from __future__ import annotations

import sys

import pytest

from tests.schema.runner import Run, run, story2_commands
from tests.schema.schemas import have_jsonschema


@pytest.fixture(autouse=True)
def _jsonschema(skip_or_fail) -> None:
    if not have_jsonschema():
        skip_or_fail(f"the jsonschema module is not importable by {sys.executable} "
                     f"(Debian package python3-jsonschema; scripts/setup.sh --with-tests)")


@pytest.fixture(scope="session")
def story2(lab):
    with lab.start("story2") as srv:
        yield srv


@pytest.fixture(scope="session")
def story2_runs(tlsdoctor, lab, story2) -> dict[str, Run]:
    """Every command of story2_commands, run once per session."""
    return {name: run(tlsdoctor, *argv, stdin=stdin)
            for name, (argv, stdin) in story2_commands(story2, str(lab.pki.ca)).items()}
