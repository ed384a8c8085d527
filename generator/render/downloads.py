"""The offline copies `playbook build` publishes under downloads/: bundle and binder."""
from __future__ import annotations

from datetime import date

from ..model import Project
from .html import DOWNLOADS


def offline_files(project: Project, generated: date, paper: str = "a4",
                  binder: bool = True) -> dict[str, bytes]:
    """downloads/runbook.html (one self-contained file) and downloads/runbook.pdf (the binder)."""
    from .binder import render_binder
    from .bundle import render_bundle

    files = {DOWNLOADS["bundle"]: render_bundle(project, generated).encode("utf-8")}
    if binder:
        files[DOWNLOADS["binder"]] = render_binder(project, generated, paper)
    return files
