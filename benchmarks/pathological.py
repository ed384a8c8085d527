"""Time `playbook check` on each pathological input of tests/test_pathological.py (full size).

Run from the repository root: python benchmarks/pathological.py [CASE...]
Each case runs in a fresh copy of the example repository, in a subprocess (a
crash shows as its return code); the time of a check of the unchanged example
is printed first, so the cost of the input itself is the difference.
"""
from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import copy_repo  # noqa: E402
from tests.test_pathological import CASES, PLAYBOOK, TODAY, write_case  # noqa: E402

TIMEOUT = int(os.environ.get("PATHOLOGICAL_TIMEOUT", "300"))


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(repo: Path) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds, outcome): CPU time is what a loaded machine distorts least."""
    start, cpu = time.perf_counter(), _child_cpu()
    try:
        result = subprocess.run([PLAYBOOK, "check", "--root", str(repo), "--today", TODAY, "--no-cards",
                                 "--format", "json"], capture_output=True, text=True, timeout=TIMEOUT)
        outcome = f"exit {result.returncode}"
    except subprocess.TimeoutExpired:
        outcome = f"killed after {TIMEOUT} s"
    return time.perf_counter() - start, _child_cpu() - cpu, outcome


def main(names: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = copy_repo(Path(tmp) / "base")
        print(f"{'case':24} {'wall':>8} {'cpu':>8}  outcome")
        seconds, cpu, outcome = timed(base)
        print(f"{'(unchanged example)':24} {seconds:7.2f}s {cpu:7.2f}s  {outcome}")
        for name in names or sorted(CASES):
            repo = copy_repo(Path(tmp) / name)
            write_case(repo, name)
            seconds, cpu, outcome = timed(repo)
            print(f"{name:24} {seconds:7.2f}s {cpu:7.2f}s  {outcome}", flush=True)
            shutil.rmtree(repo)


if __name__ == "__main__":
    main(sys.argv[1:])
