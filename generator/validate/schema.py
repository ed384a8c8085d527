"""JSON Schema validation with one readable, positioned message per error."""
from __future__ import annotations

import difflib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from ..load.durations import parse_date
from ..problems import Problem, dotted

_PACKAGE = Path(__file__).resolve().parent.parent
_CHECKOUT_SCHEMAS = _PACKAGE.parent / "schemas"
SCHEMA_DIR = _CHECKOUT_SCHEMAS if _CHECKOUT_SCHEMAS.is_dir() else _PACKAGE / "schemas"
KINDS = ("organization", "severities", "contacts", "escalation", "roles", "process",
         "templates", "playbook", "card", "postmortem", "incident")
_REGISTRY: dict[str, Registry] = {}
_TYPE_NAMES = {"string": "text", "object": "a mapping (key: value)", "array": "a list (- item)",
               "integer": "a whole number", "number": "a number", "boolean": "true or false",
               "null": "empty"}


def schema_dir() -> Path:
    """The schemas shipped with this checkout (or installed next to the package)."""
    return SCHEMA_DIR


def _load_all(directory: Path) -> dict[str, dict]:
    return {p.name: json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(directory.glob("*.schema.json"))}


@lru_cache(maxsize=4)
def validators(directory: Path = SCHEMA_DIR) -> dict[str, Draft202012Validator]:
    """Compile each kind's schema once; relative $refs resolve between files."""
    schemas = _load_all(directory)
    registry = Registry().with_resources(
        (name, Resource.from_contents(body, default_specification=DRAFT202012))
        for name, body in schemas.items())
    checker = FormatChecker(formats=("date",))
    _REGISTRY["registry"] = registry
    out = {}
    for kind in KINDS:
        body = schemas.get(f"{kind}.schema.json")
        if body is not None:
            out[kind] = Draft202012Validator(body, registry=registry, format_checker=checker)
    return out


def _is_date(value: str) -> bool:
    return parse_date(value) is not None


@lru_cache(maxsize=4)
def fast_validators(directory: Path = SCHEMA_DIR) -> dict[str, Any]:
    """fastjsonschema compiles each schema to Python code: ~50x faster on valid documents.

    It only answers "valid or not"; jsonschema explains the errors. Without
    fastjsonschema installed, every document goes through jsonschema.
    """
    try:
        import fastjsonschema
    except ImportError:  # pragma: no cover - it is a declared dependency
        return {}
    schemas = _load_all(directory)
    handler = lambda uri: schemas[uri.rsplit("/", 1)[-1]]  # noqa: E731 - relative $refs between files
    return {kind: fastjsonschema.compile(schemas[f"{kind}.schema.json"], handlers={"": handler},
                                         formats={"date": _is_date})
            for kind in KINDS if f"{kind}.schema.json" in schemas}


def validate(kind: str, data: Any, rel: str) -> Iterator[Problem]:
    """Yield one problem per schema error in ``data``."""
    fast = fast_validators().get(kind)
    if fast is not None:
        try:
            fast(data)
            return
        except Exception as error:  # noqa: BLE001 - any refusal means: explain it slowly
            fallback = getattr(error, "message", str(error))
    else:
        fallback = ""
    found = False
    for error in validators()[kind].iter_errors(data):
        found = True
        yield from _describe(error, rel, kind)
    if not found and fallback:
        yield Problem(rel, "schema", f"{kind}: {fallback}")


def _where(path: tuple, kind: str) -> str:
    return dotted(path) or kind


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "nothing (empty value)"
    return {dict: "a mapping", list: "a list", str: "text", int: "a number",
            float: "a number"}.get(type(value), type(value).__name__)


