"""Shared helpers for the code-point tables in data/iana/.

Reading and writing the CSV dialect the C++ catalog loader expects (UTF-8,
comma separated, exact header on the first non-comment line, '#' comments only
at the top, never any quoting), the allowed enum values, and the rules that
derive the cipher-suite columns kx/auth/enc/enc_bits/mac/min_version/
max_version/flags from a suite's IANA-style name.

Standard library only: this runs in CI.
"""

import os
import re

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DATA = os.path.join(REPO, "data", "iana")

HEADERS = {
    "cipher_suites.csv": "code,iana_name,openssl_name,gnutls_name,kx,auth,enc,enc_bits,mac,"
                         "min_version,max_version,flags,registry,source",
    "ssl2_ciphers.csv": "code,name,openssl_name,enc,enc_bits,flags,source",
    "groups.csv": "code,name,openssl_name,kind,key_share_bytes,min_version,registry,source",
    "sigalgs.csv": "code,name,openssl_name,sig,hash,tls13,registry,source",
    "alerts.csv": "code,name,description,source",
    "extensions.csv": "code,name,source",
    "versions.csv": "code,name,openssl_name,source",
}

# ---------------------------------------------------------------- enums

KX = {"RSA", "RSA_EXPORT", "DH", "DHE", "ECDH", "ECDHE", "PSK", "DHE_PSK", "RSA_PSK",
      "ECDHE_PSK", "SRP", "KRB5", "GOST", "ECCPWD", "NULL", "ANY", "SCSV"}
AUTH = {"RSA", "DSS", "ECDSA", "anon", "PSK", "SRP", "KRB5", "GOST", "SHA", "ANY", "NULL", "SCSV"}
ENC = {"NULL", "RC4", "RC2", "DES40", "DES", "3DES", "IDEA", "SEED",
       "AES_128_CBC", "AES_256_CBC", "AES_128_GCM", "AES_256_GCM",
       "AES_128_CCM", "AES_256_CCM", "AES_128_CCM_8", "AES_256_CCM_8",
       "CAMELLIA_128_CBC", "CAMELLIA_256_CBC", "CAMELLIA_128_GCM", "CAMELLIA_256_GCM",
       "ARIA_128_CBC", "ARIA_256_CBC", "ARIA_128_GCM", "ARIA_256_GCM",
       "CHACHA20_POLY1305", "SM4_GCM", "SM4_CCM", "AEGIS_128L", "AEGIS_256",
       "GOST28147", "KUZNYECHIK_CTR", "MAGMA_CTR",
       "KUZNYECHIK_MGM_L", "KUZNYECHIK_MGM_S", "MAGMA_MGM_L", "MAGMA_MGM_S"}
MAC = {"NULL", "MD5", "SHA", "SHA256", "SHA384", "AEAD",
       "GOST28147", "GOSTR3411", "STREEBOG256", "KUZNYECHIK_OMAC", "MAGMA_OMAC"}
VERSIONS = ["ssl3", "tls1.0", "tls1.1", "tls1.2", "tls1.3"]   # ordered
FLAGS = ["aead", "pfs", "export", "null", "anon", "scsv", "tls13"]  # canonical order
REGISTRY = {"iana", "nonstandard"}
GROUP_KIND = {"ec", "ffdhe", "hybrid", "kem", "explicit"}
SIG = {"rsa_pkcs1", "rsa_pss_rsae", "rsa_pss_pss", "ecdsa", "ed25519", "ed448", "dsa",
       "mldsa", "gost", "sm2", "anon"}
HASH = {"md5", "sha1", "sha224", "sha256", "sha384", "sha512", "intrinsic"}
YESNO = {"yes", "no"}

# ---------------------------------------------------------------- CSV I/O

_FIELD_OK = re.compile(r'^[^,"\r\n]*$')


class TableError(Exception):
    pass


