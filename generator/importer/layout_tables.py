"""Tables that lay a page out rather than hold data, as HTML e-mails and old pages are built.

An e-mail client's HTML wraps the whole message in ``<table width="100%"><tr><td>``, often twice
(a grey background, then a white 640-pixel column), and draws a boxed notice as a table of one
cell. Read as data, the whole message would be one cell. A table is a layout when every row has
one cell and the cell holds more than a value: another table, or lines broken with ``<br>``. Its
own ``<table>``, ``<tr>`` and ``<td>`` tags are removed where they stand, so the text inside reads
as the page shows it; the tables of data inside (a priority table of three columns) stay tables.
"""
from __future__ import annotations

import re

TAG = re.compile(r"<(/?)(table|tr|td|th|tbody|thead)\b[^>]*>", re.IGNORECASE)


def unwrap_layout_tables(lines: list[str], skip: set[int]) -> None:
    """Remove, in place, the tags of every layout table of ``lines`` (no line of ``skip`` is read)."""
    if not any("<t" in line or "<T" in line for line in lines):
        return
    tags = [(i, m) for i, line in enumerate(lines) if i not in skip for m in TAG.finditer(line)]
    drop: set[tuple[int, int]] = set()
    for table in _tables(tags):
        if _is_layout(table, lines):
            drop.update((i, m.start()) for i, m in table["own"])
    for i in sorted({i for i, _ in drop}, reverse=True):
        lines[i] = TAG.sub(lambda m: "" if (i, m.start()) in drop else m.group(0), lines[i])


def _tables(tags: list[tuple[int, re.Match]]) -> list[dict]:
    """Each table: its own tags (not those of a table inside it), its rows' cell counts, whether
    it holds another table, and the lines it spans."""
    done, stack = [], []
    for i, match in tags:
        closing, name = match.group(1) == "/", match.group(2).lower()
        if name == "table" and not closing:
            if stack:
                stack[-1]["nested"] = True
            stack.append({"own": [(i, match)], "rows": [], "nested": False, "first": i, "last": i})
        elif not stack:
            continue
        elif name == "table":
            table = stack.pop()
            table["own"].append((i, match))
            table["last"] = i
            done.append(table)
        else:
            table = stack[-1]
            table["own"].append((i, match))
            if name == "tr" and not closing:
                table["rows"].append(0)
            elif name in ("td", "th") and not closing and table["rows"]:
                table["rows"][-1] += 1
    return done


def _is_layout(table: dict, lines: list[str]) -> bool:
    if not table["rows"] or any(count != 1 for count in table["rows"]):
        return False
    if table["nested"]:
        return True
    inside = "\n".join(lines[table["first"]:table["last"] + 1])
    return len(re.findall(r"<br\s*/?>", inside, re.IGNORECASE)) >= 2
