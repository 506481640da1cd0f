"""Flights that are real up to one fault (tests/peer/flight_modes.py): `simulate` must
say the clients that check the fault fail, with reason protocol_error and the fault in
its detail, never "connects"; and the real clients (openssl s_client, Python, GnuTLS,
Node, Go, Java through the interop harness) are the ground truth: each fails too, and
on the fault itself, not at the end of the handshake.

Every client trusts the peer's certificate (peer_keys.ca_file()), so nothing but the
fault can stop it; the control mode `clean_tls12_flight` (no fault) shows that: the
simulation connects there, and the real clients only fail at the end (the peer never
finishes a handshake)."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from tests.interop import interop
from tests.peer import peer_keys

SANITIZER_MARKS = ("AddressSanitizer", "UndefinedBehaviorSanitizer", "runtime error:")

# mode -> (what the simulation's detail says, which clients meet the fault)
#   "all": every client; "tls13": those that offer TLS 1.3; "dhe": those that offer DHE
#   (the others are refused with handshake_failure: no_common_suite).
FAULTS = {
    "compressed_server_hello": ("compression method 1", "all"),
    "downgrade_sentinel": ("downgrade sentinel", "tls13"),
    "unsolicited_extension": ("which the client did not send", "policy"),
    "tls13_bad_key_share": ("sent no key share for", "tls13"),
    "tls13_session_id_not_echoed": ("does not echo the client's legacy_session_id", "tls13"),
    "bad_ske_signature": ("signature does not verify with the certificate's key", "all"),
    "dh_even_prime": ("DH prime is even", "dhe"),
    "dh_public_one": ("outside 1 < Ys < p-1", "dhe"),
    "oversized_plaintext_record": ("plaintext record, over the 2^14-byte limit", "all"),
}
# A real client that stopped at the end of the handshake, not on a fault in the flight.
CONTRADICTED = "but a real OpenSSL handshake at TLSv1."
AT_THE_END = re.compile(r"eof|closed|reset|timed? ?out|broken pipe|connection lost|"
                        r"Remote host terminated|end of file|ECONNRESET|socket hang up|"
                        r"non-properly terminated",
                        re.I)


def simulate(tlsdoctor, address: str, clients: str | None = None) -> dict:
    argv = [str(tlsdoctor), "simulate", address, "--sni", "localhost", "--ca-file",
            str(peer_keys.ca_file()), "--json", "--timeout", "3"]
    if clients:
        argv += ["--clients", clients]
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=180)
    for mark in SANITIZER_MARKS:
        assert mark not in proc.stderr, proc.stderr
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.parametrize("mode", list(FAULTS))
def test_simulate_names_the_fault(tlsdoctor, peer, mode):
    says, who = FAULTS[mode]
    report = simulate(tlsdoctor, peer(mode, hold=3).address)
    results = report["results"]
    # Stacks seen going on past this fault (their profiles say so: policy check_*) are
    # predicted to connect by the flight checks, and then contradicted by the real
    # OpenSSL handshake (confirm.cc): this peer never finishes a handshake.
    goes_on = {"tls13_session_id_not_echoed": ("java-",), "dh_even_prime": ("java-", "gnutls-")}
    assert results and not any(r["ok"] for r in results), results
    hit = [r for r in results if r["reason"] == "protocol_error"]
    assert hit, results
    for r in hit:
        if r["client"].startswith(goes_on.get(mode, ("-",))):
            assert CONTRADICTED in r["detail"], r
        else:
            assert says in r["detail"], r
    others = {r["reason"] for r in results if r["reason"] != "protocol_error"}
    if who == "dhe":
        assert others <= {"no_common_suite"}, results
    else:
        assert not others, results


def test_the_control_flight_passes_the_flight_checks_and_is_contradicted(tlsdoctor, peer):
    """No flight check fires on the control; only the real handshake that confirms the
    prediction shows that the server never finishes: never "every client connects"."""
    report = simulate(tlsdoctor, peer("clean_tls12_flight", hold=3).address)
    results = report["results"]
    assert results and not any(r["ok"] for r in results), results
    assert all(r["reason"] == "protocol_error" and CONTRADICTED in r["detail"]
               for r in results), results


@pytest.fixture(scope="module")
def real_clients(skip_or_fail):
    clients, missing = [], []
    for factory in (interop.openssl_client, interop.python_client, interop.gnutls_client,
                    interop.node_client, interop.java_client):
        client, why = factory()
        (clients.append(client) if client else missing.append(why))
    go, go_missing = interop.go_clients()
    clients += [c for c in go if c.name == "go-toolchain"]
    missing += [m["reason"] for m in go_missing]
    if missing:
        skip_or_fail("real clients missing: " + "; ".join(missing))
    yield clients
    for c in clients:
        c.close()


@pytest.mark.parametrize("mode", ["clean_tls12_flight", *FAULTS])
def test_real_clients_agree(tlsdoctor, peer, real_clients, mode):
    p = peer(mode, hold=2)
    ids = ",".join(c.profile for c in real_clients)
    predicted = {r["client"]: r for r in simulate(tlsdoctor, p.address, ids)["results"]}
    disagreements = []
    for client in real_clients:
        truth = client.run(p.host, p.port, peer_keys.ca_file())
        guess = predicted[client.profile]
        error = truth.get("error") or ""
        assert not truth["ok"], f"{client.name} finished a handshake with the quirky peer?"
        if guess["ok"]:
            disagreements.append(f"{client.name}: predicted ok (the peer never finishes)")
        elif CONTRADICTED in guess["detail"]:
            # the flight checks passed it: the real client got through the whole flight
            if not AT_THE_END.search(error):
                disagreements.append(f"{client.name}: passed the flight checks, but failed on "
                                     f"the flight: {error}")
        elif guess["reason"] == "protocol_error":
            if AT_THE_END.search(error):
                disagreements.append(f"{client.name}: predicted {guess['detail']!r}, "
                                     f"but it went through the flight: {error}")
    assert not disagreements, "\n".join(disagreements)


@pytest.mark.parametrize("mode", ["compressed_server_hello", "bad_ske_signature",
                                  "tls13_session_id_not_echoed"])
def test_the_doctor_blames_the_server(tlsdoctor, peer, mode):
    """The doctor names the broken handshake as the cause, with the fault as evidence, and
    the server fix (rendered for every software), never a client workaround."""
    says, _ = FAULTS[mode]
    p = peer(mode, hold=3)
    proc = subprocess.run([str(tlsdoctor), p.address, "--client", "go-1.22,python-3.11",
                           "--sni", "localhost", "--ca-file", str(peer_keys.ca_file()),
                           "--timeout", "3", "--json"], capture_output=True, text=True, timeout=300)
    for mark in SANITIZER_MARKS:
        assert mark not in proc.stderr, proc.stderr
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    failed = [v for v in doc["clients"] if not v["ok"]]
    assert len(failed) == 2, doc["clients"]
    for v in failed:
        cause = v["cause"]
        assert cause["reason"] == "protocol_error", cause
        assert cause["summary"].startswith("the server's handshake is broken: "), cause
        assert says in cause["summary"], cause
        assert not [f for f in v.get("fixes", []) if f.get("verified")], v
    fixes = [f for f in doc["server_fixes"] if f["id"] == "broken_handshake"]
    assert len(fixes) == 1, doc["server_fixes"]
    assert set(fixes[0]["render"]) == {"nginx", "apache", "haproxy", "openssl", "java", "iis"}
    assert "localhost" in fixes[0]["render"]["nginx"]  # {host} filled in
