"""Microsoft Word's HTML ("Save as Web Page" and "Web Page, Filtered"), rewritten line for line
into the Markdown the parser reads.

Word writes every paragraph as ``<p class=MsoNormal>``, wrapped over several source lines at
about 80 columns (inside a tag too), with ``<o:p></o:p>`` and other namespaced tags (``<w:..>``,
``<v:..>``, ``<st1:..>``), ``<span lang=EN-GB>`` wrappers and ``&nbsp;``. It writes *every* list
as paragraphs whose bullet or number is text, drawn in a downlevel-revealed conditional comment:

    <p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level2 lfo1'>
    <![if !supportLists]><span style='mso-list:Ignore'>a.<span style='font:7.0pt "Times New
    Roman"'>&nbsp;&nbsp; </span></span><![endif]>Restart the service<o:p></o:p></p>

which is the item ``  1. Restart the service`` (the level from ``mso-list:l0 level2``; the filtered
export drops the comment and the ``mso-list`` style, and the level is then the paragraph's left
margin, 36pt a level). Headings are ``<h1>``..``<h6>``, ``class=MsoTitle`` or ``MsoHeading7``;
a paragraph wholly bold and short, as Word users title the parts of a section, is a heading one
level below the section's. Commands are paragraphs in a code style (``class=Code``, a class the
style sheet sets in Consolas, or text all in a monospace font): a run of them is one code block,
given to the parser as ``code`` (no line is free for a fence) and put in the tree after parsing.

Each paragraph's text goes on its first line, the lines it was wrapped over are blank and
attached to it; an empty paragraph (``<o:p>&nbsp;</o:p>``) is a gap, hidden; the ``<head>``, its style
sheet, Word's ``<!--[if gte mso 9]><xml>`` blocks and the page's own tags (``<html xmlns:v=...>``,
``<body>``, ``<div class=WordSection1>``) are hidden. A wrapped line's ``shown`` is '': notes show
its text on the paragraph's first line. A paragraph cut by a soft line break (a line ending in
``<br>``) is two lines. Tables are left to the HTML reader, without namespaced tags and conditional
comments, a cell's paragraphs kept apart; a one-line ``<pre>`` (the 'HTML Preformatted' style) is
a command, a longer one left to html_code.
"""
from __future__ import annotations

import html
import re

from .mdparse import Block, Section

WORD_SIGN = re.compile(r"urn:schemas-microsoft-com:office:word|content=Word\.Document|content=\"?Microsoft Word",
                       re.IGNORECASE)
MSO_CLASS = re.compile(r"\bclass=[\"']?Mso[A-Z]")
NAMESPACED = re.compile(r"</?[A-Za-z][\w-]*:[\w.-]+\b[^<>]*/?>")
# a field's code ('TOC \\o "1-3" \\h', 'PAGEREF _Toc1 \\h'): what Word computes its text from, not the text
FIELD_CODE = re.compile(r"<!\[if\s+supportFields\]>.*?<!\[endif\]>", re.IGNORECASE | re.DOTALL)
REVEALED = re.compile(r"<!\[if\s[^\]]*\]>|<!\[endif\]>", re.IGNORECASE)
LIST_MARK = re.compile(r"<!\[if\s+!supportLists\]>(.*?)<!\[endif\]>", re.IGNORECASE | re.DOTALL)
# a downlevel-hidden conditional comment (only Word reads it) or any other comment, on one line
INLINE_HIDDEN = re.compile(r"<!--\[if\s[^\]]*\]>.*?<!\[endif\]-->|<!--.*?-->", re.DOTALL)
HIDDEN_START = re.compile(r"<!--\[if\s[^\]]*\]>|<xml\b|<head\b|<style\b|<script\b", re.IGNORECASE)
HIDDEN_END = {"<!--": re.compile(r"<!\[endif\]-->|-->"), "<xml": re.compile(r"</xml\s*>", re.I),
              "<head": re.compile(r"</head\s*>", re.I), "<style": re.compile(r"</style\s*>", re.I),
              "<script": re.compile(r"</script\s*>", re.I)}
