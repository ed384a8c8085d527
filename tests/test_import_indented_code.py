"""Markdown's indented code blocks (four spaces, after a blank line, outside a list): message
templates on a wiki page and commands in an older README are code, as CommonMark reads them; an
indented block right after a fenced one is that command's output (notebook and pandoc exports),
never a command; '%NAME%' is a template's fill-in like '[name]'.

The generic checks run on the fixture with the rest of the corpus in test_import_corpus.py.
"""
from __future__ import annotations

import pytest

from generator.importer.indented_code import fence_indented_code

from .importcorpus import imported

WIKI = "wiki-indented-templates.md"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, object]:
    return imported(tmp_path_factory, [WIKI], report=True)[WIKI]


def test_indented_messages_are_templates(outputs) -> None:
    templates = {t["title"]: t for t in outputs["templates.yaml"]["templates"]}
    assert templates["Investigating"]["body"] == ("We are looking into problems with %SERVICE%. Some customers may\n"
                                                  "see errors. Next update by %TIME% UTC.\n")
    assert templates["Resolved"]["stage"] == "resolved"   # one line, known a message by its %FILL_INS%


def test_indented_commands_are_commands_but_output_is_not(outputs) -> None:
    book = outputs["playbooks/mail-queue-stuck.yaml"]
    commands = [c["code"] for stage in book["steps"].values() for step in stage for c in step.get("commands", [])]
    assert commands == ["postqueue -p | tail -1", "postqueue -f"]


def test_a_heading_right_after_an_indented_block_stays_a_heading(outputs) -> None:
    assert "RESTARTING (" in outputs["_report"]   # the setext heading is a section of the report


def test_fencing_keeps_the_lines_and_leaves_lists_alone() -> None:
    lines = ["Text:", "", "    code one", "    code two", "", "after"]
    assert fence_indented_code(lines, set()) == ["Text:", "```", "code one", "code two", "```", "after"]
    in_list = ["- item", "", "    more of the item", "", "end"]
    assert fence_indented_code(in_list, set()) == in_list
    no_room = ["Text:", "", "    code", "text right after"]
    assert fence_indented_code(no_room, set()) == no_room   # no line free for a closing fence
