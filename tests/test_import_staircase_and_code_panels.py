"""Escalation drawn as a staircase (a nested list of 'when → whom', an arrow ladder in plain text)
and HTML exports' <pre> code panels as commands (tests/import_corpus fixtures)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.validate.imported import is_missing

from .importcorpus import CORPUS, commands_of, import_checked


def imported(tmp_path: Path, name: str) -> Path:
    return import_checked(tmp_path, name)


def chain(out: Path) -> list[dict]:
    return yaml.safe_load((out / "escalation.yaml").read_text())["levels"]


def test_nested_when_arrow_whom_list_is_the_chain_in_order(tmp_path) -> None:
    levels = chain(imported(tmp_path, "staircase-escalation.md"))
    assert [lv["name"] for lv in levels] == ["Warehouse on-call (pager wms-primary)", "Warehouse backup on-call",
                                             "Logistics systems manager (Ada Brook)",
                                             "Head of Operations + Finance controller"]
    assert levels[1]["triggers"] == [{"condition": "no answer in 15 min", "after": "15m"}]
    assert levels[2]["triggers"] == [{"condition": "scanners down on two sites"}]   # no wait said: none given
    assert levels[3]["contacts"] == ["head-of-operations", "finance-controller"]
    assert is_missing(levels[0]["triggers"][0]["condition"])
    # the deepest item says what the last step does: it is no step of its own
    assert not any("partner depot" in lv["name"] for lv in levels)


def test_plain_text_arrow_ladder_is_the_chain(tmp_path) -> None:
    levels = chain(imported(tmp_path, "escalation-arrow-ladder.txt"))
    assert [lv["name"] for lv in levels] == ["Circulation Desk Supervisor", "Library Systems Administrator",
                                             "Head of Digital Services", "University Librarian"]


def test_confluence_code_panels_are_commands_with_entities_decoded(tmp_path) -> None:
    out = imported(tmp_path, "wiki-export-code-panels.html")
    book = yaml.safe_load((out / "playbooks" / "print-jobs-stuck-in-the-queue.yaml").read_text())
    codes = commands_of(book)
    assert codes == ['lpstat -o\njournalctl -u cups --since "15 min ago" | grep -i error', "sudo systemctl restart cups"]
    other = yaml.safe_load((out / "playbooks" / "a-printer-shows-offline.yaml").read_text())
    assert "ping -c 3 printer-3f.office.internal && lpinfo -v" in yaml.safe_dump(other, width=999)


def test_numbered_capital_lines_of_a_plain_text_procedure_are_its_headings(tmp_path) -> None:
    out = imported(tmp_path, "plain-text-numbered-procedure.txt")
    templates = yaml.safe_load((out / "templates.yaml").read_text())["templates"]
    assert [t["title"] for t in templates] == ["3.1 Telemetry outage notice", "3.2 Telemetry restored notice"]
    assert templates[0]["subject"] == "Telemetry outage at <station>"
    levels = yaml.safe_load((out / "severities.yaml").read_text())["levels"]
    assert [(lv["id"], lv["response_time"]) for lv in levels] == [("SEV1", "10m"), ("SEV2", "1h")]


@pytest.mark.parametrize("first, second", [("1. RESTART", "2. VERIFY"), ("CONTACTS", "ESCALATION")])
def test_plain_text_heading_lines_in_a_markdown_document_with_headings_stay_text(first, second) -> None:
    from generator.importer.plain_text import numbered_headings
    lines = ["# Runbook", "", first, "", second, ""]
    numbered_headings(lines, set())
    assert lines[2:5] == [first, "", second]


def test_word_export_inline_code_commands_and_review_table(tmp_path) -> None:
    out = imported(tmp_path, "word-export-known-error.md")
    books = list((out / "playbooks").glob("*.yaml"))
    assert len(books) == 1
    book = yaml.safe_load(books[0].read_text())
    codes = commands_of(book)
    assert codes == ["systemctl list-timers ledger-export.timer",
                     'journalctl -u ledger-export.service --since "01:00" --no-pager',
                     "sudo systemctl start ledger-export.service", "ls -l /srv/ledger/outbound/ | tail -3"]
    sections = yaml.safe_load((out / "postmortem.yaml").read_text())["sections"]
    # '1\. Summary' as a reader sees it: the backslash escape shows its character
    assert [(s["title"], s["prompt"]) for s in sections] == [
        ("1. Summary", "Ticket number, priority, what broke"), ("2. Timeline", "Key events with times (UTC)"),
        ("3. Impact", "Who was affected and for how long"), ("4. Actions", "Owner and due date for each action")]


def test_inline_code_in_a_sentence_or_a_lone_setting_stays_text() -> None:
    from generator.importer.mdparse import Block, Section
    from generator.importer.span_commands import span_code_blocks
    section = Section("Notes", 1, 1)
    section.blocks = [Block("item", [2], text="Set this:"), Block("para", [3], text="`max_connections`"),
                      Block("para", [4], text="Run `df -h` first.")]
    span_code_blocks(section)
    assert [b.kind for b in section.blocks] == ["item", "para", "para"]


def test_admonitions_inside_a_runbook_are_its_guidance_as_written(tmp_path) -> None:
    out = imported(tmp_path, "alert-page-admonitions.md")
    book = yaml.safe_load((out / "playbooks" / "kafka-consumer-lag-high.yaml").read_text())
    assert {"title": "Lag after a deploy",
            "text": "A rolling deploy pauses consumers for a minute; lag that falls on its own needs nothing."} \
        in book["guidance"]
    assert {"title": "Warning", "text": "Never reset offsets on a group that writes to the ledger."} in book["guidance"]
    assert "notes" not in book


def test_a_heading_whose_tags_are_on_lines_of_their_own_is_a_heading() -> None:
    from generator.importer.dialects import rewrite
    lines = (CORPUS / "wiki-export-code-panels.html").read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if "title-text" in line)
    assert rewrite(lines).lines[at - 1:at + 2] == ["", "# OFFICE IT : Print queue runbook", ""]


@pytest.mark.parametrize("text", ["Last updated: 2026-05-04", "Reviewed 12/03/2024 by the team",
                                  "| Add pool monitoring | DevOps | 2024-12-27 |"])
def test_a_date_is_never_a_phone_number(text) -> None:
    from generator.importer.text import PHONE, PHONE_ANY, phone_in
    assert PHONE.search(text) is None and PHONE_ANY.search(text) is None and phone_in(text) is None


def test_phone_numbers_beside_dates_are_still_read() -> None:
    from generator.importer.text import phone_in
    assert phone_in("on 2024-12-03 call +1 555 0100") == "+1 555 0100"
    assert phone_in("Duty Manager -- 07700 900412") == "07700 900412"


def test_a_list_of_people_under_an_escalation_heading_is_the_chain(tmp_path) -> None:
    levels = chain(imported(tmp_path, "flat-escalation-list.md"))
    assert [lv["name"] for lv in levels] == ['Security on-call (PagerDuty "Payments – Primary")',
                                             "Payments Engineering Manager", "CISO", "Chief Risk Officer and CFO"]
    assert levels[0]["contacts"] == ["security-on-call"]   # the dash inside the brackets is no separator
    assert levels[3]["contacts"] == ["chief-risk-officer", "cfo"]


def test_numbered_who_to_bug_list_is_the_chain_and_a_writeup_fence_the_postmortem(tmp_path) -> None:
    out = imported(tmp_path, "who-to-bug-and-writeup.md")
    levels = chain(out)
    assert [lv["name"] for lv in levels] == ["whoever's on call (the bot pages them for SEV1)",
                                             "Ines (CTO) — knows the database best",
                                             "Omar (CEO) — anything about money or the press"]
    sections = yaml.safe_load((out / "postmortem.yaml").read_text())["sections"]
    assert [s["title"] for s in sections] == ["What happened", "Timeline", "Follow-ups"]
    assert sections[0]["prompt"] == "A few sentences anyone could follow."


def test_single_quoted_messages_with_fill_ins_and_a_review_list(tmp_path) -> None:
    out = imported(tmp_path, "review-list-and-quoted-messages.md")
    templates = yaml.safe_load((out / "templates.yaml").read_text())["templates"]
    assert [t["title"] for t in templates] == ["Banner", "All clear"]
    sections = yaml.safe_load((out / "postmortem.yaml").read_text())["sections"]
    assert [(s["title"], s["prompt"]) for s in sections] == [
        ("Summary", "what broke and for how long."), ("Timeline", "key events, in UTC."),
        ("Root cause", "what made it happen."), ("Actions", "each with an owner and a due date.")]


def test_labelled_phone_items_naming_people_are_each_a_contact(tmp_path) -> None:
    out = imported(tmp_path, "labelled-people-phone-list.md")
    contacts = {c["name"]: c for c in yaml.safe_load((out / "contacts.yaml").read_text())["contacts"]}
    assert contacts["Duty manager on shift"]["phone"] == "+1 (212) 555-0181"
    assert contacts["Platform on-call hotline"]["phone"] == "+1 (212) 555-0182"
    assert contacts["Tier 2 lead line"]["notes"] == "+1 (212) 555-0183, ext. 40"   # the extension, as written
    assert "When chat is down" not in contacts   # the heading is no contact holding their numbers


def test_a_runbook_of_prose_and_a_shell_block_under_a_runbooks_heading(tmp_path) -> None:
    out = imported(tmp_path, "notion-runbooks-inlined.md")
    books = list((out / "playbooks").glob("*.yaml"))
    assert len(books) == 1
    book = yaml.safe_load(books[0].read_text())
    assert book["title"] == "Search index lagging (inlined copy)"
    steps = book["steps"]["immediate"]
    assert steps[0]["text"] == "The indexer runs on ECS. Check the queue and restart it:"
    assert steps[0]["commands"][0]["code"].splitlines()[1].startswith("aws ecs update-service")
    assert steps[1]["text"] == "Lag that falls on its own within 10 minutes needs nothing."
