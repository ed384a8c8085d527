"""Inputs under the 1 MB limit that crashed or stalled `playbook check`, each at full size.

Each runs the real console command in a subprocess (a segfault shows as a
negative return code) and asserts it finished with a report naming the
problem. No timings here: benchmarks/pathological.py measures them (figures in
benchmarks/README.md); the timeout only keeps a regression from hanging CI.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.load.yamlio import MAX_BYTES

PLAYBOOK = str(Path(sys.executable).parent / "playbook")
TODAY = "2026-11-10"


def _repeat(unit: str, head: str = "", tail: str = "") -> str:
    """``unit`` repeated as often as fits under the size limit between ``head`` and ``tail``."""
    room = MAX_BYTES - 1_000 - len(head.encode()) - len(tail.encode())
    return head + unit * (room // len(unit.encode())) + tail


def _contacts(repo: Path, name: str) -> tuple[str, str]:
    text = (repo / "content" / "contacts.yaml").read_text(encoding="utf-8")
    first = text.index("    name: ")
    end = text.index("\n", first)
    return "content/contacts.yaml", text[:first] + f'    name: "{name}"' + text[end:]


def _playbook(repo: Path, extra: str, unit: str = "", tail: str = "") -> tuple[str, str]:
    """site-slow.yaml plus ``extra`` (and ``unit`` repeated up to the size limit, then ``tail``)."""
    base = (repo / "content" / "playbooks" / "site-slow.yaml").read_text(encoding="utf-8")
    text = _repeat(unit, base + extra, tail) if unit else base + extra + tail
    return "content/playbooks/site-slow.yaml", text


JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLWhlcmU"
# name -> (text builder, a problem code the report must contain, or None: no problem at all)
CASES = {
    "nested-dashes": (lambda repo: ("content/playbooks/site-slow.yaml", _repeat("- ", "", "x\n")), "too-deep"),
    "nested-keys": (lambda repo: ("content/playbooks/site-slow.yaml", _repeat("? ", "", "x\n")), "too-deep"),
    "long-integer": (lambda repo: _playbook(repo, "notes: " + "7" * 4_301 + "\n"), "number-too-long"),
    "long-integer-full": (lambda repo: _playbook(repo, "notes: ", "7", "\n"), "number-too-long"),
    "hidden-text": (lambda repo: _playbook(repo, "notes:\n", "  - a #b\n"), "hidden-text"),
    # unclosed brackets are no placeholder: the check just has to finish, finding nothing
    "placeholder-brackets": (lambda repo: _contacts(repo, "[" * 990_000), None),
    "placeholder-angles": (lambda repo: _contacts(repo, "<" * 990_000), None),
    "password-url": (lambda repo: _playbook(repo, "notes: ", "a-", " x://ops:hunter22@db.internal\n"),
                     "secret"),
    "jwt": (lambda repo: _playbook(repo, "notes: ", "eyJ-", f" {JWT}\n"), "secret"),
    "unknown-keys": (lambda repo: _playbook(repo, "".join(f"k{i:06d}: 1\n" for i in range(4_000))),
                     "unknown-key"),
    "too-many-keys": (lambda repo: _playbook(repo, "".join(f"k{i:06d}: 1\n" for i in range(90_000))),
                      "too-many-keys"),
}


def write_case(repo: Path, name: str) -> Path:
    build, _ = CASES[name]
    rel, text = build(repo)
    path = repo / rel
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size < MAX_BYTES, (name, path.stat().st_size)
    return path


def check(repo: Path) -> subprocess.CompletedProcess:
    return subprocess.run([PLAYBOOK, "check", "--root", str(repo), "--today", TODAY, "--no-cards",
                           "--format", "json"], capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("name", sorted(CASES))
def test_check_finishes_with_a_report(repo: Path, name: str) -> None:
    write_case(repo, name)
    result = check(repo)
    assert result.returncode in (0, 1), (result.returncode, result.stderr[-2000:])
    assert "internal error" not in result.stderr
    codes = {p["code"] for p in json.loads(result.stdout)["problems"]}
    expected = CASES[name][1]
    assert expected in codes if expected else (codes == set() and result.returncode == 0), codes
