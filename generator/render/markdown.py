"""Escape-by-default Markdown templating.

Content is untrusted (anyone can open a pull request), so every value a
template prints is escaped for Markdown and HTML unless a filter marked it as
already safe (``Markup``). Authors keep `code spans`, *emphasis* and bare
links; raw HTML, Markdown links/images and attribute lists are neutralised.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

# A code span as Python-Markdown sees one: the closing run is exactly as long as the
# opening one (not touching another backtick) and the span does not cross a blank line.
_CODE_SPAN = re.compile(r"(?<![`\\])(`+)(?!`)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.DOTALL)
_SPECIAL = re.compile(r"([\\\[\]{}|!])")
# '*' only where it would start a list item or a rule: escaping the '**' of a bold line start
# ('\**Level 1** - ...') makes Python-Markdown's emphasis rules drop a letter of the next line.
_LINE_START = re.compile(r"^(\s*)([#+=-]|\*(?=\s|[ \t*]*$))", re.MULTILINE)
_NUMBERED = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)
SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:")


def _escape_plain(text: str) -> str:
    text = html.escape(text, quote=False).replace("`", "&#96;")
    return _SPECIAL.sub(r"\\\1", text)


def _entities(text: str) -> str:
    """Every ASCII punctuation character as a numeric entity: Markdown sees only text."""
    return "".join(f"&#{ord(ch)};" if ch.isascii() and not ch.isalnum() and ch != " " else ch
                   for ch in text)


def _code_html(span: str) -> str:
    """A code span written as HTML by us, so that no Markdown engine can disagree on where it ends.

    Text from content never reaches the Markdown engine as a code span: an
    engine that ends the span elsewhere would emit the rest as raw HTML.
    """
    ticks = len(span) - len(span.lstrip("`"))
    inner = span[ticks:-ticks]
    if inner.startswith(" ") and inner.endswith(" ") and inner.strip():
        inner = inner[1:-1]
    return f"<code>{_entities(inner)}</code>"


def _spans(pattern: re.Pattern, text: str, transform, keep=lambda match: match) -> str:
    """``transform`` the text between matches of ``pattern``; ``keep`` each match."""
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(transform(text[last:match.start()]))
        out.append(keep(match.group(0)))
        last = match.end()
    out.append(transform(text[last:]))
    return "".join(out)


def _outside(pattern: re.Pattern, text: str, transform) -> str:
    """Apply ``transform`` to the text between matches of ``pattern``; keep the matches."""
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(transform(text[last:match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(transform(text[last:]))
    return "".join(out)


def escape_inline(value: Any) -> str:
    """Escape text for use inside a paragraph, list item or table cell.

    Code spans become ``<code>`` elements with their text as entities.
    """
    return _spans(_CODE_SPAN, re.sub(r"\s+", " ", str(value)), _escape_plain, _code_html)


def escape_block(value: Any) -> str:
    """Escape multi-line text; lines cannot start headings, quotes or lists."""
    lines = [escape_inline(line) for line in str(value).strip().splitlines()]
    text = "  \n".join(lines)
    text = _NUMBERED.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def fence(code: str, lang: str = "text", indent: int = 0) -> Markup:
    """A fenced code block that the code itself cannot close."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    ticks = "`" * max(3, longest + 1)
    lang = re.sub(r"[^a-z0-9]", "", lang.lower()) or "text"
    pad = " " * indent
    body = "\n".join(pad + line if line else "" for line in code.rstrip("\n").splitlines())
    return Markup(f"{pad}{ticks}{lang}\n{body}\n{pad}{ticks}")


def code(value: Any) -> Markup:
    """An inline code span that its content cannot close."""
    text = " ".join(str(value).split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return Markup(f"{ticks}{pad}{text}{pad}{ticks}")


def href(url: str) -> Markup:
    """An attribute-safe URL; anything but http(s), mailto and tel becomes '#'."""
    url = str(url).strip()
    if not url.lower().startswith(SAFE_SCHEMES):
        url = "#"
    return Markup(html.escape(url, quote=True))


def attr(value: Any) -> Markup:
    return Markup(html.escape(str(value), quote=True))


def slug(value: Any) -> Markup:
    return Markup(re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-"))


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    return escape_inline(value)


@lru_cache(maxsize=1)
def environment() -> Environment:
    """One environment for the process, so each template is compiled once."""
    env = Environment(loader=PackageLoader("generator", "templates"), autoescape=False,
                      finalize=_finalize, undefined=StrictUndefined, trim_blocks=True,
                      lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(block=lambda v: Markup(escape_block(v)), fence=fence, code=code, href=href,
                       attr=attr, slug=slug, raw=Markup)
    return env


# Openers stricter than the engine's (a bare language name), so that we never call code what the
# engine reads as prose; the block ends at the first line that could close it for any engine.
_FENCE_OPEN = re.compile(r"^( {0,3})(`{3,}|~{3,})[ \t]*[\w#.+-]*[ \t]*$")


def _fence_blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of fenced code blocks, closing fence included.

    A block ends at the first line that any engine could take as its close
    (same character, at least as long); unless that line is exactly as long as
    the opener (what pymdownx.superfences needs), it is no block at all: prose.
    """
    blocks, offset, opened = [], 0, None
    for line in text.splitlines(keepends=True):
        bare = line.rstrip("\r\n")
        if opened is not None:
            start, fence, closer = opened
            close = closer.match(bare)
            if close:
                opened = None
                if len(close.group(1)) == len(fence):
                    blocks.append((start, offset + len(bare)))
                offset += len(line)
                continue
        if opened is None:
            match = _FENCE_OPEN.match(bare)
            if match:
                fence = match.group(2)
                closer = re.compile(r"^ {0,3}(%s{%d,})[ \t]*$" % (re.escape(fence[0]), len(fence)))
                opened = (offset, fence, closer)
        offset += len(line)
    return blocks


def _outside_fences(text: str, transform) -> str:
    out, last = [], 0
    for start, end in _fence_blocks(text):
        out += [transform(text[last:start]), text[start:end]]
        last = end
    out.append(transform(text[last:]))
    return "".join(out)
_UNSAFE_TARGET = re.compile(r"(\]\(\s*<?|^\s*\[[^\]]+\]:\s*<?)\s*(?:javascript|data|vbscript|file):",
                            re.IGNORECASE | re.MULTILINE)


def _escape_prose(text: str) -> str:
    text = html.escape(text, quote=False).replace("{", "&#123;").replace("}", "&#125;")
    text = text.replace("`", "&#96;")
    # Images become links: an image from another origin would be a request the reader's
    # browser makes on load (a tracking pixel), and the site loads nothing from elsewhere.
    text = text.replace("![", "[")
    return _UNSAFE_TARGET.sub(lambda m: m.group(1) + "#blocked:", text)


def sanitize_markdown(text: str) -> str:
    """Author-written Markdown made inert: formatting stays, HTML and script links do not.

    Fenced code blocks are left alone (the Markdown engine escapes them); code
    spans are written as ``<code>`` elements; everywhere else raw HTML is
    escaped, attribute lists are defused and javascript:/data: link targets are
    blocked. The site build also sanitizes the resulting HTML (``sanitize``).
    """
    return _outside_fences(text, lambda prose: _spans(_CODE_SPAN, prose, _escape_prose, _code_html))
