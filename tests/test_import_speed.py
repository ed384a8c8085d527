"""The importer's shortcuts for speed change nothing it produces (issue 17, seventh pass)."""
from __future__ import annotations

import gc
from datetime import date

from generator.importer.mdparse import parse
from generator.importer.note_syntax import note_syntax
from generator.importer.run import convert

DOCUMENT = "\n".join(["# Runbooks", "", "## Service A down", "", "### Symptoms", "", "- Errors", "",
                      "#### Deeper", "", "text", "", "## Service B down", "", "### Resolution", "", "- Restart"])


def test_a_complete_tree_walks_in_the_same_order() -> None:
    root = parse(DOCUMENT)
    before = [(s.title, s.line) for s in root.walk()]
    root.complete()
    assert [(s.title, s.line) for s in root.walk()] == before
    assert [(s.title, s.line) for s in root.walk()] == before   # again: a list, not a spent generator
    assert [s.title for s in root.children[0].children[0].walk()] == ["Service A down", "Symptoms", "Deeper"]


def test_conversion_leaves_the_garbage_collector_as_it_found_it() -> None:
    assert gc.isenabled()
    convert(DOCUMENT, "Org", date(2026, 11, 22))
    assert gc.isenabled()
    gc.disable()
    try:
        convert(DOCUMENT, "Org", date(2026, 11, 22))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_lines_without_note_syntax_are_returned_as_they_are() -> None:
    for line in ("plain text", "a = b", "`x::y`", "- item: value", "[link](x)"):
        assert note_syntax(line) == line
    assert note_syntax("see [[Page#Part|the page]]") == "see the page"
    assert note_syntax("==marked==") == "marked"
    assert note_syntax("owner:: Jane") == "**owner**: Jane"
