"""A GitHub issue template used as the incident form: ticked severity lines, an escalation to tick as
you go, a checklist runbook whose steps end in their commands, bold-named messages over quotes, and
an empty review to fill in.

The generic checks (nothing invented, every line visible on the draft site) run on the fixture with
the rest of the corpus in test_import_corpus.py.
"""
from __future__ import annotations

import pytest

from .importcorpus import commands_of, import_checked, load

DOC = "issue-template-incident-form.md"



@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return import_checked(tmp_path_factory.mktemp("issue"), DOC)


def test_ticked_levels_and_the_chain_to_tick(out) -> None:
    levels = load(out, "severities.yaml")["levels"]
    assert [lv["response_time"] for lv in levels][:1] == ["20m"]
    chain = load(out, "escalation.yaml")["levels"]
    contacts = {c["id"]: c["name"] for c in load(out, "contacts.yaml")["contacts"]}
    assert [contacts[lv["contacts"][0]] for lv in chain] == ["Booking on-call", "Terminal duty manager", "Head of Digital"]


def test_checklist_steps_ending_in_commands(out) -> None:
    books = [load(out, f"playbooks/{p.name}") for p in (out / "playbooks").iterdir()]
    assert len(books) == 1
    assert commands_of(books[0]) == ["kubectl -n booking get pods", "kubectl -n booking rollout undo deploy/booking-api"]
    assert [s["text"] for g in books[0]["steps"].values() for s in g][0] == "Check the pods:"


def test_bold_named_message_and_empty_review(out) -> None:
    templates = load(out, "templates.yaml")["templates"]
    assert [t["title"] for t in templates] == ["Status page — investigating"]
    sections = [s["title"] for s in load(out, "postmortem.yaml")["sections"]]
    assert sections == ["Summary", "Timeline", "Root cause", "Actions"]
