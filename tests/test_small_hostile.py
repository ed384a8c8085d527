"""Small hostile-content cases: ICS, Markdown review report, post-mortem titles, CRLF files."""
from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import markdown
import yaml
from click.testing import CliRunner

from generator import core
from generator.cli import main

from .conftest import TEST_TODAY

TODAY = TEST_TODAY.isoformat()
HOSTILE_TITLE = "Site slow | injected | row |\n| evil | row | <img src=x onerror=alert(1)> |\rEND"


def invoke(repo: Path, args: list[str]):
    return CliRunner().invoke(main, [*args, "--root", str(repo), "--today", TODAY])


def retitle(repo: Path, title: str) -> None:
    path = repo / "content" / "playbooks" / "site-slow.yaml"
    path.write_text(path.read_text().replace("title: Site slow", f"title: {json.dumps(title)}", 1))


def test_ics_has_no_raw_cr_or_control_character(repo: Path) -> None:
    retitle(repo, HOSTILE_TITLE)
    raw = invoke(repo, ["reviews", "--format", "ics"]).stdout_bytes
    lines = raw.split(b"\r\n")
    assert not any(b"\r" in line or b"\n" in line for line in lines)
    summary = [line for line in lines if b"injected" in line]
    assert summary and summary[0].startswith(b"SUMMARY:")


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)


def test_markdown_review_report_keeps_titles_in_their_cell(repo: Path) -> None:
    clean = invoke(repo, ["reviews", "--format", "markdown"]).output
    retitle(repo, HOSTILE_TITLE)
    report = invoke(repo, ["reviews", "--format", "markdown"]).output
    parsed = [Elements() for _ in range(2)]
    for parser, text in zip(parsed, (clean, report)):
        parser.feed(markdown.markdown(text, extensions=["tables"]))
    assert parsed[1].tags.count("tr") == parsed[0].tags.count("tr")  # no injected row
    assert "img" not in parsed[1].tags
    assert "onerror" in report  # still there, as text


def test_postmortem_title_is_stored_as_typed(repo: Path) -> None:
    result = invoke(repo, ["postmortem", "new", "Cache & DB <down>", "--severity", "P2",
                           "--started", "2026-11-09 10:00"])
    assert result.exit_code == 0, result.output
    [path] = [p for p in (repo / "postmortems").glob("2026-11-09-*.md")]
    front = yaml.safe_load(path.read_text().split("---")[1])
    assert front["title"] == "Cache & DB <down>"
    loaded = core.load(repo, core.Options(today=TEST_TODAY, render_cards=False))
    assert any(i.title == "Cache & DB <down>" for i in loaded.project.incidents)


def test_review_keeps_crlf_line_endings(repo: Path) -> None:
    path = repo / "content" / "severities.yaml"
    path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    result = invoke(repo, ["review", "severities", "--by", "eng-lead", "--note", "ok"])
    assert result.exit_code == 0, result.output
    data = path.read_bytes()
    assert b"last_reviewed" in data and data.count(b"\n") == data.count(b"\r\n")
