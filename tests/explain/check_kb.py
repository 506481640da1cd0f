#!/usr/bin/env python3
"""Checks the `tlsdoctor explain` knowledge base and runs its corpus (stdlib only).

    python3 tests/explain/check_kb.py                 # validate data/errors/patterns.json, run corpus.json
    python3 tests/explain/check_kb.py -v              # also list every corpus case
    python3 tests/explain/check_kb.py --explain "remote error: tls: handshake failure"
                                                      # the ranking for one text (debug aid)

Validation: schema tag, unique ids, stack names, exactly one of `match`/`regex`, causes with
reasons from the diagnosis taxonomy (alert:NAME must be an IANA alert name), `next` being a
tlsdoctor command with known client ids, regexes that compile (Python `re`) and avoid what
C++ std::regex (ECMAScript) lacks or handles badly: lookbehind, named groups, inline flags,
atomic groups/possessive quantifiers, \\A \\Z \\z, stray braces, unbounded `.*`.

Matching is the rule of src/diagnose/explain.cc: the text (first 64 KiB) is lower-cased
(ASCII); a literal `match` is a substring search, a `regex` is searched case-insensitively
and counts its match span; the longest match wins, ties go to the earlier pattern.
Exit status: 0 everything valid and every corpus case right, 1 otherwise.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PATTERNS = ROOT / "data" / "errors" / "patterns.json"
CORPUS = Path(__file__).resolve().parent / "corpus.json"
ALERTS_CSV = ROOT / "data" / "iana" / "alerts.csv"

SCHEMA = "tlsdoctor.errors/1"
STACKS = {"go", "openssl", "python", "node", "curl", "java", "gnutls", "rustls", "dotnet",
          "schannel", "chrome", "firefox", "generic"}
REASONS = {"no_common_version", "no_common_suite", "no_common_group", "cert_key_too_small",
           "cert_key_too_large", "cert_sha1_signature", "ske_sigalg_rejected", "dh_too_small",
           "no_secure_renegotiation", "ems_required", "untrusted", "hostname_mismatch", "expired",
           "client_cert_required", "sni_required", "protocol_error", "transport", "not_tls", "unknown"}
# Every client profile id (data/profiles/<id>.json): what `next` may name.
CLIENT_IDS = {f.stem for f in (Path(__file__).resolve().parents[2] / "data" / "profiles").glob("*.json")}
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_TEXT = 64 * 1024

# `next`: one tlsdoctor command, HOST[:PORT] (or URL for get) as the placeholder.
NEXT_RE = re.compile(
    r"^tlsdoctor (?:"
    r"HOST\[:PORT\](?: --client (?P<doc>[a-z0-9.-]+))?"
    r"|scan HOST\[:PORT\](?: --no-sni)?"
    r"|simulate HOST\[:PORT\] --clients (?P<sim>[a-z0-9.,-]+)"
    r"|hello HOST\[:PORT\](?: --(?:tls1\.[0-3]|ssl3|no-sni)| --alpn [a-z0-9/.,]+| --sni [A-Za-z0-9.-]+)*"
    r"|get URL"
    r")$")

# Constructs std::regex (ECMAScript) does not have, or that make it slow on long input.
FORBIDDEN = [
    (re.compile(r"\(\?<[=!]"), "lookbehind"),
    (re.compile(r"\(\?P?<[A-Za-z_]"), "named group"),
    (re.compile(r"\(\?[aiLmsux]+[):]"), "inline flag"),
    (re.compile(r"\(\?>"), "atomic group"),
    (re.compile(r"(?<!\\)[*+?}][+]"), "possessive quantifier"),
    (re.compile(r"\\[AZz]"), "\\A/\\Z/\\z anchor"),
    (re.compile(r"\(\?#"), "comment group"),
    (re.compile(r"(?<!\\)\.[*+]"), "unbounded .* / .+ (bound it: .{0,N})"),
]
QUANT_BRACE = re.compile(r"\{\d+(?:,\d*)?\}")


def ascii_lower(s: str) -> str:
    return s.translate(str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"))


def stray_braces(rx: str) -> list[int]:
    """Positions of unescaped { or } that are not part of a {n}, {n,} or {n,m} quantifier
    (std::regex ECMAScript throws error_brace on them)."""
    bad, i, in_class = [], 0, False
    while i < len(rx):
        c = rx[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
            if rx[i + 1:i + 2] == "]":
                i += 1
        elif c == "{":
            m = QUANT_BRACE.match(rx, i)
            if not m:
                bad.append(i)
            else:
                i = m.end()
                continue
        elif c == "}":
            bad.append(i)
        i += 1
    return bad


def load_alert_names() -> set[str]:
    names: set[str] = set()
    try:
        with open(ALERTS_CSV, newline="") as f:
            lines = [line for line in f if not line.startswith("#")]
            for row in csv.DictReader(lines):
                if row.get("name"):
                    names.add(row["name"].strip().lower())
    except OSError:
        pass
    return names


class Pattern:
    def __init__(self, raw: dict):
        self.raw = raw
        self.id = raw.get("id")
        self.stack = raw.get("stack")
        self.match = raw.get("match")
        self.regex_text = raw.get("regex")
        self.regex = None

    def find(self, haystack: str) -> tuple[int, int] | None:
        """(start, length) of this pattern in the lower-cased haystack, or None."""
        if self.match:
            at = haystack.find(ascii_lower(self.match))
            return None if at < 0 else (at, len(self.match))
        m = self.regex.search(haystack)
        return None if m is None else (m.start(), m.end() - m.start())


def validate(doc: dict, errors: list[str], warnings: list[str]) -> list[Pattern]:
    if doc.get("schema") != SCHEMA:
        errors.append(f"schema is {doc.get('schema')!r}, want {SCHEMA!r}")
    raw = doc.get("patterns")
    if not isinstance(raw, list) or not raw:
        errors.append("patterns: missing or empty list")
        return []
    alert_names = load_alert_names()
    seen: set[str] = set()
    out: list[Pattern] = []
    for n, r in enumerate(raw):
        where = f"patterns[{n}]"
        if not isinstance(r, dict):
            errors.append(f"{where}: not an object")
            continue
        p = Pattern(r)
        where = f"{where} {p.id!r}"
        for key in ("id", "stack", "message", "meaning", "next", "source"):
            if not isinstance(r.get(key), str) or not r[key].strip():
                errors.append(f"{where}: '{key}' must be a non-empty string")
        unknown_keys = set(r) - {"id", "stack", "match", "regex", "message", "meaning", "causes", "next", "source"}
        if unknown_keys:
            errors.append(f"{where}: unknown keys {sorted(unknown_keys)}")
        if isinstance(p.id, str):
            if not ID_RE.match(p.id):
                errors.append(f"{where}: id must be lower-case words joined by '-'")
            if p.id in seen:
                errors.append(f"{where}: duplicate id")
            seen.add(p.id)
            if isinstance(p.stack, str) and p.stack != "generic" and not p.id.startswith(p.stack + "-") \
                    and not p.id.startswith("generic-"):
                warnings.append(f"{where}: id does not start with its stack '{p.stack}-'")
        if p.stack not in STACKS:
            errors.append(f"{where}: stack {p.stack!r} not one of {sorted(STACKS)}")
        has_match = isinstance(p.match, str) and p.match != ""
        has_regex = isinstance(p.regex_text, str) and p.regex_text != ""
        if has_match == has_regex:
            errors.append(f"{where}: needs exactly one of 'match' and 'regex' (the other null)")
        if has_match and len(p.match) < 6 and p.stack != "generic":
            warnings.append(f"{where}: very short match {p.match!r}")
        if has_regex:
            for rx, what in FORBIDDEN:
                if rx.search(p.regex_text):
                    errors.append(f"{where}: regex uses {what}, not portable to std::regex ECMAScript")
            if stray_braces(p.regex_text):
                errors.append(f"{where}: regex has an unescaped brace that is not a {{n,m}} quantifier")
            try:
                p.regex = re.compile(p.regex_text, re.IGNORECASE)
            except re.error as e:
                errors.append(f"{where}: regex does not compile: {e}")
            else:
                if p.regex.search(""):
                    errors.append(f"{where}: regex matches the empty string")
        causes = r.get("causes")
        if not isinstance(causes, list) or not causes:
            errors.append(f"{where}: 'causes' must be a non-empty list (ranked, most likely first)")
        else:
            for c in causes:
                reason = c.get("reason") if isinstance(c, dict) else None
                text = c.get("text") if isinstance(c, dict) else None
                if not isinstance(text, str) or not text.strip():
                    errors.append(f"{where}: a cause without text")
                if not isinstance(reason, str):
                    errors.append(f"{where}: a cause without reason")
                elif reason.startswith("alert:"):
                    name = reason[len("alert:"):]
                    if not re.fullmatch(r"[a-z_]+", name):
                        errors.append(f"{where}: bad alert reason {reason!r}")
                    elif alert_names and name not in alert_names:
                        errors.append(f"{where}: {reason!r} is not an IANA alert name (data/iana/alerts.csv)")
                elif reason not in REASONS:
                    errors.append(f"{where}: reason {reason!r} not in the taxonomy")
        nxt = r.get("next")
        if isinstance(nxt, str):
            m = NEXT_RE.match(nxt)
            if not m:
                errors.append(f"{where}: next {nxt!r} is not a known tlsdoctor command form")
            else:
                ids = ([m.group("doc")] if m.group("doc") else []) + \
                      (m.group("sim").split(",") if m.group("sim") else [])
                for cid in ids:
                    if cid not in CLIENT_IDS:
                        errors.append(f"{where}: next uses unknown client id {cid!r}")
        out.append(p)
    return out


def explain(patterns: list[Pattern], text: str) -> tuple[Pattern | None, list[tuple[int, int, Pattern]]]:
    """The C++ rule; also returns every hit (length, order, pattern) for diagnostics."""
    haystack = ascii_lower(text[:MAX_TEXT])
    best, best_len, hits = None, 0, []
    for order, p in enumerate(patterns):
        if p.match is None and p.regex is None:
            continue
        found = p.find(haystack)
        if found is None:
            continue
        length = found[1]
        hits.append((length, order, p))
        if length > best_len:
            best, best_len = p, length
    hits.sort(key=lambda h: (-h[0], h[1]))
    return best, hits


def stress(patterns: list[Pattern], errors: list[str]) -> None:
    """Big pastes must stay fast and unmatched by nonsense (the C++ side bounds input at 64 KiB)."""
    texts = ["a" * MAX_TEXT, ("x" * 200 + ":") * 300, "error:" * 10000, "\n".join(["at foo.bar(Baz.java:1)"] * 2000)]
    for t in texts:
        t0 = time.monotonic()
        best, _ = explain(patterns, t)
        dt = time.monotonic() - t0
        if dt > 5:
            errors.append(f"stress input of {len(t)} bytes took {dt:.1f}s")
        if best is not None and t.startswith("a" * 100):
            errors.append(f"stress input 'aaaa...' matched {best.id}")


def run_corpus(patterns: list[Pattern], corpus: dict, errors: list[str], warnings: list[str],
               verbose: bool) -> tuple[int, int]:
    by_id = {p.id: p for p in patterns}
    cases = corpus.get("cases")
    if not isinstance(cases, list) or not cases:
        errors.append("corpus: 'cases' missing or empty")
        return 0, 0
    ok = 0
    for n, c in enumerate(cases):
        text, expect, stack, source = c.get("text"), c.get("expect"), c.get("stack"), c.get("source")
        label = f"corpus[{n}]"
        if not isinstance(text, str) or not text:
            errors.append(f"{label}: text missing")
            continue
        if not isinstance(source, str) or not source.strip():
            errors.append(f"{label}: source missing")
        if expect is not None and expect not in by_id:
            errors.append(f"{label}: expects unknown pattern {expect!r}")
        if expect is not None and stack != by_id.get(expect, Pattern({})).stack:
            errors.append(f"{label}: stack {stack!r} differs from pattern {expect!r}'s stack")
        best, hits = explain(patterns, text)
        got = best.id if best else None
        good = got == expect
        ok += good
        if not good:
            ranking = ", ".join(f"{p.id}({length})" for length, _, p in hits[:4]) or "no match"
            errors.append(f"{label}: expected {expect}, got {got}  [{ranking}]  text: {text[:150]!r}")
        elif len(hits) > 1 and hits[0][0] == hits[1][0]:
            warnings.append(f"{label}: tie at length {hits[0][0]} between {hits[0][2].id} and {hits[1][2].id}"
                            f" (earlier pattern wins)")
        if verbose:
            mark = "ok " if good else "BAD"
            print(f"  {mark} {str(got):45} {stack or '-':8} {text[:90]!r}")
    return ok, len(cases)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--patterns", type=Path, default=PATTERNS)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--explain", metavar="TEXT", help="show the ranking of matches for TEXT and exit")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)

    errors: list[str] = []
    warnings: list[str] = []
    try:
        doc = json.loads(args.patterns.read_text())
    except (OSError, ValueError) as e:
        print(f"{args.patterns}: {e}", file=sys.stderr)
        return 1
    patterns = validate(doc, errors, warnings)

    if args.explain is not None:
        best, hits = explain(patterns, args.explain)
        for length, _, p in hits:
            print(f"{length:4}  {p.id:45} {p.stack}")
        print("winner:", best.id if best else None)
        return 0 if best else 1

    stress(patterns, errors)
    try:
        corpus = json.loads(args.corpus.read_text())
    except (OSError, ValueError) as e:
        errors.append(f"{args.corpus}: {e}")
        corpus = {}
    ok, total = run_corpus(patterns, corpus, errors, warnings, args.verbose)

    stacks: dict[str, int] = {}
    for p in patterns:
        stacks[p.stack] = stacks.get(p.stack, 0) + 1
    cases = corpus.get("cases") or []
    negatives = sum(1 for c in cases if c.get("expect") is None)
    hit_ids = {c.get("expect") for c in cases}
    print(f"patterns: {len(patterns)}  ({', '.join(f'{s} {n}' for s, n in sorted(stacks.items()))})")
    print(f"corpus: {total} cases ({total - negatives} recognised, {negatives} must not match); "
          f"{len(hit_ids - {None})} patterns exercised")
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("ERROR:", e)
    acc = (100.0 * ok / total) if total else 0.0
    print(f"accuracy: {ok}/{total} = {acc:.1f}%")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
