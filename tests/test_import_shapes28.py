"""`playbook import` on roles written one to a line as '**Role** - duty' with no blank line between
them (a single Markdown paragraph to a renderer, a list to its author), and a post-mortem template
given as the list a sentence introduces ('write a write-up covering:').

The generic checks (nothing invented, every line visible on the draft site) run on these files
with the rest of the corpus in test_import_corpus.py; here are the fields that must come out.
"""
from __future__ import annotations

import pytest

from generator.validate.imported import is_missing

from .importcorpus import imported

DASH_ROLES = "roles-dash-lines-and-writeup-list.md"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, dict[str, object]]:
    return imported(tmp_path_factory, [DASH_ROLES])


def test_bold_dash_lines_are_one_role_each(outputs) -> None:
    roles = outputs[DASH_ROLES]["roles.yaml"]["roles"]
    assert [(r["name"], r["responsibilities"]) for r in roles] == [
        ("Shift lead", ["chairs the call and decides what to try next"]),
        ("Press technician", ["works on the press, says what they see"]),
        ("Order desk", ["tells waiting customers what is going on"]),
        ("Recorder", ["writes each decision down with the time"])]


def test_the_list_a_writeup_sentence_introduces_is_the_postmortem_template(outputs) -> None:
    sections = outputs[DASH_ROLES]["postmortem.yaml"]["sections"]
    assert [(s["title"], s["prompt"]) for s in sections] == [
        ("What happened, in two sentences", "What happened, in two sentences"),
        ("Timeline", "from the first jam to the last reprint"),
        ("Why it happened", "the cause, not the person"),
        ("What we will change, each with an owner", "What we will change, each with an owner")]


PROSE = "manager-prose-colours-and-situations.md"


@pytest.fixture(scope="module")
def prose(tmp_path_factory) -> dict[str, object]:
    return imported(tmp_path_factory, [PROSE])[PROSE]


def test_colour_paragraphs_are_the_ladder_with_the_times_their_sentences_give(prose) -> None:
    levels = prose["severities.yaml"]["levels"]
    # 'a call back ... within 10 minutes', 'get back to you within the hour', 'by the end of the next working day'
    assert [(lv["id"], lv["name"], lv["response_time"]) for lv in levels] == [
        ("RED", "Red", "10m"), ("AMBER", "Amber", "1h"), ("GREEN", "Green", "next-business-day")]


def test_bold_labelled_contacts_with_the_number_inside_a_sentence(prose) -> None:
    got = {c["name"]: c for c in prose["contacts.yaml"]["contacts"] if c["id"] != "owner-tbd"}
    assert got["Duty Manager"]["phone"] == "07700 900510"
    assert (got["Priya Shah"]["title"], got["Priya Shah"]["phone"], got["Priya Shah"]["kind"]) == \
        ("Centre Manager", "07700 900522", "person")
    assert (got["Tom Bell"]["title"], got["Tom Bell"]["phone"]) == ("booking system admin", "07700 900533")
    # words in brackets describe the firm: they never make it a person
    assert is_missing(got["Aquaplant Services"]["kind"]) and got["Aquaplant Services"]["phone"] == "0161 496 0811"


def test_a_chain_told_in_plain_sentences_names_the_listed_contacts(prose) -> None:
    levels = prose["escalation.yaml"]["levels"]
    assert [(lv["name"], lv["contacts"]) for lv in levels] == [
        ("Duty Manager", ["duty-manager"]), ("Priya Shah", ["priya-shah"]), ("Colin Moore", ["colin-moore"])]
    assert levels[1]["triggers"] == [{"after": "10m"}]
    assert levels[2]["triggers"] == [{"condition": "If it is a Red and Priya has not answered, ring Colin Moore, "
                                                   "our Chief Executive."}]


def test_if_labels_are_one_playbook_each_with_what_follows_them(prose) -> None:
    books = {k: v for k, v in prose.items() if k.startswith("playbooks/")}
    tills = books["playbooks/if-the-tills-stop-taking-cards.yaml"]
    assert tills["title"] == "If the tills stop taking cards"
    steps = tills["steps"]["immediate"]
    assert steps[0]["commands"] == [{"lang": "bash", "code": "ping tills.riverside-leisure.example"}]
    assert steps[-1] == {"text": "Meanwhile, take cash only and put a sign on the desk."}
    assert "playbooks/if-the-chlorine-alarm-sounds.yaml" in books


def test_quoted_messages_after_bold_labels_and_headings_listed_in_a_sentence(prose) -> None:
    templates = {t["title"]: t for t in prose["templates.yaml"]["templates"]}
    assert list(templates) == ["Text to swim teachers (pool closed)", "Notice for the front door"]
    assert templates["Notice for the front door"]["body"].startswith("Sorry — the {area} is closed")
    sections = prose["postmortem.yaml"]["sections"]
    assert [s["title"] for s in sections] == ["What happened", "Who was affected", "Why it happened",
                                              "What we will change"]


