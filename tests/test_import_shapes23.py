"""`playbook import` on corpus documents in shapes a fourth batch of unseen documents showed were
missing: TOML (`+++`) front matter, commands inside bulleted list items under a 'Stage N:'
heading with a sibling section of commands, a fenced message whose fill-ins are in angle
brackets, escalation steps written 'Who — when' with a TBD step, and 'Label: phone · email'
contact lines; definition-list terms 'Sev 1 — Store down' kept as written; a phone tree drawn with box-drawing
characters in a code block.

The generic checks (nothing invented, every line visible on the draft site) run on these files
with the rest of the corpus in test_import_corpus.py; here are the fields that must come out.
"""
from __future__ import annotations

import pytest

from generator.validate.imported import is_missing

from .importcorpus import CORPUS, imported

NAMES = ["toml-front-matter-procedure.md", "angle-bracket-handover.md", "dash-step-escalation.md",
         "labelled-contact-line.md", "definition-terms-as-written.md",
         "phone-tree-code-block.md"]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, dict[str, object]]:
    return imported(tmp_path_factory, NAMES)


def test_toml_front_matter_and_commands_in_bulleted_items(outputs) -> None:
    docs = outputs["toml-front-matter-procedure.md"]
    books = [v for k, v in docs.items() if k.startswith("playbooks/")]
    assert len(books) == 1
    pb = books[0]
    assert pb["title"] == "Handheld scanners cannot sync"
    assert "Warehouse scanner outage" in pb["aliases"] and pb["tags"] == ["warehouse", "scanners"]
    assert pb["guidance"] == [{"title": "Warehouse scanner outage", "text": "- revision: 7"}]
    steps = pb["steps"]["resolve"]
    assert [(s["text"], s.get("condition")) for s in steps] == [
        ("See how many handhelds are behind:", "Stage 1: confirm the outage"),
        ("Check the sync gateway answers:", "Stage 1: confirm the outage"),
        ("Restart the gateway", None)]   # the sibling section of commands: a step, in order
    assert [c["code"] for s in steps for c in s["commands"]] == [
        "scanctl fleet status --behind 5m", "curl -s https://sync-gw.warehouse.example/healthz",
        "sudo systemctl restart sync-gateway"]
    assert "notes" not in pb and "notes" not in docs["organization.yaml"]


def test_angle_bracket_fill_ins_make_a_message_named_by_its_heading(outputs) -> None:
    templates = outputs["angle-bracket-handover.md"]["templates.yaml"]["templates"]
    assert [t["title"] for t in templates] == ["Handover message"]   # not 'Copy this into the shift channel ...'
    assert templates[0]["body"].startswith("Open incidents: <ticket ids>\n")


def test_who_dash_when_escalation_steps_and_a_tbd_step(outputs) -> None:
    levels = outputs["dash-step-escalation.md"]["escalation.yaml"]["levels"]
    assert [lv["name"] for lv in levels] == ["Payments on-call", "Treasury lead",
                                             "TBD: the bank's emergency contact. The old number no longer works"]
    assert levels[0]["triggers"] == [
        {"condition": "through the #pay-oncall channel; phone the desk if nobody answers in 10 min"}]
    assert is_missing(levels[2]["triggers"][0]["condition"])   # no 'when' for the TBD step: a fill-in, not a guess


def test_labelled_contact_lines(outputs) -> None:
    contacts = {c["name"]: c for c in outputs["labelled-contact-line.md"]["contacts.yaml"]["contacts"]}
    assert contacts["Dock office"] == {"id": "dock-office", "kind": "team", "name": "Dock office",
                                       "phone": "+1 555 0188", "email": "dock@haulage.example", "hours": "24×7"}
    assert contacts["Night supervisor"]["phone"] == "+1 555 0189"
    assert "Parking rules" not in contacts


def test_definition_terms_kept_as_written_beside_the_normalized_id(outputs) -> None:
    levels = outputs["definition-terms-as-written.md"]["severities.yaml"]["levels"]
    assert [(lv["id"], lv["name"], lv["aliases"], lv["response_time"]) for lv in levels] == [
        ("SEV1", "Store down", ["Sev 1 — Store down"], "10m"),
        ("SEV2", "Store slow", ["Severity 2 — Store slow"], "1h")]


def test_phone_tree_drawing_gives_contacts_and_its_timed_chain(outputs) -> None:
    docs = outputs["phone-tree-code-block.md"]
    contacts = {c["name"]: c for c in docs["contacts.yaml"]["contacts"]}
    assert {n: contacts[n].get("phone") for n in ("Terminal duty officer", "Marine superintendent",
                                                  "Coastguard liaison")} == {
        "Terminal duty officer": "+1 555 0171", "Marine superintendent": "+1 555 0174",
        "Coastguard liaison": "+1 555 0178"}
    assert not any("bin" in name or "README" in name for name in contacts)   # a directory drawing is no tree
    levels = docs["escalation.yaml"]["levels"]
    assert [(lv["name"], lv["contacts"]) for lv in levels] == [
        ("Harbour engineer on shift", ["harbour-engineer-on-shift"]),
        ("Deputy harbour engineer", ["deputy-harbour-engineer"]),
        ("Marine superintendent", ["marine-superintendent"])]
    assert is_missing(levels[0]["triggers"][0]["condition"])   # the tree says whom first, not when
    assert levels[2]["triggers"] == [{"condition": "no answer in 10 min", "after": "10m"}]
    assert "├── Harbour engineer on shift" in docs["contacts.yaml"]["notes"]   # the drawing, as written


