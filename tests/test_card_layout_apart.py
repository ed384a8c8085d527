"""Desk cards laid out in a child process (as `playbook build` does) are the cards laid out here."""
from __future__ import annotations

import dataclasses
import logging
import sys
import threading
from datetime import timedelta
from pathlib import Path

from pypdf import PdfReader

from generator import core
from generator.caching import store as cache
from generator.render import card_layout, cards

from .conftest import REPO, TEST_TODAY


def _pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "card.pdf"
    path.write_bytes(data)
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def _fields(rendered: cards.RenderedCard) -> tuple:
    return (rendered.card.id, rendered.html, rendered.pdf, rendered.pages, rendered.overflow,
            rendered.section_heights)


def test_cards_laid_out_apart_are_the_same_cards_and_are_cached(tmp_path: Path, monkeypatch,
                                                               caplog) -> None:
    caplog.set_level(logging.DEBUG, logger=card_layout.__name__)  # why a child failed, if one does
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("PLAYBOOK_NO_CACHE", raising=False)
    cache._key.cache_clear()
    project = core.load(REPO, core.Options(today=TEST_TODAY, render_cards=False)).project
    one = dataclasses.replace(project, cards=project.cards[:1])  # one card keeps the test short
    folder = tmp_path / "cache"
    folder.mkdir()
    laid_out_here: list[str] = []
    real, this_thread = cards._layout, threading.current_thread()

    def counted(html: str):
        if threading.current_thread() is this_thread:  # not another test's build still running
            laid_out_here.append(html)
        return real(html)

    monkeypatch.setattr(cards, "_layout", counted)

    (apart,) = cards.render_cards(one, TEST_TODAY, folder, apart=True)
    assert laid_out_here == [], caplog.text  # measured and printed by the child
    here = cards.render_card(one, one.cards[0], TEST_TODAY, None)
    assert len(laid_out_here) == 2
    assert _fields(apart) == _fields(here)  # same split, same PDF bytes, same facts
    assert _fields(cards.render_card(one, one.cards[0], TEST_TODAY, folder)) == _fields(here)
    assert len(laid_out_here) == 2, "what the child laid out was not served from the cache"

    # A new day: the cached split serves, the child prints only the new page.
    tomorrow = TEST_TODAY + timedelta(days=1)
    (next_day,) = cards.render_cards(one, tomorrow, folder, apart=True)
    assert len(laid_out_here) == 2, caplog.text
    text = _pdf_text(next_day.pdf, tmp_path)
    assert f"Generated {tomorrow}" in text and f"Generated {TEST_TODAY}" not in text
    assert next_day.pages == here.pages

    # No child process to be had: laid out here, the same card.
    monkeypatch.setattr(sys, "executable", "")
    later = tomorrow + timedelta(days=1)
    (fallback,) = cards.render_cards(one, later, folder, apart=True)
    assert len(laid_out_here) == 3  # the final page only: the split came from the cache
    assert f"Generated {later}" in _pdf_text(fallback.pdf, tmp_path)
    cache._key.cache_clear()


def test_a_child_that_fails_gives_no_result_so_the_cards_are_laid_out_here() -> None:
    broken = {"measure": None, "sections": 1, "pages": {}}  # no page to print: the child raises
    assert card_layout.lay_out_apart([broken]) is None
    assert card_layout.lay_out_apart([]) is None


def test_a_full_build_renders_its_pages_while_the_child_lays_the_cards_out(repo: Path, monkeypatch) -> None:
    """... and collects the cards (and their overflow problems) after: the same cards and report."""
    from generator.commands import site as site_module
    from generator.render import pages

    monkeypatch.setenv("PLAYBOOK_CACHE_DIR", str(repo / "own-cache"))  # laid out afresh, not cached
    events: list[str] = []
    start, render_site = card_layout.start_apart, pages.render_site

    def started(jobs):
        events.append("child started")
        collect = start(jobs)
        return lambda: events.append("cards collected") or collect()

    monkeypatch.setattr(card_layout, "start_apart", started)
    monkeypatch.setattr(site_module, "render_site", lambda *a: events.append("pages") or render_site(*a))
    built = site_module.prepare(repo, TEST_TODAY)
    assert events == ["child started", "pages", "cards collected"]
    here = core.load(repo, core.Options(today=TEST_TODAY))  # laid out in this process, as `check` does
    assert [_fields(r) for r in built.cards] == [_fields(r) for r in here.cards]

    card = repo / "content" / "cards" / "oncall.yaml"
    extra = "".join(f"      - {{label: Extra command {i}, code: 'kubectl get pods -n team-{i}'}}\n"
                    for i in range(25))
    card.write_text(card.read_text().replace("    items:\n", "    items:\n" + extra, 1))
    for late in (False, True):  # late: errors found before the pages (reviews overdue) and the overflow
        day = TEST_TODAY + timedelta(days=900 if late else 0)
        try:
            site_module.prepare(repo, day)
        except site_module.ContentError as error:
            report = str(error)
        else:
            raise AssertionError("an overflowing card must stop the build")
        here = core.load(repo, core.Options(today=day))
        files = sum(1 for _ in here.content.all_sources())
        assert report == "content has errors; not building the site:\n" + site_module.report.text(here.problems, files)
        assert "does not fit on one A4" in report and (("review-overdue" in report or "overdue" in report) == late)
