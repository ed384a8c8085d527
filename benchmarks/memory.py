"""Where a build's memory goes: resident size at each phase of one `playbook build` or plain build.

    python benchmarks/memory.py DIR [--plain CONFIG] [--stub-binder] [--tracemalloc N]

Runs the build in this process and prints VmRSS and VmHWM (the peak so far, from
/proc/self/status) after content is prepared, after the files event, after MkDocs
has converted every page (the env event), after every page is written and at the end.
With --tracemalloc N, the N largest allocation sites at the env event (slow: several
times the build's time).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

TODAY = "2026-11-22"


def status() -> str:
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    rss, hwm = (int(fields[k].split()[0]) / 1024 for k in ("VmRSS", "VmHWM"))
    return f"rss {rss:7.1f} MB  peak {hwm:7.1f} MB  cpu {time.process_time():7.1f} s"


def report(label: str) -> None:
    print(f"{label:<28} {status()}", file=sys.stderr, flush=True)


def instrument(top: int) -> None:
    import mkdocs.commands.build as build
    from mkdocs.plugins import PluginCollection

    original_env, original_post = PluginCollection.on_env, PluginCollection.on_post_build

    def on_env(self, *args, **kwargs):
        report("pages converted (env)")
        if top:
            import tracemalloc
            for stat in tracemalloc.take_snapshot().statistics("lineno")[:top]:
                print(f"  {stat.size / 2**20:8.1f} MB {stat.count:9d} {stat.traceback}", file=sys.stderr)
        return original_env(self, *args, **kwargs)

    def on_post_build(self, *args, **kwargs):
        report("pages written (post_build)")
        return original_post(self, *args, **kwargs)

    PluginCollection.on_env, PluginCollection.on_post_build = on_env, on_post_build
    original_files = PluginCollection.on_files

    def on_files(self, *args, **kwargs):
        result = original_files(self, *args, **kwargs)
        report("files added (files)")
        return result

    PluginCollection.on_files = on_files
    del build


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("repo", type=Path)
    parser.add_argument("--plain", help="a plain mkdocs config (no playbooks plugin) to build instead")
    parser.add_argument("--stub-binder", action="store_true")
    parser.add_argument("--tracemalloc", type=int, default=0, metavar="N")
    args = parser.parse_args()
    os.chdir(args.repo)
    if args.tracemalloc:
        import tracemalloc
        tracemalloc.start()
    report("start")
    instrument(args.tracemalloc)
    if args.plain:
        import logging
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        logging.basicConfig(level=logging.WARNING)
        build(load_config(args.plain, strict=True))
    else:
        if args.stub_binder:
            from generator.render import binder
            binder.render_binder = lambda *a, **k: b"%PDF-1.4\n% binder left out\n"
        from generator.commands import site as site_module
        original = site_module.prepare

        def prepare(*a, **k):
            report("before prepare")
            result = original(*a, **k)
            report("content prepared")
            return result

        site_module.prepare = prepare
        from generator.cli import run
        sys.argv = ["playbook", "build", "--today", TODAY]
        try:
            run()
        except SystemExit as stop:
            if stop.code:
                raise
    report("end")


if __name__ == "__main__":
    main()
