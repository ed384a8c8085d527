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

_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_SPECIAL = re.compile(r"([\\\[\]{}|!])")
_LINE_START = re.compile(r"^(\s*)([#+*=-])", re.MULTILINE)
_NUMBERED = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)
SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:")


def _escape_plain(text: str) -> str:
    text = html.escape(text, quote=False)
    return _SPECIAL.sub(r"\\\1", text)


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

    Code spans are kept as written: the Markdown engine escapes them itself.
    """
    return _outside(_CODE_SPAN, re.sub(r"\s+", " ", str(value)), _escape_plain)


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


_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})[^\n]*\n.*?^\1\2[ \t]*$", re.MULTILINE | re.DOTALL)
_UNSAFE_TARGET = re.compile(r"(\]\(\s*<?|^\s*\[[^\]]+\]:\s*<?)\s*(?:javascript|data|vbscript|file):",
                            re.IGNORECASE | re.MULTILINE)


def _escape_prose(text: str) -> str:
    text = html.escape(text, quote=False).replace("{", "&#123;").replace("}", "&#125;")
    # Images become links: an image from another origin would be a request the reader's
    # browser makes on load (a tracking pixel), and the site loads nothing from elsewhere.
    text = text.replace("![", "[")
    return _UNSAFE_TARGET.sub(lambda m: m.group(1) + "#blocked:", text)


def sanitize_markdown(text: str) -> str:
    """Author-written Markdown made inert: formatting stays, HTML and script links do not.

    Fenced code blocks and code spans are left alone (the Markdown engine
    escapes them); everywhere else raw HTML is escaped, attribute lists are
    defused and javascript:/data: link targets are blocked.
    """
    return _outside(_FENCE, text, lambda prose: _outside(_CODE_SPAN, prose, _escape_prose))
