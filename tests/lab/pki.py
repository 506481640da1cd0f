"""The lab's PKI: a CA, leaf certificates of every shape the scenarios need, DH params.

Everything is generated with the `openssl` and `certtool` command-line tools (no Python
crypto packages), once per directory, and cached: a stamp file records the layout
version and the generation time; the set is regenerated when the layout changes or the
leaves come close to expiring. Generation runs under a file lock into a temporary
directory that is renamed into place, so concurrent test processes never see half a PKI.

Layout of `<dir>` (all PEM):
    ca.pem / ca.key                 "tlsdoctor lab CA" (RSA 2048, SHA-256)
    inter.pem / inter.key           "tlsdoctor lab intermediate CA", signed by the CA
    ca_bundle.pem                   ca.pem + inter.pem (a client that already knows the intermediate)
    <leaf>.pem / <leaf>.key         leaf certificates, see LEAVES
    <leaf>.chain.pem                leaf + intermediate (only for leaves issued by inter)
    <leaf>.fullchain.pem            leaf (+ intermediate), what a server should send
    dh/ffdhe2048.pem                RFC 7919 ffdhe2048 (PKCS#3 "DH PARAMETERS")
    dh/dh1024.pem                   RFC 2409 Oakley group 2, 1024-bit safe prime (PKCS#3)
    dh/dh1024_dsa.pem               1024-bit DSA-style group (160-bit q), PKCS#3

Use from Python: `Pki(dir).ensure()` returns the Pki; `.path(name)`/`.key(name)` give the
files. CLI: `python3 -m tests.lab certs DIR`.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

# Bump when the set of files or their content changes; old caches are then regenerated.
LAYOUT_VERSION = 5
# Leaves are valid for LEAF_DAYS; regenerate when the cache is older than this.
LEAF_DAYS = 397
MAX_CACHE_AGE_S = 300 * 86400

DEFAULT_SANS = ("DNS:localhost", "DNS:story.lab", "DNS:partner.lab", "IP:127.0.0.1", "IP:::1")


@dataclass(frozen=True)
class Leaf:
    name: str
    key: str  # "rsa:2048", "ec:P-256", "ed25519"
    why: str
    cn: str = "localhost"
    sans: tuple[str, ...] = DEFAULT_SANS
    issuer: str = "ca"  # "ca", "inter", or "self"
    digest: str = "sha256"
    expired: bool = False
    client: bool = False  # clientAuth EKU instead of serverAuth
    reuse_key: str | None = None  # reuse the key of another leaf (saves keygen time)


LEAVES: tuple[Leaf, ...] = (
    Leaf("rsa2048", "rsa:2048", "the ordinary certificate most scenarios use"),
    Leaf("rsa1024", "rsa:1024", "a weak key: OpenSSL 3 SECLEVEL 2, Go, Java reject it"),
    Leaf("rsa4096", "rsa:4096", "a large key: slow handshakes, some embedded clients fail"),
    Leaf("ecdsa_p256", "ec:P-256", "ECDSA P-256 leaf for ECDHE-ECDSA suites"),
    Leaf("ecdsa_p384", "ec:P-384", "ECDSA P-384 leaf (clients that lack P-384 fail)"),
    Leaf("ed25519", "ed25519", "EdDSA leaf: only modern clients can verify it"),
    Leaf("rsa2048_sha1", "rsa:2048", "RSA leaf signed with SHA-1 (rejected by modern verifiers)",
         digest="sha1", reuse_key="rsa2048"),
    Leaf("expired", "rsa:2048", "notAfter in the past (2021-01-01): verify error 10",
         expired=True, reuse_key="rsa2048"),
    Leaf("wrong_host", "rsa:2048", "SAN only wrong.example: hostname mismatch",
         cn="wrong.example", sans=("DNS:wrong.example",), reuse_key="rsa2048"),
    Leaf("self_signed", "rsa:2048", "self-signed, not from the lab CA: verify error 18",
         issuer="self", reuse_key="rsa2048"),
    Leaf("inter_leaf", "rsa:2048", "leaf issued by the intermediate CA (served with chain)",
         issuer="inter", reuse_key="rsa2048"),
    Leaf("client", "rsa:2048", "client certificate for client_cert_required scenarios",
         cn="tlsdoctor lab client", sans=("DNS:client.lab",), client=True, reuse_key="rsa2048"),
    # mTLS (issue 11): client certificates of every shape a server refuses.
    Leaf("client_ecdsa", "ec:P-256", "ECDSA P-256 client certificate from the lab CA",
         cn="tlsdoctor lab client ecdsa", sans=("DNS:client.lab",), client=True,
         reuse_key="ecdsa_p256"),
    Leaf("client_expired", "rsa:2048", "client certificate that expired on 2021-01-01",
         cn="tlsdoctor lab client expired", sans=("DNS:client.lab",), client=True, expired=True,
         reuse_key="rsa2048"),
    Leaf("client_inter", "rsa:2048", "client certificate from the intermediate CA (send the chain)",
         cn="tlsdoctor lab client inter", sans=("DNS:client.lab",), client=True, issuer="inter",
         reuse_key="rsa2048"),
    Leaf("client_wrong_ca", "rsa:2048", "self-signed client certificate: no server CA knows it",
         cn="tlsdoctor lab client wrong CA", sans=("DNS:client.lab",), client=True, issuer="self",
         reuse_key="rsa2048"),
    Leaf("client_server_eku", "rsa:2048", "serverAuth-only EKU: what public CAs issue from 2026",
         cn="tlsdoctor lab client serverAuth", sans=("DNS:client.lab",), reuse_key="rsa2048"),
)

# RFC 2409 section 6.2, "Second Oakley Group": the 1024-bit MODP prime that old servers
# (Apache < 2.4.7, many appliances) used; the Logjam paper's most common group.
_OAKLEY2_HEX = (
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74"
    "020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F1437"
    "4FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE65381FFFFFFFFFFFFFFFF"
)


def _der_len(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def _der_int(v: int) -> bytes:
    b = v.to_bytes(max(1, (v.bit_length() + 8) // 8), "big")  # room for a sign bit
    return b"\x02" + _der_len(len(b)) + b


def dh_params_pem(p: int, g: int) -> str:
    """PKCS#3 DHParameter ::= SEQUENCE { prime INTEGER, base INTEGER } as PEM."""
    body = _der_int(p) + _der_int(g)
    der = b"\x30" + _der_len(len(body)) + body
    b64 = base64.b64encode(der).decode()
    lines = [b64[i:i + 64] for i in range(0, len(b64), 64)]
    return "-----BEGIN DH PARAMETERS-----\n" + "\n".join(lines) + "\n-----END DH PARAMETERS-----\n"


