"""Benchmarks, paired in one run, for N synthetic playbooks plus the example's desk cards.

    python benchmarks/run.py 1000 --pairs 5 > benchmarks/results.md
    python benchmarks/run.py 1000 --pairs 5 --checks-only   # the check commands only

The repository is the one CI checks: N generated playbooks on top of the
example content, its playbooks and its two desk cards (generate.py --cards).
For each N, commands run in fresh processes, each candidate alternated with
its anchor in the same loop (--pairs times), and the median of each is
reported with the load average:

- `playbook check` (warm caches, as on a developer's machine) and
  `PLAYBOOK_NO_CACHE=1 playbook check` (cold, as on a fresh CI runner) against
  the floor: parsing the same YAML files with libyaml's CSafeLoader;
- `playbook build` against a plain `mkdocs build --strict` of the same pages
  written by `playbook export-docs` (same theme, extensions, assets, nav).
  `playbook build` also lays out the binder (a PDF of every playbook, minutes
  of WeasyPrint at 1,000; issue 15 caches it), which plain MkDocs has no
  counterpart for, so the build is measured twice: as it is ("build"), and
  with the binder replaced by a one-line stub ("site": benchmark only, the
  rest of the build unchanged); --no-binder-build skips the former;
- with --jsonschema, check-jsonschema on the playbook files (slow);
- peak memory (max RSS of the process, from wait4) of each.
"""
from __future__ import annotations

import argparse
import os
import statistics
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import REPO, generate  # noqa: E402

TODAY = "2026-11-22"


@dataclass
class Measure:
    seconds: float      # median wall time
    samples: tuple
    max_rss_mb: float
    ok: bool
    cpu: float = 0.0    # median CPU time (user + system) of the process


def once(args: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float, bool, float]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.stderr.close()
    return (elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status) == 0,
            usage.ru_utime + usage.ru_stime)


def paired(commands: dict[str, tuple[list[str], dict]], cwd: Path, pairs: int) -> dict[str, Measure]:
    """Run the commands alternately, ``pairs`` rounds; the median of each."""
    runs: dict[str, list] = {name: [] for name in commands}
    for _ in range(pairs):
        for name, (args, env) in commands.items():
            runs[name].append(once(args, cwd, env))
    return {name: Measure(statistics.median(r[0] for r in rs), tuple(r[0] for r in rs),
                          max(r[1] for r in rs), all(r[2] for r in rs), statistics.median(r[3] for r in rs))
            for name, rs in runs.items()}


# `playbook build` with the binder's layout replaced by a stub PDF (benchmark only).
SITE_ONLY = ("import sys\n"
             "from generator.render import binder\n"
             "binder.render_binder = lambda *args, **kwargs: b'%PDF-1.4\\n% binder left out\\n'\n"
             "from generator.cli import run\n"
             "sys.argv = ['playbook', *sys.argv[1:]]\n"
             "run()\n")


FLOOR = ("import sys, yaml, pathlib\n"
         "for p in sorted(pathlib.Path('content').rglob('*.yaml')):\n"
         "    yaml.load(p.read_text(), Loader=yaml.CSafeLoader)\n")


def plain_mkdocs_config(repo: Path, export: Path) -> Path:
    """The same site without the playbooks plugin: theme, extensions, assets and nav."""
    from generator.commands import site as site_module
    from datetime import date

    prepared = site_module.prepare(repo, date.fromisoformat(TODAY), content_dir=repo / "content")
    from generator import resources
    from generator.render import look

    shutil.copytree(resources.theme_dir() / "assets", export / "assets", dirs_exist_ok=True)
    config = yaml.safe_load((repo / "mkdocs.yml").read_text())
    # What the plugin would add (generator/look.py), spelled out for plain MkDocs.
    config["plugins"] = [p for p in config["plugins"] if p != "playbooks"] + [
        {"search": {"separator": look.SEARCH_SEPARATOR}}, "offline"]
    config["markdown_extensions"] = [{name: opts} if opts else name
                                     for name, opts in look.MARKDOWN_EXTENSIONS.items()]
    config["theme"].update(font=False, features=list(look.FEATURES))
    config.update(extra_css=[look.CSS], extra_javascript=[look.JAVASCRIPT],
                  extra={"polyfills": [look.POLYFILL], "generator": False})
    config.update(docs_dir=str(export), site_dir=str(repo / "plain-site"), nav=prepared.nav,
                  site_name=prepared.project.organization.name)
    path = repo / "mkdocs-plain.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


