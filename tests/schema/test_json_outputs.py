"""Every command's --json (and scan's --jsonl) output, from the real binary against real
lab servers, the quirky peer and closed ports, validated against docs/schema/: the
documents a user's tool will parse, in success and in failure."""

from __future__ import annotations

import socket

import pytest

from tests.peer.quirky_peer import MODES
from tests.schema.runner import COMMANDS, run
from tests.schema.schemas import assert_valid

# scenario -> what it adds to the shapes story2 already shows
SCENARIOS = {
    "modern": "nginx, TLS 1.3: groups, signature schemes, ALPN, a TLS 1.3 certificate chain",
    "tls13_p521_only": "a HelloRetryRequest (hello's hello_retry_group)",
    "dhe_2048": "DHE: dh_bits and dh_group, a signed ServerKeyExchange",
    "expired_cert": "a certificate that does not verify (get, simulate, the doctor's hint)",
    "client_cert_required": "clients that fail after the hello",
    "des3_only": "gnutls-serv, a suite Debian's OpenSSL has no name for",
}
STORY2_SCHEMAS = {"explain-batch": "explain-batch-1.json"}


@pytest.fixture(scope="module")
def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_on_story2(story2_runs, name):
    r = story2_runs[name]
    assert r.status in (0, 1), f"{r.argv}: status {r.status}: {r.stderr}"
    assert_valid(r.doc(), STORY2_SCHEMAS.get(name))


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_hello_scan_simulate_doctor_get_on(tlsdoctor, lab, scenario):
    ca = str(lab.pki.ca)
    with lab.start(scenario) as srv:
        port = srv.address.rsplit(":", 1)[1]
        runs = [
            run(tlsdoctor, "hello", srv.address, "--sni", "localhost", "--json"),
            run(tlsdoctor, "hello", srv.address, "--sni", "localhost", "--tls1.3", "--json"),
            run(tlsdoctor, "scan", srv.address, "--sni", "localhost", "--ca-file", ca, "--json"),
            run(tlsdoctor, "simulate", srv.address, "--sni", "localhost", "--ca-file", ca, "--json"),
            run(tlsdoctor, srv.address, "--sni", "localhost", "--ca-file", ca,
                "--client", "go-1.22", "--json"),
            run(tlsdoctor, "get", f"https://localhost:{port}/", "--ip", "127.0.0.1", "--ca-file", ca,
                "--json"),
        ]
    for r in runs:
        assert r.status in (0, 1), f"{r.argv}: status {r.status}: {r.stderr}"
        assert_valid(r.doc())


def test_scan_several_targets_json_and_jsonl(tlsdoctor, lab, story2, closed_port):
    """--json with two targets is the scans/1 envelope; --jsonl is one scan/1 per line,
    the unreachable one included."""
    targets = [story2.address, f"127.0.0.1:{closed_port}"]
    common = ["--sni", "localhost", "--ca-file", str(lab.pki.ca)]
    both = run(tlsdoctor, "scan", *targets, *common, "--json")
    assert both.status == 2
    doc = both.doc()
    assert doc["schema"] == "tlsdoctor.scans/1" and len(doc["results"]) == 2
    assert_valid(doc)
    lines = run(tlsdoctor, "scan", *targets, *common, "--jsonl")
    docs = lines.lines()
    assert len(docs) == 2 and {d["target"] for d in docs} == set(targets)
    for d in docs:
        assert_valid(d)
    one = run(tlsdoctor, "scan", story2.address, *common, "--jsonl").lines()
    assert len(one) == 1
    assert_valid(one[0])


@pytest.mark.parametrize("argv", [
    ["hello", "{target}", "--json"],
    ["scan", "{target}", "--json"],
    ["simulate", "{target}", "--clients", "go-1.22", "--json"],
    ["{target}", "--client", "go-1.22", "--json"],
    ["get", "https://{target}/", "--json"],
    ["hello", "host.invalid:443", "--json"],
], ids=["hello", "scan", "simulate", "doctor", "get", "hello-unresolvable"])
def test_unreachable_target(tlsdoctor, closed_port, argv):
    """Nothing listens: status 2 and still a document, whose error says why."""
    r = run(tlsdoctor, *[a.format(target=f"127.0.0.1:{closed_port}") for a in argv], "--timeout", "2")
    assert r.status == 2, r.stderr
    doc = r.doc()
    assert_valid(doc)
    assert doc["error"]["layer"] == "transport", doc["error"]


@pytest.mark.parametrize("argv", [
    ["scan", "--json"],
    ["simulate", "127.0.0.1:1", "--clients", "no-such-client", "--json"],
    ["127.0.0.1:1", "--client", "no-such-client", "--json"],
    ["get", "ftp://example.invalid/", "--json"],
    ["hello", "127.0.0.1:1", "--ciphers", "no-such-suite", "--json"],
    ["explain", "--json", "--no-such-flag"],
], ids=["scan-no-target", "simulate-unknown-client", "doctor-unknown-client", "get-not-https",
        "hello-unknown-suite", "explain-unknown-flag"])
def test_usage_error_prints_no_document_or_a_valid_one(tlsdoctor, argv):
    """A usage error exits 2 and explains itself on stderr; stdout stays empty (a tool
    reading it sees no half document), or holds a valid one."""
    r = run(tlsdoctor, *argv)
    assert r.status == 2, (r.stdout, r.stderr)
    assert r.stderr.strip()
    if r.stdout.strip():
        assert_valid(r.doc())


def test_failing_clients_on_story(tlsdoctor, lab):
    """The story's server: Go 1.22 fails (no common suite); simulate and the doctor say so
    in their documents, the doctor with its cause, the ruled-out knob and a trap."""
    with lab.start("story") as srv:
        common = [srv.address, "--sni", "localhost", "--ca-file", str(lab.pki.ca)]
        sim = run(tlsdoctor, "simulate", *common, "--clients", "go-1.22,go-1.21,java-17", "--json")
        doctor = run(tlsdoctor, *common, "--client", "go-1.22", "--json")
    assert sim.status == 1 and doctor.status == 1
    assert_valid(sim.doc())
    assert_valid(doctor.doc())
    go = doctor.doc()["clients"][0]
    assert go["ok"] is False and go["cause"]["reason"] == "no_common_suite" and go["ruled_out"]


def test_explain_unrecognised(tlsdoctor):
    r = run(tlsdoctor, "explain", "the printer is on fire", "--json")
    assert r.status == 1
    doc = r.doc()
    assert doc["recognised"] is False
    assert_valid(doc)


@pytest.mark.parametrize("mode", sorted(MODES))
def test_hello_against_the_quirky_peer(tlsdoctor, peer, mode):
    """Every misbehaviour the quirky peer knows: its error is one the schema lists."""
    p = peer(mode)
    r = run(tlsdoctor, "hello", f"127.0.0.1:{p.port}", "--sni", "localhost", "--json",
            "--timeout", "1", timeout=60)
    assert r.status in (0, 1, 2), r.stderr
    assert_valid(r.doc())
