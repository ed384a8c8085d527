"""Drills: declared exercise intervals, `playbook drill log`, and drills in the review report."""
from __future__ import annotations

import difflib
import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from generator import core
from generator.render.pages import render_site

from .test_cli import invoke

BREACH = "content/playbooks/security-breach.yaml"


def _line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if line.startswith(text))


def _problems(repo: Path, today: str, *extra: str) -> tuple[int, list[dict]]:
    result = invoke(repo, ["check", "--no-cards", "--format", "json", "--today", today, *extra])
    return result.exit_code, json.loads(result.output)["problems"]


def _age_last_drill(repo: Path, old: str = '"2026-08-26"', new: str = '"2026-01-05"') -> Path:
    path = repo / BREACH
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))
    return path


def _only_added(before: str, after: str) -> list[str]:
    """The lines `after` adds; fails if it changes or drops any line of `before`."""
    diff = list(difflib.ndiff(before.splitlines(True), after.splitlines(True)))
    assert not [d for d in diff if d.startswith("- ")], "existing lines changed"
    added = [d[2:] for d in diff if d.startswith("+ ")]
    kept = "".join(d[2:] for d in diff if d.startswith("  "))
    assert kept == before  # byte for byte, comments included
    return added


def test_overdue_drill_fails_at_the_playbooks_line_and_drill_log_clears_it(repo: Path) -> None:
    path = _age_last_drill(repo)
    code, problems = _problems(repo, "2026-11-10")
    errors = [p for p in problems if p["level"] == "error"]
    assert code == 1 and [p["code"] for p in errors] == ["drill-overdue"]
    error = errors[0]
    assert (error["file"], error["line"], error["column"]) == (BREACH, _line_of(path, "exercise:"), 1)
    assert "overdue since 2026-07-05" in error["message"] and "last exercised 2026-01-05" in error["message"]
    assert "playbook drill log security-breach --kind tabletop --by security-team" in error["hint"]

    before = path.read_text()
    result = invoke(repo, ["drill", "log", "security-breach", "--kind", "tabletop", "--by", "security-lead",
                           "--date", "2026-11-03", "--note", "Leaked key, again", "--finding", "Runbook OK"])
    assert result.exit_code == 0, result.output
    added = _only_added(before, path.read_text())
    assert added == ['  - date: "2026-11-03"\n', "    kind: tabletop\n", "    by: security-lead\n",
                     "    notes: Leaked key, again\n", "    findings:\n", "      - Runbook OK\n"]
    assert "# " in before and before.count("#") == path.read_text().count("#")
    code, problems = _problems(repo, "2026-11-10")
    assert code == 0 and not [p for p in problems if p["code"].startswith("drill")]


def test_drill_due_soon_warns_in_the_window(repo: Path) -> None:
    code, problems = _problems(repo, "2027-02-20")   # security-breach due 2027-02-26
    soon = [p for p in problems if p["code"] == "drill-due-soon" and p["file"] == BREACH]
    assert len(soon) == 1 and soon[0]["level"] == "warning" and "in 6 days" in soon[0]["message"]
    code, problems = _problems(repo, "2027-02-20", "--warn-days", "3")
    assert not [p for p in problems if p["code"] == "drill-due-soon" and p["file"] == BREACH]


def test_a_declared_drill_never_run_is_an_error(repo: Path) -> None:
    path = repo / "content/playbooks/site-slow.yaml"
    path.write_text(path.read_text().replace("review:\n", "exercise: {interval: 90d}\nreview:\n", 1))
    code, problems = _problems(repo, "2026-11-10")
    found = [p for p in problems if p["code"] == "drill-overdue"]
    assert code == 1 and len(found) == 1
    assert found[0]["line"] == _line_of(path, "exercise:") and "none is recorded" in found[0]["message"]


def test_drill_log_adds_exercises_where_there_were_none_and_keeps_comments(repo: Path) -> None:
    path = repo / "content/playbooks/site-slow.yaml"
    path.write_text(path.read_text().replace("review:\n", "# Drill it twice a year.\nexercise:\n"
                                             "  interval: 6m  # agreed with the SRE guild\nreview:\n", 1))
    assert invoke(repo, ["check", "--no-cards"]).exit_code == 1    # declared, never run
    before = path.read_text()
    result = invoke(repo, ["drill", "log", "site-slow", "--kind", "game-day", "--by", "eng-lead"])
    assert result.exit_code == 0, result.output
    added = _only_added(before, path.read_text())
    assert added == ["exercises:\n", '  - date: "2026-11-10"\n', "    kind: game-day\n", "    by: eng-lead\n"]
    data = yaml.safe_load(path.read_text())
    assert data["exercises"] == [{"date": "2026-11-10", "kind": "game-day", "by": "eng-lead"}]
    assert list(data).index("exercises") == list(data).index("exercise") + 1
    assert invoke(repo, ["check", "--no-cards"]).exit_code == 0


