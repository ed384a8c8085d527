"""Other ways of writing the same Markdown, rewritten line for line before parsing.

Documents come as CommonMark with setext headings, as HTML fragments, with YAML front
matter, mkdocs admonitions, definition lists and block quotes. Each is rewritten into the
plain Markdown the parser reads, keeping one line per source line so that line numbers
stay true. A line that is only markup (a setext underline, a bare ``<ul>`` or ``>``, the
``---`` of front matter) is blanked and *attached* to the content line it belongs to: it
counts as structured exactly when that line does.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from .toggles import toggle_sections
from .confluence_storage import is_storage, rewrite_storage
from .cell_lines import cell_lines
from .pdf_text import pdf_layout
from .mdparse import RULE, fenced_lines
from . import html_lists
from .indented_code import fence_indented_code, indented_commands
from .text import PHONE_ANY
from .plain_layout import (character_underlines, framed_headings, hanging_terms, numbered_paragraphs,
                           numbered_subheadings, spaced_entries)
from .plain_sheets import cheat_sheet
from .class_styles import inline_class_styles
from .plain_entries import colon_titles, hanging_ids, spaced_phones, typed_tasks
from .outline import level_lines, lettered_runs, lettered_steps, outline_headings, phone_lines, step_lines
from .html_details import details_sections
from .sheets_html import is_sheets, rewrite_sheets
from .html_code import html_code_blocks, html_split_headings
from .note_syntax import callout, note_syntax
from .office_html import bold_lead, join_broken_tags, split_sheets
from .plain_text import dot_leaders, drawn_chains, has_markdown_heading, numbered_headings, typeset_headings
from .outline_numbers import (bracket_numbered_titles, clause_runs, dedent_parts, lettered_titles, outline_numbers,
                              tab_lists)
from .word_html import is_word, rewrite_word
from .text_tables import draw_tables
from .side_terms import side_terms
from .layout_tables import unwrap_layout_tables
from .bold_headings import bold_headings, drawn_bullets, escaped_items, shortcode_bullets

SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
PLAIN_TEXT = re.compile(r"^\s{0,3}[^\s#>|`~<*+\-=\d!:]")
HTML_HEADING = re.compile(r"^\s*<h([1-6])\b[^>]*>(.*?)</h\1\s*>\s*$", re.IGNORECASE)
WRAPPER = re.compile(r"^\s*</?(ul|ol|div|details|section|article|dl|tbody|thead|blockquote|p|span|nav|main|"
                     r"header|footer|aside|html|head|body|meta|link)\b[^>]*>\s*$|^\s*<!doctype\b[^>]*>\s*$", re.IGNORECASE)
SUMMARY = re.compile(r"^\s*(?:<details\b[^>]*>\s*)?<summary\b[^>]*>(.*?)</summary>\s*$", re.IGNORECASE)
ADMONITION = re.compile(r"^(\s*)(?:!!!|\?\?\?\+?)\s*([\w-]+)(?:\s+\"([^\"]*)\")?\s*$")
DETAILS_OPEN = re.compile(r"^\s*<details\b", re.IGNORECASE)
DETAILS_CLOSE = re.compile(r"</details\s*>", re.IGNORECASE)
TABLE_OPEN = re.compile(r"<table\b", re.IGNORECASE)
TABLE_CLOSE = re.compile(r"</table\s*>", re.IGNORECASE)
DEFINITION = re.compile(r"^:\s{1,4}(\S.*)$")
QUOTE = re.compile(r"^\s{0,3}>\s?(.*)$")
FRONT_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")
TOML_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*=\s*(.*)$")
# What a browser never shows: the page's head, its style sheet and its scripts.
# ('<head@school.example>', an address in a quoted e-mail header, opens nothing: a tag's name ends at a space or '>')
HIDDEN_OPEN = re.compile(r"<(head|style|script|noscript|template)(?=[\s>/])[^>]*>", re.IGNORECASE)
TAG_ONLY = re.compile(r"\s*(?:<!--.*?-->\s*|</?[A-Za-z][\w-]*\b[^>]*>\s*)+")
# HTML elements, not '<pattern>' placeholders in prose: only these are read as tags; '\<summary\>'
# (pandoc's escape) is the text '<summary>'.
HTML_TAG = re.compile(r"(?<!\\)</?(?:h[1-6]|p|ul|ol|li|div|span|strong|em|b|i|u|code|pre|a|br|hr|img|table|tr|td|th|thead|"
                      r"tbody|details|summary|section|article|blockquote|dl|dt|dd|small|sup|sub|kbd|mark|nav|main|"
                      r"header|footer|aside|font|center|tt|samp|s|strike|del|ins|big|abbr|cite|q)\b[^>]*>", re.IGNORECASE)
BLOCK_END = re.compile(r"</(?:p|div|li|h[1-6]|td|th|dt|dd|blockquote|section|article|pre|summary)\s*>(?=\s*(?:<[A-Za-z]|[^<\s]))",
                       re.IGNORECASE)


@dataclass
class Rewritten:
    lines: list[str]
    attached: dict[int, int] = field(default_factory=dict)   # markup line -> content line (1-based, local)
    quoted: set[int] = field(default_factory=set)              # lines inside a block quote
    asides: dict[int, str] = field(default_factory=dict)       # admonition title and body line -> kind
    meta: dict[str, tuple[str, int]] = field(default_factory=dict)   # front matter key -> (value, line)
    shown: dict[int, str] = field(default_factory=dict)   # HTML line (1-based, local) -> the text a reader sees
    breaks: set[int] = field(default_factory=set)
    original: list[str] = field(default_factory=list)   # lines (1-based, local) that start a block of their own in HTML
    defined: set[int] = field(default_factory=set)   # lines (0-based) of a definition list: terms and definitions
    hidden: set[int] = field(default_factory=set)    # lines (1-based, local) of an HTML head, style sheet or script
    lists: list = field(default_factory=list)        # HTML lists open here: [numbered, next number]
    captions: dict[int, str] = field(default_factory=dict)   # lines (1-based, local) of a <details>: its <summary>
    leads: dict[int, str] = field(default_factory=dict)      # lines (1-based, local) opened by a bold paragraph
    code: dict[int, str] = field(default_factory=dict)       # Word command paragraphs: line (1-based, local) -> command


STYLED_BOLD = re.compile(r"<span\b[^>]*font-weight:\s*(?:bold|[6-9]00)[^>]*>([^<>]*)</span\s*>", re.IGNORECASE)
UNDERLINED_LINE = re.compile(r"^\s*<u>([^<>]{2,100})</u>(\s*(?:<br\s*/?>)?\s*)$", re.IGNORECASE)


def inline_html(text: str) -> str:
    """<strong>x</strong> -> **x**, <code>x</code> -> `x`, other tags dropped, entities decoded."""
    if "<" not in text and "&" not in text:
        return text
    # '<u>Printers not printing</u><br>' on a line of its own: a sub-heading, as e-mails underline one
    text = UNDERLINED_LINE.sub(r"<b>\1</b>\2", text)
    # '<span style="font-weight:bold">1. Priority levels</span>' (OneNote, Outlook): bold, as <b> is
    text = STYLED_BOLD.sub(r"<b>\1</b>", text)
    text = re.sub(r"</?(strong|b)>", "**", text, flags=re.IGNORECASE)
    text = re.sub(r"</?(em|i)>", "*", text, flags=re.IGNORECASE)
    text = re.sub(r"</?code>", "`", text, flags=re.IGNORECASE)
    # a link into the exported page itself ('#cmnt1', a comment footnote) has nowhere to go on the site
    text = re.sub(r'<a\s+[^>]*href="#[^"]*"[^>]*>(.*?)</a>', r"\1", text, flags=re.IGNORECASE)
    text = re.sub(r'<a\s+[^>]*href="([^"]+)"[^>]*>(.*?)</a>', r"[\2](\1)", text, flags=re.IGNORECASE)
    text = re.sub(r"<br\s*/?>", " ", text, flags=re.IGNORECASE)
    # '<p>a</p><p>b</p>' on one line: two blocks a reader sees apart, never the words 'ab'
    text = BLOCK_END.sub(" ", text)
    text = HTML_TAG.sub("", text)
    return html.unescape(text).replace("\xa0", " ")   # '020&nbsp;7946&nbsp;0517': the spaces a reader sees


def rewrite(lines: list[str]) -> Rewritten:
    out = Rewritten(list(lines))
    out.original = list(lines)
    start = _front_matter(out)
    if is_storage(out.lines):   # a Confluence page's storage format: its macros and links as plain HTML
        rewrite_storage(out.lines)
    fenced = fenced_lines(lines)
    if not is_word(lines) and inline_class_styles(out.lines, set(range(start)) | fenced):   # Google Docs' HTML
        fenced = fenced_lines(out.lines)
    if toggle_sections(out.lines, set(range(start)) | fenced):
        fenced = fenced_lines(out.lines)
    if pdf_layout(out.lines, out.hidden, set(range(start)) | fenced):
        fenced = fenced_lines(out.lines)
    word: set[int] = set()   # lines Word's paragraphs were written on, as Markdown
    if is_word(lines):
        word = rewrite_word(out.lines, out.attached, out.hidden, out.shown, out.code, out.breaks,
                            set(range(start)) | fenced)
        fenced = fenced_lines(out.lines)
    if is_sheets(lines):
        rewrite_sheets(out.lines, out.attached, set(range(start)) | fenced)
    if html_code_blocks(out.lines, out.attached, set(range(start)) | fenced, out.code):
        fenced = fenced_lines(out.lines)
    html_split_headings(out.lines, out.attached, set(range(start)) | fenced)
    details_sections(out.lines, out.original, out.attached, set(range(start)) | fenced)
    plain = not word and not has_markdown_heading(lines, set(range(start)) | fenced)
    if plain:   # a word processor's table saved as text, a cell a line
        cell_lines(out.lines, out.attached, set(range(start)) | fenced)
    if not word:
        if not outline_numbers(out.lines, set(range(start)) | fenced):
            typeset_headings(out.lines, set(range(start)) | fenced)
        tab_lists(out.lines, set(range(start)) | fenced, out.breaks)
        outline_headings(out.lines, set(range(start)) | fenced)
        lettered_steps(out.lines, set(range(start)) | fenced)
        character_underlines(out.lines, out.attached, set(range(start)) | fenced)
        framed_headings(out.lines, out.attached, set(range(start)) | fenced)
        spaced_entries(out.lines, set(range(start)) | fenced)
        numbered_paragraphs(out.lines, set(range(start)) | fenced)
        lettered_runs(out.lines, set(range(start)) | fenced, out.breaks)
        phone_lines(out.lines, set(range(start)) | fenced)
        hanging_ids(out.lines, set(range(start)) | fenced)
        spaced_phones(out.lines, set(range(start)) | fenced)
        typed_tasks(out.lines, set(range(start)) | fenced)
        level_lines(out.lines, set(range(start)) | fenced)
        step_lines(out.lines, set(range(start)) | fenced)
    if plain:
        dedent_parts(out.lines, set(range(start)) | fenced)
    out.lines = fence_indented_code(out.lines, set(range(start)) | fenced | word)
    code = fenced_lines(out.lines)   # (indented_commands blanks lines: no fence moves)
    if not word:
        indented_commands(out.lines, out.code, code | set(range(start)))
    skip = code | set(range(start))
    numbered_headings(out.lines, skip)   # before the cheat sheet's: '2. INCIDENT LEVELS' numbers the document
    if plain:
        dedent_parts(out.lines, skip)   # the parts of headings written only now
        bracket_numbered_titles(out.lines, skip)
        lettered_titles(out.lines, skip)
    cheat_sheet(out.lines, skip)
    numbered_subheadings(out.lines, skip)
    clause_runs(out.lines, skip)
    hanging_terms(out.lines, skip)
    out.lines = draw_tables(out.lines, skip)
    side_terms(out.lines, skip)
    drawn_chains(out.lines, out.attached, skip)
    dot_leaders(out.lines, out.attached, skip)
    join_broken_tags(out.lines, out.attached, skip)
    unwrap_layout_tables(out.lines, skip)
    split_sheets(out.lines, out.attached, skip)
    in_table, admonition, hidden, caption = False, None, "", ""
    for i in range(start, len(lines)):
        caption = _caption(out, i, caption)
        if i in code:
            continue
        line = lines[i]
        hidden = _hidden(out, i, hidden)
        if line.strip() and not out.lines[i].strip():
            continue
        line = out.lines[i]
        if "<" in line and TABLE_OPEN.search(line):
            in_table = True
        if in_table:
            in_table = not TABLE_CLOSE.search(line)
            continue
        admonition = _line(out, i, line, admonition)
    escaped_items(out.lines, skip)
    drawn_bullets(out.lines, skip)
    shortcode_bullets(out.lines, skip)
    bold_headings(out.lines, skip, out.breaks)
    if plain:
        colon_titles(out.lines, skip)
    return out


# What any rewrite of _line but _setext needs in its line: a tag, an entity, a quote, a wiki link, a
# callout, a highlight, an inline field, an admonition, a definition.
MARKUP = re.compile(r"[<>&]|\[[\[!]|==|::|!!!|\?\?\?|^:")


def _line(out: Rewritten, i: int, line: str, admonition):
    """Line ``i`` (outside code and HTML tables) rewritten; returns the admonition open after it."""
    if admonition is None and not MARKUP.search(line) and (i == 0 or "<" not in out.original[i - 1]):
        _setext(out, i)   # plain words, or an underline
        return None
    line = out.lines[i] = note_syntax(line)
    _comment_breaks(out, i, line)
    admonition = _admonition(out, i, admonition)
    if admonition is not None and (i + 1) in out.asides:
        return admonition
    _html(out, i)
    callout(out, i)
    _quote(out, i)
    _setext(out, i)
    _definition(out, i)
    return admonition


def _caption(out: Rewritten, i: int, caption: str) -> str:
    """The <summary> of the <details> line ``i`` is in (recorded for it), or ''."""
    line = out.original[i]
    if "<" not in line:   # no tag: the caption carries on
        if caption:
            out.captions[i + 1] = caption
        return caption
    summary = SUMMARY.match(line)
    if summary:
        caption = inline_html(summary.group(1)).strip()
    elif DETAILS_OPEN.match(line):
        caption = ""
    if caption:
        out.captions[i + 1] = caption
    return "" if DETAILS_CLOSE.search(line) else caption


def _hidden(out: Rewritten, i: int, hidden: str) -> str:
    """Blank what line ``i`` has of a <head>, <style> or <script> block (a reader never sees
    them); return the element still open after it, or ''."""
    line = out.lines[i]
    if not hidden and "<" not in line:   # no tag opens here
        return ""
    opened = None if hidden else HIDDEN_OPEN.search(line)
    name = hidden or (opened.group(1).lower() if opened else "")
    if not name:
        return ""
    before = line[:opened.start()] if opened else ""
    start = opened.end() if opened else 0
    closed = re.search(rf"</{name}\s*>", line[start:], re.IGNORECASE)
    after = line[start + closed.end():] if closed else ""
    kept = before + after
    out.lines[i] = kept if kept.strip() and not _only_tags(kept) else ""
    if not out.lines[i]:
        out.hidden.add(i + 1)
    return "" if closed else name


def _front_matter(out: Rewritten) -> int:
    """YAML front matter between '---' lines, or TOML ('key = "value"') between '+++' lines (Hugo)."""
    lines = out.lines
    if not lines or lines[0].strip() not in ("---", "+++"):
        return 0
    toml = lines[0].strip() == "+++"
    key = TOML_KEY if toml else FRONT_KEY
    ends = ("+++",) if toml else ("---", "...")
    end = next((i for i in range(1, min(len(lines), 80)) if lines[i].strip() in ends), None)
    if end is None or not all(key.match(l) or l.startswith((" ", "-")) or not l.strip() for l in lines[1:end]):
        return 0
    for i in range(1, end):
        match = key.match(lines[i])
        if match:
            out.meta[match.group(1).lower()] = (match.group(2).strip().strip("'\""), i + 1)
        lines[i] = ""
    first = min((line for _, line in out.meta.values()), default=1)
    lines[0] = lines[end] = ""
    out.attached[1] = out.attached[end + 1] = first
    return end + 1


def _admonition(out: Rewritten, i: int, current: tuple[int, str, int] | None):
    """'!!! warning "Title"' and its indented body: a label 'Title' (or 'Warning') with paragraphs."""
    line = out.lines[i]
    match = ADMONITION.match(line) if "!!!" in line or "???" in line else None
    if match:
        indent = len(match.group(1))
        kind = match.group(2).lower()
        title = match.group(3) if match.group(3) is not None else kind.capitalize()
        out.lines[i] = f"{' ' * indent}**{title or kind.capitalize()}**"
        out.asides[i + 1] = kind
        return (i + 1, kind, indent)
    if current is None:
        return None
    label, kind, indent = current
    if not line.strip():
        return current
    if len(line) - len(line.lstrip()) >= indent + 4:
        out.lines[i] = line[indent + 4:] if line[:indent + 4].strip() == "" else line.strip()
        out.asides[i + 1] = kind
        return current
    return None


BLOCK_OPEN = re.compile(r"^\s*<(p|div|h[1-6]|section|article|header|footer|aside|nav|main|table|ul|ol|dl|pre|"
                        r"blockquote|details|figure|hr)\b", re.IGNORECASE)
BLOCK_CLOSE = re.compile(r"</(p|div|h[1-6]|section|article|header|footer|aside|nav|main|table|ul|ol|dl|pre|"
                         r"blockquote|details|figure)\s*>\s*$|<hr\b[^>]*>\s*$", re.IGNORECASE)


LINE_BREAK_END = re.compile(r"\S.*<br\s*/?>\s*$", re.IGNORECASE)
DEFINITION_ROW = re.compile(r"^\s*<dt\b[^>]*>(.*?)</dt>\s*(?:<dd\b[^>]*>(.*?)</dd>)?\s*$", re.IGNORECASE)


def _html(out: Rewritten, i: int) -> None:
    line = out.lines[i]
    if "<" in line or (i > 0 and "<" in out.original[i - 1]):   # only a tag here or above breaks
        _html_breaks(out, i, line)
    if "<" not in line and "&" not in line:
        return
    heading = HTML_HEADING.match(line)
    item = html_lists.item(out.lists, line)
    summary = SUMMARY.match(line)
    term = DEFINITION_ROW.match(line)
    if term:   # '<dt>Imogen Hartley — Head of Platform</dt><dd>+44 20 7946 0213</dd>': a term and what it says
        name, text = (inline_html(part or "").strip() for part in term.groups())
        if text and PHONE_ANY.match(text):   # a name (and role) over a number: a phone list's dashed line
            out.lines[i] = f"- {name} — {text}"
        else:
            out.lines[i] = f"- **{name}**: {text}" if text else f"**{name}**:"
    elif heading:
        out.lines[i] = "#" * int(heading.group(1)) + " " + inline_html(heading.group(2)).strip()
    elif summary:
        out.lines[i] = f"**{inline_html(summary.group(1)).strip()}**"
    elif WRAPPER.match(line) or _only_tags(line):
        html_lists.track(out.lists, line)
        out.lines[i] = ""
        _attach(out, i, forward=not line.strip().startswith("</"))
    elif item:
        out.lines[i] = f"{item[0]}{item[1]}{inline_html(item[2]).strip()}"
    elif (HTML_TAG.search(line) or re.search(r"&[a-z]+;|&#\d+;", line)) and not line.lstrip().startswith("<!--"):
        out.lines[i] = inline_html(line)
        lead = bold_lead(line, inline_html)
        if lead:
            out.leads[i + 1] = lead
    if out.lines[i].strip() and out.lines[i] != line:
        out.shown[i + 1] = out.lines[i]


def _html_breaks(out: Rewritten, i: int, line: str) -> None:
    # '<p>a</p>' then '<div>b</div>': two blocks a reader sees apart, never one wrapped paragraph
    if BLOCK_OPEN.match(line) or (i > 0 and BLOCK_CLOSE.search(out.original[i - 1])):
        out.breaks.add(i + 1)
    if LINE_BREAK_END.search(line):   # '<b>Level 1</b> - ...<br>': the next line is a line of its own
        out.breaks.add(i + 2)


def _comment_breaks(out: Rewritten, i: int, line: str) -> None:
    """An HTML comment is a block of its own: the text after it is never joined to it (CommonMark)."""
    if "--" not in line:
        return
    if line.lstrip().startswith("<!--"):
        out.breaks.add(i + 1)
    if line.rstrip().endswith("-->"):
        out.breaks.add(i + 2)


def _only_tags(line: str) -> bool:
    """'<p class="c1"><span class="c0"></span></p>': HTML elements and nothing a reader sees."""
    if not TAG_ONLY.fullmatch(line) or line.lstrip().startswith("<!--"):
        return False
    tags = re.findall(r"</?[A-Za-z][\w-]*\b[^>]*>", line)
    return all(HTML_TAG.fullmatch(tag) or WRAPPER.match(tag) for tag in tags)


def _attach(out: Rewritten, i: int, forward: bool) -> None:
    """A blanked markup line belongs to the next (opening tag) or previous (closing tag) content line."""
    step = 1 if forward else -1
    j = i + step
    while 0 <= j < len(out.lines) and not out.lines[j].strip():
        j += step
    if 0 <= j < len(out.lines):
        out.attached[i + 1] = out.attached.get(j + 1, j + 1)


def _quote(out: Rewritten, i: int) -> None:
    match = QUOTE.match(out.lines[i]) if ">" in out.lines[i] else None
    if not match:
        return
    out.quoted.add(i + 1)
    out.lines[i] = match.group(1)
    if not match.group(1).strip():
        _attach(out, i, forward=False)


def _setext(out: Rewritten, i: int) -> None:
    """'Title' over '=====' (h1) or '-----' (h2), after a blank line or at the start."""
    line = out.lines[i]
    if i == 0 or ("=" not in line and "-" not in line) or not SETEXT.match(line):
        return
    text = out.lines[i - 1]
    before = out.lines[i - 2] if i >= 2 else ""
    closed_fence = re.fullmatch(r"\s*(?:`{3,}|~{3,})\s*", before)   # a code block ends right above it
    # ('7.1  Purpose' over '-----': a numbered title is text; '1. item' over '---' is a list and a rule)
    numbered = bool(re.match(r"^\s{0,3}\d", text)) and (not re.match(r"^\s{0,3}\d{1,9}[.)](?:\s|$)", text)
                                                       or _drawn_to_length(text, line))
    if not text.strip() or not (PLAIN_TEXT.match(text) or numbered) or (before.strip() and not closed_fence) \
            or (i - 1) in out.attached:
        return
    level = 1 if out.lines[i].strip().startswith("=") else 2
    out.lines[i - 1] = "#" * level + " " + text.strip()
    out.lines[i] = ""
    out.attached[i + 1] = i


def _drawn_to_length(text: str, underline: str) -> bool:
    """'2. MAIL QUEUE STUCK' over a line of '-' as long as it: a numbered title underlined, not a list item
    and a rule (a rule is not drawn to the item's length)."""
    words = text.strip()
    return len(underline.strip()) >= 8 and abs(len(underline.strip()) - len(words)) <= 2 and not words.endswith((".", ":"))


def _definition(out: Rewritten, i: int) -> None:
    """'Term' over ': what it means' (a definition list): the label '**Term**:' and its text."""
    match = DEFINITION.match(out.lines[i]) if out.lines[i][:1] == ":" else None
    if not match or i == 0:
        return
    if _another_definition(out, i):   # a term's second ': ...': an item of its own, never glued to the first
        key = re.match(r"^([A-Z][\w /-]{0,30}):\s+(\S.*)$", match.group(1))
        out.lines[i] = f"- **{key.group(1)}**: {key.group(2)}" if key else f"- {match.group(1)}"
        out.defined.add(i)
        return
    term = out.lines[i - 1].strip()
    if term and PLAIN_TEXT.match(term) and len(term.split()) <= 6 and not term.endswith((".", ":")):
        out.lines[i - 1] = f"**{term}**:"
    if out.lines[i - 1].startswith("**"):
        out.lines[i] = match.group(1)
        out.defined.update((i - 1, i))


def _another_definition(out: Rewritten, i: int) -> bool:
    """Line i follows a definition of the same term (its wrapped lines are indented)."""
    j = i - 1
    while j >= 0 and out.lines[j].strip() and j not in out.defined and out.lines[j][:1] in (" ", "\t"):
        j -= 1
    return j >= 0 and j in out.defined and not out.lines[j].startswith("**")


def attach_rules(root, lines: list[str], attached: dict[int, int]) -> None:
    """A '---' between sections is markup, not text: it goes with the line after it (at the end of
    a file, the one before), structured where that line is and shown beside it where it is not."""
    for block in root.all_blocks():
        if block.kind != "rule":
            continue
        number = block.lines[0]
        after = (m for m in range(number + 1, len(lines) + 1) if lines[m - 1].strip() and not RULE.match(lines[m - 1]))
        before = (m for m in range(number - 1, 0, -1) if lines[m - 1].strip() and not RULE.match(lines[m - 1]))
        owner = next(after, None) or next(before, None)
        if owner is not None:
            attached.setdefault(number, owner)