def read_table(filename):
    """Returns (comment_lines, header_fields, rows) where rows are dicts.

    Enforces the dialect: comments only before the header, exact header,
    same field count on every line, no quotes, no CR, no empty lines."""
    path = os.path.join(DATA, filename)
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise TableError(f"{filename}: not UTF-8: {e}")
    if text.startswith("\ufeff"):
        raise TableError(f"{filename}: has a byte-order mark")
    if "\r" in text:
        raise TableError(f"{filename}: has CR characters (use LF line ends)")
    if not text.endswith("\n"):
        raise TableError(f"{filename}: last line has no newline")
    lines = text[:-1].split("\n")
    comments = []
    i = 0
    while i < len(lines) and lines[i].startswith("#"):
        comments.append(lines[i])
        i += 1
    if i == len(lines):
        raise TableError(f"{filename}: no header line")
    header = lines[i]
    if header != HEADERS[filename]:
        raise TableError(f"{filename}: header is {header!r}, expected {HEADERS[filename]!r}")
    fields = header.split(",")
    rows = []
    for n, line in enumerate(lines[i + 1:], start=i + 2):
        if line == "":
            raise TableError(f"{filename}:{n}: empty line")
        if line.startswith("#"):
            raise TableError(f"{filename}:{n}: comment after the header")
        if '"' in line:
            raise TableError(f"{filename}:{n}: quote character (quoting is never used)")
        parts = line.split(",")
        if len(parts) != len(fields):
            raise TableError(f"{filename}:{n}: {len(parts)} fields, expected {len(fields)}")
        for p in parts:
            if p != p.strip():
                raise TableError(f"{filename}:{n}: field {p!r} has surrounding spaces")
        row = dict(zip(fields, parts))
        row["_line"] = n
        rows.append(row)
    return comments, fields, rows


def write_table(filename, comments, fields, rows):
    out = list(comments)
    out.append(",".join(fields))
    for r in rows:
        vals = [str(r.get(f, "")) for f in fields]
        for v in vals:
            if not _FIELD_OK.match(v):
                raise TableError(f"{filename}: value {v!r} needs quoting; not allowed")
        out.append(",".join(vals))
    path = os.path.join(DATA, filename)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out) + "\n")


# ---------------------------------------------------------------- cipher suites

# Prefix (between TLS_/SSL_ and _WITH_) -> (kx, auth). _EXPORT/_EXPORT1024 are
# stripped first and turn on the export flag.
_KX_AUTH = {
    "NULL": ("NULL", "NULL"),
    "RSA": ("RSA", "RSA"),
    "RSA_FIPS": ("RSA", "RSA"),
    "RSA_OLDFIPS": ("RSA", "RSA"),
    "DH_DSS": ("DH", "DSS"),
    "DH_RSA": ("DH", "RSA"),
    "DHE_DSS": ("DHE", "DSS"),
    "DHE_RSA": ("DHE", "RSA"),
    "DH_anon": ("DH", "anon"),
    "KRB5": ("KRB5", "KRB5"),
    "PSK": ("PSK", "PSK"),
    "DHE_PSK": ("DHE_PSK", "PSK"),
    "PSK_DHE": ("DHE_PSK", "PSK"),        # IANA's spelling for 0xC0AA/0xC0AB
    "RSA_PSK": ("RSA_PSK", "RSA"),
    "ECDHE_PSK": ("ECDHE_PSK", "PSK"),
    "ECDH_ECDSA": ("ECDH", "ECDSA"),
    "ECDH_RSA": ("ECDH", "RSA"),
    "ECDHE_ECDSA": ("ECDHE", "ECDSA"),
    "ECDHE_RSA": ("ECDHE", "RSA"),
    "ECDH_anon": ("ECDH", "anon"),
    "SRP_SHA": ("SRP", "SRP"),
    "SRP_SHA_RSA": ("SRP", "RSA"),
    "SRP_SHA_DSS": ("SRP", "DSS"),
    "ECCPWD": ("ECCPWD", "SHA"),
    "GOSTR341094": ("GOST", "GOST"),
    "GOSTR341001": ("GOST", "GOST"),
    "GOSTR341112_256": ("GOST", "GOST"),
}

