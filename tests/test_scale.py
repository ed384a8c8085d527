"""Navigation at scale: a page carries its own service's playbooks, not the whole list."""
from __future__ import annotations

import re
import sys
from pathlib import Path

from .conftest import REPO
from .sitehelpers import build

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import generate  # noqa: E402


def test_pages_do_not_carry_the_full_navigation(tmp_path: Path) -> None:
    repo = generate(60, tmp_path / "repo")   # three services of 20: a page links its own 20
    config = repo / "mkdocs.yml"  # navigation is the point here, not half a minute of binder layout
    config.write_text(config.read_text().replace("  - playbooks\n", "  - playbooks:\n      binder: false\n", 1))
    site = build(repo, "2026-11-22")
    assert b"binder: false" in (site / "downloads" / "runbook.pdf").read_bytes()  # the note in its place
    page = (site / "playbooks" / "pb-00042.html").read_text()
    nav = page[page.index('<nav class="md-nav md-nav--primary"'):page.index("</nav>", page.index('md-nav--primary'))]
    linked = set(re.findall(r'href="(pb-\d{5}\.html)"', page))
    assert 5 <= len(linked) <= 25, len(linked)          # its own service's 20 playbooks, not 60
    assert "Service 000" in nav                          # the page's own section (42 % 3 services) is open
    index = (site / "playbooks" / "index.html").read_text()
    assert len(set(re.findall(r'href="(pb-\d{5}\.html)"', index))) == 60   # the index lists them all
