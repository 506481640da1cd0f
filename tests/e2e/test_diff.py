"""`tlsdoctor diff A.json B.json` on lab servers reconfigured between two scans: the
same port serves one scenario, then another (a suite removed, TLS 1.0 dropped, the
certificate re-issued under an intermediate CA); diff names the change."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.lab.lab import free_port
from tests.schema.schemas import assert_valid, have_jsonschema


def scan_to(tlsdoctor, lab, scenario, port, path):
    with lab.start(scenario, port=port) as srv:
        proc = subprocess.run([str(tlsdoctor), "scan", srv.address, "--sni", "localhost",
                               "--ca-file", str(lab.pki.ca), "--json"],
                              capture_output=True, text=True, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    path.write_text(proc.stdout)
    return path


def diff(tlsdoctor, *argv):
    proc = subprocess.run([str(tlsdoctor), "diff", *map(str, argv)], capture_output=True,
                          text=True, timeout=60, env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"})
    for mark in ("AddressSanitizer", "UndefinedBehaviorSanitizer", "runtime error:"):
        assert mark not in proc.stderr, proc.stderr
    return proc


@pytest.fixture(scope="module")
def reconfigured(tlsdoctor, lab, tmp_path_factory):
    """scenario -> its saved scan, each pair scanned on one port, one after the other."""
    out = tmp_path_factory.mktemp("diff")
    saved = {}
    for before, after in (("story2", "story"), ("tls10_11", "tls11_only"),
                          ("rsa4096_cert", "intermediate_chain")):
        port = free_port()
        saved[before] = scan_to(tlsdoctor, lab, before, port, out / f"{before}.json")
        saved[after] = scan_to(tlsdoctor, lab, after, port, out / f"{after}.json")
    return saved


def test_suite_removed(tlsdoctor, reconfigured):
    proc = diff(tlsdoctor, reconfigured["story2"], reconfigured["story"], "--json")
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["suites"] == [{"scope": "TLSv1.2", "added": [],
                              "removed": ["TLS_RSA_WITH_AES_128_CBC_SHA (0x002f)"]}]
    assert doc["versions"] == {"added": [], "removed": []}
    assert doc["certificate"]["change"] == "unchanged"
    if have_jsonschema():
        assert_valid(doc)


def test_tls10_dropped(tlsdoctor, reconfigured):
    proc = diff(tlsdoctor, reconfigured["tls10_11"], reconfigured["tls11_only"])
    assert proc.returncode == 1, proc.stderr
    assert "versions  - TLSv1\n" in proc.stdout
    assert "suites TLSv1  - " in proc.stdout  # its suites went with it


def test_certificate_reissued_by_another_ca(tlsdoctor, reconfigured):
    proc = diff(tlsdoctor, reconfigured["rsa4096_cert"], reconfigured["intermediate_chain"],
                "--json")
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    cert = doc["certificate"]
    assert cert["change"] == "reissued", cert
    assert cert["before"]["issuer"] != cert["after"]["issuer"]
    assert doc["chain_length"] == {"before": 1, "after": 2}
    text = diff(tlsdoctor, reconfigured["rsa4096_cert"], reconfigured["intermediate_chain"]).stdout
    assert "re-issued by another CA" in text and "chain        1 -> 2 certificates" in text


def test_no_change(tlsdoctor, reconfigured):
    proc = diff(tlsdoctor, reconfigured["story"], reconfigured["story"])
    assert proc.returncode == 0
    assert "no change" in proc.stdout


def test_not_a_saved_scan_is_a_clear_error(tlsdoctor, tmp_path, reconfigured):
    doctor = tmp_path / "doctor.json"
    doctor.write_text('{"schema": "tlsdoctor.doctor/1"}')
    garbage = tmp_path / "garbage.json"
    garbage.write_bytes(b"\x1b[31m not json")
    for a, b in ((doctor, reconfigured["story"]), (reconfigured["story"], garbage),
                 (tmp_path / "missing.json", reconfigured["story"])):
        proc = diff(tlsdoctor, a, b)
        assert proc.returncode == 2 and proc.stdout == "", proc.stdout
        assert "tlsdoctor diff:" in proc.stderr and "\x1b" not in proc.stderr
    assert diff(tlsdoctor, reconfigured["story"]).returncode == 2  # one file