MERMAID = "mermaid-escalation-and-split-times.md"


@pytest.fixture(scope="module")
def mermaid(tmp_path_factory) -> dict[str, object]:
    return imported(tmp_path_factory, [MERMAID])[MERMAID]


def test_the_time_to_acknowledge_is_the_response_time_not_the_update_time(mermaid) -> None:
    levels = mermaid["severities.yaml"]["levels"]
    assert [(lv["id"], lv["response_time"]) for lv in levels] == [
        ("GRADE1", "10m"), ("GRADE2", "30m"), ("GRADE3", "next-business-day")]


def test_a_mermaid_flowchart_is_the_chain_with_its_arrow_labels(mermaid) -> None:
    levels = mermaid["escalation.yaml"]["levels"]
    assert [lv["name"] for lv in levels] == ["Imaging on-call engineer", "Imaging Systems Lead",
                                             "Major Incident Manager", "Chief Information Officer"]
    assert levels[1]["triggers"] == [{"condition": "no fix in 20 min"}]
    assert levels[2]["triggers"] == [{"condition": "Grade 1 or over 2 hours"}]
    assert "flowchart LR" in mermaid["escalation.yaml"]["notes"]   # the drawing also stays as written


def test_a_vendor_item_with_words_after_its_brackets(mermaid) -> None:
    got = {c["name"]: c for c in mermaid["contacts.yaml"]["contacts"]}
    assert (got["ScanSure Ltd"]["kind"], got["ScanSure Ltd"]["phone"]) == ("vendor", "020 7946 0799")
    assert got["Ruth Abara"]["title"] == "Imaging Systems Lead"


def test_the_numbered_list_after_using_these_headings_is_the_postmortem(mermaid) -> None:
    assert [s["title"] for s in mermaid["postmortem.yaml"]["sections"]] == [
        "Summary", "Patient impact", "Timeline", "Root cause", "Actions"]


def test_flowchart_parsing_keeps_boxes_and_arrow_labels() -> None:
    from generator.importer.mermaid_chains import _single_path, parse_flowchart

    labels, edges = parse_flowchart(['A["Duty lead"] --> B(Manager) -->|1 hour| C{Director}', "B"])
    assert labels == {"A": "Duty lead", "B": "Manager", "C": "Director"}
    assert edges == {("A", "B"): "", ("B", "C"): "1 hour"}
    assert _single_path(edges) == ["A", "B", "C"]
    assert _single_path({("A", "B"): "", ("A", "C"): ""}) == []   # a branch is no chain


@pytest.mark.parametrize("text, ids", [
    ("# Dispatch IT\n\n## Incident levels\n\n| Level | Meaning | IT response |\n|---|---|---|\n"
     "| Level Green | No impact | next business day |\n| Level Amber | A major function is lost | 30 mins |\n"
     "| Level Red | Dispatch is down | within 10 minutes |\n",
     ["LEVEL-RED", "LEVEL-AMBER", "LEVEL-GREEN"]),   # colour codes, mildest first: read gravest first
    ("# Playout\n\n## Severity\n\n| Level | Name | Response |\n|---|---|---|\n"
     "| Sev-A | Off air | 10 minutes |\n| Sev-B | At risk | 1 hour |\n| Sev-C | Degraded | next working day |\n",
     ["SEV-A", "SEV-B", "SEV-C"])])
def test_colour_and_lettered_levels_in_a_table(text, ids) -> None:
    from datetime import date

    from generator.importer.run import convert
    levels = convert(text, "Org", date(2026, 12, 1)).documents["severities.yaml"]["levels"]
    assert [(lv["id"], lv["response_time"]) for lv in levels] == list(zip(ids, ["10m", "30m" if "Amber" in text else
                                                                                 "1h", "next-business-day"]))


TYPED = "typed-side-terms-and-aligned-contacts.txt"


@pytest.fixture(scope="module")
def typed(tmp_path_factory) -> dict[str, object]:
    return imported(tmp_path_factory, [TYPED])[TYPED]


def test_terms_set_beside_their_text_are_levels_and_roles(typed) -> None:
    levels = typed["severities.yaml"]["levels"]
    assert [(lv["id"], lv["response_time"]) for lv in levels] == [
        ("URGENT", "10m"), ("NORMAL", "1h"), ("LOW", "next-business-day")]
    assert levels[0]["description"].startswith("A crane has stopped under load, or the control network is down on a")
    roles = typed["roles.yaml"]["roles"]
    assert [r["name"] for r in roles] == ["INCIDENT LEAD", "CRANE TECHNICIAN", "BERTH LIAISON"]
    assert roles[1]["responsibilities"] == ["Works on the crane. Says what they will do before they do it."]


