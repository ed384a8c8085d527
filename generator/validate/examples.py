"""Example values written by `playbook init`: a warning until the team replaces them.

The starter content builds as it is, so a team can try the site at once, but
every value nobody from the team wrote says EXAMPLE. Shown on a page at 3 a.m.
it must not pass for real data, so each file that still holds one warns.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..problems import WARNING, Problem, dotted
from ..load.yamlio import Source
from .walk import strings

MARKER = re.compile(r"\bEXAMPLE\b")


def check_example_values(source: Source) -> Iterator[Problem]:
    """One warning per file, at its first example value, with how many remain."""
    found = [path for path, value in strings(source.data) if MARKER.search(value)]
    if not found:
        return
    first = found[0]
    more = f" and {len(found) - 1} more" if len(found) > 1 else ""
    yield Problem(source.rel, "example-value",
                  f"{dotted(first)}: an EXAMPLE value written by playbook init is still here{more}",
                  path=first, level=WARNING,
                  hint="replace every value marked EXAMPLE with your own (contacts: real people and "
                       "numbers); the site shows them to on-call engineers")
