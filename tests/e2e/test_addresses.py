"""Every address of a name: one name (--resolve, as curl's flag) with two loopback
addresses, 127.0.0.2 and 127.0.0.3, served by real openssl s_server processes with
different configurations on the same port. scan --all-addresses and the doctor say how
they differ; --ip still pins one; alike addresses say nothing."""

from __future__ import annotations

import json
import subprocess

import pytest


def run(tlsdoctor, *argv, timeout=240):
    return subprocess.run([str(tlsdoctor), *argv], capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture(scope="module")
def two_backends(lab):
    # story2: TLS 1.2, RSA key exchange only (the stale backend); modern: TLS 1.2 + 1.3, ECDHE
    with lab.start("story2", host="127.0.0.2") as stale:
        with lab.start("modern", host="127.0.0.3", port=stale.port) as fresh:
            yield stale.port, fresh


def resolve(port):
    return f"lab.example:{port}:127.0.0.2,127.0.0.3"


def test_scan_all_addresses_reports_the_differences(tlsdoctor, two_backends):
    port, _ = two_backends
    proc = run(tlsdoctor, "scan", f"lab.example:{port}", "--all-addresses", "--no-cert",
               "--resolve", resolve(port), "--jsonl", "--no-proxy")
    docs = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [d["peer"] for d in sorted(docs, key=lambda d: d["peer"])] == [
        f"127.0.0.2:{port}", f"127.0.0.3:{port}"]
    assert "the addresses of lab.example:" in proc.stderr
    assert "127.0.0.3 accepts TLSv1.3, 127.0.0.2 does not" in proc.stderr
    assert "TLSv1.2: only 127.0.0.2 accepts" in proc.stderr


def test_doctor_compares_addresses_by_default(tlsdoctor, lab, two_backends):
    port, _ = two_backends
    proc = run(tlsdoctor, f"lab.example:{port}", "--client", "go-1.22", "--sni", "localhost",
               "--ca-file", str(lab.pki.ca), "--resolve", resolve(port), "--json")
    doc = json.loads(proc.stdout)
    diffs = doc["address_differences"]
    assert any("127.0.0.3 accepts TLSv1.3, 127.0.0.2 does not" in d for d in diffs), diffs


def test_ip_pins_one_address(tlsdoctor, two_backends):
    port, _ = two_backends
    proc = run(tlsdoctor, "hello", f"lab.example:{port}", "--tls1.3", "--resolve", resolve(port),
               "--ip", "127.0.0.3", "--json")
    doc = json.loads(proc.stdout)
    assert doc["peer"] == f"127.0.0.3:{port}"
    assert doc["outcome"] == "server_hello", doc


def test_resolve_picks_the_first_address_without_all_addresses(tlsdoctor, two_backends):
    port, _ = two_backends
    proc = run(tlsdoctor, "hello", f"lab.example:{port}", "--tls1.2", "--resolve", resolve(port),
               "--json")
    assert json.loads(proc.stdout)["peer"] == f"127.0.0.2:{port}"


def test_alike_addresses_say_so(tlsdoctor, lab):
    with lab.start("story2", host="127.0.0.2") as a:
        with lab.start("story2", host="127.0.0.3", port=a.port):
            proc = run(tlsdoctor, "scan", f"lab.example:{a.port}", "--all-addresses", "--no-cert",
                       "--resolve", f"lab.example:{a.port}:127.0.0.2,127.0.0.3", "--json")
    assert "answer alike" in proc.stderr
    assert "differ" not in proc.stderr
