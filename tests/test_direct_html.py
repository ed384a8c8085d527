"""Playbook pages converted directly (render/direct) are what MkDocs' conversion writes.

Whole sites are built for real twice, once with direct HTML and once with it turned
off (PLAYBOOK_DIRECT_HTML=0), and every file they write is compared byte for byte.
Single pages with hostile and Markdown-heavy fields are compared with the real
conversion field by field, and the shapes the reader must leave to MkDocs are.
"""
from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

import pytest

from generator import plugin
from generator.caching import converted
from generator.render import binder
from generator.render.direct import engine

from .conftest import REPO, copy_repo
from .sitehelpers import build


def _files(site: Path) -> dict[str, Path]:
    return {str(p.relative_to(site)): p for p in site.rglob("*")
            if p.is_file() and p.name != ".playbook-generated"}


def _build(repo: Path, tmp_path: Path, monkeypatch, direct: bool) -> tuple[Path, list[bool]]:
    """A real build; converted pages kept in a folder of its own (never the other build's)."""
    monkeypatch.setenv("PLAYBOOK_DIRECT_HTML", "1" if direct else "0")
    real = converted.Converted
    folder = tmp_path / f"pages-{direct}"
    monkeypatch.setattr(plugin.converted_module, "Converted", lambda _: real(folder))
    answers: list[bool] = []
    render = engine.Engine.render
    monkeypatch.setattr(engine.Engine, "render", lambda self, *args: answers.append(render(self, *args))
                        or answers[-1])
    return build(repo, "2026-11-10"), answers


def _assert_same_sites(ours: Path, theirs: Path) -> None:
    mine, other = _files(ours), _files(theirs)
    assert sorted(mine) == sorted(other)
    assert "search/search_index.json" in mine
    assert [name for name in mine if not filecmp.cmp(mine[name], other[name], shallow=False)] == []


@pytest.fixture
def no_binder(monkeypatch):
    monkeypatch.setattr(binder, "render_binder", lambda *args, **kwargs: b"%PDF-1.4\n% left out\n")


def test_the_example_site_is_the_same_byte_for_byte_with_and_without_direct_html(tmp_path, monkeypatch,
                                                                                  no_binder):
    direct, answers = _build(copy_repo(tmp_path / "direct"), tmp_path, monkeypatch, True)
    assert answers and sum(answers) >= len(answers) - 2  # nearly every playbook page, converted directly
    plain, none = _build(copy_repo(tmp_path / "plain"), tmp_path, monkeypatch, False)
    assert none == []
    _assert_same_sites(direct, plain)


def test_a_generated_site_is_the_same_byte_for_byte_with_and_without_direct_html(tmp_path, monkeypatch,
                                                                                  no_binder):
    for name in ("direct", "plain"):
        subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate.py"), "40", str(tmp_path / name),
                        "--cards"], check=True, capture_output=True)
    direct, answers = _build(tmp_path / "direct", tmp_path, monkeypatch, True)
    assert len(answers) >= 40 and all(answers)
    plain, _ = _build(tmp_path / "plain", tmp_path, monkeypatch, False)
    _assert_same_sites(direct, plain)


def test_a_strict_build_still_fails_on_a_broken_link_in_a_directly_converted_playbook(tmp_path, monkeypatch,
                                                                                      no_binder):
    from click.testing import CliRunner

    from generator.cli import main
    from generator.render import pages

    render = pages.render_playbook
    monkeypatch.setattr(pages, "render_playbook", lambda project, playbook: render(project, playbook)
                        + ("\n- [gone](../gone.md)\n" if playbook.id == "database-unavailable" else ""))
    monkeypatch.setenv("PLAYBOOK_DIRECT_HTML", "1")
    real = converted.Converted
    monkeypatch.setattr(plugin.converted_module, "Converted", lambda _: real(tmp_path / "pages"))
    answers: list[tuple[str, bool]] = []
    direct = engine.Engine.render
    monkeypatch.setattr(engine.Engine, "render", lambda self, page, *args: answers.append(
        (page.file.src_uri, direct(self, page, *args))) or answers[-1][1])
    repo = copy_repo(tmp_path / "repo")
    result = CliRunner().invoke(main, ["build", "--root", str(repo), "--today", "2026-11-10"])
    assert ("playbooks/database-unavailable.md", True) in answers
    assert result.exit_code != 0 and "gone.md" in result.output, result.output
