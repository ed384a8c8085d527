"""Highlighted code from the cache is byte for byte what Pygments makes (caching/highlight.py)."""
from __future__ import annotations

from pathlib import Path

import markdown
import pygments
import pygments.lexers
import pytest
from pymdownx import highlight as pymdownx_highlight

from generator.caching import highlight as cache
from generator.render.highlight import install

DOCUMENT = """# Commands

```bash
kubectl -n web get pods -l app=api | grep -v Running
```

```yaml hl_lines="2"
a: 1
b: [x, "y"]
```

```python linenums="3" title="fix.py"
print("<b> & 'c'")
```

```bash
kubectl -n web get pods -l app=api | grep -v Running
```

`#!bash echo inline`
"""
EXTENSIONS = ["pymdownx.superfences", "pymdownx.highlight", "pymdownx.inlinehilite"]


def _html(**config) -> str:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs={"pymdownx.highlight": config}).convert(DOCUMENT)


@pytest.fixture
def fresh_cache(monkeypatch: pytest.MonkeyPatch):
    install()
    monkeypatch.setattr(cache, "_state", {"memo": {}, "used": {}, "folder": None, "loaded": None, "fresh": 0})
    return cache._state


# With line anchors each block's ids carry its number, so the repeated command is another block.
@pytest.mark.parametrize("config, distinct", [({}, 4), ({"linenums": True}, 4),
                                              ({"anchor_linenums": True, "line_spans": "__span"}, 5)])
def test_cached_blocks_are_what_pygments_makes(fresh_cache: dict, monkeypatch: pytest.MonkeyPatch,
                                               config: dict, distinct: int) -> None:
    first = _html(**config)  # highlighted (the repeated command only once, where its HTML is the same)
    assert fresh_cache["fresh"] == distinct and len(fresh_cache["used"]) == distinct
    assert _html(**config) == first and fresh_cache["fresh"] == distinct  # every block from the memo
    monkeypatch.setattr(pymdownx_highlight, "highlight", pygments.highlight)
    monkeypatch.setattr(pymdownx_highlight, "get_lexer_by_name", pygments.lexers.get_lexer_by_name)
    assert _html(**config) == first  # Pygments itself: no cache, a new lexer for every block


def test_options_name_different_blocks(fresh_cache: dict) -> None:
    _html()
    _html(linenums=True)
    # The bash and yaml blocks get line numbers now: other HTML, other keys; the python block
    # (numbered already) and the inline code are the same blocks as before.
    assert fresh_cache["fresh"] == 4 + 2


def test_a_later_build_reads_the_blocks_an_earlier_one_saved(fresh_cache: dict, tmp_path: Path) -> None:
    cache.use_folder(tmp_path)
    first = _html()
    cache.save()
    assert (tmp_path / cache.CACHE_FILE).is_file()
    fresh_cache.update(memo={}, loaded=None)  # a new process
    cache.use_folder(tmp_path)
    assert _html() == first and fresh_cache["fresh"] == 0


def test_a_cache_file_not_signed_here_is_ignored(fresh_cache: dict, tmp_path: Path) -> None:
    (tmp_path / cache.CACHE_FILE).write_text('{"k": "<script>"}', encoding="utf-8")
    cache.use_folder(tmp_path)
    assert fresh_cache["memo"] == {}
