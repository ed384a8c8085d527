"""Post-mortem files: Markdown with YAML front matter, read with the strict loader."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..problems import Problem
from .yamlio import MAX_BYTES, Source, parse_text

HINT = "start the file with a line '---', the YAML facts, then another line '---'"


def split(text: str) -> tuple[str, str] | None:
    """(front matter, body) or None when the text has no front matter block."""
    if not text.startswith("---\n") and not text.startswith("---\r\n"):
        return None
    lines = text.splitlines(keepends=True)
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n") in ("---", "..."):
            return "".join(lines[1:index]), "".join(lines[index + 1:])
    return None


def read_markdown(path: Path, rel: str, root: Path | None = None) -> tuple[Source, list[Problem]]:
    """Read one post-mortem; problems come back as values, positioned in the .md file."""
    from .safe_read import Refused, read_bounded

    source = Source(path=path, rel=rel, line_offset=1)
    try:
        text = read_bounded(path, root, MAX_BYTES).decode("utf-8")
    except UnicodeDecodeError:
        return source, [Problem(rel, "encoding", "file is not valid UTF-8 text", line=1, column=1,
                                hint="save the file as UTF-8")]
    except Refused as refused:
        return source, [Problem(rel, refused.code, refused.message, line=1, column=1, hint=refused.hint)]
    parts = split(text)
    if parts is None:
        return source, [Problem(rel, "no-front-matter", "no YAML front matter at the top", line=1,
                                column=1, hint=HINT)]
    source.text, source.body = parts
    data, problems = parse_text(rel, source.text)
    problems = [replace(p, line=p.line + 1) if p.line else p for p in problems]
    if data is not None and not isinstance(data, dict):
        problems.append(Problem(rel, "wrong-type", "front matter must be a mapping of key: value",
                                line=2, column=1, hint=HINT))
        data = None
    source.data, source.ok = data, data is not None and not problems
    return source, problems
