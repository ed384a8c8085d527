"""export-docs leaves out the metadata only the plugin's search index reads (section_tags)."""
from __future__ import annotations

import yaml

from generator.commands import site as site_module

from .conftest import REPO, TEST_TODAY


def _front_matter(markdown: str) -> dict:
    assert markdown.startswith("---\n")
    return yaml.safe_load(markdown[4:markdown.index("\n---\n", 3)])


def test_exported_pages_keep_everything_but_section_tags():
    site = site_module.prepare(REPO, TEST_TODAY, content_dir=REPO / "content")
    exported = site_module.exported_pages(site)
    assert sorted(exported) == sorted(page.uri for page in site.pages)
    playbooks = [page for page in site.pages if page.uri.startswith("playbooks/") and page.source]
    assert playbooks
    for page in playbooks:
        ours, theirs = page.markdown, exported[page.uri].decode("utf-8")
        meta = _front_matter(ours)
        assert "section_tags" in meta
        del meta["section_tags"]
        assert _front_matter(theirs) == meta
        assert theirs.split("\n---\n", 1)[1] == ours.split("\n---\n", 1)[1]  # the body as it was
    others = [page for page in site.pages if page not in playbooks]
    assert all(exported[page.uri].decode("utf-8") == page.markdown for page in others)
