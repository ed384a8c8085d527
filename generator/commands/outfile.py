"""Write one generated file (the bundle, the binder) without clobbering anyone's file."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..problems import UsageError


def _ours(path: Path, marker: bytes) -> bool:
    """Whether ``path`` carries the marker this tool writes into every file it makes."""
    with open(path, "rb") as handle:
        return marker in handle.read()


def write_generated(path: Path, data: bytes, marker: bytes) -> None:
    """Write ``data`` to ``path`` atomically; an existing file is replaced only if we made it."""
    if path.is_dir():
        raise UsageError(f"{path}: is a directory; give a file name, e.g. {path / 'runbook.html'}")
    if path.exists() and not _ours(path, marker):
        raise UsageError(f"{path}: exists and was not written by playbook; not overwriting it. "
                         f"Choose another --out or remove the file first.")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
