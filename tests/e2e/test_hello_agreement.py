"""`tlsdoctor hello` against `openssl s_client` on real lab servers.

Both clients offer the same versions, cipher suites (OpenSSL's own full list, in
OpenSSL's order), groups, key share and signature schemes, so the server has the
same choice to make twice; the version, suite and (for TLS 1.3) group it picks
must agree. A server that answers tlsdoctor with a HelloRetryRequest is compared
on the suite and group the HRR names, which s_client then negotiates.
"""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from tests.lab.clients import gnutls_cli, s_client

GROUPS = ["x25519", "secp256r1", "secp384r1", "secp521r1", "x448", "ffdhe2048", "ffdhe3072"]
OPENSSL_GROUPS = "X25519:P-256:P-384:P-521:X448:ffdhe2048:ffdhe3072"
SIGALGS = ["ecdsa_secp256r1_sha256", "ecdsa_secp384r1_sha384", "ecdsa_secp521r1_sha512",
           "ed25519", "ed448", "rsa_pss_rsae_sha256", "rsa_pss_rsae_sha384", "rsa_pss_rsae_sha512",
           "rsa_pkcs1_sha256", "rsa_pkcs1_sha384", "rsa_pkcs1_sha512", "ecdsa_sha1", "rsa_pkcs1_sha1"]
OPENSSL_SIGALGS = ":".join({"ecdsa_sha1": "ECDSA+SHA1", "rsa_pkcs1_sha1": "RSA+SHA1"}.get(s, s)
                           for s in SIGALGS)
CIPHER_STRING = "ALL:COMPLEMENTOFALL:@SECLEVEL=0"
TLS13_SUITES = "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256"

# scenario -> (tlsdoctor version flag, extra s_client flags); None = all versions.
SCENARIOS = {
    "story": ("--tls1.2", "-tls1_2"),
    "story2": ("--tls1.2", "-tls1_2"),
    "rsa_kex_only": (None, None),
    "tls10_only": (None, None),
    "tls11_only": (None, None),
    "dhe_1024": (None, None),
    "dhe_2048": (None, None),
    "des3_only": (None, None),
    "camellia_only": (None, None),
    "tls13_only_aes256": (None, None),
    "tls13_only_chacha": (None, None),
    "tls13_p521_only": (None, None),
    "tls13_ffdhe2048_only": (None, None),
    "x448_only": (None, None),
    "rsa4096_cert": (None, None),
    "ecdsa_p384": (None, None),
    "sha1_ske": (None, None),
    # OpenSSL 3 aborts on a ServerHello without renegotiation_info unless told not to.
    "no_secure_reneg": (None, "-legacy_server_connect"),
    "modern": (None, None),
    "wide": (None, None),
    "gnutls_modern": (None, None),
    "server_order": (None, None),
    "client_order": (None, None),
    "dual_cert": (None, None),
}

OPENSSL_GROUP_NAMES = {"X25519": "x25519", "X448": "x448", "P-256": "secp256r1",
                       "P-384": "secp384r1", "P-521": "secp521r1", "prime256v1": "secp256r1",
                       "secp384r1": "secp384r1", "secp521r1": "secp521r1"}


@pytest.fixture(scope="module")
def openssl_suite_order() -> list[str]:
    """OpenSSL's full offer, as hex codes in its order (TLS 1.3 suites first)."""
    out = subprocess.run(["openssl", "ciphers", "-V", "-ciphersuites", TLS13_SUITES, CIPHER_STRING],
                         capture_output=True, text=True, check=True).stdout
    codes = [f"0x{m.group(1)}{m.group(2)}".lower()
             for m in re.finditer(r"0x([0-9A-F]{2}),0x([0-9A-F]{2})", out)]
    assert len(codes) > 100
    return codes


def temp_key_group(temp_key: str | None) -> str | None:
    """'X25519, 253 bits' / 'ECDH, P-256, 256 bits' / 'DH, 2048 bits' -> group name."""
    if not temp_key:
        return None
    for token in re.split(r",\s*", temp_key):
        if token in OPENSSL_GROUP_NAMES:
            return OPENSSL_GROUP_NAMES[token]
    m = re.match(r"DH, (\d+) bits", temp_key)
    return f"ffdhe{m.group(1)}" if m else None


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_hello_agrees_with_s_client(scenario, lab, tlsdoctor, openssl_suite_order):
    ours_flag, theirs_flag = SCENARIOS[scenario]
    with lab.start(scenario) as srv:
        args = ["-cipher", CIPHER_STRING, "-ciphersuites", TLS13_SUITES, "-groups", OPENSSL_GROUPS,
                "-sigalgs", OPENSSL_SIGALGS]
        if theirs_flag:
            args.append(theirs_flag)
        real = s_client(srv.host, srv.port, args, cafile=lab.pki.ca)
        argv = [str(tlsdoctor), "hello", srv.address, "--sni", "localhost", "--json",
                "--ciphers", ",".join(openssl_suite_order), "--groups", ",".join(GROUPS),
                "--key-shares", "x25519", "--sigalgs", ",".join(SIGALGS)]
        if ours_flag:
            argv.append(ours_flag)
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=30)
    assert proc.returncode in (0, 1), proc.stderr
    ours = json.loads(proc.stdout)
    if "cipher" not in real.fields:  # both must refuse, with the same alert
        m = re.search(r"SSL alert number (\d+)", real.output)
        assert m, real.describe()
        assert ours["outcome"] == "alert", proc.stdout
        assert ours["alert"]["code"] == int(m.group(1)), (proc.stdout, real.describe())
        return
    assert ours["outcome"] in ("server_hello", "hello_retry_request"), proc.stdout
    assert ours["cipher_suite"]["openssl"] == real["cipher"], (proc.stdout, real.describe())
    if ours["outcome"] == "server_hello":
        assert ours["version"] == real["protocol"], (proc.stdout, real.describe())
    else:  # HRR: s_client retried with the group the server asked for
        assert real["protocol"] == "TLSv1.3"
        assert ours["hello_retry_group"]["name"] == temp_key_group(real["temp_key"]), real.describe()
    if ours["version"] == "TLSv1.3" and ours["outcome"] == "server_hello":
        assert ours["key_exchange"]["group"]["name"] == temp_key_group(real["temp_key"])
    if ours["version"] in ("TLSv1", "TLSv1.1", "TLSv1.2") and "secure_reneg" in real.fields:
        assert ours["secure_renegotiation"] == real["secure_reneg"]


def test_hello_offers_what_local_openssl_lacks(lab, tlsdoctor):
    """Debian's OpenSSL 3.0 cannot offer 3DES at all; tlsdoctor's raw hello can,
    and gets the same suite gnutls-cli negotiates."""
    with lab.start("des3_only") as srv:
        real = gnutls_cli(srv.host, srv.port, ["--priority", "NORMAL:+3DES-CBC:+RSA"],
                          cafile=lab.pki.ca)
        proc = subprocess.run([str(tlsdoctor), "hello", srv.address, "--sni", "localhost", "--json"],
                              capture_output=True, text=True, timeout=30)
    ours = json.loads(proc.stdout)
    assert real.ok, real.describe()
    assert proc.returncode == 0
    assert ours["cipher_suite"]["iana"] == "TLS_RSA_WITH_3DES_EDE_CBC_SHA"
    assert real["description"] == "(RSA)-(3DES-CBC)-(SHA1)", real.describe()
    assert ours["version"] == real["protocol"].replace("TLS", "TLSv"), real.describe()
