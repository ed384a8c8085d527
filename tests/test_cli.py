"""Every command and format: exact output on the example content at a fixed date.

Expected outputs live in tests/cases/cli/<name>.out (exit code on the first
line). Run with UPDATE_GOLDEN=1 to rewrite them after reviewing the change.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.commands.report import GITHUB_ANNOTATION_CAP

from .conftest import TEST_TODAY

GOLDEN = Path(__file__).parent / "cases" / "cli"
TODAY = TEST_TODAY.isoformat()
BROKEN = {"content/playbooks/site-slow.yaml": [("severity: P2", "severity: P9"),
                                                ("tags: [performance", "tagz: [performance")],
          "content/contacts.yaml": [('phone: "+1 555 010 0111"', 'phone: "+1-XXX-XXX-XXXX"')]}

CASES = {
    "check-ok": (["check"], None),
    "check-text": (["check"], BROKEN),
    "check-json": (["check", "--format", "json"], BROKEN),
    "check-github": (["check", "--format", "github"], BROKEN),
    "check-gitlab": (["check", "--format", "gitlab"], BROKEN),
    "check-paths": (["check", "content/contacts.yaml"], BROKEN),
    "check-late": (["check", "--today", "2027-01-20"], None),
    "reviews-text": (["reviews"], None),
    "reviews-markdown": (["reviews", "--format", "markdown", "--owner", "backend-team"], None),
    "reviews-json": (["reviews", "--format", "json", "--owner", "eng-manager"], None),
    "reviews-stagger": (["reviews", "--owner", "platform-team", "--max-per-week", "2", "--suggest-stagger"], None),
    "reviews-overdue": (["reviews", "--today", "2027-01-20", "--owner", "platform-team"], None),
    "reviews-unknown-owner": (["reviews", "--owner", "nobody"], None),
    "review-unknown-doc": (["review", "site-slo", "--by", "eng-lead"], None),
    "review-unknown-contact": (["review", "site-slow", "--by", "eng-leed"], None),
    "new-playbook-bad-severity": (["new", "playbook", "queue-full", "--title", "Queue full", "--severity",
                                   "SEV2", "--owner", "backend-team"], None),
    "bad-today": (["check", "--today", "2026-02-30"], None),
}


def patch(repo: Path, changes: dict | None) -> None:
    for rel, pairs in (changes or {}).items():
        path = repo / rel
        text = path.read_text()
        for old, new in pairs:
            assert old in text, (rel, old)
            text = text.replace(old, new, 1)
        path.write_text(text)


def invoke(repo: Path, args: list[str], env: dict | None = None):
    if "--today" not in args:
        args = [*args, "--today", TODAY]
    old = os.getcwd()
    os.chdir(repo)
    try:
        return CliRunner().invoke(main, args, env=env, prog_name="playbook")
    finally:
        os.chdir(old)


@pytest.mark.parametrize("name", sorted(CASES))
def test_command_output(name: str, repo: Path) -> None:
    args, changes = CASES[name]
    patch(repo, changes)
    result = invoke(repo, args, env={"GITHUB_STEP_SUMMARY": ""})
    got = f"exit {result.exit_code}\n{result.output}"
    expected = GOLDEN / f"{name}.out"
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text(got)
        pytest.skip("expectation rewritten")
    assert got == expected.read_text()


def test_json_is_a_list_of_findings(repo: Path) -> None:
    patch(repo, BROKEN)
    items = json.loads(invoke(repo, ["check", "--format", "json"]).output)
    assert {tuple(sorted(item)) for item in items} == {
        ("code", "column", "file", "hint", "level", "line", "message")}


def test_gitlab_fingerprints_are_unique(repo: Path) -> None:
    for name in ("site-slow", "login-failures", "cache-failure"):
        path = repo / "content" / "playbooks" / f"{name}.yaml"
        path.write_text(path.read_text().replace("severity: P", "severity: X", 1))
    items = json.loads(invoke(repo, ["check", "--format", "gitlab"]).output)
    assert len(items) == 3
    assert len({item["fingerprint"] for item in items}) == 3


def test_github_annotations_are_capped_and_the_summary_has_everything(repo: Path, tmp_path: Path) -> None:
    for path in sorted((repo / "content" / "playbooks").glob("*.yaml")):
        path.write_text(path.read_text().replace("\nowner: ", "\nowner: x-", 1))   # 12 errors
    summary = tmp_path / "summary.md"
    result = invoke(repo, ["check", "--format", "github"], env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1
    annotations = [line for line in result.output.splitlines() if line.startswith("::error ")]
    assert len(annotations) == GITHUB_ANNOTATION_CAP
    assert "2 more problems are not annotated" in result.output
    table = summary.read_text()
    assert table.count("| content/playbooks/") == 12
    assert "unknown contact 'x-" in table


def test_ics_parses_as_icalendar(repo: Path) -> None:
    icalendar = pytest.importorskip("icalendar")
    raw = invoke(repo, ["reviews", "--format", "ics"]).stdout_bytes
    output = raw.decode("utf-8")
    calendar = icalendar.Calendar.from_ical(output)
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    reviews = [e for e in events if str(e["summary"]).startswith("Review due: ")]
    assert len(reviews) == 22   # 12 playbooks, 8 reference documents, 2 cards (drills: test_drills.py)
    first = min(events, key=lambda e: e.decoded("dtstart"))
    assert str(first["summary"]).startswith("Review due: ")
    assert "playbook review" in str(first["description"])
    assert len({str(e["uid"]) for e in events}) == len(events)
    assert b"\r\n" in raw and all(len(line) <= 75 for line in raw.split(b"\r\n"))


def test_review_sign_off_keeps_comments_and_order(repo: Path) -> None:
    path = repo / "content" / "severities.yaml"
    before = path.read_text()
    result = invoke(repo, ["review", "severities", "--by", "eng-lead", "--note",
                           "Checked response times: still right"])
    assert result.exit_code == 0, result.output
    after = path.read_text()
    assert after.startswith(before.split("review:")[0])      # everything above review: untouched
    assert "# Most severe first." in after and after.index("id: P0") < after.index("id: P3")
    data = yaml.safe_load(after)
    assert data["review"]["last_reviewed"] == TODAY
    assert data["review"]["history"] == [{"date": TODAY, "by": "eng-lead",
                                          "note": "Checked response times: still right"}]
    again = invoke(repo, ["review", "severities", "--by", "cto"])
    assert again.exit_code == 0
    history = yaml.safe_load(path.read_text())["review"]["history"]
    assert [h["by"] for h in history] == ["eng-lead", "cto"]
    assert invoke(repo, ["check"]).exit_code == 0


def test_review_of_a_playbook_moves_its_due_date(repo: Path) -> None:
    assert "cache-failure" in invoke(repo, ["check", "--today", "2026-11-25"]).output
    assert invoke(repo, ["review", "cache-failure", "--by", "devops-lead", "--today", "2026-11-25"]).exit_code == 0
    assert "cache-failure" not in invoke(repo, ["check", "--today", "2026-11-25"]).output


def test_new_playbook_is_valid_and_never_overwrites(repo: Path) -> None:
    args = ["new", "playbook", "queue-full", "--title", "Queue full: jobs rejected", "--severity", "P2",
            "--owner", "backend-team", "--service", "jobs"]
    result = invoke(repo, args)
    assert result.exit_code == 0, result.output
    path = repo / "content" / "playbooks" / "queue-full.yaml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=../../schemas/playbook.schema.json\n")
    assert f'last_reviewed: "{TODAY}"' in text
    assert invoke(repo, ["check"]).exit_code == 0
    path.write_text(text + "# edited\n")
    again = invoke(repo, args)
    assert again.exit_code == 2 and path.read_text().endswith("# edited\n")


def test_workflows_are_valid_and_call_real_commands(repo: Path) -> None:
    from .conftest import REPO
    files = [*(REPO / ".github" / "workflows").glob("*.yml"), REPO / ".ci" / "examples" / "gitlab-ci.yml",
             REPO / ".pre-commit-hooks.yaml"]
    commands = []
    for file in files:
        data = yaml.safe_load(file.read_text())
        assert data, file
        commands += re.findall(r"\bplaybook (?:check|build|reviews|cards)[^\n|>&]*", file.read_text())
    assert len(commands) >= 6
    for command in commands:
        args = command.split()[1:]
        if args[0] == "build":
            continue   # covered by the site build tests
        result = invoke(repo, args)
        assert result.exit_code in (0, 1), (command, result.output)
        assert "Error: No such option" not in result.output and "Usage:" not in result.output, command
