"""Documents in other markup languages (reStructuredText, AsciiDoc, Confluence wiki markup, Emacs
org-mode, MediaWiki, Textile, WikiCreole, LaTeX, TWiki/Foswiki, DokuWiki), rewritten line for line into
the Markdown the importer reads.

Sphinx and Antora sites keep their runbooks as ``.rst`` and ``.adoc`` files, Confluence and Jira as
wiki markup (``.wiki``), Emacs users as ``.org`` files (or as ``.txt`` ones), some ops teams as man
pages (``incident.7``: troff source with man(7) macros), some as LaTeX (``plan.tex``), TWiki or
Foswiki topics (``.twiki``, ``.tml``) or DokuWiki pages (``.dokuwiki``), any of them also saved as
``.txt``. Each converter keeps one
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
MEDIAWIKI_SUFFIXES = (".mediawiki", ".wikitext")
TEXTILE_SUFFIXES = (".textile",)
CREOLE_SUFFIXES = (".creole",)
MAN_SUFFIXES = (".man",) + tuple(f".{n}" for n in range(1, 10))   # a man page's troff source: 'incident.7'
LATEX_SUFFIXES = (".tex", ".latex")
TWIKI_SUFFIXES = (".twiki", ".tml")   # TWiki and Foswiki keep a topic as 'Topic.txt', exported as '.tml'
DOKUWIKI_SUFFIXES = (".dokuwiki",)
SUFFIXES = RST_SUFFIXES + ASCIIDOC_SUFFIXES + CONFLUENCE_SUFFIXES + ORG_SUFFIXES + MEDIAWIKI_SUFFIXES + \
    TEXTILE_SUFFIXES + CREOLE_SUFFIXES + MAN_SUFFIXES + LATEX_SUFFIXES + TWIKI_SUFFIXES + DOKUWIKI_SUFFIXES
CONFLUENCE_SIGNS = re.compile(r"^\s*(?:h[1-6]\.\s|\|\||\{(?:code|noformat|panel|info|note|warning|tip)\b)", re.MULTILINE)

# an org file saved as '.txt': its settings or blocks, or its '* ' headings beside an org table's rule
ORG_SIGNS = re.compile(r"^#\+(?:TITLE|BEGIN_SRC|BEGIN_EXAMPLE|STARTUP|OPTIONS):", re.MULTILINE | re.IGNORECASE)
ORG_HEADING = re.compile(r"^\*+ \S", re.MULTILINE)
ORG_RULE = re.compile(r"^\s*\|-+\+-", re.MULTILINE)

# a MediaWiki page saved as '.txt' or '.wiki': one sign no other markup writes (a '{|' table with its
# '|-' rows and '|}' end, a '<syntaxhighlight>' block, a '[[Category:' link, a '__NOTOC__' switch on
# its own line), or two of its commoner ones
MEDIAWIKI_SURE = [re.compile(r"^\s*<syntaxhighlight\b", re.IGNORECASE | re.MULTILINE),
                  re.compile(r"^\[\[(?:Category|Kategorie|Catégorie):[^\]\n]+\]\]", re.MULTILINE),
                  re.compile(r"^__(?:NOTOC|TOC|FORCETOC|NOEDITSECTION)__\s*$", re.MULTILINE)]
WIKI_TABLE = [re.compile(r"^\s*\{\|", re.MULTILINE), re.compile(r"^\s*\|-", re.MULTILINE),
              re.compile(r"^\s*\|\}", re.MULTILINE)]
MEDIAWIKI_HEADING = re.compile(r"^(={2,6})[^=\n]+\1[ \t]*$", re.MULTILINE)   # '== Heading ==' (two of them)
MEDIAWIKI_SIGNS = [re.compile(r"'''[^'\n]+'''"),
                   re.compile(r"^[*#]*;[^:\n]+\s:\s", re.MULTILINE),
                   re.compile(r"\[(?:https?|mailto):[^\s\]\[]+ [^\]\n\[]+\]"),
                   re.compile(r"^\{\{[A-Za-z][^{}|\n]*(?:\||$)", re.MULTILINE),
                   re.compile(r"^<(?:source|pre)\b[^>\n]*>[ \t]*$", re.MULTILINE)]
CONFLUENCE_HEADING = re.compile(r"^\s*h[1-6]\.\s", re.MULTILINE)
CREOLE_OWN = re.compile(r"^\|=|^\{\{\{[ \t]*$", re.MULTILINE)


@dataclass
class Converted:
    lines: list[str]
    attached: dict[int, int] = field(default_factory=dict)   # markup line -> content line (1-based)
    hidden: set[int] = field(default_factory=set)            # lines a rendered page does not show (1-based)
    meta: dict[str, tuple[str, int]] = field(default_factory=dict)   # front matter: key -> (value, line)
    breaks: set[int] = field(default_factory=set)            # lines that start a paragraph of their own (1-based)
    preformatted: dict[int, str] = field(default_factory=dict)   # code lines with no line free for a fence -> language

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


def _chat(lines: list[str]) -> bool:
    from .chat_export import is_chat

    return is_chat(lines)


def _slack_copy(lines: list[str]) -> bool:
    from .slack_copy import is_slack_copy

    return is_slack_copy(lines)


def _bbcode(lines: list[str]) -> bool:
    from .bbcode import is_bbcode

    return is_bbcode(lines)


def _yamlish(lines: list[str]) -> bool:
    from .yamlish import is_yamlish

    return is_yamlish(lines)


def _textile(suffix: str, lines: list[str]) -> bool:
    from .textile import is_textile

    return suffix in TEXTILE_SUFFIXES or (suffix == ".txt" and is_textile(lines))


def _creole(suffix: str, lines: list[str]) -> bool:
    from .creole import is_creole

    return suffix in CREOLE_SUFFIXES or (suffix == ".txt" and is_creole(lines))


def _latex(suffix: str, lines: list[str]) -> bool:
    from .latex import is_latex

    return suffix in LATEX_SUFFIXES or (suffix == ".txt" and is_latex(lines))


def _twiki(suffix: str, lines: list[str]) -> bool:
    from .twiki import is_twiki

    return suffix in TWIKI_SUFFIXES or (suffix == ".txt" and is_twiki(lines))


# what only Confluence and Jira write: a '||' header row, a '{code}' or '{panel}' macro opening a line
CONFLUENCE_OWN = re.compile(r"^\s*\|\|\S|^\s*\{(?:code|noformat|panel|info|note|warning|tip|expand|toc)(?:[:}])", re.MULTILINE)


def _confluence(suffix: str, lines: list[str]) -> bool:
    """A '.wiki' or '.jira' file in Confluence's markup, or a '.txt' one copied out of Confluence or Jira:
    its 'h2. ' headings (two at least) beside a sign no other markup writes."""
    if suffix in CONFLUENCE_SUFFIXES:
        return bool(CONFLUENCE_SIGNS.search("\n".join(lines)))
    if suffix != ".txt":
        return False
    text = "\n".join(lines)
    return len(CONFLUENCE_HEADING.findall(text)) >= 2 and bool(CONFLUENCE_OWN.search(text))


def _dokuwiki(suffix: str, lines: list[str]) -> bool:
    from .dokuwiki import is_dokuwiki

    return suffix in DOKUWIKI_SUFFIXES or (suffix == ".txt" and is_dokuwiki(lines))


def is_mediawiki(suffix: str, lines: list[str]) -> bool:
    """A '.mediawiki' file, or a '.txt' or '.wiki' one whose text shows MediaWiki's signs (and, for
    '.wiki', no Confluence heading: 'h2. Title')."""
    if suffix in MEDIAWIKI_SUFFIXES:
        return True
    if suffix not in (".txt", ".wiki"):
        return False
    text = "\n".join(lines)
    if suffix == ".wiki" and CONFLUENCE_HEADING.search(text):
        return False
    if any(sign.search(text) for sign in MEDIAWIKI_SURE) or all(sign.search(text) for sign in WIKI_TABLE):
        return True
    if CREOLE_OWN.search(text):   # WikiCreole's '|=' header cells or '{{{' lines: its '== Heading ==' too
        return False
    headings = len(MEDIAWIKI_HEADING.findall(text)) >= 2
    return headings + sum(bool(sign.search(text)) for sign in MEDIAWIKI_SIGNS) >= 2


def is_troff(suffix: str, lines: list[str]) -> bool:
    """A man page ('.man', '.1' to '.9'), or a '.txt' file whose lines start with man macros."""
    if suffix in MAN_SUFFIXES:
        return True
    from .troff import is_troff as signed

    return suffix == ".txt" and signed(lines)


def convert_markup(name: str, lines: list[str]) -> Converted | None:
    """The Markdown of a reStructuredText, AsciiDoc, Confluence wiki, org-mode, MediaWiki, Textile, WikiCreole,
    man page, LaTeX, TWiki, DokuWiki or YAML-like text document, or None for any other document (a '.wiki' file without Confluence's or
    MediaWiki's markup is read as Markdown, as Gollum writes it; a '.txt' file without org's or MediaWiki's signs
    as plain text)."""
    suffix = PurePath(name).suffix.lower()
    if is_troff(suffix, lines):
        from .troff import convert
    elif is_org(suffix, lines):
        from .org import convert
    elif _latex(suffix, lines):
        from .latex import convert
    elif _twiki(suffix, lines):
        from .twiki import convert
    elif _confluence(suffix, lines):
        from .confluence import convert
    elif _dokuwiki(suffix, lines):   # before MediaWiki's: both write '== Heading ==' and '[[page|text]]'
        from .dokuwiki import convert
    elif is_mediawiki(suffix, lines):
        from .mediawiki import convert
    elif suffix == ".txt" and _yamlish(lines):
        from .yamlish import convert
    elif suffix == ".txt" and _bbcode(lines):
        from .bbcode import convert
    elif suffix == ".txt" and _chat(lines):
        from .chat_export import convert
    elif suffix == ".txt" and _slack_copy(lines):
        from .slack_copy import convert
    elif _textile(suffix, lines):
        from .textile import convert
    elif _creole(suffix, lines):
        from .creole import convert
    elif suffix == ".csv":
        from .csv_sheet import convert
    elif suffix in RST_SUFFIXES:
        from .rst import convert
    elif suffix in ASCIIDOC_SUFFIXES:
        from .asciidoc import convert
    else:
        return None
    return convert(lines)
