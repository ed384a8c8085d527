"""The printed binder: the whole runbook as a book, laid out by WeasyPrint.

Cover, contents with page numbers, severity matrix and whom to call first,
then every playbook on its own page (steps, commands, decision tree and a QR
code to its page on the site), and the process, roles, templates,
escalation and contacts at the back. The PDF outline has one entry per
playbook. Like the desk cards, WeasyPrint may fetch nothing.
"""
from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterator

from markupsafe import Markup

from . import page_numbers
from .cards import _refuse_fetch, qr_svg, site_url_for
from ..model import Playbook, Project
from .html import context, environment, next_review
from .pages import playbook_uri
from .tree_svg import decision_tree_svg

PAPERS = {"a4": "A4", "letter": "letter"}
GENERATOR = "incident-playbooks binder"
PDF_CREATOR = "playbook binder"
MARKER = b"/Creator (playbook binder)"  # pypdf writes the document info uncompressed
# Break opportunities inside a long command word, after these characters: a path,
# an option's value or a query string wraps at its joints, never inside a word.
LONG_WORD = 24  # shorter words fit a line whole; only longer ones need joints
KEEP_WHOLE = 60  # a piece up to this long always fits a line, so it may be kept unbroken
_JOINTS = re.compile(r"(?<=[/=,&?;|:])(?=[^\s/=,&?;|:])")


def css_string(value: str) -> Markup:
    """A CSS string literal; everything but ASCII letters, digits and spaces is a CSS escape
    (hex digits, then the one space that ends an escape)."""
    return Markup('"' + "".join(ch if ch.isalnum() and ch.isascii() or ch == " " else f"\\{ord(ch):x} "
                                for ch in value) + '"')


def footer_text(project: Project, generated: date) -> str:
    review = next_review(project)
    due = f" · next review due {review.due}" if review else ""
    return f"{project.organization.name} · binder generated {generated}{due}"


def _piece(text: str) -> str:
    """An escaped piece of a word, kept whole when it has punctuation: a line may otherwise
    break inside it (after the '-' of '--scope', after '+' in '+%s'), which on paper reads
    as two words or a hyphenated one."""
    escaped = html.escape(text)
    if text.isalnum() or len(text) > KEEP_WHOLE:
        return escaped
    return f'<span class="nb">{escaped}</span>'


def _breakable(word: str) -> str:
    """An escaped word; a long one gets break opportunities (<wbr>) after its joints."""
    if len(word) <= LONG_WORD:
        return _piece(word)
    return "<wbr>".join(_piece(piece) for piece in _JOINTS.split(word))


def command_markup(code: str) -> Markup:
    """A command as escaped lines that wrap at spaces and, in long words, after / = , & ? ; | :"""
    lines = []
    for line in code.rstrip("\n").splitlines() or [""]:
        wrapped = "".join(_breakable(part) if part.strip() else part for part in re.split(r"(\s+)", line))
        lines.append(f'<span class="ln">{wrapped or "&nbsp;"}</span>')
    return Markup("".join(lines))


def anchor(playbook_id: str, step_id: str = "") -> str:
    return f"pb-{playbook_id}" + (f"-step-{step_id}" if step_id else "")


def tree_markup(playbook: Playbook, project: Project) -> Markup:
    """The site's decision-tree SVG, its step links pointing into this playbook's pages."""
    svg = decision_tree_svg(playbook, project.playbook_titles)
    prefix = html.escape(anchor(playbook.id), quote=True)
    # The layout is measured for a browser's sans-serif; DejaVu Sans (WeasyPrint's usual
    # default) is wider and would spill out of the boxes, Arial-metric fonts do not.
    svg = svg.replace('font-family="sans-serif"', 'font-family="Liberation Sans, Arial, Helvetica, sans-serif"', 1)
    return Markup(svg.replace('href="#step-', f'href="#{prefix}-step-'))


CHUNK = 20  # playbooks laid out at a time: memory stays flat at any size


@dataclass(frozen=True)
class Entry:
    """A line of the contents and of the PDF outline."""

    title: str
    anchor: str = ""
    sub: bool = False


