"""MediaWiki markup (a wiki page's source, saved as ``.mediawiki``, ``.wiki`` or ``.txt``) rewritten
as Markdown, line for line.

``== Heading ==`` (``=`` to ``======``), ``*`` / ``#`` lists nested as ``**`` / ``#*`` write them,
``; term : definition`` and ``;term`` over ``:definition`` as key-value items, ``:`` indented lines,
``{| ... |}`` tables (as HTML, mediawiki_tables.py), ``<syntaxhighlight lang="bash">``, ``<source>``
and ``<pre>`` blocks and runs of lines led by a space (MediaWiki's preformatted text) as fences
(mediawiki_code.py, which also takes the comments out), a ``{{DISPLAYTITLE:...}}`` line as the
page's heading, ``[[Category:...]]`` lines as the page's 'category' field,
``{{Template | key = value}}`` over several lines (mediawiki_templates.py), ``----`` rules, and HTML
comments hidden. The inline markup is mediawiki_inline.py's.

MediaWiki only knows a ``<pre>`` or ``<syntaxhighlight>`` whose closing tag exists (an unclosed one
shows as text), a template whose braces close (else its braces show), and closes a table left open
at the end of the page (here: before the next heading).
"""
from __future__ import annotations

import re

from . import Converted, next_text, previous_text
from .mediawiki_code import Page, regions, space_led, write_code
from .mediawiki_inline import inline, split_top
from .mediawiki_tables import table, table_end
from .mediawiki_templates import box_line, template, template_end

HEADING = re.compile(r"^(={1,6})(.*?[^=\s].*?)(={1,6})\s*$")
LIST = re.compile(r"^([*#:;]+)\s*(.*)$")
TAGS_ONLY = re.compile(r"^\s*(?:</?[A-Za-z][\w-]*\b[^<>]*>\s*)+$")
DISPLAY_TITLE = re.compile(r"\s*\{\{\s*DISPLAYTITLE\s*:([^{}|]*)(?:\|[^{}]*)?\}\}\s*", re.IGNORECASE)
CATEGORY_LINE = re.compile(r"(?:\s*\[\[\s*category\s*:[^\[\]]*\]\])+\s*", re.IGNORECASE)
CLOSING_ONLY = re.compile(r"^\s*(?:</[A-Za-z][\w-]*\s*>\s*)+$")


def convert(lines: list[str]) -> Converted:
    out = Converted(list(lines))
    page = regions(lines, out)
    page.kinds = ["blank"] * len(lines)
    i = 0
    while i < len(lines):
        i = max(_block(lines, out, page, i), i + 1)
    _breaks(out, page.kinds)
    return out


# -- blocks ---------------------------------------------------------------------------------------
def _block(lines: list[str], out: Converted, page: Page, i: int) -> int:
    """Convert the block starting at line ``i``; the line after it."""
    if i in page.code:
        return write_code(lines, out, page, i)
    text = page.text[i]
    if not text.strip():
        if not lines[i].strip():
            out.lines[i] = ""
        return i + 1
    if text.lstrip().startswith("{|"):
        end, _ = table_end(page.text, i, lambda line: bool(HEADING.match(line)))
        end = min([end] + [k - 1 for k in page.code if i < k <= end])
        table(page.text, out, i, end, inline)
        page.kinds[i:end + 1] = ["table"] * (end + 1 - i)
        return end + 1
    title = DISPLAY_TITLE.fullmatch(text)
    if title and inline(title.group(1)):   # the title the page is shown under: its heading
        out.lines[i] = "# " + inline(title.group(1))
        page.kinds[i] = "heading"
        return i + 1
    if text.startswith("{{"):
        end = template_end(page.text, i)
        if end is not None and (end > i or box_line(out, page.kinds, i, text)):
            if end > i:
                template(out, page.text, page.kinds, i, end)
            return end + 1
    if text.startswith(" ") and lines[i].startswith(" "):   # never the words after a comment's end
        return space_led(lines, out, page, i)
    text = text.lstrip() if text.startswith(" ") else text
    for handler in (_heading, _rule, _categories, _item):
        if handler(out, page, i, text):
            return i + 1
    _text(out, page, i, text)
    return i + 1


def _heading(out: Converted, page: Page, i: int, text: str) -> bool:
    match = HEADING.match(text)
    if not match:
        return False
    level = min(len(match.group(1)), len(match.group(3)))
    title = "=" * (len(match.group(1)) - level) + match.group(2) + "=" * (len(match.group(3)) - level)
    out.lines[i] = "#" * level + " " + inline(title)
    page.kinds[i] = "heading"
    return True


