"""Cross-file checks of data/fixes/ against data/profiles/: the facts the
doctor combines must name things that exist (stdlib only)."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXES = ROOT / "data" / "fixes"
PROFILES = [json.loads(p.read_text()) for p in sorted((ROOT / "data" / "profiles").glob("*.json"))]
CLIENTS = json.loads((FIXES / "clients.json").read_text())
CHANGES = json.loads((FIXES / "changes.json").read_text())["changes"]
SERVER = json.loads((FIXES / "server.json").read_text())
REASONS = json.loads((FIXES / "reasons.json").read_text())["reasons"]


def version_key(v: str) -> tuple[int, ...]:
    return tuple(int("".join(ch for ch in part if ch.isdigit()) or 0) for part in v.split("."))


def matching_profiles(change: dict) -> list[dict]:
    out = []
    for p in PROFILES:
        if p["stack"] != change["stack"]:
            continue
        if change.get("variant") and p.get("variant", "") != change["variant"]:
            continue
        if version_key(p["version"]) < version_key(change["since"]):
            continue
        if change.get("until") and version_key(p["version"]) >= version_key(change["until"]):
            continue
        out.append(p)
    return out


def test_every_change_applies_to_a_profile_and_names_a_real_knob():
    for change in CHANGES:
        profiles = matching_profiles(change)
        assert profiles, change["id"]
        assert change["source"] and change["what"], change["id"]
        assert set(change["reasons"]) <= set(REASONS), change["id"]
        if change.get("knob"):
            names = {k["name"] for p in profiles for k in p.get("knobs", [])}
            assert change["knob"] in names, (change["id"], change["knob"])


def test_change_ids_are_unique():
    ids = [c["id"] for c in CHANGES]
    assert len(ids) == len(set(ids))


def test_every_knob_kind_in_the_profiles_can_be_written_out():
    kinds = {k["kind"] for p in PROFILES for k in p.get("knobs", [])}
    assert kinds <= set(CLIENTS["knob_kinds"]), kinds - set(CLIENTS["knob_kinds"])


def test_every_profile_reason_has_a_title():
    used = {r for p in PROFILES for k in p.get("knobs", []) for r in k["relaxes"]}
    assert used <= set(REASONS), used - set(REASONS)


def test_server_fixes_cover_every_reason_the_server_can_fix():
    covered = {r for f in SERVER["fixes"] for r in f["reasons"]}
    # A broken connection has no server fix; a protocol violation has one (the
    # broken_handshake fix: the server's software or a middlebox, not a setting).
    assert set(REASONS) - covered == {"transport"}
    software = {s["id"] for s in SERVER["software"]}
    for fix in SERVER["fixes"]:
        assert set(fix["render"]) == software, fix["id"]
        assert fix["source"], fix["id"]
        for text in fix["render"].values():
            # {host} is the only placeholder the doctor fills in.
            stripped = text.replace("{host}", "")
            assert "{host" not in stripped


def test_go_godebug_table_names_knobs_that_exist():
    go_knobs = {k["name"] for p in PROFILES if p["stack"] == "go" for k in p.get("knobs", [])}
    for s in CLIENTS["go_godebug"]["settings"]:
        assert any(s["setting"] + "=" + s["old"] in name for name in go_knobs), s