PARA_OPEN = re.compile(r"^\s*<(p|h[1-6])\b([^>]*)>", re.IGNORECASE)
TABLE_OPEN = re.compile(r"<table\b", re.IGNORECASE)
TABLE_CLOSE = re.compile(r"</table\s*>", re.IGNORECASE)
PRE_OPEN = re.compile(r"<pre\b", re.IGNORECASE)
PRE_CLOSE = re.compile(r"</pre\s*>", re.IGNORECASE)
CLASS = re.compile(r"""\bclass\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
STYLE = re.compile(r"""\bstyle\s*=\s*(?:'([^']*)'|"([^"]*)")""", re.IGNORECASE)
MSO_LIST = re.compile(r"mso-list:\s*l(\d+)\s+level(\d+)", re.IGNORECASE)
MARGIN = re.compile(r"margin-left:\s*(-?[\d.]+)pt", re.IGNORECASE)
# Word's gap after a drawn bullet: a span in 7pt Times New Roman of non-breaking spaces
SPACER = re.compile(r"""<span\b[^>]*font:\s*[\d.]+pt\s+["']?Times New Roman["']?[^>]*>""", re.IGNORECASE)
MONO = re.compile(r"font-family:\s*[\"']?(?:Consolas|Courier New|Courier|Lucida Console|Lucida Sans Typewriter|"
                  r"Menlo|Monaco|Source Code Pro|Cascadia \w+|Fira Code|DejaVu Sans Mono|Andale Mono|monospace)\b",
                  re.IGNORECASE)
CODE_CLASS = re.compile(r"code|command|console|terminal|snippet|shell|preformatted", re.IGNORECASE)
STYLE_RULE = re.compile(r"((?:[\w.-]+\s*,\s*)*[\w.-]+)\s*\{([^{}]*)\}")
TOKEN = re.compile(r"<[^<>]*>|[^<]+|<")
BULLETS = "·•o§▪■□◦‣-–—*➢Øü✓✔►>"
NUMBER = re.compile(r"^\(?(\d+(?:\.\d+)*|[a-zA-Z]|[ivxlcdmIVXLCDM]+)[.)]?$")


def is_word(lines: list[str]) -> bool:
    """Word's HTML: Word's namespace or generator near the top (Outlook's mail too), or a page
    whose paragraphs are Word's (three 'class=MsoNormal' and its '<o:p>' or list styles)."""
    head = "\n".join(lines[:200])
    if WORD_SIGN.search(head):
        return True
    text = "\n".join(lines[:2000])
    return len(MSO_CLASS.findall(text)) >= 3 and bool(re.search(r"<o:p>|mso-list:", text, re.IGNORECASE))