_OPENSSL_CNF = """\
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused
[ v3_ca ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ v3_inter ]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
"""


def _run(args: list[str], cwd: Path) -> None:
    p = subprocess.run(args, cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                       timeout=60)
    if p.returncode != 0:
        raise RuntimeError(f"pki: {' '.join(args)} failed ({p.returncode}):\n{p.stderr}{p.stdout}")


@dataclass
class Pki:
    dir: Path
    leaves: dict[str, Leaf] = field(default_factory=lambda: {lf.name: lf for lf in LEAVES})

    def __post_init__(self) -> None:
        self.dir = Path(self.dir).resolve()

    # ---- paths -------------------------------------------------------------------
    @property
    def ca(self) -> Path:
        return self.dir / "ca.pem"

    @property
    def ca_key(self) -> Path:
        return self.dir / "ca.key"

    @property
    def inter(self) -> Path:
        return self.dir / "inter.pem"

    def path(self, name: str) -> Path:
        """Certificate of a leaf (or 'ca' / 'inter')."""
        if name in ("ca", "inter"):
            return self.dir / f"{name}.pem"
        if name not in self.leaves:
            raise KeyError(f"unknown certificate {name!r}; known: {sorted(self.leaves)}")
        return self.dir / f"{name}.pem"

    def key(self, name: str) -> Path:
        if name in ("ca", "inter"):
            return self.dir / f"{name}.key"
        lf = self.leaves[name]
        return self.dir / f"{lf.reuse_key or lf.name}.key"

    def fullchain(self, name: str) -> Path:
        """The leaf followed by its intermediates: what a server should send."""
        self.path(name)
        return self.dir / f"{name}.fullchain.pem"

    def dh(self, name: str) -> Path:
        p = self.dir / "dh" / f"{name}.pem"
        if not p.exists():
            raise KeyError(f"unknown DH params {name!r}")
        return p

    # ---- generation --------------------------------------------------------------
    def _stamp_ok(self) -> bool:
        try:
            st = json.loads((self.dir / "stamp.json").read_text())
        except (OSError, ValueError):
            return False
        return (st.get("layout") == LAYOUT_VERSION
                and time.time() - st.get("created", 0) < MAX_CACHE_AGE_S
                and all((self.dir / f"{n}.pem").exists() for n in self.leaves))

    def ensure(self) -> "Pki":
        if self._stamp_ok():
            return self
        self.dir.parent.mkdir(parents=True, exist_ok=True)
        lock = self.dir.parent / f".{self.dir.name}.lock"
        with open(lock, "w") as lf:
            fcntl.flock(lf, fcntl.LOCK_EX)
            try:
                if self._stamp_ok():
                    return self
                tmp = Path(tempfile.mkdtemp(prefix=f".{self.dir.name}.", dir=self.dir.parent))
                try:
                    self._generate(tmp)
                    if self.dir.exists():
                        old = self.dir.with_name(f".{self.dir.name}.old.{os.getpid()}")
                        self.dir.rename(old)
                        shutil.rmtree(old, ignore_errors=True)
                    tmp.rename(self.dir)
                finally:
                    if tmp.exists():
                        shutil.rmtree(tmp, ignore_errors=True)
            finally:
                fcntl.flock(lf, fcntl.LOCK_UN)
        return self

    def _genkey(self, d: Path, spec: str, out: str) -> None:
        kind, _, arg = spec.partition(":")
        if kind == "rsa":
            args = ["-algorithm", "RSA", "-pkeyopt", f"rsa_keygen_bits:{arg}"]
        elif kind == "ec":
            args = ["-algorithm", "EC", "-pkeyopt", f"ec_paramgen_curve:{arg}"]
        elif kind == "ed25519":
            args = ["-algorithm", "ED25519"]
        else:
            raise ValueError(spec)
        _run(["openssl", "genpkey", *args, "-out", out], d)

    def _generate(self, d: Path) -> None:
        (d / "openssl.cnf").write_text(_OPENSSL_CNF)
        cnf = ["-config", "openssl.cnf"]
        # Keys first: the slow RSA ones in parallel (2 cores), the rest are instant.
        keys = {"ca": "rsa:2048", "inter": "rsa:2048"}
        keys.update({lf.name: lf.key for lf in self.leaves.values() if not lf.reuse_key})
        procs = []
        for name, spec in keys.items():
            kind, _, arg = spec.partition(":")
            if kind == "rsa":
                cmd = ["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt",
                       f"rsa_keygen_bits:{arg}", "-out", f"{name}.key"]
                procs.append((cmd, subprocess.Popen(cmd, cwd=d, stdin=subprocess.DEVNULL,
                                                    stdout=subprocess.DEVNULL,
                                                    stderr=subprocess.PIPE)))
            else:
                self._genkey(d, spec, f"{name}.key")
        for cmd, p in procs:
            _, err = p.communicate(timeout=120)
            if p.returncode != 0:
                raise RuntimeError(f"pki: {' '.join(cmd)} failed: {err.decode()}")

        _run(["openssl", "req", *cnf, "-x509", "-new", "-key", "ca.key", "-sha256",
              "-days", "3650", "-subj", "/CN=tlsdoctor lab CA", "-extensions", "v3_ca",
              "-set_serial", "1", "-out", "ca.pem"], d)
        _run(["openssl", "req", *cnf, "-new", "-key", "inter.key",
              "-subj", "/CN=tlsdoctor lab intermediate CA", "-out", "inter.csr"], d)
        _run(["openssl", "x509", "-req", "-in", "inter.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
              "-sha256", "-days", "3650", "-set_serial", "2", "-extfile", "openssl.cnf",
              "-extensions", "v3_inter", "-out", "inter.pem"], d)

        for serial, lf in enumerate(self.leaves.values(), start=100):
            self._leaf(d, lf, serial)

        (d / "dh").mkdir()
        _run(["openssl", "genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt",
              "group:ffdhe2048", "-out", "dh/ffdhe2048.pem"], d)
        (d / "dh" / "dh1024.pem").write_text(dh_params_pem(int(_OAKLEY2_HEX, 16), 2))
        _run(["openssl", "dhparam", "-dsaparam", "-out", "dh/dh1024_dsa.pem", "1024"], d)

        (d / "ca_bundle.pem").write_text((d / "ca.pem").read_text() + (d / "inter.pem").read_text())
        for junk in [*d.glob("*.csr"), *d.glob("*.tmpl")]:
            junk.unlink()
        (d / "stamp.json").write_text(json.dumps(
            {"layout": LAYOUT_VERSION, "created": time.time(),
             "leaves": {lf.name: lf.why for lf in self.leaves.values()}}, indent=1))

    def _leaf(self, d: Path, lf: Leaf, serial: int) -> None:
        key = f"{lf.reuse_key or lf.name}.key"
        eku = "clientAuth" if lf.client else "serverAuth"
        ku = "digitalSignature" if not lf.key.startswith("rsa") else "digitalSignature, keyEncipherment"
        ext = (f"[ leaf ]\nbasicConstraints = critical, CA:FALSE\nkeyUsage = critical, {ku}\n"
               f"extendedKeyUsage = {eku}\nsubjectAltName = {', '.join(lf.sans)}\n"
               "subjectKeyIdentifier = hash\n")
        if lf.issuer != "self":
            ext += "authorityKeyIdentifier = keyid:always\n"
        (d / f"{lf.name}.ext").write_text(ext)
        out = f"{lf.name}.pem"
        if lf.expired:
            # OpenSSL 3.0's `x509 -req` has no -not_before/-not_after; certtool templates do.
            (d / f"{lf.name}.tmpl").write_text(
                f'cn = "{lf.cn}"\n' + "".join(
                    f'dns_name = "{s[4:]}"\n' if s.startswith("DNS:") else f'ip_address = "{s[3:]}"\n'
                    for s in lf.sans)
                + f"serial = {serial}\n"
                'activation_date = "2020-01-01 00:00:00"\n'
                'expiration_date = "2021-01-01 00:00:00"\n'
                + ("tls_www_client\n" if lf.client else "tls_www_server\n")
                + "signing_key\nencryption_key\n")
            _run(["certtool", "--generate-certificate", "--load-privkey", key,
                  "--load-ca-certificate", "ca.pem", "--load-ca-privkey", "ca.key",
                  "--template", f"{lf.name}.tmpl", "--hash", "SHA256", "--outfile", out], d)
        elif lf.issuer == "self":
            _run(["openssl", "req", "-config", "openssl.cnf", "-new", "-key", key,
                  "-subj", f"/CN={lf.cn}", "-out", f"{lf.name}.csr"], d)
            _run(["openssl", "x509", "-req", "-in", f"{lf.name}.csr", "-signkey", key,
                  f"-{lf.digest}", "-days", str(LEAF_DAYS), "-set_serial", str(serial),
                  "-extfile", f"{lf.name}.ext", "-extensions", "leaf", "-out", out], d)
        else:
            ca = "ca" if lf.issuer == "ca" else "inter"
            _run(["openssl", "req", "-config", "openssl.cnf", "-new", "-key", key,
                  "-subj", f"/CN={lf.cn}", "-out", f"{lf.name}.csr"], d)
            _run(["openssl", "x509", "-req", "-in", f"{lf.name}.csr", "-CA", f"{ca}.pem",
                  "-CAkey", f"{ca}.key", f"-{lf.digest}", "-days", str(LEAF_DAYS),
                  "-set_serial", str(serial), "-extfile", f"{lf.name}.ext",
                  "-extensions", "leaf", "-out", out], d)
        (d / f"{lf.name}.ext").unlink()
        chain = (d / out).read_text()
        if lf.issuer == "inter":
            (d / f"{lf.name}.chain.pem").write_text((d / "inter.pem").read_text())
            chain += (d / "inter.pem").read_text()
        (d / f"{lf.name}.fullchain.pem").write_text(chain)


def ensure_pki(directory: str | os.PathLike) -> Pki:
    return Pki(Path(directory)).ensure()


@contextlib.contextmanager
def _timed(label: str):
    t = time.monotonic()
    yield
    print(f"{label}: {time.monotonic() - t:.2f}s")


if __name__ == "__main__":  # python3 -m tests.lab.pki DIR
    import sys
    with _timed("pki"):
        print(ensure_pki(sys.argv[1] if len(sys.argv) > 1 else "lab-pki").ca)
