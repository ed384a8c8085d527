"""Word-processor exports and hand-written HTML: headings that are bold paragraphs, escaped list
markers, lines ended by '<br>', commands in unlabelled code blocks.

The generic checks (nothing invented, every line visible on the draft site) run on both fixtures
with the rest of the corpus in test_import_corpus.py.
"""
from __future__ import annotations

import pytest

from generator.importer.bold_headings import bold_headings, escaped_items
from generator.importer.found import SHELL_START

from .importcorpus import commands_of, import_checked, load

EXPORT, HTML = "docs-export-bold-headings.md", "hand-written-html-line-breaks.html"


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    return import_checked(tmp_path_factory.mktemp("bold-export"), EXPORT)


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    return import_checked(tmp_path_factory.mktemp("bold-html"), HTML)


def _books(out) -> dict[str, dict]:
    return {load(out, f"playbooks/{p.name}")["title"]: load(out, f"playbooks/{p.name}")
            for p in sorted((out / "playbooks").glob("*.yaml"))}


def test_an_exports_bold_numbered_paragraphs_are_its_sections(export) -> None:
    levels = load(export, "severities.yaml")["levels"]
    assert [lv["id"] for lv in levels] == ["P1", "P2", "P3"]
    assert [lv["response_time"] for lv in levels[:2]] == ["20m", "2h"]
    assert "FILL IN" in levels[2]["response_time"]   # 'No target': never a made-up time


def test_escaped_dash_and_number_lines_are_the_lists_a_reader_sees(export) -> None:
    phones = {c["name"]: c.get("phone") for c in load(export, "contacts.yaml")["contacts"]}
    assert any("Oksana Brand" in name and phone and "013" in phone for name, phone in phones.items())
    chain = [lv["name"] for lv in load(export, "escalation.yaml")["levels"]]
    assert len(chain) == 3 and "Oksana Brand" in chain[1] and "Teodor Lisk" in chain[2]


def test_numbered_sub_headings_are_playbooks_with_their_commands(export) -> None:
    books = _books(export)
    rip = next(b for t, b in books.items() if "RIP server not answering" in t)
    assert "\n".join(commands_of(rip)).splitlines() == ["ping -c 4 rip01.holloway.local", "ssh ops@rip01.holloway.local",
                                                       "sudo systemctl restart rip-queue"]
    assert any("Job queue stuck" in t for t in books)


def test_bold_lines_ended_by_br_head_a_hand_written_page(page) -> None:
    levels = load(page, "severities.yaml")["levels"]
    assert [lv["id"] for lv in levels] == ["LEVEL-1", "LEVEL-2", "LEVEL-3"]
    assert [lv["response_time"] for lv in levels[:2]] == ["10m", "1h"]
    contacts = {c["name"]: c.get("phone") for c in load(page, "contacts.yaml")["contacts"]}
    assert contacts.get("Moira Tennant") == "+1 555 0181"


def test_pre_blocks_of_plain_commands_make_playbooks(page) -> None:
    books = _books(page)
    encoder = next(b for t, b in books.items() if "STREAM ENCODER DOWN" in t.upper())
    assert "service icecast2 restart" in " ".join(commands_of(encoder))
    assert any("PLAYOUT" in t.upper() for t in books)


@pytest.mark.parametrize("line", ["ping -c 3 host", "ssh ops@box", "/etc/init.d/httpd restart", "dig example.org",
                                  "service nginx reload", "/opt/app/bin/run --now"])
def test_common_operator_commands_start_a_command(line: str) -> None:
    assert SHELL_START.match(line)


def test_a_document_with_markdown_headings_keeps_its_bold_lines() -> None:
    lines = ["# Title", "", "**Not a heading**", "", "text", "", "**Nor this**"]
    bold_headings(lines, set())
    assert lines[2] == "**Not a heading**"


def test_bold_sentences_and_labels_are_not_headings() -> None:
    lines = ["**Never ring before 7am.**", "", "**Owner:**", "", "**Contacts**", "", "x", "", "**Runbooks**"]
    bold_headings(lines, set())
    assert lines[0].startswith("**") and lines[2].startswith("**")
    assert lines[4] == "## Contacts" and lines[8] == "## Runbooks"


def test_numbers_give_depth() -> None:
    lines = ["**Handbook**", "", r"**1\. Levels**", "", r"**6\.1 Database down**", "", "**Checks**"]
    bold_headings(lines, set())
    # the export's escapes are gone from the headings' numbers: a reader sees '1. Levels'
    assert lines == ["# Handbook", "", "## 1. Levels", "", "### 6.1 Database down", "", "#### Checks"]


def test_one_escaped_line_alone_stays_text() -> None:
    lines = [r"2016\. A good year", "", r"\- one", r"\- two"]
    escaped_items(lines, set())
    assert lines == [r"2016\. A good year", "", "- one", "- two"]
