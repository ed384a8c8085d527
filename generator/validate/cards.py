"""Checks on desk card definitions beyond the schema: what each section points at."""
from __future__ import annotations

import difflib
from pathlib import PurePosixPath
from typing import Iterator

from ..problems import Problem, dotted
from ..load.yamlio import Source
from .playbooks import step_ids
from .walk import walk

PAGES = ("home", "severities", "contacts", "escalation", "process", "roles", "templates",
         "playbooks", "reviews", "cards")


def check_card(source: Source, playbooks: dict[str, dict]) -> Iterator[Problem]:
    """Command items name a real step with commands; links name a page or a URL."""
    stem = PurePosixPath(source.rel).stem
    if source.data.get("id") not in (None, stem):
        yield Problem(source.rel, "id-mismatch", f"id: '{source.data.get('id')}' does not match the file "
                      f"name '{stem}'", path=("id",), hint=f"rename the file or set id: {stem}")
    for path, item in walk(source.data, ("sections", "*", "items", "*")):
        if isinstance(item, dict):
            yield from _check_item(source, path, item, playbooks)
    for path, link in walk(source.data, ("sections", "*", "links", "*")):
        if isinstance(link, dict):
            yield from _check_link(source, path, link, playbooks)


def _check_item(source: Source, path: tuple, item: dict, playbooks: dict) -> Iterator[Problem]:
    if "code" in item:
        if "step" in item:
            yield Problem(source.rel, "ambiguous-item", f"{dotted(path)}: has both code and step",
                          path=path, hint="use playbook + step, or label + code")
        return
    if not (item.get("playbook") and item.get("step")):
        yield Problem(source.rel, "incomplete-item", f"{dotted(path)}: needs playbook and step, or "
                      f"label and code", path=path,
                      hint="e.g. {playbook: database-unavailable, step: count-connections}")
        return
    data = playbooks.get(item["playbook"])
    if data is None:
        return  # the unknown playbook is reported by the reference check
    steps = step_ids(data)
    if item["step"] not in steps:
        close = difflib.get_close_matches(item["step"], list(steps), n=1, cutoff=0.5)
        hint = (f"did you mean '{close[0]}'? " if close else "") + \
            f"steps with an id in {item['playbook']}: {', '.join(steps) or 'none (add id: to a step)'}"
        yield Problem(source.rel, "unknown-ref", f"{dotted(path)}.step: playbook '{item['playbook']}' has "
                      f"no step with id '{item['step']}'", path=path + ("step",), hint=hint)


def _check_link(source: Source, path: tuple, link: dict, playbooks: dict) -> Iterator[Problem]:
    if ("page" in link) == ("url" in link):
        yield Problem(source.rel, "ambiguous-link", f"{dotted(path)}: give exactly one of page or url",
                      path=path)
        return
    page = link.get("page")
    if page is None:
        return
    known = list(PAGES) + [f"playbooks/{pid}" for pid in playbooks]
    if page not in known:
        close = difflib.get_close_matches(page, known, n=1, cutoff=0.5)
        yield Problem(source.rel, "unknown-ref", f"{dotted(path)}.page: no page '{page}'",
                      path=path + ("page",), hint=(f"did you mean '{close[0]}'? " if close else "") +
                      f"pages: {', '.join(PAGES)}, or playbooks/<id>")
