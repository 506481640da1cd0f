"""Every profile's exact ClientHello equals its golden file: a change to a
profile, to the extension table or to the hello builder shows up as a byte
diff here, and as a readable one-field-per-line diff of <id>.txt (versions,
suites, extensions and their parameters, GREASE marked), to be reviewed and
regenerated (scripts/regen-golden.sh)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.golden.hello_fields import snapshot

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "hellos"


def profile_ids(tlsdoctor):
    out = subprocess.run([str(tlsdoctor), "profiles", "--json"], capture_output=True, text=True,
                         check=True, timeout=60).stdout
    return [p["id"] for p in json.loads(out)["profiles"]]


@pytest.fixture(scope="module")
def built_hellos(tlsdoctor) -> dict[str, str]:
    """Each profile's hello as the binary builds it now (hex), built once for the module."""
    return {pid: subprocess.run([str(tlsdoctor), "profiles", "--hello-hex", pid], capture_output=True,
                                text=True, check=True, timeout=60).stdout.strip()
            for pid in profile_ids(tlsdoctor)}


def test_every_profile_has_a_golden_hello_and_back(tlsdoctor):
    ids = set(profile_ids(tlsdoctor))
    files = {p.stem for p in GOLDEN.glob("*.hex")}
    assert len(ids) >= 40
    assert ids - files == set(), "profiles without a golden hello: run scripts/regen-golden.sh"
    assert files - ids == set(), "golden hellos of profiles that no longer exist"


def test_hellos_match_their_golden_bytes(built_hellos):
    mismatched = []
    for pid, now in built_hellos.items():
        golden = GOLDEN / f"{pid}.hex"
        if not golden.exists():
            continue  # reported by the test above
        if now != golden.read_text().strip():
            mismatched.append(pid)
    assert mismatched == [], f"hello bytes changed for {mismatched}: review, then scripts/regen-golden.sh"


def test_every_golden_hello_has_its_field_snapshot():
    hexes = {p.stem for p in GOLDEN.glob("*.hex")}
    texts = {p.stem for p in GOLDEN.glob("*.txt")}
    assert hexes - texts == set(), "golden hellos without a .txt snapshot: run scripts/regen-golden.sh"
    assert texts - hexes == set(), "snapshots of hellos that no longer exist"


def test_field_snapshots_decode_their_golden_bytes():
    """The .txt beside each .hex is exactly its decoding: neither was edited alone."""
    stale = [f.stem for f in GOLDEN.glob("*.hex")
             if f.with_suffix(".txt").exists() and snapshot(f.read_text()) != f.with_suffix(".txt").read_text()]
    assert stale == [], f"snapshots out of step with their golden bytes: {stale}"


def test_hellos_match_their_field_snapshots(built_hellos):
    """The hello each profile builds now, one field per line, equals its snapshot;
    a failure shows the changed lines."""
    diffs = []
    for pid, now in built_hellos.items():
        golden = GOLDEN / f"{pid}.txt"
        if not golden.exists():
            continue  # reported above
        lines = snapshot(now).splitlines()
        expected = golden.read_text().splitlines()
        if lines != expected:
            changed = [f"{pid}: -{a!r} +{b!r}" for a, b in zip(expected, lines) if a != b][:5]
            if len(lines) != len(expected):
                changed.append(f"{pid}: {len(expected)} lines -> {len(lines)}")
            diffs += changed
    assert diffs == [], "hello fields changed (review, then scripts/regen-golden.sh):\n" + "\n".join(diffs)


def test_golden_bytes_are_real_client_hellos():
    """A golden hello must parse as one handshake record holding one ClientHello."""
    for f in GOLDEN.glob("*.hex"):
        raw = bytes.fromhex(f.read_text().strip())
        assert raw[0] == 0x16 and raw[1] == 0x03, f.name
        record_len = int.from_bytes(raw[3:5], "big")
        assert record_len == len(raw) - 5, f.name
        assert raw[5] == 0x01, f.name
        assert int.from_bytes(raw[6:9], "big") == record_len - 4, f.name


@pytest.mark.parametrize("pid", ["go-1.22"])
def test_unknown_profile_is_a_usage_error(tlsdoctor, pid):
    proc = subprocess.run([str(tlsdoctor), "profiles", "--hello-hex", "nope-1.0"], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 2
    assert pid in proc.stderr  # lists the known ids
