"""Turn a path into a document into a line and column, composing nodes lazily."""
from __future__ import annotations

from typing import Any, Iterable

import yaml

from ..problems import JsonPath, Problem
from .yamlio import Source


def _keys(node: yaml.MappingNode, index: dict) -> dict:
    """key -> (key_node, value_node), first occurrence, built once per mapping (not per problem)."""
    found = index.get(id(node))
    if found is None:
        found = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                found.setdefault(key_node.value, (key_node, value_node))
        index[id(node)] = found
    return found


def _child(node: Any, item: Any, index: dict | None = None) -> tuple[Any, Any]:
    """Return (key_node, value_node) for one path step, or (None, None)."""
    if isinstance(node, yaml.MappingNode):
        return _keys(node, {} if index is None else index).get(str(item), (None, None))
    elif isinstance(node, yaml.SequenceNode) and isinstance(item, int):
        if 0 <= item < len(node.value):
            return None, node.value[item]
    return None, None


def locate(root: Any, path: JsonPath, key: bool = False, index: dict | None = None) -> tuple[int, int]:
    """1-based line and column of the node at ``path`` (the deepest that exists)."""
    node, key_node = root, None
    for item in path:
        next_key, next_node = _child(node, item, index)
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
    out, index = [], {}  # mapping indexes live as long as this call (ids stay valid)
    for problem in problems:
        source = sources.get(problem.file)
        if problem.line or source is None:
            out.append(problem)
            continue
        root = source.node()
        if not root:
            out.append(problem.at(1 + source.line_offset, 1))
            continue
        line, column = locate(root, problem.path, problem.key, index)
        out.append(problem.at(line + source.line_offset, column))
    return out
