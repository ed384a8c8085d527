"""reStructuredText (Sphinx), AsciiDoc (Antora) and Confluence wiki markup pages import as their Markdown twins would: the
page is rewritten line for line into Markdown first, so sections, field lists, directives, listing
blocks, tables and lists reach the same readers, and line numbers stay those of the source.

The generic checks (nothing invented, every line visible on the draft site) run on these files with
the rest of the corpus in test_import_corpus.py; here are the fields that must come out.
"""
from __future__ import annotations

import pytest

from generator.importer.markup import convert_markup
from generator.importer.files import DOCUMENT_SUFFIXES
from generator.validate.imported import is_missing

from .importcorpus import imported

RST = "sphinx-incident-levels.rst"
ADOC = "antora-queue-alerts.adoc"
WIKI = "confluence-wiki-runbook.wiki"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, dict[str, object]]:
    return imported(tmp_path_factory, [RST, ADOC, WIKI], report=True)


def test_both_markups_are_documents_the_importer_reads() -> None:
    assert {".rst", ".adoc", ".asciidoc", ".wiki"} <= set(DOCUMENT_SUFFIXES)


def test_rst_sections_and_field_lists_give_the_ladder(outputs) -> None:
    levels = {level["id"]: level for level in outputs[RST]["severities.yaml"]["levels"]}
    assert list(levels) == ["P1", "P2", "P3"]
    assert levels["P1"]["name"] == "Outage" and levels["P1"]["response_time"] == "10m"
    assert levels["P1"]["update_every"] == "30m"
    assert levels["P1"]["examples"] == ["Booking API returns errors for every request",
                                        "Tracking pages blank for more than five minutes"]
    assert levels["P2"]["response_time"] == "1h"   # not the 'four hours' of the versionchanged note
    assert is_missing(levels["P3"]["response_time"])   # 'TBD'


def test_rst_list_table_and_substitution_give_contacts(outputs) -> None:
    contacts = {c["name"]: c for c in outputs[RST]["contacts.yaml"]["contacts"]}
    assert contacts["Ingrid Salo"]["phone"] == "+1 555 0161"
    assert contacts["Ops desk"]["phone"] == "+1 555 0160"   # '|desk|', defined by '.. |desk| replace::'


def test_rst_markup_never_reaches_a_field(outputs) -> None:
    text = str({k: v for k, v in outputs[RST].items() if k != "_report"})
    for markup in (":Meaning:", "``hfctl``", ":doc:", "|desk|", ".. meta", ":keywords:"):
        assert markup not in text.replace("notes", ""), markup
    assert "page markup" in outputs[RST]["_report"]   # the meta and target lines, left out and said so


def test_adoc_alert_sections_become_runbooks(outputs) -> None:
    playbooks = {k: v for k, v in outputs[ADOC].items() if k.startswith("playbooks/")}
    stuck = playbooks["playbooks/ledger-queue-stuck.yaml"]
    assert stuck["alerts"] == ["LedgerQueueStuck"]
    assert stuck["symptoms"] == ["No ledger message has been consumed for fifteen minutes."]
    commands = [c["code"] for stage in stuck["steps"].values() for step in stage for c in step.get("commands", [])]
    # a listing block is verbatim: AsciiDoc leaves '{ns}' as written there; '<1>' is a callout marker
    assert commands == ["kubectl -n {ns} get pods -l app=ledger-consumer", "ledgerctl lag --group settlement",
                        "helm -n ledger rollback ledger-consumer 0"]
    assert "playbooks/ledger-latency-high.yaml" in playbooks
    every_command = [c["code"] for book in playbooks.values() for stage in book["steps"].values()
                     for step in stage for c in step.get("commands", [])]
    assert not [c for c in every_command if "systemctl" in c]   # only inside a //// comment block


def test_adoc_table_gives_contacts(outputs) -> None:
    contacts = {c["name"]: c for c in outputs[ADOC]["contacts.yaml"]["contacts"]}
    assert contacts["Tomasz Berg"]["phone"] == "+1 555 0170"
    assert contacts["Payments on-call"]["phone"] == "+1 555 0171"


def test_conversion_keeps_one_line_per_source_line() -> None:
    source = ["Title", "=====", "", ".. code-block:: bash", "", "   run --now", "", "* item", "  more"]
    converted = convert_markup("page.rst", source)
    assert len(converted.lines) == len(source)
    assert converted.lines[0] == "# Title" and converted.attached[2] == 1
    assert converted.lines[4:7] == ["```bash", "run --now", "```"]
    assert converted.lines[7:9] == ["- item", "  more"]
    adoc = ["== Part", "[source,sh]", "----", "make all <1>", "----", "<1> builds it", "Term:: value"]
    converted = convert_markup("page.adoc", adoc)
    assert converted.lines == ["## Part", "", "```sh", "make all", "```", "(1) builds it", "- **Term**: value"]


def test_other_documents_are_left_to_the_markdown_reader() -> None:
    assert convert_markup("notes.md", ["# x"]) is None


def test_confluence_numbered_steps_keep_their_code_blocks(outputs) -> None:
    book = outputs[WIKI]["playbooks/parcel-lockers-runbook.yaml"]
    steps = [step for stage in book["steps"].values() for step in stage]
    assert [c["code"] for step in steps for c in step.get("commands", [])] == [
        "lockerctl gateway status --city lyon", "lockerctl gateway failover --city lyon --to spare"]
    assert steps[2]["text"] == "Tell support in #support-escalations."   # '{{...}}' is monospace
    assert "Never reboot all gateways at once" in steps[2]["note"]        # the {warning} box under the steps


def test_confluence_markup_converts_line_for_line() -> None:
    source = ["h2. Checks", "# First", "## nested", "{code:bash}", "make check", "{code}",
              "||A||B||", "|1|2|", "{note:title=Careful}", "text", "{note}", "See [docs|https://x.example]."]
    converted = convert_markup("page.wiki", source)
    assert converted.lines == ["## Checks", "1. First", "   1. nested", "```bash", "make check", "```",
                               "<table><tr><th>A</th><th>B</th></tr>", "<tr><td>1</td><td>2</td></tr></table>",
                               '!!! note "Careful"', "    text", "", "See [docs](https://x.example)."]
    assert convert_markup("Home.wiki", ["# Gollum page", "", "Plain Markdown."]) is None
