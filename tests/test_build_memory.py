"""A full build keeps page text out of memory (caching/spool.py, render/search_stream.py,
the compressed render.pages.Page) and writes exactly the site it wrote holding everything."""
from __future__ import annotations

import filecmp
import os
from pathlib import Path

import pytest

from mkdocs.structure.pages import Page as MkDocsPage

from generator import plugin
from generator.caching import converted
from generator.caching.spool import Spool, spool
from generator.render import search_output, search_stream
from generator.render.pages import Page, packing

from .conftest import copy_repo
from .sitehelpers import build


def _files(site: Path) -> dict[str, Path]:
    return {str(p.relative_to(site)): p for p in site.rglob("*")
            if p.is_file() and p.name != ".playbook-generated"}  # the marker names its folder's inode


def test_spooled_build_writes_the_same_site_as_one_holding_everything(tmp_path, monkeypatch):
    """... and the second build's pages come from the converted-HTML cache (caching/converted.py)."""
    real = converted.Converted  # converted pages in a folder of their own, empty at first
    monkeypatch.setattr(plugin.converted_module, "Converted", lambda folder: real(tmp_path / "pages"))
    spooled = build(copy_repo(tmp_path / "spooled"), "2026-11-10")
    stored = sorted(os.listdir(tmp_path / "pages" / converted.FOLDER))
    conversions: list[str] = []
    render = MkDocsPage.render
    monkeypatch.setattr(MkDocsPage, "render", lambda self, *args: conversions.append(self.file.src_uri)
                        or render(self, *args))
    taken: list[int] = []
    original = search_stream.IndexStream.take
    monkeypatch.setattr(search_stream.IndexStream, "take", lambda self, index: taken.append(1) or original(self, index))
    monkeypatch.setattr(plugin.spool_module, "spool", lambda page, where: None)
    monkeypatch.setattr(search_output, "material_index", lambda search: None)  # Material's own index and write
    held = build(copy_repo(tmp_path / "held"), "2026-11-10")
    assert not taken  # the second build really held its index in Material's list
    assert len(stored) > 20 and conversions == []  # every page of the example is generated: all cached
    assert sorted(os.listdir(tmp_path / "pages" / converted.FOLDER)) == stored
    ours, theirs = _files(spooled), _files(held)
    assert sorted(ours) == sorted(theirs)
    assert "search/search_index.json" in ours and "search/search_index.js" in ours
    different = [name for name in ours if not filecmp.cmp(ours[name], theirs[name], shallow=False)]
    assert different == []


class _Page:
    """Stands in for MkDocs' Page: a plain object whose attributes MkDocs sets."""

    def __init__(self) -> None:
        self.markdown, self.content, self.title = "# Title\n\ncurly \u201cquotes\u201d", None, "T"


def test_spooled_attributes_read_back_what_was_written():
    where, page = Spool(), _Page()
    spool(page, where)
    assert page.markdown == "# Title\n\ncurly \u201cquotes\u201d" and page.content is None
    assert "markdown" not in page.__dict__ and isinstance(page, _Page) and type(page).__name__ == "_Page"
    page.content = "<p>long " + "x" * 5000 + " \ud800 \U0001f600</p>"  # lone surrogate and emoji survive
    size = where.size
    assert page.content == "<p>long " + "x" * 5000 + " \ud800 \U0001f600</p>"
    page.content = "<p>shorter</p>"  # fits where the longer one was: no new space
    assert page.content == "<p>shorter</p>" and where.size == size
    page.content = "y" * 10000
    assert page.content == "y" * 10000 and where.size > size
    page.content = None
    assert page.content is None and page.title == "T"
    spool(page, where)  # twice is once
    assert page.markdown.startswith("# Title")
    read = where.reader(b"%PDF binary \x00\xff" * 1000)
    assert read() == b"%PDF binary \x00\xff" * 1000 and page.content is None


def test_a_pages_markdown_is_kept_compressed_and_read_back_unchanged():
    text = "---\ntitle: x\n---\n\n" + "Step \u2192 done. " * 500 + "\ud83d"
    page = Page("playbooks/x.md", text, "content/playbooks/x.yaml")
    assert page.markdown == text and page.packed_size < len(text) / 10
    assert page == Page("playbooks/x.md", text, "content/playbooks/x.yaml")
    assert page != page.with_markdown(text + "!") and page.with_markdown(text + "!").source == page.source
    with pytest.raises(AttributeError):
        page.uri = "other.md"
    with packing(False):  # serve
        plain = Page("playbooks/x.md", text, "content/playbooks/x.yaml")
    assert plain.packed_size == len(text) and plain.markdown == text and plain == page and Page.packs


def test_the_bundle_made_a_playbook_at_a_time_is_the_whole_data_rendered_at_once():
    from generator import core
    from generator.render import bundle

    from .conftest import REPO, TEST_TODAY

    project = core.load(REPO, core.Options(today=TEST_TODAY), REPO / "content").project
    env = bundle.environment()
    css, js = (env.loader.get_source(env, name)[0] for name in ("bundle.css", "bundle.js"))
    whole = env.get_template("bundle.html.j2").render(
        **bundle.context(project, TEST_TODAY), data=bundle.script_json(bundle.bundle_data(project)),
        generator=bundle.GENERATOR, css=bundle.Markup(css), js=bundle.Markup(js))
    assert bundle.render_bundle_bytes(project, TEST_TODAY) == whole.encode("utf-8")
    assert len(project.playbooks) > 1 and "\x00" not in whole
