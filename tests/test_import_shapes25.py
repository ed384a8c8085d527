"""`playbook import` never guesses what a value is: a contact's kind comes from the words the source
gives for it (a rota, a desk, a manager, a supplier) or is left to fill in; a message's channel and
audience come from what names the message (its heading, caption or the line saying where to post
it), never from words inside its body.

The generic checks (nothing invented, every line visible on the draft site) run on these files
with the rest of the corpus in test_import_corpus.py; here are the fields that must come out.
"""
from __future__ import annotations

import pytest

from generator.importer.kinds import contact_kind
from generator.validate.imported import is_missing

from .importcorpus import imported

CHAIN = "escalation-desks-and-rotas.md"
COMMENTS = "ticket-comment-templates.md"
TICKET = "escalation-column-mentions-ticket.md"
SPLIT = "docs-export-split-escalation-list.html"
LEVELS = "severity-headings-with-facts.md"
WAITS = "chain-with-no-answer-lines.md"
HEADER = "alert-header-service-and-team.md"
ARROWS = "playbook-arrow-escalation.md"
TABLE = "contact-table-name-and-role.md"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, dict[str, object]]:
    return imported(tmp_path_factory, [CHAIN, COMMENTS, TICKET, SPLIT, LEVELS, WAITS, HEADER, ARROWS, TABLE], report=True)


def test_a_chain_s_contacts_take_their_kind_from_their_own_words(outputs) -> None:
    contacts = {c["name"]: c["kind"] for c in outputs[CHAIN]["contacts.yaml"]["contacts"]}
    assert contacts["Kiosk on-call"] == "rotation"
    assert contacts["Field repairs desk"] == "team"
    assert contacts["Regional duty manager"] == "person"
    assert contacts["Halden Payments"] == "vendor"    # '(card terminal supplier)' written beside the name
    assert is_missing(contacts["Okafor"])             # a bare name says nothing: left to fill in


def test_a_kind_left_to_fill_in_is_a_finding_of_check(outputs) -> None:
    report = outputs[CHAIN]["_report"]
    unknown = [c for c in outputs[CHAIN]["contacts.yaml"]["contacts"] if is_missing(c["kind"])]
    assert unknown and report.count("].kind: not in the source; fill in") == len(unknown)


@pytest.mark.parametrize(("name", "kind"), [
    ("security on-call", "rotation"), ("On-call engineer", "rotation"), ("Service desk", "team"),
    ("security queue", "team"), ("Engineering manager", "person"), ("CEO (for P1 incidents)", "person"),
    ("Bridge line", "channel"), ("Line manager", "person"), ("Acme Inc.", "vendor")])
def test_kind_words(name, kind) -> None:
    assert contact_kind(name) == kind


@pytest.mark.parametrize("name", ["Priya Raman", "Legal", "Customer Support", "Tier 2"])
def test_no_kind_words_is_a_placeholder(name) -> None:
    assert is_missing(contact_kind(name))
    assert contact_kind(name, "Vendors and suppliers") == "vendor"   # a heading over it that says


def test_a_message_s_channel_and_audience_are_never_read_from_its_body(outputs) -> None:
    templates = {t["title"]: t for t in outputs[COMMENTS]["templates.yaml"]["templates"]}
    comment = templates["First comment on the incident ticket"]
    assert is_missing(comment["channel"]) and is_missing(comment["audience"])   # 'Status', 'team', 'Customers' in the body
    assert comment["stage"] == "investigating"                                # 'Status: investigating.' labels it
    resolved = templates["Status page, for customers: resolved"]
    assert (resolved["channel"], resolved["audience"], resolved["stage"]) == ("status-page", "customers", "resolved")


def test_paging_from_an_escalation_column_only_where_its_words_say_it(outputs) -> None:
    paging = {lv["id"]: lv["paging"] for lv in outputs[TICKET]["severities.yaml"]["levels"]}
    assert paging["SEV1"] == "page-24x7" and paging["SEV3"] == "ticket"
    assert is_missing(paging["SEV2"])   # 'Raise a ticket with the vendor if ...' says nothing of paging


def test_a_numbered_escalation_list_split_by_a_command_stays_one_chain(outputs) -> None:
    levels = outputs[SPLIT]["escalation.yaml"]["levels"]
    assert [lv["name"] for lv in levels] == ["Raise a Priority fault from the gateway shell", "Coldline hotline",
                                             "account manager (Marit Olsen)"]
    assert [[t.get("after") for t in lv["triggers"]] for lv in levels] == [[None], ["20m"], ["2h"]]
    contacts = {c["id"]: c for c in outputs[SPLIT]["contacts.yaml"]["contacts"]}
    first = contacts[levels[0]["contacts"][0]]
    assert is_missing(first["name"]) and is_missing(first["kind"])   # step 1 names nobody: to fill in
    marit = contacts[levels[2]["contacts"][0]]
    assert (marit["kind"], marit["title"], marit["email"]) == ("person", "account manager", "marit.olsen@coldline.example")
    assert contacts[levels[1]["contacts"][0]]["kind"] == "channel"
    guidance = outputs[SPLIT]["escalation.yaml"]["guidance"][0]["text"]
    assert "coldline fault open --priority high --site DEPOT-12" in guidance   # what stood between the items


