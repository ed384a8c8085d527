"""`playbook import` on documents with no headings: a typed phone list whose numbers follow a
hyphen ('Name (Title) - number'), and escalation told as one sentence of whom to try next, and a paragraph that opens on its situation ('If the card
reader stops taking payments, ... run:') over the commands to run.

The generic checks (nothing invented, every line visible on the draft site) run on these files
with the rest of the corpus in test_import_corpus.py; here are the fields that must come out.
"""
from __future__ import annotations

from generator.validate.imported import is_missing

from .importcorpus import imported

EMAIL = "plain-email-phone-list-and-try-order.txt"


def test_a_hyphen_before_a_number_splits_a_typed_phone_list(tmp_path_factory) -> None:
    out = imported(tmp_path_factory, [EMAIL])[EMAIL]
    contacts = {c["id"]: c for c in out["contacts.yaml"]["contacts"]}
    assert contacts["priya-natarajan"]["phone"] == "07700 900311"
    assert "title" not in contacts["priya-natarajan"]   # '(me)' says who wrote the list, not a title
    assert (contacts["tom-whitaker"]["title"], contacts["tom-whitaker"]["phone"]) == ("Practice Manager", "07700 900472")
    assert contacts["oakfield-it-support"]["phone"] == "0161 496 0988"


def test_a_sentence_of_whom_to_try_next_is_the_escalation_order(tmp_path_factory) -> None:
    out = imported(tmp_path_factory, [EMAIL])[EMAIL]
    levels = out["escalation.yaml"]["levels"]
    # 'me' is the contact the list marks '(me)'; 'Tom' is the one contact called Tom
    assert [lv["contacts"] for lv in levels] == [
        ["priya-natarajan"], ["tom-whitaker"], ["oakfield-it-support"], ["on-call-vet"]]
    assert [lv["name"] for lv in levels][-1] == "on-call vet"
    assert levels[1]["triggers"][0]["condition"].startswith("If you can't get hold of me, try Tom")
    assert all(is_missing(t["condition"]) for t in levels[0]["triggers"])   # nothing said of the first: fill in
    # the sentence says more than the levels keep, so it is shown as written too
    assert "only after that the on-call vet" in out["organization.yaml"]["notes"] \
        or "only after that the on-call vet" in out["escalation.yaml"].get("notes", "")


def test_a_list_of_names_without_then_is_no_order() -> None:
    from datetime import date

    from generator.importer.run import convert

    text = ("Hi,\n\nNumbers:\n\n- Ana Ruiz - 07700 900101\n- Ben Ode - 07700 900102\n\n"
            "If you can't reach anyone, try Ana, Ben or the office.\n")
    documents = convert(text, "Org", date(2026, 11, 22)).documents
    assert "escalation.yaml" not in documents
    assert {c.get("phone") for c in documents["contacts.yaml"]["contacts"]} >= {"07700 900101", "07700 900102"}


def test_a_paragraph_opening_on_its_situation_over_commands_is_a_playbook(tmp_path_factory) -> None:
    out = imported(tmp_path_factory, [EMAIL])[EMAIL]
    book = out["playbooks/card-reader-stops-taking-payments.yaml"]
    assert book["title"] == "Card reader stops taking payments"
    assert [c["code"] for s in book["steps"]["immediate"] for c in s.get("commands", [])] == [
        'sudo systemctl restart cardreader\njournalctl -u cardreader --since "10 min ago"']
    # without commands under it, a sentence of advice is no playbook
    assert not any("booking-screen" in name for name in out)


def test_a_quoted_paragraph_under_the_wording_it_announces_is_a_message(tmp_path_factory) -> None:
    out = imported(tmp_path_factory, [EMAIL])[EMAIL]
    [message] = out["templates.yaml"]["templates"]
    assert message["body"].startswith("Harrowgate Vets: our booking system is down today. Your appointment at {time}")
    assert is_missing(message["title"])   # the sentence over it names no message: fill in, never a made-up name
    # 'Afterwards ... keep it to these parts:' over short items: the post-mortem's sections
    assert [s["title"] for s in out["postmortem.yaml"]["sections"]] == ["What broke", "Who was affected", "What we changed"]


TOGGLES = "notion-toggle-playbooks.md"


def test_notion_toggles_are_sections_and_their_indented_text_is_theirs(tmp_path_factory) -> None:
    out = imported(tmp_path_factory, [TOGGLES])[TOGGLES]
    # '- ▸ 💳 Card terminals offline' is a heading; its leading emoji are no words of its title
    terminals = out["playbooks/card-terminals-offline.yaml"]
    assert terminals["title"] == "Card terminals offline"
    assert [c["code"] for s in terminals["steps"]["immediate"] for c in s.get("commands", [])] == [
        "ping -c 3 payments-gw.kiln.internal\nsudo systemctl restart till-bridge"]
    # 'Symptoms: ...' typed without bold is what responders see, not a step
    assert terminals["symptoms"] == ['terminals show "Host unreachable" at every till.']
    printer = out["playbooks/receipt-printer-jammed.yaml"]   # a sibling toggle, not a sub-section of the first
    assert printer["title"] == "Receipt printer jammed"
    # a toggled outline under a review heading is the post-mortem template, 'TL;DR' included
    assert [s["title"] for s in out["postmortem.yaml"]["sections"]] == [
        "TL;DR", "What customers saw", "Timeline", "Root cause", "Follow-ups"]


