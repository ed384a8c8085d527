"""Reporters: the same problems as text, JSON, GitHub annotations or GitLab Code Quality."""
from __future__ import annotations

import hashlib
import json
from typing import Callable, Iterable

from ..problems import ERROR, WARNING, Problem

GITHUB_ANNOTATION_CAP = 10


def summary(problems: list[Problem], files: int) -> str:
    errors = sum(p.level == ERROR for p in problems)
    warnings = sum(p.level == WARNING for p in problems)
    if not errors and not warnings:
        return f"All {files} content files are valid."
    parts = [f"{errors} error{'s' * (errors != 1)}", f"{warnings} warning{'s' * (warnings != 1)}"]
    verdict = "fix the errors above" if errors else "no errors"
    return f"{', '.join(parts)} in {files} content files ({verdict})."


def text(problems: list[Problem], files: int) -> str:
    lines = []
    for p in problems:
        lines.append(f"{p.location}: {p.level}: {p.message} [{p.code}]")
        if p.hint:
            lines.append(f"    fix: {p.hint}")
    lines.append(summary(problems, files))
    return "\n".join(lines)


def as_json(problems: list[Problem], files: int) -> str:
    return json.dumps([p.as_dict() for p in problems], indent=2)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_annotation(p: Problem) -> str:
    command = "error" if p.level == ERROR else "warning"
    props = [f"file={_escape_property(p.file)}"]
    if p.line:
        props += [f"line={p.line}", f"col={p.column}"]
    props.append(f"title={_escape_property(p.code)}")
    body = p.message + (f"\nfix: {p.hint}" if p.hint else "")
    return f"::{command} {','.join(props)}::{_escape_data(body)}"


def github(problems: list[Problem], files: int, write_summary: Callable[[str], None] | None = None) -> str:
    """Annotate the first ten problems per level; the full list goes to the job summary.

    GitHub shows at most ten annotations of each level per step, so the rest
    would silently vanish without the summary.
    """
    shown: dict[str, int] = {ERROR: 0, WARNING: 0}
    lines = []
    for p in problems:
        if shown[p.level] < GITHUB_ANNOTATION_CAP:
            lines.append(github_annotation(p))
            shown[p.level] += 1
    hidden = len(problems) - sum(shown.values())
    if hidden:
        lines.append(f"{hidden} more problems are not annotated (GitHub shows ten per level); "
                     f"see the job summary for the full list.")
    if write_summary is not None and problems:
        write_summary(markdown_table(problems, files))
    lines.append(summary(problems, files))
    return "\n".join(lines)


def markdown_table(problems: Iterable[Problem], files: int) -> str:
    problems = list(problems)
    rows = ["## playbook check", "", summary(problems, files), "",
            "| Location | Level | Problem | How to fix |", "|---|---|---|---|"]
    for p in problems:
        cells = [p.location, p.level, f"{p.message} `{p.code}`", p.hint]
        rows.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    return "\n".join(rows) + "\n"


def gitlab(problems: list[Problem], files: int) -> str:
    """GitLab Code Quality report; fingerprints are unique even for repeated messages."""
    seen: dict[str, int] = {}
    items = []
    for p in problems:
        base = f"{p.file}:{p.code}:{p.message}"
        seen[base] = seen.get(base, 0) + 1
        fingerprint = hashlib.sha256(f"{base}:{seen[base]}".encode()).hexdigest()
        items.append({
            "description": p.message + (f" (fix: {p.hint})" if p.hint else ""),
            "check_name": p.code,
            "fingerprint": fingerprint,
            "severity": "major" if p.level == ERROR else "minor",
            "location": {"path": p.file, "lines": {"begin": p.line or 1}},
        })
    return json.dumps(items, indent=2)


FORMATS = {"text": text, "json": as_json, "github": github, "gitlab": gitlab}