def _show(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else json.dumps(value, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def _example(schema: dict) -> str:
    examples = schema.get("examples") or []
    if not examples:
        return ""
    value = examples[0]
    return json.dumps(value) if not isinstance(value, str) else value


def _describe(error: ValidationError, rel: str, kind: str) -> Iterator[Problem]:
    path = tuple(error.absolute_path)
    handler = _HANDLERS.get(str(error.validator))
    if handler is not None:
        yield from handler(error, rel, kind, path)
        return
    yield Problem(rel, "schema", f"{_where(path, kind)}: {error.message}", path=path)


def _required(error: ValidationError, rel: str, kind: str, path: tuple) -> Iterator[Problem]:
    instance = error.instance if isinstance(error.instance, dict) else {}
    properties = error.schema.get("properties", {})
    for name in error.validator_value:
        if name in instance:
            continue
        example = _example(_resolve(kind, properties.get(name, {})))
        hint = f"add it, e.g. {name}: {example}" if example else f"add '{name}:' with a value"
        yield Problem(rel, "missing-key", f"{_where(path, kind)}: missing required key '{name}'",
                      path=path, hint=hint)


MAX_UNKNOWN_KEYS = 20


def _additional(error: ValidationError, rel: str, kind: str, path: tuple) -> Iterator[Problem]:
    allowed = sorted(error.schema.get("properties", {}))
    instance = error.instance if isinstance(error.instance, dict) else {}
    unknown = [key for key in instance if key not in allowed]
    if len(unknown) > MAX_UNKNOWN_KEYS:  # 90,000 keys: name the first ones, count the rest
        rest = len(unknown) - MAX_UNKNOWN_KEYS
        yield Problem(rel, "unknown-key", f"{_where(path, kind) or 'top level'}: {rest:,} more unknown keys "
                      f"after the {MAX_UNKNOWN_KEYS} reported", path=path + (unknown[MAX_UNKNOWN_KEYS],),
                      hint=f"allowed keys here: {', '.join(allowed)}", key=True)
    for key in unknown[:MAX_UNKNOWN_KEYS]:
        close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        hint += f"allowed keys here: {', '.join(allowed)}"
        yield Problem(rel, "unknown-key", f"{_where(path + (key,), kind)}: unknown key '{key}'",
                      path=path + (key,), hint=hint, key=True)


def _type(error: ValidationError, rel: str, kind: str, path: tuple) -> Iterator[Problem]:
    wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    names = " or ".join(_TYPE_NAMES.get(t, t) for t in wanted)
    hint = ""
    if "string" in wanted and isinstance(error.instance, (dict, list)):
        hint = "if the text contains ': ' or starts with '[' or '{', put it in quotes"
    yield Problem(rel, "wrong-type",
                  f"{_where(path, kind)}: expected {names}, got {_json_type(error.instance)}",
                  path=path, hint=hint)


def _enum(error: ValidationError, rel: str, kind: str, path: tuple) -> Iterator[Problem]:
    options = [str(v) for v in error.validator_value]
    close = difflib.get_close_matches(str(error.instance), options, n=1, cutoff=0.5)
    hint = f"did you mean '{close[0]}'?" if close else ""
    yield Problem(rel, "invalid-value",
                  f"{_where(path, kind)}: {_show(error.instance)} is not one of {', '.join(options)}",
                  path=path, hint=hint)


def _pattern(error: ValidationError, rel: str, kind: str, path: tuple) -> Iterator[Problem]:
    described = error.schema.get("description", f"must match {error.validator_value}")
    example = _example(error.schema)
    hint = f"for example: {example}" if example else ""
    yield Problem(rel, "invalid-format", f"{_where(path, kind)}: {_show(error.instance)} is not valid. "
                  f"{described}", path=path, hint=hint)


def _format(error: ValidationError, rel: str, kind: str, path: tuple) -> Iterator[Problem]:
    yield Problem(rel, "invalid-date",
                  f"{_where(path, kind)}: {_show(error.instance)} is not a real calendar date",
                  path=path, hint="use YYYY-MM-DD with a month of 01-12 and a day that exists in it")


def _min_items(error: ValidationError, rel: str, kind: str, path: tuple) -> Iterator[Problem]:
    count = error.validator_value
    what = "item" if count == 1 else "items"
    yield Problem(rel, "too-few", f"{_where(path, kind)}: needs at least {count} {what}", path=path)


def _min_length(error: ValidationError, rel: str, kind: str, path: tuple) -> Iterator[Problem]:
    yield Problem(rel, "empty", f"{_where(path, kind)}: must not be empty", path=path)


def _min_properties(error: ValidationError, rel: str, kind: str, path: tuple) -> Iterator[Problem]:
    options = ", ".join(sorted(error.schema.get("properties", {})))
    yield Problem(rel, "empty", f"{_where(path, kind)}: must not be empty",
                  path=path, hint=f"add at least one of: {options}" if options else "")


def _property_names(error: ValidationError, rel: str, kind: str, path: tuple) -> Iterator[Problem]:
    yield Problem(rel, "invalid-format", f"{_where(path, kind)}: {error.message}", path=path,
                  hint="use lower-case letters, digits and underscores, e.g. affected_services")


def _minimum(error: ValidationError, rel: str, kind: str, path: tuple) -> Iterator[Problem]:
    yield Problem(rel, "invalid-value",
                  f"{_where(path, kind)}: {error.instance} is less than {error.validator_value}", path=path)


def _resolve(kind: str, schema: dict) -> dict:
    """Follow a $ref so examples of referenced definitions show in hints."""
    ref = schema.get("$ref")
    registry = _REGISTRY.get("registry")
    if not ref or registry is None:
        return schema
    for base in (f"{kind}.schema.json", "common.schema.json"):
        try:
            resolved = registry.resolver(base).lookup(ref).contents
        except Exception:  # noqa: BLE001 - a missing example must never fail a check
            continue
        return {**resolved, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema


_HANDLERS = {
    "required": _required,
    "additionalProperties": _additional,
    "type": _type,
    "enum": _enum,
    "pattern": _pattern,
    "format": _format,
    "minItems": _min_items,
    "minLength": _min_length,
    "minProperties": _min_properties,
    "propertyNames": _property_names,
    "minimum": _minimum,
}
