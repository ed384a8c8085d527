"""The binder's page numbers, written onto the joined PDF rather than laid out with each part.

A part laid out with its own page numbers would depend on the length of every
part before it: one playbook growing by a page would lay every later part out
again. So parts are laid out without numbers (see caching.binder) and the
footer's "page N" is drawn here, right-aligned at the right margin on the
footer's baseline, in the standard Helvetica (no font file to embed). The dated
footer ("Org · binder generated DATE · next review due ...") is laid out by
WeasyPrint once, alone on a page, and drawn on every page as a form XObject, so
that no part depends on the date.
"""
from __future__ import annotations

RIGHT_MARGIN_PT = 15 / 25.4 * 72  # the binder's @page margin
BASELINE_PT = 37.2  # above the bottom edge: the bottom margin (18mm) less padding (2mm) and ascent
SIZE_PT = 8
FONT_NAME = "/PBPageNumber"
# Helvetica's advance widths (1/1000 em) for the characters of "page 0123456789".
_WIDTHS = {**{digit: 556 for digit in "0123456789"}, "p": 556, "a": 556, "g": 556, "e": 556, " ": 278}


def label(number: int) -> str:
    return f"page {number}"


def text_width(text: str, size: float = SIZE_PT) -> float:
    return sum(_WIDTHS[ch] for ch in text) * size / 1000


FOOTER_NAME = "/PBFooter"


def _footer_form(writer, footer_pdf: bytes):
    """The first page of ``footer_pdf`` as a form XObject of ``writer``, to draw on every page."""
    import io

    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DecodedStreamObject, FloatObject, NameObject

    page = PdfReader(io.BytesIO(footer_pdf)).pages[0]
    contents = page.get_contents()
    form = DecodedStreamObject()
    form.set_data(contents.get_data() if contents is not None else b"")
    form.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                 NameObject("/BBox"): ArrayObject([FloatObject(float(v)) for v in page.mediabox]),
                 NameObject("/Resources"): page["/Resources"].get_object().clone(writer)})
    return writer._add_object(form)


def stamp(writer, footer_pdf: bytes | None = None) -> None:
    """Draw "page N" in the footer of every page of a pypdf PdfWriter, N counting from 1, and the
    first page of ``footer_pdf`` (the dated footer, laid out once) over every page."""
    from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, NameObject)

    footer = _footer_form(writer, footer_pdf) if footer_pdf else None
    draw_footer = f"q {FOOTER_NAME} Do Q\n" if footer is not None else ""

    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"), NameObject("/Encoding"): NameObject("/WinAnsiEncoding")}))
    save = DecodedStreamObject()
    save.set_data(b"q\n")
    save_ref = writer._add_object(save)
    for number, page in enumerate(writer.pages, start=1):
        box = page.mediabox
        text = label(number)
        x = float(box.right) - RIGHT_MARGIN_PT - text_width(text)
        y = float(box.bottom) + BASELINE_PT
        drawn = DecodedStreamObject()
        drawn.set_data(f"Q\n{draw_footer}q 0 g BT {FONT_NAME} {SIZE_PT} Tf 1 0 0 1 {x:.2f} {y:.2f} Tm ({text}) Tj ET Q\n"
                       .encode())
        contents = page.get("/Contents")
        if contents is None:
            existing = []
        elif isinstance(contents.get_object(), ArrayObject):
            existing = list(contents.get_object())
        else:
            existing = [contents]
        page[NameObject("/Contents")] = ArrayObject([save_ref, *existing, writer._add_object(drawn)])
        resources = page["/Resources"].get_object()
        fonts = resources.get("/Font")
        fonts = fonts.get_object() if fonts is not None else DictionaryObject()
        fonts[NameObject(FONT_NAME)] = font
        resources[NameObject("/Font")] = fonts
        if footer is not None:
            forms = resources.get("/XObject")
            forms = forms.get_object() if forms is not None else DictionaryObject()
            forms[NameObject(FOOTER_NAME)] = footer
            resources[NameObject("/XObject")] = forms