def rewrite_word(lines: list[str], attached: dict[int, int], hidden: set[int], shown: dict[int, str],
                 code: dict[int, str], breaks: set[int], skip: set[int]) -> set[int]:
    """Rewrite Word's paragraphs of ``lines`` in place (``attached``, ``hidden``, ``shown`` and
    ``breaks`` are 1-based, as in dialects.Rewritten); a command paragraph's line -> its text goes
    in ``code``. A wrapped line shows nothing of its own (``shown`` is ''): its text is on the
    paragraph's first line. Returns the lines (0-based) written as Markdown: a list item nested
    three deep is indented four spaces, and is no indented code block."""
    written: set[int] = set()
    code_classes = _code_classes(lines)
    hidden_lines = _hidden_ranges(lines, skip)
    for k in hidden_lines:
        lines[k] = ""
        hidden.add(k + 1)
    titled = any(re.search(r"<p\b[^>]*class=[\"']?MsoTitle\b", line, re.IGNORECASE) for line in lines)
    counters: dict[tuple[int, int], int] = {}
    heading = 0          # the level of the heading the text is under
    i, depth, pre = 0, 0, False
    while i < len(lines):
        line = lines[i]
        if i in skip or i in hidden_lines or not line.strip():
            i += 1
            continue
        one_pre = re.match(r"^\s*<pre\b[^>]*>(.*)</pre\s*>\s*$", line, re.IGNORECASE)
        if one_pre and not depth and not pre:   # Word's 'HTML Preformatted' paragraph: a command
            command = _text(NAMESPACED.sub("", one_pre.group(1)), emphasis=False, keep_space=True)
            lines[i] = ""
            if command.strip():
                code[i + 1] = shown[i + 1] = command
            else:
                hidden.add(i + 1)
            i += 1
            continue
        if depth or pre or TABLE_OPEN.search(line) or PRE_OPEN.search(line):
            depth = max(0, depth + len(TABLE_OPEN.findall(line)) - len(TABLE_CLOSE.findall(line)))
            pre = (pre or bool(PRE_OPEN.search(line))) and not PRE_CLOSE.search(line)
            lines[i] = _cell_paragraphs(_strip(LIST_MARK.sub(_cell_marker, line))) if depth else _strip(line)
            if depth and re.search(r"</p\s*>\s*$", lines[i], re.IGNORECASE) and i + 1 < len(lines) \
                    and re.match(r"^\s*<p\b", lines[i + 1], re.IGNORECASE):
                # the cell's next paragraph is on the next line: a line of its own
                lines[i] = re.sub(r"(</p\s*>\s*)$", r"<br>\1", lines[i], flags=re.IGNORECASE)
            i += 1
            continue
        page = _page_markup(lines, i)
        if page is not None:   # '<html xmlns:v=...' over five lines, '<div class=WordSection1>': nothing shown
            for k in range(i, page + 1):
                lines[k] = ""
                hidden.add(k + 1)
            i = page + 1
            continue
        tag = re.match(r"^\s*<(p|h[1-6])\b", line, re.IGNORECASE)
        end = _para_end(lines, i, tag.group(1), skip | hidden_lines) if tag else None
        markup = " ".join(lines[k].strip() for k in range(i, end + 1)) if end is not None else ""
        opened = PARA_OPEN.match(markup)
        if opened is None:
            lines[i] = _strip(line)
            i += 1
            continue
        text, kind, level = _paragraph(markup, opened, code_classes, counters, titled, heading)
        parts = _soft_breaks(lines, i, end) if kind == "para" else []
        if len(parts) > 1:
            text = _paragraph(parts[0][1], opened, code_classes, counters, titled, heading)[0]
        if kind == "heading":
            heading = level
        for k in range(i + 1, end + 1):
            lines[k] = ""
            attached[k + 1] = i + 1
            shown[k + 1] = ""
        if len(parts) > 1:   # a soft line break: the text after it is a line of its own
            for start, part in parts[1:]:
                more = _text(REVEALED.sub("", NAMESPACED.sub("", INLINE_HIDDEN.sub("", part))))
                if more:
                    lines[start] = shown[start + 1] = more
                    written.add(start)
                    del attached[start + 1]
                    breaks.add(start + 1)
                    for k in range(start + 1, end + 1):
                        attached[k + 1] = start + 1
        if not text:      # an empty paragraph ('<o:p>&nbsp;</o:p>'): a gap, nothing a reader sees
            lines[i] = ""
            last = next((start for start, _ in parts[1:] if lines[start].strip()), end + 1)
            hidden.update(range(i + 1, last + 1))
        elif kind == "code":
            lines[i] = ""
            code[i + 1] = text
            shown[i + 1] = text
        else:
            lines[i] = text
            shown[i + 1] = text
            written.add(i)
        i = end + 1
    return written


def _soft_breaks(lines: list[str], start: int, end: int) -> list[tuple[int, str]]:
    """The paragraph's markup cut where a line ends in '<br>' (Word's soft line break, Shift+Enter):
    (first line, markup) of each part, the first with the paragraph's own tag; emphasis open at a
    cut is closed before it and opened again after it."""
    cuts = [k + 1 for k in range(start, end) if re.search(r"<br\b[^>]*>\s*$", lines[k], re.IGNORECASE)]
    bounds = [start] + cuts + [end + 1]
    parts, carried = [], ""
    for a, b in zip(bounds, bounds[1:]):
        markup = carried + " ".join(lines[k].strip() for k in range(a, b))
        still = _open_emphasis(markup)
        parts.append((a, markup + "".join(f"</{t}>" for t in reversed(still))))
        carried = "".join(f"<{t}>" for t in still)
    return parts