# Cipher token (after _WITH_, MAC removed) -> (enc, effective bits, aead)
_CIPHERS = {
    "NULL": ("NULL", 0, False),
    "RC4_40": ("RC4", 40, False),
    "RC4_56": ("RC4", 56, False),
    "RC4_128": ("RC4", 128, False),
    "RC2_CBC_40": ("RC2", 40, False),
    "RC2_CBC_56": ("RC2", 56, False),
    "DES40_CBC": ("DES40", 40, False),
    "DES_CBC_40": ("DES40", 40, False),
    "DES_CBC": ("DES", 56, False),
    "3DES_EDE_CBC": ("3DES", 112, False),
    "IDEA_CBC": ("IDEA", 128, False),
    "SEED_CBC": ("SEED", 128, False),
    "AES_128_CBC": ("AES_128_CBC", 128, False),
    "AES_256_CBC": ("AES_256_CBC", 256, False),
    "AES_128_GCM": ("AES_128_GCM", 128, True),
    "AES_256_GCM": ("AES_256_GCM", 256, True),
    "AES_128_CCM": ("AES_128_CCM", 128, True),
    "AES_256_CCM": ("AES_256_CCM", 256, True),
    "AES_128_CCM_8": ("AES_128_CCM_8", 128, True),
    "AES_256_CCM_8": ("AES_256_CCM_8", 256, True),
    "CAMELLIA_128_CBC": ("CAMELLIA_128_CBC", 128, False),
    "CAMELLIA_256_CBC": ("CAMELLIA_256_CBC", 256, False),
    "CAMELLIA_128_GCM": ("CAMELLIA_128_GCM", 128, True),
    "CAMELLIA_256_GCM": ("CAMELLIA_256_GCM", 256, True),
    "ARIA_128_CBC": ("ARIA_128_CBC", 128, False),
    "ARIA_256_CBC": ("ARIA_256_CBC", 256, False),
    "ARIA_128_GCM": ("ARIA_128_GCM", 128, True),
    "ARIA_256_GCM": ("ARIA_256_GCM", 256, True),
    "CHACHA20_POLY1305": ("CHACHA20_POLY1305", 256, True),
    "SM4_GCM": ("SM4_GCM", 128, True),
    "SM4_CCM": ("SM4_CCM", 128, True),
    "AEGIS_128L": ("AEGIS_128L", 128, True),
    "AEGIS_256": ("AEGIS_256", 256, True),
    "28147_CNT": ("GOST28147", 256, False),
    "KUZNYECHIK_CTR": ("KUZNYECHIK_CTR", 256, False),
    "MAGMA_CTR": ("MAGMA_CTR", 256, False),
    "KUZNYECHIK_MGM_L": ("KUZNYECHIK_MGM_L", 256, True),
    "KUZNYECHIK_MGM_S": ("KUZNYECHIK_MGM_S", 256, True),
    "MAGMA_MGM_L": ("MAGMA_MGM_L", 256, True),
    "MAGMA_MGM_S": ("MAGMA_MGM_S", 256, True),
}

# MAC suffix of the name -> mac column value. Longest first.
_MACS = [
    ("_GOST89STREAM", "GOST28147"),   # OpenSSL 1.0.x GOST-GOST89STREAM
    ("_GOST89MAC", "GOST28147"),      # OpenSSL 1.0.x GOST-GOST89MAC
    ("_GOSTR3411", "GOSTR3411"),
    ("_GOST94", "GOSTR3411"),
    ("_IMIT", "GOST28147"),
    ("_SHA384", "SHA384"),
    ("_SHA256", "SHA256"),
    ("_SHA", "SHA"),
    ("_MD5", "MD5"),
    ("_NULL", "NULL"),
]

