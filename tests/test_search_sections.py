"""The search index the build writes is the one Material's HTML parser would make, written once.

generator.render.search_sections scans each page with one regular expression
instead of Material's HTMLParser; these tests compare the two on a real build
(every page, generated and hand-written) and on generated HTML, and check
that search_index.js carries the very text of search_index.json.
"""
from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings, strategies as st

from generator.render.search_sections import sections
from generator.render.search_index import trim_section_tags

TODAY = "2026-11-10"
HAND_WRITTEN = {
    "guide.md": "# Team guide\n\nCall **Ops** first.\n\n## Before you page\n\n- check `status`\n- wait\n",
    # A comment and an upper-case tag: outside what the scanner reads, so Material parses it.
    "odd.md": "# Odd page\n\n<!-- note -->\n<DIV>Loud <b>markup</b></DIV>\n\n## Rest\n\ntext\n",
}


class _Page:  # what Material's add_entry_from_context reads from a MkDocs page
    def __init__(self, content: str) -> None:
        self.content, self.meta, self.toc, self.url, self.title = content, {}, [], "p.html", "T"


def _index():
    from material.plugins.search.plugin import SearchIndex

    return SearchIndex(lang=["en"], separator=" ", pipeline=[], fields={})


def _material_entries(html: str) -> list[dict]:
    index = _index()
    index.add_entry_from_context(_Page(html))
    return index.entries


def _scanned_entries(html: str) -> list[dict] | None:
    found = sections(html)
    if found is None:
        return None
    index, page = _index(), _Page(html)
    for section in found:
        if not section.is_excluded():
            index.create_entry_for_section(section, page.toc, page.url, page)
    return index.entries


def _recorder():
    """A plugin that, before Material indexes a page, indexes it with Material's own parser."""
    from material.plugins.search.plugin import SearchIndex
    from mkdocs.plugins import BasePlugin, event_priority

    class Recorder(BasePlugin):
        entries: list = []
        scanned: dict = {}

        @event_priority(50)  # after every page's HTML is final, before Material's search (0)
        def on_page_context(self, context, page, config, nav):
            index = SearchIndex(**config.plugins["material/search"].search_index.config)
            SearchIndex.add_entry_from_context(index, page)
            # The one intended difference: a playbook's sections keep only its own terms.
            trim_section_tags(index.entries, page.meta.get("section_tags"))
            self.entries.extend(index.entries)
            self.scanned[page.file.src_uri] = sections(page.content) is not None
            return context

    return Recorder()


def _build(repo: Path):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    docs = repo / "site_overrides" / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for name, text in HAND_WRITTEN.items():
        (docs / name).write_text(text, encoding="utf-8")
    config_file = repo / "mkdocs.yml"
    config_file.write_text(config_file.read_text().replace(
        "  - playbooks\n", f"  - playbooks:\n      binder: false\n      today: '{TODAY}'\n", 1))
    config = load_config(str(config_file), strict=True)
    config.nav = None  # the plugin's navigation, with the hand-written pages listed by MkDocs
    config.plugins.on_startup(command="build", dirty=False)
    recorder = config.plugins["recorder"] = _recorder()
    build(config)
    assert config.plugins["material/offline"].config.enabled  # paused for its copy only
    return recorder, repo / "site" / "search"


def test_the_written_index_is_what_materials_parser_makes_of_every_page(repo: Path) -> None:
    recorder, folder = _build(repo)
    text = (folder / "search_index.json").read_text(encoding="utf-8")
    assert json.loads(text)["docs"] == recorder.entries
    assert (folder / "search_index.js").read_text(encoding="utf-8") == "var __index = " + text
    playbooks = [uri for uri in recorder.scanned if uri.startswith("playbooks/")]
    assert len(playbooks) >= 10 and all(recorder.scanned[uri] for uri in playbooks)
    assert recorder.scanned["guide.md"] and not recorder.scanned["odd.md"]  # odd.md: Material parsed it
    assert any(entry["location"].startswith("odd.html") for entry in recorder.entries)
    page, *parts = [e for e in recorder.entries if e["location"].startswith("playbooks/security-breach.html")]
    assert parts and set(parts[0]["tags"]) < set(page["tags"])  # the vocabulary's terms: page only
    assert all(e["tags"] == parts[0]["tags"] for e in parts) and "Security breach" in parts[0]["tags"]


def test_quirks_of_materials_parser_are_kept() -> None:
    html = ('<p>lead</p><div><h2 id="a">In <a class="headerlink" href="#a">¶</a></h2><p>inner</p></div>'
            '<p>after the div goes back to the preface</p><h2 id="b" data-search-exclude="">Hidden</h2>'
            '<p>gone</p><h3 id="c">C &amp; D</h3><div data-search-exclude=""><div>x</div>y</div>'
            '<pre><code>  a\n\n  b&nbsp;&quot;</code></pre><ul><li> </li><li><code></code>z</li></ul>'
            '<div class="linenodiv">1 2</div><p>&nbsp;</p><br><p>\n</p>tail &amp')
    assert _scanned_entries(html) == _material_entries(html)
    assert [e["location"] for e in _material_entries(html)] == ["p.html", "p.html#a", "p.html#c"]


def test_markup_outside_what_the_scanner_reads_goes_to_materials_parser() -> None:
    for html in ("<p>a<!-- c --></p>", "<P>a</P>", "<br/>", "<p class=x>a</p>", "<script>if (a<b) x</script>",
                 "<p>a < b</p>", "<!DOCTYPE html><p>a</p>", "</p x>", "<h2 id>t</h2>"):
        assert sections(html) is None, html


_TAGS = ["p", "code", "pre", "li", "ul", "ol", "sub", "div", "span", "a", "h1", "h2", "h3",
         "details", "summary", "em", "table", "td", "script", "style", "object", "hx", "title"]
_ATTRS = ['', ' id="s1"', ' id="s2"', ' class="headerlink"', ' class="linenodiv"',
          ' data-search-exclude=""', ' class="x" id="s3"', ' title="a &amp; b > c"', ' ID="s4"',
          ' class="line&#110;odiv"', ' DATA-SEARCH-EXCLUDE', ' id="s&amp;5"']
_TEXT = st.lists(st.sampled_from(list("ab \n\t") + ["&amp;", "&nbsp;", "&lt;", "&quot;", "é", "&", "&#39;"]),
                 min_size=1, max_size=6).map("".join)
_TOKEN = st.one_of(
    st.builds(lambda tag, attrs: f"<{tag}{attrs}>", st.sampled_from(_TAGS), st.sampled_from(_ATTRS)),
    st.builds(lambda tag: f"</{tag}>", st.sampled_from(_TAGS)),
    st.sampled_from(["<br>", "<img>", "<hr>"]),
    _TEXT)


@settings(max_examples=400, deadline=None)
@given(st.lists(_TOKEN, max_size=40))
def test_generated_html_gives_the_entries_materials_parser_gives(tokens: list[str]) -> None:
    html = "".join(tokens)
    try:
        expected = _material_entries(html)
    except ValueError:  # Material's parser fails on some closing tags: so must the scanner
        assert sections(html) is None
        return
    scanned = _scanned_entries(html)
    assert scanned is None or scanned == expected
    if "<script" not in html and "<style" not in html and "<title" not in html:
        assert scanned is not None  # only raw-text elements with markup inside fall back here
