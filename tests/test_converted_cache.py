"""Converted HTML reused across full builds (caching/converted.py): the same page, never a stale one.

A whole build from the cache is compared byte for byte in tests/test_build_memory.py."""
from __future__ import annotations

import io
import logging
import os
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.caching import converted



def _config(tmp_path: Path, extensions: str = "[toc, pymdownx.superfences]"):
    (tmp_path / "docs").mkdir(exist_ok=True)
    text = f"site_name: t\ndocs_dir: {tmp_path / 'docs'}\nmarkdown_extensions: {extensions}\n"
    return load_config(io.StringIO(text))


def _files(config, **pages: str) -> Files:
    docs = Path(config.docs_dir)
    for old in docs.glob("*.md"):
        old.unlink()
    for name, text in pages.items():
        (docs / f"{name}.md").write_text(text, encoding="utf-8")
    return Files([File(f"{name}.md", config.docs_dir, config.site_dir, config.use_directory_urls)
                  for name in pages])


def _render(cache: converted.Converted, config, files: Files, name: str = "a") -> Page:
    page = Page(None, files.get_file_from_path(f"{name}.md"), config)
    page.read_source(config)
    cache.install(page, config, files)
    page.render(config, files)
    return page


def _stored(folder: Path) -> list[str]:
    return os.listdir(folder / converted.FOLDER) if (folder / converted.FOLDER).is_dir() else []


def test_a_cached_page_is_what_mkdocs_converts_and_a_changed_input_converts_again(tmp_path):
    config = _config(tmp_path)
    pages = {"a": "# Title\n\nSee [b](b.md#there).\n\n## Part\n\n```bash\nls\n```\n", "b": "# B\n"}
    fresh = _render(converted.Converted(tmp_path / "cache"), config, _files(config, **pages))
    assert len(_stored(tmp_path / "cache")) == 1
    again = _render(converted.Converted(tmp_path / "cache"), config, _files(config, **pages))
    assert again.content == fresh.content and "<pre" in again.content
    assert [(t.title, t.id, [c.id for c in t.children]) for t in again.toc] == \
        [(t.title, t.id, [c.id for c in t.children]) for t in fresh.toc]
    assert again._title_from_render == "Title" and again.present_anchor_ids == fresh.present_anchor_ids
    assert {f.src_uri: v for f, v in again.links_to_anchors.items()} == {"b.md": {"there": "b.md#there"}}
    assert "render" not in again.__dict__  # MkDocs' own method again afterwards

    longer = {**pages, "a": pages["a"] + "More.\n"}
    edited = _render(converted.Converted(tmp_path / "cache"), config, _files(config, **longer))
    assert "More." in edited.content and len(_stored(tmp_path / "cache")) == 2
    other_options = _config(tmp_path, "[toc, pymdownx.superfences, {toc: {permalink: true}}]")
    assert converted.build_key(other_options, _files(other_options, **pages)) != \
        converted.build_key(config, _files(config, **pages))
    assert converted.build_key(config, _files(config, **pages, c="# C\n")) != \
        converted.build_key(config, _files(config, **pages))  # links are checked against every file


def test_a_conversion_that_warned_is_not_stored_and_unused_entries_are_pruned(tmp_path, caplog):
    config = _config(tmp_path)
    cache = converted.Converted(tmp_path / "cache")
    with caplog.at_level(logging.INFO):
        _render(cache, config, _files(config, a="[gone](gone.md)\n"))
    assert any("gone.md" in r.getMessage() for r in caplog.records if r.levelno >= logging.INFO)
    # MkDocs reports the link at INFO unless validation says warn; the entry is kept only without a warning
    warned = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(_stored(tmp_path / "cache")) == (0 if warned else 1)
    strict = _config(tmp_path)
    strict["validation"]["links"]["not_found"] = logging.WARNING
    later = converted.Converted(tmp_path / "cache")
    with caplog.at_level(logging.INFO):
        _render(later, strict, _files(strict, a="[gone](gone.md)\n", b="# B\n"))
    assert later.used and not set(later.used) & set(_stored(tmp_path / "cache"))
    later.prune()
    assert _stored(tmp_path / "cache") == []


def test_an_extension_that_reads_files_turns_the_cache_off(tmp_path):
    config = _config(tmp_path, "[toc, pymdownx.snippets]")
    assert converted.build_key(config, _files(config, a="x")) is None
    team = _config(tmp_path)
    team["markdown_extensions"].append("my_team.extension")  # a team's own: may read anything
    assert converted.build_key(team, _files(team, a="x")) is None
    assert converted.build_key(_config(tmp_path), _files(team, a="x")) is not None
