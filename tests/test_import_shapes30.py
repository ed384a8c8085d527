"""`playbook import` on a Confluence/Jira page saved as a text file (with its panels holding
messages), an HTML e-mail laid out with tables (monospace fonts for commands, underlined
sub-headings, bold paragraphs for headings) and a tab-separated sheet (capital section titles,
'PROCEDURE: name' over a Step/Action/Command table).

The generic checks (nothing invented, every line visible on the draft site) run on these files
with the rest of the corpus in test_import_corpus.py; here are the fields that must come out.
"""
from __future__ import annotations

import pytest

from generator.importer.layout_tables import unwrap_layout_tables
from generator.importer.text import placeholders
from generator.importer.text_tables import draw_tables
from generator.validate.imported import is_missing

from .importcorpus import imported

JIRA, EMAIL, SHEET = "jira-page-saved-as-text.txt", "html-email-layout-tables.html", "tab-separated-systems-sheet.txt"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, dict[str, object]]:
    return imported(tmp_path_factory, [JIRA, EMAIL, SHEET])


def commands(book: dict) -> list[str]:
    return [c["code"] for steps in book["steps"].values() for s in steps for c in s.get("commands", [])]


def test_confluence_markup_in_a_text_file_is_read_as_confluence(outputs) -> None:
    out = outputs[JIRA]
    assert [(lv["id"], lv["response_time"]) for lv in out["severities.yaml"]["levels"]] == [
        ("P1", "10m"), ("P2", "1h"), ("P3", "next-business-day")]
    phones = {c["phone"] for c in out["contacts.yaml"]["contacts"] if "phone" in c}
    assert phones == {"0161 496 0150", "0161 496 0151", "0161 496 0152"}
    assert commands(out["playbooks/order-queue-not-draining.yaml"]) == [
        "kubectl -n orders exec deploy/queue -- queuectl depth orders",
        "kubectl -n orders rollout restart deploy/order-worker"]


def test_a_panel_with_a_subject_line_is_a_template_named_by_its_heading(outputs) -> None:
    templates = outputs[JIRA]["templates.yaml"]["templates"]
    assert [(t["title"], t["subject"]) for t in templates] == [
        ("Shop notice - orders delayed", "[P{priority}] Online orders delayed"),
        ("Shop notice - resolved", "[RESOLVED] Online orders working again")]
    # '{{incident_id}}' (Confluence's monospace) is the message's fill-in; '[RESOLVED]' a literal tag
    assert "Ref {incident_id}." in templates[0]["body"]
    assert "resolved" not in templates[1].get("placeholders", {})


def test_status_tags_in_brackets_stay_literal() -> None:
    assert placeholders("[UPDATE] [ISSUE] on [P1]") == ("[UPDATE] {issue} on [P1]", {"issue": "Fill in: ISSUE"})


def test_an_html_emails_layout_tables_are_unwrapped_and_its_data_table_kept(outputs) -> None:
    out = outputs[EMAIL]
    assert [(lv["name"], lv["response_time"]) for lv in out["severities.yaml"]["levels"]] == [
        ("Level 1", "30m"), ("Level 2", "4h")]
    got = {c["name"]: c.get("phone") for c in out["contacts.yaml"]["contacts"]}
    assert got["Control room"] == "0113 496 0770"   # '0113&nbsp;496&nbsp;0770': plain spaces, a valid number
    # a column the ladder has no field for keeps its name as written
    assert out["severities.yaml"]["levels"][0]["details"][-1] == {"label": "Tell OPS every", "text": "Hourly"}
    assert "0113 496 0771" in got.values()


def test_an_emails_monospace_blocks_under_underlined_titles_are_playbooks(outputs) -> None:
    out = outputs[EMAIL]
    assert commands(out["playbooks/machine-shows-offline.yaml"]) == [
        "ping -c 3 ptm-04.carrow.example\nssh engineer@ptm-04.carrow.example \"systemctl status paystile-agent\""]
    assert commands(out["playbooks/barrier-will-not-lift.yaml"]) == [
        "Test-Connection barrier-1.carrow.example -Count 2\nRestart-Service -Name BarrierGate -Force"]
    # '&bull;' lines after 'a short report covering:', under 'Afterwards'
    assert [s["title"] for s in out["postmortem.yaml"]["sections"]] == [
        "What happened", "Who noticed first", "What we changed"]


def test_layout_table_rule() -> None:
    lines = ['<table width="100%"><tr><td>', "Hi all,<br>", "<br>", "text<br>",
             "<table><tr><td>a</td><td>b</td></tr><tr><td>1</td><td>2</td></tr></table>", "</td></tr></table>"]
    unwrap_layout_tables(lines, set())
    assert lines == ["", "Hi all,<br>", "<br>", "text<br>",
                     "<table><tr><td>a</td><td>b</td></tr><tr><td>1</td><td>2</td></tr></table>", ""]


