"""`playbook import` on an HTML page exported from a word processor: what a browser never shows
(the page's head and style sheet, empty paragraphs) is left out of notes and of the line count
and said so in the report; a link to a comment footnote inside the exported page keeps its text
only; a review line that names who reviewed stays visible as written.

The generic checks (nothing invented, every line visible on the draft site) run on this file
with the rest of the corpus in test_import_corpus.py; here are the fields that must come out.
"""
from __future__ import annotations

import pytest

from generator.importer.dialects import rewrite
from generator.validate.imported import is_missing

from .importcorpus import CORPUS, imported

NAME = "docs-export-with-stylesheet.html"


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> dict[str, object]:
    return imported(tmp_path_factory, [NAME], report=True)[NAME]


def test_page_head_and_style_sheet_stay_out_of_notes_and_are_reported(docs) -> None:
    notes = docs["organization.yaml"].get("notes", "")
    assert "font-family" not in notes and "<style" not in notes and "</head>" not in notes
    assert "<p" not in notes and "<span" not in notes   # empty paragraphs are markup, not text
    assert "6 lines of page markup" in docs["_report"]


def test_contacts_from_the_exported_table(docs) -> None:
    contacts = docs["contacts.yaml"]["contacts"]
    assert [(c["name"], c.get("phone")) for c in contacts[:2]] == [
        ("Ravi Anand", "+1 555 0141"), ("Airlink support", None)]   # TBD: no phone made up


def test_a_footnote_link_keeps_its_text_and_a_signed_review_line_stays_visible(docs) -> None:
    guidance = docs["contacts.yaml"]["guidance"][0]["text"]
    assert "(#cmnt" not in guidance and "Airlink moved their support line" in guidance
    assert "controller's About page (https://wlc.warehouse.example/about)" in guidance
    assert docs["organization.yaml"]["review"]["last_reviewed"] == "2025-02-11"
    assert "Last reviewed: 2025-02-11 by Ines Okafor" in docs["organization.yaml"]["notes"]


def test_hidden_blocks_inside_code_and_text_after_a_closing_head_tag() -> None:
    lines = ["```html", "<style>p{color:red}</style>", "```", "<head><title>x</title>",
             "<style>", "p{margin:0}", "</style></head><p>Call the desk first.</p>"]
    out = rewrite(lines)
    assert out.lines[1] == "<style>p{color:red}</style>"   # a code block is shown as written
    assert out.hidden == {4, 5, 6}
    assert "Call the desk first." in out.lines[6]
    assert (CORPUS / NAME).exists()


def test_chains_told_in_sentences_one_per_section(tmp_path_factory) -> None:
    name = "escalation-told-in-sentences.md"
    docs = imported(tmp_path_factory, [name])[name]
    levels = docs["escalation.yaml"]["levels"]
    assert [(lv["chain"], lv["name"], lv["triggers"][0].get("after")) for lv in levels] == [
        ("Store systems", "store systems primary", None),
        ("Store systems", "store systems backup", "10m"),
        ("Store systems", "duty manager (Marta Lindqvist)", "30m"),   # 'half an hour', never '1h'
        ("Card payments", "payments desk", None),
        ("Card payments", "Payments lead (Oskar Brandt)", "15m")]
    assert levels[0]["triggers"][0]["condition"].startswith("A till or scanner alert pages")
    contacts = {c["name"]: c for c in docs["contacts.yaml"]["contacts"]}
    assert contacts["Marta Lindqvist"]["phone"] == "+1 555 0133"
    assert contacts["Marta Lindqvist"]["title"] == "duty manager"
    assert contacts["payments desk"]["phone"] == "+1 555 0136" and "not" not in contacts


def test_half_an_hour_is_thirty_minutes() -> None:
    from generator.importer.text import duration

    assert [duration(t) for t in ("half an hour", "a half-hour", "an hour and a half", "an hour")] == [
        "30m", "30m", "90m", "1h"]


def test_a_roles_table_with_a_notes_column_and_an_update_with_ellipsis_fill_ins(tmp_path_factory) -> None:
    name = "issue-template-roles-and-update.md"
    docs = imported(tmp_path_factory, [name])[name]
    roles = docs["roles.yaml"]["roles"]
    assert [(r["name"], r["responsibilities"], r["who"]) for r in roles] == [
        ("Lead", ["Decides, and says so in a comment when handing over"], "@<handle>"),
        ("Note taker", ["Keeps the timeline current"], "@<handle>")]
    templates = docs["templates.yaml"]["templates"]
    assert [t["title"] for t in templates] == ["Update comment"]
    assert templates[0]["body"].startswith("**Update hh:mm** — state: <Investigating | Identified")


def test_a_dashed_phone_list_under_a_plain_heading(tmp_path_factory) -> None:
    name = "phone-list-under-plain-heading.md"
    docs = imported(tmp_path_factory, [name])[name]
    contacts = {c["name"]: c for c in docs["contacts.yaml"]["contacts"]}
    assert contacts["Facilities duty phone"]["phone"] == "+1 555 0151"
    hana = contacts["Hana Vogel (print room supervisor)"]
    assert (hana["kind"], hana["phone"], hana["email"]) == ("person", "+1 555 0152", "hana.vogel@printshop.example")
    assert "Reception" not in contacts   # no number or address: a remark in notes, nothing made up


def test_a_chain_written_with_arrows_and_not_a_data_flow(tmp_path_factory) -> None:
    name = "arrow-chain-footer.md"
    docs = imported(tmp_path_factory, [name])[name]
    levels = docs["escalation.yaml"]["levels"]
    assert [lv["name"] for lv in levels] == ["Kiosk on-call", "Field Services desk (+1 555 0161)", "Head of Stations"]
    assert all(is_missing(lv["triggers"][0]["condition"]) for lv in levels)   # when to move on: not said
    contacts = {c["name"]: c for c in docs["contacts.yaml"]["contacts"]}
    assert contacts["Field Services desk"]["phone"] == "+1 555 0161"
    kept = [doc.get("notes", "") + str(doc.get("guidance", "")) for doc in docs.values()]
    assert any("Still broken after the checks: Kiosk on-call →" in text for text in kept)   # as written, too
    from generator.importer.arrow_chains import _steps

    assert _steps("Traffic goes kiosk → station router → fleet API, so check the router first.") == []


def test_a_powershell_fence_stays_powershell_and_an_unknown_language_is_text() -> None:
    from generator.importer.scenarios import _lang_of

    assert _lang_of('Start-WebAppPool -Name "Portal"', "powershell") == "powershell"
    assert _lang_of("sum(rate(http_requests_total[5m]))", "promql") == "text"   # never 'bash'
    assert _lang_of("SELECT 1", "bash") == "sql"


def test_text_after_an_html_comment_is_a_paragraph_of_its_own() -> None:
    out = rewrite(["<!-- owners: the kiosk team -->", "Call the desk first."])
    assert 2 in out.breaks
