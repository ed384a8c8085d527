"""A page whose parts are each folded in a <details> (the summary names the part) imports as if the
summaries were headings; one folded message keeps its summary as its caption (details-summary
fixtures of the corpus)."""
from __future__ import annotations


from generator.importer.html_details import details_sections

from .importcorpus import commands_of, import_checked, load



def test_collapsible_parts_are_sections(tmp_path) -> None:
    out = import_checked(tmp_path, "collapsible-sections-page.md")
    levels = load(out, "severities.yaml")["levels"]
    assert [(lv["id"], lv["response_time"]) for lv in levels] == [("P1", "15m"), ("P2", "1h")]
    contacts = {c["name"]: c.get("phone") for c in load(out, "contacts.yaml")["contacts"]}
    assert contacts["Aoife Brennan"] == "+1 555 0100 301"
    book = load(out, "playbooks/boards-frozen.yaml")
    assert commands_of(book) == ["systemctl status board-feed\nsudo systemctl restart board-feed"]


def test_levels_come_from_the_heading_above_and_two_collapsibles_stay_captions() -> None:
    lines = ["## Runbook", "", "<details>", "<summary>A</summary>", "x", "</details>",
             "<details><summary>B</summary>", "y", "</details>", "<details>", "<summary>C</summary>", "z", "</details>"]
    original, attached = list(lines), {}
    details_sections(lines, original, attached, set())
    assert (lines[3], lines[6], lines[10]) == ("### A", "### B", "### C")
    assert attached[3] == 4 and attached[6] == 5   # the markup lines go with the heading and the text above
    two = ["<details>", "<summary>A</summary>", "x", "</details>", "<details>", "<summary>B</summary>", "y", "</details>"]
    before = list(two)
    details_sections(two, list(two), {}, set())
    assert two == before


def test_wiki_html_definition_rows_and_inline_pre(tmp_path) -> None:
    """DokuWiki's export: '<dt>name</dt><dd>number</dd>' rows are contacts and roles; a '<pre>' with
    its text on its own tag lines (no line free for a fence) is still the playbook's command."""
    out = import_checked(tmp_path, "wiki-html-dl-and-inline-pre.html")
    contacts = {c["name"]: c for c in load(out, "contacts.yaml")["contacts"]}
    assert contacts["Harbour data centre"]["phone"] == "555-0171"
    assert any(c.get("phone") == "+44 20 7946 0731" for c in contacts.values())
    assert [r["name"] for r in load(out, "roles.yaml")["roles"]] == ["Incident Lead", "Scribe"]
    book = load(out, "playbooks/queue-stuck.yaml")
    assert commands_of(book) == ["systemctl status order-queue\nsudo systemctl restart order-queue"]


def test_html_table_spans_fill_the_grid_and_two_header_rows_join() -> None:
    from generator.importer.mdparse import _spanned_rows

    markup = ("<table><tr><th rowspan='2'>Level</th><th colspan='2'>Response target</th></tr>"
              "<tr><th>Office hours</th><th>Out of hours</th></tr>"
              "<tr><td>Sev-1</td><td colspan='2'>20 minutes</td></tr>"
              "<tr><td>Sev-3</td><td colspan='2' rowspan='2'>no target</td></tr>"
              "<tr><td>Sev-4</td></tr></table>")
    assert _spanned_rows(markup)[0] == [["Level", "Response target Office hours", "Response target Out of hours"],
                                     ["Sev-1", "20 minutes", "20 minutes"],
                                     ["Sev-3", "no target", "no target"],
                                     ["Sev-4", "no target", "no target"]]
    assert _spanned_rows("<table><tr><td colspan=99>x</td></tr></table>")[0] == [["x"] * 20]   # spans are bounded


def test_published_spreadsheet_tabs_are_sections_and_its_tables_are_read(tmp_path) -> None:
    """Google Sheets' 'Publish to the web' HTML: a tab a section (named from the sheet menu), the
    column letters and row numbers left out, a ladder with a note row, a runbook table grouped by
    its first column with a command per step, a template table."""
    out = import_checked(tmp_path, "published-sheet-matrix.html")
    levels = load(out, "severities.yaml")["levels"]
    assert [lv["response_time"] for lv in levels] == ["20m", "2h"]
    books = {load(out, f"playbooks/{p.name}")["title"]: load(out, f"playbooks/{p.name}")
             for p in (out / "playbooks").iterdir()}
    assert sorted(books) == ["Label printer queue stuck", "Scanner API down"]
    assert commands_of(books["Scanner API down"]) == ["kubectl -n scan get pods",
                                                     "kubectl -n scan rollout restart deploy/scan-api"]
    templates = load(out, "templates.yaml")["templates"]
    assert [t["title"] for t in templates] == ["Depot notice"]