def _open_emphasis(markup: str) -> list[str]:
    stack: list[str] = []
    for match in re.finditer(r"<(/?)(b|strong|i|em)\b[^>]*>", markup, re.IGNORECASE):
        name = match.group(2).lower()
        if not match.group(1):
            stack.append(name)
        elif name in stack:
            del stack[len(stack) - 1 - stack[::-1].index(name):]
    return stack


PAGE_TAG = re.compile(r"</?(?:html|body|div|span|font|center|[A-Za-z][\w-]*:[\w.-]+)\b[^<>]*>", re.IGNORECASE)


def _page_markup(lines: list[str], start: int) -> int | None:
    """The last line of a run of the page's own tags that opens line ``start`` (the <html> and
    <body> tags, Word's section <div>s, over up to ten lines), or None when the line has more."""
    if not re.match(r"^\s*</?(?:html|body|div)\b", lines[start], re.IGNORECASE):
        return None
    for end in range(start, min(len(lines), start + 10)):
        markup = " ".join(lines[k].strip() for k in range(start, end + 1))
        if not re.search(r"<[^<>]*$", markup):   # every tag closed
            return end if not PAGE_TAG.sub("", _strip(markup)).strip() else None
    return None


def _cell_marker(match: re.Match) -> str:
    """A list paragraph's drawn marker in a table cell: a bullet as '•', a number as written."""
    mark = _plain(match.group(1))
    return "" if not mark else ("• " if len(mark) == 1 and mark in BULLETS else mark + " ")


def _cell_paragraphs(line: str) -> str:
    """Paragraphs one after another in a cell ('</p><p class=MsoNormal>') are lines a reader sees
    apart: a line break between them, never their words run together."""
    return re.sub(r"(</p\s*>)(\s*<p\b)", r"<br>\1\2", line, flags=re.IGNORECASE)


def _strip(line: str) -> str:
    return REVEALED.sub("", NAMESPACED.sub("", INLINE_HIDDEN.sub("", FIELD_CODE.sub("", line))))


def _hidden_ranges(lines: list[str], skip: set[int]) -> set[int]:
    """Lines of the head, style sheets, scripts, Word's <xml> blocks and downlevel-hidden comments,
    when nothing else is on them. One left open hides nothing: its text stays text."""
    out: set[int] = set()
    i = 0
    while i < len(lines):
        start = HIDDEN_START.search(lines[i]) if i not in skip else None
        if start is None or lines[i][:start.start()].strip():
            i += 1
            continue
        key = next(k for k in HIDDEN_END if start.group(0).lower().startswith(k))
        end = None
        for j in range(i, min(len(lines), i + 3000)):
            closing = HIDDEN_END[key].search(lines[j], start.end() if j == i else 0)
            if closing:
                end = (j, closing.end())
                break
        if end is None:
            i += 1
            continue
        j, after = end
        if lines[j][after:].strip():   # '<![endif]--><![if !vml]><img ...>': what follows is the page's
            if j > i:
                out.update(range(i, j))
                lines[j] = lines[j][after:]
            i = j if j > i else i + 1
            continue
        out.update(range(i, j + 1))
        i = j + 1
    return out


def _para_end(lines: list[str], start: int, tag: str, skip: set[int]) -> int | None:
    """The line closing the paragraph opened on line ``start``, if nothing but markup follows it
    there and no other block opens before it; None for a paragraph that is not Word's shape."""
    close = re.compile(rf"</{tag}\s*>", re.IGNORECASE)
    for j in range(start, min(len(lines), start + 80)):
        if j in skip or (j > start and re.search(r"<(?:p|h[1-6]|table|div|ul|ol|li|pre)\b", lines[j], re.I)):
            return None
        found = close.search(lines[j])
        if found:
            rest = lines[j][found.end():]
            return j if not re.sub(r"</?(?:div|span|o:p|body|html|font)\b[^>]*>", "", rest).strip() else None
    return None


