"""Walk a document along path patterns where '*' means every list item or key."""
from __future__ import annotations

from typing import Any, Iterator

from ..problems import JsonPath


def walk(data: Any, pattern: tuple, prefix: JsonPath = ()) -> Iterator[tuple[JsonPath, Any]]:
    """Yield (path, value) for every value matching ``pattern``."""
    if not pattern:
        yield prefix, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        if isinstance(data, list):
            for index, item in enumerate(data):
                yield from walk(item, rest, prefix + (index,))
        elif isinstance(data, dict):
            for key, item in data.items():
                yield from walk(item, rest, prefix + (key,))
        return
    if isinstance(data, dict) and head in data:
        yield from walk(data[head], rest, prefix + (head,))


def strings(data: Any, prefix: JsonPath = ()) -> Iterator[tuple[JsonPath, str]]:
    """Every string value in a document with its path."""
    if isinstance(data, str):
        yield prefix, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, prefix + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings(value, prefix + (index,))