def contents(project: Project) -> list[Entry]:
    entries = [Entry("Severity matrix and whom to call first", "first"), Entry("Playbooks")]
    entries += [Entry(f"{pb.title} ({pb.severity})", anchor(pb.id), sub=True) for pb in project.playbooks]
    back = [("Response process", "process", project.phases), ("Incident roles", "roles", project.roles),
            ("Communication templates", "templates", project.templates),
            ("Escalation", "escalation", True), ("Contacts", "contacts", True)]
    return entries + [Entry(title, ident) for title, ident, present in back if present]


def render_html(project: Project, generated: date, paper: str = "a4", part: str = "all",
                playbooks: tuple[Playbook, ...] | None = None,
                numbers: dict[str, int] | None = None) -> str:
    """Print-ready HTML of one part of the binder: "front", "playbooks", "back" (inline CSS and SVG).

    Its pages have no numbers and no dated footer: page_numbers.stamp draws both on the joined
    binder (the footer from the one-page "footer" part), so a part laid out yesterday is still current.
    """
    return with_qr_codes(_part_html(project, generated, paper, part, playbooks, numbers))


def _part_html(project: Project, generated: date, paper: str = "a4", part: str = "all",
               playbooks: tuple[Playbook, ...] | None = None,
               numbers: dict[str, int] | None = None) -> str:
    """A part's HTML with each QR code as a placeholder naming its URL (see with_qr_codes)."""
    if paper not in PAPERS:
        raise ValueError(f"paper: {paper!r} is not one of {', '.join(PAPERS)}")
    return environment().get_template("binder.html.j2").render(
        **context(project, generated), page_size=PAPERS[paper], generator=GENERATOR, part=part,
        playbooks=project.playbooks if playbooks is None else playbooks,
        numbers=numbers or {}, contents=contents(project), command=command_markup,
        footer=css_string(footer_text(project, generated)),
        tree=lambda pb: tree_markup(pb, project), anchor=anchor,
        qr=lambda pb: Markup(QR_PLACEHOLDER.format(html.escape(site_url_for(project, playbook_uri(pb.id))))),
        page_url=lambda pb: site_url_for(project, playbook_uri(pb.id)))


# Drawing a QR code takes milliseconds: the cache key hashes its URL, and only a part
# that is laid out draws its codes. Content cannot write this element: its text is
# escaped, and the sanitizer drops every element outside its allowlist.
QR_PLACEHOLDER = '<playbook-qr url="{}"></playbook-qr>'
_QR = re.compile(r'<playbook-qr url="([^"<>]*)"></playbook-qr>')


def with_qr_codes(part_html: str) -> str:
    """The HTML with every QR placeholder replaced by its inline SVG code."""
    return _QR.sub(lambda m: qr_svg(html.unescape(m.group(1))), part_html)


@dataclass
class Laid:
    """One part laid out: its PDF (None for a draft), page count and anchors' page numbers."""

    part: str
    pdf: bytes | None
    pages: int
    anchors: dict[str, int]
    key: str = ""


class _Layouter:
    """Lays parts out, or takes them from the cache (``folder``); WeasyPrint loads only when needed."""

    def __init__(self, folder: Path | None) -> None:
        self.folder, self.fonts, self.done = folder, None, 0

    def __call__(self, part: str, part_html: str, first_page: int, draft: bool = False) -> Laid:
        from ..caching import binder as part_cache

        part_key = part_cache.key(part, part_html)
        cached = part_cache.get(self.folder, part_key, with_pdf=not draft)
        if cached is not None:
            facts, pdf = cached
            anchors = {name: first_page + index for name, index in facts["anchors"].items()}
            return Laid(part, None if draft else pdf, facts["pages"], anchors, part_key)
        document = self._layout(with_qr_codes(part_html))
        relative = _anchors(document, 0)
        pdf = None if draft else document.write_pdf()
        part_cache.put(self.folder, part_key, {"pages": len(document.pages), "anchors": relative}, pdf)
        return Laid(part, pdf, len(document.pages),
                    {name: first_page + index for name, index in relative.items()}, part_key)

    def _layout(self, part_html: str):
        from weasyprint import HTML  # slow to import; only PDF outputs need it
        from weasyprint.text.fonts import FontConfiguration

        self.fonts = self.fonts or FontConfiguration()
        self.done += 1
        return HTML(string=part_html, url_fetcher=_refuse_fetch).render(font_config=self.fonts)


