"""The JSON Schemas of docs/schema/ as validators: one per document, named after the
document's own `schema` field ("tlsdoctor.scan/1" -> docs/schema/scan-1.json).

Files refer to each other by relative `$ref` ("common-1.json#/$defs/error"); every file of
the folder is registered under its file URI, so nothing is ever fetched."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "docs" / "schema"


def file_name(schema_id: str) -> str:
    """'tlsdoctor.scan/1' -> 'scan-1.json'."""
    m = re.fullmatch(r"tlsdoctor\.([a-z_]+)/([0-9]+)", schema_id)
    if not m:
        raise ValueError(f"not a tlsdoctor schema id: {schema_id!r}")
    return f"{m.group(1)}-{m.group(2)}.json"


@functools.cache
def _store() -> dict[str, Any]:
    return {p.resolve().as_uri(): json.loads(p.read_text()) for p in SCHEMA_DIR.glob("*.json")}


def have_jsonschema() -> bool:
    try:
        import jsonschema  # noqa: F401
    except ImportError:
        return False
    return True


@functools.cache
def validator(name: str):
    """The Draft202012Validator of docs/schema/NAME (a file name such as 'scan-1.json')."""
    from jsonschema import Draft202012Validator

    path = (SCHEMA_DIR / name).resolve()
    store = _store()
    schema = store[path.as_uri()]
    Draft202012Validator.check_schema(schema)
    try:  # jsonschema >= 4.18 resolves through `referencing`; RefResolver is deprecated there
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012
    except ImportError:  # Debian 12's jsonschema 4.10
        from jsonschema import RefResolver
        resolver = RefResolver(base_uri=path.as_uri(), referrer=schema, store=store)
        return Draft202012Validator(schema, resolver=resolver)
    registry = Registry().with_resources(
        (uri, Resource.from_contents(s, default_specification=DRAFT202012)) for uri, s in store.items())
    return Draft202012Validator({"$ref": path.as_uri()}, registry=registry)


def problems(doc: Any, name: str | None = None) -> list[str]:
    """Every way `doc` breaks its schema (by default the one its `schema` field names),
    as 'path: message' lines; empty when it conforms."""
    if name is None:
        name = file_name(doc.get("schema", "?") if isinstance(doc, dict) else "?")
    errors = sorted(validator(name).iter_errors(doc), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message[:300]}" for e in errors]


def assert_valid(doc: Any, name: str | None = None) -> None:
    found = problems(doc, name)
    assert not found, f"{len(found)} schema violation(s):\n  " + "\n  ".join(found[:20])
