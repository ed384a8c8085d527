"""The offline copies `playbook build` publishes under downloads/: bundle and binder."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from ..model import Project
from .html import DOWNLOADS


def offline_files(project: Project, generated: date, paper: str = "a4",
                  binder: bool = True, cache: Path | None = None) -> dict[str, bytes]:
    """downloads/runbook.html (one self-contained file) and downloads/runbook.pdf (the binder).

    Without ``binder`` (live preview), runbook.pdf is a one-page note saying how
    to get the binder, so its link never leads nowhere. ``cache``: the folder of
    binder parts laid out before (see caching.binder).
    """
    from .binder import render_binder
    from .binder_notice import notice_pdf
    from .bundle import render_bundle_bytes

    files = {DOWNLOADS["bundle"]: render_bundle_bytes(project, generated)}
    files[DOWNLOADS["binder"]] = render_binder(project, generated, paper, cache) if binder else notice_pdf(paper)
    return files
