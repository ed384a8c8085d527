"""Typed procedures lay out with spaces what a word processor would format, and Sphinx pages draw
tables with '=' and '+---+': both import as their structure, not as code or loose text.

The generic checks (nothing invented, every line visible on the draft site) run on the fixtures
with the rest of the corpus in test_import_corpus.py; here are the fields that must come out.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.importer.indented_code import fence_indented_code
from generator.importer.markup import convert_markup
from generator.importer.plain_layout import hanging_terms, is_layout, numbered_subheadings

from .importcorpus import commands_of, import_checked, load

TYPED = "typed-procedure-indented-layout.txt"
SPHINX = "sphinx-tables-runbook.rst"



@pytest.fixture(scope="module")
def typed(tmp_path_factory):
    return import_checked(tmp_path_factory.mktemp("typed"), TYPED)


@pytest.fixture(scope="module")
def sphinx(tmp_path_factory):
    return import_checked(tmp_path_factory.mktemp("sphinx"), SPHINX)


def test_indented_ladder_is_levels_with_their_labelled_times(typed) -> None:
    levels = {lv["id"]: lv for lv in load(typed, "severities.yaml")["levels"]}
    assert list(levels) == ["PR1", "PR2", "PR3"]
    assert [levels[i]["response_time"] for i in levels] == ["20m", "2h", "next-business-day"]
    assert levels["PR1"]["update_every"] == "45m"
    assert "update_every" not in levels["PR2"]


def test_indented_phone_list_and_numbered_escalation(typed) -> None:
    contacts = {c["name"]: c.get("phone") for c in load(typed, "contacts.yaml")["contacts"]}
    assert contacts["Systems duty phone"] == "555-0161"
    assert contacts["Orla Brennan, Systems Manager"] == "+1 555 0100 662"
    assert contacts["Kestrel Networks support"] == "+44 161 496 0521"
    steps = [level["name"] for level in load(typed, "escalation.yaml")["levels"]]
    assert steps == ["Systems duty phone", "Orla Brennan", "Head of Library Services"]


def test_terms_over_indented_text_are_roles(typed) -> None:
    roles = {r["name"]: r["responsibilities"] for r in load(typed, "roles.yaml")["roles"]}
    assert list(roles) == ["Fault Lead", "Branch Contact"]
    assert roles["Fault Lead"][0].startswith("The person holding the duty phone.")


def test_numbered_lines_under_a_heading_are_playbooks_with_their_commands(typed) -> None:
    books = {p.stem: load(typed, f"playbooks/{p.name}") for p in (typed / "playbooks").iterdir()}
    titles = sorted(b["title"] for b in books.values())
    assert titles == ["Kiosk cannot reach the catalogue", "Public Wi-Fi portal not loading"]   # numbers: structure
    kiosk = next(b for b in books.values() if b["title"].startswith("Kiosk"))
    assert commands_of(kiosk) == ["ping -c 3 catalogue.marlow.example\nsudo systemctl restart kiosk-agent"]


def test_review_form_of_empty_labels_is_the_postmortem_template(typed) -> None:
    sections = [s["title"] for s in load(typed, "postmortem.yaml")["sections"]]
    assert sections == ["Fault reference", "Priority", "Branches affected", "What happened",
                        "What we will change (owner / date)"]


def test_list_table_cell_wrapped_over_two_lines_stays_one_cell(sphinx) -> None:
    levels = {lv["id"]: lv for lv in load(sphinx, "severities.yaml")["levels"]}
    assert [lv["response_time"] for lv in levels.values()] == ["5m", "1h"]
    first = next(iter(levels.values()))
    assert first["description"] == "Shoppers cannot check out in any store; the tills fall back to offline mode."


def test_simple_and_grid_tables_give_contacts(sphinx) -> None:
    contacts = {c["name"]: c for c in load(sphinx, "contacts.yaml")["contacts"]}
    assert contacts["Till support rota"]["phone"] == "555-0133"
    assert contacts["Imani Castell"]["title"] == "platform lead"   # 'Who | Role': who is the name
    assert contacts["Cardwise payments"]["phone"] == "+44 20 7946 0877"
    assert contacts["Shelfnet hosting"]["phone"] == "555-0194"


@pytest.mark.parametrize("block", [
    ["    sudo systemctl restart kiosk-agent", "    ping -c 3 host"],
    ["    1. kubectl get pods --all-namespaces", "    2. kubectl describe pod x"],
    ["    We are aware of a problem in [area].", "    Next update by [time]."],
    ["    Incident ticket:", "    Priority:", "    Summary:"],
    ["    P1  only one entry"],
])
def test_code_messages_and_forms_stay_code(block) -> None:
    assert not is_layout(block)
    fenced = fence_indented_code(["Text", "", *block, ""], set())
    assert fenced[1] == "```"


@pytest.mark.parametrize("block", [
    ["    1. Tier 1 analyst", "    2. Duty manager"],
    ["    Duty desk ........ 555-0100", "    Vendor ........... 555-0101"],
    ["    S1  Everything is down,", "        all regions.", "    S2  One region is down."],
])
def test_lists_leaders_and_ladders_drawn_with_spaces_are_text(block) -> None:
    assert is_layout(block)
    moved = fence_indented_code(["Text", "", *block, ""], set())
    assert "```" not in moved and moved[2] == block[0].lstrip()


def test_hanging_terms_need_two_and_keep_every_line() -> None:
    lines = ["", "Lead", "    Runs the call.", "", "Scribe", "    Writes it down.", ""]
    hanging_terms(lines, set())
    assert lines == ["", "**Lead**:", "Runs the call.", "", "**Scribe**:", "Writes it down.", ""]
    single = ["", "Lead", "    Runs the call.", ""]
    hanging_terms(single, set())
    assert single == ["", "Lead", "    Runs the call.", ""]


def test_numbered_subheadings_go_one_below_the_heading_they_are_under() -> None:
    lines = ["Fixes", "-----", "", "3.1 Kiosk down", "", "text", "", "3.2 Wi-Fi down", "", "text"]
    numbered_subheadings(lines, set())
    assert lines[3] == "### 3.1 Kiosk down" and lines[7] == "### 3.2 Wi-Fi down"
    alone = ["## Fixes", "", "3.1 Only one", "", "text"]
    numbered_subheadings(alone, set())
    assert alone[2] == "3.1 Only one"


@pytest.mark.parametrize("lines", [
    ["=====  =====", "a      b"],                      # no closing border
    ["+----+----+", "| a  | b  |"],                    # grid never closed
    ["+--+", "|x|", "+==+"],
    ["=====  =====", "", "", "=====  ====="],
])
def test_broken_rst_tables_never_raise_and_keep_line_count(lines) -> None:
    converted = convert_markup("x.rst", lines)
    assert len(converted.lines) == len(lines)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["=====  =====", "+---+---+", "| a | b |", "+===+===+", "a      b",
                                 "    c", "", "   * - x", "     - y", ".. list-table::", "   :header-rows: 1"]),
                max_size=14))
def test_rst_tables_of_any_shape_keep_line_count(lines) -> None:
    assert len(convert_markup("x.rst", lines).lines) == len(lines)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["", "    1. a", "    b ..... 555-0100", "    P1  Down", "        more",
                                 "Term", "    text", "5.1 Title", "x", "    sudo ls"]), max_size=16))
def test_plain_layout_rewrites_keep_line_count(lines) -> None:
    out = fence_indented_code(list(lines), set())
    hanging_terms(out, set())
    numbered_subheadings(out, set())
    assert len(out) == len(lines)
