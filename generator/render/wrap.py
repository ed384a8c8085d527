"""Where a command may wrap: at spaces, and after '/' and '=' (never inside a word).

Browsers and WeasyPrint do not break after '/' or '=' on their own, so a long
URL or ``--flag=value`` either overflows or, with ``word-break: break-all``, is cut
mid-word (``--target-group-`` / ``arn``). ``breakable`` escapes the text and adds
``<wbr>`` after those characters; copying the text copies no extra characters.
"""
from __future__ import annotations

import html
import re

from markupsafe import Markup

_AFTER = re.compile(r"([/=])(?=[^\s/=])")


def breakable(text: str) -> Markup:
    """``text`` HTML-escaped, with a break opportunity after each '/' and '=' inside a word."""
    return Markup(_AFTER.sub(r"\1<wbr>", html.escape(str(text), quote=False)))


def tel_link(contact) -> Markup:
    """The contact's phone number as a tel: link, or just the number if it has no digits."""
    phone = html.escape(contact.phone, quote=False)
    if not contact.tel:
        return Markup(f'<span class="phone">{phone}</span>')
    return Markup(f'<a class="phone" href="{html.escape(contact.tel, quote=True)}">{phone}</a>')
