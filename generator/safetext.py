"""Text from content, safe to print: no control character reaches a terminal or a CI log.

A key or file name may hold a newline followed by ``::warning::`` or
``::add-mask::``, which GitHub Actions runs as a workflow command when a line
of output starts with it; ANSI escapes can rewrite a terminal. Every message
goes through ``printable`` (Problem does it on creation, the CLI and the
plugin for their own errors), in every output format.
"""
from __future__ import annotations

import re

# C0 and C1 controls (newline and tab included), line/paragraph separators, bidi overrides.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match) -> str:
    char = match.group(0)
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def printable(text: str) -> str:
    """``text`` on one line, every control character written as an escape (\\n, \\x1b, \\u2028)."""
    return _CONTROL.sub(_escape, text) if _CONTROL.search(text) else text


def printable_lines(text: str) -> str:
    """Like ``printable`` but keeps line breaks: for multi-line reports the tool composed itself.

    Each line is made safe from starting a workflow command.
    """
    lines = [printable(line) for line in text.split("\n")]
    return "\n".join(" " + line if line.startswith("::") else line for line in lines)


def os_message(error: OSError) -> str:
    """'No space left on device: site/x.html' for an OSError, its file names escaped."""
    names = [name for name in (error.filename, error.filename2) if name is not None]
    where = " -> ".join(printable(str(name)) for name in names)
    what = error.strerror or str(error)
    return f"{where}: {printable(what)} (the operating system refused; nothing was replaced)" if where \
        else f"{printable(what)} (the operating system refused; nothing was replaced)"
