"""`playbook import` on tables drawn with characters: pandoc's grid tables (Word converted to
Markdown) and column tables under runs of dashes (plain-text e-mail, pandoc's simple and
multiline tables), whose cells wrap over several lines; and a ladder column that numbers its
levels under a header that names them ('Category' over '1 -- Critical').

The generic checks (nothing invented, every line visible on the draft site) run on the two
fixtures with the rest of the corpus in test_import_corpus.py; here are the fields that must come out.
"""
from __future__ import annotations

import pytest

from generator.importer.mdparse import parse
from generator.importer.text_tables import draw_tables
from generator.validate.imported import is_missing

from .importcorpus import imported

MEMO = "plain-text-severity-memo.txt"
GRID = "word-export-grid-table.md"


def rows(lines: list[str]) -> list[list[str]]:
    tables = [b for b in parse("\n".join(draw_tables(lines))).all_blocks() if b.kind == "table"]
    assert len(tables) == 1
    return tables[0].rows


def test_a_grid_table_is_read_row_by_row_with_its_wrapped_cells_joined() -> None:
    lines = ["+------+----------------+", "| Id   | Meaning        |", "+======+================+",
             "| P1   | Everything is  |", "|      | down           |", "+------+----------------+",
             "| P2   | Slow           |", "+------+----------------+"]
    assert rows(lines) == [["Id", "Meaning"], ["P1", "Everything is down"], ["P2", "Slow"]]
    assert len(draw_tables(lines)) == len(lines)   # every line keeps its number


def test_a_column_table_carries_a_row_on_where_the_first_column_is_empty() -> None:
    lines = ["  Level  What it means             Ack", "  -----  ------------------------  -----",
             "  SEV1   Nothing ships; customers  5 min", "         cannot track parcels", 
             "  SEV2   One depot down            30 min", "", "After the table."]
    assert rows(lines) == [["Level", "What it means", "Ack"],
                           ["SEV1", "Nothing ships; customers cannot track parcels", "5 min"],
                           ["SEV2", "One depot down", "30 min"]]
    assert draw_tables(lines)[6] == "After the table."


def test_a_word_that_runs_across_a_column_start_stays_whole() -> None:
    lines = ["Who        Phone", "---------  ------", "Service desk +1 555 0100"]
    assert rows(lines)[1] == ["Service desk", "+1 555 0100"]


def test_a_multiline_table_has_its_rows_between_blank_lines() -> None:
    lines = ["-----------------------------", "Team      Duty", "--------  ----------------",
             "Network   Routers and", "on call   firewalls", "", "Storage   Arrays", "-----------------------------"]
    assert rows(lines) == [["Team", "Duty"], ["Network on call", "Routers and firewalls"], ["Storage", "Arrays"]]


@pytest.mark.parametrize("lines", [
    ["Title", "-----", "text"],                       # a setext heading: one run of dashes
    ["```", "a  b", "---  ---", "1  2", "```"],        # inside a code block: shown as written
    ["", "---  ---", "1  2"],                          # dashes with nothing above them
])
def test_what_is_not_a_drawn_table_is_left_alone(lines) -> None:
    assert draw_tables(lines) == lines


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> dict[str, dict]:
    return imported(tmp_path_factory, [MEMO, GRID])


def test_plain_text_memo_ladder_from_its_column_table(docs) -> None:
    levels = docs[MEMO]["severities.yaml"]["levels"]
    assert [(lv["id"], lv["name"], lv["response_time"]) for lv in levels] == [
        ("SEV1", "Critical", "10m"), ("SEV2", "Major", "30m"), ("SEV3", "Minor", "next-business-day")]
    assert levels[0]["description"] == "Orders cannot be picked or shipped at any site"
    assert all(is_missing(lv["paging"]) for lv in levels)   # the memo never says how to page


def test_word_export_categories_are_a_ladder_numbered_under_its_header(docs) -> None:
    levels = docs[GRID]["severities.yaml"]["levels"]
    assert [(lv["id"], lv["name"]) for lv in levels] == [
        ("CATEGORY-1", "Critical"), ("CATEGORY-2", "Serious"), ("CATEGORY-3", "Minor")]
    assert [lv["response_time"] for lv in levels] == ["15m", "2h", "next-business-day"]   # 'Next working day'
    assert levels[0]["description"] == "Loss of supply to customers or a risk to public health"
