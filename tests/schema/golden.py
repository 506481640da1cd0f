"""Golden JSON documents (tests/golden/json/NAME.json): a command's --json output on a lab
scenario with the volatile fields normalised, compared exactly.

Volatile: times (elapsed_ms, handshake_ms), the lab's ports (in target, peer, url and any
text that quotes HOST:PORT), the certificates' dates and fingerprints (the lab PKI is
generated on each new machine). They become 0, "PORT", "2000-01-01" and 64 zeros: still
valid under the schemas, so the golden files double as schema fixtures. Everything else is a fact about the server or the
client profiles and must not change without a reason: regenerate with
`scripts/regen-golden-json.sh` (TLSDOCTOR_REGEN_GOLDEN=1) and review the diff."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

GOLDEN_DIR = Path(__file__).resolve().parents[1] / "golden" / "json"
REGEN = os.environ.get("TLSDOCTOR_REGEN_GOLDEN", "") not in ("", "0")

TIMES = {"elapsed_ms", "handshake_ms"}
DATES = {"not_before", "not_after"}
FINGERPRINTS = {"leaf_sha256"}
# 127.0.0.1:54051, localhost:54051, [::1]:54051: the port the lab (or demo) picked
HOST_PORT = re.compile(r"((?:127\.0\.0\.1|localhost|\[::1\]):)\d{2,5}\b")


def normalise(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: normalise(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if key in TIMES and isinstance(value, (int, float)):
        return 0
    if key in DATES and isinstance(value, str):
        return "2000-01-01"
    if key in FINGERPRINTS and isinstance(value, str):
        return "0" * 64
    if isinstance(value, str):
        return HOST_PORT.sub(r"\1PORT", value)
    return value


def dump(doc: Any) -> str:
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def check(name: str, doc: Any) -> None:
    """Compare normalise(doc) with tests/golden/json/NAME.json (or rewrite it under REGEN)."""
    path = GOLDEN_DIR / f"{name}.json"
    got = dump(normalise(doc))
    if REGEN:
        GOLDEN_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(got)
        return
    assert path.is_file(), f"{path} missing: run scripts/regen-golden-json.sh"
    want = path.read_text()
    if got != want:
        import difflib
        diff = "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                            f"golden/{name}.json", "this run", n=2))
        raise AssertionError(f"{name}: --json output differs from tests/golden/json/{name}.json "
                             f"(if the change is meant, scripts/regen-golden-json.sh):\n{diff[:6000]}")
