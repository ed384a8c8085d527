"""Find the content files of a repository and read them all, errors as values."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from ..problems import Problem, UsageError
from .yamlio import Source, read_source

SINGLETONS = ("organization", "severities", "contacts", "escalation", "roles", "process",
              "templates", "postmortem")
FOLDERS = {"playbooks": "playbook", "cards": "card"}
REQUIRED = ("organization", "severities", "contacts")
POSTMORTEMS = "postmortems"


@dataclass
class Content:
    """Every content file read from one repository, by kind."""

    root: Path
    content_dir: Path
    singletons: dict[str, Source] = field(default_factory=dict)
    playbooks: list[Source] = field(default_factory=list)
    cards: list[Source] = field(default_factory=list)
    incidents: list[Source] = field(default_factory=list)  # postmortems/*.md

    def all_sources(self) -> Iterator[tuple[str, Source]]:
        for kind, source in self.singletons.items():
            yield kind, source
        for source in self.playbooks:
            yield "playbook", source
        for source in self.cards:
            yield "card", source
        for source in self.incidents:
            yield "incident", source

    def by_rel(self) -> dict[str, Source]:
        return {source.rel: source for _, source in self.all_sources()}

    def data(self, kind: str) -> dict:
        source = self.singletons.get(kind)
        return source.data if source is not None and isinstance(source.data, dict) else {}


def relative(path: Path, root: Path) -> str:
    full, top = os.path.abspath(path), os.path.abspath(root)  # as committed, not where a link points
    if full.startswith(top.rstrip(os.sep) + os.sep):  # string work: a Path per file was slow at scale
        return full[len(top.rstrip(os.sep)) + 1:].replace(os.sep, "/")
    try:
        return Path(full).relative_to(top).as_posix()
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def kind_of(path: Path, content_dir: Path) -> str | None:
    """The document kind a file holds, from where it sits under content/."""
    try:
        parts = Path(os.path.abspath(path)).relative_to(os.path.abspath(content_dir)).parts
    except ValueError:
        return None
    if len(parts) == 1 and path.stem in SINGLETONS:
        return path.stem
    if len(parts) == 2 and parts[0] in FOLDERS:
        return FOLDERS[parts[0]]
    return None


def discover(content_dir: Path) -> list[Path]:
    """All YAML files under content/, in a stable order."""
    # symlinks too: read_source refuses those pointing outside the repository or at devices
    files = [p for p in content_dir.rglob("*") if p.suffix in (".yaml", ".yml")
             and (p.is_symlink() or p.is_file())]
    return sorted(files)


def read_content(root: Path, content_dir: Path | None = None) -> tuple[Content, list[Problem]]:
    """Read every content file; a broken file is a problem, never an exception."""
    content_dir = content_dir or root / "content"
    if not content_dir.is_dir():
        raise UsageError(f"{relative(content_dir, root)}: no content directory here. Run playbook "
                         f"from the repository root, or pass --root DIR.")
    from ..caching.parse import open_for
    from .safe_read import forget_folders

    forget_folders()
    content = Content(root=root, content_dir=content_dir)
    problems: list[Problem] = []
    parsed = open_for(root)
    for path in discover(content_dir):
        rel = relative(path, root)
        kind = kind_of(path, content_dir)
        if kind is None:
            problems.append(Problem(rel, "unknown-file", "not a known content file",
                                    hint=_placement_hint(), level="warning"))
            continue
        source, found = read_source(path, rel, root, parsed)
        problems.extend(found)
        _place(content, kind, source)
    parsed.save()
    problems.extend(_missing(content, root))
    problems.extend(_read_postmortems(content, root / POSTMORTEMS))
    return content, problems


def _read_postmortems(content: Content, folder: Path) -> Iterable[Problem]:
    from .frontmatter import read_markdown

    if not folder.is_dir():
        return []
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        source, found = read_markdown(path, relative(path, content.root), content.root)
        content.incidents.append(source)
        problems.extend(found)
    return problems


def _place(content: Content, kind: str, source: Source) -> None:
    if kind == "playbook":
        content.playbooks.append(source)
    elif kind == "card":
        content.cards.append(source)
    else:
        content.singletons[kind] = source


def _placement_hint() -> str:
    names = ", ".join(f"{name}.yaml" for name in SINGLETONS)
    return f"content/ holds {names}, playbooks/<id>.yaml and cards/<id>.yaml"


def _missing(content: Content, root: Path) -> Iterable[Problem]:
    for kind in REQUIRED:
        if kind not in content.singletons:
            rel = relative(content.content_dir / f"{kind}.yaml", root)
            yield Problem(rel, "missing-file", f"{kind}.yaml is missing",
                          hint=f"create it; see schemas/{kind}.schema.json for its keys")


def document_id(kind: str, source) -> str:
    """How commands name a document: a playbook's id, else its kind (cards: cards/<id>)."""
    data = source.data if isinstance(source.data, dict) else {}
    if kind == "playbook":
        return str(data.get("id") or Path(source.rel).stem)
    if kind == "card":
        return f"cards/{data.get('id') or Path(source.rel).stem}"
    return kind

