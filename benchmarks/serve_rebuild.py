"""CPU time of one incremental `playbook serve` rebuild, in process, optionally profiled.

    python benchmarks/generate.py 1000 /tmp/bench-1000 --cards
    python benchmarks/serve_rebuild.py /tmp/bench-1000 --edits 4 [--profile out.txt]

Runs the build sequence of `mkdocs serve --dirty` (startup event with dirty=True,
a fresh configuration for every build, one site directory), then appends a
marker to one step of one playbook before each further build and prints the wall
and CPU time of each rebuild and whether the page shows the marker. With
--profile the last rebuild is profiled with pyinstrument.
"""
from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

SERVE_URL = "http://127.0.0.1:8000/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("repo", type=Path)
    parser.add_argument("--edits", type=int, default=4)
    parser.add_argument("--profile", type=Path, help="write a pyinstrument profile of the last rebuild here")
    args = parser.parse_args()
    os.environ.setdefault("PLAYBOOK_TODAY", "2026-11-22")
    os.chdir(args.repo)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = tempfile.mkdtemp(prefix="serve-rebuild-")

    def config():
        loaded = load_config(config_file=str(args.repo / "mkdocs.yml"), site_dir=site_dir)
        loaded.site_url = SERVE_URL
        return loaded

    first = config()
    first.plugins.on_startup(command="serve", dirty=True)
    start = time.perf_counter()
    build(first, serve_url=SERVE_URL, dirty=True)
    print(f"first build {time.perf_counter() - start:.1f} s")
    path = args.repo / "content" / "playbooks" / "pb-00007.yaml"
    for number in range(args.edits):
        marker = f"rebuild-marker-{number}-{time.time_ns()}"
        path.write_text(path.read_text().replace("(immediate 1)", f"(immediate 1) {marker}", 1))
        profiler = None
        if args.profile and number == args.edits - 1:
            from pyinstrument import Profiler
            profiler = Profiler(interval=0.002)
            profiler.start()
        cpu, wall = time.process_time(), time.perf_counter()
        build(config(), serve_url=SERVE_URL, dirty=True)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if profiler is not None:
            profiler.stop()
            args.profile.write_text(profiler.output_text(unicode=False))
        shown = marker in Path(site_dir, "playbooks", "pb-00007.html").read_text()
        print(f"edit {number + 1}: {wall:.2f} s wall, {cpu:.2f} s CPU, page shows the edit: {shown}")


if __name__ == "__main__":
    main()
