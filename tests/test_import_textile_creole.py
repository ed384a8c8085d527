"""Textile (Redmine, Textpattern) and WikiCreole 1.0 pages, saved as ``.txt`` (or ``.textile`` /
``.creole``), import as their Markdown twins would: the page is rewritten line for line first
(markup/textile.py, markup/creole.py), so its headings, tables, code blocks and lists reach the
importer's usual readers and line numbers stay the source's.

The generic checks (nothing invented, every line visible on the draft site) run on the fixtures with
the rest of the corpus in test_import_corpus.py; here are the fields that must come out, and the
documents either markup must leave alone.
"""
from __future__ import annotations

import pytest

from generator.importer.files import DOCUMENT_SUFFIXES
from generator.importer.markup import convert_markup
from generator.importer.markup.creole import is_creole
from generator.importer.markup.textile import is_textile

from .importcorpus import CORPUS, commands_of, imported

TEXTILE = "textile-water-board-incidents.txt"
CREOLE = "creole-ferry-booking-incidents.txt"
MEMO = """Subject: severity levels for the helpdesk

Hi all, a quick note on how we rank tickets this quarter.
P1 is anything that stops a whole office working: ring 555-0100 at once.
P2 means one team is stuck; answer within 1 hour.
Use the **portal** (https://help.example/tickets) for everything else, h2. is not a heading here.
Thanks, Mo""".splitlines()


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, dict[str, object]]:
    return imported(tmp_path_factory, [TEXTILE, CREOLE])


def _books(output: dict[str, object]) -> dict[str, dict]:
    return {book["title"]: book for name, book in output.items() if name.startswith("playbooks/")}


def test_textile_and_creole_files_are_documents_the_importer_reads() -> None:
    assert ".textile" in DOCUMENT_SUFFIXES and ".creole" in DOCUMENT_SUFFIXES


def test_textile_header_cells_give_the_ladder_one_level_without_a_time(outputs) -> None:
    levels = {level["id"]: level for level in outputs[TEXTILE]["severities.yaml"]["levels"]}
    assert list(levels) == ["SEV1", "SEV2", "SEV3", "SEV4"]
    assert [levels[s]["response_time"] for s in ("SEV1", "SEV2", "SEV3")] == ["15m", "1h", "4h"]
    assert "FILL IN" in levels["SEV4"]["response_time"]   # its cell is empty: no time is made up
    assert levels["SEV2"]["description"] == "One station without telemetry, or card payments failing for some customers"


def test_textile_contacts_escalation_and_roles(outputs) -> None:
    phones = {c["name"]: c.get("phone") for c in outputs[TEXTILE]["contacts.yaml"]["contacts"]}
    assert phones["Odile Marsh"] == "555-0141" and phones["Control Room"] == "555-0100"
    assert phones["Keelwater Systems"] == "555-0176"
    chain = [level["name"] for level in outputs[TEXTILE]["escalation.yaml"]["levels"]]
    assert chain == ["Duty engineer (the ops-duty rota)", "Bartholomew Quayle", "Odile Marsh", "Keelwater Systems"]
    assert [r["name"] for r in outputs[TEXTILE]["roles.yaml"]["roles"]] == ["Incident lead", "Recorder", "Liaison"]


def test_textile_code_paragraphs_and_pre_blocks_give_commands(outputs) -> None:
    books = _books(outputs[TEXTILE])
    assert set(books) == {"Telemetry gateway not reporting", "Billing portal returning errors"}
    # 'bc.' runs to the blank line; 'bc..' over blank lines to the next signature ('p.')
    assert commands_of(books["Telemetry gateway not reporting"]) == [
        "ssh collector-01.pennywell.example\nsudo systemctl status telemetry-gateway",
        "sudo systemctl restart telemetry-gateway\n\njournalctl -u telemetry-gateway -f"]
    # 'Look for the failing pods with @kubectl get pods -n billing@ before ...': the sentence's command too
    assert commands_of(books["Billing portal returning errors"]) == [
        "kubectl get pods -n billing",
        "kubectl -n billing rollout restart deployment/billing-web\n"
        "kubectl -n billing rollout status deployment/billing-web"]
    templates = [t["title"] for t in outputs[TEXTILE]["templates.yaml"]["templates"]]
    assert templates == ["Customer notice", "Service restored"]


