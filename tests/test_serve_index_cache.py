"""Serve's memo of the pages that list every playbook, and of single-file check findings.

The index pages are keyed by the model with each playbook cut to INDEX_FIELDS:
the first test proves those pages read nothing else of a playbook (every
attribute read is recorded), the others that an edit which changes such a page
shows up there and one that does not leaves it as it was.
"""
from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from generator import core
from generator.caching import pages as page_cache
from generator.model import Playbook
from generator.render import pages as render_pages

from .test_serve_cache import Preview, edit, preview  # noqa: F401  (fixture)

TODAY = date(2026, 11, 10)


def _project(repo: Path):
    result = core.load(repo, core.Options(today=TODAY, render_cards=False))
    assert result.project is not None
    return result.project


class _Recording(Playbook):
    read: set = set()

    def __getattribute__(self, name: str):
        if not name.startswith("__"):
            _Recording.read.add(name)
        return super().__getattribute__(name)


def test_index_pages_read_only_the_playbook_fields_in_their_key(repo: Path) -> None:
    project = _project(repo)
    recording = tuple(_Recording(**{f.name: getattr(pb, f.name) for f in dataclasses.fields(pb)})
                      for pb in project.playbooks)
    recorded = dataclasses.replace(project, playbooks=recording)
    _Recording.read = set()
    written = render_pages.render_site(recorded, playbook_page=lambda project, playbook: "")
    assert len(written) > len(project.playbooks)
    assert _Recording.read, "the index pages read no playbook field: the recorder is broken"
    assert {"title", "summary"} <= _Recording.read  # the index lists both
    assert _Recording.read <= set(page_cache.INDEX_FIELDS), _Recording.read - set(page_cache.INDEX_FIELDS)


def test_index_key_follows_listed_fields_and_ignores_steps(repo: Path) -> None:
    project = _project(repo)
    first = project.playbooks[0]
    key = page_cache.index_key(project, 14)
    step_edit = dataclasses.replace(project, playbooks=(dataclasses.replace(first, steps={}),)
                                    + project.playbooks[1:])
    assert page_cache.index_key(step_edit, 14) == key
    for name in page_cache.INDEX_FIELDS:
        value = getattr(first, name)
        changed = value + "x" if isinstance(value, str) else tuple(value) + ("x",)
        other = dataclasses.replace(project, playbooks=(dataclasses.replace(first, **{name: changed}),)
                                    + project.playbooks[1:])
        assert page_cache.index_key(other, 14) != key, name
    assert page_cache.index_key(project, 30) != key
    assert page_cache.index_key(dataclasses.replace(project, today=date(2026, 11, 11)), 14) != key


def test_a_new_summary_reaches_the_index_pages_of_a_served_site(preview: Preview, repo: Path) -> None:
    path = repo / "content" / "playbooks" / "database-unavailable.yaml"
    index_before = preview.page("playbooks/index.html")
    edit(path, "Check the RDS instance status", "Check the RDS instance status at once")
    preview.build()  # a step only: the index pages come from the memo, unchanged
    assert "Check the RDS instance status at once" in preview.page("playbooks/database-unavailable.html")
    assert preview.page("playbooks/index.html") == index_before
    text = path.read_text()
    summary = next(line for line in text.splitlines() if line.startswith("summary:"))
    edit(path, summary, "summary: Zebra-marker summary for the index")
    preview.build()
    assert "Zebra-marker summary for the index" in preview.page("playbooks/index.html")


def test_single_file_findings_are_remembered_and_follow_an_edit(repo: Path) -> None:
    path = repo / "content" / "playbooks" / "database-unavailable.yaml"
    options = core.Options(today=TODAY, render_cards=False)
    codes = lambda: [p.code for p in core.load(repo, options).problems if p.file.endswith(path.name)]
    assert "placeholder" not in codes()
    edit(path, "Check the RDS instance status", "Check the RDS instance status TODO")
    assert "placeholder" in codes()
    assert "placeholder" in codes()  # remembered: the same finding again
    edit(path, "Check the RDS instance status TODO", "Check the RDS instance status")
    assert "placeholder" not in codes()


def test_an_edited_or_added_theme_override_reaches_the_served_site(preview: Preview, repo: Path) -> None:
    overrides = repo / "site_overrides" / "theme"
    (overrides / "main.html").write_text('{% extends "base.html" %}\n'
                                         '{% block announce %}Override-one{% endblock %}\n')
    preview.build()
    assert "Override-one" in preview.page("playbooks/site-slow.html")
    (overrides / "main.html").write_text('{% extends "base.html" %}\n'
                                         '{% block announce %}Override-two{% endblock %}\n')
    (overrides / "extra-note.txt").write_text("a static file added while serving\n")
    preview.build()  # compiled templates and the theme's file list are kept, but not stale
    page = preview.page("playbooks/site-slow.html")
    assert "Override-two" in page and "Override-one" not in page
    assert preview.page("extra-note.txt") == "a static file added while serving\n"


def test_the_served_search_index_is_the_text_material_writes(preview: Preview, repo: Path) -> None:
    import json

    edit(repo / "content" / "playbooks" / "database-unavailable.yaml",
         "Check the RDS instance status", "Check the RDS instance state")
    preview.build()
    text = (preview.site / "search" / "search_index.json").read_text()
    data = json.loads(text)
    assert json.dumps(data, separators=(",", ":"), default=str) == text  # Material's own encoding
    assert set(data["config"]) == {"lang", "separator", "pipeline", "fields"}
    assert any("RDS instance state" in e["text"] for e in data["docs"])
    assert (preview.site / "search" / "search_index.js").read_text() == "var __index = " + text
