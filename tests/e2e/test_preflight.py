"""`tlsdoctor preflight` on the lab: for every scenario and every upgrade step
(Go, Java, Python, OpenSSL, Node), preflight's verdicts equal the live
doctor's verdicts for the two clients; the story servers; dead endpoints;
--from-env; --jsonl lines; usage errors."""

from __future__ import annotations

import json
import subprocess
import pytest

from tests.lab.lab import load_scenarios
from tests.schema.schemas import assert_valid, have_jsonschema

STEPS = [("go-1.21", "go-1.22"), ("java-21", "java-25"), ("python-3.11", "python-3.13"),
         ("openssl-3.0", "openssl-3.5"), ("node-20", "node-24")]
SCENARIOS = sorted(load_scenarios())


def run(tlsdoctor, *argv, timeout=1800):
    proc = subprocess.run([str(tlsdoctor), *argv], capture_output=True, text=True,
                          timeout=timeout, env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"})
    for mark in ("AddressSanitizer", "UndefinedBehaviorSanitizer", "runtime error:"):
        assert mark not in proc.stderr, proc.stderr
    return proc


@pytest.fixture(scope="module")
def fleet(lab, tlsdoctor):
    """Every scenario's server at once, and the preflight of each step over all of them."""
    servers = {name: lab.start(name) for name in SCENARIOS}
    try:
        address = {name: srv.address for name, srv in servers.items()}
        by_target = {a: n for n, a in address.items()}
        preflights = {}
        for old, new in STEPS:
            proc = run(tlsdoctor, "preflight", "--from", old, "--to", new, "--sni",
                       "localhost", "--ca-file", str(lab.pki.ca), "--json", *address.values())
            assert proc.returncode in (0, 1), proc.stderr
            doc = json.loads(proc.stdout)
            assert doc["schema"] == "tlsdoctor.preflight/1"
            preflights[(old, new)] = {by_target[e["input"]]: e for e in doc["endpoints"]}
            assert proc.returncode == (1 if doc["summary"]["breaks"] else 0)
        yield address, preflights
    finally:
        for srv in servers.values():
            srv.stop()


def outcome_of(before_ok, after_ok):
    if before_ok and after_ok:
        return "unchanged_ok"
    if before_ok:
        return "breaks"
    return "starts_working" if after_ok else "unchanged_failing"


def essentials(verdict):
    """What preflight must agree with the doctor on, for one client."""
    out = {"client": verdict["client"], "ok": verdict["ok"]}
    if not verdict["ok"]:
        out["reason"] = verdict["cause"]["reason"]
        out["fixes"] = [f["title"] for f in verdict["fixes"]]
        out["traps"] = verdict["traps"]
    return out


@pytest.mark.parametrize("name", SCENARIOS)
def test_preflight_equals_the_live_doctor(tlsdoctor, lab, fleet, name):
    address, preflights = fleet
    clients = ",".join(c for step in STEPS for c in step)
    proc = run(tlsdoctor, address[name], "--sni", "localhost", "--ca-file", str(lab.pki.ca),
               "--client", clients, "--json")
    assert proc.returncode in (0, 1), proc.stderr
    doctor = {c["client"]: c for c in json.loads(proc.stdout)["clients"]}
    for old, new in STEPS:
        e = preflights[(old, new)][name]
        assert e["schema"] == "tlsdoctor.preflight_endpoint/1"
        assert e["error"] is None, e["error"]
        assert essentials(e["from"]) == essentials(doctor[old]), (name, old)
        assert essentials(e["to"]) == essentials(doctor[new]), (name, new)
        assert e["outcome"] == outcome_of(doctor[old]["ok"], doctor[new]["ok"]), (name, old, new)
        if e["outcome"] == "breaks":
            assert e["to"]["cause"]["title"], (name, new)
            assert all(f["verified"] for f in e["to"]["fixes"])


def test_story2_breaks_for_go_1_22_with_a_verified_fix(fleet):
    _, preflights = fleet
    e = preflights[("go-1.21", "go-1.22")]["story2"]
    assert e["outcome"] == "breaks"
    assert e["to"]["cause"]["reason"] == "no_common_suite"
    assert e["to"]["fixes"][0]["kind"] == "pin_suite" and e["to"]["fixes"][0]["verified"]
    change = next(c for c in e["to"]["changes"] if c["knob"] == "GODEBUG=tlsrsakex=1")
    assert change["confirmed"] is True
    assert [f["id"] for f in e["server_fixes"]] == ["modern_tls"]


def test_story_fails_before_and_after_with_the_trap(fleet):
    # The story's server (0x003d only) never worked with any Go: not a break,
    # but the trap and the server fix are there.
    _, preflights = fleet
    e = preflights[("go-1.21", "go-1.22")]["story"]
    assert e["outcome"] == "unchanged_failing"
    assert any("never implemented any suite this server accepts" in t for t in e["to"]["traps"])
    assert [f["id"] for f in e["server_fixes"]] == ["modern_tls"]


def test_text_targets_file_and_dead_endpoint(tlsdoctor, lab, tmp_path):
    with lab.start("story2") as srv, lab.start("modern") as ok:
        listing = tmp_path / "endpoints.txt"
        listing.write_text(f"# partners\n{srv.address}\n\n{ok.address}  # fine\n127.0.0.1:1\n")
        proc = run(tlsdoctor, "preflight", "--from", "go-1.21", "--to", "go-1.22",
                   "--targets-file", str(listing), "--sni", "localhost", "--ca-file",
                   str(lab.pki.ca), "--timeout", "2", "--server", "nginx")
    assert proc.returncode == 1, proc.stderr
    out = proc.stdout
    assert "tlsdoctor preflight go-1.21 -> go-1.22" in out
    assert f"BREAKS       {srv.address}  go-1.21 connects" in out
    assert f"ok           {ok.address}  both connect" in out
    assert "unreachable  127.0.0.1:1" in out
    assert "server fix:" in out and "nginx" in out and "HAProxy" not in out
    assert "summary: 1 of 3 endpoints breaks; 1 unchanged ok" in out


def test_jsonl_one_line_per_endpoint(tlsdoctor, lab):
    with lab.start("modern") as ok:
        proc = run(tlsdoctor, "preflight", "--from", "python-3.11", "--to", "python-3.13",
                   ok.address, "127.0.0.1:1", "--sni", "localhost", "--ca-file", str(lab.pki.ca),
                   "--timeout", "2", "--jsonl")
    # Nothing breaks, but an endpoint could not be examined.
    assert proc.returncode == 2, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert sorted(e["outcome"] for e in lines) == ["unchanged_ok", "unreachable"]
    assert all(e["schema"] == "tlsdoctor.preflight_endpoint/1" for e in lines)
    if have_jsonschema():
        for e in lines:
            assert_valid(e)
    dead = next(e for e in lines if e["outcome"] == "unreachable")
    assert dead["error"]["layer"] == "transport" and dead["from"] is None


def test_from_env_reads_the_module_onto_the_new_toolchain(tlsdoctor, lab, tmp_path):
    # go 1.21 in go.mod keeps tlsrsakex=1 on Go 1.22: story2 does not break.
    (tmp_path / "go.mod").write_text("module example.com/app\n\ngo 1.21\n")
    with lab.start("story2") as srv:
        proc = run(tlsdoctor, "preflight", "--from-env", str(tmp_path), "--to", "go-1.22",
                   srv.address, "--sni", "localhost", "--ca-file", str(lab.pki.ca), "--json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["to"] == "go-1.22+GODEBUG=tlsrsakex=1"
    assert doc["endpoints"][0]["outcome"] == "unchanged_ok"
    assert any(n.startswith("to: toolchain go1.22") for n in doc["notes"])


def test_usage_errors(tlsdoctor):
    for argv in (["--from", "go-1.21", "127.0.0.1:1"],                      # no --to
                 ["--from", "go-1.21", "--to", "go-0.1", "127.0.0.1:1"],    # unknown profile
                 ["--from", "go-1.22", "--to", "go-1.22", "127.0.0.1:1"],   # nothing changes
                 ["--to", "go-1.22", "127.0.0.1:1"],                        # no --from
                 ["--from", "go-1.21", "--from-env", ".", "--to", "go-1.22", "x"],
                 ["--from", "go-1.21", "--to", "go-1.22"],                  # no target
                 ["--from", "go-1.21", "--to", "go-1.22", "--shard", "4/4", "x"],
                 ["--from", "go-1.21", "--to", "go-1.22", "--targets-file", "/nonexistent"]):
        proc = run(tlsdoctor, "preflight", *argv, timeout=60)
        assert proc.returncode == 2, (argv, proc.stdout)
        assert proc.stderr


def test_dead_and_hostile_endpoints_get_one_line_each_in_bounded_time(tlsdoctor, peer):
    import time
    modes = ["stall", "garbage", "http", "reset", "close_immediately", "serverhello_then_close"]
    targets = [f"127.0.0.1:{peer(m).port}" for m in modes] + ["127.0.0.1:1"]
    start = time.monotonic()
    proc = run(tlsdoctor, "preflight", "--from", "go-1.21", "--to", "go-1.22", *targets,
               "--sni", "localhost", "--timeout", "1", "--parallel-targets", "7", "--jsonl",
               timeout=300)
    assert proc.returncode in (1, 2), proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert sorted(e["input"] for e in lines) == sorted(targets)
    for e in lines:
        # Either nothing could be examined, or both clients were judged.
        assert (e["outcome"] == "unreachable") == (e["error"] is not None), e
    assert time.monotonic() - start < 120
