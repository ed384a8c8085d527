"""Where a command may wrap: at spaces, and after '/' and '=' (never inside a word).

Browsers and WeasyPrint do not break after '/' or '=' on their own, so a long
URL or ``--flag=value`` either overflows or, with ``word-break: break-all``, is cut
mid-word (``--target-group-`` / ``arn``). ``breakable`` escapes the text and adds
``<wbr>`` after those characters, keeping everything between them whole; copying
the text copies no extra characters.
"""
from __future__ import annotations

import html
import re

from markupsafe import Markup

_TOKEN = re.compile(r"(\s+)")
_AFTER = re.compile(r"(?<=[/=])(?=[^\s/=])")
LONGEST_UNBROKEN = 40  # a longer piece may still break anywhere rather than overflow the card


def _piece(text: str, whole: bool) -> str:
    escaped = html.escape(text, quote=False)
    return escaped if not whole or len(text) > LONGEST_UNBROKEN else f'<span class="nw">{escaped}</span>'


def breakable(text: str, whole: bool = True) -> Markup:
    """``text`` HTML-escaped; it may wrap at spaces and after '/' and '=', and nowhere else.

    Each run between those points is a ``<span class="nw">`` (white-space: nowrap in the
    card's CSS), so a hyphen (``--target-group-arn``) is never a break point. With
    ``whole=False`` (URLs beside a QR code) the breaks after '/' and '=' are only preferred.
    """
    out = []
    for part in _TOKEN.split(str(text)):
        if not part or part.isspace():
            out.append(html.escape(part, quote=False))
        else:
            out.append("<wbr>".join(_piece(piece, whole) for piece in _AFTER.split(part)))
    return Markup("".join(out))


def tel_link(contact) -> Markup:
    """The contact's phone number as a tel: link, or just the number if it has no digits."""
    phone = html.escape(contact.phone, quote=False)
    if not contact.tel:
        return Markup(f'<span class="phone">{phone}</span>')
    return Markup(f'<a class="phone" href="{html.escape(contact.tel, quote=True)}">{phone}</a>')
