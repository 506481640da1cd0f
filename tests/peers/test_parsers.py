"""The sslscan, nmap and tlsdoctor-scan parsers on captured outputs (fixtures/), and on
outputs they must refuse with a PeerOutputError instead of crashing or guessing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.peers import nmap, sslscan, tlsdoctor_scan
from tests.peers.common import PeerOutputError, catalog

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TLS_LUA = Path("/usr/share/nmap/nselib/tls.lua")


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text()


GARBAGE = [
    "",
    "   \n",
    "Connected to 127.0.0.1\n\nTesting SSL server 127.0.0.1 on port 443",  # text mode
    "<html><body>502 Bad Gateway</body></html>",
    '{"schema": "tlsdoctor.scan/1"}',
    "\x00\x01\x02\xff garbage",
]


# ---- sslscan ------------------------------------------------------------------------

def test_sslscan_gnutls_modern_all_versions() -> None:
    r = sslscan.parse(fixture("sslscan_gnutls_modern.xml"))
    assert r.summary() == {"TLSv1": 6, "TLSv1.1": 6, "TLSv1.2": 18, "TLSv1.3": 4}
    assert r.protocols == {"SSLv2": False, "SSLv3": False, "TLSv1": True, "TLSv1.1": True,
                           "TLSv1.2": True, "TLSv1.3": True}
    assert r.suites["TLSv1.2"][0] == ("0xc030", "ECDHE-RSA-AES256-GCM-SHA384")
    assert r.order("TLSv1.3") == ["0x1301", "0x1302", "0x1303", "0x1304"]
    assert r.suites["TLSv1"][-1] == ("0x002f", "AES128-SHA")
    assert not r.notes


def test_sslscan_raw_hello_suites_have_iana_names() -> None:
    # OpenSSL 3.0 has no 3DES: sslscan found it with its own raw hello, named the IANA way
    r = sslscan.parse(fixture("sslscan_des3_only.xml"))
    assert r.suites == {v: [("0x000a", "TLS_RSA_WITH_3DES_EDE_CBC_SHA")]
                        for v in ("TLSv1", "TLSv1.1", "TLSv1.2")}


def test_sslscan_keeps_the_reported_order() -> None:
    r = sslscan.parse(fixture("sslscan_server_order.xml"))
    assert r.order("TLSv1.2") == ["0x002f", "0xc030", "0xc02f", "0x0035"]
    assert [n for _, n in r.suites["TLSv1.2"]] == [
        "AES128-SHA", "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-AES128-GCM-SHA256", "AES256-SHA"]


def test_sslscan_protocols_without_suites() -> None:
    # no_secure_reneg: raw hellos see TLS 1.0-1.2, OpenSSL's handshakes all fail
    r = sslscan.parse(fixture("sslscan_no_secure_reneg.xml"))
    assert r.suites == {}
    assert [v for v, on in r.protocols.items() if on] == ["TLSv1", "TLSv1.1", "TLSv1.2"]
    # x448_only: nothing at all
    r = sslscan.parse(fixture("sslscan_x448_only.xml"))
    assert r.suites == {} and not any(r.protocols.values())


def test_sslscan_without_ids_maps_names_through_the_catalog() -> None:
    text = re.sub(r' id="0x[0-9A-F]+"', "", fixture("sslscan_gnutls_modern.xml"))
    assert sslscan.parse(text).suites == sslscan.parse(fixture("sslscan_gnutls_modern.xml")).suites
    text = re.sub(r' id="0x[0-9A-F]+"', "", fixture("sslscan_des3_only.xml"))
    assert sslscan.parse(text).codes("TLSv1.2") == {"0x000a"}


def test_sslscan_connection_error_is_reported() -> None:
    with pytest.raises(PeerOutputError, match="Could not open a connection"):
        sslscan.parse(fixture("sslscan_refused.xml"))


@pytest.mark.parametrize("text", GARBAGE + ["<document><ssltest>"])
def test_sslscan_garbage(text: str) -> None:
    with pytest.raises(PeerOutputError, match="sslscan"):
        sslscan.parse(text)


def test_sslscan_truncated_output() -> None:
    full = fixture("sslscan_gnutls_modern.xml")
    for cut in (10, len(full) // 2, len(full) - 15):
        with pytest.raises(PeerOutputError):
            sslscan.parse(full[:cut])


def test_sslscan_inconsistent_or_unknown_suite() -> None:
    text = fixture("sslscan_server_order.xml")
    with pytest.raises(PeerOutputError, match="catalog says"):
        sslscan.parse(text.replace('id="0x002F"', 'id="0x0035"'))
    with pytest.raises(PeerOutputError, match="unknown suite name"):
        sslscan.parse(text.replace('cipher="AES128-SHA" id="0x002F"', 'cipher="NOPE-SHA"'))
    with pytest.raises(PeerOutputError, match="twice"):
        sslscan.parse(text.replace('cipher="AES256-SHA" id="0x0035"', 'cipher="AES128-SHA" id="0x002F"'))
    # an id the catalog lacks is kept, with a note
    r = sslscan.parse(text.replace('cipher="AES128-SHA" id="0x002F"', 'cipher="SOMETHING_NEW" id="0xFAFA"'))
    assert r.order("TLSv1.2")[0] == "0xfafa" and r.notes


def test_sslscan_command() -> None:
    argv = sslscan.command("127.0.0.1", 4433)
    assert argv[0] == "sslscan" and argv[-1] == "127.0.0.1:4433"
    assert "--sni-name=localhost" in argv and "--xml=-" in argv and "--show-cipher-ids" in argv
    assert not any(a.startswith("--sni-name") for a in sslscan.command("h", 1, sni=None))


# ---- nmap ---------------------------------------------------------------------------

def test_nmap_gnutls_modern_all_versions() -> None:
    r = nmap.parse(fixture("nmap_gnutls_modern.xml"))
    assert r.summary() == {"TLSv1": 6, "TLSv1.1": 6, "TLSv1.2": 18, "TLSv1.3": 4}
    assert r.preference == {v: "client" for v in ("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3")}
    # TLS 1.3 suites come as TLS_AKE_WITH_*; client preference = alphabetical order
    assert r.suites["TLSv1.3"] == [
        ("0x1304", "TLS_AKE_WITH_AES_128_CCM_SHA256"),
        ("0x1301", "TLS_AKE_WITH_AES_128_GCM_SHA256"),
        ("0x1302", "TLS_AKE_WITH_AES_256_GCM_SHA384"),
        ("0x1303", "TLS_AKE_WITH_CHACHA20_POLY1305_SHA256")]
    # the same server, measured by sslscan: the same suites
    s = sslscan.parse(fixture("sslscan_gnutls_modern.xml"))
    assert {v: r.codes(v) for v in r.suites} == {v: s.codes(v) for v in s.suites}


def test_nmap_server_preference_and_order() -> None:
    r = nmap.parse(fixture("nmap_server_order.xml"))
    assert r.preference == {"TLSv1.2": "server"}
    assert r.order("TLSv1.2") == ["0x002f", "0xc030", "0xc02f", "0x0035"]
    assert r.order("TLSv1.2") == sslscan.parse(fixture("sslscan_server_order.xml")).order("TLSv1.2")


def test_nmap_indeterminate_preference() -> None:
    r = nmap.parse(fixture("nmap_des3_only.xml"))
    assert r.suites == {v: [("0x000a", "TLS_RSA_WITH_3DES_EDE_CBC_SHA")]
                        for v in ("TLSv1", "TLSv1.1", "TLSv1.2")}
    assert set(r.preference.values()) == {"indeterminate"}
    assert any("Too few ciphers" in n for n in r.notes)


def test_nmap_partial_and_empty_results() -> None:
    r = nmap.parse(fixture("nmap_ecdsa_p384.xml"))
    assert r.summary() == {"TLSv1.2": 5}  # its TLS 1.3 blind spot
    r = nmap.parse(fixture("nmap_x448_only.xml"))
    assert r.suites == {} and r.preference == {}
    assert "no ssl-enum-ciphers result" in r.notes[0]


def test_nmap_closed_port_and_wrong_port() -> None:
    with pytest.raises(PeerOutputError, match="not open"):
        nmap.parse(fixture("nmap_refused.xml"))
    text = fixture("nmap_server_order.xml")
    port = int(re.search(r'portid="(\d+)"', text).group(1))
    assert nmap.parse(text, port=port).order("TLSv1.2")
    with pytest.raises(PeerOutputError, match="expected one <port>"):
        nmap.parse(text, port=port + 1)


@pytest.mark.parametrize("text", GARBAGE + ["<nmaprun><host>"])
def test_nmap_garbage(text: str) -> None:
    with pytest.raises(PeerOutputError, match="nmap"):
        nmap.parse(text)


def test_nmap_truncated_output() -> None:
    full = fixture("nmap_gnutls_modern.xml")
    for cut in (10, len(full) // 2, len(full) - 12):
        with pytest.raises(PeerOutputError):
            nmap.parse(full[:cut])


def test_nmap_script_error_and_unknown_name() -> None:
    text = fixture("nmap_x448_only.xml")
    failed = text.replace('<state state="open" reason="syn-ack" reason_ttl="0"/>',
                          '<state state="open" reason="syn-ack" reason_ttl="0"/>'
                          '<script id="ssl-enum-ciphers" output="ERROR: Script execution '
                          'failed (use -d to debug)"/>')
    assert failed != text
    with pytest.raises(PeerOutputError, match="Script execution failed"):
        nmap.parse(failed)
    text = fixture("nmap_server_order.xml")
    with pytest.raises(PeerOutputError, match="unknown suite name"):
        nmap.parse(text.replace(">TLS_RSA_WITH_AES_128_CBC_SHA<", ">TLS_MADE_UP_SUITE<"))


def test_nmap_name_aliases() -> None:
    assert nmap.name_to_code("TLS_RSA_WITH_AES_256_CBC_SHA256") == "0x003d"
    assert nmap.name_to_code("TLS_AKE_WITH_CHACHA20_POLY1305_SHA256") == "0x1303"
    assert nmap.name_to_code("TLS_AKE_WITH_NULL_SHA384") == "0xc0b5"
    assert nmap.name_to_code("TLS_ECDH_ECDSA_WITH_NULL_SHA-draft") == "0x0047"
    assert nmap.name_to_code("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256-draft") == "0xcc13"
    assert nmap.name_to_code("TLS_GOSTR341094_WITH_28147_CNT_IMIT-draft") == "0x0080"
    assert nmap.name_to_code("TLS_MADE_UP") is None


def test_nmap_names_agree_with_installed_tls_lua(skip_or_fail) -> None:
    """Every suite name nmap can print maps to the code nmap sends for it, or (for a few
    pre-standard code points the catalog does not carry) to nothing, never to a wrong one."""
    if not TLS_LUA.exists():
        skip_or_fail(f"nmap not installed ({TLS_LUA}; Debian package nmap)")
    pairs = nmap.tls_lua_ciphers(TLS_LUA)
    assert len(pairs) > 350
    cat = catalog()
    unmapped = []
    for name, code in pairs:
        got = nmap.name_to_code(name)
        if got is None:
            assert code not in cat.by_code, f"{name} is {code}, which the catalog has"
            unmapped.append(code)
        else:
            assert got == code, f"{name}: nmap sends {code}, we map it to {got}"
    assert len(unmapped) < 40, unmapped


# ---- tlsdoctor scan --json ------------------------------------------------------------

def test_tlsdoctor_scan_sample() -> None:
    r = tlsdoctor_scan.parse(fixture("tlsdoctor_scan_sample.json"))
    assert r.protocols["TLSv1.2"] is True and r.protocols["SSLv3"] is False
    assert r.order("TLSv1.2") == ["0x002f", "0xc030", "0xc02f", "0x0035"]
    assert r.preference == {"TLSv1.2": "server"}
    assert r.summary() == {"TLSv1.2": 4}


@pytest.mark.parametrize("text", GARBAGE[:4] + GARBAGE[5:] + [
    "[]",
    '{"schema": "tlsdoctor.scan/2", "versions": [], "cipher_suites": {}}',
    '{"schema": "tlsdoctor.scan/1", "versions": [{"version": "TLSv9", "supported": true}], "cipher_suites": {}}',
    '{"schema": "tlsdoctor.scan/1", "versions": [], "cipher_suites": {"TLSv1.2": {"server_order": null, "suites": []}}}',
    '{"schema": "tlsdoctor.scan/1", "versions": [{"version": "TLSv1.2", "supported": true}],'
    ' "cipher_suites": {"TLSv1.2": {"server_order": "yes", "suites": []}}}',
    '{"schema": "tlsdoctor.scan/1", "versions": [{"version": "TLSv1.2", "supported": true}],'
    ' "cipher_suites": {"TLSv1.2": {"server_order": true, "suites": [{"code": "AES128-SHA"}]}}}',
])
def test_tlsdoctor_scan_rejects_other_shapes(text: str) -> None:
    with pytest.raises(PeerOutputError, match="tlsdoctor"):
        tlsdoctor_scan.parse(text)


def test_tlsdoctor_scan_missing_schema_fields() -> None:
    with pytest.raises(PeerOutputError, match="versions"):
        tlsdoctor_scan.parse('{"schema": "tlsdoctor.scan/1"}')
