"""MediaWiki's inline markup as Markdown's: ``'''bold'''``, ``''italic''``, ``[[Page|label]]`` and
``[https://x label]`` links, ``[[Category:X]]``, one-line ``{{templates}}``, ``<ref>`` notes,
``<code>`` / ``<nowiki>`` / ``<br>`` and the other HTML a wiki page may hold, ``&nbsp;`` entities and
the ``__NOTOC__`` switches.

Only what a reader of the rendered page sees is kept: a link shows its label, a reference's text
stays beside the words it notes (in brackets), a category shows as the page's category bar does
('Category: X'), an unknown template its arguments (the words the page gave it), or, given none, its
name as written (what it draws is on another page). ``&lt;`` and
``&gt;`` stay entities, so no text becomes a tag.
"""
from __future__ import annotations

import html
import re

MAGIC = re.compile(r"__(?:NOTOC|TOC|FORCETOC|NOEDITSECTION|NEWSECTIONLINK|NONEWSECTIONLINK|NOGALLERY|HIDDENCAT|"
                   r"INDEX|NOINDEX|STATICREDIRECT|NOTITLECONVERT|NOTC|NOCONTENTCONVERT|NOCC|DISAMBIG|"
                   r"EXPECTUNUSEDCATEGORY)__")
NOWIKI = re.compile(r"<nowiki\s*>(.*?)</nowiki\s*>|<nowiki\s*/>", re.IGNORECASE)   # in a <pre> block's line
CODE_TAGS = ("code", "tt", "kbd", "samp", "var", "source", "syntaxhighlight", "pre")
BOLD_TAG = re.compile(r"</?(?:b|strong)\s*>", re.IGNORECASE)
ITALIC_TAG = re.compile(r"</?(?:i|em)\s*>", re.IGNORECASE)
BREAK = re.compile(r"<br\s*/?\s*>|</br\s*>", re.IGNORECASE)
# tags that only style their text: dropped, the text kept
STYLE_TAG = re.compile(r"</?(?:u|s|del|ins|strike|small|big|sup|sub|span|font|div|center|p|abbr|cite|mark|q|"
                       r"noinclude|onlyinclude|blockquote|poem|references|section|translate|languages|"
                       r"tvar|bdi|dfn|em|time|data|wbr)\b[^<>]*>", re.IGNORECASE)
REF_TAG = re.compile(r"</?ref\b[^<>]*>", re.IGNORECASE)   # a '<ref>' over two lines: its words, apart
INTERNAL = re.compile(r"\[\[([^\[\]]*)\]\]")
EXTERNAL = re.compile(r"\[((?:https?:|ftp:|mailto:|//)[^\s\[\]]+)(?:\s+([^\[\]]*))?\]", re.IGNORECASE)
TEMPLATE = re.compile(r"\{\{([^{}]*)\}\}")
ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
CATEGORY = re.compile(r"^\s*(?:category|kategorie|catégorie|categoría)\s*:", re.IGNORECASE)
FILE = re.compile(r"^\s*(?:file|image|media)\s*:", re.IGNORECASE)
IMAGE_OPTION = re.compile(r"^\s*(?:thumb|thumbnail|frame|frameless|border|left|right|center|centre|none|upright"
                          r"(?:\s*=?\s*[\d.]+)?|baseline|sub|super|top|text-top|middle|bottom|text-bottom|"
                          r"\d*x?\d+\s*px|(?:alt|link|page|class|lang|upright|loop|start|end)\s*=.*)\s*$",
                          re.IGNORECASE)
CODE_TEMPLATES = {"code", "mono", "kbd", "key press", "keypress", "tt", "samp", "c", "cmd", "command", "file",
                  "var", "param", "mono", "codett", "monospace"}
# templates that draw nothing a reader reads (layout, the page's own settings)
SILENT = {"clear", "clr", "-", "break", "toc", "toc limit", "toclimit", "toc right", "tocright", "notoc",
          "reflist", "references", "defaultsort", "shortdesc", "short description", "displaytitle",
          "pp", "pp-protected", "pp-semi", "anchor", "stub", "featured", "good article", "use dmy dates",
          "use mdy dates", "italic title", "lowercase title", "clearleft", "clearright", "-"}
SYMBOLS = {"!": "|", "=": "=", "!!": "||", "·": "·", "dot": "·", "•": "•", "bull": "•", "ndash": "–",
           "mdash": "—", "spaces": " ", "sp": " ", "nbsp": " ", "'": "'", "''": "''", "(": "{", ")": "}"}
