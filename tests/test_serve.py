"""`playbook serve` previews the site and rebuilds when a YAML file changes."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


@pytest.mark.slow
def test_serve_rebuilds_when_content_changes(repo: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/playbooks/site-slow.html"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [sys.executable, "-c", "from generator.cli import run; run()", "serve", "--root", str(repo),
         "--today", "2026-11-10", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=repo, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        assert wait_for(lambda: (fetch(url) or "").find("Site slow") > 0, 90), "serve did not come up"
        binder = f"http://127.0.0.1:{port}/downloads/runbook.pdf"  # linked from the home page: never a 404
        with urllib.request.urlopen(binder, timeout=5) as response:
            assert response.read().startswith(b"%PDF") and "pdf" in response.headers["Content-Type"]
        playbook = repo / "content" / "playbooks" / "site-slow.yaml"
        playbook.write_text(playbook.read_text().replace("title: Site slow", "title: Site crawling"))
        assert wait_for(lambda: "Site crawling" in (fetch(url) or ""), 90), "no rebuild after the edit"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
