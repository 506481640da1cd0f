"""`tlsdoctor scan` against real lab servers: what each scenario is built to
show must come out of the scan, from its own raw hellos (and, for TLS 1.3
certificates, its OpenSSL handshake)."""

from __future__ import annotations

import json
import re
import subprocess
import time

import pytest

SANITIZER_MARKS = ("AddressSanitizer", "UndefinedBehaviorSanitizer", "runtime error:")


def run_scan(tlsdoctor, address, *extra, timeout=120):
    proc = subprocess.run([str(tlsdoctor), "scan", address, "--sni", "localhost", "--json", *extra],
                          capture_output=True, text=True, timeout=timeout)
    for mark in SANITIZER_MARKS:
        assert mark not in proc.stderr, proc.stderr
    return proc.returncode, json.loads(proc.stdout)


@pytest.fixture(scope="module")
def scans(lab, tlsdoctor):
    """Scans each scenario once (servers started one at a time) and caches the JSON."""
    cache = {}

    def get(name, *extra):
        key = (name, extra)
        if key not in cache:
            with lab.start(name) as srv:
                cache[key] = run_scan(tlsdoctor, srv.address, "--ca-file", str(lab.pki.ca), *extra)
        return cache[key]

    return get


def codes(doc, version):
    return [s["code"] for s in doc["cipher_suites"][version]["suites"]]


def supported(doc):
    return [v["version"] for v in doc["versions"] if v["supported"]]


def finding_ids(doc):
    return {f["id"] for f in doc["findings"]}


def test_story_server(scans):
    status, doc = scans("story")
    assert supported(doc) == ["TLSv1.2"]
    assert codes(doc, "TLSv1.2") == ["0x003d"]
    assert doc["cipher_suites"]["TLSv1.2"]["suites"][0]["openssl"] == "AES256-SHA256"
    assert "only_rsa_kex" in finding_ids(doc)
    assert "no_tls13" in finding_ids(doc)
    assert status == 1  # high finding
    chain = doc["certificates"][0]
    assert chain["trusted"] is True and chain["hostname_match"] is True


def test_server_order_is_reproduced_exactly(scans):
    """-serverpref on ALL:COMPLEMENTOFALL: our order must be OpenSSL's own."""
    _, doc = scans("wide_serverpref")
    listing = subprocess.run(["openssl", "ciphers", "-V", "ALL:COMPLEMENTOFALL:@SECLEVEL=0"],
                             capture_output=True, text=True, check=True).stdout
    openssl_order = [f"0x{a}{b}".lower() for a, b in re.findall(r"0x([0-9A-F]{2}),0x([0-9A-F]{2})", listing)]
    for version in ("TLSv1", "TLSv1.1", "TLSv1.2"):
        entry = doc["cipher_suites"][version]
        assert entry["server_order"] is True and entry["order_complete"] is True
        ours = codes(doc, version)
        assert ours == sorted(ours, key=openssl_order.index), version
    assert len(codes(doc, "TLSv1.2")) > 60
    assert codes(doc, "TLSv1.3") == ["0x1302", "0x1303", "0x1301", "0x1304", "0x1305"]


def test_client_order_is_called_so(scans):
    _, server = scans("server_order")
    _, client = scans("client_order")
    assert server["cipher_suites"]["TLSv1.2"]["server_order"] is True
    assert [s["openssl"] for s in server["cipher_suites"]["TLSv1.2"]["suites"]] == [
        "AES128-SHA", "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-AES128-GCM-SHA256", "AES256-SHA"]
    assert client["cipher_suites"]["TLSv1.2"]["server_order"] is False
    assert sorted(codes(client, "TLSv1.2")) == sorted(codes(server, "TLSv1.2"))
    assert "client_order" in finding_ids(client)


def test_wide_server_enumeration(scans):
    _, doc = scans("wide")
    assert supported(doc) == ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"]
    assert len(codes(doc, "TLSv1.3")) == 5
    tls12 = set(codes(doc, "TLSv1.2"))
    assert {"0x0001", "0x00a6", "0xc02c", "0xcca8"} <= tls12  # NULL, anon, ECDSA, ChaCha
    assert set(codes(doc, "TLSv1")) <= tls12
    assert len(doc["certificates"]) >= 2  # RSA and ECDSA chains
    assert {"null_cipher", "anonymous", "tls10", "tls11", "rsa_kex"} <= finding_ids(doc)


def test_dh_group_size_and_name(scans):
    _, doc = scans("dhe_1024")
    dhe = [s for s in doc["cipher_suites"]["TLSv1.2"]["suites"] if s["dh_bits"]]
    assert dhe and all(s["dh_bits"] == 1024 for s in dhe)
    assert "RFC 2409" in dhe[0]["dh_group"]
    assert "dh_small" in finding_ids(doc)
    _, doc2 = scans("dhe_2048")
    assert {s["dh_group"] for s in doc2["cipher_suites"]["TLSv1.2"]["suites"]} == {"ffdhe2048 (RFC 7919)"}
    assert "dh_small" not in finding_ids(doc2)


