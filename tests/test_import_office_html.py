"""`playbook import` on HTML as office programs save it: a spreadsheet saved as a web page is
one big table laid out for the eye (a row with one cell across the sheet is a title or a
sentence, empty rows are gaps, each small table starts with its header row), and its tags are
broken over lines. A 'Mobile' column is a phone, and 'TBC' is left to fill in, never a number.

The generic checks (nothing invented, every line visible on the draft site) run on the fixture
with the rest of the corpus in test_import_corpus.py; here are the fields that must come out.
"""
from __future__ import annotations

import pytest

from generator.importer.dialects import rewrite
from generator.importer.mdparse import parse
from generator.validate.imported import LEFT_TO_FILL

from .importcorpus import imported

NAME = "spreadsheet-contacts-export.htm"


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> dict[str, object]:
    return imported(tmp_path_factory, [NAME])[NAME]


def test_the_sheet_title_row_and_sentence_row_become_a_heading_and_its_text(docs) -> None:
    guidance = docs["contacts.yaml"]["guidance"]
    assert guidance == [{"title": "RIVERSIDE LIBRARIES – SYSTEMS ON-CALL CONTACTS",
                         "text": "Keep a printed copy at the enquiry desk. Changes go to the systems team lead."}]


def test_the_sheets_own_table_gives_contacts_with_the_mobile_column_as_phone(docs) -> None:
    contacts = {c["name"]: c for c in docs["contacts.yaml"]["contacts"]}
    assert contacts["Systems on-call"]["phone"] == "+1 555 0171"
    assert contacts["Gwen Adeyemi"]["title"] == "Systems team lead"
    assert "phone" not in contacts["Gwen Adeyemi"]               # 'TBC': no number made up
    assert "Mobile: TBC" in contacts["Gwen Adeyemi"]["notes"]   # and the cell stays, under its column


def test_rows_split_at_full_width_rows_and_gaps_keeping_every_line() -> None:
    lines = ["<table>", "<tr><td colspan=3>ON-CALL</td></tr>", "<tr><td></td><td></td><td></td></tr>",
             "<tr><td>Name</td><td>Phone</td><td>Notes</td></tr>", "<tr><td>Desk</td><td>+1 555 0100</td>",
             "<td>24x7</td></tr>", "</table>"]
    out = rewrite(lines)
    assert len(out.lines) == len(lines) and out.lines[1] == "# ON-CALL"
    tables = [b for b in parse("\n".join(out.lines)).all_blocks() if b.kind == "table"]
    assert [t.rows for t in tables] == [[["Name", "Phone", "Notes"], ["Desk", "+1 555 0100", "24x7"]]]
    assert out.attached[3] == 2 and out.attached[1] == 2   # the gap and the opening go with the heading


def test_a_table_with_header_cells_is_not_a_sheet() -> None:
    lines = ["<table>", "<tr><th>Level</th><th>Meaning</th></tr>", "<tr><td colspan=2>Customer-facing</td></tr>",
             "<tr><td>P1</td><td>Down</td></tr>", "</table>"]
    assert rewrite(lines).lines[:4] == lines[:4]


def test_a_tag_broken_over_lines_is_markup_that_goes_with_the_text_after_it() -> None:
    out = rewrite(['<html xmlns:o="urn:a"', 'xmlns:x="urn:b">', "<body>", "<p>Call the desk.</p>"])
    assert out.lines == ["", "", "", "Call the desk."]
    assert out.attached[2] == 1 and out.attached[1] == 3 and out.attached[3] == 4   # in a chain to the text
    assert rewrite(["Replace <your name", "> quoted reply"]).lines[0] == "Replace <your name"   # not a tag


def test_tbc_is_a_placeholder() -> None:
    assert LEFT_TO_FILL.search("Phone: TBC")


def test_a_sheet_shown_as_code_is_left_as_written() -> None:
    lines = ["```html", "<table>", "<tr><td colspan=2>ON-CALL</td></tr>", "<tr><td>Desk</td><td>+1 555 0100</td></tr>",
             "</table>", "```"]
    assert rewrite(lines).lines == lines
