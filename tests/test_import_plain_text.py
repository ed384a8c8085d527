"""Printed phone sheets kept as plain text: dot leaders ('Name ........ number'), suppliers with their
numbers indented under them, hours in brackets after a name, and a chain drawn downwards with '|'
stems, 'v' heads and the wait written on the arrow.

The generic checks (nothing invented, every line visible on the draft site) run on this file with
the rest of the corpus in test_import_corpus.py; here are the fields that must come out.
"""
from __future__ import annotations

import pytest

from generator.importer.plain_text import dot_leaders, drawn_chains

from .importcorpus import imported

SHEET = "printed-phone-sheet.txt"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, dict[str, object]]:
    return imported(tmp_path_factory, [SHEET])[SHEET]


def _contacts(outputs) -> dict[str, dict]:
    return {c["name"]: c for c in outputs["contacts.yaml"]["contacts"]}


def test_dot_leader_lines_are_contacts_with_their_numbers(outputs) -> None:
    contacts = _contacts(outputs)
    desk = contacts["IT help desk"]   # '(Mon-Fri 09:00-17:00)' is when, not part of the name
    assert desk["hours"] == "Mon-Fri 09:00-17:00" and desk["phone"] == "+1 555 0180"
    assert desk["email"] == "helpdesk@northgate-libraries.example"   # the line indented under it
    assert contacts["Sam Petrov, Network technician"]["phone"] == "+1 555 0183"


def test_a_supplier_is_the_line_its_numbers_are_indented_under(outputs) -> None:
    contacts = _contacts(outputs)
    supplier = contacts["Brightline Networks (branch internet)"]
    assert supplier["phone"] == "+1 555 0250" and supplier["kind"] == "vendor"   # under 'SUPPLIERS'
    assert "contract number — BN-4471" in supplier["notes"]
    assert "fault line, 24h" not in contacts


def test_a_chain_drawn_downwards_is_the_escalation_with_its_waits(outputs) -> None:
    levels = outputs["escalation.yaml"]["levels"]
    assert [lv["name"] for lv in levels] == ["Branch manager rings the IT help desk", "Ruth Okoye, IT Manager",
                                            "Brightline Networks fault line"]
    assert levels[1]["triggers"] == [{"after": "15m", "condition": "no answer in 15 min"}]
    assert levels[2]["triggers"] == [{"after": "30m", "condition": "no answer in 30 min"}]
    # the number after the name is how to reach that level, never when to go there
    assert _contacts(outputs)["Ruth Okoye, IT Manager"]["phone"] == "+1 555 0182"


def test_rewrites_keep_every_line_and_need_two_lines_of_the_shape() -> None:
    lines = ["Desk ........ +1 555 0100", "Lab ......... +1 555 0101", "", "See you . . . later"]
    dot_leaders(lines, {}, set())
    assert lines[:2] == ["- Desk — +1 555 0100", "- Lab — +1 555 0101"]
    single = ["Call the desk ........ +1 555 0100", "then wait."]
    dot_leaders(single, {}, set())
    assert single[0].startswith("Call the desk ....")   # one leader line is no list
    drawing, attached = ["Primary", "   |", "   |  after 5 min", "   v", "Secondary"], {}
    drawn_chains(drawing, attached, set())
    assert drawing == ["1. Primary", "", "after 5 min", "", "2. Secondary"]
    assert attached == {2: 3, 4: 3}
    code = ["Primary", "  |", "  v", "Secondary"]
    drawn_chains(code, {}, {0, 1, 2, 3})
    assert code[0] == "Primary"   # inside a code block a drawing is shown as drawn