def parts(project: Project) -> list[tuple[str, tuple[Playbook, ...]]]:
    """The body in layout order: playbooks CHUNK at a time, then the back matter."""
    chunks = [("playbooks", project.playbooks[i:i + CHUNK]) for i in range(0, len(project.playbooks), CHUNK)]
    return chunks + [("back", ())]


def _anchors(document, first_page: int) -> dict[str, int]:
    """Page number of each anchor (element id) in a laid-out part."""
    found: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for name in page.anchors:
            found.setdefault(name, first_page + index)
    return found


def layouts(project: Project, generated: date, paper: str = "a4",
            cache: Path | None = None) -> Iterator[Laid]:
    """Each part laid out (one WeasyPrint document at a time) with its anchors' page numbers.

    The front matter is laid out first with placeholder page numbers to learn
    its length (the number column has a fixed width, so real numbers lay out
    the same), then the body, then the front again with the real numbers.
    A part's HTML does not depend on the pages before it (its pages carry no
    numbers), so with ``cache`` (a folder) an edit lays out only the part it
    changes (and the front, when a page number in the contents moves).
    """
    lay_out = _Layouter(cache)
    draft = lay_out("front", _part_html(project, generated, paper, "front"), 1, draft=True)
    numbers = dict(draft.anchors)
    page = draft.pages + 1
    for part, playbooks in parts(project):
        laid = lay_out(part, _part_html(project, generated, paper, part, playbooks), page)
        numbers.update(laid.anchors)
        yield laid
        page += laid.pages
    yield lay_out("front", _part_html(project, generated, paper, "front", numbers=numbers), 1)


def render_binder(project: Project, generated: date, paper: str = "a4", cache: Path | None = None) -> bytes:
    """The binder as PDF bytes, with an outline: the parts, and one entry per playbook.

    Parts are laid out one at a time and joined with pypdf, so memory does not
    grow with the number of playbooks. With ``cache`` (a folder), unchanged
    parts and an unchanged joined binder come from it (see caching.binder).
    """
    from ..caching import binder as part_cache

    laid = list(layouts(project, generated, paper, cache))
    footer = _Layouter(cache)("footer", _part_html(project, generated, paper, "footer"), 1)
    numbers = {name: number for part in laid for name, number in part.anchors.items()}
    title = f"{project.organization.name} incident response binder"
    joined_key = part_cache.key("joined", title, *(part.key for part in laid), footer.key,
                                repr(_outline_items(project, numbers)))
    cached = part_cache.get(cache, joined_key)
    if cached is not None:
        return cached[1]
    data = _join([laid[-1], *laid[:-1]], project, numbers, title, footer.pdf)
    part_cache.put(cache, joined_key, {"pages": sum(part.pages for part in laid)}, data)
    part_cache.prune(cache)
    return data


def _join(ordered: list[Laid], project: Project, numbers: dict[str, int], title: str,
          footer_pdf: bytes | None = None) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for part in ordered:
        writer.append(PdfReader(io.BytesIO(part.pdf)), import_outline=False)
    heading = None
    for entry_title, page, role in _outline_items(project, numbers):
        item = writer.add_outline_item(title=entry_title, page_number=page,
                                       parent=heading if role == "child" else None)
        if role == "heading":
            heading = item
    page_numbers.stamp(writer, footer_pdf)
    writer.add_metadata({"/Title": title, "/Creator": PDF_CREATOR})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _outline_items(project: Project, numbers: dict[str, int]) -> list[tuple[str, int, str]]:
    """(title, page index, role) of each outline entry; a "child" goes under the last "heading"."""
    pages = {name: number - 1 for name, number in numbers.items()}
    items: list[tuple[str, int, str]] = []
    heading = False
    for entry in contents(project):
        if not entry.anchor:
            first = pages.get(anchor(project.playbooks[0].id)) if project.playbooks else None
            heading = first is not None
            if heading:
                items.append((entry.title, first, "heading"))
        elif entry.anchor in pages:
            items.append((entry.title, pages[entry.anchor], "child" if entry.sub and heading else "top"))
    return items
