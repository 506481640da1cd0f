"""Runs `tlsdoctor ... --json` for the schema tests: status, stdout, stderr, and the
document(s) it printed; a sanitizer report on stderr fails the test. story2_commands:
the one run of every command (COMMANDS) that the validation and golden tests share."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from typing import Any

SANITIZER_MARKS = ("AddressSanitizer", "UndefinedBehaviorSanitizer", "runtime error:")
CLIENTS = "go-1.21,go-1.22,go-1.22+GODEBUG=tlsrsakex=1,openssl-3.0-debian"  # simulate on story2


@dataclass
class Run:
    argv: list[str]
    status: int
    stdout: str
    stderr: str

    def doc(self) -> Any:
        assert self.stdout.strip(), f"{self.argv}: no JSON on stdout (status {self.status}): {self.stderr}"
        return json.loads(self.stdout)

    def lines(self) -> list[Any]:
        return [json.loads(line) for line in self.stdout.splitlines() if line.strip()]


def run(tlsdoctor, *argv: str, stdin: str | None = None, timeout: float = 180) -> Run:
    cmd = [str(tlsdoctor), *argv]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, input=stdin)
    for mark in SANITIZER_MARKS:
        assert mark not in proc.stderr, proc.stderr
    return Run(cmd, proc.returncode, proc.stdout, proc.stderr)


def story2_commands(srv, ca: str) -> dict[str, tuple[list[str], str | None]]:
    """name -> (argv, stdin): one --json run of every command on story2 (explain, profiles
    and demo need no lab server)."""
    addr, port = srv.address, srv.address.rsplit(":", 1)[1]
    return {
        "hello": (["hello", addr, "--sni", "localhost", "--json"], None),
        "scan": (["scan", addr, "--sni", "localhost", "--ca-file", ca, "--json"], None),
        "simulate": (["simulate", addr, "--sni", "localhost", "--ca-file", ca, "--clients", CLIENTS,
                      "--json"], None),
        "doctor": ([addr, "--sni", "localhost", "--ca-file", ca, "--client", "go-1.22", "--json"], None),
        "get": (["get", f"https://localhost:{port}/", "--ip", "127.0.0.1", "--ca-file", ca, "--json"],
                None),
        "explain": (["explain", "remote error: tls: handshake failure", "--json"], None),
        "explain-batch": (["explain", "--batch", "--json"],
                          json.dumps(["remote error: tls: handshake failure",
                                      "x509: certificate signed by unknown authority",
                                      "no TLS stack says this"])),
        "profiles": (["profiles", "--json"], None),
        "demo": (["demo", "--json"], None),
        "preflight": (["preflight", "--from", "go-1.21", "--to", "go-1.22", addr, "--sni", "localhost",
                       "--ca-file", ca, "--json"], None),
    }


COMMANDS = ["hello", "scan", "simulate", "doctor", "get", "explain", "explain-batch", "profiles", "demo",
            "preflight"]
