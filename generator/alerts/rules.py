"""Read Prometheus alerting rule files, keeping where every alert and annotation sits.

Rule files come from the same pull requests as content, so a broken one is a
finding, never a traceback. Three shapes are understood, in one or several
YAML documents per file: a plain rule file (``groups:``), a Kubernetes
``PrometheusRule`` (``spec.groups``), and a ``List`` of such objects
(``items:``). The round-trip loader is used so that ``alerts link`` edits the
very tree that was checked.
"""
from __future__ import annotations

import glob
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from ..problems import ERROR, WARNING, Problem

MAX_BYTES = 5_000_000  # large generated mixins are a few hundred kB


@dataclass(frozen=True)
class AlertRule:
    """One ``- alert:`` rule: its name, static labels and runbook_url, with positions."""

    name: str
    file: str
    line: int
    column: int
    labels: tuple[tuple[str, str], ...] = ()
    runbook_url: str | None = None
    url_line: int = 0
    url_column: int = 0
    node: Any = field(default=None, compare=False, repr=False)  # the rule's CommentedMap

    def problem(self, code: str, message: str, hint: str = "", level: str = ERROR,
                at_url: bool = False) -> Problem:
        line, column = (self.url_line, self.url_column) if at_url and self.url_line else (self.line, self.column)
        return Problem(self.file, code, message, level=level, hint=hint, line=line, column=column)


@dataclass
class RuleFile:
    """A rule file read from disk; ``documents`` is None when it could not be parsed."""

    path: Path
    rel: str
    text: str = ""
    documents: list | None = None
    rules: list[AlertRule] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def readable(self) -> bool:
        return self.documents is not None


def round_trip_yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never fold a long expr or URL
    return yaml


def read_rule_file(path: Path, rel: str) -> RuleFile:
    """Parse one file; every failure becomes a problem on the returned RuleFile."""
    rule_file = RuleFile(path, rel)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return _unreadable(rule_file, f"file is {size:,} bytes; the limit is {MAX_BYTES:,}",
                               "split the rule groups over several files")
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return _unreadable(rule_file, "file is not valid UTF-8 text", "save the file as UTF-8")
    except OSError as error:
        return _unreadable(rule_file, f"cannot read the rule file ({error.strerror})",
                           "check the path and its permissions")
    return parse_rule_text(path, rel, text)


def parse_rule_text(path: Path, rel: str, text: str) -> RuleFile:
    """Parse rule-file text that was already read."""
    rule_file = RuleFile(path, rel, text)
    if "\x00" in text:
        return _unreadable(rule_file, "file contains NUL bytes (binary data)", "rule files are YAML text")
    try:
        rule_file.documents = list(round_trip_yaml().load_all(io.StringIO(rule_file.text)))
    except Exception as error:  # noqa: BLE001 - ruamel raises many types; all mean "not YAML"
        return _syntax_error(rule_file, error)
    _collect(rule_file)
    return rule_file


def _unreadable(rule_file: RuleFile, message: str, hint: str, line: int = 0, column: int = 0) -> RuleFile:
    rule_file.problems.append(Problem(rule_file.rel, "rules-unreadable", message, hint=hint,
                                      line=line, column=column))
    return rule_file


def _syntax_error(rule_file: RuleFile, error: Exception) -> RuleFile:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = getattr(error, "problem", None) or type(error).__name__
    context = getattr(error, "context", None)
    message = f"invalid YAML: {problem}" + (f" ({context})" if context else "")
    return _unreadable(rule_file, " ".join(message.split()), "check indentation and quoting around "
                       "this position; `promtool check rules FILE` shows the same error", line, column)


def _groups_of(document: Any) -> Iterator[Any]:
    """The ``groups`` lists of one YAML document, whatever wraps them."""
    if not isinstance(document, dict):
        return
    if document.get("kind") == "List" and isinstance(document.get("items"), list):
        for item in document["items"]:
            yield from _groups_of(item)
    elif isinstance(document.get("spec"), dict) and "groups" in document["spec"]:
        yield document["spec"]["groups"]
    elif "groups" in document:
        yield document["groups"]


def _collect(rule_file: RuleFile) -> None:
    found_groups = False
    for document in rule_file.documents:
        for groups in _groups_of(document):
            found_groups = True
            if not isinstance(groups, list):
                rule_file.problems.append(_at(rule_file.rel, groups, "rules-shape",
                                              "groups: must be a list of rule groups"))
                continue
            for group in groups:
                rules = group.get("rules") if isinstance(group, dict) else None
                if isinstance(rules, list):
                    rule_file.rules.extend(_alert(rule_file.rel, rule) for rule in rules
                                           if isinstance(rule, dict) and "alert" in rule)
    if not found_groups:
        rule_file.problems.append(Problem(
            rule_file.rel, "rules-empty", "no Prometheus rule groups in this file", level=WARNING,
            line=1, column=1, hint="a rule file has `groups:` (or a PrometheusRule's `spec.groups:`) "
                                   "with `- alert:` rules"))


def _at(rel: str, node: Any, code: str, message: str) -> Problem:
    lc = getattr(node, "lc", None)
    line, column = (lc.line + 1, lc.col + 1) if lc is not None else (1, 1)
    return Problem(rel, code, message, line=line, column=column)


def _position(mapping: CommentedMap, key: str) -> tuple[int, int]:
    try:
        line, column = mapping.lc.key(key)
        return line + 1, column + 1
    except (KeyError, AttributeError, TypeError):
        return 0, 0


def _alert(rel: str, rule: CommentedMap) -> AlertRule:
    line, column = _position(rule, "alert")
    labels = rule.get("labels")
    static = tuple(sorted((str(k), str(v)) for k, v in labels.items())) if isinstance(labels, dict) else ()
    annotations = rule.get("annotations")
    url, url_line, url_column = None, 0, 0
    if isinstance(annotations, dict) and "runbook_url" in annotations:
        value = annotations["runbook_url"]
        url = "" if value is None else str(value)
        url_line, url_column = _position(annotations, "runbook_url")
    return AlertRule(str(rule.get("alert")), rel, line, column, static, url, url_line, url_column, rule)


def expand(root: Path, patterns: tuple[str, ...] | list[str]) -> list[Path]:
    """Files matching the globs (relative to ``root``), inside ``root`` only, in a stable order."""
    base = root.resolve()
    found: dict[Path, None] = {}
    for pattern in patterns:
        for name in sorted(glob.glob(str(root / pattern), recursive=True)):
            path = Path(name)
            resolved = path.resolve()
            if path.is_file() and (resolved == base or base in resolved.parents):
                found.setdefault(path, None)
    return list(found)

