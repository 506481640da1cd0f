"""The one rule for tests that cannot run here (tests/conftest.py): skip on a developer
machine, fail with the reason in CI, so CI can never pass by skipping."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("ci", [None, "", "0", "false"])
def test_skips_on_a_developer_machine(skip_or_fail, monkeypatch, ci):
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.skip.Exception, match="no widget installed"):
        skip_or_fail("no widget installed")


@pytest.mark.parametrize("ci", ["true", "1", "TRUE"])
def test_fails_with_its_reason_in_ci(skip_or_fail, monkeypatch, ci):
    monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.fail.Exception, match="no widget installed.*CI=true"):
        skip_or_fail("no widget installed")


def test_fail_wins_anywhere(skip_or_fail, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.fail.Exception, match="binary not built"):
        skip_or_fail("binary not built", fail=True)
