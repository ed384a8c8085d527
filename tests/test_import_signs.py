"""A pass's sign (searched once in the whole text) is found wherever the pass itself would act.

The signs in generator/importer/signs.py let a rewrite pass skip a document without its shape; a
sign that missed a line the pass's own pattern matches would silently drop that rewrite. Each sign
is checked against the pattern it stands for, on generated lines and inside a document.
"""
from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from generator.importer import signs
from generator.importer.bold_headings import DRAWN_BULLET, ESCAPED_ITEM
from generator.importer.indented_code import _indent
from generator.importer.outline import LETTERED, PAREN_LETTER, STEP_LINE, TEL_WORD
from generator.importer.outline_numbers import CLAUSE, TAB_ITEM
from generator.importer.plain_layout import NUMBERED_CLAUSE, NUMBERED_PARAGRAPH, SPACED_ENTRY
from generator.importer.toggles import TOGGLE

# a line is an indent, a marker the passes turn on, and text; each part drawn from what documents use
INDENTS = st.sampled_from(["", " ", "  ", "   ", "    ", "      ", "\t", " \t", "\xa0" * 4, "\u3000", "  \t"])
MARKERS = st.sampled_from(["", "a) ", "(a) ", "b. ", "c) ", "Step 1 - ", "step 12: ", "STEP 3) ", "1.2  ", "7.1.1 ",
                           "2.2.  ", "• ", "◦\t", "o\t", "§\t", "▸ ", "- ▶ ", "RED    ", "1st  ", "1.\t", "•\t",
                           "\\- ", "2\\. ", "tel. 0", "Phone: +4", "mob 07", "|  ", "x"])
TEXT = st.text(alphabet=" \tabcxyz:.-()1234567", max_size=12)
LINE = st.builds(lambda indent, marker, text: indent + marker + text, INDENTS, MARKERS, TEXT)

PAIRS = [
    (lambda line: bool(LETTERED.match(line)), signs.INDENTED_LETTER),
    (lambda line: bool(STEP_LINE.match(line)), signs.STEP_WORD),
    (lambda line: bool(SPACED_ENTRY.match(line)), signs.SPACED_ID),
    (lambda line: bool(NUMBERED_PARAGRAPH.match(line) or NUMBERED_CLAUSE.match(line) or CLAUSE.match(line)),
     signs.PART_NUMBERED),
    (lambda line: bool(DRAWN_BULLET.match(line)), signs.DRAWN_BULLET),
    (lambda line: bool(TOGGLE.match(line)), signs.TOGGLE_MARK),
    (lambda line: bool(line.strip()) and _indent(line) >= 4, signs.INDENTED),
    (lambda line: line.rstrip().endswith(":"), signs.COLON_END),
    (lambda line: bool(TEL_WORD.search(line)), TEL_WORD),
]
LITERALS = [
    (lambda line: bool(PAREN_LETTER.match(line)) and "a)" in line, "a)"),
    (lambda line: bool(TAB_ITEM.match(line)), "\t"),
    (lambda line: bool(ESCAPED_ITEM.match(line)) or "\\-" in line, "\\"),
]


@settings(max_examples=400, deadline=None)
@given(before=st.lists(LINE, max_size=3), line=LINE, after=st.lists(LINE, max_size=3))
def test_a_sign_is_found_wherever_its_pass_would_act(before: list[str], line: str, after: list[str]) -> None:
    lines = before + [line] + after
    for acts, sign in PAIRS:
        if acts(line):
            assert not signs.absent(lines, sign), (sign.pattern, line)
    for acts, literal in LITERALS:
        if acts(line):
            assert not signs.without(lines, literal), (literal, line)


def test_signs_rule_out_a_document_without_the_shapes() -> None:
    lines = ["# Runbooks", "", "## Service down", "", "- Restart the service", "", "```bash", "kubectl logs svc", "```"]
    for _, sign in PAIRS:
        assert signs.absent(lines, sign), sign.pattern


def test_a_first_line_shows_its_sign() -> None:
    """The text searched starts with a line break, so a sign about a line's start finds the first line."""
    assert not signs.absent(["    ssh ops-jump01"], signs.INDENTED)
    assert not signs.absent(["Step 1 - Check the gate"], signs.STEP_WORD)
    assert not signs.absent(["  b) the second"], signs.INDENTED_LETTER)
    assert re.search(signs.COLON_END, "Check:")
