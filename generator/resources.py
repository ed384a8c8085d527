"""Data files shipped inside the package, found through importlib.resources only.

Never a path next to site-packages: an unrelated distribution that installs a
top-level ``schemas/`` must not change what this package validates against.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

from .problems import PlaybookError

PACKAGE = __name__.rsplit(".", 1)[0]


def _directory(name: str) -> Path:
    found = resources.files(PACKAGE) / name
    path = Path(str(found))
    if not path.is_dir():
        raise PlaybookError(f"the installed package has no {name}/ folder ({found}); reinstall "
                            f"incident-playbooks from its wheel (it must not be run from a zip file)")
    return path


def schemas_dir() -> Path:
    """The JSON Schemas this version validates against."""
    return _directory("schemas")


def theme_dir() -> Path:
    """Theme overrides, CSS, JS and vendored assets the MkDocs plugin layers in."""
    return _directory("theme")


def schema_texts() -> dict[str, str]:
    """Each schema file's name and exact text, as installed."""
    folder = schemas_dir()
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.schema.json"))}