def _code_classes(lines: list[str]) -> set[str]:
    """Paragraph styles the style sheet sets in a monospace font (Word's own 'Plain Text' aside)."""
    sheet = "\n".join(lines[:1500])
    found = re.search(r"<style\b[^>]*>(.*?)</style\s*>", sheet, re.IGNORECASE | re.DOTALL)
    out: set[str] = set()
    for selectors, body in STYLE_RULE.findall(found.group(1) if found else ""):
        if not MONO.search(body):
            continue
        for selector in selectors.split(","):
            name = selector.strip().split(".", 1)[1] if "." in selector else ""
            if name and not name.lower().startswith("mso"):
                out.add(name.lower())
    return out


def _paragraph(markup: str, opened: re.Match, code_classes: set[str], counters: dict, titled: bool,
               heading: int) -> tuple[str, str, int]:
    """(Markdown text, kind, level) of one Word paragraph: kind is heading, title (a bold paragraph
    read as a heading), item, code or para."""
    tag, attrs = opened.group(1).lower(), opened.group(2)
    cls = CLASS.search(attrs)
    cls = cls.group(1) if cls else ""
    style = STYLE.search(attrs)
    style = (style.group(1) or style.group(2) or "") if style else ""
    inner = markup[opened.end():]
    inner = re.sub(rf"</{tag}\s*>.*$", "", inner, flags=re.IGNORECASE | re.DOTALL)
    inner = NAMESPACED.sub("", INLINE_HIDDEN.sub("", inner))
    inner = FIELD_CODE.sub("", inner)
    marker, inner = _marker(inner, cls, style)
    inner = REVEALED.sub("", inner)
    headed = tag.startswith("h") or re.fullmatch(r"MsoTitle|MsoHeading[1-9]", cls, re.IGNORECASE)
    if marker is not None and not headed:
        return _item(marker, inner, style, cls, counters)
    if headed:   # a heading numbered by Word's outline list keeps its number as drawn: '2.1 Contacts'
        level = int(tag[1]) + int(titled) if tag.startswith("h") else \
            1 if cls.lower() == "msotitle" else int(cls[-1]) + int(titled)
        text = " ".join(part for part in (marker, _text(inner, emphasis=False)) if part)
        return ("#" * min(level, 6) + " " + text if text else "", "heading", min(level, 6))
    if CODE_CLASS.search(cls) or cls.lower() in code_classes or _all_mono(inner):
        return _text(inner, emphasis=False, keep_space=True, links=False), "code", 0
    text = _text(inner)
    if text and _wholly_bold(inner) and _title_like(text):
        level = min(max(heading + 1, 2), 6)
        return "#" * level + " " + _text(inner, emphasis=False), "title", level
    return text, "para", 0


def _marker(inner: str, cls: str, style: str) -> tuple[str | None, str]:
    """The drawn bullet or number of a list paragraph and the paragraph without it."""
    found = LIST_MARK.search(inner)
    if found and not _plain(inner[:found.start()]):
        return _plain(found.group(1)), inner[:found.start()] + inner[found.end():]
    ignore = re.search(r"<span\b[^>]*mso-list:\s*Ignore[^>]*>", inner, re.IGNORECASE)
    spacer = SPACER.search(inner)
    listed = "mso-list" in style.lower() or cls.lower().startswith("msolist") or \
        bool(re.search(r"text-indent:\s*-", style, re.IGNORECASE))
    at = ignore or (spacer if listed else None)
    if at is None:
        return None, inner
    end = _span_end(inner, spacer.start()) if spacer and spacer.start() >= at.start() else None
    if end is None or (at is ignore and _plain(inner[:at.start()])):
        return None, inner   # text before Word's 'mso-list:Ignore' span: not a drawn marker
    mark = _plain(inner[:end])
    if not mark or len(mark) > 8:
        return None, inner
    return mark, inner[end:]