LAYOUT = re.compile(r"(?:^|[\s-])(?:begin|end|top|bottom|start|footer|header|col|clear|break|hidden)$")
MAX_ROUNDS = 12   # templates and links nest; a page's deepest nesting, not an input's


def inline(text: str) -> str:
    """One line of MediaWiki text as the Markdown a reader sees it as."""
    kept: list[str] = []   # spans no other markup applies to: <nowiki>, code

    def keep(value: str) -> str:
        kept.append(value)
        return f"\x00{len(kept) - 1}\x00"

    text = text.replace("\x00", "")
    text = paired(text, ("nowiki",), lambda name, body: keep(_entities(body or "")))
    text = paired(text, CODE_TAGS, lambda name, body: keep(f"`{code_text(body or '').strip()}`"))   # '<' as '<'
    text = MAGIC.sub("", paired(text, ("includeonly",), lambda name, body: ""))
    text = paired(text, ("ref",), lambda name, body: f" ({body.strip()})" if body and body.strip() else "")
    for _ in range(MAX_ROUNDS):   # innermost first: a template inside a link's label, a link in a template's
        changed = TEMPLATE.sub(lambda m: template(m.group(1), keep), text)
        changed = INTERNAL.sub(lambda m: _internal(m.group(1)), changed)
        if changed == text:
            break
        text = changed
    text = EXTERNAL.sub(lambda m: f"[{m.group(2).strip()}]({m.group(1)})" if m.group(2) and m.group(2).strip()
                        else m.group(1), text)
    text = emphasis(text)
    text = BOLD_TAG.sub("**", text)
    text = ITALIC_TAG.sub("*", text)
    text = BREAK.sub(" ", text)
    text = REF_TAG.sub(" ", STYLE_TAG.sub("", text))
    text = _entities(text)
    for _ in range(MAX_ROUNDS):   # a kept span inside a kept span ('<code>' in '<nowiki>' is text: once)
        if "\x00" not in text:
            break
        text = re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], text)
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def paired(text: str, names: tuple[str, ...], replace) -> str:
    """Each ``<name ...>body</name>`` of ``text`` as ``replace(name, body)`` (body None for ``<name />``);
    a tag never closed stays as written. One pass, whatever the line holds."""
    opening = re.compile(rf"<({'|'.join(names)})\b([^<>]*)>", re.IGNORECASE)
    out, at, unclosed = [], 0, set()
    for match in opening.finditer(text):
        name = match.group(1).lower()
        if match.start() < at or name in unclosed:
            continue
        if match.group(2).rstrip().endswith("/"):   # '<ref name="x" />', '<nowiki/>'
            out += [text[at:match.start()], replace(name, None)]
            at = match.end()
            continue
        close = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(text, match.end())
        if close is None:   # no later one closes either
            unclosed.add(name)
            continue
        out += [text[at:match.start()], replace(name, text[match.end():close.start()])]
        at = close.end()
    out.append(text[at:])
    return "".join(out)


def _entities(text: str) -> str:
    """Entities decoded (``&nbsp;`` a space), but ``&lt;`` / ``&gt;`` kept: decoded, they could make a tag."""
    def decode(m: re.Match) -> str:
        name = m.group(0).lower()
        if name in ("&lt;", "&gt;", "&#60;", "&#62;", "&#x3c;", "&#x3e;"):
            return m.group(0)
        value = html.unescape(m.group(0))
        return value.replace("\xa0", " ").replace("\u2009", " ").replace("\u202f", " ")
    return ENTITY.sub(decode, text)


def code_text(text: str) -> str:
    """A line of a ``<pre>`` block as shown: its entities decoded, its ``<nowiki>`` tags dropped."""
    text = NOWIKI.sub(lambda m: m.group(1) or "", text)
    return html.unescape(text).replace("\xa0", " ")


def emphasis(text: str) -> str:
    """Bold (three apostrophes), italic (two), both (five); a marker left open at the line's end
    closes there, as MediaWiki closes it (or is dropped, when nothing follows it)."""
    parts = re.split(r"('{2,})", text)
    out: list[str] = []
    opened: dict[str, int | None] = {"b": None, "i": None}   # where the open marker is in ``out``

    def toggle(kind: str, marker: str) -> None:
        opened[kind] = len(out) if opened[kind] is None else None
        out.append(marker)

    for n, part in enumerate(parts):
        if n % 2 == 0:
            out.append(part)
            continue
        run = len(part)
        if run == 4:   # an apostrophe, then bold
            out.append("'")
            run = 3
        elif run > 5:
            out.append("'" * (run - 5))
            run = 5
        if run in (3, 5):
            toggle("b", "**")
        if run in (2, 5):
            toggle("i", "*")
    for kind in ("i", "b"):
        at = opened[kind]
        if at is None:
            continue
        if not "".join(out[at + 1:]).strip():
            out[at] = ""
        else:
            out.append("**" if kind == "b" else "*")
    return "".join(out)


