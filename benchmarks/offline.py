"""Size and build time of the one-file bundle and the binder for N synthetic playbooks.

    python benchmarks/offline.py 1000

Runs `playbook bundle` and `playbook binder` in fresh processes on content from
generate.py, and reports wall time, CPU time (user + system; on a shared machine
the steadier figure), peak memory, file size and the load average; the binder
runs without a cache, then filling an empty one (PLAYBOOK_CACHE_DIR), then warm,
then after one playbook's step is edited. Then it opens the bundle in
Debian's chromium from file:// (network refused) and times loading it, a search,
and opening a playbook.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

TODAY = "2026-11-22"


def run(args: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float, float]:
    """(wall s, cpu s, max RSS MB) of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, **(env or {})})
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args)} failed: {proc.stderr.read().decode()[-2000:]}")
    proc.stderr.close()
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def browser_timings(bundle: Path, query: str) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 390, "height": 844})
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
                      else route.abort())
        page = context.new_page()
        start = time.perf_counter()
        page.goto(bundle.as_uri())
        page.wait_for_selector("#s-home:not([hidden])")
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        page.fill("#q", query)
        page.wait_for_selector("#hits a")
        searched = time.perf_counter() - start
        start = time.perf_counter()
        page.click("#hits a >> nth=0")
        page.wait_for_selector("#playbook li.step")
        opened = time.perf_counter() - start
        browser.close()
    return {"load": loaded, "first search": searched, "open playbook": opened}


def edit_one_playbook(repo: Path) -> None:
    """Change the text of one step of the middle playbook (its page count stays)."""
    files = sorted((repo / "content" / "playbooks").glob("pb-*.yaml"))
    path = files[len(files) // 2]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("(immediate 1)", "(immediate 1, edited)", 1), encoding="utf-8")


def main(counts: list[int]) -> None:
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            repo = generate(count, Path(tmp) / "repo")
            out = Path(tmp)
            cache = {"PLAYBOOK_CACHE_DIR": str(out / "cache")}
            runs = [("bundle", "runbook.html", {}, None),
                    ("binder", "runbook.pdf", {"PLAYBOOK_NO_CACHE": "1"}, "cold, no cache"),
                    ("binder", "runbook.pdf", cache, "cold, filling the cache"),
                    ("binder", "runbook.pdf", cache, "warm, unchanged content"),
                    ("binder", "runbook.pdf", cache, "one playbook edited")]
            if count > 100:  # filling an empty cache costs the same layout; at 1,000 it takes minutes
                runs = [r for r in runs if r[3] != "cold, no cache"]
            for kind, name, env, label in runs:
                if label == "one playbook edited":
                    edit_one_playbook(repo)
                load = os.getloadavg()[0]
                wall, cpu, rss = run(["playbook", kind, "--root", str(repo), "--today", TODAY,
                                      "--out", str(out / name)], repo, env)
                size = (out / name).stat().st_size / 1024 / 1024
                print(f"N={count} {kind}{f' ({label})' if label else ''}: {wall:.1f} s wall, {cpu:.1f} s CPU, "
                      f"{rss:.0f} MB peak, {size:.2f} MB, load average {load:.2f} before", flush=True)
            pages = subprocess.run(["pdfinfo", str(out / "runbook.pdf")], capture_output=True, text=True).stdout
            print(f"N={count} binder pages: {[l for l in pages.splitlines() if l.startswith('Pages')]}")
            timings = browser_timings(out / "runbook.html", "checkout service latency above 2 seconds")
            print(f"N={count} bundle in chromium: " + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in timings.items()),
                  flush=True)


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1000])
