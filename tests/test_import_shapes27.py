"""`playbook import` on message templates named by a bold paragraph rather than a heading
(Markdown, a Word appendix through pandoc, a wiki export's info boxes) and sections that are one
canned reply; roles as toggle bullets and as a wiki table with a 'What they do' column; contacts
in a table whose number column is not called 'phone' and whose backup cell holds a name and a
number, in a table whose Name cell is '--' or 'Rota', and in a directory written as prose.

The generic checks (nothing invented, every line visible on the draft site) run on these files
with the rest of the corpus in test_import_corpus.py; here are the fields that must come out.
"""
from __future__ import annotations

import pytest

from generator.validate.imported import is_missing

from .importcorpus import imported

NOTICES = "bold-named-customer-notices.md"
BOXES = "wiki-export-info-box-messages.html"
REGIONS = "region-desks-backup-in-cell.md"
ROTA = "pandoc-contacts-rota-cells.md"
PLAIN = "plain-text-contacts-prose.txt"
PROSE = "who-to-call-prose-paragraphs.md"
TOGGLES = "notion-toggle-roles.md"
ROLE_TABLE = "wiki-role-table-what-they-do.html"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, dict[str, object]]:
    return imported(tmp_path_factory, [NOTICES, BOXES, REGIONS, ROTA, PLAIN, PROSE, TOGGLES, ROLE_TABLE])


def templates(docs: dict) -> dict[str, dict]:
    return {t["title"]: t for t in docs["templates.yaml"]["templates"]}


def contacts(docs: dict) -> dict[str, dict]:
    return {c["name"]: c for c in docs["contacts.yaml"]["contacts"] if c["id"] != "owner-tbd"}


def test_bold_paragraphs_over_messages_are_their_names(outputs) -> None:
    got = templates(outputs[NOTICES])
    assert list(got) == ["Delay notice", "All clear", 'Canned response: "Where is my parcel?"', "A.1 Delay e-mail"]
    assert got["Delay notice"]["body"].startswith("Some parcels are showing no tracking updates since {start_time} CET.")
    assert got["All clear"]["placeholders"] == {"start_time": "Fill in: start time", "end_time": "Fill in: end time"}
    # the Word appendix: its Subject line, with pandoc's escapes read as the characters they stand for
    assert got["A.1 Delay e-mail"]["subject"] == "Tracking delay -- {date}"
    assert got["A.1 Delay e-mail"]["channel"] == "email"
    assert "Tracking for <customer> shipments is delayed since <time>." in got["A.1 Delay e-mail"]["body"]


def test_a_heading_naming_a_canned_reply_over_its_text_is_one_template(outputs) -> None:
    reply = templates(outputs[NOTICES])['Canned response: "Where is my parcel?"']
    assert reply["body"].startswith("Dear {customer_name},\n\nThank you for your message.")
    assert set(reply["placeholders"]) == {"customer_name", "parcel_id", "agent_name"}
    assert is_missing(reply["channel"]) and is_missing(reply["stage"])   # the source names neither


def test_runbook_steps_under_stage_labels_are_not_messages(outputs) -> None:
    docs = outputs[NOTICES]
    assert not any("trackctl" in t["body"] for t in docs["templates.yaml"]["templates"])
    assert "playbooks/checking-the-tracking-feed.yaml" in docs


def test_notes_warnings_and_review_labels_over_fill_ins_are_not_messages(outputs) -> None:
    docs = outputs[NOTICES]
    titles = [t["title"] for t in docs["templates.yaml"]["templates"]]
    assert not {"Note", "Warning", "Summary", "Timeline"} & set(titles)
    assert "Never restart [printer] while a batch is still printing." in str(docs)   # still there, as written


def test_wiki_info_boxes_opened_by_a_bold_paragraph_are_messages(outputs) -> None:
    docs = outputs[BOXES]
    got = templates(docs)
    assert list(got) == ["Banner – degraded", "Banner – recovered"]
    assert got["Banner – degraded"]["body"] == ("Some reports are loading slowly for accounts in {region}. We’re on it "
                                               "and will update this banner by {time}.\n")
    # a note box with no fill-in is advice to the poster, not a message: kept as the page's text
    assert "Before you post" in docs["templates.yaml"]["guidance"][0]["text"]


