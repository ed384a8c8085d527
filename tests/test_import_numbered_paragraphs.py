"""Old-style typed procedures: headings underlined with '*' or '#', every paragraph numbered
('1.1  PRIORITY 1 (CRITICAL)' over lines indented to its text), tables laid out with spaces over a
rule of dashes, commands indented under their numbered step, 'ESCALATE IN THIS ORDER' over the
people numbered under it.

The generic checks (nothing invented, every line visible on the draft site) run on the fixture with
the rest of the corpus in test_import_corpus.py.
"""
from __future__ import annotations

import pytest

from generator.importer.plain_layout import character_underlines, numbered_paragraphs

from .importcorpus import commands_of, import_checked, load

DOC = "numbered-paragraph-procedure.txt"



@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return import_checked(tmp_path_factory.mktemp("numbered"), DOC)


def test_numbered_level_paragraphs_with_their_response_lines(out) -> None:
    levels = load(out, "severities.yaml")["levels"]
    assert [(lv["id"], lv["response_time"]) for lv in levels] == [("P1", "30m"), ("P2", "4h")]


def test_roles_contacts_and_the_numbered_chain(out) -> None:
    assert [r["name"] for r in load(out, "roles.yaml")["roles"]] == ["FAULT OWNER", "SUPPORT ENGINEER"]
    contacts = {c["name"]: c.get("phone") for c in load(out, "contacts.yaml")["contacts"]}
    assert contacts["M. ABERNETHY"] == "555-0152" and contacts["SERVICE DESK"] == "555-0150"
    chain = load(out, "escalation.yaml")["levels"]
    assert [lv["name"] for lv in chain] == ["DUTY ENGINEER", "M. ABERNETHY", "HEAD OF ICT"]
    assert chain[1]["contacts"] == ["m-abernethy"]


def test_numbered_title_lines_are_playbooks_with_their_indented_commands(out) -> None:
    book = load(out, "playbooks/procedure-a-file-server-unreachable.yaml")
    assert commands_of(book) == ["systemctl status smbd", "sudo systemctl restart smbd"]
    other = load(out, "playbooks/procedure-b-print-queue-stuck.yaml")
    assert commands_of(other) == ["cancel -a"]


def test_underlines_and_numbering_rewrites() -> None:
    lines = ["1. SCOPE", "********", "", "1.1  A PARAGRAPH", "     WRAPPED.", "", "1.2  ANOTHER.", "",
             "1.3  THIRD.", "", "1.4  FOURTH."]
    attached: dict[int, int] = {}
    character_underlines(lines, attached, set())
    numbered_paragraphs(lines, set())
    assert lines[:5] == ["## 1. SCOPE", "", "", "- 1.1 A PARAGRAPH", "  WRAPPED."]
    assert attached == {2: 1}
    few = ["1.1  ONE", "1.2  TWO", "text"]
    numbered_paragraphs(few, set())
    assert few == ["1.1  ONE", "1.2  TWO", "text"]   # fewer than four: left as written


def test_index_cards_framed_titles_spaced_entries_and_colour_codes(tmp_path) -> None:
    """Printed cards: titles between long rules, 'RED    text' entries (a colour-coded ladder),
    sibling dot-leader lines (never nested in each other), '1st  Duty engineer' (numbered)."""
    out = import_checked(tmp_path, "index-cards-plain.txt")
    assert [lv["id"] for lv in load(out, "severities.yaml")["levels"]] == ["RED", "AMBER", "GREEN"]
    contacts = {c["name"]: c.get("phone") for c in load(out, "contacts.yaml")["contacts"]}
    assert contacts["Priya Sandhu, IT Manager"] == "+44 20 7946 0702"
    assert contacts["Duty engineer (rota phone)"] == "020 7946 0701"
    chain = [lv["name"] for lv in load(out, "escalation.yaml")["levels"]]
    assert chain == ["Duty engineer", "Priya Sandhu", "Director of Care"]


def test_forum_post_in_bbcode(tmp_path) -> None:
    """A forum post saved as text: sized bold titles are headings, [list] items, [table] rows,
    [code] blocks whose text starts on the tag's line, a [spoiler=Name] message."""
    out = import_checked(tmp_path, "forum-post-bbcode.txt")
    levels = load(out, "severities.yaml")["levels"]
    assert [(lv["id"], lv["response_time"]) for lv in levels] == [("SEV1", "10m"), ("SEV2", "1h")]
    contacts = {c["name"]: c.get("phone") for c in load(out, "contacts.yaml")["contacts"]}
    assert contacts["Jon Kerrigan"] == "+44 20 7946 0811" and contacts["Port control"] == "020 7946 0800"
    book = load(out, "playbooks/gate-readers-offline.yaml")
    assert commands_of(book) == ["systemctl status gate-reader\nsudo systemctl restart gate-reader"]
    assert [t["title"] for t in load(out, "templates.yaml")["templates"]] == ["Port screens - investigating"]