def _span_end(inner: str, start: int) -> int | None:
    """Where the span opened at ``start`` closes (spans nest)."""
    depth = 0
    for match in re.finditer(r"<(/?)span\b[^>]*>", inner[start:], re.IGNORECASE):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            # the spans that held the marker close too: 'mso-list:Ignore' and its font span
            rest = start + match.end()
            while True:
                more = re.match(r"\s*</span\s*>", inner[rest:], re.IGNORECASE)
                if not more:
                    return rest
                rest += more.end()
    return None


def _item(marker: str, inner: str, style: str, cls: str, counters: dict) -> tuple[str, str, int]:
    listed = MSO_LIST.search(style)
    if listed:
        number, level = int(listed.group(1)), int(listed.group(2))
    else:
        margin = MARGIN.search(style)
        points = float(margin.group(1)) if margin else 36.0 if cls.lower().startswith("msolist") else 0.0
        number, level = -1, max(1, round(points / 36.0))
    for key in [k for k in counters if k[0] == number and k[1] > level]:
        del counters[key]
    mark = marker.replace("\xa0", " ").strip()
    numbered = NUMBER.match(mark) if not (len(mark) == 1 and mark in BULLETS) else None   # 'o': Word's bullet
    counters[(number, level)] = counters.get((number, level), 0) + 1 if numbered else 0
    if numbered:
        digits = re.findall(r"\d+", numbered.group(1))
        prefix = f"{int(digits[-1]) if digits else counters[(number, level)]}. "
    else:
        prefix = "- "
    text = _text(inner)
    return ("  " * (level - 1) + prefix + text if text else "", "item", level)


def _plain(markup: str) -> str:
    """The text a reader sees of some markup, spaces collapsed."""
    text = html.unescape(re.sub(r"<[^<>]*>", "", REVEALED.sub("", markup)))
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def _runs(inner: str):
    """(text, bold, monospace) runs of a paragraph's markup, spans and emphasis tracked as they nest."""
    stack: list[tuple[str, bool, bool]] = []
    for token in TOKEN.findall(inner):
        if token.startswith("</"):
            name = re.match(r"</\s*(\w+)", token)
            name = name.group(1).lower() if name else ""
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == name:
                    del stack[k:]
                    break
        elif token.startswith("<") and len(token) > 1:
            name = re.match(r"<\s*(\w+)", token)
            if not name or token.endswith("/>") or name.group(1).lower() in ("br", "img", "hr", "wbr"):
                continue
            name = name.group(1).lower()
            bold = name in ("b", "strong") or bool(re.search(r"font-weight:\s*(?:bold|[6-9]00)", token, re.I))
            mono = name in ("code", "kbd", "samp", "tt") or bool(MONO.search(token))
            stack.append((name, bold, mono))
        else:
            text = html.unescape(token).replace("\xa0", " ")
            if text.strip():
                yield text, any(s[1] for s in stack), any(s[2] for s in stack)


def _wholly_bold(inner: str) -> bool:
    runs = list(_runs(inner))
    return bool(runs) and all(bold for _, bold, _ in runs)


def _all_mono(inner: str) -> bool:
    runs = list(_runs(inner))
    return bool(runs) and all(mono for _, _, mono in runs)


# 'Runbook: records system down', 'Appendix B: ...': a kind of part before the colon of a title
KIND_LEAD = re.compile(r"^(?:runbook|playbook|alert|scenario|procedure|template|checklist|appendix|part|section)\b"
                       r"[^:.]{0,12}:\s", re.IGNORECASE)


# '**Note**', '**Warning**' over a paragraph: a remark in the runbook, never a part of its own
ASIDE = re.compile(r"^(?:notes?|warning|caution|tip|important|info|danger|attention|example|nb)\W*$", re.IGNORECASE)