def test_groups(scans):
    _, p521 = scans("tls13_p521_only")
    assert [g["name"] for g in p521["groups"]["TLSv1.3"]["groups"]] == ["secp521r1"]
    _, ffdhe = scans("tls13_ffdhe2048_only")
    assert [g["name"] for g in ffdhe["groups"]["TLSv1.3"]["groups"]] == ["ffdhe2048"]
    _, x448 = scans("x448_only")
    assert [g["name"] for g in x448["groups"]["TLSv1.2"]["groups"]] == ["x448"]


def test_signature_schemes(scans):
    _, doc = scans("sha1_ske")
    assert [s["name"] for s in doc["signature_schemes"]["TLSv1.2"]] == ["rsa_pkcs1_sha1"]
    _, ecdsa = scans("ecdsa_p384")
    tls12 = {s["name"] for s in ecdsa["signature_schemes"]["TLSv1.2"]}
    assert "ecdsa_secp384r1_sha384" in tls12 and not any(n.startswith("rsa") for n in tls12)


def test_extensions_and_behaviour(scans):
    _, reneg = scans("no_secure_reneg")
    assert reneg["extensions"]["secure_renegotiation"] is False
    assert "no_secure_renegotiation" in finding_ids(reneg)
    _, no_ems = scans("no_ems")
    assert no_ems["extensions"]["extended_master_secret"] is False
    _, sni = scans("sni_required")
    assert sni["extensions"]["sni"]["required"] is True
    _, alpn = scans("alpn_no_tickets")
    assert set(alpn["extensions"]["alpn"]) == {"h2", "http/1.1"}
    _, modern = scans("modern")
    assert modern["extensions"]["fallback_scsv"] is True
    assert modern["extensions"]["extended_master_secret"] is True


def test_certificate_checks(scans, lab, tlsdoctor):
    _, expired = scans("expired_cert")
    assert "cert_expired" in finding_ids(expired)
    _, wrong = scans("wrong_host")
    assert "cert_hostname" in finding_ids(wrong)
    _, selfsigned = scans("self_signed")
    assert "cert_untrusted" in finding_ids(selfsigned)
    _, chain = scans("intermediate_chain")
    assert chain["certificates"][0]["trusted"] is True
    assert len(chain["certificates"][0]["chain"]) == 2
    _, small = scans("rsa1024_cert")
    assert "cert_key_small" in finding_ids(small)
    _, sha1 = scans("sha1_cert")
    assert "cert_sha1" in finding_ids(sha1)
    _, dual = scans("dual_cert")
    assert {c["chain"][0]["key_type"] for c in dual["certificates"]} == {"RSA", "EC"}
    # TLS 1.3 only: the chain can only come from the full handshake.
    _, tls13 = scans("tls13_only_aes256")
    assert codes(tls13, "TLSv1.3") == ["0x1302"]
    assert tls13["certificates"] and tls13["certificates"][0]["found_with"] == "TLS 1.3 handshake"


@pytest.mark.parametrize("mode", ["stall", "garbage", "http", "close_immediately", "reset"])
def test_scan_of_a_hostile_peer_ends_cleanly(mode, peer, tlsdoctor):
    p = peer(mode)
    start = time.monotonic()
    status, doc = run_scan(tlsdoctor, f"127.0.0.1:{p.port}", "--timeout", "1", "--no-cert", timeout=60)
    assert status == 2
    assert doc["error"] is not None
    assert not any(v["supported"] for v in doc["versions"])
    assert time.monotonic() - start < 30


def test_many_targets_stream_as_json_lines(lab, tlsdoctor):
    with lab.start("story") as a, lab.start("modern") as b:
        # A closed port beside them must not hold them up.
        import socket
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
        s.close()
        proc = subprocess.run(
            [str(tlsdoctor), "scan", "--jsonl", "--sni", "localhost", "--no-cert", "--targets-file", "-"],
            input=f"{a.address}\n# a comment\n127.0.0.1:{closed}\n{b.address}\n",
            capture_output=True, text=True, timeout=120)
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(lines) == 3
    by_target = {d["target"]: d for d in lines}
    assert by_target[f"127.0.0.1:{closed}"]["error"]["code"] == "refused"
    assert "TLSv1.3" in supported(by_target[b.address])
    assert supported(by_target[a.address]) == ["TLSv1.2"]
    assert proc.returncode == 2  # one target could not be scanned


def test_text_output_reads_well(lab, tlsdoctor):
    with lab.start("story") as srv:
        proc = subprocess.run([str(tlsdoctor), "scan", srv.address, "--sni", "localhost"],
                              capture_output=True, text=True, timeout=120, env={"NO_COLOR": "1"})
    out = proc.stdout
    assert "TLS_RSA_WITH_AES_256_CBC_SHA256 (0x003d, AES256-SHA256)" in out
    assert "Only RSA key exchange" in out
    assert "\x1b[" not in out