def test_stage_table_columns_are_kept_with_each_stage(tmp_path_factory) -> None:
    docs = imported(tmp_path_factory, ["stage-table-deadlines.md"])["stage-table-deadlines.md"]
    phases = docs["process.yaml"]["phases"]
    assert [(p["name"], p.get("details")) for p in phases] == [
        ("Claim the alert", [{"label": "Owner", "text": "Analyst on shift"}, {"label": "Finish within", "text": "15 min"}]),
        ("Decide fraud or not", [{"label": "Owner", "text": "Analyst on shift"},
                                 {"label": "Finish within", "text": "1 hour"}]),
        ("Refund or close", [{"label": "Owner", "text": "Team lead"}])]   # an em dash is no value
    assert not any("window" in p for p in phases)   # a deadline alone gives no start: nothing filled in
    assert "notes" not in docs["process.yaml"]


def test_thematic_breaks_go_with_the_text_beside_them(tmp_path) -> None:
    from generator.importer.run import import_documents

    from .conftest import TEST_TODAY

    done = import_documents([CORPUS / "thematic-breaks.md"], tmp_path / "content", today=TEST_TODAY)
    assert (done.total_lines, done.noted_lines) == (9, 1)   # only the page title is left to sort
    notes = "".join(p.read_text() for p in (tmp_path / "content").rglob("*.yaml"))
    assert "---" not in notes and "***" not in notes


def test_levels_as_table_columns_facts_as_rows(tmp_path_factory) -> None:
    docs = imported(tmp_path_factory, ["levels-as-columns.md"])["levels-as-columns.md"]
    levels = {lv["id"]: lv for lv in docs["severities.yaml"]["levels"]}
    assert [(k, lv["response_time"], lv["paging"]) for k, lv in levels.items()][:2] == [
        ("P1", "5m", "page-24x7"), ("P2", "30m", "page-business-hours")]
    assert levels["P3"]["response_time"] == "next-business-day" and is_missing(levels["P3"]["paging"])   # '—'
    assert {"label": "Wake the owner", "text": "yes"} in levels["P1"]["details"]
    # a row whose name says 'summary' is a fact of the level, never its meaning
    assert {"label": "Summary to head office", "text": "within 1 h"} in levels["P1"]["details"]
    assert is_missing(levels["P1"]["description"])
    assert not any(d["label"] == "Summary to head office" for d in levels["P2"].get("details", []))   # blank cell
    # a table with a column that is not a level ('Channel') is no ladder: left, as written, in notes
    assert not any(d["label"] == "Head office" for lv in levels.values() for d in lv.get("details", []))
    assert "| Head office | phone | every hour | daily |" in docs["organization.yaml"]["notes"]


def test_short_angle_fill_ins_are_not_taken_for_tags(tmp_path_factory) -> None:
    docs = imported(tmp_path_factory, ["short-angle-fill-ins.md"])["short-angle-fill-ins.md"]
    templates = docs["templates.yaml"]["templates"]
    assert [(t["title"], t["body"]) for t in templates] == [
        ("Priority change note", "PRIORITY: <old> -> <new>\nBy: <name>\n"),
        ("Only the duty manager may lower it; note it in the ticket",   # one line, with its fill-ins
         "Lowered <old> -> <new>, approved by <manager>.\n")]


def test_bridge_table_dial_in_column_is_the_phone(tmp_path_factory) -> None:
    docs = imported(tmp_path_factory, ["bridge-dial-in-table.md"])["bridge-dial-in-table.md"]
    contacts = {c["name"]: c for c in docs["contacts.yaml"]["contacts"]}
    assert contacts["Storm desk bridge"]["phone"] == "+1 555 0261"
    assert contacts["Storm desk bridge"]["notes"] == "Dial-in: +1 555 0261, PIN 7781#"   # the PIN, as written, once, under its column
    assert "phone" not in contacts["Spare bridge"] and "notes" not in contacts["Spare bridge"]   # '—' is no value


def test_block_quote_under_a_template_caption_is_the_message(tmp_path_factory) -> None:
    docs = imported(tmp_path_factory, ["quoted-template-caption.md"])["quoted-template-caption.md"]
    templates = docs["templates.yaml"]["templates"]
    assert [(t["title"], t["body"]) for t in templates] == [
        ("Closure announcement template (read aloud, then post on the door)",
         "Pool: {pool_name}\nClosed until: {time}\n")]
