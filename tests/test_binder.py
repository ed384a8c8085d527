"""The printed binder: a real PDF from WeasyPrint, read back with pypdf, poppler-utils and zbar."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from generator import core
from generator.render.cards import site_url_for
from generator.cli import main
from generator.render.binder import command_markup, css_string
from generator.render.html import next_review
from generator.render.pages import playbook_uri

from .conftest import REPO, TEST_TODAY, copy_repo

TODAY = TEST_TODAY.isoformat()
MARGIN_PT = 15 / 25.4 * 72  # the binder's left and right page margins
POINTS = {"a4": (595.3, 841.9), "letter": (612.0, 792.0)}
needs_poppler = pytest.mark.skipif(not (shutil.which("pdftotext") and shutil.which("zbarimg")),
                                   reason="apt-get install poppler-utils zbar-tools")


def write_binder(root: Path, out: Path, paper: str = "a4") -> Path:
    result = CliRunner().invoke(main, ["binder", "--root", str(root), "--today", TODAY, "--out", str(out),
                                       "--paper", paper])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def project():
    return core.load(REPO, core.Options(today=TEST_TODAY, render_cards=False)).project


@pytest.fixture(scope="module")
def binder(tmp_path_factory) -> Path:
    return write_binder(REPO, tmp_path_factory.mktemp("binder") / "binder.pdf")


def pdftotext(path: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def outline(reader: PdfReader) -> list[tuple[str, int, list]]:
    """(title, page number, children) of each top-level outline entry."""
    entries, items = [], list(reader.outline)
    for index, item in enumerate(items):
        if isinstance(item, list):
            continue
        children = items[index + 1] if index + 1 < len(items) and isinstance(items[index + 1], list) else []
        entries.append((item.title, reader.get_destination_page_number(item) + 1,
                        [(c.title, reader.get_destination_page_number(c) + 1) for c in children]))
    return entries


def test_outline_has_one_entry_per_playbook_each_on_its_own_page(project, binder: Path) -> None:
    reader = PdfReader(binder)
    entries = outline(reader)
    playbooks = next(children for title, _, children in entries if title == "Playbooks")
    assert [title for title, _ in playbooks] == [f"{pb.title} ({pb.severity})" for pb in project.playbooks]
    pages = [page for _, page in playbooks]
    assert len(set(pages)) == len(pages) and pages == sorted(pages)
    for pb, page in zip(project.playbooks, pages):
        text = reader.pages[page - 1].extract_text()
        assert text.lstrip().startswith(pb.title) or f"\n{pb.title}\n" in text, pb.id
    titles = [title for title, _, _ in entries]
    assert titles[0] == "Severity matrix and whom to call first"
    assert titles[-2:] == ["Escalation", "Contacts"]  # at the back


@needs_poppler
def test_contents_page_numbers_match_the_pages(project, binder: Path) -> None:
    reader = PdfReader(binder)
    contents = pdftotext(binder, "-layout", "-f", "2", "-l", "2")
    by_title = {title: page for _, _, children in outline(reader) for title, page in children}
    for title, page in by_title.items():
        assert re.search(re.escape(title) + r"\s+" + str(page) + r"\n", contents), title


@needs_poppler
def test_text_has_every_phone_number_and_every_command(project, binder: Path) -> None:
    text = pdftotext(binder)
    flat = "".join(pdftotext(binder, "-raw").split())  # commands wrap; -raw keeps a line's last '-'
    for contact in project.contacts:
        if contact.phone:
            assert contact.phone in text, contact.id
    commands = [cmd.code for pb in project.playbooks for _, steps in pb.steps for s in steps for cmd in s.commands]
    assert len(commands) > 20
    for code in commands:
        assert "".join(code.split()) in flat, code


@needs_poppler
def test_cover_and_footers(project, binder: Path) -> None:
    reader = PdfReader(binder)
    cover = pdftotext(binder, "-f", "1", "-l", "1")
    review = next_review(project)
    assert project.organization.name in cover and TODAY in cover and str(review.due) in cover
    for number in range(2, len(reader.pages) + 1):
        page = pdftotext(binder, "-f", str(number), "-l", str(number))
        assert f"binder generated {TODAY}" in page and f"page {number}" in page, number


def overflowing_words(pdf: Path, paper: str) -> list[str]:
    """Words that pdftotext finds outside the page's left and right margins."""
    width = POINTS[paper][0]
    xml = pdftotext(pdf, "-bbox")
    out = []
    for match in re.finditer(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', xml):
        x_min, x_max = float(match.group(1)), float(match.group(2))
        if x_min < MARGIN_PT - 1 or x_max > width - MARGIN_PT + 1:
            out.append(match.group(3))
    return out


@needs_poppler
def test_no_line_runs_past_the_page_edge(binder: Path) -> None:
    assert overflowing_words(binder, "a4") == []


LONG_TOKEN = "x" * 240
LONG_COMMAND = ("curl -sS 'https://api.example.com/v1/very/long/path/segments/that/go/on/and/on?"
                "first=aaaaaaaaaaaaaaa&second=bbbbbbbbbbbbbbbbbbbbb&third=ccccccccccccccccccccccccccc' "
                "--header=Authorization:Bearer.$TOKEN " + LONG_TOKEN)


@needs_poppler
def test_long_commands_wrap_inside_the_page_on_letter(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    path = repo / "content/playbooks/site-slow.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("steps:\n  immediate:\n", "steps:\n  immediate:\n    - text: Call the API\n"
                                 f"      commands:\n        - \"{LONG_COMMAND}\"\n", 1), encoding="utf-8")
    pdf = write_binder(repo, tmp_path / "letter.pdf", "letter")
    box = PdfReader(pdf).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    assert overflowing_words(pdf, "letter") == []
    assert "".join(LONG_COMMAND.split()) in "".join(pdftotext(pdf, "-raw").split())