def test_a_tab_separated_sheet_becomes_headings_and_tables(outputs) -> None:
    out = outputs[SHEET]
    levels = out["severities.yaml"]["levels"]
    assert [(lv["id"], lv["description"]) for lv in levels] == [
        ("RED", "Ticket sales stopped"), ("AMBER", "One till down"), ("GREY", "Questions")]
    assert [lv["response_time"] for lv in levels[:2]] == ["20m", "2h"] and is_missing(levels[2]["response_time"])
    book = out["playbooks/card-reader-offline.yaml"]
    assert book["title"] == "Card reader offline"
    assert [s["text"] for s in book["steps"]["resolve"]] == [
        "Check the reader answers", "Restart the reader service", "Call the till supplier if it stays offline"]
    assert commands(book) == ["ping -c 3 reader-2.glassworks.example", "sudo systemctl restart reader-bridge"]
    assert [t["title"] for t in out["templates.yaml"]["templates"]] == ["Visitors (door sign)"]


def test_tab_rows_are_one_table_and_an_indenting_tab_is_not_a_cell() -> None:
    lines = ["Name\tPhone", "Ana\t555-0100", "", "\tindented text", "\tmore"]
    assert draw_tables(lines, set()) == ["<table><tr><th>Name</th><th>Phone</th></tr>",
                                         "<tr><td>Ana</td><td>555-0100</td></tr></table>", "",
                                         "\tindented text", "\tmore"]


CLAUSES, GDOCS, STATUS = "typed-clauses-procedure.txt", "gdocs-export-empty-headers.md", "statuspage-impact-levels.md"


@pytest.fixture(scope="module")
def more(tmp_path_factory) -> dict[str, dict[str, object]]:
    return imported(tmp_path_factory, [CLAUSES, GDOCS, STATUS])


def test_a_document_numbered_in_clauses(more) -> None:
    out = more[CLAUSES]
    assert [(lv["name"], lv["response_time"]) for lv in out["severities.yaml"]["levels"]] == [
        ("Level 1", "20m"), ("Level 2", "2h")]   # 'Attend within' is the response column
    assert [(r["name"], r["responsibilities"]) for r in out["roles.yaml"]["roles"]] == [
        ("Signalling Controller", ["Declares the fault and assigns the level.", "Stops trams entering the section."]),
        ("Field Technician", ["Attends the site and restores the signal."])]
    # '(a) ...', '(b) ...', '(c) ...': the order to call in
    assert [lv["name"] for lv in out["escalation.yaml"]["levels"]] == [
        "Signalling Controller", "Signalling Engineer on call", "Head of Infrastructure"]
    assert commands(out["playbooks/interlocking-not-responding.yaml"]) == [
        "ping -c 3 ixl-02.trams.example", "sudo systemctl restart ixl-gateway"]
    assert [s["title"] for s in out["postmortem.yaml"]["sections"]] == [
        "What failed", "Sequence of events", "Cause", "Actions"]


def test_a_google_docs_export(more) -> None:
    out = more[GDOCS]
    assert [(lv["name"], lv["response_time"]) for lv in out["severities.yaml"]["levels"]] == [
        ("Sev A", "30m"), ("Sev B", "4h")]   # the empty header row over the table's own
    assert {c["name"]: c.get("phone") for c in out["contacts.yaml"]["contacts"]}["Tilde Morgan"] == "07700 900701"
    # commands indented four under a list item, one playbook (not the whole document as another)
    assert [p for p in out if p.startswith("playbooks/")] == ["playbooks/shop-shows-a-502.yaml"]
    assert commands(out["playbooks/shop-shows-a-502.yaml"])[1] == \
        "ssh deploy@shop-01.marlowe.example\nsudo systemctl restart shop-app\nshopctl cache clear --all"
    assert [(t["title"], t["subject"]) for t in out["templates.yaml"]["templates"]] == [
        ("Delay notice (Sev A)", "Orders from {shop_name} are delayed")]   # an italic name over the message
    assert [s["title"] for s in out["postmortem.yaml"]["sections"]] == ["What happened", "Timeline", "What we will change"]


def test_a_status_page_process(more) -> None:
    out = more[STATUS]
    assert [(lv["name"], lv["update_every"]) for lv in out["severities.yaml"]["levels"]] == [
        ("Major Outage", "30m"), ("Partial Outage", "60m"), ("Degraded Performance", "2h")]
    assert [r["name"] for r in out["roles.yaml"]["roles"]] == [
        "Comms Lead", "Incident Commander (Engineering)", "Support Liaison"]
    assert [s["title"] for s in out["postmortem.yaml"]["sections"]] == [   # 'Reason for Outage': an RFO
        "Summary", "Customer impact", "Timeline", "Root cause", "Preventive actions"]
    templates = out["templates.yaml"]
    assert [t["title"] for t in templates["templates"]] == ["Investigating", "Resolved"]
    assert "After 30 minutes stable" in templates["notes"]   # a column no field holds: the table stays in notes