@pytest.mark.parametrize("args, message", [
    (["security-breach", "--kind", "tabletop", "--by", "security-leed"], "Did you mean 'security-lead'?"),
    (["security-breech", "--kind", "tabletop", "--by", "security-lead"], "Did you mean 'security-breach'?"),
    (["severities", "--kind", "tabletop", "--by", "security-lead"], "drills are recorded on playbooks"),
    (["security-breach", "--kind", "tabletop", "--by", "security-lead", "--date", "2026-12-01"], "after today"),
])
def test_drill_log_refuses_bad_input_and_changes_nothing(repo: Path, args: list[str], message: str) -> None:
    before = {p: p.read_bytes() for p in (repo / "content").rglob("*.yaml")}
    result = invoke(repo, ["drill", "log", *args])
    assert result.exit_code == 2 and message in result.output
    assert before == {p: p.read_bytes() for p in (repo / "content").rglob("*.yaml")}


def test_a_postmortem_naming_the_playbook_is_a_real_incident_exercise(repo: Path, today: date) -> None:
    project = core.load(repo, core.Options(today=today, render_cards=False)).project
    drill = project.drill("database-unavailable")
    assert drill.last == date(2026, 9, 14) and drill.due == date(2027, 3, 13)
    incident = [e for e in drill.exercises if e.kind == "real-incident"]
    assert [e.postmortem for e in incident] == ["2026-09-14-database-connection-pool-exhausted"]
    assert project.drill("process").last == date(2026, 11, 2)    # every post-mortem exercises the process
    (repo / "postmortems/2026-09-14-database-connection-pool-exhausted.md").unlink()
    project = core.load(repo, core.Options(today=today, render_cards=False)).project
    assert project.drill("database-unavailable").last == date(2026, 6, 18)


def test_playbook_page_shows_last_exercised_and_findings(repo: Path, today: date) -> None:
    project = core.load(repo, core.Options(today=today, render_cards=False)).project
    pages = {p.uri: p.markdown for p in render_site(project)}
    page = pages["playbooks/security-breach.md"]
    assert "- **Last exercised:** 2026-08-26 (tabletop) · next drill due 2027-02-26" in page
    assert "**Found:** Legal counsel's after-hours number was missing from the escalation." in page
    database = pages["playbooks/database-unavailable.md"]
    assert "(../incidents/2026-09-14-database-connection-pool-exhausted.md)" in database
    assert "Last exercised" not in pages["playbooks/site-slow.md"]   # no drill declared or run


def test_reviews_list_drills_in_every_format(repo: Path) -> None:
    icalendar = pytest.importorskip("icalendar")
    calendar = icalendar.Calendar.from_ical(invoke(repo, ["reviews", "--format", "ics"]).stdout_bytes)
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    drills = {str(e["uid"]): e for e in events if str(e["summary"]).startswith("Drill due: ")}
    assert sorted(drills) == ["drill-database-unavailable-20270313@incident-playbooks",
                              "drill-process-20271102@incident-playbooks",
                              "drill-security-breach-20270226@incident-playbooks"]
    breach = drills["drill-security-breach-20270226@incident-playbooks"]
    assert breach.decoded("dtstart") == date(2027, 2, 26)
    assert "playbook drill log security-breach" in str(breach["description"])
    listed = json.loads(invoke(repo, ["reviews", "--format", "json"]).stdout)
    assert {d["id"] for d in listed["documents"] if d["type"] == "drill"} == {"database-unavailable", "process",
                                                                 "security-breach"}
    text = invoke(repo, ["reviews", "--owner", "security-team"]).output
    assert "Drills due on 2026-11-10" in text and "security-breach" in text.split("Drills due")[1]
    markdown = invoke(repo, ["reviews", "--format", "markdown"]).output
    assert "`playbook drill log process --kind tabletop --by operations`" in markdown


def test_reviews_fail_while_a_drill_is_overdue(repo: Path) -> None:
    assert invoke(repo, ["reviews", "--owner", "security-team"]).exit_code == 0
    _age_last_drill(repo)
    result = invoke(repo, ["reviews", "--owner", "security-team"])
    assert result.exit_code == 1 and "OVERDUE by 128 days" in result.output


def test_exercise_entries_are_checked(repo: Path) -> None:
    path = repo / BREACH
    path.write_text(path.read_text().replace("by: security-lead", "by: security-leed", 1)
                    .replace('"2026-08-26"', '"2026-12-24"', 1))
    code, problems = _problems(repo, "2026-11-10")
    found = {p["code"]: p for p in problems if p["file"] == BREACH}
    assert code == 1 and found["unknown-ref"]["line"] == _line_of(path, "    by: security-leed")
    assert "did you mean 'security-lead'" in found["unknown-ref"]["hint"]
    assert "2026-12-24 is in the future" in found["drill-in-future"]["message"]
    assert found["drill-in-future"]["line"] == _line_of(path, '  - date: "2026-12-24"')
