"""Desk cards: real PDFs from WeasyPrint, read back with pypdf, poppler-utils and zbar."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from generator import core
from generator.cli import main

from .conftest import TEST_TODAY

POINTS = {"a4": (595.3, 841.9), "letter": (612.0, 792.0)}
needs_poppler = pytest.mark.skipif(not (shutil.which("pdftoppm") and shutil.which("zbarimg")),
                                   reason="apt-get install poppler-utils zbar-tools")


@pytest.fixture(scope="module")
def cards_dir(tmp_path_factory) -> Path:
    from .conftest import copy_repo
    repo = copy_repo(tmp_path_factory.mktemp("cards") / "repo")
    out = repo / "out"
    result = CliRunner().invoke(main, ["cards", "--root", str(repo), "--today", TEST_TODAY.isoformat(),
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def project():
    from .conftest import REPO
    return core.load(REPO, core.Options(today=TEST_TODAY, render_cards=False)).project


def test_shipped_cards_exist(project) -> None:
    assert {card.id for card in project.cards} >= {"oncall", "incident-commander"}


def test_each_card_is_exactly_one_sheet_of_its_paper(project, cards_dir: Path) -> None:
    for card in project.cards:
        reader = PdfReader(cards_dir / f"{card.id}.pdf")
        assert len(reader.pages) == 1, card.id
        box = reader.pages[0].mediabox
        width, height = POINTS[card.paper]
        if card.orientation == "landscape":
            width, height = height, width
        assert abs(float(box.width) - width) < 1 and abs(float(box.height) - height) < 1, card.id


def pdf_text(path: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(path).pages)


def test_card_text_has_every_phone_number_and_severity(project, cards_dir: Path) -> None:
    for card in project.cards:
        text = " ".join(pdf_text(cards_dir / f"{card.id}.pdf").split())
        for section in card.sections:
            for contact_id in section.contacts:
                contact = project.contact(contact_id)
                if contact.phone:
                    assert contact.phone in text, (card.id, contact.phone)
            if section.type == "severities":
                for level in project.levels:
                    assert level.id in text and level.name in text, (card.id, level.id)
        assert f"Generated {TEST_TODAY}" in text


@needs_poppler
def test_qr_codes_decode_to_the_full_pages(project, cards_dir: Path, tmp_path: Path) -> None:
    from generator.render.cards import section_url
    for card in project.cards:
        subprocess.run(["pdftoppm", "-r", "150", "-png", str(cards_dir / f"{card.id}.pdf"),
                        str(tmp_path / card.id)], check=True)
        image = next(tmp_path.glob(f"{card.id}*.png"))
        decoded = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True,
                                 text=True).stdout.split()
        expected = {section_url(project, section) for section in card.sections}
        assert set(decoded) == expected, card.id
        assert all(url.startswith("https://runbooks.tidewater.example.com/") for url in decoded)


def test_card_pages_are_on_the_site(repo: Path) -> None:
    from .sitehelpers import build
    site = build(repo, TEST_TODAY.isoformat())
    assert (site / "cards" / "oncall.pdf").read_bytes().startswith(b"%PDF")
    assert "cards/oncall.pdf" in (site / "cards.html").read_text()
    assert "@page { size: A4 portrait" in (site / "cards" / "oncall.html").read_text()


def test_a_card_that_does_not_fit_fails_check_and_build(repo: Path) -> None:
    card = repo / "content" / "cards" / "oncall.yaml"
    extra = "".join(f"      - {{label: Extra command {i}, code: 'kubectl get pods -n team-{i} -o wide'}}\n"
                    for i in range(25))
    card.write_text(card.read_text().replace("    items:\n", "    items:\n" + extra, 1))
    result = CliRunner().invoke(main, ["check", "--root", str(repo), "--today", TEST_TODAY.isoformat()])
    assert result.exit_code == 1
    assert re.search(r"content/cards/oncall\.yaml:\d+:\d+: error: card 'oncall' does not fit on one A4 "
                     r"portrait sheet: it overflows by about \d+% of a page \(\d pages\)\. Largest "
                     r"sections: First commands \(\d+% of a page\)", result.output), result.output
    assert "text is never shrunk below 8 pt" in result.output
    built = CliRunner().invoke(main, ["build", "--root", str(repo), "--today", TEST_TODAY.isoformat()])
    assert built.exit_code == 1 and "does not fit" in built.output


def test_card_rendering_fetches_nothing(repo: Path) -> None:
    import http.server
    import threading

    hits: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server API
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        severities = repo / "content" / "severities.yaml"
        payload = (f'<img src=\\"{url}/img.png\\"><link rel=stylesheet href=\\"{url}/x.css\\">'
                   f'<style>@import url({url}/y.css);</style>')
        text = severities.read_text().replace("name: Critical", f'name: "Critical {payload}"', 1)
        severities.write_text(text)
        result = core.load(repo, core.Options(today=TEST_TODAY))
    finally:
        server.shutdown()
        server.server_close()
    assert {p.code for p in result.problems} <= {"card-overflow"}, result.problems
    html = next(r.html for r in result.cards if r.card.id == "oncall")
    assert "&lt;img src=" in html and "<img" not in html
    assert re.findall(r"<link[^>]*>", html) == ['<link rel="icon" href="../assets/images/favicon.png">']
    assert hits == []


def test_cards_command_refuses_a_foreign_directory(repo: Path) -> None:
    out = repo / "precious"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    result = CliRunner().invoke(main, ["cards", "--root", str(repo), "--today", TEST_TODAY.isoformat(),
                                       "--out", str(out)])
    assert result.exit_code == 2
    assert (out / "notes.txt").read_text() == "mine"
