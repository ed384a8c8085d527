"""Markup lines that go with the text they shape: a list's ``\\begin{itemize}``, a table's
``\\hline``, a wiki's ``<verbatim>`` tag when it is not a fence. Resolved once the whole page is
written, so a line is attached to text as the page finally shows it."""
from __future__ import annotations

from . import Converted


def attach(out: Converted, markup: dict[int, str]) -> None:
    """Each line of ``markup`` (0-based -> 'next' or 'prev') is blanked and attached to the nearest
    shown line that way (the other way when there is none), or hidden on a page with no text."""
    shown = [bool(line.strip()) and j not in markup for j, line in enumerate(out.lines)]
    after: list[int | None] = [None] * (len(shown) + 1)
    for j in range(len(shown) - 1, -1, -1):   # one pass each way: a page of markup stays linear
        after[j] = j if shown[j] else after[j + 1]
    before: list[int | None] = [None] * (len(shown) + 1)
    for j, seen in enumerate(shown):
        before[j + 1] = j if seen else before[j]
    for i, direction in sorted(markup.items()):
        later, earlier = after[i + 1], before[i]
        first, second = (later, earlier) if direction == "next" else (earlier, later)
        out.blank(i, first if first is not None else second)
