"""`playbook import` of a Word document (.docx) or an OpenDocument text (.odt), and of the binary
formats it cannot read.

Documents are made with python-docx and odfpy, the way Word and LibreOffice write them (styles,
numbering, runs); the corpus holds one of each (word-document-clinic-plan.docx,
open-document-mail-relay-plan.odt) for the generic checks (nothing invented, every line visible
on the draft site).
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.importer.word_docx import docx_markdown

from .conftest import TEST_TODAY
from .importcorpus import imported

docx = pytest.importorskip("docx")   # python-docx, in the test extras

CLINIC = "word-document-clinic-plan.docx"


def run_import(tmp_path: Path, source: Path) -> tuple[int, str, Path]:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["import", str(source), "--out", str(out), "--today", TEST_TODAY.isoformat()])
    return result.exit_code, result.output, out


def test_a_word_document_gives_its_ladder_contacts_chain_and_playbook(tmp_path_factory) -> None:
    out = imported(tmp_path_factory, [CLINIC])[CLINIC]
    assert [(lv["id"], lv["response_time"]) for lv in out["severities.yaml"]["levels"]] == [
        ("P1", "15m"), ("P2", "1h"), ("P3", "next-business-day")]
    phones = {c.get("phone") for c in out["contacts.yaml"]["contacts"]}
    assert {"07700 900551", "07700 900552", "0161 496 0555"} <= phones
    assert [lv["name"] for lv in out["escalation.yaml"]["levels"]] == ["On-call technician", "IT Manager",
                                                                       "Practice Director"]
    book = out["playbooks/patient-records-system-down.yaml"]
    assert book["symptoms"] == ["the records app shows a blank screen."]
    steps = book["steps"]["immediate"]
    assert steps[0]["commands"][0]["code"].splitlines() == [   # Courier New paragraphs: one code block
        "ssh admin@records01.riverside.internal", "sudo systemctl status records-api",
        "sudo systemctl restart records-api"]
    assert steps[1]["text"].startswith("If it does not come back")   # after the commands: a step, not a symptom


def _document() -> bytes:
    document = docx.Document()
    document.add_heading("Escalation", 1)
    document.add_paragraph("Duty engineer", style="List Number")
    document.add_paragraph("Service owner", style="List Number")
    para = document.add_paragraph()
    para.add_run("Run ")
    para.add_run("uptime").font.name = "Consolas"
    para.add_run(" first; ")
    para.add_run("never").bold = True
    para.add_run(" reboot | the database.")
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Who", "Phone"
    table.rows[1].cells[0].text, table.rows[1].cells[1].text = "Desk | main", "555 0100"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _relabel_heading_style(raw: bytes, style_id: str) -> bytes:
    """The same document as a German Word saves it: the heading style's id is localized, its name is not."""
    source, buffer = zipfile.ZipFile(io.BytesIO(raw)), io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename in ("word/document.xml", "word/styles.xml"):
                data = re.sub(rb'w:(val|styleId)="Heading1"', rb'w:\1="' + style_id.encode() + rb'"', data)
            target.writestr(item, data)
    return buffer.getvalue()


def test_styles_numbering_runs_and_tables_become_markdown() -> None:
    text = docx_markdown(_relabel_heading_style(_document(), "berschrift1"))
    assert "# Escalation" in text.splitlines()   # found by the style's name, whatever its id
    assert "1. Duty engineer\n1. Service owner" in text   # Word's numbering: an ordered list, tight
    assert "Run `uptime` first; **never** reboot | the database." in text
    assert "| Desk \\| main | 555 0100 |" in text   # a '|' in a cell does not split it


def test_a_broken_word_document_is_a_usage_error_not_a_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "plan.docx"
    raw = _document()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:   # the document part cut short
        for item in zipfile.ZipFile(io.BytesIO(raw)).infolist():
            data = zipfile.ZipFile(io.BytesIO(raw)).read(item.filename)
            target.writestr(item, data[: len(data) // 2] if item.filename == "word/document.xml" else data)
    broken.write_bytes(buffer.getvalue())
    code, output, out = run_import(tmp_path, broken)
    assert code == 2 and "plan.docx: not a readable Word document" in output and "Traceback" not in output
    assert not out.exists()


@pytest.mark.parametrize("name, raw, advice", [
    ("plan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "pdftotext -layout"),
    ("plan.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "save it as .docx"),
    ("plan.rtf", b"{\\rtf1\\ansi Severity}", "an RTF file"),
])
def test_binary_documents_say_how_to_convert_them(tmp_path: Path, name: str, raw: bytes, advice: str) -> None:
    source = tmp_path / name
    source.write_bytes(raw)
    code, output, out = run_import(tmp_path, source)
    assert code == 2 and advice in output, output
    assert not out.exists()


def test_a_spreadsheet_workbook_is_told_to_be_saved_as_csv(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    source = tmp_path / "rota.xlsx"
    source.write_bytes(buffer.getvalue())
    code, output, _ = run_import(tmp_path, source)
    assert code == 2 and "save each sheet as .csv" in output


def test_a_folder_of_word_documents_is_imported_with_its_markdown(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "chain.docx").write_bytes(_document())
    (folder / "notes.md").write_text("# Contacts\n\n- Ana Ruiz: 07700 900101\n- Ben Ode: 07700 900102\n")
    code, output, out = run_import(tmp_path, folder)
    assert code in (0, 1), output   # 1: the import's own check lists what to fill in
    escalation = yaml.safe_load((out / "escalation.yaml").read_text())
    assert [lv["name"] for lv in escalation["levels"]] == ["Duty engineer", "Service owner"]


ODT = "open-document-mail-relay-plan.odt"


def test_an_open_document_text_gives_its_ladder_chain_and_playbook(tmp_path_factory) -> None:
    out = imported(tmp_path_factory, [ODT])[ODT]
    assert [(lv["name"], lv["response_time"]) for lv in out["severities.yaml"]["levels"]] == [("P1", "15m"), ("P2", "1h")]
    assert [lv["name"] for lv in out["escalation.yaml"]["levels"]] == ["Duty engineer", "Service owner", "Head of IT"]
    book = out["playbooks/mail-queue-stuck.yaml"]
    assert [c["code"] for s in book["steps"]["immediate"] for c in s.get("commands", [])] == [
        "ssh relay01.example.lan\nmailq | tail -1"]   # 'Preformatted Text' paragraphs: one code block


def test_open_document_spaces_breaks_and_bullets() -> None:
    from odf.opendocument import OpenDocumentText
    from odf.text import LineBreak, List, ListItem, P, S

    from generator.importer.open_document import odt_markdown

    document = OpenDocumentText()
    para = P(text="two")
    para.addElement(S(c=3))
    para.addText("spaces")
    para.addElement(LineBreak())
    para.addText("and a break")
    document.text.addElement(para)
    bullets = List()
    for name in ("first", "second"):
        item = ListItem()
        item.addElement(P(text=name))
        bullets.addElement(item)
    document.text.addElement(bullets)
    buffer = io.BytesIO()
    document.write(buffer)
    text = odt_markdown(buffer.getvalue())
    assert "two   spaces and a break" in text
    assert "- first\n- second" in text
