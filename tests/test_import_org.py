"""Emacs org-mode files (``.org``, or a ``.txt`` file that shows org's signs) import as their Markdown
twins would: the file is rewritten line for line first (markup/org.py), so its headings, tables, SRC
and EXAMPLE blocks and lists reach the importer's usual readers, and line numbers stay the source's.

The generic checks (nothing invented, every line visible on the draft site) run on the fixture with
the rest of the corpus in test_import_corpus.py; here are the fields that must come out.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.importer.files import DOCUMENT_SUFFIXES
from generator.importer.markup import convert_markup

from .importcorpus import imported

ORG = "ferry-terminal-oncall.org"


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> dict[str, object]:
    return imported(tmp_path_factory, [ORG], report=True)[ORG]


def test_org_files_are_documents_the_importer_reads() -> None:
    assert ".org" in DOCUMENT_SUFFIXES


def test_priority_table_with_wrapped_cells_gives_the_levels(output) -> None:
    levels = {level["id"]: level for level in output["severities.yaml"]["levels"]}
    assert list(levels) == ["P1", "P2", "P3"]
    # a row whose first cell is empty carries on the row above
    assert levels["P1"]["description"] == "No sailing can be booked, or the terminal gates reject every boarding pass"
    assert [levels[p]["response_time"] for p in levels] == ["15m", "1h", "1d"]


def test_contacts_table_gives_contacts(output) -> None:
    contacts = {c["name"]: c for c in output["contacts.yaml"]["contacts"]}
    assert contacts["Booking on-call"]["phone"] == "+44 20 7946 0321"
    assert contacts["Terminal control room, Dover"]["phone"] == "+44 1304 555 210"


def test_numbered_list_under_escalation_gives_the_chain(output) -> None:
    levels = output["escalation.yaml"]["levels"]
    assert [level["name"] for level in levels] == [
        "Booking on-call (whoever holds the pager on the rota this week)", "Marta Quayle",
        "Head of digital (only for a P1 lasting over two hours)"]
    assert levels[1]["triggers"] == [{"condition": "after 30 minutes without a fix"}]   # after its '--'


def test_src_blocks_give_commands_with_their_language(output) -> None:
    commands = [(c["lang"], c["code"]) for name, book in output.items() if name.startswith("playbooks/")
                for stage in book["steps"].values() for step in stage for c in step.get("commands", [])]
    assert sorted(commands) == [("bash", "kubectl -n booking get pods -l app=booking-api"),   # inside list items
                                ("bash", "kubectl -n booking logs deploy/booking-api --since=10m | tail -40"),
                                ("sh", "gatectl status --terminal dover\ngatectl resync --terminal dover")]
    # the two runbooks under '* Runbooks' are a playbook each, not one of two conditions
    assert sorted(name for name in output if name.startswith("playbooks/")) == [
        "playbooks/booking-api-returning-503-api.yaml", "playbooks/gate-scanners-offline.yaml"]


def test_example_block_is_a_message_template(output) -> None:
    [template] = output["templates.yaml"]["templates"]
    assert template["title"] == "DONE Delay notice"   # the TODO keyword is a word a reader sees: kept
    assert template["subject"] == "Harbourline bookings delayed"
    assert "<update time>" in template["body"] and "#+BEGIN_EXAMPLE" not in template["body"]


def test_checkbox_lists_give_the_shift_checklist(output) -> None:
    phases = output["process.yaml"]["phases"]
    assert [p["name"] for p in phases] == ["Start of shift", "End of shift"]
    assert phases[0]["checklist"][2] == "Open the booking dashboard (https://grafana.example.net/d/booking)"


def test_file_keywords_are_front_matter_and_settings_are_hidden(output) -> None:
    text = str({k: v for k, v in output.items() if k != "_report"})
    assert "- author: Booking Platform team" in text and "- date: 2025-09-14" in text
    for markup in ("#+STARTUP", "showall", "toc:nil", ":CUSTOM_ID:", ":PROPERTIES:"):
        assert markup not in text.replace("notes", ""), markup
    assert "5 lines of page markup" in output["_report"]   # STARTUP, OPTIONS and the property drawer


def test_org_converts_line_for_line() -> None:
    source = ["#+TITLE: Runbook", "#+OPTIONS: toc:nil", "* TODO Disk full   :ops:", "Run =df -h= *now*, see /var/log/",
              "#+BEGIN_SRC sh :results none", "df -h", "#+END_SRC", "#+BEGIN_QUOTE", "Be careful.", "#+END_QUOTE",
              ": fixed text", "1) first", "   + [X] done", "- Term :: value", "[[https://x.example][docs]] [[*Disk full]]",
              "| A | B |", "|---+---|", "| 1 | 2 |", "|   | 3 |", "# a comment"]
    converted = convert_markup("page.org", source)
    assert converted.lines == [
        "# Runbook", "", "# TODO Disk full :ops:", "Run `df -h` **now**, see /var/log/", "```sh", "df -h", "```",
        "", "> Be careful.", "", "    fixed text", "1. first", "   - [x] done", "- **Term**: value",
        "[docs](https://x.example) Disk full", "<table><tr><th>A</th><th>B</th></tr>", "",
        "<tr><td>1</td><td>2 3</td></tr>", "</table>", "<!-- a comment -->"]
    assert converted.hidden == {2} and converted.attached[8] == 9 and converted.attached[19] == 18


def test_drawers_hide_properties_and_show_other_drawers_text() -> None:
    source = ["* Host", ":PROPERTIES:", ":ID: 42", "| a | b |", ":END:", ":NOTES:", "Call the vendor.", ":END:",
              ":LOGBOOK:", "* Not a drawer", ":END:"]
    converted = convert_markup("page.org", source)
    assert converted.lines == ["# Host", "", "", "", "", "", "Call the vendor.", "", ":LOGBOOK:", "# Not a drawer",
                               ":END:"]   # a drawer never runs over a heading
    assert {2, 3, 4, 5} <= converted.hidden and converted.attached[6] == 7 and converted.attached[8] == 7


def test_org_signs_choose_a_txt_file_and_nothing_else() -> None:
    assert convert_markup("notes.txt", ["#+TITLE: On-call", "* Contacts"]) is not None
    assert convert_markup("notes.txt", ["* Levels", "| a | b |", "|---+---|"]) is not None
    assert convert_markup("notes.txt", ["* a bullet", "Plain text | with a pipe"]) is None
    assert convert_markup("notes.md", ["#+TITLE: On-call"]) is None


def test_hostile_org_ends_and_keeps_its_lines() -> None:
    unclosed = ["* Runbook", "#+BEGIN_SRC sh", "make it so", "* Next section", "text"]
    converted = convert_markup("page.org", unclosed)
    # Org reads a block without its '#+END_SRC' as text: the rest of the file is not swallowed as code
    assert converted.lines == ["# Runbook", "#+BEGIN_SRC sh", "make it so", "# Next section", "text"]
    stars = convert_markup("page.org", ["***", "* ", "**    ", "text"])
    owner = 1
    while owner in stars.attached:   # each goes with the next line, and so on to the text
        owner = stars.attached[owner]
    assert stars.lines == ["", "", "", "text"] and owner == 4
    junk = ["\x00\x01\ufffd|-+", "#+BEGIN_\x00", ":PROPERTIES:", "|", "| |", "|-", "#+", "::", "[[", "*\x7f*"] * 50
    assert len(convert_markup("page.org", junk).lines) == len(junk)


_PIECES = ["", "text", "* Heading", "** TODO Sub :tag:", "***", "#+TITLE: t", "#+STARTUP: x", "#+BEGIN_SRC sh",
           "#+END_SRC", "#+BEGIN_EXAMPLE", "#+END_EXAMPLE", "#+BEGIN_QUOTE", "#+END_QUOTE", "#+BEGIN_NOTE",
           "#+END_NOTE", ": fixed", ":PROPERTIES:", ":ID: x", ":END:", ":LOGBOOK:", "- item", "+ item", "1) step",
           "- [ ] box", "- term :: value", "| a | b |", "|---+---|", "|   | c |", "| |", "# comment", "-----",
           "*bold* /it/ =code= [[https://x][y]]"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([0, 0, 1, 2, 3, 4, 8]), st.sampled_from(_PIECES)), max_size=40))
def test_any_org_converts_without_error_line_for_line(pieces) -> None:
    lines = [" " * indent + piece for indent, piece in pieces]
    assert len(convert_markup("page.org", lines).lines) == len(lines)
