"""Where `playbook import` meets the disk: which files are documents, reading them as text, and
writing the output directory all at once (never over existing content, never a file `check` refuses)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..commands.atomic import new_directory
from .markup import SUFFIXES as MARKUP_SUFFIXES
from ..problems import PlaybookError, UsageError

DOCUMENT_SUFFIXES = (".md", ".markdown", ".txt", ".mdown", ".html", ".htm", ".docx", ".odt", ".csv",   # HTML: wiki exports
                     *MARKUP_SUFFIXES)   # reStructuredText (Sphinx), AsciiDoc (Antora)
MAX_FILE_BYTES = 1_000_000   # what `playbook check` accepts per content file


class NothingRecognized(PlaybookError):
    """No part of the sources maps onto the content model: writing a skeleton would be a lie."""

    exit_code = 1


@dataclass
class SourceText:
    name: str
    text: str


def refuse_existing(out: Path) -> None:
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UsageError(f"{out} already exists and is not empty; not overwriting content. Import into a "
                         f"new directory with --out, review it, then move the files you want.")


def write_files(rendered: dict[str, str], out: Path) -> None:
    """Write into a fresh directory, all at once; never into existing content."""
    refuse_existing(out)
    too_big = {rel: len(text.encode("utf-8")) for rel, text in rendered.items()
               if len(text.encode("utf-8")) > MAX_FILE_BYTES}
    if too_big:
        sizes = ", ".join(f"{rel} would be {size / 1e6:.1f} MB" for rel, size in too_big.items())
        raise NothingRecognized(f"not written: {sizes}, over the 1 MB that `playbook check` accepts per "
                                f"file. Split the source into smaller documents and import them together.")
    with new_directory(out, "import") as staging:
        for rel, text in rendered.items():
            path = staging / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


def expand(paths: Sequence[Path]) -> list[Path]:
    """Files as given; a directory contributes its Markdown and text files, sorted."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES
                                and not any(part.startswith(".") for part in p.relative_to(path).parts)))
        else:
            files.append(path)
    if not files:
        raise UsageError(f"{', '.join(map(str, paths))}: no Markdown or text documents to import")
    return files


def read_sources(paths: Sequence[Path]) -> list[SourceText]:
    sources = []
    for path in expand(paths):
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise UsageError(f"{path}: cannot read it ({error.strerror})") from None
        sources.append(SourceText(str(path), document_text(path, raw)))
    return sources


# Files that are documents but not text: what to do with each instead.
NOT_TEXT = [(b"%PDF-", "a PDF: convert it with `pdftotext -layout FILE.pdf FILE.txt` (poppler-utils) and import the .txt"),
            (b"\xd0\xcf\x11\xe0", "an old Word (.doc) or Excel (.xls) file: save it as .docx (Word) or .csv, or as "
                                   "Web Page, Filtered (.html), and import that"),
            (b"{\\rtf", "an RTF file: save it as .docx or as Web Page, Filtered (.html) and import that")]
ZIPPED = [("content.xml", "an OpenDocument spreadsheet or presentation: save sheets as .csv, a deck as .pdf "
                         "(then `pdftotext -layout`), and import those"),
          ("xl/workbook.xml", "an Excel workbook: save each sheet as .csv and import those"),
          ("ppt/presentation.xml", "a PowerPoint deck: save it as .pdf, convert that with `pdftotext -layout`, "
                                   "and import the .txt")]


def document_text(path: Path, raw: bytes) -> str:
    """The document as text: a Word or OpenDocument text's body as Markdown, anything else decoded as UTF-8.
    A binary format the importer cannot read is a usage error that says how to convert it."""
    from .open_document import is_odt, odt_markdown
    from .word_docx import docx_markdown, zip_members

    members = zip_members(raw)   # the archive's names read once, for every zipped format below
    if "word/document.xml" in members:
        try:
            return docx_markdown(raw)
        except ValueError as error:
            raise UsageError(f"{path}: {error}; save it again from Word, or as Web Page, Filtered (.html)") from None
    if is_odt(members, raw):
        try:
            return odt_markdown(raw)
        except ValueError as error:
            raise UsageError(f"{path}: {error}; save it again, or as .docx") from None
    for magic, advice in NOT_TEXT:
        if raw.startswith(magic):
            raise UsageError(f"{path}: {advice}")
    for member, advice in ZIPPED:
        if member in members:
            raise UsageError(f"{path}: {advice}")
    return raw.decode("utf-8-sig", errors="replace")   # (a byte-order mark, as Google Docs' .txt starts, is no text)
