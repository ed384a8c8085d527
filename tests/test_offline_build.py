"""`playbook build` publishes the bundle and the binder under downloads/ and links them."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from generator.cli import main

from .conftest import copy_repo
from .sitehelpers import build

TODAY = "2026-11-10"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    repo = copy_repo(tmp_path_factory.mktemp("offline") / "repo")
    _as_after_a_preview_in_this_process(repo)
    return build(repo, TODAY)


def _as_after_a_preview_in_this_process(repo: Path) -> None:
    """MkDocs keeps plugin instances for the process; a `serve` earlier (another test) leaves
    ours in serve mode. `playbook build` must still publish the real binder."""
    from mkdocs.config import load_config

    load_config(str(repo / "mkdocs.yml")).plugins.on_startup(command="serve", dirty=True)


def test_build_writes_both_downloads(site: Path) -> None:
    bundle = (site / "downloads" / "runbook.html").read_text(encoding="utf-8")
    assert '<meta name="generator" content="incident-playbooks bundle">' in bundle
    reader = PdfReader(site / "downloads" / "runbook.pdf")
    assert reader.metadata["/Creator"] == "playbook binder" and reader.outline


def test_home_page_links_them(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'href="(downloads/[^"]+)"', home))
    assert links == {"downloads/runbook.html", "downloads/runbook.pdf"}
    for link in links:
        assert (site / link).is_file()


def test_desk_cards_name_them(site: Path) -> None:
    for card in (site / "cards").glob("*.pdf"):
        text = " ".join(" ".join(page.extract_text() for page in PdfReader(card).pages).split())
        assert "downloads/runbook.html" in text and "downloads/runbook.pdf" in text, card.name
        assert len(PdfReader(card).pages) == 1


def test_a_failed_build_leaves_the_old_downloads(site: Path, tmp_path: Path) -> None:
    repo = site.parent
    before = (site / "downloads" / "runbook.pdf").read_bytes()
    path = repo / "content/playbooks/site-slow.yaml"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("severity: P2", "severity: P9"), encoding="utf-8")
    try:
        result = CliRunner().invoke(main, ["build", "--root", str(repo), "--today", TODAY])
        assert result.exit_code == 1
        assert (site / "downloads" / "runbook.pdf").read_bytes() == before
    finally:
        path.write_text(original, encoding="utf-8")
