"""The schema files themselves, without the binary: each is a valid draft 2020-12 schema,
every `$ref` lands, every document docs/json.md names has its file, and the schemas can
fail: the golden documents validate, and each one broken on purpose (a wrong type, a
missing required field, an unknown field, a value outside a closed set) is rejected."""

from __future__ import annotations

import copy
import json
import re
from typing import Any, Callable

import pytest

from tests.schema.golden import GOLDEN_DIR
from tests.schema.schemas import SCHEMA_DIR, _store, file_name, problems, validator

DOCS = SCHEMA_DIR.parent / "json.md"
FILES = sorted(p.name for p in SCHEMA_DIR.glob("*.json"))
# Files that are not a document with a `schema` field of its own.
NOT_DOCUMENTS = {"common-1.json": "shared definitions", "explain-batch-1.json": "an array of explain-1"}
GOLDEN = {"hello": None, "scan": None, "simulate": None, "doctor": None, "get": None,
          "explain": None, "explain-batch": "explain-batch-1.json", "profiles": None, "demo": None,
          "preflight": None}


def documented_ids() -> set[str]:
    return set(re.findall(r"tlsdoctor\.[a-z_]+/[0-9]+", DOCS.read_text()))


def test_every_documented_document_has_a_schema_file():
    ids = documented_ids()
    assert {"tlsdoctor.hello/1", "tlsdoctor.scan/1", "tlsdoctor.scans/1", "tlsdoctor.doctor/1"} <= ids
    missing = sorted(i for i in ids if file_name(i) not in FILES)
    assert not missing, f"documented in docs/json.md, no file in docs/schema/: {missing}"


@pytest.mark.parametrize("name", sorted(set(FILES) - set(NOT_DOCUMENTS)))
def test_document_schema_is_named_after_its_schema_field(name):
    schema = json.loads((SCHEMA_DIR / name).read_text())
    sid = schema["title"]
    assert file_name(sid) == name
    assert sid in documented_ids(), f"{name}: {sid} is not in docs/json.md"
    assert validator(name).is_valid({"schema": sid}) is False  # a bare envelope is not a document


@pytest.mark.parametrize("name", FILES)
def test_schema_file_is_draft_2020_12(name):
    schema = json.loads((SCHEMA_DIR / name).read_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema.get("title") and schema.get("description")
    validator(name)  # check_schema: a schema that is not one fails here


def _refs(node: Any):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref" and isinstance(v, str):
                yield v
            else:
                yield from _refs(v)
    elif isinstance(node, list):
        for v in node:
            yield from _refs(v)


@pytest.mark.parametrize("name", FILES)
def test_every_ref_lands(name):
    """Relative file + JSON pointer, resolved by hand so a typo cannot hide behind a
    library's lazy resolution."""
    store = _store()
    schema = store[(SCHEMA_DIR / name).resolve().as_uri()]
    for ref in _refs(schema):
        target_file, _, pointer = ref.partition("#")
        target = store.get((SCHEMA_DIR / (target_file or name)).resolve().as_uri())
        assert target is not None, f"{name}: $ref {ref}: no such file in docs/schema/"
        for part in filter(None, pointer.split("/")):
            assert isinstance(target, dict) and part in target, f"{name}: $ref {ref}: no {part!r}"
            target = target[part]


def test_docs_point_to_every_schema_file():
    text = DOCS.read_text()
    assert "docs/schema/" in text
    missing = [n for n in FILES if n not in text]
    assert not missing, f"docs/json.md does not name {missing}"


# ---- the schemas can fail ----------------------------------------------------------

def golden(name: str) -> Any:
    return json.loads((GOLDEN_DIR / f"{name}.json").read_text())


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_golden_document_is_valid(name):
    found = problems(golden(name), GOLDEN[name])
    assert not found, found


def _set(path: str, value: Any) -> Callable[[Any], None]:
    def apply(doc: Any) -> None:
        *parents, last = path.split("/")
        for p in parents:
            doc = doc[int(p)] if isinstance(doc, list) else doc[p]
        doc[int(last) if isinstance(doc, list) else last] = value
    return apply


def _delete(path: str) -> Callable[[Any], None]:
    def apply(doc: Any) -> None:
        *parents, last = path.split("/")
        for p in parents:
            doc = doc[int(p)] if isinstance(doc, list) else doc[p]
        del doc[last]
    return apply


BROKEN = [  # (golden, what, mutation, a word the error must contain)
    ("hello", "elapsed_ms as a string", _set("elapsed_ms", "12.5"), "not of type"),
    ("hello", "no target", _delete("target"), "'target' is a required property"),
    ("hello", "an unknown outcome", _set("outcome", "maybe"), "is not one of"),
    ("hello", "an unknown error layer", _set("error", {"layer": "network", "code": "refused",
                                                       "message": "m"}), "not valid"),
    ("hello", "a transport error with a protocol code",
     _set("error", {"layer": "transport", "code": "not_tls", "message": "m"}), "not valid"),
    ("hello", "a cipher suite code as a number", _set("cipher_suite/code", 61), "not valid"),
    ("hello", "a field no document has", _set("colour", "red"), "Additional properties"),
    ("scan", "connections negative", _set("connections", -1), "minimum"),
    ("scan", "no findings", _delete("findings"), "'findings' is a required property"),
    ("scan", "a severity outside the set", _set("findings/0/severity", "critical"), "is not one of"),
    ("scan", "a version key not spelt like OpenSSL", _set("cipher_suites/TLS1.2", {}), "TLS1.2"),
    ("scan", "an unknown field in a suite", _set("cipher_suites/TLSv1.2/suites/0/strength", 1),
     "Unevaluated properties"),
    ("simulate", "a reason outside the taxonomy", _set("results/1/reason", "bad_luck"), "not valid"),
    ("simulate", "ok as a string", _set("results/0/ok", "yes"), "not of type"),
    ("doctor", "a fix kind outside the set", _set("clients/0/fixes/0/kind", "hope"), "is not one of"),
    ("doctor", "a failing client without its cause", _delete("clients/0/cause"),
     "'cause' is a required property"),
    ("doctor", "no client_from", _delete("client_from"), "'client_from' is a required property"),
    ("get", "ok true with an error", _set("error", {"layer": "transport", "code": "refused",
                                                     "message": "m"}), "not of type"),
    ("get", "a stage outside the set", _set("stage", "dns"), "is not one of"),
    ("explain", "causes as a string", _set("causes", "many"), "not of type"),
    ("profiles", "a knob kind outside the set", _set("profiles/0/knobs", [
        {"name": "x", "kind": "magic", "relaxes": [], "cost": "", "snippet": None,
         "removed_in": None, "source": "s"}]), "is not one of"),
    ("demo", "one act", _set("acts", []), "too short"),
    ("preflight", "an outcome outside the set", _set("endpoints/0/outcome", "degrades"),
     "is not one of"),
    ("preflight", "a reachable endpoint without its verdict", _set("endpoints/0/to", None),
     "not of type"),
    ("preflight", "no summary", _delete("summary"), "'summary' is a required property"),
]


@pytest.mark.parametrize("name,what,mutate,word", BROKEN, ids=[f"{b[0]}: {b[1]}" for b in BROKEN])
def test_schema_rejects_a_broken_document(name, what, mutate, word):
    doc = copy.deepcopy(golden(name))
    mutate(doc)
    found = problems(doc, GOLDEN[name])
    assert found, f"{name}: the schema accepts a document with {what}"
    assert any(word in f for f in found), found
