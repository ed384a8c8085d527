"""Documents in other markup languages (reStructuredText, AsciiDoc, Confluence wiki markup, Emacs
org-mode), rewritten line for line into the Markdown the importer reads.

Sphinx and Antora sites keep their runbooks as ``.rst`` and ``.adoc`` files, Confluence and Jira as
wiki markup (``.wiki``), Emacs users as ``.org`` files (or as ``.txt`` ones). Each converter keeps one
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
ORG_SUFFIXES = (".org",)
SUFFIXES = RST_SUFFIXES + ASCIIDOC_SUFFIXES + CONFLUENCE_SUFFIXES + ORG_SUFFIXES
CONFLUENCE_SIGNS = re.compile(r"^\s*(?:h[1-6]\.\s|\|\||\{(?:code|noformat|panel|info|note|warning|tip)\b)", re.MULTILINE)

# an org file saved as '.txt': its settings or blocks, or its '* ' headings beside an org table's rule
ORG_SIGNS = re.compile(r"^#\+(?:TITLE|BEGIN_SRC|BEGIN_EXAMPLE|STARTUP|OPTIONS):", re.MULTILINE | re.IGNORECASE)
ORG_HEADING = re.compile(r"^\*+ \S", re.MULTILINE)
ORG_RULE = re.compile(r"^\s*\|-+\+-", re.MULTILINE)


@dataclass
class Converted:
    lines: list[str]
    attached: dict[int, int] = field(default_factory=dict)   # markup line -> content line (1-based)
    hidden: set[int] = field(default_factory=set)            # lines a rendered page does not show (1-based)
    meta: dict[str, tuple[str, int]] = field(default_factory=dict)   # front matter: key -> (value, line)

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


def is_org(suffix: str, lines: list[str]) -> bool:
    """An '.org' file, or a '.txt' one whose text shows org's signs."""
    if suffix in ORG_SUFFIXES:
        return True
    if suffix != ".txt":
        return False
    text = "\n".join(lines)
    return bool(ORG_SIGNS.search(text) or (ORG_HEADING.search(text) and ORG_RULE.search(text)))


def _yamlish(lines: list[str]) -> bool:
    from .yamlish import is_yamlish

    return is_yamlish(lines)


def convert_markup(name: str, lines: list[str]) -> Converted | None:
    """The Markdown of a reStructuredText, AsciiDoc, Confluence wiki, org-mode or YAML-like text document, or None for
    any other document (a '.wiki' file without Confluence's markup is read as Markdown, as Gollum
    writes it; a '.txt' file without org's signs as plain text)."""
    suffix = PurePath(name).suffix.lower()
    if is_org(suffix, lines):
        from .org import convert
    elif suffix == ".txt" and _yamlish(lines):
        from .yamlish import convert
    elif suffix in RST_SUFFIXES:
        from .rst import convert
    elif suffix in ASCIIDOC_SUFFIXES:
        from .asciidoc import convert
    elif suffix in CONFLUENCE_SUFFIXES and CONFLUENCE_SIGNS.search("\n".join(lines)):
        from .confluence import convert
    else:
        return None
    return convert(lines)
