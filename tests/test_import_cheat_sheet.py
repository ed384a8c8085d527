"""A printed plain-text cheat sheet (emoji for bullets, capitals for headings, '$ ' before commands,
dot leaders, one arrow line for the chain) imports as its structure.

The generic checks (nothing invented, every line visible on the draft site) run on the fixture with
the rest of the corpus in test_import_corpus.py.
"""
from __future__ import annotations

import pytest

from generator.importer.plain_sheets import cheat_sheet

from .importcorpus import commands_of, import_checked, load

DOC = "printed-cheat-sheet-emoji.txt"



@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return import_checked(tmp_path_factory.mktemp("sheet"), DOC)


def test_leader_ladder_with_short_ack_times(out) -> None:
    levels = load(out, "severities.yaml")["levels"]
    assert [lv["id"] for lv in levels] == ["Q1", "Q2", "Q3"]
    assert [lv["response_time"] for lv in levels[:2]] == ["10m", "30m"]
    assert levels[2]["response_time"] == "1bd"   # '1 business day': business time, never a wall-clock '1d'


def test_emoji_bullets_give_contacts_roles_and_chain(out) -> None:
    contacts = {c["name"]: c.get("phone") for c in load(out, "contacts.yaml")["contacts"]}
    assert contacts["Dafydd Morgan (controls engineer)"] == "555-0147"
    assert contacts["Frostline alarm monitoring"] == "+44 20 7946 0221"
    roles = [r["name"] for r in load(out, "roles.yaml")["roles"]]
    assert roles == ["Shift lead", "Controls engineer", "Site manager"]
    chain = load(out, "escalation.yaml")["levels"]
    assert [lv["name"] for lv in chain] == ["night operator", "Dafydd Morgan", "Ines Carvalho"]
    assert chain[1]["contacts"] == ["dafydd-morgan-controls-engineer"]


def test_prompted_lines_are_the_playbooks_commands(out) -> None:
    book = load(out, "playbooks/sensor-gateway-silent.yaml")
    assert book["title"] == "SENSOR GATEWAY SILENT"   # the kind label is the page's, not the title
    assert commands_of(book) == ["ping -c 3 gw-chamber.local\nsudo systemctl status sensor-gateway",
                                 "sudo systemctl restart sensor-gateway"]


def test_quoted_messages_named_before_a_colon(tmp_path) -> None:
    doc = tmp_path / "sheet.txt"
    doc.write_text("💬 TEMPLATES\n📟 Status page (investigating):\n   \"We are looking into {summary}.\"\n"
                   "📱 SMS to the desk:\n   \"Down: {summary}. Bridge {link}.\"\n📣 Slack:\n   \"{summary}\"\n\n"
                   "📞 NUMBERS\n👤 Desk .......... 555-0100\n👤 Lead .......... 555-0101\n", encoding="utf-8")
    from datetime import date

    from generator.importer.run import import_documents

    import_documents([doc], tmp_path / "content", org_name="Corpus Org", today=date(2026, 11, 22))
    templates = {t["title"]: t for t in load(tmp_path / "content", "templates.yaml")["templates"]}
    assert templates["SMS to the desk"]["channel"] == "sms"
    assert templates["Status page (investigating)"]["body"] == "We are looking into {summary}.\n"


def test_markdown_documents_and_setext_headings_are_left_alone() -> None:
    markdown = ["# Title", "", "🔥 SEVERITY", "🔴 S1 down", "🟠 S2 slow", "🟢 S3 fine"]
    before = list(markdown)
    cheat_sheet(markdown, set())
    assert markdown == before
    setext = ["", "STAFF", "=====", "", "CONTACTS", "--------", "🔴 a", "🟠 b", "🟢 c"]
    cheat_sheet(setext, set())
    assert setext[1] == "STAFF" and setext[4] == "CONTACTS"


@pytest.mark.parametrize("line", ["!" * 5000 + "a", "🔥 " * 3000, "A" * 80 + "!" * 4000 + "a"])
def test_pathological_lines_end(line) -> None:
    """Lines no pattern may backtrack over for long (a nested quantifier once took minutes here)."""
    lines = ["", line, "x", "", line]
    cheat_sheet(lines, set())
    assert len(lines) == 5
