"""Secrets hidden by YAML escapes, new secret kinds, the allow comment; control characters in messages."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import core
from generator.cli import main

from .conftest import TEST_TODAY

TODAY = TEST_TODAY.isoformat()


def notes(repo: Path, value: str) -> None:
    path = repo / "content" / "playbooks" / "site-slow.yaml"
    path.write_text(path.read_text(encoding="utf-8") + f"notes: {value}\n", encoding="utf-8")


def codes(repo: Path) -> list[str]:
    result = core.load(repo, core.Options(today=TEST_TODAY, render_cards=False))
    return [p.code for p in result.problems if p.file.endswith("site-slow.yaml")]


@pytest.mark.parametrize("value", [
    r'"AKIA\x49OSFODNN7EXAMPL3"',                    # \x49 is I
    r'"ghp\u005f' + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8" + '"',
    '"AKIAIOSFO\\\n  DNN7EXAMPL3"',                   # split by an escaped line break
], ids=["hex-escape", "unicode-escape", "escaped-break"])
def test_escaped_secrets_are_found(repo: Path, value: str) -> None:
    notes(repo, value)
    assert "secret" in codes(repo)


@pytest.mark.parametrize("value", [
    '"aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKY"',
    "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ012345",
    "https://hooks.slack.com/services/T0123ABCD/B0123ABCD/abcdefghijklmnopqrstuvwx",
    '"-----BEGIN PGP PRIVATE KEY BLOCK-----"',
    '"redis://:s3cretpass@cache.internal:6379/0"',
], ids=["aws-secret", "github-pat", "slack-webhook", "pgp", "redis-password"])
def test_new_kinds_of_secret(repo: Path, value: str) -> None:
    notes(repo, value)
    assert "secret" in codes(repo)


@pytest.mark.parametrize("value", ["Set SLACK_TOKEN to xoxb-your-bot-token-here",
                                   '"redis://:${REDIS_PASSWORD}@cache:6379"',
                                   "AKIAIOSFODNN7EXAMPLE  # playbook: allow-secret (AWS's documented example)"])
def test_no_false_positive_and_the_allow_comment(repo: Path, value: str) -> None:
    notes(repo, value)
    assert "secret" not in codes(repo)


def test_allow_comment_covers_an_escaped_value(repo: Path) -> None:
    notes(repo, r'"AKIA\x49OSFODNN7EXAMPLE"  # playbook: allow-secret')
    assert "secret" not in codes(repo)
    notes(repo, "")  # the allow comment is per line, not per file
    path = repo / "content" / "playbooks" / "site-slow.yaml"
    path.write_text(path.read_text().replace("notes: \n", "aliases_extra: \"AKIA\\x49OSFODNN7EXAMPL3\"\n"))
    assert "secret" in codes(repo)


INJECTED_KEY = '"x\\n::warning::INJ\\n::add-mask::Tidewater": 1\n'


@pytest.mark.parametrize("fmt", ["text", "json", "github", "gitlab"])
def test_no_workflow_command_from_a_key(repo: Path, fmt: str) -> None:
    path = repo / "content" / "playbooks" / "site-slow.yaml"
    path.write_text(path.read_text() + INJECTED_KEY)
    result = CliRunner().invoke(main, ["check", "--root", str(repo), "--today", TODAY, "--no-cards",
                                       "--format", fmt])
    assert result.exit_code == 1
    assert "INJ" in result.output  # the key is reported, escaped
    lines = result.output.splitlines()
    # only the reporter's own annotations may start a line with '::' (a workflow command)
    assert not [line for line in lines if line.startswith("::") and not line.startswith(("::error ", "::warning "))]
    assert "\\n::add-mask::Tidewater" in result.output or "\\\\n::add-mask::Tidewater" in result.output


def test_no_workflow_command_from_a_file_name_or_in_the_build_report(repo: Path) -> None:
    bad = repo / "content" / "playbooks" / "x\n::warning::FILE.yaml"
    bad.write_text("id: [\n")
    for command in (["check", "--no-cards"], ["build"]):
        result = CliRunner().invoke(main, [*command, "--root", str(repo), "--today", TODAY])
        assert result.exit_code == 1
        out = result.output
        assert "FILE.yaml" in out
        assert not any(line.startswith("::") for line in out.splitlines()), out
        assert "\\n::warning::FILE" in out


def test_json_keeps_the_message_escaped(repo: Path) -> None:
    path = repo / "content" / "playbooks" / "site-slow.yaml"
    path.write_text(path.read_text() + '"\\u001b[31mred": 1\n')
    result = CliRunner().invoke(main, ["check", "--root", str(repo), "--today", TODAY, "--no-cards",
                                       "--format", "json"])
    messages = [p["message"] for p in json.loads(result.output)["problems"]]
    assert any("\\x1b[31mred" in m for m in messages) and not any("\x1b" in m for m in messages)
