"""Documents in other markup languages (reStructuredText, AsciiDoc, Confluence wiki markup), rewritten
line for line into the Markdown the importer reads.

Sphinx and Antora sites keep their runbooks as ``.rst`` and ``.adoc`` files, Confluence and Jira as
wiki markup (``.wiki``). Each converter keeps one
output line per source line, so line numbers stay true; a line that is only markup (a section
underline, a directive, a block delimiter) is blanked and *attached* to the content line it belongs to,
and a line a rendered page never shows (a page's metadata, a link target, a substitution's
definition) is *hidden*, as an HTML page's head is.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath

RST_SUFFIXES = (".rst", ".rest")
ASCIIDOC_SUFFIXES = (".adoc", ".asciidoc", ".asc")
CONFLUENCE_SUFFIXES = (".wiki", ".confluence", ".jira")   # Confluence and Jira wiki markup
SUFFIXES = RST_SUFFIXES + ASCIIDOC_SUFFIXES + CONFLUENCE_SUFFIXES
CONFLUENCE_SIGNS = re.compile(r"^\s*(?:h[1-6]\.\s|\|\||\{(?:code|noformat|panel|info|note|warning|tip)\b)", re.MULTILINE)


@dataclass
class Converted:
    lines: list[str]
    attached: dict[int, int] = field(default_factory=dict)   # markup line -> content line (1-based)
    hidden: set[int] = field(default_factory=set)            # lines a rendered page does not show (1-based)

    def blank(self, index: int, owner: int | None = None) -> None:
        """Line ``index`` (0-based) is markup: it goes with line ``owner`` (0-based), or is hidden."""
        self.lines[index] = ""
        if owner is None:
            self.hidden.add(index + 1)
        else:
            self.attached[index + 1] = owner + 1


def next_text(lines: list[str], i: int) -> int | None:
    """The first non-blank line after ``i`` (0-based), or None."""
    return next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)


def previous_text(lines: list[str], i: int) -> int | None:
    """The last non-blank line before ``i`` (0-based), or None."""
    return next((j for j in range(i - 1, -1, -1) if lines[j].strip()), None)


def convert_markup(name: str, lines: list[str]) -> Converted | None:
    """The Markdown of a reStructuredText, AsciiDoc or Confluence wiki document, or None for any other
    document (a '.wiki' file without Confluence's markup is read as Markdown, as Gollum writes it)."""
    suffix = PurePath(name).suffix.lower()
    if suffix in RST_SUFFIXES:
        from .rst import convert
    elif suffix in ASCIIDOC_SUFFIXES:
        from .asciidoc import convert
    elif suffix in CONFLUENCE_SUFFIXES and CONFLUENCE_SIGNS.search("\n".join(lines)):
        from .confluence import convert
    else:
        return None
    return convert(lines)
