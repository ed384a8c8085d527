"""`playbook alerts link`: write runbook_url for every alert a playbook claims.

Files are edited through ruamel.yaml's round trip, so comments, key order and
quoting stay. Before anything is written the result is checked: only
runbook_url lines (and a new ``annotations:`` line) may differ from the
original, otherwise the file is left alone and the user is told what to add
by hand. A second run finds nothing to change and writes nothing.
"""
from __future__ import annotations

import copy
import difflib
import io
import re
from dataclasses import dataclass

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..model import Project
from ..problems import PlaybookError
from .checks import claimant, claims
from .rules import AlertRule, RuleFile, parse_rule_text, round_trip_yaml
from .urls import SiteMap, playbook_url

INDENTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (2, 3, 1))
_ADDED = re.compile(r"runbook_url\s*:|^\s*annotations\s*:")
_HEAD = re.compile(r"\A(?:[ \t]*(?:#[^\n]*)?\r?\n)*---[^\n]*\n")


@dataclass(frozen=True)
class Change:
    """One annotation to add (``old`` is None) or replace."""

    rule: AlertRule
    old: str | None
    new: str

    def describe(self) -> str:
        verb = "add" if self.old is None else "replace"
        return (f"{self.rule.file}:{self.rule.line}:{self.rule.column}: {self.rule.name}: {verb} "
                f"runbook_url {self.new}" + (f" (was {self.old})" if self.old is not None else ""))


def planned(rule_file: RuleFile, project: Project, links: SiteMap) -> list[Change]:
    """Changes that make every claimed alert lead to its playbook; correct links are kept."""
    by_name = claims(project)
    changes = []
    for rule in rule_file.rules:
        owner = claimant(rule, by_name)
        if owner is None:
            continue
        if rule.runbook_url:
            target = links.resolve(rule.runbook_url)
            if target.kind == "template" or (target.kind == "page" and target.playbook == owner.id):
                continue  # already right (perhaps with an anchor), or computed by Prometheus
        changes.append(Change(rule, rule.runbook_url, playbook_url(project.organization.site_url, owner.id)))
    return changes


def rewrite(rule_file: RuleFile, changes: list[Change]) -> str:
    """The file's new text with ``changes`` applied; raises PlaybookError if that would touch more."""
    if not rule_file.readable:
        raise PlaybookError(f"{rule_file.rel}: could not be parsed, so it is not changed")
    yaml = _faithful_yaml(rule_file)
    for change in changes:
        _set_url(change.rule.node, change.new)
    updated = _dump(yaml, rule_file)
    _verify(rule_file, updated, changes)
    return updated


def _dump(yaml, rule_file: RuleFile) -> str:
    """The documents as text. ruamel drops comments above the first ``---``, so that
    head of the file is kept verbatim and the documents are written after it."""
    head = _HEAD.match(rule_file.text)
    out = io.StringIO()
    yaml.dump_all(rule_file.documents, out)
    return _same_line_endings(rule_file.text, (head.group(0) if head else "") + out.getvalue())


def _faithful_yaml(rule_file: RuleFile):
    """The dumper settings that reproduce the untouched file best (exactly, usually)."""
    best, best_score = None, None
    for mapping, sequence, offset in INDENTS:
        yaml = round_trip_yaml()
        yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
        try:
            text = _dump(yaml, rule_file)
        except Exception:  # noqa: BLE001 - a setting ruamel cannot emit with is simply not a candidate
            continue
        score = _changed_lines(rule_file.text, text)
        if best_score is None or score < best_score:
            best, best_score = yaml, score
        if score == 0:
            break
    if best is None:
        raise PlaybookError(f"{rule_file.rel}: cannot be written back faithfully; add runbook_url by hand")
    return best


def _same_line_endings(original: str, updated: str) -> str:
    if "\r\n" in original:
        updated = updated.replace("\r\n", "\n").replace("\n", "\r\n")
    if not original.endswith(("\n", "\r")):
        updated = updated.rstrip("\r\n")
    return updated


