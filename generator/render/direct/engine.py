"""Python-Markdown's pipeline with our block reader in place of its block stage.

``Engine.render(page, config, files)`` sets what MkDocs' ``Page.render`` sets
(content, toc, title, anchors defined, links' anchors) and returns True, or
returns False, having changed nothing and logged nothing, when the page has a
block the reader does not know, or Python-Markdown left one of its placeholders
in the page (MkDocs then converts it; the link warnings of the attempt are held
back and logged only when the direct result is the page's). It runs the real
preprocessors (except md_in_html's, whose work the reader does), the real tree
processors, serializer and post-processors, with MkDocs' own link, anchor and
title processors registered as ``Page.render`` registers them, on one Markdown
instance reset between pages, as ``Page.render`` would build it.
"""
from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from typing import Any, Iterator

from . import anchors as anchor_scan
from . import inline
from .blocks import Reader, Unsupported

# The block stage the reader stands in for: these preprocessors and block processors, no other.
_PREPROCESSORS = ("normalize_whitespace", "fenced_code_block", "html_block")
_BLOCKS = ("admonition", "markdown_block", "empty", "indent", "code", "table", "hashheader",
           "setextheader", "hr", "olist", "ulist", "quote", "reference", "paragraph")
_SKIPPED = "html_block"  # md_in_html: the reader builds what it would
# Python-Markdown's placeholders (or what emphasis left of one) written into a page.
_LEAK = re.compile("[\x02\x03]|klzzwxh|wzxhzdk")


def _names(registry: Any) -> tuple[str, ...]:
    return tuple(item.name for item in sorted(registry._priority, key=lambda i: i.priority, reverse=True))


def _known(md: Any) -> bool:
    """The block stage is exactly the one the reader reproduces."""
    from markdown.extensions.md_in_html import HtmlBlockPreprocessor
    from pymdownx.superfences import SuperFencesBlockPreprocessor

    return (sorted(_names(md.preprocessors)) == sorted(_PREPROCESSORS)
            and sorted(_names(md.parser.blockprocessors)) == sorted(_BLOCKS)
            and type(md.preprocessors["fenced_code_block"]) is SuperFencesBlockPreprocessor
            and type(md.preprocessors["html_block"]) is HtmlBlockPreprocessor
            and md.tab_length == 4 and md.stripTopLevelTags and md.doc_tag == "div")


class Engine:
    """One build's converter; ``usable`` is False when the configuration is not one it knows."""

    def __init__(self, config: Any) -> None:
        import markdown

        self.md = markdown.Markdown(extensions=config["markdown_extensions"],
                                    extension_configs=config["mdx_configs"] or {})
        self.usable = _known(self.md)
        self.fill = inline.filler(self.md) if inline.known(self.md) else None
        self.direct = self.declined = 0

    def render(self, page: Any, config: Any, files: Any) -> bool:
        if not self.usable or page.markdown is None or not page.markdown.strip():
            return False
        from mkdocs.structure import pages as mkdocs_pages

        md = self.md.reset()
        raw, anchors, relative, title = _page_processors(md, page, config, files)
        try:
            with _held(mkdocs_pages.log) as records:
                content = _finish(md, self._tree(md, page.markdown, self.fill))
        except Unsupported:
            content = None
        if content is None or _LEAK.search(content):
            # Python-Markdown left a placeholder in the page (malformed emphasis): its number
            # counts the inline stash, which this engine fills differently. MkDocs converts it.
            self.declined += 1
            return False
        for record in records:  # the link warnings, now that this conversion is the page's
            mkdocs_pages.log.handle(record)
        page.content = content
        page.toc = mkdocs_pages.get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = title.title
        page.present_anchor_ids = anchors.present_anchor_ids | raw.present_anchor_ids
        if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = relative.links_to_anchors
        self.direct += 1
        return True

    @staticmethod
    def _tree(md: Any, source: str, text: Any) -> Any:
        lines = source.split("\n")
        for name in _names(md.preprocessors):
            if name != _SKIPPED:
                lines = md.preprocessors[name].run(lines)
        md.lines = lines
        return Reader(lines, md.htmlStash.store, md.doc_tag, text).read()


def _page_processors(md: Any, page: Any, config: Any, files: Any) -> tuple:
    """MkDocs' own processors for this page, registered as ``Page.render`` registers them."""
    from mkdocs.structure import pages as mkdocs_pages

    processors = (anchor_scan.preprocessor(),
                  mkdocs_pages._ExtractAnchorsTreeprocessor(page.file, files, config),
                  mkdocs_pages._RelativePathTreeprocessor(page.file, files, config),
                  mkdocs_pages._ExtractTitleTreeprocessor())
    for processor in processors:
        processor._register(md)
    return processors


@contextmanager
def _held(log: logging.Logger) -> Iterator[list[logging.LogRecord]]:
    """What ``log`` logs inside, kept back (not handled) in the list given."""
    records: list[logging.LogRecord] = []

    def keep(record: logging.LogRecord) -> bool:
        records.append(record)
        return False

    log.addFilter(keep)
    try:
        yield records
    finally:
        log.removeFilter(keep)


def _finish(md: Any, root: Any) -> str:
    """The rest of ``Markdown.convert``, as it is written there."""
    for treeprocessor in md.treeprocessors:
        new_root = treeprocessor.run(root)
        if new_root is not None:
            root = new_root
    output = md.serializer(root)
    start = output.index(f"<{md.doc_tag}>") + len(md.doc_tag) + 2
    output = output[start:output.rindex(f"</{md.doc_tag}>")].strip()
    for postprocessor in md.postprocessors:
        output = postprocessor.run(output)
    return output.strip()
