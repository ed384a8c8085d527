"""`playbook serve` on broken content: its address, the check report in the terminal and
on the page (no hanging browser), a rebuild once fixed, and postmortems/ watched."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from .test_serve import fetch, free_port, wait_for


@pytest.mark.slow
def test_serve_shows_the_report_then_the_site_once_fixed(repo: Path, tmp_path: Path) -> None:
    playbook = repo / "content" / "playbooks" / "site-slow.yaml"
    fixed = playbook.read_text()
    playbook.write_text(fixed.replace("severity: P2", "severity: P9", 1))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "serve.log"
    with log.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-c", "from generator.cli import run; run()", "serve", "--today", "2026-11-10",
             "--dev-addr", f"127.0.0.1:{port}"],
            cwd=repo / "content", env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True)
    try:
        assert wait_for(lambda: "Content has errors" in (fetch(f"{base}/") or ""), 120), log.read_text()
        page = fetch(f"{base}/") or ""
        assert "content/playbooks/site-slow.yaml:12:11" in page and "&#x27;P9&#x27;" in page
        output = log.read_text()
        assert f"Serving on {base}/" in output
        assert "severity: 'P9' is not one of P0, P1, P2, P3 [unknown-ref]" in output
        playbook.write_text(fixed)
        assert wait_for(lambda: "Site slow" in (fetch(f"{base}/playbooks/site-slow.html") or ""), 120)
        postmortem = repo / "postmortems" / "2026-11-02-stripe-webhook-backlog.md"
        postmortem.write_text(postmortem.read_text().replace("title: ", "title: Renamed ", 1))
        assert wait_for(lambda: "Renamed " in (fetch(f"{base}/incidents.html") or ""), 120), "postmortems/ not watched"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