def test_toggle_rewrite_keeps_line_count_and_nests_by_indent() -> None:
    from generator.importer.toggles import toggle_sections

    lines = ["## Runbooks", "- ▸ Outer", "    text", "    - ▸ Inner", "        ```", "        ls", "        ```",
             "- ▸ Next", "    more", "after"]
    assert toggle_sections(lines, set())
    assert lines == ["## Runbooks", "### Outer", "text", "#### Inner", "```", "ls", "```", "### Next", "more", "after"]


SHEET = "sheets-csv-export-blocks.csv"


def test_a_csv_export_is_read_as_the_sheet_it_was(tmp_path_factory) -> None:
    out = imported(tmp_path_factory, [SHEET])[SHEET]
    # 'SEVERITY,,,,' is a title across the sheet: the rows under it, up to an empty row, are its table
    assert [(lv["name"], lv["response_time"]) for lv in out["severities.yaml"]["levels"]] == [("L1", "20m"), ("L2", "2h")]
    phones = {c["name"]: c.get("phone") for c in out["contacts.yaml"]["contacts"]}
    assert phones["Amir Haddad"] == "(206) 555-0147" and phones["Jo Brandt"] == "(206) 555-0162"
    [message] = out["templates.yaml"]["templates"]
    # a quoted cell over two lines is one cell: the record's second line is no row of its own
    assert message["title"].startswith("Branch notice")
    assert "The catalogue is down at {branch} since {time}" in message["body"]


def test_a_runbook_named_on_each_of_its_rows_is_one_playbook(tmp_path_factory) -> None:
    out = imported(tmp_path_factory, [SHEET])[SHEET]
    steps = out["playbooks/kiosk-offline.yaml"]["steps"]["resolve"]
    assert [s["commands"][0]["code"] for s in steps] == ["ping -c 3 kiosk01.harbour.lan",
                                                         "sudo systemctl restart kiosk-agent"]
    assert steps[0]["note"] == "from the branch PC"   # a column no field holds: the step's note


def test_csv_records_keep_their_lines_and_quotes() -> None:
    from generator.importer.markup.csv_sheet import convert

    lines = ['A,B', '"one, two","say ""hi""', 'there"', ',', 'TITLE,']
    out = convert(lines)
    assert out.lines[1] == '<tr><td>one, two</td><td>say "hi"<br>there</td></tr>'
    assert out.lines[2] == "" and out.attached[3] == 2   # the record's second line goes with its first
    assert out.lines[4] == '<tr><td colspan="2">TITLE</td></tr></table>'


PDF_TEXT = "pdf-text-council-procedure.txt"


def test_pdf_text_loses_its_page_furniture_and_keeps_its_structure(tmp_path_factory) -> None:
    out = imported(tmp_path_factory, [PDF_TEXT], report=True)[PDF_TEXT]
    # typeset headings ('2    Priority Levels') and an indented table whose rows wrap
    assert [(lv["name"], lv["response_time"]) for lv in out["severities.yaml"]["levels"]] == [
        ("P1", "30m"), ("P2", "2h"), ("P3", "next-business-day")]
    assert out["severities.yaml"]["levels"][0]["description"] == "Council-wide outage of a public-facing service"
    phones = {c["name"]: c.get("phone") for c in out["contacts.yaml"]["contacts"]}
    assert phones["Rhian Pryce"] == "01632 960 410" and phones["Tomasz Nowak"] == "01632 960 422"
    book = out["playbooks/website-unavailable.yaml"]
    assert [c["code"] for s in book["steps"]["immediate"] for c in s.get("commands", [])] == [
        "ssh mgmt01.aldervalley.local\nsudo systemctl status nginx"]
    notes = out["organization.yaml"].get("notes", "") + str(out["organization.yaml"].get("guidance", ""))
    assert "escalate and recover" in notes   # 'esca-' / 'late' joined
    assert notes.count("Page 2 of 3") + notes.count("Page 3 of 3") == 0   # repeated furniture: shown once


def test_pdf_layout_keeps_the_line_count_and_hides_repeats() -> None:
    from generator.importer.pdf_text import pdf_layout

    lines = ["  Title", "", "  Text that is bro-", "  ken here.", "  Doc 1  Page 1 of 2",
             "\f  Running head", "  More", "  Doc 1  Page 2 of 2"]
    hidden: set[int] = set()
    assert pdf_layout(lines, hidden, set())
    assert len(lines) == 8 and lines[2] == "Text that is broken" and lines[3] == "here."
    assert lines[4] == "Doc 1  Page 1 of 2" and lines[7] == "" and hidden == {8}
    assert not pdf_layout(["no pages here", "at all"], set(), set())
