"""The repository's copy of the JSON Schemas: written by init and `playbook schemas`,
compared with the installed ones by `playbook check` (editors read the copy)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from . import atomic, resources
from .problems import WARNING, Problem, UsageError

SCHEMAS = "schemas"
REFRESH = "run `playbook schemas --out schemas` to refresh them from the installed version"


def write_schemas(out: Path) -> list[str]:
    """Write (or refresh) every installed schema into ``out``; the names that changed.

    Only files named like an installed schema are replaced; anything else in
    ``out`` is left alone.
    """
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: exists and is not a directory")
    out.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in resources.schema_texts().items():
        path = out / name
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        if path.exists() and not path.is_file():
            raise UsageError(f"{path}: exists and is not a file; not replacing it")
        if path.is_file():
            atomic.replace_file(path, text)
        else:
            atomic.write_new(path, text)
        changed.append(name)
    return changed


def check_drift(root: Path) -> Iterator[Problem]:
    """Warn when the repository's schemas/ is not what this version validates against."""
    folder = root / SCHEMAS
    if not folder.is_dir() or folder.resolve() == resources.schemas_dir().resolve():
        return
    for name, text in resources.schema_texts().items():
        path = folder / name
        try:
            same = path.read_text(encoding="utf-8") == text
        except (OSError, UnicodeDecodeError):
            same = False
        if not same:
            state = "differs from" if path.exists() else "is missing, unlike"
            yield Problem(f"{SCHEMAS}/{name}", "schemas-outdated",
                          f"{state} the schema installed with this version of playbook, so editors "
                          f"check against other rules than `playbook check`", level=WARNING, hint=REFRESH)
