"""Interop client: one TLS connection the way a Python program with
ssl.create_default_context(cafile=CA) makes it, then one HTTP/1.0 GET.

    /usr/bin/python3 client.py HOST PORT CAFILE      -> one JSON line, exit 0

Only the standard library; meant for the system interpreter (Debian's 3.11 on
its OpenSSL 3.0), whose defaults are what the python-3.11 profile models."""

import json
import socket
import ssl
import sys

TIMEOUT = 10.0


def run(host: str, port: int, cafile: str) -> dict:
    r = {"ok": False, "version": None, "cipher": None, "group": None, "error": None,
         "stage": "setup",
         "client": f"Python {sys.version.split()[0]} {ssl.OPENSSL_VERSION}"}
    try:
        ctx = ssl.create_default_context(cafile=cafile)  # trusts only CAFILE
        r["stage"] = "handshake"
        with socket.create_connection((host, port), timeout=TIMEOUT) as sock:
            with ctx.wrap_socket(sock, server_hostname="localhost") as tls:
                r["version"] = tls.version()
                r["cipher"] = tls.cipher()[0]
                # TLS 1.3: a server that wants a client certificate says so at the first read
                r["stage"] = "http"
                tls.sendall(b"GET / HTTP/1.0\r\nHost: localhost\r\n\r\n")
                if not tls.recv(256):
                    raise ConnectionError("connection closed before any response")
                r["stage"] = "done"
                r["ok"] = True
    except socket.timeout as e:
        r["stage"] = "timeout"
        r["error"] = f"{type(e).__name__}: {e}"
    except Exception as e:  # the harness wants the client's own words, never a traceback
        r["error"] = f"{type(e).__name__}: {e}"
    return r


def main() -> None:
    if len(sys.argv) != 4:
        r = {"ok": False, "version": None, "cipher": None, "error": "usage: client.py HOST PORT CAFILE"}
    else:
        r = run(sys.argv[1], int(sys.argv[2]), sys.argv[3])
    print(json.dumps(r), flush=True)


if __name__ == "__main__":
    main()
