"""A runbook kept as YAML-like 'key: value' text in a '.txt' (it was a runbook.yaml until people
broke it) imports as its structure: keys over nested lines are headings, records after '---' are
playbooks named by their first value, command lists are code, a list of 'step/who/when' mappings
is the chain, block scalars are messages, a pasted CSV table is the contacts.

The generic checks (nothing invented, every line visible on the draft site) run on the fixture with
the rest of the corpus in test_import_corpus.py.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.importer.markup import convert_markup
from generator.importer.markup.yamlish import is_yamlish

from .importcorpus import commands_of, import_checked, load

DOC = "keyvalue-runbook-blocks.txt"



@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return import_checked(tmp_path_factory.mktemp("yamlish"), DOC)


def test_nested_keys_under_a_levels_key_are_the_ladder(out) -> None:
    levels = load(out, "severities.yaml")["levels"]
    assert [lv["id"] for lv in levels] == ["P1", "P2", "P3"]
    assert levels[0]["description"] == "presses stopped on every line"


def test_pasted_csv_rows_are_contacts(out) -> None:
    contacts = {c["name"]: c for c in load(out, "contacts.yaml")["contacts"]}
    assert contacts["Odile Marchetti"]["phone"] == "555-0134"
    assert contacts["Kessel Controls support"]["phone"] == "+44 20 7946 0612"


def test_list_of_step_mappings_is_the_chain(out) -> None:
    levels = load(out, "escalation.yaml")["levels"]
    assert [lv["name"] for lv in levels] == ["press systems on-call", "Odile Marchetti", "Rafe Okoro"]
    assert levels[1]["contacts"] == ["odile-marchetti"]
    assert "no fix within 20 min" in levels[1]["triggers"][0]["condition"]


def test_record_after_separator_is_a_playbook_with_its_commands(out) -> None:
    books = [load(out, f"playbooks/{p.name}") for p in (out / "playbooks").iterdir()]
    assert [b["title"] for b in books] == ["plate router offline"]
    assert commands_of(books[0]) == ["systemctl status plate-router\ncurl -s http://plate-router.local:9090/health",
                                     "sudo systemctl restart plate-router"]


def test_block_scalar_under_messages_is_a_template(out) -> None:
    templates = load(out, "templates.yaml")["templates"]
    assert [t["title"] for t in templates] == ["floor-notice"]
    assert "{line}" in templates[0]["body"] and "{time}" in templates[0]["body"]


def test_prose_and_markdown_are_not_yamlish() -> None:
    prose = ["Contacts: call the desk.", "", "Severity: see below.", "The desk is open 24/7.", "Note: none"] * 3
    assert not is_yamlish(prose)
    markdown = ["# Title", "", "## Levels", "", "- **P1**: down", "- **P2**: slow", "", "Text here."] * 2
    assert not is_yamlish(markdown)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a:", "  b: c", "  - d", "---", "# x", "e,f,g", "h,i,j", "  k: |", "    l",
                                 "- step: 1", "  who: m", "", "n: 'o'", "p:q"]), max_size=20))
def test_any_shape_keeps_every_line(lines) -> None:
    converted = convert_markup("x.txt", lines)
    if converted is not None:
        assert len(converted.lines) == len(lines)
