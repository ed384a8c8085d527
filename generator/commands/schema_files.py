"""The repository's copy of the JSON Schemas, written by init and `playbook schemas`
(validate/drift.py compares it with the installed ones)."""
from __future__ import annotations

from pathlib import Path
from .. import resources
from ..problems import UsageError
from . import atomic


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
