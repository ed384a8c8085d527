"""Broken input never produces a traceback: exit 1 (content) or 2 (usage/unreadable).

Property-based: random mutations of the example content (deleted and
duplicated lines, bad indentation, tabs, stray colons and brackets, binary
junk, Python tags, enormous files, deep nesting) go through `playbook check`;
a fixed set of broken repositories goes through every other command.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.load.yamlio import MAX_BYTES

from .conftest import REPO, TEST_TODAY

FILES = sorted(str(p.relative_to(REPO)) for p in (REPO / "content").rglob("*.yaml")) + \
    sorted(str(p.relative_to(REPO)) for p in (REPO / "postmortems").glob("*.md"))


def mutate(text: str, kind: str, where: float, junk: bytes) -> bytes:
    lines = text.splitlines(keepends=True)
    i = min(int(where * len(lines)), len(lines) - 1)
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "indent":
        lines[i] = "   " + lines[i]
    elif kind == "dedent":
        lines[i] = lines[i].lstrip()
    elif kind == "tab":
        lines[i] = "\t" + lines[i]
    elif kind in (":", "[", "{", "]", "}", "&a ", "*a ", "'", '"', "- ", "? ", "|", "%", "@", "!"):
        cut = int(where * len(lines[i]))
        lines[i] = lines[i][:cut] + kind + lines[i][cut:]
    elif kind == "python-tag":
        lines[i] = lines[i].rstrip("\n") + " !!python/object/apply:os.system ['echo pwned']\n"
    elif kind == "truncate":
        lines = lines[:i]
    elif kind == "not-a-mapping":
        lines = ["- just\n", "- a list\n"]
    elif kind == "nested":
        lines.insert(i, "deep: " + "[" * 5000 + "]" * 5000 + "\n")
    elif kind == "binary":
        return "".join(lines[:i]).encode() + junk + "".join(lines[i:]).encode()
    elif kind == "empty":
        lines = []
    return "".join(lines).encode("utf-8")


KINDS = ["delete", "duplicate", "indent", "dedent", "tab", ":", "[", "{", "]", "}", "&a ", "*a ", "'",
         '"', "- ", "? ", "|", "%", "@", "!", "python-tag", "truncate", "not-a-mapping", "nested",
         "binary", "empty"]


def run(repo: Path, *args: str):
    old = os.getcwd()
    os.chdir(repo)
    try:
        return CliRunner().invoke(main, [*args, "--today", TEST_TODAY.isoformat()], prog_name="playbook")
    finally:
        os.chdir(old)


def assert_clean_exit(result, expected=(0, 1, 2)) -> None:
    assert result.exit_code in expected, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    from .conftest import copy_repo
    return copy_repo(tmp_path_factory.mktemp("pristine") / "repo")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(file=st.sampled_from(FILES), kind=st.sampled_from(KINDS),
       where=st.floats(min_value=0, max_value=0.999), junk=st.binary(min_size=1, max_size=64))
def test_check_survives_any_mutation(pristine: Path, tmp_path_factory, file: str, kind: str,
                                     where: float, junk: bytes) -> None:
    repo = tmp_path_factory.mktemp("mut") / "repo"
    shutil.copytree(pristine, repo, ignore=shutil.ignore_patterns("site"))
    target = repo / file
    target.write_bytes(mutate(target.read_text(encoding="utf-8"), kind, where, junk))
    # Cards are laid out in the other tests; skipping them keeps each example fast.
    fmt = "json" if where < 0.5 else "text"
    result = run(repo, "check", "--format", fmt, "--no-cards")
    assert_clean_exit(result, (0, 1))


BROKEN = {
    "syntax": ("content/playbooks/site-slow.yaml", "summary: Pages", "summary: Note: pages"),
    "schema": ("content/severities.yaml", "paging: ticket", "paging: [ticket]"),
    "binary": ("content/contacts.yaml", None, b"\xff\xfe\x00junk"),
    "bomb": ("content/roles.yaml", None, ("a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a]\n"
                                         "c: [*b, *b, *b, *b, *b, *b, *b]\n").encode()),
    "huge": ("content/playbooks/data-loss.yaml", None, b"notes: |\n" + b"  xxxxxxxxxxxxxxxxxxxx\n" * (MAX_BYTES // 20)),
    "missing-org": ("content/organization.yaml", None, None),
    "postmortem": ("postmortems/2026-11-02-stripe-webhook-backlog.md", "---\ntitle:", "title:"),
    "card": ("content/cards/oncall.yaml", "paper: a4", "paper: a3"),
}
COMMANDS = [
    ("check",), ("build",), ("cards",), ("export-docs", "exported"), ("reviews",), ("reviews", "--format", "ics"),
    ("review", "site-slow", "--by", "eng-lead"), ("new", "playbook", "x-new", "--title", "X", "--severity", "P1",
                                                  "--owner", "eng-lead"),
    ("postmortem", "new", "Something broke", "--severity", "P1"),
    ("serve", "--dev-addr", "127.0.0.1:1"),   # every case below is broken, so serve stops before serving
]


@pytest.mark.parametrize("breakage", sorted(BROKEN))
def test_every_command_handles_broken_content(pristine: Path, tmp_path: Path, breakage: str) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(pristine, repo, ignore=shutil.ignore_patterns("site"))
    rel, old, new = BROKEN[breakage]
    path = repo / rel
    if new is None:
        path.unlink()
    elif old is None:
        path.write_bytes(new)
    else:
        path.write_text(path.read_text().replace(old, new, 1))
    for command in COMMANDS:
        result = run(repo, *command)
        assert_clean_exit(result)
        if command[0] in ("check", "build", "cards", "export-docs", "serve"):
            assert result.exit_code != 0, (command, result.output)
            assert rel in result.output, (command, result.output)


def test_missing_content_directory_is_a_usage_error(tmp_path: Path) -> None:
    for command in COMMANDS:
        result = run(tmp_path, *command)
        assert_clean_exit(result, (2,))
        assert "content" in result.output or "mkdocs.yml" in result.output


SEED = next(iter(sorted((REPO.parent / "shared" / "seeds").glob("0*.txt"))), None) \
    if (REPO.parent / "shared" / "seeds").is_dir() else None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(KINDS), where=st.floats(min_value=0, max_value=0.999),
       junk=st.binary(min_size=1, max_size=64))
def test_import_survives_any_mutation(tmp_path_factory, kind: str, where: float, junk: bytes) -> None:
    base = SEED.read_text(encoding="utf-8") if SEED else "# Runbook\n\n## SEV1 - Critical\n"
    work = tmp_path_factory.mktemp("imp")
    source = work / "doc.md"
    source.write_bytes(mutate(base, kind, where, junk))
    result = CliRunner().invoke(main, ["import", str(source), "--out", str(work / "content"),
                                       "--today", TEST_TODAY.isoformat()], prog_name="playbook")
    assert_clean_exit(result, (0,))
    check = CliRunner().invoke(main, ["check", "--root", str(work), "--today", TEST_TODAY.isoformat(),
                                      "--no-cards", "--format", "json"])
    assert_clean_exit(check, (0, 1))
    import json
    codes = {p["code"] for p in json.loads(check.output)}
    assert codes <= {"placeholder", "review-overdue"}, (kind, codes)


def test_import_refuses_existing_content_and_unreadable_input(pristine: Path, tmp_path: Path) -> None:
    source = tmp_path / "doc.md"
    source.write_text("# Runbook\n")
    before = sorted(p.name for p in (pristine / "content").iterdir())
    result = run(pristine, "import", str(source))
    assert_clean_exit(result, (2,))
    assert "not overwriting content" in result.output
    assert sorted(p.name for p in (pristine / "content").iterdir()) == before
    missing = run(pristine, "import", str(tmp_path / "nope.md"), "--out", str(tmp_path / "x"))
    assert_clean_exit(missing, (2,))