def _rule(out: Converted, page: Page, i: int, text: str) -> bool:
    match = re.match(r"^-{4,}\s*(.*)$", text)
    if not match:
        return False
    if match.group(1).strip():   # '---- text': a rule, then the text
        out.lines[i] = inline(match.group(1))
        page.kinds[i] = "text"
    else:
        out.blank(i, next_text(page.text, i))
    return True


def _categories(out: Converted, page: Page, i: int, text: str) -> bool:
    """'[[Category:Runbooks]]' lines: the page's category bar, which MediaWiki shows apart from the page's
    text (never the last step's words): the page's 'category' field, as front matter is (the page's own word)."""
    if not CATEGORY_LINE.fullmatch(text):
        return False
    names = [m.group(1).strip() for m in re.finditer(r"\[\[\s*category\s*:([^\]|]*)", text, re.IGNORECASE)]
    value, first = out.meta.get("category", ("", i + 1))
    out.meta["category"] = (", ".join(n for n in [value, *names] if n), first)
    out.lines[i] = ""
    if first != i + 1:
        out.attached[i + 1] = first
    return True


def _item(out: Converted, page: Page, i: int, text: str) -> bool:
    match = LIST.match(text)
    if not match or text.upper().startswith("#REDIRECT"):
        return False
    markers, body = match.group(1), match.group(2)
    indent = "".join("   " if m == "#" else "  " for m in markers[:-1])
    kind = markers[-1]
    if kind == ";":
        term, definition = _term(body)
        following = next_text(page.text, i)
        opens = definition is None and following is not None and page.text[following].startswith(markers[:-1] + ":")
        shown = inline(definition) if definition is not None else ""
        value = f": {shown}" if shown else ":" if opens else ""
        out.lines[i] = f"{indent}- **{inline(term)}**{value}" if inline(term) else f"{indent}- {shown}" if shown else ""
        page.kinds[i] = "term"
    elif kind == ":":
        above = previous_text(page.text, i)
        in_list = len(markers) > 1 and markers[-2] in "*#"
        defines = above is not None and page.kinds[above] in ("term", "definition")
        if in_list or defines:   # the item's or the term's own text, indented under it
            out.lines[i] = indent + ("  " if defines and not in_list else "") + inline(body)
            page.kinds[i] = "definition" if defines else "item"
        else:   # an indented line: its own paragraph
            out.lines[i] = inline(body)
            page.kinds[i] = "indent"
    else:
        shown = inline(body)
        out.lines[i] = f"{indent}{'1.' if kind == '#' else '-'} {shown}" if shown else ""
        page.kinds[i] = "item"
    if not out.lines[i].strip():   # a marker of no words ('*', ';'): it goes with the text after it
        out.blank(i, next_text(page.text, i))
        page.kinds[i] = "blank"
    return True


def _term(body: str) -> tuple[str, str | None]:
    """'Term : what it means' -> ('Term', 'what it means'): the first colon outside a link, a template,
    a tag or an address ('https://')."""
    pieces = split_top(re.sub(r"<[^<>]*>", lambda m: "\x01" * len(m.group(0)), body), ":")
    at = 0
    for piece in pieces[:-1]:
        at += len(piece)
        if not re.match(r"//", body[at + 1:at + 3]):
            return body[:at].strip(), body[at + 1:].strip()
        at += 1
    return body.strip(), None


def _text(out: Converted, page: Page, i: int, text: str) -> None:
    shown = inline(text)
    if shown:
        out.lines[i] = shown
        page.kinds[i] = "text"
    elif TAGS_ONLY.match(text) and not re.search(r"<references\b", text, re.IGNORECASE):
        # '<div class="note">' goes with the text it opens, '</div>' with the text it closes
        owner = previous_text(page.text, i) if CLOSING_ONLY.match(text) else next_text(page.text, i)
        out.blank(i, owner)
    else:   # '__NOTOC__', '{{Clear}}', '<references />': nothing a reader reads
        out.blank(i)


# -- paragraphs -----------------------------------------------------------------------------------
def _breaks(out: Converted, kinds: list[str]) -> None:
    """MediaWiki ends a list at the first line that is not an item, and shows each ':' line apart;
    Markdown would run such a line on into the item above: it starts a paragraph of its own."""
    for i in range(1, len(kinds)):
        if (kinds[i] == "text" and kinds[i - 1] in ("item", "term", "definition", "indent", "template")) or \
                (kinds[i] == "indent" and kinds[i - 1] in ("indent", "text")):
            out.breaks.add(i + 1)
