"""Prints the interop agreement table (collected by test_interop.py) after the results."""

from __future__ import annotations


def pytest_terminal_summary(terminalreporter):
    from tests.interop.interop import REPORT

    if REPORT:
        terminalreporter.write_sep("=", "interop: real clients vs tlsdoctor simulate")
        for line in REPORT:
            terminalreporter.write_line(line)
