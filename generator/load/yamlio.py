"""Read YAML safely and fast, keeping enough to point at lines later.

Content comes from pull requests, so the loader is strict: no anchors or
aliases (an alias bomb must not hang validation), no duplicate keys (PyYAML
would silently keep the last one), no custom tags, and dates stay strings so
that an impossible date becomes a finding instead of a traceback.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from ..problems import ERROR, Problem

MAX_BYTES = 1_000_000
MAX_INT_DIGITS = 4_000  # below Python's int/str conversion limit (4,300)
MAX_KEYS = 5_000  # keys in one mapping; no content file needs more, and building 90,000 takes seconds
# A composed node tree takes about 17 times its text. Kept from the parse only for large files
# (composing one again would cost seconds); a small file's is composed again if a problem needs
# it, so a cold check of 5,000 files does not hold 5,000 trees.
KEEP_NODES_FROM = 64_000
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


class _Refused(Exception):
    def __init__(self, code: str, message: str, mark: Any, hint: str = "") -> None:
        super().__init__(message)
        self.code, self.message, self.mark, self.hint = code, message, mark, hint


def _implicit_resolvers() -> dict:
    """YAML 1.1 resolvers minus timestamps, and booleans only for true/false."""
    table: dict = {}
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items():
        kept = [(tag, rx) for tag, rx in resolvers
                if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
        if first in "tTfF":
            kept.append(("tag:yaml.org,2002:bool", _BOOL))
        if kept:
            table[first] = kept
    return table


class StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that records duplicate keys and refuses merge keys.

    Aliases need anchors, and files with anchors are refused before they are
    constructed (see ``_event_problems``), so no alias is ever expanded.
    """

    yaml_implicit_resolvers = _implicit_resolvers()

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[str, Any]] = []

    def construct_mapping(self, node: Any, deep: bool = False) -> dict:
        if len(node.value) > MAX_KEYS:
            raise _Refused("too-many-keys", f"a mapping of {len(node.value):,} keys; one mapping may have at "
                           f"most {MAX_KEYS:,}", node.start_mark,
                           "lists of things are written as '- item' entries, not as keys of one mapping")
        seen: set = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Refused("yaml-alias", "YAML merge keys (<<) are not allowed",
                               key_node.start_mark, "write the keys out in full")
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    self.duplicates.append((key_node.value, key_node.start_mark))
                seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node: Any) -> Any:
        if len(node.value) > MAX_INT_DIGITS and sum(ch.isdigit() for ch in node.value) > MAX_INT_DIGITS:  # int() would raise (and be slow) past Python's limit
            raise _Refused("number-too-long", f"a number of {len(node.value):,} characters; numbers "
                           f"may have at most {MAX_INT_DIGITS:,} digits", node.start_mark,
                           "put the value in quotes if it is text, e.g. \"1234...\"")
        return super().construct_yaml_int(node)


StrictLoader.add_constructor("tag:yaml.org,2002:int", StrictLoader.construct_yaml_int)


@dataclass
class Source:
    """One YAML file: where it is, its text, and its data (None if unreadable)."""

    path: Path
    rel: str
    text: str = ""
    data: Any = None
    ok: bool = False
    line_offset: int = 0  # lines before the YAML starts (front matter in Markdown files)
    body: str = ""        # Markdown after the front matter
    _nodes: Any = field(default=None, repr=False)

    def forget_nodes(self) -> None:
        """Drop the composed tree; ``node()`` composes it again if asked."""
        self._nodes = None

    def node(self) -> Any:
        if self._nodes is None:
            try:
                self._nodes = yaml.compose(self.text, Loader=_BaseLoader) or False
            except yaml.YAMLError:
                self._nodes = False
        return self._nodes


def _problem(rel: str, code: str, message: str, mark: Any = None, hint: str = "") -> Problem:
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    return Problem(rel, code, message, level=ERROR, hint=hint, line=line, column=column)


ALIAS_HINT = ("write the value out in full; anchors and aliases are refused so that a file cannot "
              "expand to gigabytes")
MAX_DEPTH = 64
_DEEP_INDENT = re.compile(r"^ {%d,}" % (2 * MAX_DEPTH), re.MULTILINE)
# '- - - x' and '? ? x' nest on one line; libyaml's C composer recurses on them until it crashes.
_COMPACT_NESTING = re.compile(r"(?:[-?][ \t]+){%d}" % MAX_DEPTH)


def _suspicious(text: str) -> bool:
    """Cheap test: could this text hold an anchor, or nest deeper than MAX_DEPTH?"""
    return ("&" in text or text.count("[") + text.count("{") >= MAX_DEPTH
            or _DEEP_INDENT.search(text) is not None or _COMPACT_NESTING.search(text) is not None)