def test_commands_break_at_joints_not_inside_words() -> None:
    markup = str(command_markup("kubectl logs deploy/api --since=30m s3://bucket/a/very/long/key/name/x.log"))
    assert '<span class="nb">--since=30m</span>' in markup  # kept whole: no break after its hyphens
    assert '<span class="nb">s3://</span><wbr><span class="nb">bucket/</span><wbr>' in markup
    assert "<wbr>" not in str(command_markup("echo ok"))
    assert '<span class="nb">+%s),EndTime=$(date</span>' in str(command_markup("date +%s),EndTime=$(date -u"))
    assert "&lt;script&gt;" in str(command_markup("<script>"))


def test_footer_css_string_cannot_escape_its_quotes() -> None:
    value = str(css_string('Acme"; } @page { content: "x </style>'))
    assert value.startswith('"') and value.endswith('"') and '"' not in value[1:-1]
    assert "<" not in value and "}" not in value and ";" not in value


@needs_poppler
def test_qr_code_leads_to_the_playbook_page(project, binder: Path, tmp_path: Path) -> None:
    reader = PdfReader(binder)
    first_title, first_page = outline(reader)[1][2][0]
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", str(first_page), "-l", str(first_page),
                    str(binder), str(tmp_path / "page")], check=True)
    image = next(tmp_path.glob("page*.png"))
    decoded = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True).stdout
    assert site_url_for(project, playbook_uri(project.playbooks[0].id)) in decoded.split()


@needs_poppler
def test_decision_tree_is_drawn(project, binder: Path) -> None:
    text = " ".join(pdftotext(binder).split())
    for pb in project.playbooks:
        if pb.decision_tree:
            assert "Decision tree" in text
            first = pb.decision_tree.node(pb.decision_tree.start).question.split()[0]
            assert first in text


def test_refuses_to_overwrite_a_file_it_did_not_write(tmp_path: Path) -> None:
    mine = tmp_path / "scan.pdf"
    mine.write_bytes(b"%PDF-1.4 my scanned contract")
    result = CliRunner().invoke(main, ["binder", "--root", str(REPO), "--today", TODAY, "--out", str(mine)])
    assert result.exit_code == 2 and "not overwriting" in result.output
    assert mine.read_bytes() == b"%PDF-1.4 my scanned contract"


def test_rewrites_its_own_binder(binder: Path, tmp_path: Path) -> None:
    copy = tmp_path / "b.pdf"
    shutil.copy(binder, copy)
    write_binder(REPO, copy)
    assert len(PdfReader(copy).pages) == len(PdfReader(binder).pages)