def bench(count: int, pairs: int, build_pairs: int, work: Path, jsonschema: bool,
          with_binder: bool = True, checks_only: bool = False) -> dict:
    repo = generate(count, work / f"repo-{count}", cards=True)
    out: dict = {"n": count}
    once(["playbook", "check", "--today", TODAY], repo)  # warms the caches
    checks = {"floor": ([sys.executable, "-c", FLOOR], {}),
              "check": (["playbook", "check", "--today", TODAY], {}),
              "check_cold": (["playbook", "check", "--today", TODAY], {"PLAYBOOK_NO_CACHE": "1"})}
    if jsonschema:
        playbooks = sorted(str(p) for p in (repo / "content" / "playbooks").glob("*.yaml"))
        checks["check_jsonschema"] = (["check-jsonschema", "--schemafile",
                                       str(repo / "schemas" / "playbook.schema.json"), *playbooks], {})
    out.update(paired(checks, repo, pairs))
    out["load_check"] = os.getloadavg()[0]
    if checks_only:
        shutil.rmtree(repo)
        return out
    export = repo / "exported"
    once(["playbook", "export-docs", str(export), "--today", TODAY], repo)
    config = plain_mkdocs_config(repo, export)
    builds = {"mkdocs": (["mkdocs", "build", "--strict", "-q", "-f", str(config)], {}),
              "site": ([sys.executable, "-c", SITE_ONLY, "build", "--today", TODAY], {})}
    if with_binder:
        builds["build"] = (["playbook", "build", "--today", TODAY], {})
    # The first build converts every page (and fills the converted-HTML cache); the paired
    # builds are the warm ones, as on a developer's machine. Printed, not in the medians.
    first = once(builds["site"][0], repo)
    print(f"N={count}: first site build (converted-HTML cache empty): {first[0]:.2f} s, "
          f"{first[3]:.1f} s CPU, {first[1]:.0f} MB", file=sys.stderr, flush=True)
    out.update(paired(builds, repo, build_pairs))
    out["load_build"] = os.getloadavg()[0]
    out["site_mb"] = sum(p.stat().st_size for p in (repo / "site").rglob("*") if p.is_file()) / 2**20
    index = repo / "site" / "search" / "search_index.json"
    out["index_mb"] = index.stat().st_size / 2**20 if index.exists() else 0.0
    shutil.rmtree(repo)
    return out


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB RAM, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def _cell(m: Measure) -> str:
    flag = "" if m.ok else " (failed)"
    return f"{m.seconds:.2f} s ({m.cpu:.1f} s CPU), {m.max_rss_mb:.0f} MB{flag}"


def report(rows: list[dict], pairs: int, build_pairs: int) -> str:
    lines = [f"Machine: {machine()}", f"Medians of {pairs} alternated runs (builds: {build_pairs}).", "",
             "| N | floor: CSafeLoader | check (warm) | check (cold) | check / floor | load |",
             "|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['n']:,} | {_cell(r['floor'])} | {_cell(r['check'])} | {_cell(r['check_cold'])} | "
                     f"{r['check'].seconds / r['floor'].seconds:.2f}x warm, "
                     f"{r['check_cold'].seconds / r['floor'].seconds:.2f}x cold | {r['load_check']:.1f} |")
    if any("mkdocs" in r for r in rows):
        lines += ["", "| N | plain mkdocs build | playbook build, binder stubbed | site / plain (wall, CPU) "
                  "| playbook build with the binder | build / plain | site | search index | load |",
                  "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in (r for r in rows if "mkdocs" in r):
        full = r.get("build")
        lines.append(f"| {r['n']:,} | {_cell(r['mkdocs'])} | {_cell(r['site'])} | "
                     f"{r['site'].seconds / r['mkdocs'].seconds:.2f}x, {r['site'].cpu / r['mkdocs'].cpu:.2f}x | "
                     + (f"{_cell(full)} | {full.seconds / r['mkdocs'].seconds:.2f}x" if full else "not run | ")
                     + f" | {r['site_mb']:.0f} MB | {r['index_mb']:.1f} MB | {r['load_build']:.1f} |")
    if any("check_jsonschema" in r for r in rows):
        lines += ["", "| N | check-jsonschema (schema only) |", "|---:|---:|"]
        lines += [f"| {r['n']:,} | {_cell(r['check_jsonschema'])} |" for r in rows if "check_jsonschema" in r]
    lines += ["", "Samples (s): " + "; ".join(
        f"N={r['n']} {name} " + "/".join(f"{x:.2f}" for x in r[name].samples)
        for r in rows for name in ("floor", "check", "check_cold", "mkdocs", "site", "build") if name in r)]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[1000])
    parser.add_argument("--pairs", type=int, default=5, help="alternated runs of each check command")
    parser.add_argument("--build-pairs", type=int, default=None, help="of each build (default: --pairs; 1 at 5,000)")
    parser.add_argument("--jsonschema", action="store_true", help="also time check-jsonschema")
    parser.add_argument("--no-binder-build", action="store_true",
                        help="skip the full `playbook build` (binder included); time the site with the stub only")
    parser.add_argument("--checks-only", action="store_true", help="time the check commands only, no builds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="playbook-bench-") as tmp:
        rows = []
        for n in args.sizes:
            build_pairs = args.build_pairs or (1 if n >= 5000 else args.pairs)
            rows.append(bench(n, args.pairs, build_pairs, Path(tmp), args.jsonschema,
                              not args.no_binder_build, args.checks_only))
            print(f"N={n} done", file=sys.stderr)
    print(report(rows, args.pairs, args.build_pairs or args.pairs))


if __name__ == "__main__":
    main()
