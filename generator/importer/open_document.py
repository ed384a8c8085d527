"""An OpenDocument text (.odt, LibreOffice and others) as the Markdown the importer reads.

Like a Word document (word_docx.py), read with the standard library: content.xml's body in order.
- ``text:h`` is a heading of its outline level;
- ``text:list`` items are list items, nested by the lists they sit in; a list whose style numbers
  its items (``text:list-level-style-number``) is ordered;
- a paragraph whose style names a monospace font or a code style ('Preformatted Text',
  'Source Text') is a line of a code block, consecutive ones one block;
- a table is a Markdown table, its first row the header;
- ``text:tab``, ``text:line-break`` and ``text:s`` (runs of spaces) are kept.
Each paragraph is one line, so the report's line numbers count the document's paragraphs.
"""
from __future__ import annotations

import re
import zipfile
from io import BytesIO
from xml.etree import ElementTree

from .word_docx import CODE, ITEM, fence_code, markdown_table

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
MONOSPACE = re.compile(r"courier|consolas|mono|menlo|monaco|lucida console", re.IGNORECASE)
CODE_STYLE = re.compile(r"preformatted|source.?text|\bcode\b", re.IGNORECASE)


def is_odt(members: set[str], raw: bytes) -> bool:
    return "content.xml" in members and b"application/vnd.oasis.opendocument.text" in raw[:200]


def odt_markdown(raw: bytes) -> str:
    """The document's text as Markdown. Raises ValueError when the zip or its XML is broken."""
    try:
        archive = zipfile.ZipFile(BytesIO(raw))
        content = ElementTree.fromstring(archive.read("content.xml"))
        styles_xml = ElementTree.fromstring(archive.read("styles.xml")) if "styles.xml" in archive.namelist() else None
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as error:
        raise ValueError(f"not a readable OpenDocument file ({error})") from None
    code_styles, numbered = _styles([content] + ([styles_xml] if styles_xml is not None else []))
    body = content.find(f"{OFFICE}body/{OFFICE}text")
    out: list[str] = []
    _blocks(body if body is not None else [], code_styles, numbered, out, depth=-1, ordered=False)
    return "\n".join(fence_code(out)).strip("\n") + "\n"


def _styles(roots) -> tuple[set[str], set[str]]:
    """The paragraph styles that are code, and the list styles that number their items."""
    code, numbered = set(), set()
    for root in roots:
        for style in root.iter(f"{STYLE}style"):
            name = style.get(f"{STYLE}name", "")
            fonts = " ".join(v for el in style.iter() for k, v in el.attrib.items() if "font" in k)
            parent = style.get(f"{STYLE}parent-style-name", "")
            if CODE_STYLE.search(name) or CODE_STYLE.search(parent) or MONOSPACE.search(fonts) or parent in code:
                code.add(name)
        for lists in root.iter(f"{TEXT}list-style"):
            if lists.find(f"{TEXT}list-level-style-number") is not None:
                numbered.add(lists.get(f"{STYLE}name", ""))
    return code, numbered


def _blocks(parent, code: set[str], numbered: set[str], out: list[str], depth: int, ordered: bool) -> None:
    for child in parent:
        if child.tag == f"{TEXT}h":
            level = int(child.get(f"{TEXT}outline-level", "1") or 1)
            out.extend(["", "#" * min(level, 6) + " " + _text(child).strip(), ""])
        elif child.tag == f"{TEXT}p":
            _paragraph(child, code, out, depth, ordered)
        elif child.tag == f"{TEXT}list":
            style = child.get(f"{TEXT}style-name", "")
            _blocks(child, code, numbered, out, depth + 1, style in numbered or (ordered and not style))
        elif child.tag in (f"{TEXT}list-item", f"{TEXT}section", f"{TEXT}list-header"):
            _blocks(child, code, numbered, out, depth, ordered)
        elif child.tag == f"{TABLE}table":
            _table(child, out)


def _paragraph(p, code: set[str], out: list[str], depth: int, ordered: bool) -> None:
    text = _text(p)
    if not text.strip():
        out.append("")
    elif p.get(f"{TEXT}style-name", "") in code:
        out.extend(CODE + line for line in text.split("\n"))
    elif depth >= 0:
        out.append(ITEM + "    " * depth + ("1. " if ordered else "- ") + text.replace("\n", " ").strip())
    else:
        out.extend(["", text.replace("\n", " ").strip(), ""])


def _text(element) -> str:
    """The element's text, spaces, tabs and line breaks as written."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == f"{TEXT}s":
            parts.append(" " * int(child.get(f"{TEXT}c", "1") or 1))
        elif child.tag == f"{TEXT}tab":
            parts.append("\t")
        elif child.tag == f"{TEXT}line-break":
            parts.append("\n")
        elif child.tag not in (f"{OFFICE}annotation", f"{TEXT}note"):
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _table(table, out: list[str]) -> None:
    rows = []
    for row in table.iter(f"{TABLE}table-row"):
        cells = [" ".join(_text(p).strip() for p in cell.iter(f"{TEXT}p") if _text(p).strip()).replace("|", "\\|")
                 for cell in row.findall(f"{TABLE}table-cell")]
        if any(cells):
            rows.append(cells)
    out.extend(markdown_table(rows))
