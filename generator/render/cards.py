"""Desk cards: one printable page per card, as HTML and as PDF (WeasyPrint).

Cards must fit exactly one sheet at a readable size. Nothing is shrunk to make
content fit: an overflowing card is a content problem, reported with how much
it overflows and which sections are largest.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from datetime import date
from pathlib import Path
from typing import Callable, Iterable

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..caching import qr_codes
from ..load import durations
from ..model import Card, CardSection, Project
from . import card_layout
from .html import DOWNLOADS as OFFLINE_DOWNLOADS
from .pages import PAGING, playbook_uri
from .wrap import breakable, tel_link

PAPER = {("a4", "portrait"): "A4 portrait", ("a4", "landscape"): "A4 landscape",
         ("letter", "portrait"): "letter portrait", ("letter", "landscape"): "letter landscape"}
PAGE_URIS = {"home": "index.md", "severities": "severities.md", "contacts": "contacts.md",
             "escalation": "escalation.md", "process": "process.md", "roles": "roles.md",
             "templates": "templates.md", "playbooks": "playbooks/index.md", "reviews": "reviews.md",
             "cards": "cards.md"}
SECTION_PAGES = {"contacts": "contacts", "severities": "severities", "checklist": "process",
                 "escalation": "escalation"}


@dataclass(frozen=True)
class RenderedCard:
    card: Card
    html: str
    pdf: bytes
    pages: int
    overflow: float                     # share of one page that spilled over (0 when it fits)
    section_heights: tuple[tuple[str, float], ...]  # (title, share of the page), largest first


def site_url_for(project: Project, uri: str) -> str:
    """Absolute URL of a site page; the site is built with .html URLs (offline plugin)."""
    base = project.organization.site_url.rstrip("/") + "/"
    return base + (uri[:-3] + ".html" if uri.endswith(".md") else uri)


_QR_CODES = qr_codes.Store()   # opened on the repository's cache by render_cards


@lru_cache(maxsize=1024)
def qr_svg(url: str) -> Markup:
    """An inline SVG QR code; the URL is data inside the code, never markup."""
    return Markup(_QR_CODES.svg(url))


def section_url(project: Project, section: CardSection) -> str:
    if section.type == "commands":
        playbooks = [item.playbook for item in section.items if item.playbook]
        if len(set(playbooks)) == 1:
            return site_url_for(project, playbook_uri(playbooks[0]))
        return site_url_for(project, PAGE_URIS["playbooks"])
    if section.type == "links":
        return site_url_for(project, PAGE_URIS["home"])
    return site_url_for(project, PAGE_URIS[SECTION_PAGES[section.type]])


def link_url(project: Project, page: str, url: str) -> str:
    if url:
        return url
    if page.startswith("playbooks/"):
        return site_url_for(project, playbook_uri(page.split("/", 1)[1]))
    return site_url_for(project, PAGE_URIS[page])


def next_review(project: Project, card: Card) -> tuple[date, str] | None:
    """The earliest due date among the documents the card is made from."""
    kinds = {"contacts": "contacts", "severities": "severities", "checklist": "process",
             "escalation": "escalation"}
    wanted = {f"cards/{card.id}"} | {kinds[s.type] for s in card.sections if s.type in kinds}
    wanted |= {item.playbook for s in card.sections for item in s.items if item.playbook}
    docs = [d for d in project.documents if d.doc_id in wanted]
    if not docs:
        return None
    first = min(docs, key=lambda d: d.due)
    return first.due, first.title


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("generator", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["breakable"] = breakable
    return env


PAPER_MM = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
MARGIN_X_MM, GAP_MM = 9.0, 5.0


def column_mm(card: Card) -> float:
    width, height = PAPER_MM[card.paper]
    if card.orientation == "landscape":
        width = height
    return round((width - 2 * MARGIN_X_MM - GAP_MM) / 2 - 0.2, 1)  # a hair spare for rounding


def render_html(project: Project, card: Card, generated: date, split: int | None = None,
                measure: bool = False) -> str:
    """The card as a self-contained HTML page (inline CSS and QR codes).

    ``split`` is how many sections go in the left column; ``measure`` renders
    all sections in one column on a very tall page, to learn their heights.
    """
    sections = [(index, section, qr_svg(section_url(project, section)), section_url(project, section))
                for index, section in enumerate(card.sections)]
    split = len(sections) if split is None else split
    columns = [sections] if measure else [sections[:split], sections[split:]]
    first_call = next((project.contact(s.contacts[0]) for s in card.sections
                       if s.type == "contacts" and s.contacts), project.contacts[0])
    return environment().get_template("card.html.j2").render(
        p=project, card=card, first_call=first_call, columns=columns, measure=measure,
        column_mm=column_mm(card), org=project.organization, sections=sections, generated=generated,
        review=next_review(project, card), human=durations.human, short=durations.short,
        paging=PAGING, link_url=lambda page, url: link_url(project, page, url),
        offline=OFFLINE_DOWNLOADS, tel_link=tel_link,
        page_size=PAPER[(card.paper, card.orientation)])


_refuse_fetch = card_layout.refuse_fetch
_heights = card_layout.heights
_overflow = card_layout.overflow
_balanced_split = card_layout.balanced_split


def _largest_of(shares: Iterable[tuple[int, float]], card: Card) -> tuple[tuple[str, float], ...]:
    """(title, share of a page) of each section, largest first."""
    found = [(card.sections[index].title, share) for index, share in shares]
    return tuple(sorted(found, key=lambda item: -item[1]))


def _largest(document, card: Card) -> tuple[tuple[str, float], ...]:
    return _largest_of(card_layout.shares(document), card)


def _layout(html: str):
    return card_layout.layout(html)


@dataclass
class _Plan:
    """A card's layout as the cache leaves it: done, or the pages a layout needs."""

    card: Card
    card_key: str
    measure_html: str
    split: int | None = None      # known from the cache: no measuring
    done: RenderedCard | None = None


