"""Severity ladders whose levels each lead a block of their own (tests/import_corpus fixtures):
callout titles, a list of status words, plain-text level paragraphs, sibling headings that say
'How serious is it?' rather than 'Severity', and a pandoc multiline table with a wrapped header."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.validate.imported import is_missing

from .conftest import TEST_TODAY
from .importcorpus import import_checked


def ladder(tmp_path: Path, name: str) -> list[dict]:
    return yaml.safe_load((import_checked(tmp_path, name) / "severities.yaml").read_text())["levels"]


def test_callout_titles_are_levels_with_their_times(tmp_path) -> None:
    levels = ladder(tmp_path, "callout-severity-ladder.md")
    assert [(lv["id"], lv["response_time"]) for lv in levels] == [("SEV-A", "10m"), ("SEV-B", "45m"), ("SEV-C", "8h")]
    assert levels[1]["description"] == "One merchant cannot take payments, or refunds are stuck."
    assert "Sev C — 8h" in levels[2]["aliases"]   # the title as written stays with the level
    assert all(is_missing(lv["paging"]) for lv in levels)


def test_status_words_in_a_list_are_a_ladder_and_a_later_mention_is_not_a_level(tmp_path) -> None:
    levels = ladder(tmp_path, "status-word-list.html")
    assert [(lv["id"], lv["response_time"]) for lv in levels] == [
        ("SEVERE", "5m"), ("MODERATE", "1h"), ("MINOR", "next-business-day")]
    assert levels[0]["paging"] == "page-24x7"   # 'any time of day'
    assert levels[1]["description"].startswith("one mode is broken for many players.")


def test_plain_text_level_paragraphs_with_examples_and_response_lines(tmp_path) -> None:
    levels = ladder(tmp_path, "plain-text-level-blocks.txt")
    assert [lv["id"] for lv in levels] == ["LEVEL1", "LEVEL2", "LEVEL3"]
    # 'within 3 hours during office hours': three business hours, not three around the clock
    assert [lv["response_time"] for lv in levels] == ["20m", "3bh", "next-business-day"]
    assert levels[0]["description"] == "Whole site affected"
    assert levels[1]["examples"] == ["heating off on one floor", "a meeting room door lock jammed."]
    # the words the time does not keep stay with the level, as written
    assert levels[1]["details"] == [{"label": "Response", "text": "within 3 hours during office hours."}]


def test_sibling_level_headings_under_a_question_heading(tmp_path) -> None:
    levels = ladder(tmp_path, "emoji-level-headings.md")
    assert [(lv["id"], lv["name"], lv["response_time"]) for lv in levels] == [
        ("SEV1", "nobody can check out", "5m"), ("SEV2", "checkout works, but slowly", "20m"),
        ("SEV3", "an annoyance", "next-business-day")]
    assert levels[0]["description"].startswith("The shop or the checkout is down for everyone.")


def test_pandoc_multiline_table_with_a_header_over_two_lines(tmp_path) -> None:
    levels = ladder(tmp_path, "pandoc-multiline-ladder.md")
    assert [(lv["id"], lv["name"], lv["response_time"]) for lv in levels] == [
        ("P1", "Critical", "10m"), ("P2", "High", "45m"), ("P3", "Normal", "4h")]
    assert {"label": "Typical case", "text": "One branch offline; card reader failures"} in levels[1]["details"]
    assert {"label": "Fix target", "text": "2 hours"} in levels[0]["details"]


@pytest.mark.parametrize("text", [
    "# Escalation levels\n\n- Level 1: the on-call engineer\n- Level 2: the team lead\n",
    "# Ideas\n\n- High: more caching\n- Low: a new logo\n",
])
def test_lists_that_only_look_like_ladders_are_left_alone(tmp_path, text) -> None:
    source = tmp_path / "doc.md"
    source.write_text(text)
    from generator.importer.run import NothingRecognized, import_documents
    try:
        import_documents([source], tmp_path / "out", today=TEST_TODAY)
    except NothingRecognized:
        return
    levels = yaml.safe_load((tmp_path / "out" / "severities.yaml").read_text())["levels"]
    assert all(is_missing(lv["id"]) for lv in levels)
