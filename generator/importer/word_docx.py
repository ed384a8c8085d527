"""A Word document (.docx) as the Markdown the importer reads, with the standard library only.

A .docx is a zip of XML. The body's paragraphs and tables are read in order:
- a paragraph styled 'Title' or 'Heading N' (by the style's name in styles.xml, so a localized
  style id such as 'berschrift1' reads the same), or with an outline level, is a heading;
- a numbered or bulleted paragraph (numbering.xml says which) is a list item, nested by its level;
- a paragraph whose text is all in a monospace font (Courier New, Consolas ...) or in a code style
  is a line of a fenced code block, consecutive ones one block; monospace inside a sentence is code;
- bold runs are bold; tabs stay tabs; a line break inside a code paragraph is a new line;
- a table is a Markdown table, its first row the header.
Headers, footers, comments and footnotes are not the document's text and are not read. Each
paragraph is one line, so the report's line numbers count the document's paragraphs and table rows.
"""
from __future__ import annotations

import re
import zipfile
from io import BytesIO
from xml.etree import ElementTree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MONOSPACE = re.compile(r"courier|consolas|mono|menlo|monaco|lucida console|fixedsys", re.IGNORECASE)
CODE_STYLE = re.compile(r"\bcode\b|preformatted|source|command|terminal", re.IGNORECASE)


def zip_members(raw: bytes) -> set[str]:
    """The names in a zip archive, or none when the bytes are no zip."""
    if not raw.startswith(b"PK\x03\x04"):
        return set()
    try:
        return set(zipfile.ZipFile(BytesIO(raw)).namelist())
    except zipfile.BadZipFile:
        return set()


def docx_markdown(raw: bytes) -> str:
    """The document's text as Markdown. Raises ValueError when the zip or its XML is broken."""
    try:
        archive = zipfile.ZipFile(BytesIO(raw))
        body = ElementTree.fromstring(archive.read("word/document.xml")).find(f"{W}body")
        styles = _styles(_part(archive, "word/styles.xml"))
        numbering = _numbering(_part(archive, "word/numbering.xml"))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as error:
        raise ValueError(f"not a readable Word document ({error})") from None
    out: list[str] = []
    _blocks(body if body is not None else [], styles, numbering, out)
    if any(line.startswith(TITLE) for line in out):   # 'Title' over 'Heading 1's: the headings sit under it
        out = [line[len(TITLE):] if line.startswith(TITLE) else "#" + line if line.startswith("#") else line
               for line in out]
    return "\n".join(fence_code(out)).strip("\n") + "\n"


def _part(archive: zipfile.ZipFile, name: str):
    return ElementTree.fromstring(archive.read(name)) if name in archive.namelist() else None


def _styles(root) -> dict[str, str]:
    """Style id -> style name, lowercase ('Heading1' -> 'heading 1')."""
    if root is None:
        return {}
    return {style.get(f"{W}styleId", ""): (style.find(f"{W}name").get(f"{W}val", "") if style.find(f"{W}name")
                                            is not None else "").lower() for style in root.iter(f"{W}style")}


def _numbering(root) -> dict[tuple[str, str], str]:
    """(numId, level) -> the level's number format ('bullet', 'decimal', 'lowerLetter' ...)."""
    if root is None:
        return {}
    abstract = {a.get(f"{W}abstractNumId"): {lvl.get(f"{W}ilvl"): _val(lvl.find(f"{W}numFmt")) or "decimal"
                                            for lvl in a.iter(f"{W}lvl")} for a in root.iter(f"{W}abstractNum")}
    formats = {}
    for num in root.iter(f"{W}num"):
        levels = abstract.get(_val(num.find(f"{W}abstractNumId")), {})
        for level, fmt in levels.items():
            formats[(num.get(f"{W}numId"), level)] = fmt
    return formats


def _val(element) -> str:
    return element.get(f"{W}val", "") if element is not None else ""


def _blocks(parent, styles: dict, numbering: dict, out: list[str]) -> None:
    for child in parent:
        if child.tag == f"{W}p":
            _paragraph(child, styles, numbering, out)
        elif child.tag == f"{W}tbl":
            _table(child, out)
        elif child.tag == f"{W}sdt":   # a content control: its content is the document's
            content = child.find(f"{W}sdtContent")
            if content is not None:
                _blocks(content, styles, numbering, out)


# Markers of the lines fence_code turns into code blocks and the lines that keep a list tight.
CODE, ITEM, TITLE = "\x00code\x00", "\x00item\x00", "\x00title\x00"


