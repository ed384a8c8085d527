"""`playbook drill log`: append one exercise to a playbook's (or the process's) YAML in place.

Same round-trip editing as `playbook review` (generator.commands.signoff): comments, key
order and quoting are kept, and the file is refused rather than reformatted.
"""
from __future__ import annotations

import difflib
import io
import re
from datetime import date
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from .. import core
from ..problems import PlaybookError, UsageError
from ..validate.drills import DRILL_KINDS
from . import atomic
from .signoff import _contact_ids, _find, _yaml


def log_drill(root: Path, doc_id: str, kind: str, by: str, when: date, note: str,
              findings: tuple[str, ...], today: date) -> tuple[Path, str]:
    """Append {date, kind, by, notes, findings} to `exercises:`; return (path, diff)."""
    if kind not in DRILL_KINDS:
        raise UsageError(f"--kind: '{kind}' is not one of {', '.join(DRILL_KINDS)}")
    if when > today:
        raise UsageError(f"--date: {when} is after today ({today}); record a drill once it has happened")
    result = core.load(root, core.Options(today=today, render_cards=False))
    source = _find(result, doc_id)
    document_kind = next(k for k, s in result.content.all_sources() if s is source)
    if document_kind not in ("playbook", "process"):
        raise UsageError(f"{doc_id}: drills are recorded on playbooks and on the process; "
                         f"'{doc_id}' is a {document_kind} document")
    _known_contact(result, by)
    if not isinstance(source.data, dict):
        raise PlaybookError(f"{source.rel}: cannot be read as a document; run `playbook check`")
    original = source.path.read_text(encoding="utf-8")
    updated = _edit(original, _entry(kind, by, when, note, findings))
    _only_additions(source.rel, original, updated)
    atomic.replace_file(source.path, updated)
    diff = "".join(difflib.unified_diff(original.splitlines(True), updated.splitlines(True),
                                        fromfile=source.rel, tofile=source.rel))
    return source.path, diff


def _known_contact(result: core.Result, by: str) -> None:
    contacts = [c.id for c in result.project.contacts] if result.project else _contact_ids(result)
    if by not in contacts:
        close = difflib.get_close_matches(by, contacts, n=1, cutoff=0.5)
        raise UsageError(f"--by: unknown contact '{by}'." + (f" Did you mean '{close[0]}'?" if close else "")
                         + " Contact ids are defined in content/contacts.yaml")


def _entry(kind: str, by: str, when: date, note: str, findings: tuple[str, ...]) -> CommentedMap:
    entry = CommentedMap()
    entry["date"] = DoubleQuotedScalarString(when.isoformat())
    entry["kind"] = kind
    entry["by"] = by
    if note:
        entry["notes"] = note
    if findings:
        entry["findings"] = CommentedSeq(findings)
    return entry


def _edit(text: str, entry: CommentedMap) -> str:
    yaml = _yaml(text)
    document = yaml.load(text)
    if not isinstance(document.get("exercises"), list):
        keys = list(document)
        if "exercise" in keys:
            position = keys.index("exercise") + 1
        elif "review" in keys:
            position = keys.index("review")
        else:
            position = len(keys)
        document.pop("exercises", None)
        document.insert(position, "exercises", CommentedSeq())
    document["exercises"].append(entry)
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def _only_additions(rel: str, original: str, updated: str) -> None:
    """Refuse to write if re-serialising would change any existing line."""
    removed = [line for line in difflib.ndiff(original.splitlines(), updated.splitlines())
               if line.startswith("- ")]
    unexpected = [line for line in removed if not re.match(r"-\s*exercises:\s*(\[\])?\s*$", line)]
    if unexpected:
        raise PlaybookError(f"{rel}: recording the drill would reformat other lines (first: "
                            f"{unexpected[0][2:].strip()!r}); not changing the file. Add the entry "
                            f"under exercises: by hand.")
