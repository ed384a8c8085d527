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
from typing import Iterator

from markupsafe import Markup

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
                playbooks: tuple[Playbook, ...] | None = None, first_page: int = 1,
                numbers: dict[str, int] | None = None) -> str:
    """Print-ready HTML of one part of the binder: "front", "playbooks", "back" (inline CSS and SVG)."""
    if paper not in PAPERS:
        raise ValueError(f"paper: {paper!r} is not one of {', '.join(PAPERS)}")
    return environment().get_template("binder.html.j2").render(
        **context(project, generated), page_size=PAPERS[paper], generator=GENERATOR, part=part,
        playbooks=project.playbooks if playbooks is None else playbooks, first_page=first_page,
        numbers=numbers or {}, contents=contents(project), command=command_markup,
        footer=css_string(footer_text(project, generated)),
        tree=lambda pb: tree_markup(pb, project), anchor=anchor,
        qr=lambda pb: qr_svg(site_url_for(project, playbook_uri(pb.id))),
        page_url=lambda pb: site_url_for(project, playbook_uri(pb.id)))


def _layout(html: str, fonts):
    from weasyprint import HTML  # slow to import; only PDF outputs need it

    return HTML(string=html, url_fetcher=_refuse_fetch).render(font_config=fonts)


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


def layouts(project: Project, generated: date, paper: str = "a4") -> Iterator[tuple[str, object, dict]]:
    """Each part laid out (one WeasyPrint document at a time) with its anchors' page numbers.

    The front matter is laid out first with placeholder page numbers to learn
    its length (the number column has a fixed width, so real numbers lay out
    the same), then the body, then the front again with the real numbers.
    """
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    draft = _layout(render_html(project, generated, paper, "front"), fonts)
    numbers = _anchors(draft, 1)
    page = len(draft.pages) + 1
    del draft
    for part, playbooks in parts(project):
        document = _layout(render_html(project, generated, paper, part, playbooks, page), fonts)
        found = _anchors(document, page)
        numbers.update(found)
        yield part, document, found
        page += len(document.pages)
    front = _layout(render_html(project, generated, paper, "front", numbers=numbers), fonts)
    yield "front", front, _anchors(front, 1)


def render_binder(project: Project, generated: date, paper: str = "a4") -> bytes:
    """The binder as PDF bytes, with an outline: the parts, and one entry per playbook.

    Parts are laid out one at a time and joined with pypdf, so memory does not
    grow with the number of playbooks.
    """
    from pypdf import PdfReader, PdfWriter

    pdfs, numbers = [], {}
    for _, document, found in layouts(project, generated, paper):
        pdfs.append(document.write_pdf())
        numbers.update(found)
    writer = PdfWriter()
    for pdf in [pdfs[-1], *pdfs[:-1]]:
        writer.append(PdfReader(io.BytesIO(pdf)), import_outline=False)
    _outline(writer, project, {name: number - 1 for name, number in numbers.items()})
    writer.add_metadata({"/Title": f"{project.organization.name} incident response binder",
                         "/Creator": PDF_CREATOR})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _outline(writer, project: Project, pages: dict[str, int]) -> None:
    parent = None
    for entry in contents(project):
        if not entry.anchor:
            first = pages.get(anchor(project.playbooks[0].id)) if project.playbooks else None
            parent = writer.add_outline_item(title=entry.title, page_number=first) if first is not None else None
        elif entry.anchor in pages:
            writer.add_outline_item(title=entry.title, page_number=pages[entry.anchor], parent=parent if entry.sub else None)
