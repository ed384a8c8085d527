"""Incremental serve rebuilds never serve a stale page, nav or search index.

Real MkDocs builds, run the way `mkdocs serve --dirty` runs them (one process,
the same site directory, the plugin's startup event with dirty=True), plus one
real `playbook serve` over HTTP.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from .test_serve import fetch, free_port, wait_for

SERVE_URL = "http://127.0.0.1:8000/"


class Preview:
    """Builds the way the serve command does, in this process."""

    def __init__(self, repo: Path, site: Path) -> None:
        from mkdocs.config import load_config

        self.repo, self.site = repo, site
        self.config = self._config()
        self.config.plugins.on_startup(command="serve", dirty=True)
        from generator.caching import serve as serve_cache

        serve_cache._STATES.clear()
        self.load_config = load_config

    def _config(self):
        from mkdocs.config import load_config

        config = load_config(str(self.repo / "mkdocs.yml"), site_dir=str(self.site))
        config.site_url = SERVE_URL
        return config

    def build(self) -> None:
        from mkdocs.commands.build import build

        build(self._config(), serve_url=SERVE_URL, dirty=True)

    def page(self, uri: str) -> str:
        return (self.site / uri).read_text(encoding="utf-8")

    def search(self) -> list[dict]:
        return json.loads((self.site / "search" / "search_index.json").read_text())["docs"]


@pytest.fixture
def preview(repo: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("PLAYBOOK_TODAY", "2026-11-10")
    monkeypatch.chdir(repo)
    result = Preview(repo, tmp_path / "served")
    result.build()
    return result


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new))


def test_only_the_edited_page_is_written_again_and_it_shows_the_edit(preview: Preview, repo: Path) -> None:
    other = preview.site / "playbooks" / "site-slow.html"
    before = other.stat().st_mtime_ns
    edit(repo / "content" / "playbooks" / "database-unavailable.yaml",
         "Check the RDS instance status", "Check the RDS instance status right now")
    preview.build()
    assert "Check the RDS instance status right now" in preview.page("playbooks/database-unavailable.html")
    assert other.stat().st_mtime_ns == before  # not rebuilt


def test_a_shared_file_changes_every_page_that_shows_it(preview: Preview, repo: Path) -> None:
    edit(repo / "content" / "severities.yaml", "name: Critical", "name: Catastrophic")
    preview.build()
    for uri in ("playbooks/database-unavailable.html", "severities.html"):
        assert "Catastrophic" in preview.page(uri), uri


def test_a_new_title_reaches_the_navigation_of_every_page(preview: Preview, repo: Path) -> None:
    edit(repo / "content" / "playbooks" / "site-slow.yaml", "title: Site slow", "title: Site crawling")
    preview.build()
    assert "Site crawling" in preview.page("playbooks/site-slow.html")
    assert "Site crawling" in preview.page("playbooks/index.html")


def test_the_search_index_is_whole_after_an_incremental_build(preview: Preview, repo: Path,
                                                             tmp_path: Path) -> None:
    full = preview.search()
    edit(repo / "content" / "playbooks" / "database-unavailable.yaml",
         "Check the RDS instance status", "Check the RDS instance health")
    preview.build()
    incremental = preview.search()
    assert len(incremental) == len(full)
    assert {e["location"] for e in incremental} == {e["location"] for e in full}
    assert any("RDS instance health" in e["text"] for e in incremental)
    assert not any("RDS instance status" in e["text"] for e in incremental
                   if e["location"].startswith("playbooks/database-unavailable.html"))
    fresh = Preview(repo, tmp_path / "fresh")  # a full build of the same content
    fresh.build()
    assert sorted(json.dumps(e, sort_keys=True) for e in fresh.search()) == \
        sorted(json.dumps(e, sort_keys=True) for e in incremental)
    assert fresh.page("playbooks/site-slow.html") == preview.page("playbooks/site-slow.html")


def test_a_deleted_playbook_disappears_from_the_preview(preview: Preview, repo: Path) -> None:
    from .test_perf_cache import without_alerts

    source = without_alerts((repo / "content" / "playbooks" / "site-slow.yaml").read_text())
    added = repo / "content" / "playbooks" / "short-lived.yaml"
    added.write_text(source.replace("id: site-slow", "id: short-lived").replace("title: Site slow",
                                                                            "title: Short lived"))
    preview.build()
    assert "Short lived" in preview.page("playbooks/short-lived.html")
    assert any(e["location"].startswith("playbooks/short-lived.html") for e in preview.search())
    added.unlink()
    preview.build()
    assert not (preview.site / "playbooks" / "short-lived.html").exists()
    assert not any(e["location"].startswith("playbooks/short-lived.html") for e in preview.search())
    assert "Short lived" not in preview.page("playbooks/site-slow.html")


@pytest.mark.slow
def test_playbook_serve_shows_edits_to_a_playbook_and_to_a_shared_file(repo: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/playbooks/database-unavailable.html"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [sys.executable, "-c", "from generator.cli import run; run()", "serve", "--root", str(repo),
         "--today", "2026-11-10", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=repo, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        assert wait_for(lambda: "Database unavailable" in (fetch(url) or ""), 180), "serve did not come up"
        edit(repo / "content" / "playbooks" / "database-unavailable.yaml",
             "Check the RDS instance status", "Check the RDS instance pulse")
        assert wait_for(lambda: "RDS instance pulse" in (fetch(url) or ""), 180), "playbook edit not served"
        edit(repo / "content" / "severities.yaml", "name: Critical", "name: Catastrophic")
        assert wait_for(lambda: "Catastrophic" in (fetch(url) or ""), 180), "severities edit not served"
        assert "RDS instance pulse" in (fetch(url) or "")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