RACI = "ir-plan-raci-matrix.md"


def test_a_raci_matrix_is_kept_as_a_table_on_the_roles_page(tmp_path_factory) -> None:
    out = imported(tmp_path_factory, [RACI])[RACI]
    roles = out["roles.yaml"]
    assert [r["name"] for r in roles["roles"]] == ["Incident Manager", "Analyst", "Data Protection Officer"]
    [matrix] = roles["guidance"]
    assert matrix["title"] == "Who does what (RACI)"
    assert matrix["text"].splitlines()[2] == "| Open the incident | A/R | C | I |"
    # 'Duty manager: Aled Price — 0113 ...': the title, then whom it names, then the number
    contacts = {c["name"]: (c.get("title"), c.get("phone")) for c in out["contacts.yaml"]["contacts"]}
    assert contacts["Aled Price"] == ("Duty manager", "0113 496 0551")
    assert contacts["Nia Rowe"] == ("Press office", "0113 496 0552")


def test_a_guidance_table_is_rendered_with_every_cell_escaped() -> None:
    from generator.render.imported import guidance_block

    text = "| Who | What |\n|---|---|\n| <b>Lead</b> | R |"
    block = guidance_block([{"title": "RACI", "text": text}])
    assert "| Who | What |\n|---|---|\n" in block and "<b>" not in block


def test_numbered_sentences_are_the_chain_of_whom_each_reaches(tmp_path_factory) -> None:
    name = "escalation-steps-in-sentences.md"
    levels = imported(tmp_path_factory, [name])[name]["escalation.yaml"]["levels"]
    assert [lv["name"] for lv in levels] == [   # who does it, whom the arrow or the verb reaches
        "Front desk lead", "Practice Manager", "Brightline IT's duty engineer", "Clinical Director"]
    assert levels[1]["triggers"] == [{"condition": "If no answer in 20 minutes → Practice Manager", "after": "20m"}]


def test_a_raci_matrix_without_roles_goes_to_the_organization_page(tmp_path) -> None:
    from datetime import date

    from generator.importer.run import convert

    text = "# Plan\n\n## Severity\n\n| Level | Respond |\n|---|---|\n| P1 | 15 minutes |\n| P2 | 1 hour |\n\n" \
           "## RACI\n\n| Task | Lead | Analyst |\n|---|---|---|\n| Triage | A | R |\n| Report | R | C |\n"
    docs = convert(text, "Org", date(2026, 11, 22)).documents
    assert "roles.yaml" not in docs
    assert docs["organization.yaml"]["guidance"][0]["text"].splitlines()[2] == "| Triage | A | R |"


def test_a_typed_memo_with_colon_titles_tel_lines_and_tab_indented_commands(tmp_path_factory) -> None:
    name = "plain-memo-colon-headings.txt"
    out = imported(tmp_path_factory, [name])[name]
    assert [(lv["name"], lv["response_time"]) for lv in out["severities.yaml"]["levels"]] == [
        ("Grade 1", "10m"), ("Grade 2", "1h")]
    contacts = {c["name"]: (c.get("title"), c.get("phone")) for c in out["contacts.yaml"]["contacts"]}
    assert contacts["Owen Pryce"] == ("Duty Systems Manager", "0161 496 0331")
    assert contacts["Linkwave Support"] == ("Ticket Supplier", "0161 496 0333")
    book = out["playbooks/ticket-gate-offline.yaml"]
    assert commands(book) == ["ping -c 3 gate-ctl01.fenby.local", "sudo systemctl restart gate-agent"]
    assert [s["title"] for s in out["postmortem.yaml"]["sections"]] == [
        "What failed", "Who was affected", "What we changed"]   # 'a) ...' after 'under these headings:'


def test_a_span_styled_bold_is_bold() -> None:
    from generator.importer.dialects import inline_html

    assert inline_html("<p><span lang=en-GB style='font-weight:bold'>1. Priority levels</span></p>") == \
        "**1. Priority levels**"   # OneNote and Outlook write bold as a styled span
    assert inline_html("<span style='font-weight:normal'>plain</span>") == "plain"


def test_an_email_with_no_headings_gives_its_colour_list_as_the_ladder(tmp_path_factory) -> None:
    name = "headingless-email-colour-list.txt"
    out = imported(tmp_path_factory, [name])[name]
    levels = out["severities.yaml"]["levels"]
    assert [(lv["id"], lv["name"]) for lv in levels] == [("RED", "Red"), ("AMBER", "Amber"), ("GREEN", "Green")]
    assert levels[0]["response_time"] == "20m"
    # '<head@millbrook-library.example>' in the quoted reply is an address, not an HTML <head>: shown in notes
    assert "Could you write down what we do" in out["organization.yaml"]["notes"]
