"""HTML lists read line by line, as a word processor exports them: '<ol start="2"><li>...' on one
line is item 2 of a numbered list, and a numbered list split by a paragraph or a command
('<ol start="1">' ... '</ol>', '<p>...</p>', '<ol start="2">') keeps its numbers, so the steps
stay one list in order rather than loose paragraphs and bullets."""
from __future__ import annotations

import re

ITEM = re.compile(r"^(\s*)((?:<(?:ol|ul)\b[^>]*>\s*)*)<li\b[^>]*>(.*?)(?:</li>)?\s*((?:</(?:ol|ul)\s*>\s*)*)$",
                  re.IGNORECASE)
OPEN = re.compile(r"<(ol|ul)\b([^>]*)>", re.IGNORECASE)
CLOSE = re.compile(r"</(?:ol|ul)\s*>", re.IGNORECASE)
START = re.compile(r"""\bstart\s*=\s*["']?(\d+)""", re.IGNORECASE)


def _open(stack: list[list], tags: str) -> None:
    for match in OPEN.finditer(tags):
        start = START.search(match.group(2))
        stack.append([match.group(1).lower() == "ol", int(start.group(1)) if start else 1])


def _close(stack: list[list], tags: str) -> None:
    for _ in CLOSE.finditer(tags):
        if stack:
            stack.pop()


def track(stack: list[list], line: str) -> None:
    """A line of list markup only ('<ol start="2">', '</ol>'): the lists it opens and closes."""
    for match in re.finditer(r"</?(?:ol|ul)\b[^>]*>", line, re.IGNORECASE):
        (_close if match.group(0).startswith("</") else _open)(stack, match.group(0))


def item(stack: list[list], line: str) -> tuple[str, str, str] | None:
    """(indent, marker, inner HTML) of a line holding one list item, the lists around it tracked."""
    match = ITEM.match(line)
    if not match:
        return None
    _open(stack, match.group(2))
    marker = "- "
    if stack and stack[-1][0]:
        marker = f"{stack[-1][1]}. "
        stack[-1][1] += 1
    # nested as deep as its lists, whatever the page's own indentation ('        <li>' in a template)
    indent = "  " * (len(stack) - 1) if stack else match.group(1)
    _close(stack, match.group(4))
    return indent, marker, match.group(3)