def _paragraph(p, styles: dict, numbering: dict, out: list[str]) -> None:
    props = p.find(f"{W}pPr")
    style = styles.get(_val(props.find(f"{W}pStyle")) if props is not None else "", "")
    runs = list(_runs(p))
    text = "".join(piece for piece, _, _ in runs)
    if not text.strip():
        out.append("")
        return
    if CODE_STYLE.search(style) or all(mono or not piece.strip() for piece, mono, _ in runs):
        out.extend(CODE + line for line in text.split("\n"))
        return
    line = _inline(runs).replace("\n", " ").strip()
    level = _heading_level(style, props)
    if level:
        out.extend(["", (TITLE if style == "title" else "") + "#" * level + " " + line.replace("**", ""), ""])
        return
    numbered = props.find(f"{W}numPr") if props is not None else None
    if numbered is not None and _val(numbered.find(f"{W}numId")) not in ("", "0"):
        depth = _val(numbered.find(f"{W}ilvl")) or "0"
        fmt = numbering.get((_val(numbered.find(f"{W}numId")), depth), "bullet")
        marker = "-" if fmt in ("bullet", "none") else "1."
        out.append(ITEM + "    " * int(depth) + f"{marker} {line}")
        return
    if style.startswith("list bullet") or style.startswith("list number"):
        out.append(ITEM + ("1. " if "number" in style else "- ") + line)
        return
    out.extend(["", line, ""])


def _heading_level(style: str, props) -> int:
    if style == "title":
        return 1
    match = re.match(r"heading\s*(\d)$", style)
    if match:
        return min(int(match.group(1)), 6)
    outline = props.find(f"{W}outlineLvl") if props is not None else None
    if outline is not None and _val(outline).isdigit() and int(_val(outline)) < 6:
        return int(_val(outline)) + 1
    return 0


def _runs(p):
    """(text, monospace, bold) for each run of the paragraph, links' runs included, in order."""
    for run in p.iter(f"{W}r"):
        fonts = run.find(f"{W}rPr/{W}rFonts")
        mono = fonts is not None and any(MONOSPACE.search(v or "") for v in fonts.attrib.values())
        pieces = []
        for node in run:
            if node.tag == f"{W}t":
                pieces.append(node.text or "")
            elif node.tag == f"{W}tab":
                pieces.append("\t")
            elif node.tag in (f"{W}br", f"{W}cr"):
                pieces.append("\n")
        if pieces:
            yield "".join(pieces), mono, _bold(run)


def _inline(runs: list[tuple[str, bool, bool]]) -> str:
    """The paragraph's text with bold as '**', monospace as '`'."""
    parts = []
    for piece, mono, strong in runs:
        if mono and piece.strip():
            piece = f"`{piece.strip()}`"
        elif strong and piece.strip():
            lead, core, tail = re.match(r"^(\s*)(.*?)(\s*)$", piece, re.DOTALL).groups()
            piece = f"{lead}**{core}**{tail}"
        parts.append(piece)
    return re.sub(r"\*\*(\s*)\*\*", r"\1", "".join(parts))   # two bold runs side by side: one


def _bold(run) -> bool:
    b = run.find(f"{W}rPr/{W}b")
    return b is not None and _val(b).lower() not in ("0", "false", "off")


def _table(tbl, out: list[str]) -> None:
    rows = []
    for tr in tbl.iter(f"{W}tr"):
        cells = []
        for tc in tr.findall(f"{W}tc"):
            texts = ["".join(piece for piece, _, _ in _runs(p)).strip() for p in tc.iter(f"{W}p")]
            cells.append(" ".join(t for t in texts if t).replace("\n", " ").replace("|", "\\|"))
        if any(cells):
            rows.append(cells)
    out.extend(markdown_table(rows))


def markdown_table(rows: list[list[str]]) -> list[str]:
    """Rows of cells as a Markdown table, the first row its header; [] for no rows."""
    if not rows:
        return []
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    return ["", "| " + " | ".join(rows[0]) + " |", "|" + "---|" * width,
            *("| " + " | ".join(r) + " |" for r in rows[1:]), ""]


def fence_code(lines: list[str]) -> list[str]:
    """Code lines as fenced blocks, list items tight, runs of blank lines one."""
    result: list[str] = []
    in_code = False
    for line in lines:
        if line.startswith(CODE):
            if not in_code:
                result.extend(["", "```"] if result and result[-1] else ["```"])
                in_code = True
            result.append(line[len(CODE):])
            continue
        if in_code:
            result.extend(["```", ""])
            in_code = False
        line = line[len(ITEM):] if line.startswith(ITEM) else line
        if line or (result and result[-1]):
            result.append(line)
    if in_code:
        result.append("```")
    return result