PFS_KX = {"DHE", "ECDHE", "DHE_PSK", "ECDHE_PSK", "ECCPWD"}
_SSL3_KX = {"RSA", "RSA_EXPORT", "DH", "DHE", "NULL"}   # key exchanges SSL 3.0 itself defines
_PSK_KX = {"PSK", "DHE_PSK", "RSA_PSK", "ECDHE_PSK"}

# TLS 1.3 cipher suites whose IANA name nevertheless contains _WITH_ (RFC 9367).
_TLS13_WITH = {0xC103, 0xC104, 0xC105, 0xC106}


class DeriveError(Exception):
    pass


def derive_suite(code, name):
    """Derived columns for one TLS/SSL3 cipher suite, from its code and its
    IANA-style name. Returns a dict with kx, auth, enc, enc_bits, mac,
    min_version, max_version, flags (enc_bits as str)."""
    if name.endswith("_SCSV"):
        return dict(kx="SCSV", auth="SCSV", enc="", enc_bits="", mac="",
                    min_version="ssl3", max_version="tls1.2", flags="scsv")

    m = re.match(r"^(TLS|SSL)_(.*)$", name)
    if not m:
        raise DeriveError(f"{name}: does not start with TLS_ or SSL_")
    body = m.group(2)
    if body.endswith("_OLD"):      # pre-standard code point of a suite IANA later assigned
        body = body[: -len("_OLD")]
    export = False
    tls13 = "_WITH_" not in body or code in _TLS13_WITH

    if tls13:
        kx, auth = "ANY", "ANY"
        rest = body.split("_WITH_", 1)[1] if "_WITH_" in body else body
        if rest in ("SHA256_SHA256", "SHA384_SHA384"):       # RFC 9150 integrity-only
            enc, bits, aead = "NULL", 0, False
            mac = rest.split("_")[0]
        else:
            mac = "AEAD"
            for suf in ("_SHA256", "_SHA384", "_SHA512", "_SM3"):
                if rest.endswith(suf):
                    rest = rest[: -len(suf)]
                    break
            if rest not in _CIPHERS:
                raise DeriveError(f"{name}: unknown TLS 1.3 cipher {rest!r}")
            enc, bits, aead = _CIPHERS[rest]
            if not aead:
                raise DeriveError(f"{name}: TLS 1.3 cipher {rest!r} is not an AEAD")
    else:
        prefix, rest = body.split("_WITH_", 1)
        for suf in ("_EXPORT1024", "_EXPORT"):
            if prefix.endswith(suf):
                prefix = prefix[: -len(suf)]
                export = True
                break
        if prefix not in _KX_AUTH:
            raise DeriveError(f"{name}: unknown key exchange {prefix!r}")
        kx, auth = _KX_AUTH[prefix]
        if kx == "RSA" and export:
            kx = "RSA_EXPORT"
        # GOST R 34.12-2015 suites (RFC 9189): cipher and its OMAC
        gm = re.match(r"^(KUZNYECHIK|MAGMA)_CTR_OMAC$", rest)
        if gm:
            enc, bits, aead = _CIPHERS[gm.group(1) + "_CTR"]
            mac = gm.group(1) + "_OMAC"
        elif rest == "NULL_NULL":
            enc, bits, aead, mac = "NULL", 0, False, "NULL"
        else:
            mac = None
            cipher = rest
            for suf, val in _MACS:
                if rest.endswith(suf) and rest[: -len(suf)] in _CIPHERS:
                    cipher, mac = rest[: -len(suf)], val
                    break
            if cipher not in _CIPHERS:
                raise DeriveError(f"{name}: unknown cipher {rest!r}")
            enc, bits, aead = _CIPHERS[cipher]
            if aead:
                mac = "AEAD"
            elif mac is None:
                raise DeriveError(f"{name}: no MAC in {rest!r}")
    if mac not in MAC:
        raise DeriveError(f"{name}: MAC {mac!r} not in the allowed set")

    # ---- versions
    if tls13:
        lo, hi = "tls1.3", "tls1.3"
    elif export:
        lo = "ssl3" if kx in _SSL3_KX else "tls1.0"
        hi = "tls1.0"                       # RFC 4346: MUST NOT be negotiated in TLS 1.1
    elif (aead or mac in ("SHA256", "SHA384") or enc in ("KUZNYECHIK_CTR", "MAGMA_CTR")
          or kx == "ECCPWD" or (kx == "GOST" and code in (0xC102,))):
        # TLS 1.2-only: GCM/CCM/ChaCha20 (RFC 5288/6655/7905...), the
        # SHA-256/384 HMAC and PRF suites (RFC 5246/5289/5932/6209/6367),
        # GOST TLS 1.2 (RFC 9189), TLS-PWD (RFC 8492).
        lo, hi = "tls1.2", "tls1.2"
        # RFC 5487, RFC 5489 and RFC 6367 allow their PSK CBC/NULL suites with
        # SHA-256/384 HMAC in TLS 1.0/1.1 too (with that version's PRF).
        if kx in _PSK_KX and not aead and mac in ("SHA256", "SHA384") \
                and not enc.startswith("ARIA"):
            lo = "tls1.0"
    else:
        # Legacy SHA-1/MD5 HMAC suites. SSL 3.0 defined RSA/DH/DHE/anon-DH
        # key exchange; ECC, PSK, SRP, Kerberos and GOST suites are TLS-only.
        lo = "ssl3" if kx in _SSL3_KX else "tls1.0"
        hi = "tls1.2"
        # RFC 5246 removed single DES and IDEA (RFC 5469): TLS 1.1 at most.
        if enc in ("DES", "IDEA"):
            hi = "tls1.1"

    flags = set()
    if aead:
        flags.add("aead")
    if kx in PFS_KX or tls13:
        flags.add("pfs")
    if export:
        flags.add("export")
    if enc == "NULL":
        flags.add("null")
    if auth == "anon":
        flags.add("anon")
    if tls13:
        flags.add("tls13")
    return dict(kx=kx, auth=auth, enc=enc, enc_bits=str(bits), mac=mac,
                min_version=lo, max_version=hi,
                flags="|".join(f for f in FLAGS if f in flags))


