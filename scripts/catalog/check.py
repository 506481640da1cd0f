#!/usr/bin/env python3
"""Validate the code-point tables in data/iana/.

  python3 scripts/catalog/check.py             # all checks (needs openssl and gnutls-cli)
  python3 scripts/catalog/check.py --no-tools  # only the checks that need no external tool

Checks, per file: the CSV dialect (exact header, comments only at the top,
no quoting), code format, unique and sorted codes, unique names, every enum
value in its allowed set, and internal consistency (flags against columns,
min_version <= max_version, key-share sizes against the group kind). For
cipher_suites.csv it also re-derives kx/auth/enc/enc_bits/mac/versions/flags
from the IANA name (see derive.py) and requires them to match.

Against the local tools:
  * every suite `openssl ciphers -V 'ALL:COMPLEMENTOFALL:@SECLEVEL=0'` prints
    (plus the TLS 1.3 suites it knows) appears with the same code and name;
  * every suite `gnutls-cli -l` prints appears with the same code and name;
  * every group and signature-algorithm openssl_name that the local openssl
    accepts is put on the wire (a ClientHello captured on a loopback socket)
    with exactly the code the table gives it; names it rejects must be listed
    in NEWER_OPENSSL below.

Prints one line per failure and ends with 'catalog checks: N held, M broken' (not the test-runner line, which scripts/test.sh prints). Standard
library only.
"""

import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import threading

import tlscat
from tlscat import parse_code

# openssl_name values that the local OpenSSL (3.0, Debian 12) does not know;
# they are taken from newer OpenSSL releases' sources. Each must really be
# rejected locally (so the list cannot rot silently): if a newer local
# openssl starts accepting one, the wire check covers it and the entry is
# reported as stale.
NEWER_OPENSSL = {
    "groups.csv": {
        "brainpoolP256r1tls13", "brainpoolP384r1tls13", "brainpoolP512r1tls13",  # 3.2
        "MLKEM512", "MLKEM768", "MLKEM1024",                                      # 3.5
        "X25519MLKEM768", "SecP256r1MLKEM768", "SecP384r1MLKEM1024",              # 3.5
    },
    "sigalgs.csv": {
        "dsa_sha1", "dsa_sha224", "dsa_sha256", "dsa_sha384", "dsa_sha512",       # 3.4+
        "ecdsa_sha1", "ecdsa_sha224",                                             # 3.4+
        "ecdsa_brainpoolP256r1tls13_sha256", "ecdsa_brainpoolP384r1tls13_sha384",
        "ecdsa_brainpoolP512r1tls13_sha512",                                      # 3.4+
        "gostr34102012_256", "gostr34102012_512", "gost2001_gost94",              # 3.4+, GOST
        "mldsa44", "mldsa65", "mldsa87",                                          # 3.5
    },
}


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.warnings = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {what}")
        return ok

    def warn(self, what):
        self.warnings += 1
        print(f"warn {what}")


C = Checks()


def where(fname, row):
    return f"{fname}:{row['_line']}"


def load(fname):
    try:
        return tlscat.read_table(fname)
    except (tlscat.TableError, OSError) as e:
        C.check(False, str(e))
        return None


def check_codes(fname, rows, nbytes=None, decimal=False):
    """Codes well-formed, unique, ascending. Returns {code:int -> row}."""
    by_code = {}
    prev = -1
    for r in rows:
        try:
            if decimal:
                if not re.fullmatch(r"0|[1-9][0-9]{0,2}", r["code"]) or int(r["code"]) > 255:
                    raise ValueError(f"code {r['code']!r} is not a decimal 0..255")
                code = int(r["code"])
            else:
                code = parse_code(r["code"], nbytes)
        except ValueError as e:
            C.check(False, f"{where(fname, r)}: {e}")
            continue
        C.check(code not in by_code, f"{where(fname, r)}: duplicate code {r['code']}")
        C.check(code > prev, f"{where(fname, r)}: code {r['code']} out of order")
        prev = max(prev, code)
        by_code[code] = r
    return by_code


def check_unique(fname, rows, col, allow_empty=True):
    seen = {}
    for r in rows:
        v = r[col]
        if v == "":
            C.check(allow_empty, f"{where(fname, r)}: empty {col}")
            continue
        C.check(v not in seen, f"{where(fname, r)}: {col} {v!r} also on line {seen.get(v)}")
        seen.setdefault(v, r["_line"])


