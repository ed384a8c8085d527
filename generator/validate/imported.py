"""What `playbook import` leaves for a human: placeholders for values the source did not give,
and imported text not yet sorted into fields (a document's `notes`)."""
from __future__ import annotations

import re
from typing import Any, Iterator

from ..problems import WARNING, JsonPath, Problem, dotted
from ..load.yamlio import Source
from .walk import strings

# The importer writes this where the schema needs a value the source does not give.
MISSING = "FILL IN"


def is_missing(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(MISSING)


def missing(what: str) -> str:
    """The placeholder text: 'FILL IN: not in the source (a duration like 15m)'."""
    return f"{MISSING}: not in the source ({what})"


SAYS = "the source says "
UNHELD = ", which this field cannot hold ("


def unheld(said: str, what: str) -> str:
    """The placeholder for a value the source gives in words the field cannot hold ('4 business
    hours' for a duration): what it says, and what the field takes."""
    return f"{MISSING}: {SAYS}{said!r}{UNHELD}{what})"


def _placeholder_parts(value: str) -> tuple[str, str]:
    """(what the message says of the source, what to fill in) of a placeholder."""
    body = value[len(MISSING):].lstrip(": ")
    if body.startswith(SAYS) and UNHELD in body:   # the source's words may hold brackets of their own
        said, _, what = body.partition(UNHELD)
        return f"{said}{UNHELD[:-2]}", what.removesuffix(")")
    return "not in the source", value.split("(", 1)[1].rstrip(")") if "(" in value else "the real value"


def missing_paths(data: Any) -> set[JsonPath]:
    return {path for path, value in strings(data) if is_missing(value)}


def placeholder_paths(kind: str, data: Any) -> set[JsonPath]:
    """Paths whose value is a placeholder that a check reports (so its schema error would only repeat it)."""
    from .lint import CONTACT_FIELDS, PLACEHOLDER

    found = missing_paths(data)
    if kind == "contacts":
        found |= {path for path, value in strings(data)
                  if len(path) == 3 and path[0] == "contacts" and path[2] in CONTACT_FIELDS
                  and PLACEHOLDER.search(value)}
    return found


def check_missing_values(source: Source) -> Iterator[Problem]:
    """Every placeholder is an error at its line: the site would otherwise show a guess."""
    for path, value in strings(source.data):
        if is_missing(value):
            said, what = _placeholder_parts(value)
            yield Problem(source.rel, "missing-value", f"{dotted(path)}: {said}; fill in",
                          path=path, hint=f"replace the placeholder with {what}")


LEFT_TO_FILL = re.compile(r"\bTODO\b|\bTBD\b|\bTBC\b|\bFIXME\b|\{\{\s*[A-Za-z_][\w.]*\s*\}\}")


def check_placeholder_text(source: Source) -> Iterator[Problem]:
    """TODO, TBD, TBC or a {{VARIABLE}} left in a field would be published as if it were the answer."""
    for path, value in strings(source.data):
        if path[:1] in (("notes",), ("review",)) or is_missing(value):
            continue
        match = LEFT_TO_FILL.search(value)
        if match:
            yield Problem(source.rel, "placeholder", f"{dotted(path)}: {match.group(0)!r} is a placeholder "
                          f"left to fill in", path=path, hint="write the real value, or remove the text until it is known")


def check_unsorted_notes(source: Source) -> Iterator[Problem]:
    """Text kept in notes is shown on the page, but it is work left: count it."""
    notes = source.data.get("notes")
    if isinstance(notes, str) and notes.strip():
        count = len([line for line in notes.splitlines() if line.strip()])
        yield Problem(source.rel, "unsorted-notes", f"notes: {count} lines of imported text not yet sorted "
                      f"into fields", path=("notes",), level=WARNING,
                      hint="move each line into the field it belongs to (or delete it), then remove notes")
