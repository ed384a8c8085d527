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
from typing import Iterable

import segno
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..load import durations
from ..model import Card, CardSection, Project
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


@lru_cache(maxsize=1024)
def qr_svg(url: str) -> Markup:
    """An inline SVG QR code; the URL is data inside the code, never markup."""
    code = segno.make(url, error="l", micro=False)
    return Markup(code.svg_inline(scale=2, border=2, dark="#000", light="#fff", omitsize=False))


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


def _refuse_fetch(url: str, *args, **kwargs):
    """Content comes from pull requests: WeasyPrint may fetch nothing at all."""
    raise ValueError(f"fetching {url!r} is not allowed while rendering a card")


def _section_boxes(document):
    """(page number, section index, box) for every laid-out card section."""
    for number, page in enumerate(document.pages):
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if element is not None and getattr(box, "element_tag", "") == "section":
                ident = element.get("id", "")
                if ident.startswith("sec-"):
                    yield number, int(ident[4:]), box


def _heights(document) -> dict[int, float]:
    """Height of each section (its tallest box), by index."""
    heights: dict[int, float] = {}
    for _, index, box in _section_boxes(document):
        heights[index] = max(heights.get(index, 0), box.margin_height())
    return heights


def _largest(document, card: Card) -> tuple[tuple[str, float], ...]:
    """(title, share of a page) of each section, largest first."""
    page_height = document.pages[0]._page_box.height
    shares = [(card.sections[index].title, height / page_height) for index, height in _heights(document).items()]
    return tuple(sorted(shares, key=lambda item: -item[1]))


def _overflow(document) -> float:
    """How much of a page the content after page one takes, as a share of one page."""
    if len(document.pages) <= 1:
        return 0.0
    first = document.pages[0]._page_box
    top, height = first.content_box_y(), first.height
    bottoms: dict[int, float] = {}
    for number, _, box in _section_boxes(document):
        if number:
            bottoms[number] = max(bottoms.get(number, top), box.position_y + box.margin_height())
    return sum(bottom - top for bottom in bottoms.values()) / height


def _balanced_split(heights: list[float]) -> int:
    """How many sections (in order) go left so the taller column is as short as possible."""
    best, best_height = 0, float("inf")
    for split in range(len(heights) + 1):
        tallest = max(sum(heights[:split]), sum(heights[split:]))
        if tallest < best_height:
            best, best_height = split, tallest
    return best


def _layout(html: str):
    from weasyprint import HTML  # imported lazily: it is slow to import and only cards need it

    return HTML(string=html, url_fetcher=_refuse_fetch).render()


def render_card(project: Project, card: Card, generated: date, cache: Path | None = None) -> RenderedCard:
    """Lay the card out in two balanced columns and print it to PDF.

    Sections keep their order; WeasyPrint's own multi-column balancing is
    avoided because it is an order of magnitude slower. With ``cache`` (a
    folder), a card whose HTML, fonts and renderer are unchanged is not laid
    out again (see card_cache).
    """
    from ..caching import cards as card_cache

    measure_html = render_html(project, card, generated, measure=True)
    card_key = card_cache.key(measure_html)
    cached = card_cache.get(cache, card_key)
    split = None
    if cached is not None:
        facts, pdf = cached
        split = facts["split"]  # the sections are unchanged: so is the column split
        html = render_html(project, card, generated, split=split)
        # The footer (date, next review, site address) is not in the measuring page: the PDF
        # is current only for the very same card HTML.
        if facts.get("html_sha256") == card_cache.html_digest(html):
            return RenderedCard(card, html, pdf, facts["pages"], facts["overflow"],
                                tuple((title, share) for title, share in facts["section_heights"]))
    if split is None:
        measured = _heights(_layout(measure_html))
        split = _balanced_split([measured.get(index, 0.0) for index in range(len(card.sections))])
    html = render_html(project, card, generated, split=split)
    document = _layout(html)
    rendered = RenderedCard(card, html, document.write_pdf(), len(document.pages), _overflow(document),
                            _largest(document, card))
    card_cache.put(cache, card_key, {"split": split, "pages": rendered.pages, "overflow": rendered.overflow,
                                     "section_heights": rendered.section_heights,
                                     "html_sha256": card_cache.html_digest(html)}, rendered.pdf)
    return rendered


def render_cards(project: Project, generated: date, cache: Path | None = None) -> list[RenderedCard]:
    return [render_card(project, card, generated, cache) for card in project.cards]


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