def _internal(body: str) -> str:
    """'[[Page|label]]' -> 'label', '[[Page]]' -> 'Page', '[[Category:X]]' -> 'Category: X',
    '[[File:x.png|thumb|Caption]]' -> 'Caption' (an image without one shows no words)."""
    target, _, rest = body.partition("|")
    if CATEGORY.match(target) and not target.lstrip().startswith(":"):
        return f"Category: {target.split(':', 1)[1].strip()}"
    if FILE.match(target) and not target.lstrip().startswith(":"):
        words = [p for p in body.split("|")[1:] if p.strip() and not IMAGE_OPTION.match(p)]
        return words[-1].strip() if words else ""
    label = rest.strip() if "|" in body else ""
    if label:
        return label
    shown = target.strip().lstrip(":")
    if "|" in body:   # the pipe trick: '[[Help:Contents|]]' shows 'Contents'
        shown = re.sub(r"\s*\([^)]*\)$", "", shown.split(":", 1)[-1]).strip()
    return shown


def params(body: str) -> tuple[str, list[str], list[tuple[str, str]]]:
    """A template's name, its positional arguments and its named ones ('key = value')."""
    pieces = split_top(body, "|")
    name = pieces[0].strip() if pieces else ""
    positional, named = [], []
    for piece in pieces[1:]:
        key = re.match(r"^\s*([^=\[\]{}<>|]{1,40}?)\s*=(?!=)\s*(.*)$", piece, re.DOTALL)
        if key:
            named.append((key.group(1).strip(), key.group(2).strip()))
        else:
            positional.append(piece.strip())
    return name, positional, named


def template(body: str, keep) -> str:
    """What a reader sees of a one-line template: code templates as code, symbols as themselves, box
    templates ('{{Note|...}}') as their text after the box's name, any other its arguments' words."""
    name, positional, named = params(body)
    key = re.sub(r"\s+", " ", name.replace("_", " ")).strip().lower()
    if key in SYMBOLS and not positional and not named:
        return SYMBOLS[key]
    if key.split(":", 1)[0] in SILENT or key in SILENT:
        return ""
    if key.startswith("#"):   # a parser function ('{{#if: ...}}'): its branches are the page's words
        words = [w for w in [key.split(":", 1)[-1]] + positional if w.strip()]
        return " ".join(words[1:] if len(words) > 1 else words)
    if key in CODE_TEMPLATES and positional:
        return keep(f"`{code_text(positional[0])}`")
    shown = positional + [f"{k}: {v}" if not k.isdigit() else v for k, v in named if v]
    if key in BOXES and shown:
        return f"{BOXES[key].capitalize()}: " + " ".join(shown)
    if not shown and ":" in name:   # '{{lc:Text}}': a magic word's text
        return name.split(":", 1)[1].strip()
    if not shown and LAYOUT.search(key):   # '{{Collapse bottom}}', '{{Div col end}}': a box's edge, no words
        return ""
    if not shown:   # '{{Oncall rota}}': what it draws is on another page; the page shows it there, as written
        return keep("{{" + name.strip() + "}}") if name.strip() else ""
    return " ".join(shown)


BOXES = {"note": "note", "notice": "note", "info": "info", "information": "info", "warning": "warning",
         "caution": "warning", "important": "warning", "danger": "danger", "tip": "tip", "hint": "tip",
         "attention": "warning", "alert": "warning", "callout": "note", "mbox": "note", "ambox": "note",
         "fmbox": "note", "ombox": "note", "tmbox": "note", "see also": "note", "seealso": "note", "todo": "note",
         "main": "note", "further": "note", "warn": "warning", "infobox": "note", "quote": "note"}


def split_top(text: str, separator: str) -> list[str]:
    """``text`` split at each ``separator`` outside ``[[...]]``, ``{{...}}`` and ``<...>``."""
    pieces, depth, start, i, size = [], 0, 0, 0, len(separator)
    while i < len(text):
        two = text[i:i + 2]
        if two in ("[[", "{{"):
            depth += 1
            i += 2
            continue
        if two in ("]]", "}}") and depth:
            depth -= 1
            i += 2
            continue
        if depth == 0 and text.startswith(separator, i):
            pieces.append(text[start:i])
            i += size
            start = i
            continue
        i += 1
    pieces.append(text[start:])
    return pieces
