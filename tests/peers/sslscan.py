"""Run sslscan against a server and parse its XML into accepted suites per version.

Invocation (sslscan 2.0.7, Debian 12 package `sslscan`, linked with OpenSSL 3.0):

    sslscan --no-colour --sni-name=localhost --show-cipher-ids --no-cipher-details
            --no-check-certificate --no-fallback --no-renegotiation --no-compression
            --no-heartbleed --no-groups --xml=- 127.0.0.1:PORT

`--xml=-` writes XML to stdout and suppresses the text report. `--show-cipher-ids` adds
`id="0x003D"` to each <cipher>; the `--no-*` flags drop the checks that have nothing to do
with suites (fallback SCSV, renegotiation, compression, Heartbleed, group enumeration,
certificate warnings), which saves connections and time.

How sslscan 2.0.x finds suites, which decides what it can see at all:
- Protocols: raw ClientHellos (SSLv2..TLSv1.3), independent of the linked OpenSSL.
- Suites for TLS 1.0-1.2, pass 1: the linked OpenSSL (cipher list ALL:COMPLEMENTOFALL at
  security level 0), "offer all, remove the chosen one": every suite OpenSSL 3.0
  implements (Debian's build: no 3DES, RC4, single DES, IDEA, SEED, export, static DH/ECDH,
  GOST, KRB5). These are printed with their OpenSSL names (AES256-SHA256).
- Pass 2: raw hellos with sslscan's own "missing ciphersuites" list (missing_ciphersuites.h:
  the 600 entries of the IANA registry as of December 2019, minus those the linked OpenSSL
  implements for that version, e.g. TLS_RSA_WITH_3DES_EDE_CBC_SHA), printed with IANA
  names. Its supported_groups are secp256r1/secp521r1/secp384r1/brainpool/sect*, no X25519.
  So 3DES *is* found on TLS 1.0-1.2 even though OpenSSL 3.0 lacks it.
- TLS 1.3: OpenSSL's five TLS 1.3 suites only (the RFC 8998 SM4 and RFC 9150 integrity-only
  suites are not tried).
- The printed order is the order found: the server's order when it enforces one, otherwise
  roughly sslscan's own offer order; OpenSSL-known suites always come before the raw-hello
  ones. It is not a preference measurement, so tests compare sets, not order.

Names are mapped to codes with data/iana/cipher_suites.csv (openssl_name or iana_name) and
cross-checked against sslscan's own id attribute when present.
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET

from .common import PeerOutputError, PeerResult, catalog, normalize_version, run_peer

SSLSCAN_FLAGS = [
    "--no-colour", "--show-cipher-ids", "--no-cipher-details", "--no-check-certificate",
    "--no-fallback", "--no-renegotiation", "--no-compression", "--no-heartbleed",
    "--no-groups", "--xml=-",
]
TIMEOUT = 60.0


def command(host: str, port: int, sni: str | None = "localhost") -> list[str]:
    argv = ["sslscan", *SSLSCAN_FLAGS]
    if sni:
        argv.append(f"--sni-name={sni}")
    return argv + [f"{host}:{port}"]


def run(host: str, port: int, sni: str | None = "localhost",
        timeout: float = TIMEOUT) -> PeerResult:
    argv = command(host, port, sni)
    t0 = time.monotonic()
    out = run_peer(argv, timeout)
    res = parse(out)
    res.argv = argv
    res.seconds = time.monotonic() - t0
    return res


def _protocol_name(el: ET.Element) -> str:
    kind, ver = el.get("type"), el.get("version")
    if kind == "ssl" and ver in ("2", "3"):
        return f"SSLv{ver}"
    if kind == "tls" and ver in ("1.0", "1.1", "1.2", "1.3"):
        return normalize_version(f"TLSv{ver}")
    raise PeerOutputError(f"sslscan: unknown <protocol type={kind!r} version={ver!r}>")


def parse(xml_text: str) -> PeerResult:
    """sslscan --xml output -> PeerResult (suites with status accepted/preferred, in
    document order per version; protocol enabled flags). Raises PeerOutputError on empty
    or malformed output, on an <error> report, and on a suite name no table knows."""
    if not xml_text or not xml_text.strip():
        raise PeerOutputError("sslscan: empty output")
    try:
        root = ET.fromstring(xml_text.strip())
    except ET.ParseError as e:
        raise PeerOutputError(f"sslscan: output is not XML ({e}): {xml_text[:200]!r}") from None
    if root.tag != "document":
        raise PeerOutputError(f"sslscan: root element is <{root.tag}>, expected <document>")
    errors = [(e.text or "").strip() for e in root.iter("error")]
    if errors:
        raise PeerOutputError("sslscan reported: " + "; ".join(errors))
    tests = root.findall("ssltest")
    if len(tests) != 1:
        raise PeerOutputError(f"sslscan: expected one <ssltest>, found {len(tests)}")
    test = tests[0]

    res = PeerResult(peer="sslscan")
    for p in test.findall("protocol"):
        res.protocols[_protocol_name(p)] = p.get("enabled") == "1"

    cat = catalog()
    for c in test.findall("cipher"):
        status = c.get("status")
        if status not in ("accepted", "preferred"):
            continue
        version = normalize_version(c.get("sslversion", ""))
        name = c.get("cipher") or ""
        suite = cat.lookup(name)
        ident = c.get("id")
        code = ident.lower() if ident else None
        if suite is None and code is None:
            raise PeerOutputError(f"sslscan: unknown suite name {name!r} without an id")
        if suite is not None and code is not None and suite.code != code:
            raise PeerOutputError(f"sslscan: {name!r} has id {ident} but the catalog "
                                  f"says {suite.code}")
        if suite is None:
            res.notes.append(f"{name!r} ({code}) is not in the catalog")
        res.suites.setdefault(version, []).append((code or suite.code, name))
    for version, suites in res.suites.items():
        codes = [c for c, _ in suites]
        if len(set(codes)) != len(codes):
            raise PeerOutputError(f"sslscan: {version} lists a suite twice: {codes}")
    return res
