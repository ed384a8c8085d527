"""A document written as one nested list (an outline that reads on a phone) imports as the sections
its first two levels of items head: levels with their facts, contacts, roles, playbooks whose
commands are nested under their steps, a message in quotes under its name, a post-mortem outline.

The generic checks (nothing invented, every line visible on the draft site) run on the fixture with
the rest of the corpus in test_import_corpus.py.
"""
from __future__ import annotations

import pytest

from generator.importer.outline import outline_headings

from .importcorpus import commands_of, import_checked, load

DOC = "outline-only-runbook.md"



@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return import_checked(tmp_path_factory.mktemp("outline"), DOC)


def test_level_items_with_their_lowercase_facts(out) -> None:
    levels = load(out, "severities.yaml")["levels"]
    assert [lv["id"] for lv in levels] == ["SEV-A", "SEV-B"]
    assert (levels[0]["response_time"], levels[0]["update_every"], levels[1]["response_time"]) == ("10m", "30m", "1h")


def test_contacts_roles_and_a_playbook_with_nested_commands(out) -> None:
    contacts = {c["name"]: c.get("phone") for c in load(out, "contacts.yaml")["contacts"]}
    assert contacts["Marta Lindgren"] == "555-0123"
    assert [r["name"] for r in load(out, "roles.yaml")["roles"]] == ["Skipper on call", "Shore lead"]
    book = load(out, "playbooks/booking-api-down.yaml")
    assert commands_of(book) == ["kubectl -n booking get pods", "kubectl -n booking rollout undo deploy/booking-api"]
    assert next(iter(book["steps"].values()))[0]["text"] == "check the pods"


def test_quoted_message_under_its_name(out) -> None:
    templates = load(out, "templates.yaml")["templates"]
    assert [t["title"] for t in templates] == ["Status page: investigating"]
    assert templates[0]["body"] == "Bookings are failing for some riders. Next update in 30 minutes.\n"


def test_a_list_of_steps_with_sub_steps_is_left_alone() -> None:
    steps = ["# Restart", "", "1. Stop the service", "   - check the pid file", "2. Start it", "3. Check the logs",
             "   - `journalctl -u app`", "", "Done."]
    before = list(steps)
    outline_headings(steps, set())
    assert steps == before   # one top-level item with a list is no outline


def test_escalation_steps_with_a_remark_stay_a_list() -> None:
    lines = ["- Levels", "  - A", "    - fast", "  - B", "    - slow", "- Contacts", "  - x — 1", "- Escalation",
             "  - Step 1: on-call", "    - wait 5 min", "  - Step 2: lead", "  - Step 3: VP", "  - Step 4: CTO"]
    outline_headings(lines, set())
    assert lines[7] == "## Escalation" and lines[8] == "- Step 1: on-call" and lines[9] == "  - wait 5 min"
    assert lines[1] == "### A"


def test_numbered_steps_with_lettered_substeps(tmp_path) -> None:
    """A procedure's numbered steps over 'a)', 'b)' sub-steps (no Markdown list): each step a section,
    so its roles, its chain and its runbook are read; the lettered lines its list."""
    out = import_checked(tmp_path, "lettered-substeps-procedure.md")
    assert [r["name"] for r in load(out, "roles.yaml")["roles"]] == ["Incident Lead", "Fixer"]
    chain = [lv["name"] for lv in load(out, "escalation.yaml")["levels"]]
    assert chain == ["Systems on-call", "Head of Library Systems", "Director of Libraries"]
    books = [load(out, f"playbooks/{p.name}") for p in (out / "playbooks").iterdir()]
    assert [commands_of(b) for b in books] == [["systemctl status catalogue-search", "sudo systemctl restart catalogue-search"]]