def test_html_list_numbers_survive_a_paragraph_between_lists() -> None:
    from generator.importer.dialects import rewrite
    lines = ['<ol start="1"><li>Open a case</li></ol>', "<p>between</p>",
             '<ol start="2"><li>Ring the line</li>', "<li>Email the manager</li></ol>", "<ul><li>a bullet</li></ul>"]
    assert rewrite(lines).lines == ["1. Open a case", "between", "2. Ring the line", "3. Email the manager",
                                    "- a bullet"]


def test_a_level_heading_s_text_is_its_description_examples_and_details(outputs) -> None:
    levels = {lv["id"]: lv for lv in outputs[LEVELS]["severities.yaml"]["levels"]}
    one = levels["SEV1"]   # named first by the follow-up table, then described under its own heading
    assert one["name"] == "Sailing-stopping" and one["aliases"] == ["SEV-1", "SEV-1 · Sailing-stopping"]
    assert one["description"] == "Passengers cannot board or tickets cannot be checked at any terminal."
    assert one["examples"] == ["Gate scanners reject every ticket", "Booking site down for all routes"]
    assert {"label": "Harbour liaison", "text": "told at once by the duty lead"} in one["details"]
    assert one["response_time"] == "10m" and is_missing(one["paging"])
    assert not outputs[LEVELS]["severities.yaml"].get("guidance")   # nothing of the levels left as prose


def test_a_no_answer_sentence_gives_the_level_it_names_its_wait(outputs) -> None:
    levels = {lv["name"]: lv for lv in outputs[CHAIN]["escalation.yaml"]["levels"]}
    assert levels["Level 3: Regional duty manager"]["triggers"] == [
        {"after": "20m", "condition": "If Level 2 does not answer within 20 minutes, go straight to Level 3."}]
    levels = {lv["name"]: lv for lv in outputs[WAITS]["escalation.yaml"]["levels"]}
    assert levels["Site manager"]["triggers"] == [{"after": "15m", "condition": "No answer in 15 minutes? Call the site manager."}]
    # 'page the night porter again' names no level by its words: nothing is guessed for it
    assert is_missing(levels["Night porter"]["triggers"][0]["condition"])
    assert "page the night porter again" in outputs[WAITS]["escalation.yaml"]["guidance"][0]["text"]


def test_an_alert_runbook_s_service_and_team_lines_are_its_service_and_owner(outputs) -> None:
    docs = outputs[HEADER]
    pb = docs["playbooks/ticket-queue-backlog.yaml"]
    assert pb["services"] == ["ticket-router"] and pb["owner"] == "field-support-tools"
    team = next(c for c in docs["contacts.yaml"]["contacts"] if c["id"] == "field-support-tools")
    assert (team["kind"], team["chat"]) == ("team", "#fst-oncall")
    services = docs["organization.yaml"]["services"]
    assert services == [{"id": "ticket-router", "name": "ticket-router"}]   # no placeholder service left over
    assert pb["guidance"][0]["text"] == "Runbook owner since: spring"      # a line no field holds stays as written


def test_an_arrow_chain_in_a_playbook_step_is_also_the_playbook_s_escalation(outputs) -> None:
    docs = outputs[ARROWS]
    pb = docs["playbooks/label-printer-queue-stuck.yaml"]
    assert pb["escalation"] == [{"to": "packing-shift-lead", "when": "Still stuck after 15 minutes", "after": "15m"},
                                {"to": "warehouse-systems-on-call"}, {"to": "site-it-manager"}]
    assert pb["steps"]["resolve"][-1]["text"].startswith("Still stuck after 15 minutes: Packing shift lead →")
    contacts = {c["id"]: c for c in docs["contacts.yaml"]["contacts"]}
    assert [contacts[e["to"]]["kind"] for e in pb["escalation"]] == ["person", "rotation", "person"]
    assert contacts["site-it-manager"]["phone"] == "+1 555 0177"
    assert "escalation.yaml" not in docs   # a playbook's own chain is not the organisation's policy


def test_a_name_column_says_nothing_of_kind_but_a_role_title_does(outputs) -> None:
    kinds = {c["name"]: c["kind"] for c in outputs[TABLE]["contacts.yaml"]["contacts"]}
    assert kinds["Ines Duarte"] == "person"            # 'Depot systems lead' in the Role column
    assert is_missing(kinds["Brightwell Forensics"])   # 'Incident retainer' names no kind: a company or a person
    assert kinds["Yard radio desk"] == "team"
