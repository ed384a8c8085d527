"""Turn a path into a document into a line and column, composing nodes lazily."""
from __future__ import annotations

from typing import Any, Iterable

import yaml

from ..problems import JsonPath, Problem
from .yamlio import Source


def _child(node: Any, item: Any) -> tuple[Any, Any]:
    """Return (key_node, value_node) for one path step, or (None, None)."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(item):
                return key_node, value_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(item, int):
        if 0 <= item < len(node.value):
            return None, node.value[item]
    return None, None


def locate(root: Any, path: JsonPath, key: bool = False) -> tuple[int, int]:
    """1-based line and column of the node at ``path`` (the deepest that exists)."""
    node, key_node = root, None
    for item in path:
        next_key, next_node = _child(node, item)
        if next_node is None:
            break
        node, key_node = next_node, next_key
    else:
        if key and key_node is not None:
            node = key_node
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def position(problems: Iterable[Problem], sources: dict[str, Source]) -> list[Problem]:
    """Fill in line/column for problems that carry only a path."""
    out = []
    for problem in problems:
        source = sources.get(problem.file)
        if problem.line or source is None:
            out.append(problem)
            continue
        root = source.node()
        if not root:
            out.append(problem.at(1 + source.line_offset, 1))
            continue
        line, column = locate(root, problem.path, problem.key)
        out.append(problem.at(line + source.line_offset, column))
    return out
