"""Man pages' troff source (``incident.7``, ``.man``, or a ``.txt`` file whose lines start with
man(7) macros) import as their Markdown twins would: the source is rewritten line for line first
(markup/troff.py), so ``.SH``/``.SS`` headings, ``.TP`` terms, ``.IP`` items and ``.nf``/``.EX``
code blocks reach the importer's usual readers, and line numbers stay the source's.

The generic checks (nothing invented, every line visible on the draft site) run on the fixture with
the rest of the corpus in test_import_corpus.py; here are the fields that must come out.
"""
from __future__ import annotations

import shutil

import pytest

from generator.importer.files import DOCUMENT_SUFFIXES
from generator.importer.markup import convert_markup
from generator.importer.markup.troff_inline import inline
from generator.importer.run import import_documents

from .conftest import TEST_TODAY
from .importcorpus import CORPUS, commands_of, imported, load

PAGE = "manpage-tidewater-oncall.7"


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> dict[str, object]:
    return imported(tmp_path_factory, [PAGE])[PAGE]


def test_man_page_suffixes_are_documents_the_importer_reads() -> None:
    assert all(suffix in DOCUMENT_SUFFIXES for suffix in (".man", ".1", ".7", ".8"))


def test_tp_entries_give_the_levels_and_their_response_times(output) -> None:
    levels = {level["id"]: level for level in output["severities.yaml"]["levels"]}
    assert list(levels) == ["P1", "P2", "P3", "P4"]
    assert [levels[p]["response_time"] for p in ("P1", "P2", "P3")] == ["10m", "1h", "4h"]
    assert "response_time" not in levels["P4"] or "FILL IN" in levels["P4"]["response_time"]
    assert levels["P1"]["description"].startswith("Dispatch is down for every depot")


def test_tp_entries_give_the_contacts_and_their_phones(output) -> None:
    contacts = {c["name"]: c for c in output["contacts.yaml"]["contacts"]}
    assert contacts["Oksana Pereira"]["phone"] == "555-0142"
    assert contacts["Declan Mwangi"]["phone"] == "555-0167"
    assert contacts["Harbourline Telecom NOC"]["phone"] == "555-0119"


def test_numbered_ip_items_give_the_escalation_order(output) -> None:
    names = [level["name"] for level in output["escalation.yaml"]["levels"]]
    assert names == ["The primary on-call engineer (tw-primary rota)",   # '\fI..\fP' is emphasis
                     "The secondary on-call engineer (tw-secondary rota)", "Oksana Pereira", "The duty director"]


def test_nf_and_ex_blocks_give_the_procedures_commands(output) -> None:
    books = {path: book for path, book in output.items() if path.startswith("playbooks/")}
    queue = books["playbooks/restarting-the-dispatch-queue.yaml"]
    ledger = books["playbooks/failing-over-the-ledger-database.yaml"]
    assert queue["title"] == "Restarting the dispatch queue"
    assert ledger["title"] == "Failing over the ledger database"
    assert commands_of(queue) == [   # '\-\-env' is '--env'
        "twctl queue status --env prod\ntwctl queue workers --env prod --stuck",
        "twctl queue drain --env prod --timeout 120\nsystemctl restart tw-dispatch-worker.service"]
    assert commands_of(ledger) == ["pg_ctl -D /var/lib/ledger promote\ntwctl ledger repoint --primary ledger-b.prod"]


def test_rs_block_under_a_subsection_gives_the_message_template(output) -> None:
    templates = {t["title"]: t for t in output["templates.yaml"]["templates"]}
    assert templates["Customer notice"]["body"].startswith("We are seeing problems with <service> since <time>.")


def test_conversion_keeps_one_line_per_source_line_and_hides_comments() -> None:
    lines = (CORPUS / PAGE).read_text(encoding="utf-8").splitlines()
    converted = convert_markup(PAGE, lines)
    assert converted is not None and len(converted.lines) == len(lines)
    assert {1, 2, 4, 5} <= converted.hidden   # the '.\"' comments, '.ad l' and '.nh'
    assert converted.lines[2] == "# TIDEWATER-ONCALL(7) — Tidewater Operations (2025-03-02, Tidewater Platform)"
    assert converted.lines[7] == "## DESCRIPTION"   # man pages' capitals kept as written
    assert "- **P1**:" in converted.lines


def test_inline_escapes_read_as_the_characters_they_draw() -> None:
    assert inline(r"\fBtwctl\fR \-\-env prod") == "**twctl** --env prod"
    assert inline(r"\fIrota\fP \(em \(lqnow\(rq, \(bu C:\e \&.x a\ b") == "*rota* — “now”, • C:\\ .x a b"


def test_plain_text_memo_with_a_line_starting_with_a_dot_is_not_troff() -> None:
    memo = ["Memo to the on-call team", "", "The pager rota changes on Monday.",
            ".SH is what the old wiki called a section heading; ignore it.", "...and call Oksana if unsure.",
            "Thanks"]
    assert convert_markup("memo.txt", memo) is None


def test_txt_file_with_man_macros_is_troff() -> None:
    page = [".TH OPS 7", ".SH NAME", "ops \\- on-call", ".SH LEVELS", ".TP", ".B P1", "Down.", ".PP", "End."]
    converted = convert_markup("ops.txt", page)
    assert converted is not None and converted.lines[5] == "- **P1**:"


def test_directory_import_accepts_a_man_page(tmp_path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(CORPUS / PAGE, docs / "tidewater-oncall.7")
    import_documents([docs], tmp_path / "content", org_name="Corpus Org", today=TEST_TODAY)
    levels = load(tmp_path / "content", "severities.yaml")["levels"]
    assert [level["id"] for level in levels] == ["P1", "P2", "P3", "P4"]
