"""Peers: sslscan and nmap ssl-enum-ciphers, run against lab servers and parsed, so
`tlsdoctor scan` can be checked against them (test_scan_vs_peers.py).

    from tests.peers import sslscan, nmap, tlsdoctor_scan
    r = sslscan.run("127.0.0.1", port)        # PeerResult: r.suites["TLSv1.2"] = [(code, name), ...]
    r = nmap.run("127.0.0.1", port)           # + r.preference["TLSv1.2"] = "server" | "client" | ...
    r = tlsdoctor_scan.run(binary, "127.0.0.1", port)

Parsers raise common.PeerOutputError on output they cannot understand.
"""