def _event_problems(rel: str, text: str) -> list[Problem]:
    """Walk suspicious text event by event (libyaml does this without recursion).

    Refuses absurd nesting before libyaml's recursive composer can overflow the
    C stack, and anchors and aliases before anything is expanded (without an
    anchor there can be no alias).
    """
    if not _suspicious(text):
        return []
    depth, anchors = 0, []
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return [_problem(rel, "too-deep", f"values are nested more than {MAX_DEPTH} levels deep",
                                     event.start_mark, "flatten the structure; content never needs this")]
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            if isinstance(event, yaml.AliasEvent):
                anchors.append(_problem(rel, "yaml-alias", f"YAML alias '*{event.anchor}' is not allowed",
                                        event.start_mark, ALIAS_HINT))
            elif getattr(event, "anchor", None):
                anchors.append(_problem(rel, "yaml-alias", f"YAML anchor '&{event.anchor}' is not allowed",
                                        event.start_mark, ALIAS_HINT))
    except yaml.YAMLError:
        pass  # the real parse reports any syntax error with its position
    if len(anchors) > 1:
        first = anchors[0]
        return [replace(first, message=f"{first.message} ({len(anchors)} anchors and aliases in this file)")]
    return anchors


def parse_text(rel: str, text: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text; return (data, problems). Data is None when unusable."""
    data, _, problems = parse_with_nodes(rel, text)
    return data, problems


def parse_with_nodes(rel: str, text: str) -> tuple[Any, Any, list[Problem]]:
    """(data, composed root node, problems): composed once, for the data and for positions."""
    refused = _event_problems(rel, text)
    if refused:
        return None, None, refused
    loader = StrictLoader(text)
    node = None
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except _Refused as refused:
        return None, None, [_problem(rel, refused.code, refused.message, refused.mark, refused.hint)]
    except yaml.constructor.ConstructorError as exc:
        return None, None, [_problem(rel, "yaml-tag", _tag_message(exc), exc.problem_mark,
                               "remove the tag: content may only use plain YAML values")]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        if exc.context_mark is not None and "end of stream" in (exc.problem or ""):
            mark = exc.context_mark  # an unclosed quote: point where it opened
        return None, None, [_problem(rel, "yaml-syntax", _syntax_message(exc), mark,
                               _syntax_hint(exc, text))]
    except yaml.YAMLError as exc:
        return None, None, [_problem(rel, "yaml-syntax", f"invalid YAML: {exc}")]
    except RecursionError:
        return None, None, [_problem(rel, "too-deep", "values are nested too deeply",
                               hint="flatten the structure")]
    finally:
        loader.dispose()
    problems = [
        _problem(rel, "duplicate-key", f"key '{key}' appears twice in the same mapping", mark,
                 "remove or rename one of them: YAML keeps only the last, silently")
        for key, mark in loader.duplicates
    ]
    return data, node, problems


def _tag_message(exc: yaml.constructor.ConstructorError) -> str:
    problem = exc.problem or "unsupported value"
    match = re.search(r"tag '([^']+)'", problem)
    return f"the YAML tag '{match.group(1)}' is not allowed" if match else problem


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or "syntax error"
    if exc.context:
        return f"invalid YAML: {problem} ({exc.context})"
    return f"invalid YAML: {problem}"


def _syntax_hint(exc: yaml.MarkedYAMLError, text: str) -> str:
    problem = exc.problem or ""
    mark = exc.problem_mark
    lines = text.splitlines()
    line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    if "\\t" in problem or "tab" in problem or "\t" in line[: mark.column + 1 if mark else 0]:
        return "indent with spaces, never tabs"
    if "mapping values are not allowed" in problem:
        return "a value containing ': ' must be quoted, e.g. text: \"Check: the pool\""
    if "end of stream" in problem and "quoted" in (exc.context or ""):
        return "this quote is never closed; add the closing quote at the end of the value"
    if "could not find expected ':'" in problem:
        return "each line of a mapping needs 'key: value'; check the indentation of this block"
    return "check indentation and quoting around this position"


def read_source(path: Path, rel: str, root: Path | None = None,
                parsed: Any = None) -> tuple[Source, list[Problem]]:
    """Read and parse one file, returning problems as values (never raising).

    ``parsed`` (a caching.parse.ParseCache) skips parsing text that parsed cleanly before;
    node positions are then composed only if a problem needs them.
    """
    from .safe_read import Refused, read_bounded

    source = Source(path=path, rel=rel)
    try:
        raw = read_bounded(path, root, MAX_BYTES)
    except Refused as refused:
        return source, [_problem(rel, refused.code, refused.message, hint=refused.hint)]
    try:
        source.text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return source, [Problem(rel, "encoding", "file is not valid UTF-8 text", line=line, column=1,
                                hint="save the file as UTF-8")]
    if "\x00" in source.text:
        return source, [_problem(rel, "encoding", "file contains NUL bytes (binary data)",
                                 hint="content files must be YAML text")]
    data = parsed.get(source.text) if parsed is not None else None
    if data is not None:
        problems = []
    else:
        data, node, problems = parse_with_nodes(rel, source.text)
        source._nodes = node if node is not None and len(source.text) >= KEEP_NODES_FROM else None
        if parsed is not None and data is not None and not problems:
            parsed.put(source.text, data)
    if data is None and not problems:
        problems = [_problem(rel, "empty-file", "file is empty (no YAML document)",
                             hint="add the document's keys, or delete the file")]
    source.data = data
    source.ok = data is not None and not problems
    return source, problems
