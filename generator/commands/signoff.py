"""`playbook review`: record "reviewed, still correct" by editing the YAML in place.

ruamel.yaml's round-trip mode keeps comments, key order, quoting and flow
style, so the pull request shows only the lines that changed.
"""
from __future__ import annotations

import difflib
import io
import re
from datetime import date
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from . import atomic
from .. import core
from ..load.content import document_id
from ..problems import PlaybookError, UsageError


def _yaml(text: str) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    if re.search(r"^(\s*)[\w-]+:[ \t]*\n\1- ", text, re.MULTILINE):
        yaml.indent(mapping=2, sequence=2, offset=0)   # lists written flush with their key
    else:
        yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _find(result: core.Result, doc_id: str):
    for kind, source in result.content.all_sources():
        if kind != "incident" and document_id(kind, source) == doc_id:
            return source
    known = [document_id(k, s) for k, s in result.content.all_sources() if k != "incident"]
    close = difflib.get_close_matches(doc_id, known, n=1, cutoff=0.5)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    raise UsageError(f"no document with id '{doc_id}'.{hint} Ids: playbook ids, cards/<id>, or "
                     f"organization, severities, contacts, escalation, roles, process, templates, postmortem")


def sign_off(root: Path, doc_id: str, by: str, note: str, today: date) -> tuple[Path, str]:
    """Update review.last_reviewed and append to review.history; return (path, diff)."""
    result = core.load(root, core.Options(today=today, render_cards=False))
    source = _find(result, doc_id)
    contacts = [c.id for c in result.project.contacts] if result.project else _contact_ids(result)
    if by not in contacts:
        close = difflib.get_close_matches(by, contacts, n=1, cutoff=0.5)
        raise UsageError(f"--by: unknown contact '{by}'." + (f" Did you mean '{close[0]}'?" if close else "")
                         + " Contact ids are defined in content/contacts.yaml")
    if not isinstance(source.data, dict) or not isinstance(source.data.get("review"), dict):
        raise PlaybookError(f"{source.rel}: has no valid review block to update; run `playbook check`")
    last = source.data["review"].get("last_reviewed")
    if isinstance(last, str) and last > today.isoformat():
        raise PlaybookError(f"{source.rel}: last_reviewed ({last}) is after --today ({today})")
    raw = source.path.read_bytes().decode("utf-8")
    crlf = "\r\n" in raw  # keep the file's line endings (read_text would turn CRLF into LF)
    original = raw.replace("\r\n", "\n")
    updated = _edit(original, by, note, today)
    _only_review_changed(source.rel, original, updated)
    atomic.replace_file(source.path, updated.replace("\n", "\r\n") if crlf else updated)
    diff = "".join(difflib.unified_diff(original.splitlines(True), updated.splitlines(True),
                                        fromfile=source.rel, tofile=source.rel))
    return source.path, diff


def _only_review_changed(rel: str, original: str, updated: str) -> None:
    """Refuse to write if re-serialising would touch lines other than the review's."""
    removed = [line for line in difflib.ndiff(original.splitlines(), updated.splitlines())
               if line.startswith("- ")]
    unexpected = [line for line in removed
                  if not re.match(r"-\s+(last_reviewed:|history:\s*(\[\])?\s*$)", line)]
    if unexpected:
        raise PlaybookError(f"{rel}: recording the sign-off would reformat other lines "
                            f"(first: {unexpected[0][2:].strip()!r}); not changing the file. Update "
                            f"review.last_reviewed and review.history by hand.")


def _contact_ids(result: core.Result) -> list[str]:
    data = result.content.data("contacts")
    return [c.get("id") for c in data.get("contacts") or () if isinstance(c, dict)]


def _edit(text: str, by: str, note: str, today: date) -> str:
    yaml = _yaml(text)
    document = yaml.load(text)
    review = document["review"]
    review["last_reviewed"] = DoubleQuotedScalarString(today.isoformat())
    entry = CommentedMap()
    entry["date"] = DoubleQuotedScalarString(today.isoformat())
    entry["by"] = by
    if note:
        entry["note"] = note
    if "history" not in review or review["history"] is None:
        review["history"] = CommentedSeq()
    review["history"].append(entry)
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()