def test_creole_ladder_contacts_and_chain(outputs) -> None:
    levels = {level["id"]: level for level in outputs[CREOLE]["severities.yaml"]["levels"]}
    assert list(levels) == ["S1", "S2", "S3"]
    assert [levels[s]["response_time"] for s in ("S1", "S2")] == ["10m", "1h"]
    assert "FILL IN" in levels["S3"]["response_time"]
    phones = {c["name"]: c.get("phone") for c in outputs[CREOLE]["contacts.yaml"]["contacts"]}
    assert phones["Digital duty phone"] == "555-0120" and phones["Tidewell Payments"] == "555-0167"
    chain = [level["name"] for level in outputs[CREOLE]["escalation.yaml"]["levels"]]
    assert chain == ["Digital duty phone", "Ruaridh Coll", "Hester Vaughan", "Tidewell Payments"]
    roles = [r["name"] for r in outputs[CREOLE]["roles.yaml"]["roles"]]
    assert roles == ["Incident lead", "Terminal liaison", "Vendor contact"]


def test_creole_nowiki_blocks_give_commands(outputs) -> None:
    books = _books(outputs[CREOLE])
    assert set(books) == {"Booking site not loading", "Ticket gates rejecting tickets"}
    assert commands_of(books["Booking site not loading"]) == [
        "ssh book-web01.saltmarsh.example\nsudo systemctl status nginx booking-app\nsudo systemctl restart booking-app"]
    assert commands_of(books["Ticket gates rejecting tickets"])[-1].endswith("sudo systemctl restart gate-sync")
    templates = [t["title"] for t in outputs[CREOLE]["templates.yaml"]["templates"]]
    assert templates == ["Passenger notice", "Service restored"]


def test_textile_lines_rewritten_one_for_one() -> None:
    lines = ['h2(#top). Who to call', '|_. Name |_. Phone |', '| "Ana":https://x.example/ana | @555-0100@ |',
             '** nested *item*', 'bc. make restart', 'make status', '', '{{>toc}}', 'bq. Back by _noon_.']
    out = convert_markup("page.textile", lines)   # a 'bc.' paragraph runs to its blank line
    assert out.lines[0] == "## Who to call"
    assert out.lines[1] == "<table><tr><th>Name</th><th>Phone</th></tr>"
    assert out.lines[2] == "<tr><td>[Ana](https://x.example/ana)</td><td>`555-0100`</td></tr></table>"
    assert out.lines[3] == "  - nested **item**"
    assert out.lines[4:6] == ["make restart", "make status"] and out.preformatted == {5: "", 6: ""}
    assert out.lines[7] == "" and 8 in out.hidden
    assert out.lines[8] == "> Back by *noon*."


def test_creole_lines_rewritten_one_for_one() -> None:
    lines = ["=== Gates", "|=Who|=Phone|", "|[[https://x.example|Ana]]|555-0100|", "* one", "** two",
             "**bold** lead", "see //notes// at https://x.example//y and {{{a|b}}}\\\\", "----"]
    out = convert_markup("page.creole", lines)
    assert out.lines[0] == "### Gates"
    assert out.lines[2] == "<tr><td>[Ana](https://x.example)</td><td>555-0100</td></tr></table>"
    assert out.lines[3:6] == ["- one", "  - two", "**bold** lead"]   # '**' is an item only under a list
    assert out.lines[6] == "see *notes* at https://x.example//y and `a|b`  "
    assert out.lines[7] == "" and 8 in out.hidden


def test_detection_leaves_plain_text_and_other_wikis_alone() -> None:
    assert not is_textile(MEMO) and not is_creole(MEMO)
    assert convert_markup("memo.txt", MEMO) is None
    for name in ("confluence-wiki-runbook.wiki", "hospital-clinical-systems-outage.mediawiki",
                 "community-radio-major-incident.txt", "forum-post-bbcode.txt", "plain-text-severity-memo.txt"):
        lines = (CORPUS / name).read_text(encoding="utf-8").splitlines()
        assert not is_textile(lines) and not is_creole(lines), name


def test_mediawiki_and_confluence_fixtures_keep_their_converters() -> None:
    from generator.importer.markup import confluence, mediawiki

    for name, module in (("hospital-clinical-systems-outage.mediawiki", mediawiki),
                         ("community-radio-major-incident.txt", mediawiki), ("confluence-wiki-runbook.wiki", confluence)):
        lines = (CORPUS / name).read_text(encoding="utf-8").splitlines()
        assert convert_markup(name, lines).lines == module.convert(lines).lines, name


@pytest.mark.parametrize("line", ['"' * 3000 + ":", "*_@" * 3000, "h2" + "(" * 3000 + ".", "|_." * 3000,
                                  "//" * 3000 + ":", "[[" * 3000 + "|", "{{{" * 3000, "%{" * 3000 + "%",
                                  "!a(" * 3000 + "!", "= " + "=" * 3000 + "x"])
def test_pathological_lines_convert_quickly(line: str) -> None:
    import time

    start = time.perf_counter()
    convert_markup("page.textile", [line, line])
    convert_markup("page.creole", [line, line])
    is_textile([line] * 3) or is_creole([line] * 3)
    assert time.perf_counter() - start < 2.0