def _plan(project: Project, card: Card, generated: date, cache: Path | None) -> _Plan:
    from ..caching import cards as card_cache

    measure_html = render_html(project, card, generated, measure=True)
    plan = _Plan(card, card_cache.key(measure_html), measure_html)
    cached = card_cache.get(cache, plan.card_key)
    if cached is not None:
        facts, pdf = cached
        plan.split = facts["split"]  # the sections are unchanged: so is the column split
        html = render_html(project, card, generated, split=plan.split)
        # The footer (date, next review, site address) is not in the measuring page: the PDF
        # is current only for the very same card HTML.
        if facts.get("html_sha256") == card_cache.html_digest(html):
            plan.done = RenderedCard(card, html, pdf, facts["pages"], facts["overflow"],
                                     tuple((title, share) for title, share in facts["section_heights"]))
    return plan


def _store(cache: Path | None, plan: _Plan, rendered: RenderedCard, split: int) -> RenderedCard:
    from ..caching import cards as card_cache

    card_cache.put(cache, plan.card_key, {"split": split, "pages": rendered.pages, "overflow": rendered.overflow,
                                          "section_heights": rendered.section_heights,
                                          "html_sha256": card_cache.html_digest(rendered.html)}, rendered.pdf)
    return rendered


def render_card(project: Project, card: Card, generated: date, cache: Path | None = None) -> RenderedCard:
    """Lay the card out in two balanced columns and print it to PDF.

    Sections keep their order; WeasyPrint's own multi-column balancing is
    avoided because it is an order of magnitude slower. With ``cache`` (a
    folder), a card whose HTML, fonts and renderer are unchanged is not laid
    out again (see card_cache).
    """
    plan = _plan(project, card, generated, cache)
    if plan.done is not None:
        return plan.done
    split = plan.split
    if split is None:
        measured = _heights(_layout(plan.measure_html))
        split = _balanced_split([measured.get(index, 0.0) for index in range(len(card.sections))])
    html = render_html(project, card, generated, split=split)
    document = _layout(html)
    rendered = RenderedCard(card, html, document.write_pdf(), len(document.pages), _overflow(document),
                            _largest(document, card))
    return _store(cache, plan, rendered, split)


def _job(project: Project, plan: _Plan, generated: date) -> dict:
    """What the child process needs to lay the card out: every page it may print."""
    card = plan.card
    splits = [plan.split] if plan.split is not None else range(len(card.sections) + 1)
    return {"measure": None if plan.split is not None else plan.measure_html,
            "sections": len(card.sections),
            "pages": {str(split): render_html(project, card, generated, split=split) for split in splits}}


def render_cards(project: Project, generated: date, cache: Path | None = None,
                 apart: bool = False) -> list[RenderedCard]:
    """Every card laid out; ``apart``: those not cached in one child process (card_layout)."""
    return start_cards(project, generated, cache, apart)()


def start_cards(project: Project, generated: date, cache: Path | None = None,
                apart: bool = False) -> Callable[[], list[RenderedCard]]:
    """``render_cards`` begun: with ``apart`` the child lays the cards out while this process
    goes on; the returned function waits for it and answers what ``render_cards`` would."""
    _QR_CODES.open(cache)
    try:
        if not apart:
            done = [render_card(project, card, generated, cache) for card in project.cards]
            return lambda: done
        plans = [_plan(project, card, generated, cache) for card in project.cards]
        todo = [plan for plan in plans if plan.done is None]
        jobs = [_job(project, plan, generated) for plan in todo]
    except BaseException:
        if apart:
            _QR_CODES.save()
        raise
    finally:
        if not apart:
            _QR_CODES.save()
    collect = card_layout.start_apart(jobs) if jobs else (lambda: [])

    def finish() -> list[RenderedCard]:
        try:
            return _finish_cards(project, generated, cache, plans, todo, jobs, collect())
        finally:
            _QR_CODES.save()

    return finish


def _finish_cards(project: Project, generated: date, cache: Path | None, plans: list, todo: list,
                  jobs: list[dict], results: list[dict] | None) -> list[RenderedCard]:
    if results is None:  # no child process: here, with whatever errors that gives
        return [plan.done or render_card(project, plan.card, generated, cache) for plan in plans]
    for plan, job, result in zip(todo, jobs, results):
        split = result["split"]
        rendered = RenderedCard(plan.card, job["pages"][str(split)], result["pdf"], result["pages"],
                                result["overflow"], _largest_of(result["shares"], plan.card))
        plan.done = _store(cache, plan, rendered, split)
    return [plan.done for plan in plans]


def fit_message(rendered: RenderedCard) -> str:
    largest = ", ".join(f"{title} ({share:.0%} of a page)" for title, share in rendered.section_heights[:3])
    paper = PAPER[(rendered.card.paper, rendered.card.orientation)]
    return (f"card '{rendered.card.id}' does not fit on one {paper} sheet: it overflows by about "
            f"{rendered.overflow:.0%} of a page ({rendered.pages} pages). Largest sections: {largest}")


def fit_hint() -> str:
    return ("remove contacts, commands or checklist phases, split the card in two, or switch to "
            "landscape; text is never shrunk below 8 pt")


def card_names(cards: Iterable[Card]) -> list[str]:
    return [card.id for card in cards]
