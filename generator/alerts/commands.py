"""What `playbook alerts check` and `playbook alerts link` do, without the click shell."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .. import core
from ..commands import atomic, report
from ..load.content import relative
from ..model import Project
from ..load.positions import position
from ..problems import ERROR, PlaybookError, Problem, UsageError
from ..render.pages import render_site
from ..render.postmortem import postmortem_pages
from .checks import check_claims_defined, check_runbooks
from .index import alert_pages
from .link import Change, diff, planned, rewrite
from .rules import RuleFile, read_rule_file
from .urls import SiteMap, site_map

RULE_SUFFIXES = (".yaml", ".yml")


@dataclass
class Loaded:
    """The content model, the site's pages, and the rule files given on the command line."""

    project: Project
    links: SiteMap
    files: list[RuleFile]
    content: object

    @property
    def rules(self) -> list:
        return [rule for f in self.files for rule in f.rules]

    @property
    def unreadable(self) -> bool:
        return any(not f.readable or any(p.code == "rules-unreadable" for p in f.problems) for f in self.files)


def rule_paths(paths: tuple[Path, ...]) -> list[Path]:
    """Files as given; folders contribute their *.yaml and *.yml files."""
    if not paths:
        raise UsageError("name at least one rule file, e.g. playbook alerts check alerts/*.yaml")
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix in RULE_SUFFIXES and p.is_file()))
        elif path.exists():
            found.append(path)
        else:
            raise UsageError(f"{path}: no such file or directory")
    return list(dict.fromkeys(found))


def load(root: Path, today: date, paths: tuple[Path, ...]) -> Loaded:
    """Load content (must be usable) and read every rule file; parse errors stay on the files."""
    files = [read_rule_file(path, relative(path, root)) for path in rule_paths(paths)]
    result = core.load(root, core.Options(today=today, render_cards=False))
    if result.project is None:
        total = sum(1 for _ in result.content.all_sources())
        raise PlaybookError("content has errors; fix them first:\n" + report.text(result.problems, total))
    rules = [rule for f in files for rule in f.rules]
    pages = [*render_site(result.project), *postmortem_pages(result.project),
             *alert_pages(result.project, rules)]
    links = site_map(result.project, pages)
    return Loaded(result.project, links, files, result.content)


def check(loaded: Loaded) -> list[Problem]:
    """Every finding of `alerts check`, positioned and in file order."""
    problems: list[Problem] = [p for f in loaded.files for p in f.problems]
    problems.extend(check_runbooks(loaded.rules, loaded.project, loaded.links))
    defined = check_claims_defined(loaded.rules, loaded.project)
    problems.extend(position(defined, loaded.content.by_rel()))
    return sorted(dict.fromkeys(problems), key=lambda p: (p.file, p.line, p.column, p.level != ERROR, p.code))


@dataclass(frozen=True)
class LinkResult:
    """What `alerts link` found per file: the changes, the new text, or why it was refused."""

    rule_file: RuleFile
    changes: tuple[Change, ...]
    updated: str | None
    refused: str = ""


def link(loaded: Loaded) -> list[LinkResult]:
    results = []
    for rule_file in loaded.files:
        if not rule_file.readable:
            results.append(LinkResult(rule_file, (), None, f"{rule_file.rel}: could not be parsed; not changed"))
            continue
        changes = planned(rule_file, loaded.project, loaded.links)
        if not changes:
            results.append(LinkResult(rule_file, (), None))
            continue
        try:
            results.append(LinkResult(rule_file, tuple(changes), rewrite(rule_file, changes)))
        except PlaybookError as error:
            results.append(LinkResult(rule_file, tuple(changes), None, str(error)))
    return results


def write(results: list[LinkResult]) -> list[Path]:
    written = []
    for result in results:
        if result.updated is not None and result.updated != result.rule_file.text:
            atomic.replace_file(result.rule_file.path, result.updated)
            written.append(result.rule_file.path)
    return written


def describe(results: list[LinkResult]) -> str:
    lines = []
    for result in results:
        lines.extend(change.describe() for change in result.changes)
        if result.updated is not None:
            lines.append(diff(result.rule_file, result.updated).rstrip("\n"))
    return "\n".join(line for line in lines if line)
