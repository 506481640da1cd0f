#!/usr/bin/env python3
"""Re-derive the computed columns of data/iana/cipher_suites.csv.

The hand-maintained columns of cipher_suites.csv are code, iana_name,
openssl_name, gnutls_name, registry and source. The others (kx, auth, enc,
enc_bits, mac, min_version, max_version, flags) follow from the IANA-style
name by the rules in tlscat.derive_suite(), plus the few per-code exceptions
in tlscat.SUITE_OVERRIDES.

  python3 scripts/catalog/derive.py           # report rows that differ; exit 1 if any
  python3 scripts/catalog/derive.py --write   # rewrite those columns in place

Adding a suite: append a row with the hand-maintained columns filled and the
derived ones empty, run with --write, then review the diff by eye.
"""

import sys

import tlscat


def main(argv):
    write = "--write" in argv[1:]
    comments, fields, rows = tlscat.read_table("cipher_suites.csv")
    diffs = 0
    for r in rows:
        code = int(r["code"], 16)
        want = tlscat.derive_suite_row(code, r["iana_name"])
        for col in tlscat.DERIVED_SUITE_COLUMNS:
            if r[col] != want[col]:
                diffs += 1
                print(f"{r['code']} {r['iana_name']}: {col} is {r[col]!r}, rules say {want[col]!r}")
                r[col] = want[col]
    if write:
        rows.sort(key=lambda r: int(r["code"], 16))
        tlscat.write_table("cipher_suites.csv", comments, fields, rows)
        print(f"derive: rewrote cipher_suites.csv ({diffs} cells changed)")
        return 0
    print(f"derive: {diffs} cells differ from the rules")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