# Rows whose name does not carry enough information, or whose defining
# document says otherwise. Each override lists only the columns it changes.
SUITE_OVERRIDES = {
    # OpenSSL 1.0.x GOST engine suites: RSA key transport, GOST 28147-89
    # counter mode; OpenSSL only enabled them for TLS 1.0 and later.
    0xFF00: dict(min_version="tls1.0"),
    0xFF01: dict(min_version="tls1.0"),
    0xFF02: dict(min_version="tls1.0"),
    0xFF03: dict(min_version="tls1.0"),
    # OpenSSL GOST2012-NULL-GOST12: HMAC with GOST R 34.11-2012 (Streebog-256),
    # not the GOST R 34.11-94 that the ..._GOSTR3411 name suggests.
    0xFF87: dict(mac="STREEBOG256"),
}

DERIVED_SUITE_COLUMNS = ["kx", "auth", "enc", "enc_bits", "mac", "min_version",
                         "max_version", "flags"]


def derive_suite_row(code, name):
    d = derive_suite(code, name)
    d.update(SUITE_OVERRIDES.get(code, {}))
    return d


def parse_code(s, nbytes):
    """'0x003d' -> 0x3d; enforces lower-case, 2*nbytes hex digits."""
    if not re.fullmatch(r"0x[0-9a-f]{%d}" % (2 * nbytes), s):
        raise ValueError(f"code {s!r} is not 0x + {2 * nbytes} lower-case hex digits")
    return int(s, 16)
