"""The interop suite under pytest: every lab scenario x every installed real client,
compared with `tlsdoctor simulate` (see interop.py for what "agree" means).

One test per scenario: its server starts once, every client connects once (Java: one
JVM for the whole module), simulate runs once for all the mapped profile ids. A test
fails on
  - a harness problem (a client printed nothing usable, a suite name no table knows),
  - a control failure (every client must succeed against `modern`),
  - a disagreement with simulate that known_differences.json does not list.
Without a `simulate` command in the binary each test still runs the real clients and
checks the harness, then skips. The agreement table is printed at the end.

On a developer machine a client that is not installed is left out (listed in the table),
and with no client at all the tests skip. In CI (CI=true) every one of those is a failure
with its reason (`skip_or_fail` in tests/conftest.py): the headline figure cannot pass by
not being measured.
"""

from __future__ import annotations

import pytest

from tests.interop import interop as io
from tests.lab.lab import load_scenarios

SCENARIOS = list(load_scenarios())
CONTROL = "modern"   # the server everyone should pass: proves each client and the lab CA work


class Suite:
    def __init__(self) -> None:
        self.clients: list[io.Client] = []
        self.skipped: list[dict[str, str]] = []
        self.sim_bin = None
        self.sim_why = ""
        self.known: list[dict[str, str]] = []
        self.cells: dict[str, list[io.Cell]] = {}


@pytest.fixture(scope="module")
def suite(request, lab):
    s = Suite()
    s.known = io.load_known()
    s.clients, s.skipped = io.discover()
    try:
        binary = request.getfixturevalue("tlsdoctor")
    except pytest.skip.Exception as e:
        binary, s.sim_why = None, str(e)
    if binary is not None:
        ok, why = io.has_simulate(binary)
        s.sim_bin, s.sim_why = (binary if ok else None), why
    yield s
    for c in s.clients:
        c.close()
    if not s.cells:
        return
    # printed by conftest.py's pytest_terminal_summary, after the test results
    out = io.REPORT
    out.append("clients:")
    for c in s.clients:
        out.append(f"  {c.label:16} {c.name:36} -> {c.profile:34} {c.version}")
    for sk in s.skipped:
        out.append(f"  skipped {sk['client']}: {sk['reason']}")
    out.append(f"simulate: {s.sim_bin if s.sim_bin else 'not available (' + s.sim_why + ')'}")
    out.append(io.table(s.cells, s.clients, compare_mode=s.sim_bin is not None))
    cells = [c for cs in s.cells.values() for c in cs]
    for c in cells:
        if c.status in ("disagree", "error", "known"):
            out.append(f"  {io.MARK[c.status]} {c.scenario} / {c.client} [{c.profile}]: {c.detail}"
                       + (f"  (known: {c.known_reason})" if c.known_reason else ""))
    if s.sim_bin:
        out.append(io.totals_line(io.totals(cells)))
    else:
        out.append(f"real clients only: {len(cells)} runs, {sum(1 for c in cells if c.real.get('ok'))} ok")


def test_every_real_client_is_installed(suite, skip_or_fail):
    """The clients of README.md's table are all here: a missing one shrinks the table."""
    if suite.skipped:
        skip_or_fail("real clients not available: " + "; ".join(
            f"{s['client']}: {s['reason']}" for s in suite.skipped))


def test_known_differences_file():
    known = io.load_known()
    names = set(SCENARIOS) | {"*"}
    assert all(k["scenario"] in names for k in known), [k for k in known if k["scenario"] not in names]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_interop(suite, lab, scenario, skip_or_fail):
    if not suite.clients:
        skip_or_fail("no real client installed: " + "; ".join(f"{s['client']}: {s['reason']}"
                                                              for s in suite.skipped))
    with lab.start(scenario) as srv:
        cells, sim_run = io.run_scenario(scenario, srv.address, srv.host, srv.port, lab.pki.ca,
                                         suite.clients, suite.sim_bin, suite.known)
    suite.cells[scenario] = cells
    cat = io.catalog()

    harness = []
    for c in cells:
        r = c.real
        if not isinstance(r.get("ok"), bool) or str(r.get("error") or "").startswith("harness:"):
            harness.append(f"{c.client}: {r.get('error')}")
        elif r["ok"] and (cat.code(r.get("cipher")) is None or r.get("version") not in io.VERSIONS.values()):
            harness.append(f"{c.client}: ok but version/suite not understood: {r.get('version')} {r.get('cipher')}")
        elif not r["ok"] and not r.get("error"):
            harness.append(f"{c.client}: failed without an error text")
    assert not harness, "harness problems:\n  " + "\n  ".join(harness)

    if scenario == CONTROL:
        failed = [f"{c.client}: {c.real.get('error')}" for c in cells if not c.real.get("ok")]
        assert not failed, f"control scenario {CONTROL}: every client must succeed:\n  " + "\n  ".join(failed)

    if suite.sim_bin is None:
        skip_or_fail(f"simulate not available ({suite.sim_why}); real clients ran (table at the end)")
    bad = [c for c in cells if c.status in ("disagree", "error")]
    assert not bad, (f"{scenario}: simulate disagrees with the real clients "
                     f"(add to tests/interop/known_differences.json only with a real reason):\n  "
                     + "\n  ".join(f"{c.client} [{c.profile}]: {c.detail}\n      real: {c.real}\n      simulate: {c.sim}"
                                   for c in bad)
                     + (f"\n  simulate run: {sim_run.get('error')}" if sim_run and sim_run.get("error") else ""))
