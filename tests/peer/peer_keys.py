"""Keys for the quirky peer's flights that must look real up to their one fault: an
ECDSA P-256 certificate, a second key that does not match it, SHA-256 signatures, and the
RFC 7919 ffdhe2048 prime. Made with the `openssl` command-line tool (no Python crypto
package: CI installs none), once per process, in a temporary directory."""

from __future__ import annotations

import atexit
import base64
import functools
import shutil
import subprocess
import tempfile
from pathlib import Path


@functools.lru_cache(maxsize=None)
def _dir() -> Path:
    d = Path(tempfile.mkdtemp(prefix="quirky_keys_"))
    atexit.register(shutil.rmtree, d, True)
    for kind, algorithm in (("ec", ("EC", "ec_paramgen_curve:P-256")),
                            ("rsa", ("RSA", "rsa_keygen_bits:2048"))):
        for name in (kind, f"{kind}_other"):
            _openssl("genpkey", "-algorithm", algorithm[0], "-pkeyopt", algorithm[1],
                     "-out", d / f"{name}.key")
        _openssl("req", "-new", "-x509", "-key", d / f"{kind}.key", "-subj", "/CN=localhost",
                 "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-days", "30",
                 "-outform", "DER", "-out", d / f"{kind}.der")
    _openssl("genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt", "group:ffdhe2048",
             "-out", d / "ffdhe2048.pem")  # PEM whatever -outform says (OpenSSL 3.0)
    return d


def _openssl(*argv, data: bytes | None = None) -> bytes:
    return subprocess.run(["openssl", *map(str, argv)], input=data, capture_output=True,
                          check=True).stdout


def certificate_der(kind: str) -> bytes:
    """A self-signed leaf for localhost / 127.0.0.1: kind "ec" (P-256) or "rsa" (2048)."""
    return (_dir() / f"{kind}.der").read_bytes()


# The TLS 1.2 SignatureScheme of sign()'s output for each kind.
SCHEME = {"ec": 0x0403, "rsa": 0x0401}


def sign(data: bytes, kind: str, *, matching: bool = True) -> bytes:
    """SHA-256 signature over `data` (ECDSA DER or RSA PKCS#1 v1.5, see SCHEME); with
    matching=False by a key that is not the certificate's (key and certificate mismatch)."""
    key = _dir() / (f"{kind}.key" if matching else f"{kind}_other.key")
    return _openssl("dgst", "-sha256", "-sign", key, data=data)


def _der_integers(der: bytes) -> list[int]:
    """The INTEGERs directly inside the outer SEQUENCE (enough for DHParameter)."""
    def length(i: int) -> tuple[int, int]:
        n = der[i]
        if n < 0x80:
            return n, i + 1
        k = n & 0x7F
        return int.from_bytes(der[i + 1:i + 1 + k], "big"), i + 1 + k

    _, i = length(1)
    out = []
    while i < len(der) and der[i] == 0x02:
        n, j = length(i + 1)
        out.append(int.from_bytes(der[j:j + n], "big"))
        i = j + n
    return out


@functools.lru_cache(maxsize=None)
def ffdhe2048_prime() -> int:
    pem = (_dir() / "ffdhe2048.pem").read_text().splitlines()
    der = base64.b64decode("".join(line for line in pem if not line.startswith("-----")))
    return _der_integers(der)[0]


def ca_file() -> Path:
    """Both self-signed leaves as a PEM bundle: what a client must trust so that only the
    mode's fault (never the certificate) can stop it."""
    path = _dir() / "trust.pem"
    if not path.exists():
        pem = ""
        for kind in ("ec", "rsa"):
            b64 = base64.b64encode(certificate_der(kind)).decode()
            body = "\n".join(b64[i:i + 64] for i in range(0, len(b64), 64))
            pem += f"-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----\n"
        path.write_text(pem)
    return path
