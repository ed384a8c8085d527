"""Pages written as questions ('How urgent is it?', 'What if nobody picks up?', 'What do we tell
suppliers?') and other shapes that say what they hold by their content, not their headings: a
table of a team's own grades, a sentence giving two levels their times, a phone list of
'**Name**: number' items, a numbered order of people the document lists, bold stage names over
quoted posts, 'send template **X**:' over a message, titled AsciiDoc examples without fill-ins,
an arrow chain of the document's own contacts.

The generic checks (nothing invented, every line visible on the draft site) run on the fixtures
with the rest of the corpus in test_import_corpus.py.
"""
from __future__ import annotations

import pytest

from .importcorpus import commands_of, import_checked, load

FAQ = "oncall-questions-and-answers.md"
ANTORA = "antora-message-examples.adoc"



@pytest.fixture(scope="module")
def faq(tmp_path_factory):
    return import_checked(tmp_path_factory.mktemp("faq"), FAQ)


def test_grades_under_a_level_header_and_times_from_one_sentence(faq) -> None:
    levels = load(faq, "severities.yaml")["levels"]
    assert [lv["name"] for lv in levels] == ["G1", "G2", "G3"]
    assert [lv["response_time"] for lv in levels[:2]] == ["10m", "45m"]
    assert levels[2]["response_time"].startswith("FILL IN")   # 'it has no target': never a guess


def test_keyed_phone_items_are_contacts_whatever_the_heading(faq) -> None:
    contacts = {c["name"]: c.get("phone") for c in load(faq, "contacts.yaml")["contacts"]}
    assert contacts["Grid software on-call"] == "+1 555 0100 811"
    assert contacts["Tomasz Wren"] == "555-0122"
    assert contacts["Ada Okonjo"] == "555-0178"


def test_numbered_order_of_listed_people_is_the_chain(faq) -> None:
    escalation = load(faq, "escalation.yaml")["levels"]
    assert [lv["name"] for lv in escalation] == ["Grid software on-call", "Tomasz Wren", "Ada Okonjo",
                                                 "Chief Technology Officer"]
    # the people of the chain are the contacts listed above, not new ones
    assert escalation[1]["contacts"] == ["tomasz-wren"]


def test_stage_names_over_quotes_and_a_named_message(faq) -> None:
    templates = {t["title"]: t for t in load(faq, "templates.yaml")["templates"]}
    assert list(templates) == ["Investigating", "Resolved", "Supplier letter — major outage"]
    assert templates["Investigating"]["body"].startswith("Readings for {region} are delayed.")
    assert templates["Supplier letter — major outage"]["subject"] == "Meter data outage on {date}"


def test_titled_examples_under_a_templates_heading_are_messages(tmp_path) -> None:
    out = import_checked(tmp_path, ANTORA)
    templates = {t["title"]: t for t in load(out, "templates.yaml")["templates"]}
    assert list(templates) == ["Status page: sailings delayed", "SMS to booked passengers"]
    assert templates["SMS to booked passengers"]["channel"] == "sms"
    assert "Before you post" not in templates   # advice to whoever posts, not a message


def test_arrow_chain_of_the_documents_contacts(tmp_path) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text("# Telemetry\n\n## People\n\n- Rhea Moss (ingest owner) – 555-0119\n"
                   "- Ivo Brandt (head of platform) – 555-0186\n\n"
                   "When it does not improve: Fleet on-call → Rhea Moss → Ivo Brandt → CTO\n", encoding="utf-8")
    from datetime import date

    from generator.importer.run import import_documents

    import_documents([doc], tmp_path / "content", org_name="Corpus Org", today=date(2026, 11, 22))
    escalation = load(tmp_path / "content", "escalation.yaml")["levels"]
    assert [lv["name"] for lv in escalation] == ["Fleet on-call", "Rhea Moss", "Ivo Brandt", "CTO"]
    assert escalation[1]["contacts"] == ["rhea-moss-ingest-owner"]


def test_one_level_in_a_sentence_gives_no_time(tmp_path) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text("# Levels\n\n| Level | Meaning |\n|---|---|\n| Q1 | Down |\n| Q2 | Slow |\n\n"
                   "A Q1 is usually fixed within 2 hours.\n\nRespond to Q2 tickets in working hours.\n",
                   encoding="utf-8")
    from datetime import date

    from generator.importer.run import import_documents

    import_documents([doc], tmp_path / "content", org_name="Corpus Org", today=date(2026, 11, 22))
    levels = load(tmp_path / "content", "severities.yaml")["levels"]
    assert all(lv["response_time"].startswith("FILL IN") for lv in levels)


@pytest.mark.parametrize("phone, valid", [("(608) 555-0100", True), ("+1 (555) 010-0190", True),
                                          ("+44 20 7946 0958", True), ("(24x7) 555-0100", False),
                                          ("call me", False), ("((608)) 555", False)])
def test_phone_field_takes_an_area_code_in_brackets(phone, valid) -> None:
    from generator.validate.schema import validate

    data = {"contacts": [{"id": "desk", "kind": "team", "name": "Desk", "phone": phone}],
            "review": {"owner": "desk", "last_reviewed": "2026-11-01"}}
    problems = [p for p in validate("contacts", data, "contacts.yaml") if "phone" in str(p)]
    assert (problems == []) is valid


def test_if_you_see_tables_role_tables_and_status_page_wording(tmp_path) -> None:
    """'| If you see | Do |' rows whose action ends in its command, '| Role | If you are this person,
    you... |', and stage-named fenced posts under 'Status Page Wording' (a message, not a playbook)."""
    doc = tmp_path / "doc.md"
    doc.write_text(
        "# Quick reference\n\n## Who Does What\n\n| Role | If you are this person, you... |\n|---|---|\n"
        "| Incident Lead | decide severity and call resolved |\n| Fixer | run the playbooks |\n\n"
        "## Playbooks\n\n### Playbook: Queue stalled\n\n| If you see | Do |\n|---|---|\n"
        "| Lag above 500k | Check the consumers: `kubectl -n q get pods` |\n| Still lagging | Escalate |\n\n"
        "## Status Page Wording\n\n**Investigating**\n\n```\nWe are investigating delays to <area>.\n"
        "Next update within 30 minutes.\n```\n\n**Identified**\n\n```\nWe have found the cause of the delays.\n"
        "A fix is being rolled out.\n```\n", encoding="utf-8")
    from datetime import date

    from generator.importer.run import import_documents

    out = tmp_path / "content"
    import_documents([doc], out, org_name="Corpus Org", today=date(2026, 11, 22))
    assert [r["name"] for r in load(out, "roles.yaml")["roles"]] == ["Incident Lead", "Fixer"]
    books = [load(out, f"playbooks/{p.name}") for p in (out / "playbooks").iterdir()]
    assert [commands_of(b) for b in books] == [["kubectl -n q get pods"]]
    assert [t["title"] for t in load(out, "templates.yaml")["templates"]] == ["Investigating", "Identified"]