def test_region_table_with_a_backup_and_number_in_one_cell(outputs) -> None:
    got = contacts(outputs[REGIONS])
    assert {name: c.get("phone") for name, c in got.items()} == {
        "Leeds (North)": "+44 113 496 0310", "Priya Natarajan": "+44 7700 900 311",
        "Ghent (Benelux)": "+32 9 555 0112", "Joris Claes": "+32 470 55 50 13",
        "Dayton (US)": "(937) 555-0142", "Luis Ortega": "(937) 555-0177"}
    # '(937) 555-0142' opens with its area code in brackets, as US numbers are written: never '937) ...'
    assert got["Dayton (US)"]["backup"] == "luis-ortega"
    assert got["Leeds (North)"]["backup"] == "priya-natarajan"
    assert got["Leeds (North)"]["hours"] == "22:00–06:00"
    assert all(is_missing(c["kind"]) for c in got.values())   # neither a site nor a name says its kind


def test_name_cells_that_name_nobody_take_the_role(outputs) -> None:
    got = contacts(outputs[ROTA])
    assert {name: c["phone"] for name, c in got.items()} == {
        "Site control room": "+44 (0)113 496 0500", "Refrigeration engineer": "07700 900 640",
        "Owen Pritchard": "+44 (0)113 496 0522", "Insurance broker": "+44 (0)20 7946 0318"}
    assert got["Refrigeration engineer"]["kind"] == "rotation"   # 'Rota' in its Name cell
    assert got["Owen Pritchard"]["title"] == "Facilities manager"
    assert is_missing(got["Site control room"]["kind"])


def test_plain_text_directory_in_prose(outputs) -> None:
    got = contacts(outputs[PLAIN])
    assert list(got) == ["Library Systems Desk", "Catalogue vendor (Folio Hosting)", "Maren Oduya"]
    assert [c["phone"] for c in got.values()] == ["+1 555 0140", "+1 555 0187", "+1 555 0163"]
    assert [c["kind"] for c in got.values()] == ["team", "vendor", "person"]
    assert got["Maren Oduya"]["title"] == "Branch Operations Manager"
    # the extension and when to use which number stay with the contact, as written
    assert got["Library Systems Desk"]["notes"] == ("Library Systems Desk -- ext. 2200 from any branch, or "
                                                    "+1 555 0140 from a mobile.")
    # a TODO without a number is no contact: it stays as written with the directory (its numbered
    # capital heading, '4. WHO TO CALL', is the section it is in)
    assert "building alarm" in str(outputs[PLAIN]["contacts.yaml"])
    assert not any("alarm" in name.lower() for name in got)


def test_markdown_who_to_call_paragraphs(outputs) -> None:
    got = contacts(outputs[PROSE])
    assert {name: (c["kind"], c["phone"]) for name, c in got.items()} == {
        "Render Wrangler desk": ("team", "+44 20 7946 0211"), "Pipeline on-call": ("rotation", "+44 7700 900 452"),
        "Ines Carvalho": ("person", "+44 7700 900 877"), "storage vendor (Quantix Ltd)": ("vendor", "+44 20 7946 0399")}


def test_toggle_bullets_with_indented_duties_are_roles(outputs) -> None:
    roles = outputs[TOGGLES]["roles.yaml"]["roles"]
    assert [r["name"] for r in roles] == ["Outage Captain", "Customer Voice", "Fixer"]
    assert roles[1]["responsibilities"] == ["Writes every update customers see and answers the support queue."]
    assert "Status board" not in [r["name"] for r in roles]   # a lone bold item under Tools is no role


def test_wiki_role_table_with_a_what_they_do_column(outputs) -> None:
    roles = outputs[ROLE_TABLE]["roles.yaml"]["roles"]
    assert [r["name"] for r in roles] == ["Dispatcher", "Telematics Engineer", "Driver Liaison"]
    assert roles[0]["responsibilities"] == ["Owns the incident channel and decides which vans are held at the depot."]
