"""Run nmap's ssl-enum-ciphers script against a server and parse its XML output into
accepted suites per version and the server-vs-client preference nmap measured.

Invocation (nmap 7.93, Debian 12 package `nmap`):

    nmap -Pn -n -sT -p PORT --script +ssl-enum-ciphers
         --script-args tls.servername=localhost -oX - 127.0.0.1

- `-Pn -n`: no host discovery, no DNS. `-sT`: a plain connect() port scan, so it behaves
  the same as root (where nmap would default to a raw SYN scan) and as a normal user.
- `+ssl-enum-ciphers`: the `+` runs the script whatever its portrule says. Without it the
  rule (nselib/shortport.lua `ssl`) first sends two probe hellos on an unknown port and
  only runs the script if the answer looks like TLS: two extra connections, and a server
  that answers them with an alert other than handshake_failure/protocol_version would be
  skipped silently.
- `tls.servername=localhost`: the SNI host name (nselib/tls.lua `servername`); without it
  nmap sends the target name, which with `-n 127.0.0.1` is no SNI at all.

How ssl-enum-ciphers works, which decides what it can see:
- Raw hellos from nselib/tls.lua for SSLv3, TLSv1.0-1.3 (one thread per version). SSLv2
  is a different script (sslv2.nse) and is never reported here.
- Offers every suite in tls.lua's CIPHERS table in chunks of <= 64, removes the chosen one,
  repeats ("offer all, remove the chosen one").
- supported_groups: secp256r1, secp384r1, secp521r1, x25519, ffdhe2048 only; so a server
  whose only ECDHE group is X448 (or brainpool) accepts none of nmap's ECDHE offers.
  TLS 1.3: an empty key_share and the cipher from the HelloRetryRequest.
- A rejection counts only as an alert (handshake_failure or insufficient_security) or no
  ServerHello; a server that picks a suite it was not offered makes nmap drop the high-byte
  suites and retry.
- Preference: two suites offered in both orders; same winner = "server", different =
  "client", fewer than two suites = "indeterminate". With "server" the list is sorted by
  a pairwise-comparison merge sort (the server's order); otherwise it is alphabetical.
- Names: IANA names, except TLS 1.3 suites as TLS_AKE_WITH_* (an early TLS 1.3 draft
  naming), RFC 9150 as TLS_AKE_WITH_NULL_SHA256/384, pre-standard suites with "-draft",
  three SSLv3 FORTEZZA suites (one of them "TLS_KRB5_WITH_DES_CBC_SHA-or-SSL_FORTEZZA_...").
  NAME_ALIASES and the "-draft" rule below map those; test_parsers.py checks every name
  of the installed tls.lua.
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from .common import PeerOutputError, PeerResult, catalog, normalize_version, run_peer

TIMEOUT = 90.0
SCRIPT = "ssl-enum-ciphers"

# nmap (nselib/tls.lua) name -> code, for the names that are not the catalog's IANA name.
NAME_ALIASES = {
    "TLS_AKE_WITH_AES_128_GCM_SHA256": "0x1301",
    "TLS_AKE_WITH_AES_256_GCM_SHA384": "0x1302",
    "TLS_AKE_WITH_CHACHA20_POLY1305_SHA256": "0x1303",
    "TLS_AKE_WITH_AES_128_CCM_SHA256": "0x1304",
    "TLS_AKE_WITH_AES_128_CCM_8_SHA256": "0x1305",
    "TLS_AKE_WITH_SM4_GCM_SM3": "0x00c6",         # IANA TLS_SM4_GCM_SM3 (RFC 8998)
    "TLS_AKE_WITH_SM4_CCM_SM3": "0x00c7",         # IANA TLS_SM4_CCM_SM3
    "TLS_AKE_WITH_NULL_SHA256": "0xc0b4",         # IANA TLS_SHA256_SHA256 (RFC 9150)
    "TLS_AKE_WITH_NULL_SHA384": "0xc0b5",         # IANA TLS_SHA384_SHA384
    # SSLv3-era FORTEZZA (RFC 6101 appendix A.6); 0x001E is FORTEZZA in SSLv3 and KRB5
    # (RFC 2712) in TLS, and tls.lua names it both ways at once.
    "SSL_FORTEZZA_KEA_WITH_NULL_SHA": "0x001c",
    "SSL_FORTEZZA_KEA_WITH_FORTEZZA_CBC_SHA": "0x001d",
    "TLS_KRB5_WITH_DES_CBC_SHA-or-SSL_FORTEZZA_KEA_WITH_RC4_128_SHA": "0x001e",
}


def name_to_code(name: str) -> str | None:
    """An nmap suite name -> "0x...." code, or None if neither the catalog nor the alias
    table knows it."""
    if name in NAME_ALIASES:
        return NAME_ALIASES[name]
    cat = catalog()
    s = cat.by_iana.get(name)
    if s is None and name.endswith("-draft"):
        # tls.lua marks pre-standard code points "-draft"; the catalog spells those whose
        # name a later IANA suite took with "_OLD" (0x0047-0x004C ECC, 0xCC13-0xCC15
        # ChaCha20) and the others (GOST 0x0080-0x0083) with their plain name in a
        # nonstandard row. A plain name in an IANA row is the later, different code point
        # (TLS_ECDH_anon_WITH_RC4_128_SHA-draft is 0x0058, IANA's is 0xC016): no match.
        base = name[: -len("-draft")]
        s = cat.by_iana.get(base + "_OLD")
        if s is None:
            plain = cat.by_iana.get(base)
            s = plain if plain is not None and plain.registry == "nonstandard" else None
    return s.code if s else None


def tls_lua_ciphers(path: Path = Path("/usr/share/nmap/nselib/tls.lua")) -> list[tuple[str, str]]:
    """(name, code) of every suite in the installed nselib/tls.lua CIPHERS table, i.e.
    every suite nmap can offer and print; entries read `["NAME"] = 0x....,` or
    `NAME = 0x....,`. For tests that keep NAME_ALIASES and the blind-spot lists honest."""
    src = path.read_text()
    start = src.index("CIPHERS = {") + len("CIPHERS = {")
    body = src[start:src.index("\n}", start)]
    rx = re.compile(r'^\s*(?:\["([^"]+)"\]|([A-Za-z_][A-Za-z0-9_]*))\s*=\s*(0x[0-9A-Fa-f]+)', re.M)
    return [(m.group(1) or m.group(2), f"0x{int(m.group(3), 16):04x}") for m in rx.finditer(body)]


def command(host: str, port: int, sni: str | None = "localhost") -> list[str]:
    argv = ["nmap", "-Pn", "-n", "-sT", "-p", str(port), "--script", "+" + SCRIPT]
    if sni:
        argv += ["--script-args", f"tls.servername={sni}"]
    return argv + ["-oX", "-", host]


def run(host: str, port: int, sni: str | None = "localhost",
        timeout: float = TIMEOUT) -> PeerResult:
    argv = command(host, port, sni)
    t0 = time.monotonic()
    out = run_peer(argv, timeout)
    res = parse(out, port=port)
    res.argv = argv
    res.seconds = time.monotonic() - t0
    return res


def _elem(table: ET.Element, key: str) -> str | None:
    for e in table.findall("elem"):
        if e.get("key") == key:
            return (e.text or "").strip()
    return None


def _table(table: ET.Element, key: str) -> ET.Element | None:
    for t in table.findall("table"):
        if t.get("key") == key:
            return t
    return None


def parse(xml_text: str, port: int | None = None) -> PeerResult:
    """nmap -oX output -> PeerResult (suites in nmap's order, preference per version).

    Raises PeerOutputError on empty/garbage output, when the port is missing or not open,
    when the script failed, and on a suite name no table knows. A port that is open but
    has no ssl-enum-ciphers result (nothing TLS found) gives an empty result."""
    if not xml_text or not xml_text.strip():
        raise PeerOutputError("nmap: empty output")
    try:
        root = ET.fromstring(xml_text.strip())
    except ET.ParseError as e:
        raise PeerOutputError(f"nmap: output is not XML ({e}): {xml_text[:200]!r}") from None
    if root.tag != "nmaprun":
        raise PeerOutputError(f"nmap: root element is <{root.tag}>, expected <nmaprun>")
    ports = [p for p in root.iter("port")
             if port is None or p.get("portid") == str(port)]
    if len(ports) != 1:
        raise PeerOutputError(f"nmap: expected one <port> (port {port}), found {len(ports)}")
    p = ports[0]
    state = p.find("state")
    if state is None or state.get("state") != "open":
        got = None if state is None else (state.get("state"), state.get("reason"))
        raise PeerOutputError(f"nmap: port {p.get('portid')} is not open: {got}")

    res = PeerResult(peer="nmap")
    scripts = [s for s in p.findall("script") if s.get("id") == SCRIPT]
    if not scripts:
        res.notes.append(f"no {SCRIPT} result for port {p.get('portid')}")
        return res
    script = scripts[0]
    versions = [t for t in script.findall("table") if (t.get("key") or "").startswith(("SSL", "TLS"))]
    if not versions and (script.get("output") or "").strip().startswith("ERROR"):
        raise PeerOutputError(f"nmap: {SCRIPT} failed: {script.get('output')!r}")

    for vt in versions:
        version = normalize_version(vt.get("key", ""))
        ciphers = _table(vt, "ciphers")
        suites: list[tuple[str, str]] = []
        for ct in (ciphers.findall("table") if ciphers is not None else []):
            name = _elem(ct, "name")
            if not name:
                raise PeerOutputError(f"nmap: {version}: a cipher entry without a name")
            code = name_to_code(name)
            if code is None:
                raise PeerOutputError(f"nmap: {version}: unknown suite name {name!r}")
            suites.append((code, name))
        if len({c for c, _ in suites}) != len(suites):
            raise PeerOutputError(f"nmap: {version} lists a suite twice: {suites}")
        if suites:
            res.suites[version] = suites
        res.protocols[version] = bool(suites)
        pref = _elem(vt, "cipher preference")
        res.preference[version] = pref or None
        err = _elem(vt, "cipher preference error")
        if err:
            res.notes.append(f"{version}: cipher preference error: {err}")
    return res
