"""Findings of the checks that read one file and nothing else, remembered within a process.

A serve rebuild runs the whole check again after every edit; for all but the
edited file, the checks that look only at a file's own text and data
(placeholders, EXAMPLE values, imported notes, step ids, decision tree ...)
find exactly what they found last time. Their findings are kept in memory,
keyed by the file's kind, path, text and body and whether its data was
usable, so an unchanged file is not walked again; a changed one gets a new
key. Entries not used by the last run are dropped. Problems are frozen
values, so sharing them between runs is safe.
"""
from __future__ import annotations

from typing import Callable, Iterable

from .store import digest
from ..problems import Problem

_MEMO: dict[str, tuple[Problem, ...]] = {}
_USED: dict[str, tuple[Problem, ...]] = {}


def key_of(group: str, kind: str, source) -> str:
    return digest(group, kind, source.rel, source.text, source.body, str(isinstance(source.data, dict)))


def remembered(key: str, find: Callable[[], Iterable[Problem]]) -> tuple[Problem, ...]:
    """The findings stored under ``key``, else those of ``find()`` (then stored)."""
    found = _MEMO.get(key)
    if found is None:
        found = tuple(find())
    _USED[key] = found
    return found


def end_run() -> None:
    """Keep only what this run used: the memo never outgrows one repository's files."""
    global _MEMO, _USED
    _MEMO, _USED = _USED, {}
