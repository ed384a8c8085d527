"""Golden cases: one broken input per rule, exactly the expected findings.

Each file in tests/cases/check/ describes a change to a copy of the example
content and the complete list of findings `playbook check` must report.
Run with UPDATE_GOLDEN=1 to rewrite expectations after reviewing them.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from generator import core
from generator.load.yamlio import MAX_BYTES

from .conftest import TEST_TODAY

CASES = sorted((Path(__file__).parent / "cases" / "check").glob("*.yaml"))


def apply_case(case: dict, repo: Path) -> None:
    patch = case.get("patch")
    if patch:
        target = repo / patch["file"]
        text = target.read_text(encoding="utf-8")
        assert patch["replace"] in text, f"case no longer applies: {patch['replace']!r}"
        target.write_text(text.replace(patch["replace"], patch["with"], 1), encoding="utf-8")
    for rel, text in (case.get("write") or {}).items():
        (repo / rel).write_text(text, encoding="utf-8")
    for rel, hexbytes in (case.get("write_bytes") or {}).items():
        (repo / rel).write_bytes(bytes.fromhex(hexbytes))
    for rel in case.get("delete") or ():
        (repo / rel).unlink()


def findings(repo: Path) -> list[str]:
    # Card layout is covered by test_cards; skipping it keeps these cases fast.
    result = core.load(repo, core.Options(today=TEST_TODAY, render_cards=False))
    return [f"{p.location}: {p.level}: {p.message} [{p.code}]" + (f" -- fix: {p.hint}" if p.hint else "")
            for p in result.problems]


def test_example_content_is_clean(repo: Path) -> None:
    assert findings(repo) == []


@pytest.mark.parametrize("case_path", CASES, ids=[c.stem for c in CASES])
def test_case(case_path: Path, repo: Path) -> None:
    case = yaml.safe_load(case_path.read_text(encoding="utf-8"))
    apply_case(case, repo)
    got = findings(repo)
    if os.environ.get("UPDATE_GOLDEN"):
        case["expect"] = got
        case_path.write_text(yaml.safe_dump(case, sort_keys=False, allow_unicode=True, width=200),
                             encoding="utf-8")
        pytest.skip("expectations rewritten")
    assert got == case["expect"]


def test_file_too_large_is_refused_quickly(repo: Path) -> None:
    big = repo / "content" / "playbooks" / "huge.yaml"
    big.write_text("notes: |\n" + ("  x" * 40 + "\n") * (MAX_BYTES // 40), encoding="utf-8")
    got = findings(repo)
    assert got == [f"content/playbooks/huge.yaml:1:1: error: file is {big.stat().st_size:,} bytes; the limit "
                   f"is {MAX_BYTES:,} [file-too-large] -- fix: split it into several documents"]
