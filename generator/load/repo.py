"""Where the repository is: its root (found like git finds .git) and its CI work tree."""
from __future__ import annotations

import os
from pathlib import Path

MARKERS = ("mkdocs.yml", "content")


def find_root(start: Path) -> Path:
    """The nearest directory at or above ``start`` holding mkdocs.yml or content/.

    The walk stops at the git work tree's top, so a runbook repository never
    picks up an unrelated content/ above it. Nothing found: ``start`` itself,
    and the command says there is no content there.
    """
    start = start.resolve()
    for directory in (start, *start.parents):
        if (directory / "mkdocs.yml").is_file() or (directory / "content").is_dir():
            return directory
        if (directory / ".git").exists():
            break
    return start


def work_tree(start: Path) -> Path | None:
    """The top of the git work tree holding ``start``, if any."""
    start = start.resolve()
    for directory in (start, *start.parents):
        if (directory / ".git").exists():
            return directory
    return None


def ci_prefix(root: Path, env_var: str) -> str:
    """How to prefix root-relative paths so CI finds the file (monorepos: --root sub).

    Relative to ``$env_var`` (GITHUB_WORKSPACE, CI_PROJECT_DIR) when set and
    holding the root, else to the git work tree, else nothing.
    """
    root = root.resolve()
    candidates = [os.environ.get(env_var), work_tree(root)]
    for base in candidates:
        if not base:
            continue
        try:
            rel = root.relative_to(Path(base).resolve()).as_posix()
        except ValueError:
            continue
        return "" if rel == "." else rel + "/"
    return ""