def check_enum(fname, r, col, allowed, allow_empty=False):
    v = r[col]
    if v == "" and allow_empty:
        return
    C.check(v in allowed, f"{where(fname, r)}: {col} {v!r} not in {sorted(allowed)}")


def check_source(fname, r):
    C.check(r["source"] != "", f"{where(fname, r)}: empty source")


# ---------------------------------------------------------------- per file

def check_cipher_suites():
    fname = "cipher_suites.csv"
    t = load(fname)
    if not t:
        return {}
    _, _, rows = t
    by_code = check_codes(fname, rows, nbytes=2)
    check_unique(fname, rows, "iana_name", allow_empty=False)
    check_unique(fname, rows, "openssl_name")
    check_unique(fname, rows, "gnutls_name")
    vidx = {v: i for i, v in enumerate(tlscat.VERSIONS)}
    for r in rows:
        w = where(fname, r)
        check_enum(fname, r, "registry", tlscat.REGISTRY)
        check_source(fname, r)
        scsv = r["kx"] == "SCSV"
        check_enum(fname, r, "kx", tlscat.KX)
        check_enum(fname, r, "auth", tlscat.AUTH)
        check_enum(fname, r, "enc", tlscat.ENC, allow_empty=scsv)
        check_enum(fname, r, "mac", tlscat.MAC, allow_empty=scsv)
        check_enum(fname, r, "min_version", tlscat.VERSIONS)
        check_enum(fname, r, "max_version", tlscat.VERSIONS)
        if not (scsv and r["enc_bits"] == ""):
            C.check(re.fullmatch(r"0|[1-9][0-9]*", r["enc_bits"]) is not None,
                    f"{w}: enc_bits {r['enc_bits']!r} is not a number")
        if r["min_version"] in vidx and r["max_version"] in vidx:
            C.check(vidx[r["min_version"]] <= vidx[r["max_version"]],
                    f"{w}: min_version {r['min_version']} > max_version {r['max_version']}")
        flags = r["flags"].split("|") if r["flags"] else []
        C.check(all(f in tlscat.FLAGS for f in flags), f"{w}: unknown flag in {r['flags']!r}")
        C.check(flags == [f for f in tlscat.FLAGS if f in flags],
                f"{w}: flags {r['flags']!r} not unique or not in canonical order {tlscat.FLAGS}")
        fs = set(flags)
        C.check(("aead" in fs) == (r["mac"] == "AEAD"), f"{w}: aead flag vs mac {r['mac']}")
        C.check(("null" in fs) == (r["enc"] == "NULL"), f"{w}: null flag vs enc {r['enc']}")
        C.check(("anon" in fs) == (r["auth"] == "anon"), f"{w}: anon flag vs auth {r['auth']}")
        C.check(("scsv" in fs) == scsv, f"{w}: scsv flag vs kx {r['kx']}")
        C.check(("tls13" in fs) == (r["min_version"] == "tls1.3"), f"{w}: tls13 flag vs min_version")
        C.check(("tls13" in fs) == (r["kx"] == "ANY"), f"{w}: tls13 flag vs kx {r['kx']}")
        C.check(("pfs" in fs) == (r["kx"] in tlscat.PFS_KX or "tls13" in fs),
                f"{w}: pfs flag vs kx {r['kx']}")
        if "export" in fs:
            C.check(r["max_version"] == "tls1.0", f"{w}: export suite allowed after TLS 1.0")
            C.check(r["enc_bits"] in ("40", "56"), f"{w}: export suite with {r['enc_bits']}-bit cipher")
        if r["iana_name"].endswith("_OLD"):
            C.check(r["registry"] == "nonstandard", f"{w}: _OLD name but registry {r['registry']}")
        if r["registry"] == "iana":
            C.check(re.fullmatch(r"(TLS|SSL)_[A-Za-z0-9_]+", r["iana_name"]) is not None,
                    f"{w}: iana_name {r['iana_name']!r} malformed")
        # derived columns follow the rules in tlscat.derive_suite
        try:
            want = tlscat.derive_suite_row(int(r["code"], 16), r["iana_name"])
        except (tlscat.DeriveError, ValueError) as e:
            C.check(False, f"{w}: {e}")
            continue
        for col in tlscat.DERIVED_SUITE_COLUMNS:
            C.check(r[col] == want[col],
                    f"{w}: {col} is {r[col]!r}, derive.py rules say {want[col]!r}")
    for code, name in ((0x00FF, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV"), (0x5600, "TLS_FALLBACK_SCSV"),
                       (0x1301, "TLS_AES_128_GCM_SHA256"), (0xC02F, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")):
        C.check(code in by_code and by_code[code]["iana_name"] == name,
                f"{fname}: expected {name} at 0x{code:04x}")
    n = len(rows)
    C.check(350 <= n <= 420, f"{fname}: {n} rows, expected roughly 370-400")
    return by_code


def check_ssl2():
    fname = "ssl2_ciphers.csv"
    t = load(fname)
    if not t:
        return
    _, _, rows = t
    check_codes(fname, rows, nbytes=3)
    check_unique(fname, rows, "name", allow_empty=False)
    check_unique(fname, rows, "openssl_name")
    for r in rows:
        w = where(fname, r)
        check_enum(fname, r, "enc", tlscat.ENC)
        check_source(fname, r)
        C.check(re.fullmatch(r"SSL_CK_[A-Z0-9_]+", r["name"]) is not None, f"{w}: name {r['name']!r}")
        C.check(re.fullmatch(r"[0-9]+", r["enc_bits"]) is not None, f"{w}: enc_bits {r['enc_bits']!r}")
        flags = r["flags"].split("|") if r["flags"] else []
        C.check(set(flags) <= {"export", "null"}, f"{w}: flags {r['flags']!r}")
        C.check(("export" in flags) == (r["enc_bits"] == "40"), f"{w}: export flag vs enc_bits")
        # the key length byte pair is the cipher's nominal key size in bits
        nominal = int(r["code"], 16) & 0xFFFF
        C.check(nominal in (0x40, 0x80, 0xC0), f"{w}: odd key-size bytes in {r['code']}")


def check_groups():
    fname = "groups.csv"
    t = load(fname)
    if not t:
        return {}
    _, _, rows = t
    by_code = check_codes(fname, rows, nbytes=2)
    check_unique(fname, rows, "name", allow_empty=False)
    check_unique(fname, rows, "openssl_name")
    for r in rows:
        w = where(fname, r)
        check_enum(fname, r, "kind", tlscat.GROUP_KIND)
        check_enum(fname, r, "min_version", tlscat.VERSIONS)
        check_enum(fname, r, "registry", tlscat.REGISTRY)
        check_source(fname, r)
        ks = r["key_share_bytes"]
        C.check(ks == "" or re.fullmatch(r"[1-9][0-9]*", ks) is not None, f"{w}: key_share_bytes {ks!r}")
        name, kind = r["name"], r["kind"]
        if r["min_version"] == "tls1.3" or kind in ("kem", "hybrid"):
            C.check(ks != "", f"{w}: TLS 1.3 group without key_share_bytes")
        if kind == "explicit":
            C.check(ks == "", f"{w}: explicit curves have no TLS 1.3 key share")
        m = re.fullmatch(r"ffdhe(\d+)", name)
        if m:
            C.check(kind == "ffdhe" and ks == str(int(m.group(1)) // 8), f"{w}: ffdhe key share size")
        m = re.fullmatch(r"(?:secp|brainpoolP)(\d+)r1(tls13)?", name)
        if m and ks:
            C.check(ks == str(1 + 2 * ((int(m.group(1)) + 7) // 8)), f"{w}: uncompressed point size")
    for code, name in ((0x0017, "secp256r1"), (0x001D, "x25519"), (0x0100, "ffdhe2048"),
                       (0x11EC, "X25519MLKEM768")):
        C.check(code in by_code and by_code[code]["name"] == name, f"{fname}: expected {name} at 0x{code:04x}")
    # hybrids are the sum of their parts (draft-ietf-tls-ecdhe-mlkem)
    parts = {r["name"]: int(r["key_share_bytes"]) for r in rows if r["key_share_bytes"]}
    for hy, a, b in (("X25519MLKEM768", "MLKEM768", "x25519"),
                     ("SecP256r1MLKEM768", "secp256r1", "MLKEM768"),
                     ("SecP384r1MLKEM1024", "secp384r1", "MLKEM1024"),
                     ("X25519Kyber768Draft00", "x25519", "MLKEM768"),
                     ("SecP256r1Kyber768Draft00", "secp256r1", "MLKEM768"),
                     ("curveSM2MLKEM768", "curveSM2", "MLKEM768")):
        if hy in parts:
            C.check(parts[hy] == parts.get(a, 0) + parts.get(b, 0), f"{fname}: {hy} key share != {a} + {b}")
    return by_code


def check_sigalgs():
    fname = "sigalgs.csv"
    t = load(fname)
    if not t:
        return {}
    _, _, rows = t
    by_code = check_codes(fname, rows, nbytes=2)
    check_unique(fname, rows, "name", allow_empty=False)
    check_unique(fname, rows, "openssl_name")
    hash_byte = {1: "md5", 2: "sha1", 3: "sha224", 4: "sha256", 5: "sha384", 6: "sha512", 8: "intrinsic"}
    sig_byte = {1: "rsa_pkcs1", 2: "dsa", 3: "ecdsa", 64: "gost", 65: "gost"}
    for r in rows:
        w = where(fname, r)
        check_enum(fname, r, "sig", tlscat.SIG)
        check_enum(fname, r, "hash", tlscat.HASH)
        check_enum(fname, r, "tls13", tlscat.YESNO)
        check_enum(fname, r, "registry", tlscat.REGISTRY)
        check_source(fname, r)
        code = int(r["code"], 16) if re.fullmatch(r"0x[0-9a-f]{4}", r["code"]) else -1
        hi, lo = code >> 8, code & 0xFF
        # TLS 1.2 SignatureAndHashAlgorithm pairs: {hash, signature} bytes
        if hi in hash_byte and lo in sig_byte and not (hi == 8 and lo < 64):
            C.check(r["hash"] == hash_byte[hi] and r["sig"] == sig_byte[lo],
                    f"{w}: {r['code']} is hash {hash_byte[hi]} + sig {sig_byte[lo]}")
        if r["tls13"] == "yes":
            C.check(r["hash"] not in ("md5", "sha1", "sha224") and r["sig"] != "dsa",
                    f"{w}: {r['name']} cannot be a TLS 1.3 signature scheme")
    for code, name in ((0x0804, "rsa_pss_rsae_sha256"), (0x0403, "ecdsa_secp256r1_sha256"),
                       (0x0807, "ed25519"), (0x0201, "rsa_pkcs1_sha1")):
        C.check(code in by_code and by_code[code]["name"] == name, f"{fname}: expected {name} at 0x{code:04x}")
    return by_code


def check_alerts():
    fname = "alerts.csv"
    t = load(fname)
    if not t:
        return
    _, _, rows = t
    by_code = check_codes(fname, rows, decimal=True)
    check_unique(fname, rows, "name", allow_empty=False)
    for r in rows:
        check_source(fname, r)
        C.check(r["description"] != "", f"{where(fname, r)}: empty description")
        C.check(re.fullmatch(r"[a-z0-9_]+", r["name"]) is not None, f"{where(fname, r)}: name {r['name']!r}")
    for code, name in ((0, "close_notify"), (40, "handshake_failure"), (41, "no_certificate"),
                       (70, "protocol_version"), (86, "inappropriate_fallback"),
                       (112, "unrecognized_name"), (116, "certificate_required"),
                       (120, "no_application_protocol")):
        C.check(code in by_code and by_code[code]["name"] == name, f"{fname}: expected {name} at {code}")


def check_extensions():
    fname = "extensions.csv"
    t = load(fname)
    if not t:
        return
    _, _, rows = t
    by_code = check_codes(fname, rows, nbytes=2)
    check_unique(fname, rows, "name", allow_empty=False)
    for r in rows:
        check_source(fname, r)
        code = int(r["code"], 16)
        # RFC 8701 GREASE values are a pattern, handled in code, never listed
        C.check(not (code & 0x0F0F == 0x0A0A and code >> 12 == (code >> 4) & 0xF),
                f"{where(fname, r)}: GREASE value listed")
    for code, name in ((0x0000, "server_name"), (0x000a, "supported_groups"), (0x0033, "key_share"),
                       (0x002b, "supported_versions"), (0xff01, "renegotiation_info"),
                       (0xfe0d, "encrypted_client_hello"), (0x3374, "next_protocol_negotiation")):
        C.check(code in by_code and by_code[code]["name"] == name, f"{fname}: expected {name} at 0x{code:04x}")


def check_versions():
    fname = "versions.csv"
    t = load(fname)
    if not t:
        return {}
    _, _, rows = t
    by_code = check_codes(fname, rows, nbytes=2)
    check_unique(fname, rows, "name", allow_empty=False)
    check_unique(fname, rows, "openssl_name")
    for r in rows:
        check_source(fname, r)
    for code, name, oname in ((0x0300, "SSLv3", "SSLv3"), (0x0301, "TLSv1.0", "TLSv1"),
                              (0x0302, "TLSv1.1", "TLSv1.1"), (0x0303, "TLSv1.2", "TLSv1.2"),
                              (0x0304, "TLSv1.3", "TLSv1.3")):
        C.check(code in by_code and by_code[code]["name"] == name and by_code[code]["openssl_name"] == oname,
                f"{fname}: expected {name}/{oname} at 0x{code:04x}")
    return by_code


# ---------------------------------------------------------------- tools

def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          timeout=60, **kw)


def check_openssl_ciphers(suites):
    out = run(["openssl", "ciphers", "-V", "ALL:COMPLEMENTOFALL:@SECLEVEL=0"]).stdout
    tls13 = [r["openssl_name"] for r in suites.values()
             if r["min_version"] == "tls1.3" and r["openssl_name"]]
    # also the TLS 1.3 suites that are known but not enabled by default
    for name in tls13:
        p = run(["openssl", "ciphers", "-V", "-ciphersuites", name, "NULL-SHA256:@SECLEVEL=0"])
        if p.returncode == 0:
            out += p.stdout
    seen = 0
    for line in out.splitlines():
        m = re.match(r"\s*0x([0-9A-F]{2}),0x([0-9A-F]{2}) - (\S+)\s", line)
        if not m:
            continue
        seen += 1
        code, name = int(m.group(1) + m.group(2), 16), m.group(3)
        r = suites.get(code)
        C.check(r is not None and r["openssl_name"] == name,
                f"openssl prints {name} as 0x{code:04x}; table has "
                f"{(r['openssl_name'] or '(no openssl_name)') if r else '(no row)'} there")
    C.check(seen >= 100, f"openssl ciphers -V printed only {seen} suites")
    print(f"info openssl ciphers: {seen} suites compared ({run(['openssl', 'version']).stdout.strip()})")


def check_gnutls_ciphers(suites):
    out = run(["gnutls-cli", "-l"]).stdout
    seen = set()
    for line in out.splitlines():
        m = re.match(r"(TLS_\S+)\s+0x([0-9a-f]{2}), 0x([0-9a-f]{2})\s", line)
        if not m:
            continue
        code, name = int(m.group(2) + m.group(3), 16), m.group(1)
        seen.add(name)
        r = suites.get(code)
        C.check(r is not None and r["gnutls_name"] == name,
                f"gnutls-cli -l prints {name} as 0x{code:04x}; table has "
                f"{(r['gnutls_name'] or '(no gnutls_name)') if r else '(no row)'} there")
    C.check(len(seen) >= 100, f"gnutls-cli -l printed only {len(seen)} suites")
    for r in suites.values():
        if r["gnutls_name"] and r["gnutls_name"] not in seen:
            C.warn(f"{r['code']} gnutls_name {r['gnutls_name']} not known to the local gnutls-cli")
    ver = run(["gnutls-cli", "--version"]).stdout.splitlines()[:1]
    print(f"info gnutls-cli -l: {len(seen)} suites compared ({' '.join(ver)})")


def _read_client_hello(conn):
    """Reads handshake records until one ClientHello is complete; returns its body."""
    conn.settimeout(10)
    buf = b""
    hs = b""
    while True:
        while len(buf) < 5:
            d = conn.recv(65536)
            if not d:
                raise EOFError("connection closed before a ClientHello")
            buf += d
        ctype, _, length = struct.unpack("!BHH", buf[:5])
        while len(buf) < 5 + length:
            d = conn.recv(65536)
            if not d:
                raise EOFError("truncated record")
            buf += d
        if ctype != 22:
            raise ValueError(f"record type {ctype}, expected handshake")
        hs += buf[5:5 + length]
        buf = buf[5 + length:]
        if len(hs) >= 4:
            mlen = int.from_bytes(hs[1:4], "big")
            if len(hs) >= 4 + mlen:
                if hs[0] != 1:
                    raise ValueError("first handshake message is not a ClientHello")
                return hs[4:4 + mlen]


def _extensions(ch):
    p = 2 + 32
    p += 1 + ch[p]                                       # session id
    p += 2 + int.from_bytes(ch[p:p + 2], "big")          # cipher suites
    p += 1 + ch[p]                                       # compression methods
    end = p + 2 + int.from_bytes(ch[p:p + 2], "big")
    p += 2
    exts = {}
    while p < end:
        etype, elen = struct.unpack("!HH", ch[p:p + 4])
        exts[etype] = ch[p + 4:p + 4 + elen]
        p += 4 + elen
    return exts


def capture_client_hello(extra_args):
    """Runs `openssl s_client` against a loopback socket that only reads the
    ClientHello. Returns (extensions dict or None, s_client stderr)."""
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)
    srv.settimeout(15)
    port = srv.getsockname()[1]
    result = {}

    def serve():
        try:
            conn, _ = srv.accept()
            with conn:
                result["ch"] = _read_client_hello(conn)
        except Exception as e:  # noqa: BLE001 - reported below
            result["err"] = str(e)

    th = threading.Thread(target=serve)
    th.start()
    cmd = ["openssl", "s_client", "-connect", f"127.0.0.1:{port}", "-servername", "catalog.invalid",
           "-cipher", "ALL:@SECLEVEL=0"] + extra_args
    p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True, timeout=30)
    if th.is_alive() and "ch" not in result:
        # s_client gave up before connecting: release the accept() call
        try:
            socket.create_connection(("127.0.0.1", port), timeout=5).close()
        except OSError:
            pass
    th.join(20)
    srv.close()
    if "ch" not in result:
        return None, p.stderr + p.stdout + result.get("err", "")
    return _extensions(result["ch"]), ""


def _u16_list(data, prefix_len):
    n = int.from_bytes(data[:prefix_len], "big")
    body = data[prefix_len:prefix_len + n]
    return [int.from_bytes(body[i:i + 2], "big") for i in range(0, len(body), 2)]


def check_wire_names(fname, table, option, ext_type):
    """openssl_name -> code, as the local openssl puts it on the wire."""
    newer = NEWER_OPENSSL.get(fname, set())
    tested = 0
    for code, r in sorted(table.items()):
        name = r["openssl_name"]
        if not name:
            continue
        got = None
        err = ""
        for extra in ([], ["-no_tls1_3"]):
            exts, err = capture_client_hello([option, name] + extra)
            if exts is None:
                if "SSL_CONF_cmd" in err or "cannot be set" in err or "Error with" in err:
                    break                      # name rejected by this openssl
                continue
            if ext_type in exts:
                got = _u16_list(exts[ext_type], 2)
                if got:
                    break
        if got is None:
            first = next((ln for ln in err.splitlines() if ln.strip()), "no ClientHello captured")
            C.check(name in newer, f"{fname}: local openssl rejects openssl_name {name!r} "
                                   f"(0x{code:04x}): {first.strip()}; fix it or list it in NEWER_OPENSSL")
            continue
        tested += 1
        C.check(got == [code], f"{fname}: openssl sends {name!r} as "
                               f"{', '.join('0x%04x' % c for c in got)}; table says 0x{code:04x}")
        if name in newer:
            C.warn(f"{fname}: {name!r} is accepted locally now; drop it from NEWER_OPENSSL")
    print(f"info {fname}: {tested} openssl names checked on the wire")


def check_versions_openssl(versions):
    names = {r["openssl_name"] for r in versions.values() if r["openssl_name"]}
    out = run(["openssl", "ciphers", "-v", "ALL:COMPLEMENTOFALL:@SECLEVEL=0"]).stdout
    for v in sorted({line.split()[1] for line in out.splitlines() if len(line.split()) > 1}):
        C.check(v in names, f"versions.csv: openssl prints protocol {v!r}, not an openssl_name")


def main(argv):
    use_tools = "--no-tools" not in argv[1:]
    suites = check_cipher_suites()
    check_ssl2()
    groups = check_groups()
    sigalgs = check_sigalgs()
    check_alerts()
    check_extensions()
    versions = check_versions()

    if use_tools:
        missing = [t for t in ("openssl", "gnutls-cli") if shutil.which(t) is None]
        if missing:
            C.check(False, f"missing tools: {', '.join(missing)} (run scripts/setup.sh --with-tests, "
                           f"or pass --no-tools)")
        else:
            # a table that did not load has already failed; comparing it would only add noise
            if suites:
                check_openssl_ciphers(suites)
                check_gnutls_ciphers(suites)
            if groups:
                check_wire_names("groups.csv", groups, "-groups", 0x000A)
            if sigalgs:
                check_wire_names("sigalgs.csv", sigalgs, "-sigalgs", 0x000D)
            if versions:
                check_versions_openssl(versions)
    else:
        print("info --no-tools: skipped the openssl and gnutls-cli cross-checks")

    if C.warnings:
        print(f"info {C.warnings} warnings")
    print(f"catalog checks: {C.passed} held, {C.failed} broken")
    return 1 if C.failed else 0


if __name__ == "__main__":
    os.chdir(tlscat.REPO)
    sys.exit(main(sys.argv))
