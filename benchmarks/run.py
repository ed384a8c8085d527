"""Benchmarks, side by side in one run, for N synthetic playbooks.

    python benchmarks/run.py 100 1000 5000 > benchmarks/results.md

For each N: `playbook check` vs check-jsonschema on the same playbook files;
`playbook build` vs a plain `mkdocs build` of the same pages written by
`playbook export-docs`; peak memory (max RSS) of each; and the time to render
the example desk cards. Every command runs in its own process; wall time is
the best of --repeat runs.
"""
from __future__ import annotations

import argparse
import os
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
    seconds: float
    max_rss_mb: float
    ok: bool


def measure(args: list[str], cwd: Path, repeat: int) -> Measure:
    best, rss, ok = float("inf"), 0.0, True
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.stderr.close()
        ok = ok and os.waitstatus_to_exitcode(status) == 0
        best = min(best, elapsed)
        rss = max(rss, usage.ru_maxrss / 1024)
    return Measure(best, rss, ok)


def plain_mkdocs_config(repo: Path, export: Path) -> Path:
    """The same site without the playbooks plugin: theme, extensions, assets and nav."""
    from generator.commands import site as site_module
    from datetime import date

    prepared = site_module.prepare(repo, date.fromisoformat(TODAY), content_dir=repo / "content")
    shutil.copytree(repo / "site_overrides" / "docs" / "assets", export / "assets", dirs_exist_ok=True)
    config = yaml.safe_load((repo / "mkdocs.yml").read_text())
    config["plugins"] = [p for p in config["plugins"] if p != "playbooks"]
    config.update(docs_dir=str(export), site_dir=str(repo / "plain-site"), nav=prepared.nav,
                  site_name=prepared.project.organization.name)
    path = repo / "mkdocs-plain.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


def bench(count: int, repeat: int, work: Path) -> dict:
    repo = generate(count, work / f"repo-{count}")
    playbooks = sorted(str(p) for p in (repo / "content" / "playbooks").glob("*.yaml"))
    out = {"n": count}
    out["check"] = measure(["playbook", "check", "--today", TODAY], repo, repeat)
    out["check_jsonschema"] = measure(["check-jsonschema", "--schemafile", str(repo / "schemas" / "playbook.schema.json"),
                                       *playbooks], repo, repeat)
    export = repo / "exported"
    out["export"] = measure(["playbook", "export-docs", str(export), "--today", TODAY], repo, 1)
    config = plain_mkdocs_config(repo, export)
    builds = max(1, repeat - 1) if count <= 1000 else 1
    out["build"] = measure(["playbook", "build", "--today", TODAY], repo, builds)
    out["mkdocs"] = measure(["mkdocs", "build", "--strict", "-q", "-f", str(config)], repo, builds)
    out["site_mb"] = sum(p.stat().st_size for p in (repo / "site").rglob("*") if p.is_file()) / 2**20
    shutil.rmtree(repo)
    return out


def cards(repeat: int, work: Path) -> Measure:
    repo = work / "cards-repo"
    for name in ("content", "schemas", "site_overrides", "postmortems"):
        shutil.copytree(REPO / name, repo / name)
    shutil.copy(REPO / "mkdocs.yml", repo)
    return measure(["playbook", "cards", "--today", TODAY, "--out", str(repo / "cards-out")], repo, repeat)


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


def report(rows: list[dict], card: Measure) -> str:
    lines = [f"Machine: {machine()}", "",
             "| N | playbook check | check-jsonschema | ratio | playbook build | plain mkdocs build | build ratio | site size |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        c, j, b, m = r["check"], r["check_jsonschema"], r["build"], r["mkdocs"]
        lines.append(f"| {r['n']:,} | {c.seconds:.2f} s, {c.max_rss_mb:.0f} MB | {j.seconds:.2f} s, "
                     f"{j.max_rss_mb:.0f} MB | {j.seconds / c.seconds:.1f}x faster | {b.seconds:.1f} s, "
                     f"{b.max_rss_mb:.0f} MB | {m.seconds:.1f} s, {m.max_rss_mb:.0f} MB | "
                     f"{b.seconds / m.seconds:.2f}x | {r['site_mb']:.0f} MB |")
        if not all(x.ok for x in (c, b, m)):
            lines.append(f"| | a command failed for N={r['n']} | | | | | | |")
    lines += ["", f"Desk cards (the 2 example cards, HTML + PDF, including the content check): "
                  f"{card.seconds:.2f} s, {card.max_rss_mb:.0f} MB peak."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="playbook-bench-") as tmp:
        work = Path(tmp)
        rows = []
        for n in args.sizes:
            rows.append(bench(n, args.repeat, work))
            print(f"N={n} done", file=sys.stderr)
        card = cards(args.repeat, work)
    print(report(rows, card))


if __name__ == "__main__":
    main()
