"""Time `playbook import`'s conversion of a runbook collection of N playbooks (no files written).

    python benchmarks/import_scale.py 250 500 1000 2000
"""
from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.importer.run import convert  # noqa: E402


def document(n: int) -> str:
    parts = ["# Runbooks", "", "| Severity | Description | Response |", "|---|---|---|",
             "| SEV1 | Down | 15 minutes |", ""]
    for i in range(n):
        parts.append(f"## Service {i} down\n\n### Symptoms\n\n- Errors on service {i}\n\n### Diagnosis\n\n"
                     f"```bash\nkubectl logs svc-{i}\n```\n\n### Resolution\n\n- Restart service {i}\n")
    return "\n".join(parts)


def main(sizes: list[int]) -> None:
    for n in sizes:
        text = document(n)
        start = time.perf_counter()
        convert(text, "Bench", date(2026, 11, 10))
        elapsed = time.perf_counter() - start
        print(f"{n} playbooks ({len(text.splitlines())} lines): {elapsed:.2f} s, {elapsed / n * 1000:.2f} ms each")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [250, 500, 1000, 2000])
