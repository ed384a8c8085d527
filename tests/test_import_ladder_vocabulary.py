"""Ladders written in other words: a team's own level prefix over nested bullets, bold level ids
leading paragraphs under a question heading, 'Urgent'/'Normal' level headings, a 'how fast' column."""
from __future__ import annotations

from pathlib import Path

import yaml

from generator.validate.imported import is_missing

from .importcorpus import commands_of, import_checked


def ladder(tmp_path: Path, name: str) -> list[dict]:
    return yaml.safe_load((import_checked(tmp_path, name) / "severities.yaml").read_text())["levels"]


def test_own_prefix_levels_over_nested_bullets(tmp_path) -> None:
    levels = ladder(tmp_path, "nested-bold-level-items.md")
    assert [(lv["id"], lv["name"]) for lv in levels] == [("FR1", "Critical"), ("FR2", "High"), ("FR3", "Low")]
    assert [lv["response_time"] for lv in levels[:2]] == ["10m", "2h"]
    assert is_missing(levels[2]["response_time"])   # the source gives FR-3 no time
    assert levels[0]["description"].startswith("Card data or customer money is being taken right now.")
    assert "FR-2 · High" in levels[1]["aliases"]


def test_bold_level_paragraphs_under_a_question_heading(tmp_path) -> None:
    levels = ladder(tmp_path, "bold-level-paragraphs-question.md")
    assert [lv["id"] for lv in levels] == ["P0", "P1", "P2"]
    assert [lv["response_time"] for lv in levels[:2]] == ["5m", "30m"]   # 'be on it within', 'eyes on it inside'


def test_urgent_and_normal_are_level_names(tmp_path) -> None:
    levels = ladder(tmp_path, "urgent-normal-headings.md")
    assert [(lv["id"], lv["response_time"]) for lv in levels] == [("URGENT", "20m"), ("NORMAL", "4h"), ("LOW", "3d")]
    assert levels[0]["paging"] == "page-24x7"


def test_how_fast_column_is_the_response_time(tmp_path) -> None:
    levels = ladder(tmp_path, "how-fast-column.md")
    assert [lv["response_time"] for lv in levels[:2]] == ["10m", "2h"]
    assert is_missing(levels[2]["response_time"])   # 'whenever' is no time
    assert {"label": "how fast", "text": "drop everything, ack in 10 min"} in levels[0]["details"]


def test_plain_text_email_with_capital_section_lines_and_hanging_levels(tmp_path) -> None:
    out = import_checked(tmp_path, "email-thread-capital-sections.txt")
    levels = yaml.safe_load((out / "severities.yaml").read_text())["levels"]
    assert [(lv["id"], lv["response_time"]) for lv in levels] == [("SEVERE", "15m"), ("MINOR", "4h")]
    assert levels[0]["description"] == "Nobody can place an order anywhere, or card data may be exposed."
    chain = yaml.safe_load((out / "escalation.yaml").read_text())["levels"]
    assert [lv["name"] for lv in chain] == ["Duty engineer on shift", "Platform lead on call", "Head of Operations"]


def test_slide_deck_colour_codes_chain_and_playbook_of_prose_and_code(tmp_path) -> None:
    out = import_checked(tmp_path, "slide-deck-colour-codes.md")
    levels = yaml.safe_load((out / "severities.yaml").read_text())["levels"]
    assert [(lv["id"], lv["name"]) for lv in levels] == [("CODE-RED", "Code Red"), ("CODE-AMBER", "Code Amber"),
                                                         ("CODE-GREEN", "Code Green")]
    assert [lv["response_time"] for lv in levels[:2]] == ["15m", "2h"]
    assert is_missing(levels[2]["response_time"])
    assert "Speaker notes" not in levels[2]["description"]
    chain = yaml.safe_load((out / "escalation.yaml").read_text())["levels"]
    assert [lv["name"] for lv in chain][:2] == ["Warehouse on-call", "Logistics systems lead"]
    book = yaml.safe_load((out / "playbooks" / "label-printer-queue-stuck-at-spooling.yaml").read_text())
    assert book["title"] == 'label printer queue stuck at "Spooling"'   # the closing quote kept
    codes = commands_of(book)
    assert codes == ["lpstat -o\nsudo systemctl restart cups"]


def test_office_html_grades_with_their_name_under_a_line_break(tmp_path) -> None:
    levels = ladder(tmp_path, "office-html-category-table.html")
    assert [(lv["id"], lv["name"]) for lv in levels] == [
        ("CATEGORY-1", "Emergency"), ("CATEGORY-2", "Urgent"), ("CATEGORY-3", "Routine")]
    assert [lv["response_time"] for lv in levels[:2]] == ["30m", "4h"]
    assert levels[2]["response_time"] == "5bd"   # five working days is no calendar time: business days


def test_data_frame_table_with_an_unnamed_index_column_and_a_page_within_column(tmp_path) -> None:
    levels = ladder(tmp_path, "notebook-dataframe-ladder.md")
    assert [(lv["id"], lv["response_time"]) for lv in levels] == [("S1", "5m"), ("S2", "1h")]
    # the index column (0, 1) is no detail, and no detail has an empty label (the schema refuses one)
    assert all(d["label"] for lv in levels for d in lv.get("details", []))
    assert not any(d["text"] in ("0", "1") for lv in levels for d in lv.get("details", []))


def test_a_hat_table_is_the_roles(tmp_path) -> None:
    out = import_checked(tmp_path, "slide-deck-colour-codes.md")
    roles = yaml.safe_load((out / "roles.yaml").read_text())["roles"]
    assert [r["name"] for r in roles] == ["Incident Lead", "Scribe"]


def test_plain_text_status_stage_paragraphs_are_templates(tmp_path) -> None:
    out = import_checked(tmp_path, "email-thread-capital-sections.txt")
    templates = yaml.safe_load((out / "templates.yaml").read_text())["templates"]
    assert [(t["title"], t["stage"]) for t in templates] == [("Investigating", "investigating"), ("Resolved", "resolved")]
    assert templates[0]["body"].strip() == "We are looking into {issue} affecting {region}."
