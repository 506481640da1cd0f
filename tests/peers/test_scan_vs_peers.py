"""Correctness: `tlsdoctor scan` against sslscan and nmap ssl-enum-ciphers on lab servers.

For each scenario one server is started and measured, one tool after the other (openssl
s_server serves one connection at a time): tlsdoctor scan --json, sslscan, nmap. Then:

- test_peers_agree: sslscan and nmap agree with each other, except where KNOWN_DIFFERENCES
  names a blind spot of the peer that misses a suite. This runs without tlsdoctor and keeps
  the table honest: every blind spot of one peer that the other peer can see is exercised.
- test_scan_matches_peers: for every version, the suite codes tlsdoctor accepts equal each
  peer's, except the suites KNOWN_DIFFERENCES says that peer cannot see. A suite a peer
  accepts and tlsdoctor does not is always a failure (PEER_EXTRAS is for the day a peer is
  known to report something false; it is empty). sslscan's protocol flags (including
  SSLv2/SSLv3, which it tests with raw hellos) must match tlsdoctor's versions. Where nmap
  measured "cipher preference: server", tlsdoctor's server_order must be true and its order
  must equal nmap's; where nmap measured "client", server_order must not be true.

KNOWN_DIFFERENCES keys: (peer, scenario or "*", version or "*", what), where what is
  "0x...."     one suite code
  "kx:X" / "auth:X" / "enc:X"   suites whose data/iana/cipher_suites.csv column is X
  "suites"     any suite of that version
  "protocol"   the version's supported flag
  "order"      the preference/order check
  "*"          all of the above
Every reason names the mechanism, checked in the peer's source or reproduced by hand.

Peers: sslscan 2.0.7 (Debian 12, OpenSSL 3.0.x) and nmap 7.93; see sslscan.py / nmap.py
for invocations and what each can see. Needs both installed (scripts/setup.sh
--with-tests: Debian packages `sslscan` and `nmap`); skipped if either is missing, failed
in CI (CI=true). Without a built tlsdoctor ($TLSDOCTOR_BIN) the peers are still measured
and test_peers_agree runs; test_scan_matches_peers is skipped.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field

import pytest

from tests.peers import nmap, sslscan, tlsdoctor_scan
from tests.peers.common import VERSIONS, PeerOutputError, PeerResult, catalog

SCENARIOS = [
    "story",                 # 1 RSA-kex suite, TLS 1.2 only
    "story2",                # 2 suites, client order
    "tls10_11",              # TLS 1.0 + 1.1 only, SECLEVEL=0
    "dhe_2048",              # DHE only, ffdhe2048 params
    "des3_only",             # gnutls: 3DES only (OpenSSL 3.0 has no 3DES: sslscan's raw pass)
    "camellia_only",         # CAMELLIA only
    "ecdsa_p384",            # ECDSA P-384 certificate, TLS 1.2 + 1.3
    "ed25519_cert",          # Ed25519 certificate
    "tls13_only_chacha",     # TLS 1.3 only, one suite
    "tls13_ffdhe2048_only",  # TLS 1.3 only, group ffdhe2048: HelloRetryRequest
    "x448_only",             # TLS 1.2 ECDHE with X448 as the only group
    "server_order",          # server preference (openssl -serverpref)
    "tls12_only_ecdhe_cbc",  # nginx, server preference
    "modern",                # nginx, TLS 1.2 + 1.3 AEAD
    "gnutls_modern",         # gnutls NORMAL: TLS 1.0-1.3
    "wide",                  # everything OpenSSL 3.0 has, RSA + ECDSA certificates
    "no_secure_reneg",       # gnutls without renegotiation_info
    "client_cert_required",  # client certificate required
    "sni_required",          # nginx rejects handshakes without SNI "localhost"
]

_TLS13_NOT_IN_OPENSSL = {
    "0x00c6": "TLS_SM4_GCM_SM3 (RFC 8998)",
    "0x00c7": "TLS_SM4_CCM_SM3 (RFC 8998)",
    "0xc0b4": "TLS_SHA256_SHA256 (RFC 9150)",
    "0xc0b5": "TLS_SHA384_SHA384 (RFC 9150)",
    "0x1306": "TLS_AEGIS_256_SHA512",
    "0x1307": "TLS_AEGIS_128L_SHA256",
}


def _codes(*spans: tuple[int, int]) -> list[str]:
    return [f"0x{c:04x}" for lo, hi in spans for c in range(lo, hi + 1)]


# Catalog suites (TLS <= 1.2) sslscan 2.0.7 never offers: neither Debian's OpenSSL 3.0 has
# them nor its missing_ciphersuites.h (generated from the IANA registry in December 2019):
# pre-standard ECC drafts, EXPORT1024, the GOST drafts, GOST MGM (registered later), the
# pre-RFC ChaCha20 code points, NSS's FIPS suites.
SSLSCAN_NEVER_OFFERS = _codes((0x0047, 0x004C), (0x0060, 0x0066), (0x0080, 0x0083),
                              (0xC103, 0xC106), (0xCC13, 0xCC15), (0xFEFE, 0xFEFF))
# Catalog suites nmap 7.93 never offers (not in nselib/tls.lua CIPHERS); the SCSVs
# 0x00FF/0x5600 are not listed, no server accepts them as a suite.
NMAP_NEVER_OFFERS = _codes((0x1306, 0x1307), (0xFF00, 0xFF03), (0xFF85, 0xFF85),
                           (0xFF87, 0xFF87), (0xFFE0, 0xFFE1))

KNOWN_DIFFERENCES: dict[tuple[str, str, str, str], str] = {
    # ---- sslscan 2.0.7 -------------------------------------------------------------
    ("sslscan", "*", "SSLv2", "suites"):
        "sslscan 2.0.7 tests SSLv2 as a protocol only (runSSLv2Test: one raw hello); it has "
        "no SSLv2 cipher enumeration, so it never lists SSLv2 cipher kinds",
    ("sslscan", "*", "SSLv3", "suites"):
        "sslscan 2.0.7 enumerates suites for TLS 1.0-1.3 only (testHost calls "
        "testProtocolCiphers for tls10..tls13); SSLv3 is a protocol check (runSSLv3Test), "
        "and Debian's OpenSSL 3.0 has no SSLv3 client method anyway",
    **{("sslscan", "*", "TLSv1.3", code):
        f"sslscan tries TLS 1.3 suites through the linked OpenSSL only (TLSV13_CIPHERSUITES, "
        f"the five RFC 8446 suites); {name} is never offered"
       for code, name in _TLS13_NOT_IN_OPENSSL.items()},
    **{("sslscan", "*", "*", code):
        "sslscan 2.0.7 never offers it: Debian's OpenSSL 3.0 does not implement it and it is "
        "not in sslscan's missing_ciphersuites.h (IANA registry as of December 2019)"
       for code in SSLSCAN_NEVER_OFFERS},
    ("sslscan", "x448_only", "*", "*"):
        "sslscan's TLS 1.0-1.2 protocol check (checkIfTLSVersionIsSupported) offers only "
        "secp256r1/secp521r1/secp384r1/brainpool/sect* groups, no X25519 or X448; this server's "
        "only ECDHE group is X448, so sslscan marks TLSv1.2 disabled and never enumerates it",
    ("sslscan", "no_secure_reneg", "*", "suites"):
        "the server sends no renegotiation_info; OpenSSL 3.0 (sslscan's suite loop) aborts "
        "such handshakes ('unsafe legacy renegotiation disabled') unless "
        "SSL_OP_LEGACY_SERVER_CONNECT is set, which sslscan 2.0.7 never sets (not even with "
        "--bugs: OpenSSL 3.0's SSL_OP_ALL no longer includes it); its raw-hello pass only "
        "offers suites OpenSSL lacks, and this server has none of those",
    ("sslscan", "client_cert_required", "TLSv1.2", "suites"):
        "the server requires a client certificate; sslscan's OpenSSL loop counts a suite only "
        "when SSL_connect() succeeds, and in TLS 1.2 the server's alert about the empty "
        "Certificate comes before its Finished, so every suite looks rejected (in TLS 1.3 the "
        "client finishes first, so TLS 1.3 suites are still listed)",
    # ---- nmap 7.93 ssl-enum-ciphers --------------------------------------------------
    ("nmap", "*", "SSLv2", "*"):
        "ssl-enum-ciphers covers SSLv3-TLSv1.3 (tls.PROTOCOLS); SSLv2 is the separate "
        "sslv2 script",
    **{("nmap", "*", "*", code):
        "nmap 7.93 never offers it: the code point is not in nselib/tls.lua's CIPHERS table"
       for code in NMAP_NEVER_OFFERS},
    ("nmap", "x448_only", "TLSv1.2", "kx:ECDHE"):
        "nmap's supported_groups are secp256r1, secp384r1, secp521r1, x25519, ffdhe2048 "
        "(tls.lua DEFAULT_ELLIPTIC_CURVES), no X448: the server, whose only group is X448, "
        "refuses every ECDHE offer",
    ("nmap", "ecdsa_p384", "TLSv1.3", "suites"):
        "nmap's TLS 1.3 signature_algorithms (tls.lua DEFAULT_SIGSCHEMES) lack "
        "ecdsa_secp384r1_sha384; with only a P-384 ECDSA certificate OpenSSL answers "
        "handshake_failure (reproduced: s_client -tls1_3 -sigalgs <nmap's list> fails)",
    ("nmap", "ed25519_cert", "TLSv1.2", "auth:ECDSA"):
        "nmap's TLS 1.2 signature_algorithms are hash/signature byte pairs: its "
        "{sha256,ed25519} and {sha512,ed25519} go out as 0x0407/0x0607, never Ed25519's code "
        "point 0x0807, so OpenSSL cannot sign a ServerKeyExchange with the Ed25519 key and "
        "refuses every ECDHE_ECDSA suite (TLS 1.3 uses proper schemes and works)",
}

# (peer, scenario|"*", version|"*", what) -> reason: suites a peer reports that tlsdoctor
# need not (a known false positive of the peer). None known.
PEER_EXTRAS: dict[tuple[str, str, str, str], str] = {}


# ---- comparison (pure functions, unit-tested below without servers) -----------------

def _what_matches(what: str, item: str) -> bool:
    """item: a suite code, or "protocol" / "order"."""
    if what == "*":
        return True
    if what in ("protocol", "order"):
        return item == what
    if item in ("protocol", "order"):
        return False
    if what == "suites":
        return True
    if ":" in what:
        column, value = what.split(":", 1)
        suite = catalog().by_code.get(item)
        return suite is not None and getattr(suite, column, None) == value
    return what == item


def lookup(table: dict, peer: str, scenario: str, version: str, item: str) -> str | None:
    for (p, sc, v, what), reason in table.items():
        if p == peer and sc in ("*", scenario) and v in ("*", version) and _what_matches(what, item):
            return reason
    return None


@dataclass
class Verdict:
    problems: list[str] = field(default_factory=list)
    tolerated: list[str] = field(default_factory=list)

    def message(self, header: str) -> str:
        lines = [header, "problems:"] + [f"  {p}" for p in self.problems]
        if self.tolerated:
            lines += ["tolerated (KNOWN_DIFFERENCES):"] + [f"  {t}" for t in self.tolerated]
        return "\n".join(lines)


def _label(code: str) -> str:
    return f"{code} {catalog().name(code)}"


def compare_scan_to_peer(scenario: str, scan: PeerResult, peer: PeerResult,
                         known: dict = KNOWN_DIFFERENCES,
                         extras: dict = PEER_EXTRAS) -> Verdict:
    v = Verdict()
    name = peer.peer
    for version in VERSIONS:
        ours, theirs = scan.codes(version), peer.codes(version)
        for code in sorted(ours - theirs):
            reason = lookup(known, name, scenario, version, code)
            line = f"{version} {_label(code)}: tlsdoctor accepts, {name} does not"
            (v.tolerated if reason else v.problems).append(line + (f" [{reason}]" if reason else ""))
        for code in sorted(theirs - ours):
            reason = lookup(extras, name, scenario, version, code)
            line = f"{version} {_label(code)}: {name} accepts, tlsdoctor does not"
            (v.tolerated if reason else v.problems).append(line + (f" [{reason}]" if reason else ""))
    if name == "sslscan":  # nmap's protocol list is only "versions with suites"
        for version, enabled in sorted(peer.protocols.items()):
            supported = scan.protocols.get(version, False)
            if enabled != supported:
                reason = lookup(known, name, scenario, version, "protocol")
                line = f"{version}: tlsdoctor supported={supported}, sslscan enabled={enabled}"
                (v.tolerated if reason else v.problems).append(line + (f" [{reason}]" if reason else ""))
    if name == "nmap":
        for version, pref in sorted(peer.preference.items()):
            problem = None
            ours = scan.preference.get(version)
            if pref == "server":
                nmap_order = [c for c in peer.order(version) if c in scan.codes(version)]
                our_order = [c for c in scan.order(version) if c in peer.codes(version)]
                if ours != "server":
                    problem = f"{version}: nmap measured server preference, tlsdoctor server_order={ours!r}"
                elif nmap_order != our_order:
                    problem = (f"{version}: order differs:\n    nmap      {nmap_order}\n"
                               f"    tlsdoctor {our_order}")
            elif pref == "client" and ours == "server":
                problem = f"{version}: nmap measured client preference, tlsdoctor server_order=true"
            if problem:
                reason = lookup(known, name, scenario, version, "order")
                (v.tolerated if reason else v.problems).append(problem + (f" [{reason}]" if reason else ""))
    return v


def compare_peers(scenario: str, a: PeerResult, b: PeerResult,
                  known: dict = KNOWN_DIFFERENCES) -> Verdict:
    """Two peers: a suite one sees and the other doesn't must be a known blind spot of the
    one that misses it. A peer with no suites at all must be known blind on this very
    scenario (guards against a broken invocation, e.g. wrong SNI, looking like agreement)."""
    v = Verdict()
    for version in VERSIONS:
        for seen, missing in ((a, b), (b, a)):
            for code in sorted(seen.codes(version) - missing.codes(version)):
                reason = lookup(known, missing.peer, scenario, version, code)
                line = f"{version} {_label(code)}: {seen.peer} accepts, {missing.peer} does not"
                (v.tolerated if reason else v.problems).append(line + (f" [{reason}]" if reason else ""))
    for p in (a, b):
        if not p.suites and not any(k[0] == p.peer and k[1] == scenario for k in known):
            v.problems.append(f"{p.peer} found no suites at all (notes: {p.notes})")
    # Both measure the server's order when it has one: sslscan's "offer all, remove the
    # chosen one" gives it directly for its OpenSSL pass (printed with OpenSSL names).
    peers = {a.peer: a, b.peer: b}
    if "nmap" in peers and "sslscan" in peers:
        nm, ss = peers["nmap"], peers["sslscan"]
        cat = catalog()
        for version, pref in nm.preference.items():
            if pref != "server":
                continue
            pass1 = [c for c, n in ss.suites.get(version, [])
                     if version == "TLSv1.3" or (cat.by_code.get(c) and cat.by_code[c].openssl == n)]
            s_order = [c for c in pass1 if c in nm.codes(version)]
            n_order = [c for c in nm.order(version) if c in set(pass1)]
            if s_order != n_order:
                v.problems.append(f"{version}: server order differs: sslscan {s_order}, nmap {n_order}")
    return v


# ---- measuring --------------------------------------------------------------------

@dataclass
class Observed:
    scenario: str
    software: str
    scan: PeerResult | None = None
    scan_skip: str | None = None
    peers: dict[str, PeerResult] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    def table(self) -> str:
        rows = [f"{self.scenario} ({self.software})"]
        for r in ([self.scan] if self.scan else []) + list(self.peers.values()):
            rows.append(f"  {r.peer:<9} {r.summary()}  {r.seconds:.1f}s")
        rows += [f"  {k:<9} ERROR {e.splitlines()[0]}" for k, e in self.errors.items()]
        return "\n".join(rows)


@pytest.fixture(scope="module", params=SCENARIOS)
def observed(request, lab, skip_or_fail) -> Observed:
    """Start the scenario once, measure it with every tool in turn, stop it."""
    for tool in ("sslscan", "nmap"):
        if shutil.which(tool) is None:
            skip_or_fail(f"{tool} not installed (Debian package {tool}; scripts/setup.sh --with-tests)")
    binary = None
    skip_reason = None
    try:
        binary = request.getfixturevalue("tlsdoctor")
    except pytest.skip.Exception as e:  # not built yet: peers are still measured
        skip_reason = str(getattr(e, "msg", e))
    name = request.param
    obs = Observed(scenario=name, software=lab.spec(name)["software"], scan_skip=skip_reason)
    with lab.start(name) as srv:
        if binary is not None:
            try:
                obs.scan = tlsdoctor_scan.run(binary, srv.host, srv.port)
            except PeerOutputError as e:
                obs.errors["tlsdoctor"] = str(e)
        for mod in (sslscan, nmap):
            peer = mod.__name__.rsplit(".", 1)[-1]
            try:
                obs.peers[peer] = mod.run(srv.host, srv.port)
            except PeerOutputError as e:
                obs.errors[peer] = str(e)
    return obs


def test_peers_agree(observed: Observed) -> None:
    for peer in ("sslscan", "nmap"):
        assert peer not in observed.errors, observed.errors[peer]
    v = compare_peers(observed.scenario, observed.peers["sslscan"], observed.peers["nmap"])
    if v.problems:
        pytest.fail(v.message(observed.table()), pytrace=False)


@pytest.mark.parametrize("peer", ["sslscan", "nmap"])
def test_scan_matches_peers(observed: Observed, peer: str, skip_or_fail) -> None:
    if observed.scan is None and "tlsdoctor" not in observed.errors:
        skip_or_fail(observed.scan_skip or "tlsdoctor not run")
    assert "tlsdoctor" not in observed.errors, observed.errors["tlsdoctor"]
    assert peer not in observed.errors, observed.errors[peer]
    v = compare_scan_to_peer(observed.scenario, observed.scan, observed.peers[peer])
    if v.problems:
        pytest.fail(v.message(observed.table()), pytrace=False)


# ---- the comparison logic itself (no servers) ---------------------------------------

def _result(peer: str, suites: dict[str, list[str]], protocols=None, preference=None) -> PeerResult:
    cat = catalog()
    return PeerResult(peer=peer,
                      suites={v: [(c, cat.name(c)) for c in cs] for v, cs in suites.items()},
                      protocols=dict(protocols or {v: True for v in suites}),
                      preference=dict(preference or {}))


def test_known_differences_are_well_formed() -> None:
    names = set(SCENARIOS) | {"*"}
    from tests.lab.lab import load_scenarios
    names |= set(load_scenarios())
    for (peer, sc, version, what), reason in {**KNOWN_DIFFERENCES, **PEER_EXTRAS}.items():
        assert peer in ("sslscan", "nmap"), peer
        assert sc in names, f"unknown scenario {sc!r}"
        assert version == "*" or version in VERSIONS, version
        if what.startswith("0x"):
            assert what in catalog().by_code, what
        elif ":" in what:
            assert what.split(":")[0] in ("kx", "auth", "enc"), what
        else:
            assert what in ("*", "suites", "protocol", "order"), what
        assert len(reason) > 40, f"reason too vague: {reason!r}"


def test_compare_tolerates_only_listed_blind_spots() -> None:
    scan = _result("tlsdoctor", {"TLSv1.2": ["0xc02f", "0xc030", "0x009c"]})
    # x448_only: nmap may miss the ECDHE suites, not the RSA one.
    nm = _result("nmap", {"TLSv1.2": ["0x009c"]})
    v = compare_scan_to_peer("x448_only", scan, nm)
    assert not v.problems and len(v.tolerated) == 2
    nm = _result("nmap", {"TLSv1.2": []})
    v = compare_scan_to_peer("x448_only", scan, nm)
    assert v.problems == ["TLSv1.2 0x009c TLS_RSA_WITH_AES_128_GCM_SHA256: tlsdoctor accepts, nmap does not"]
    # the same miss on another scenario is a problem
    v = compare_scan_to_peer("modern", scan, _result("nmap", {"TLSv1.2": ["0x009c"]}))
    assert len(v.problems) == 2


def test_compare_never_tolerates_a_suite_only_the_peer_sees() -> None:
    scan = _result("tlsdoctor", {})
    v = compare_scan_to_peer("x448_only", scan, _result("sslscan", {"TLSv1.2": ["0xc02f"]}))
    # the suite is a problem even on the scenario where sslscan is known blind; the
    # protocol flag mismatch is what that entry tolerates
    assert v.problems == ["TLSv1.2 0xc02f TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256: "
                          "sslscan accepts, tlsdoctor does not"]
    assert v.tolerated == ["TLSv1.2: tlsdoctor supported=False, sslscan enabled=True ["
                           + KNOWN_DIFFERENCES[("sslscan", "x448_only", "*", "*")] + "]"]


def test_compare_protocol_flags_and_order() -> None:
    scan = _result("tlsdoctor", {"TLSv1.2": ["0x002f", "0xc030"]},
                   protocols={"SSLv3": False, "TLSv1.2": True}, preference={"TLSv1.2": "server"})
    ss = _result("sslscan", {"TLSv1.2": ["0xc030", "0x002f"]},
                 protocols={"SSLv2": False, "SSLv3": True, "TLSv1.2": True})
    assert compare_scan_to_peer("story", scan, ss).problems == [
        "SSLv3: tlsdoctor supported=False, sslscan enabled=True"]
    nm = _result("nmap", {"TLSv1.2": ["0x002f", "0xc030"]}, preference={"TLSv1.2": "server"})
    assert not compare_scan_to_peer("server_order", scan, nm).problems
    nm = _result("nmap", {"TLSv1.2": ["0xc030", "0x002f"]}, preference={"TLSv1.2": "server"})
    assert "order differs" in compare_scan_to_peer("server_order", scan, nm).problems[0]
    nm = _result("nmap", {"TLSv1.2": ["0x002f", "0xc030"]}, preference={"TLSv1.2": "client"})
    assert "client preference" in compare_scan_to_peer("client_order", scan, nm).problems[0]
    scan.preference["TLSv1.2"] = None
    nm.preference["TLSv1.2"] = "server"
    assert "server_order=None" in compare_scan_to_peer("server_order", scan, nm).problems[0]


def test_compare_peers_requires_a_known_reason_for_an_empty_peer() -> None:
    empty = _result("sslscan", {})
    nm = _result("nmap", {"TLSv1.2": ["0x0035"]})
    v = compare_peers("story", empty, nm)
    assert any("found no suites" in p for p in v.problems)
    v = compare_peers("no_secure_reneg", empty, _result("nmap", {"TLSv1.2": ["0x0035"]}))
    assert not v.problems


def test_blind_spots_on_captured_peer_outputs() -> None:
    """The real x448_only / ecdsa_p384 outputs against what the servers really accept
    (x448_only: checked with s_client -groups X448 per suite)."""
    from pathlib import Path
    fx = Path(__file__).resolve().parent / "fixtures"
    truth = _result("tlsdoctor", {"TLSv1.2": ["0xc030", "0xcca8", "0xc02f"]},
                    protocols={v: v == "TLSv1.2" for v in VERSIONS},
                    preference={"TLSv1.2": "client"})
    ss = sslscan.parse((fx / "sslscan_x448_only.xml").read_text())
    nm = nmap.parse((fx / "nmap_x448_only.xml").read_text())
    for peer in (ss, nm):
        v = compare_scan_to_peer("x448_only", truth, peer)
        assert not v.problems and v.tolerated, v.message(peer.peer)
        assert compare_scan_to_peer("modern", truth, peer).problems
    assert not compare_peers("x448_only", ss, nm).problems
    nm = nmap.parse((fx / "nmap_ecdsa_p384.xml").read_text())
    truth = _result("tlsdoctor", {"TLSv1.2": nm.order("TLSv1.2"),
                                  "TLSv1.3": ["0x1302", "0x1303", "0x1301"]},
                    preference={"TLSv1.2": "client", "TLSv1.3": "client"})
    v = compare_scan_to_peer("ecdsa_p384", truth, nm)
    assert not v.problems and len(v.tolerated) == 3


def test_never_offers_lists_match_the_installed_peers() -> None:
    """NMAP_NEVER_OFFERS is exactly the catalog minus nmap's tls.lua (minus the SCSVs), and
    no SSLSCAN_NEVER_OFFERS suite is one the local OpenSSL implements."""
    import re
    import subprocess
    from pathlib import Path
    tls_lua = Path("/usr/share/nmap/nselib/tls.lua")
    if tls_lua.exists():
        offered = {c for _, c in nmap.tls_lua_ciphers(tls_lua)}
        blind = set(catalog().by_code) - offered - {"0x00ff", "0x5600"}
        assert blind == set(NMAP_NEVER_OFFERS)
    if shutil.which("openssl"):
        out = subprocess.run(["openssl", "ciphers", "-V", "ALL:COMPLEMENTOFALL:@SECLEVEL=0"],
                             capture_output=True, text=True, check=True).stdout
        have = {f"0x{a}{b}".lower() for a, b in re.findall(r"0x(..),0x(..)", out)}
        assert not have & set(SSLSCAN_NEVER_OFFERS)
