"""The output parsers of bench/run.py, on excerpts of real outputs (sslscan 2.0.7,
nmap 7.93, testssl 3.0.8, tlsdoctor): `python3 -m pytest bench -q`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # noqa: E402

NAMES = run.SuiteNames()

NMAP = """\
PORT      STATE SERVICE
33261/tcp open  unknown
| ssl-enum-ciphers: 
|   TLSv1.0: 
|     ciphers: 
|       TLS_DHE_RSA_WITH_AES_128_CBC_SHA (dh 2048) - A
|       TLS_DH_anon_WITH_AES_128_CBC_SHA (dh 2048) - F
|     compressors: 
|       NULL
|     cipher preference: client
|   TLSv1.3: 
|     ciphers: 
|       TLS_AKE_WITH_AES_128_CCM_8_SHA256 (ecdh_x25519) - A
|     cipher preference: client
|_  least strength: F
| ssl-dh-params: 
|   VULNERABLE:
|       TLS_RSA_WITH_NULL_MD5 (rsa 2048) - F
"""

SSLSCAN = """\
  Supported Server Cipher(s):
Preferred TLSv1.3  128 bits  TLS_AES_128_GCM_SHA256        Curve 25519 DHE 253
Accepted  TLSv1.3  128 bits  TLS_AES_128_CCM_8_SHA256      Curve 25519 DHE 253
Accepted  TLSv1.0  256 bits  ADH-AES256-SHA                DHE 2048 bits
Accepted  TLSv1.2  0 bits    NULL-MD5
  Server Key Exchange Group(s):
TLSv1.3  128 bits  x25519
"""

TESTSSL_E = """\
 Testing ciphers per protocol via OpenSSL plus sockets against the server, ordered by encryption strength 

Hexcode  Cipher Suite Name (OpenSSL)       KeyExch.   Encryption  Bits     Cipher Suite Name (IANA/RFC)
-----------------------------------------------------------------------------------------------------------------------------
SSLv2  
SSLv3  
TLS 1  
 xc014   ECDHE-RSA-AES256-SHA              ECDH 521   AES         256      TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA                 
 x01     NULL-MD5                          RSA        None        None     TLS_RSA_WITH_NULL_MD5                              
TLS 1.2  
 x9f     DHE-RSA-AES256-GCM-SHA384         DH 2048    AESGCM      256      TLS_DHE_RSA_WITH_AES_256_GCM_SHA384                
TLS 1.3  
 x1305   TLS_AES_128_CCM_8_SHA256          ECDH 253   AESCCM8     128      TLS_AES_128_CCM_8_SHA256                           


 Done 2026-11-27 10:38:58 [  58s] -->> 127.0.0.1:33725 (127.0.0.1) <<--
"""

TESTSSL_DEFAULT = """\
 Testing robust (perfect) forward secrecy, (P)FS -- omitting Null Authentication/Encryption, 3DES, RC4 
 FS is offered (OK)           TLS_AES_256_GCM_SHA384 ECDHE-RSA-AES256-GCM-SHA384
 Testing 370 ciphers via OpenSSL plus sockets against the server, ordered by encryption strength 

Hexcode  Cipher Suite Name (OpenSSL)       KeyExch.   Encryption  Bits     Cipher Suite Name (IANA/RFC)
-----------------------------------------------------------------------------------------------------------------------------
 x1302   TLS_AES_256_GCM_SHA384            ECDH 253   AESGCM      256      TLS_AES_256_GCM_SHA384                             
 xc030   ECDHE-RSA-AES256-GCM-SHA384       ECDH 253   AESGCM      256      TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384              


 Running client simulations (HTTP) via sockets 

 Android 6.0                  TLSv1.2 ECDHE-ECDSA-AES128-GCM-SHA256, 256 bit ECDH (P-256)
"""


def test_nmap_reads_only_ssl_enum_ciphers_with_versions():
    assert run.parse_nmap(NMAP, NAMES) == {
        ("TLSv1.0", "0x0033"), ("TLSv1.0", "0x0034"), ("TLSv1.3", "0x1305")}


def test_sslscan_reads_preferred_and_accepted():
    assert run.parse_sslscan(SSLSCAN, NAMES) == {
        ("TLSv1.3", "0x1301"), ("TLSv1.3", "0x1305"), ("TLSv1.0", "0x003a"), ("TLSv1.2", "0x0001")}


def test_testssl_per_protocol_and_default_run():
    assert run.parse_testssl(TESTSSL_E, NAMES) == {
        ("TLSv1.0", "0xc014"), ("TLSv1.0", "0x0001"), ("TLSv1.2", "0x009f"), ("TLSv1.3", "0x1305")}
    assert run.parse_testssl(TESTSSL_DEFAULT, NAMES) == {(None, "0x1302"), (None, "0xc030")}


def test_tlsdoctor_scan_and_hello_json():
    scan = {"schema": "tlsdoctor.scan/1", "connections": 23,
            "cipher_suites": {"TLSv1": {"suites": [{"code": "0x002F", "iana": "x"}]},
                              "TLSv1.3": {"suites": [{"code": "0x1301", "iana": "y"}]}}}
    assert run.parse_tlsdoctor(json.dumps(scan), NAMES) == (
        {("TLSv1.0", "0x002f"), ("TLSv1.3", "0x1301")}, 23)
    hello = {"schema": "tlsdoctor.hello/1", "version": "TLSv1.3",
             "cipher_suite": {"code": "0x1301", "iana": "TLS_AES_128_GCM_SHA256"}}
    assert run.parse_tlsdoctor(json.dumps(hello), NAMES) == ({("TLSv1.3", "0x1301")}, None)
    assert run.parse_tlsdoctor("not json", NAMES) == (set(), None)


def test_compare_pairs_and_versionless():
    truth = {("TLSv1.2", "0x002f"), ("TLSv1.0", "0x002f"), ("TLSv1.3", "0x1301")}
    assert run.compare({("TLSv1.2", "0x002f"), ("TLSv1.2", "0xbeef")}, truth) == (
        1, 3, "pairs", ["TLSv1.0/0x002f", "TLSv1.3/0x1301"], ["TLSv1.2/0xbeef"])
    assert run.compare({(None, "0x002f"), (None, "0x1301")}, truth) == (2, 2, "suites", [], [])


def test_quartiles():
    assert run.quartiles([3.0]) == (3.0, 3.0, 3.0)
    q1, med, q3 = run.quartiles([1.0, 2.0, 3.0, 4.0, 5.0])
    assert (q1, med, q3) == (2.0, 3.0, 4.0)
