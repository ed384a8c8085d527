"""The search entries Material's plugin makes are the same when it parses pages without token spans.

generator.render.search_index hands Material's HTML parser each page with
Pygments' token spans removed from <pre> blocks; these tests run Material's
own parser on every page of a real build both ways and compare the entries.
"""
from __future__ import annotations

import json
from pathlib import Path

from generator.render.search_index import without_token_spans


def _entries(html: str, title: str = "T") -> list[dict]:
    from material.plugins.search.plugin import SearchIndex

    class _Page:  # what add_entry_from_context reads from a MkDocs page
        def __init__(self, content: str) -> None:
            self.content, self.meta, self.toc, self.url, self.title = content, {}, [], "p.html", title

    index = SearchIndex(lang=["en"], separator=" ", pipeline=[], fields={})
    index.add_entry_from_context(_Page(html))
    return index.entries


def _article(page: str) -> str:
    start = page.find('<article')
    return page[start:page.find('</article>', start)] if start >= 0 else page


def test_every_page_of_the_site_gives_the_same_entries_without_token_spans(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    lightened = 0
    for path in pages:
        html = _article(path.read_text(encoding="utf-8"))
        light = without_token_spans(html)
        lightened += light != html
        assert _entries(light) == _entries(html), path
    assert lightened >= 10  # the playbook pages' commands were in fact simplified


def test_code_with_whitespace_entities_and_odd_spans_keeps_its_entries() -> None:
    html = ('<h1 id="t">Title</h1><p>Intro</p><div class="highlight"><pre><span></span><code>'
            '<span class="nb">echo</span><span class="w">  </span><span class="s2">&quot;a &amp; b&quot;</span>\n'
            '<span class="w">\t</span><span class="p">|</span> grep x\n</code></pre></div>'
            '<pre><code><span data-search-exclude="">secret</span> shown</code></pre>'
            '<h2 id="s">Steps</h2><pre><span class="c1"># note</span>\n\n<span class="o">&lt;</span>in</pre>')
    light = without_token_spans(html)
    assert '<span class="nb">' not in light and "data-search-exclude" in light
    assert _entries(light) == _entries(html)
    assert "secret" not in json.dumps(_entries(light))
