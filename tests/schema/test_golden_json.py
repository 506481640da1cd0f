"""One golden JSON per command on the story2 scenario (tests/golden/json/): the whole
document, volatile fields normalised (golden.py), compared exactly. A field that changes,
appears or goes away is a change of a published format: regenerate with
scripts/regen-golden-json.sh only when it is meant, and review the diff."""

from __future__ import annotations

import pytest

from tests.schema import golden
from tests.schema.runner import COMMANDS


@pytest.mark.parametrize("name", COMMANDS)
def test_golden(story2_runs, name):
    r = story2_runs[name]
    assert r.status in (0, 1), f"{r.argv}: status {r.status}: {r.stderr}"
    golden.check(name, r.doc())
