"""Files known clean: unchanged text that passed the schema and the text lints before.

A file is recorded when a whole check run found no problem in it (findings of
the date-dependent checks that always run do not count);
its key hashes its kind and text with the schemas and the code of the checks
it skips (schema validation, secrets, comment traps, link schemes, and the
file's own values and shape: placeholders, EXAMPLE values, step ids, decision
tree), so any
change to one of them checks the file afresh. Checks that depend on other
files or on the date (references, reviews, cards, post-mortems) always run.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from . import store as cache
from ..load.content import Content
from ..problems import Problem

NAME = "clean-v1.json"
# Findings of checks that run on every file every time: they do not make a file unclean.
ALWAYS_RUN = frozenset({"review-due-soon", "review-in-future", "review-overdue", "action-due-soon",
                        "action-overdue", "postmortem-review-overdue", "drill-overdue",
                        "drill-in-future", "drill-due-soon"})
# The checks a clean file skips: schema, text lints, and its own values and shape (core's
# _value_checks and _shape_checks), whose findings depend on nothing but the file.
_CODE = ("validate/schema.py", "load/yamlio.py", "core.py", "validate/lint.py", "validate/imported.py",
         "validate/examples.py", "validate/playbooks.py", "validate/walk.py", "problems.py")


@lru_cache(maxsize=4)
def _fingerprint(schema_dir: Path) -> str:
    package = Path(__file__).resolve().parent.parent
    parts: list[bytes] = [(package / name).read_bytes() for name in _CODE]
    parts += [p.name.encode() + p.read_bytes() for p in sorted(schema_dir.glob("*.schema.json"))]
    return cache.digest(*parts)


def _key(kind: str, text: str, body: str, fingerprint: str) -> str:
    return cache.digest(fingerprint, kind, text, body)


def _keys(content: Content) -> dict[str, str]:
    from ..validate.schema import SCHEMA_DIR

    fingerprint = _fingerprint(SCHEMA_DIR)
    return {source.rel: _key(kind, source.text, source.body, fingerprint)
            for kind, source in content.all_sources() if source.ok}


def known_clean(root: Path, content: Content) -> frozenset[str]:
    """Files (by rel) whose schema check and text lints may be skipped this run."""
    raw = cache.read(cache.cache_dir(root), NAME)
    try:
        recorded = set(json.loads(raw)) if raw else set()
    except (ValueError, TypeError):
        return frozenset()
    return frozenset(rel for rel, key in _keys(content).items() if key in recorded)


def record(root: Path, content: Content, problems: Iterable[Problem]) -> None:
    """Remember every file this run found nothing wrong with."""
    folder = cache.cache_dir(root)
    if folder is None:
        return
    flagged = {p.file for p in problems if p.code not in ALWAYS_RUN}
    clean = sorted(key for rel, key in _keys(content).items() if rel not in flagged)
    cache.write(folder, NAME, json.dumps(clean).encode())