def _part_label(plain: str) -> bool:
    """'Symptoms', 'Steps', 'Immediate actions', 'Diagnosis': the bold label of a runbook's part, which
    the runbook readers take as written (as a heading it would be a runbook of its own)."""
    from .alerts import RUNBOOK_PARTS
    from .found import STAGES

    words = plain.lower().strip(" :")
    words = re.sub(r"\s+(?:steps?|actions?|checks?)$", "", words) if " " in words else words
    return words in RUNBOOK_PARTS or any(words == key or (words.startswith(key) and " " not in words)
                                         for key, _ in STAGES)


def _title_like(text: str) -> bool:
    """Short, and not a sentence, a label, a runbook part's label or a remark's lead: 'Runbook 2 –
    Printer queue stuck', 'Runbook: Printer queue'."""
    plain = KIND_LEAD.sub("", text.strip("*_ "))
    if ASIDE.match(plain) or _part_label(plain):
        return False
    return 0 < len(plain) <= 80 and len(plain.split()) <= 12 and not re.search(r"[.:;,!]$", plain) \
        and not re.search(r"[.:;!?]\s", plain)


def _text(inner: str, emphasis: bool = True, keep_space: bool = False, links: bool = True) -> str:
    """A paragraph's markup as a Markdown line: bold and italics kept (with ``emphasis``), links as
    links (with ``links``: a command's URL, which Word makes a link, is the URL as typed), other
    tags dropped, entities decoded; with ``keep_space`` the spaces as written."""
    from .dialects import inline_html

    text = re.sub(r"<br\b[^>]*>", " ", inner, flags=re.IGNORECASE)
    if emphasis:
        text = re.sub(r"<(b|strong|i|em)\b[^>]*>", lambda m: f"<{m.group(1).lower()}>", text, flags=re.IGNORECASE)
        text = re.sub(r"</(b|strong|i|em)\s*>", lambda m: f"</{m.group(1).lower()}>", text, flags=re.IGNORECASE)
        text = re.sub(r"<(b|strong|i|em)>((?:\s|&nbsp;)*)</\1>", r"\2", text)      # an empty run
        text = re.sub(r"</(b|strong)>((?:\s|&nbsp;)*)<\1>", r"\2", text)           # two runs, one bold
        text = re.sub(r"</(i|em)>((?:\s|&nbsp;)*)<\1>", r"\2", text)
        text = re.sub(r"((?:\s|&nbsp;)+)</(b|strong|i|em)>", r"</\2>\1", text)      # spaces after the bold
        text = re.sub(r"<(b|strong|i|em)>((?:\s|&nbsp;)+)", r"\2<\1>", text)
        text = re.sub(r"<(?!/?(?:b|strong|i|em|a)\b)[^<>]*>", "", text)
    else:
        text = re.sub(r"<(?!/?a\b)[^<>]*>" if links else r"<[^<>]*>", "", text)
    text = (inline_html(text) if links or emphasis else html.unescape(text)).replace("\xa0", " ")
    if keep_space:
        return text.rstrip()
    return re.sub(r"\s+", " ", text).strip()


def code_blocks(root: Section, code: dict[int, str], lines: list[str]) -> None:
    """Put each run of command paragraphs (``code``: line, 1-based in the file, -> command) in the
    tree of the file as one code block, where it stands among the blocks of its section. A run is
    broken by any line with text in ``lines`` (the file's rewritten lines)."""
    if not code:
        return
    offset = root.line
    runs: list[list[int]] = []
    for local in sorted(code):
        if runs and not any(lines[k - 1].strip() for k in range(runs[-1][-1] + 1, local)):
            runs[-1].append(local)
        else:
            runs.append([local])
    sections = list(root.walk())
    for run in runs:
        first = offset + run[0]
        home = root
        for section in sections:
            if section.line <= first:
                home = section
        block = Block("code", [offset + k for k in run], code=[code[k] for k in run])
        at = next((k for k, b in enumerate(home.blocks) if b.lines and b.lines[0] > first), len(home.blocks))
        home.blocks.insert(at, block)
