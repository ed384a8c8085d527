"""The binder's laid-out parts come from the cache only while their HTML is unchanged: never a stale binder."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator import core
from generator.caching import binder as part_cache
from generator.caching import store as cache
from generator.render import binder
from generator.render.binder_notice import notice_pdf

from .conftest import TEST_TODAY, copy_repo
from .test_binder import outline

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="apt-get install poppler-utils")


@pytest.fixture(scope="module", autouse=True)
def seeded(tmp_path_factory) -> tuple[Path, Path]:
    """A signing key of this module's own, parts of four playbooks (an edit touches one part of
    several), and the example's binder laid out once into a cache folder each test copies."""
    base = tmp_path_factory.mktemp("binder-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(base / "xdg"))
        patch.delenv("PLAYBOOK_NO_CACHE", raising=False)
        patch.setattr(binder, "CHUNK", 4)
        cache._key.cache_clear()
        pdf = make_binder(copy_repo(base / "repo"), base / "cache", base / "first.pdf")
        yield base / "cache", pdf
    cache._key.cache_clear()


def cache_copy(seeded: tuple[Path, Path], tmp_path: Path) -> Path:
    shutil.copytree(seeded[0], tmp_path / "cache")
    return tmp_path / "cache"


@pytest.fixture
def laid_out(monkeypatch) -> list[str]:
    """The part of every real WeasyPrint layout ("front", "playbooks" or "back", plus its first playbook)."""
    done: list[str] = []
    real = binder._Layouter.__call__

    def counting(self, part, part_html, first_page, draft=False):
        before = self.done
        result = real(self, part, part_html, first_page, draft)
        if self.done > before:
            first = part_html.split('<section class="playbook" id="pb-', 1)[1].split('"', 1)[0] \
                if part == "playbooks" else ""
            done.append(f"{part} {first}".strip())
        return result

    monkeypatch.setattr(binder._Layouter, "__call__", counting)
    return done


def make_binder(repo: Path, folder: Path, out: Path, today=TEST_TODAY) -> Path:
    project = core.load(repo, core.Options(today=today, render_cards=False)).project
    out.write_bytes(binder.render_binder(project, today, "a4", folder))
    return out


def text(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def playbook_ids(repo: Path) -> list[str]:
    project = core.load(repo, core.Options(today=TEST_TODAY, render_cards=False)).project
    return [pb.id for pb in project.playbooks]


def first_step_text(path: Path, new: str) -> str:
    """Give the playbook's first step a new text of the same length (its pages stay); the old text."""
    source = path.read_text(encoding="utf-8")
    line = next(line for line in source.splitlines() if line.lstrip().startswith("- text: "))
    old = line.split("- text: ", 1)[1]
    path.write_text(source.replace(line, line.replace(old, (new + " " + old)[:len(old)], 1), 1), encoding="utf-8")
    return old


@needs_poppler
def test_unchanged_content_is_not_laid_out_and_an_edit_lays_out_its_part_only(tmp_path: Path, seeded,
                                                                              laid_out) -> None:
    repo, folder, first = copy_repo(tmp_path / "repo"), cache_copy(seeded, tmp_path), seeded[1]
    ids = playbook_ids(repo)
    second = make_binder(repo, folder, tmp_path / "second.pdf")
    assert laid_out == []  # no WeasyPrint layout at all
    assert second.read_bytes() == first.read_bytes()

    del laid_out[:]
    first_step_text(repo / "content" / "playbooks" / f"{ids[5]}.yaml", "Zebramarker")
    third = make_binder(repo, folder, tmp_path / "third.pdf")
    assert laid_out == [f"playbooks {ids[4]}"]  # the part of playbooks 5 to 8, nothing else
    assert "Zebramarker" in text(third) and "Zebramarker" not in text(first)
    assert len(PdfReader(third).pages) == len(PdfReader(first).pages)


@needs_poppler
def test_the_next_day_lays_out_only_the_cover_and_the_dated_footer(tmp_path: Path, seeded, laid_out) -> None:
    from datetime import timedelta

    repo, folder = copy_repo(tmp_path / "repo"), cache_copy(seeded, tmp_path)
    tomorrow = TEST_TODAY + timedelta(days=1)
    pdf = make_binder(repo, folder, tmp_path / "tomorrow.pdf", tomorrow)
    # Every playbook part comes from the cache; the cover (twice: to count its pages, then with
    # the contents' numbers) and the footer carry the date.
    assert sorted(laid_out) == ["footer", "front", "front"]
    pages = len(PdfReader(pdf).pages)
    assert pages == len(PdfReader(seeded[1]).pages)
    for number in range(1, pages + 1):
        page = text(pdf, "-f", str(number), "-l", str(number))
        assert f"binder generated {tomorrow}" in page and f"page {number}" in page, number
        assert f"binder generated {TEST_TODAY}" not in page, number


@needs_poppler
def test_a_playbook_that_grows_a_page_keeps_every_page_number_right(tmp_path: Path, seeded, laid_out) -> None:
    repo, folder, before = copy_repo(tmp_path / "repo"), cache_copy(seeded, tmp_path), seeded[1]
    ids = playbook_ids(repo)
    path = repo / "content" / "playbooks" / f"{ids[0]}.yaml"
    source = path.read_text(encoding="utf-8")
    summary = next(line for line in source.splitlines() if line.startswith("summary: "))
    longer = summary + " " + " ".join(f"Sentence {n} of a summary long enough to fill a page." for n in range(120))
    path.write_text(source.replace(summary, longer, 1), encoding="utf-8")
    after = make_binder(repo, folder, tmp_path / "after.pdf")
    reader = PdfReader(after)
    assert len(reader.pages) > len(PdfReader(before).pages)
    # The grown part, and the front whose contents' numbers moved; later parts keep their layout.
    assert sorted(laid_out) == ["front", f"playbooks {ids[0]}"]
    for number in range(1, len(reader.pages) + 1):
        assert f"page {number}" in text(after, "-f", str(number), "-l", str(number)), number
    contents = text(after, "-layout", "-f", "2", "-l", "2")
    by_title = {title: page for _, _, children in outline(reader) for title, page in children}
    assert len(by_title) == len(ids)
    for title, page in by_title.items():
        assert re.search(re.escape(title) + r"\s+" + str(page) + r"\n", contents), title
        assert text(after, "-f", str(page), "-l", str(page)).lstrip().startswith(title.rsplit(" (", 1)[0])


def test_a_part_this_machine_did_not_sign_is_laid_out_again(tmp_path: Path, seeded, laid_out) -> None:
    repo, folder = copy_repo(tmp_path / "repo"), cache_copy(seeded, tmp_path)
    project = core.load(repo, core.Options(today=TEST_TODAY, render_cards=False)).project
    back = part_cache.key("back", binder._part_html(project, TEST_TODAY, "a4", "back", ()))
    for path in (folder / part_cache.FOLDER).glob(f"{back}.*"):
        path.write_bytes(b"\0" * 32 + path.read_bytes()[32:])  # same data, not this machine's signature
    assert make_binder(repo, folder, tmp_path / "second.pdf").read_bytes() == seeded[1].read_bytes()
    assert laid_out == ["back"]


@needs_poppler
def test_the_serve_notice_is_a_pdf_naming_the_command(tmp_path: Path) -> None:
    for paper in ("a4", "letter"):
        path = tmp_path / f"notice-{paper}.pdf"
        path.write_bytes(notice_pdf(paper))
        assert len(PdfReader(path).pages) == 1
        words = " ".join(text(path).split())
        assert "playbook build" in words and "playbook binder --out binder.pdf" in words


def test_content_cannot_write_a_qr_placeholder() -> None:
    from generator.render.html import inline
    from generator.render.sanitize import sanitize

    forged = binder.QR_PLACEHOLDER.format("https://evil.example/")
    assert binder.with_qr_codes(forged).startswith("<svg")  # the real placeholder is drawn
    for text in (str(inline(forged)), sanitize(forged), sanitize(f"<p>{forged}</p>")):
        assert "<svg" not in binder.with_qr_codes(text), text