def _changed_lines(before: str, after: str) -> int:
    return sum(1 for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:2] in ("- ", "+ "))


def _set_url(rule: CommentedMap, url: str) -> None:
    annotations = rule.get("annotations")
    if isinstance(annotations, CommentedMap):
        if "runbook_url" in annotations:
            annotations["runbook_url"] = url
        else:
            _append(annotations, "runbook_url", url)
    else:
        fresh = CommentedMap()
        fresh["runbook_url"] = url
        if "annotations" in rule:
            rule["annotations"] = fresh  # was empty (null)
        else:
            _append(rule, "annotations", fresh)


def _append(mapping: CommentedMap, key: str, value) -> None:
    """Add ``key`` last; comment lines that followed the old last entry move below the new one."""
    last = list(mapping.keys())[-1] if len(mapping) else None
    mapping[key] = value
    if last is None:
        return
    trailing = _pop_trailing(mapping, last)
    if trailing is None:
        return
    if isinstance(value, CommentedMap):
        value.ca.items[list(value.keys())[-1]] = [None, None, trailing, None]
    else:
        mapping.ca.items[key] = [None, None, trailing, None]


def _pop_trailing(container, key):
    """Detach the comment lines after ``container[key]`` (deepest last entry), keeping its end-of-line comment."""
    value = container[key]
    if isinstance(value, CommentedMap) and len(value):
        return _pop_trailing(value, list(value.keys())[-1])
    if isinstance(value, CommentedSeq) and len(value):
        return _pop_trailing(value, len(value) - 1)
    slot = 2 if isinstance(container, CommentedMap) else 0
    entry = container.ca.items.get(key)
    token = entry[slot] if entry and len(entry) > slot else None
    if token is None or "\n" not in token.value.rstrip("\n"):
        return None
    head, rest = token.value.split("\n", 1)
    moved = copy.copy(token)
    moved.value = "\n" + rest
    if head.strip():
        token.value = head + "\n"
    else:
        entry[slot] = None
    return moved


def _verify(rule_file: RuleFile, updated: str, changes: list[Change]) -> None:
    stray = [line[2:] for line in difflib.ndiff(rule_file.text.splitlines(), updated.splitlines())
             if line[:2] in ("- ", "+ ") and not _ADDED.search(line[2:])]
    reread = parse_rule_text(rule_file.path, rule_file.rel, updated)
    if not stray and _without_urls(parse_rule_text(rule_file.path, rule_file.rel, rule_file.text)) != \
            _without_urls(reread):
        stray = ["(the rules' data)"]
    if stray:
        raise PlaybookError(f"{rule_file.rel}: writing runbook_url would also change other lines (first: "
                            f"{stray[0].strip()!r}); not changing the file. Add these by hand:\n"
                            + "\n".join(change.describe() for change in changes))
    position = {id(rule): index for index, rule in enumerate(rule_file.rules)}
    wanted = {position[id(c.rule)]: c.new for c in changes}
    got = [r.runbook_url for r in reread.rules]
    if (not reread.readable or len(got) != len(rule_file.rules)
            or any(got[index] != url for index, url in wanted.items())):
        raise PlaybookError(f"{rule_file.rel}: the rewritten file did not read back as expected; "
                            f"not changing it. Add these by hand:\n"
                            + "\n".join(change.describe() for change in changes))


def _without_urls(rule_file: RuleFile) -> list:
    """The file's data with every runbook_url (and annotations left empty) removed."""
    for rule in rule_file.rules:
        annotations = rule.node.get("annotations")
        if isinstance(annotations, dict):
            annotations.pop("runbook_url", None)
        if not annotations and "annotations" in rule.node:
            del rule.node["annotations"]
    return rule_file.documents or []


def diff(rule_file: RuleFile, updated: str) -> str:
    return "".join(difflib.unified_diff(rule_file.text.splitlines(True), updated.splitlines(True),
                                        fromfile=rule_file.rel, tofile=rule_file.rel))