def test_a_table_aligned_with_spaces_and_no_rule(typed) -> None:
    got = {c["name"]: c for c in typed["contacts.yaml"]["contacts"]}
    assert (got["Ailsa Grant"]["title"], got["Ailsa Grant"]["phone"], got["Ailsa Grant"]["hours"]) == \
        ("Control Systems Lead", "+44 131 496 0410", "08:00-17:00")
    assert got["Bram de Vries"]["phone"] == "+44 131 496 0422"
    assert got["Crane On-call"]["kind"] == "rotation"


def test_prose_and_ragged_lines_are_not_an_aligned_table() -> None:
    from generator.importer.text_tables import draw_tables

    lines = ["", "NAME  ROLE  PHONE", "We call  the lead  when a crane stops under load and nobody answers", "x  y  z"]
    assert draw_tables(list(lines), set()) == lines


INDEX = "wiki-index-arrows-and-snippets.md"


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> dict[str, object]:
    return imported(tmp_path_factory, [INDEX])[INDEX]


def test_a_level_paged_at_once_but_acknowledged_within_minutes(index) -> None:
    levels = index["severities.yaml"]["levels"]
    assert [(lv["id"], lv["response_time"]) for lv in levels] == [
        ("SEV1", "5m"), ("SEV2", "30m"), ("SEV3", "next-business-day")]   # 'Page immediately; ack within 5 min'


def test_an_arrow_chain_in_a_label_with_one_wait_for_every_step(index) -> None:
    levels = index["escalation.yaml"]["levels"]
    assert [lv["name"] for lv in levels] == ["ticket desk on-call", "Desk Lead", "Head of Sales Systems"]
    assert levels[1]["triggers"] == levels[2]["triggers"] == [
        {"after": "20m", "condition": "Go to the next person after 20 minutes without an answer"}]


def test_numbered_steps_under_playbooks_without_commands_are_a_playbook(index) -> None:
    paper = index["playbooks/fall-back-to-the-box-office.yaml"]
    assert [s["text"] for s in paper["steps"]["immediate"]] == [
        "The desk lead tells the box office to sell on paper.", "Hand out the paper ticket books from the safe.",
        "Keep a tally of paper sales for back-entry."]


def test_a_one_line_fenced_message_under_a_comms_heading(index) -> None:
    templates = {t["title"]: t for t in index["templates.yaml"]["templates"]}
    assert templates["Website banner (SEV1)"]["body"].startswith("Online sales are paused for a few minutes.")


def test_an_indented_review_list_after_with(index) -> None:
    sections = index["postmortem.yaml"]["sections"]
    assert [(s["title"], s["prompt"]) for s in sections] == [
        ("Summary", "Summary"), ("Impact", "who, how many, for how long"), ("Actions", "Actions")]


def test_html_list_items_nest_by_their_lists_not_the_pages_indentation() -> None:
    from datetime import date

    from generator.importer.run import convert
    page = ("<html><body><main>\n  <article>\n      <h1>Museum digital incidents</h1>\n      <h2>Roles</h2>\n"
            "      <ul>\n        <li><strong>Duty officer</strong> — leads the response and keeps the\n"
            "        incident log.</li>\n        <li><strong>Comms contact</strong> — posts on social media.</li>\n"
            "      </ul>\n  </article>\n</main></body></html>\n")
    roles = convert(page, "Org", date(2026, 12, 1)).documents["roles.yaml"]["roles"]
    assert [(r["name"], r["responsibilities"]) for r in roles] == [
        ("Duty officer", ["leads the response and keeps the incident log."]),
        ("Comms contact", ["posts on social media."])]


def test_twiki_numbered_items_with_and_without_the_dot() -> None:
    from generator.importer.markup import convert_markup

    lines = ["---+ Runbook", "", "---++ Steps", "", "   1 Tell the supervisor.", "   1. Hand out the cards.",
             "      * a nested bullet"]
    assert convert_markup("x.txt", lines).lines[4:7] == ["1. Tell the supervisor.", "1. Hand out the cards.",
                                                         "   - a nested bullet"]


def test_a_level_cell_that_says_more_than_its_id_is_kept_beside_a_label_column() -> None:
    from datetime import date

    from generator.importer.run import convert
    text = ("# Service desk\n\n## Priority levels\n\n| Priority | Label | Respond within |\n|---|---|---|\n"
            "| Priority 1 (P1) | Critical | 15 mins |\n| P2 | High | 1 hour |\n")
    levels = convert(text, "Org", date(2026, 12, 1)).documents["severities.yaml"]["levels"]
    assert [(lv["id"], lv["name"], lv.get("aliases")) for lv in levels] == [
        ("P1", "Critical", ["Priority 1 (P1)"]), ("P2", "High", None)]   # the page's words, where they differ
