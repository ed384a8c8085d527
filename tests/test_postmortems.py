"""Post-mortems: scaffolding, refusal to overwrite, front matter, history, overdue items."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator import core
from generator.cli import main
from generator.load.frontmatter import split
from generator.render.postmortem import severity_stats

from .conftest import TEST_TODAY

TODAY = TEST_TODAY.isoformat()


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("severity", ["P0", "P1", "P2", "P3"])
def test_scaffold_each_severity(repo: Path, severity: str) -> None:
    result = run("postmortem", "new", "Checkout errors after deploy", "--severity", severity,
                 "--started", "2026-11-09 22:40", "--playbook", "payments-failing",
                 "--root", str(repo), "--today", TODAY)
    assert result.exit_code == 0, result.output
    path = repo / "postmortems" / "2026-11-09-checkout-errors-after-deploy.md"
    text = path.read_text()
    front, body = split(text)
    facts = yaml.safe_load(front)
    assert facts["title"] == "Checkout errors after deploy"
    assert facts["severity"] == severity and facts["status"] == "draft"
    assert facts["started"] == "2026-11-09 22:40"
    assert facts["playbooks"] == ["payments-failing"] and facts["action_items"] == []
    levels = yaml.safe_load((repo / "content" / "severities.yaml").read_text())["levels"]
    level = next(lv for lv in levels if lv["id"] == severity)
    assert f"**Severity:** {severity} · {level['name']}: {level['description']}" in body
    due = {"P0": "by 2026-11-12", "P1": "by 2026-11-13", "P2": "by 2026-11-17"}.get(severity)
    if due:
        assert f"**Review meeting due:** {due}" in body
    else:
        assert "Review meeting due" not in body
    for role in ("Incident Commander (IC)", "Technical Lead (TL)", "Communications Lead (CL)", "Scribe"):
        assert f"| {role} | |" in body
    assert "| Time (UTC) | Event |" in body
    assert "https://runbooks.tidewater.example.com/playbooks/payments-failing.html" in body
    for level_id in ("P0", "P1", "P2", "P3"):
        assert f"| {level_id} · " in body           # the whole ladder, from severities.yaml
    # The new file is valid content straight away.
    check = run("check", "--root", str(repo), "--today", TODAY, "--format", "json")
    assert check.exit_code == 0, check.output
    assert not [p for p in json.loads(check.output) if p["file"].startswith("postmortems/")]


def test_never_overwrites(repo: Path) -> None:
    args = ("postmortem", "new", "Redis out of memory", "--severity", "P2", "--root", str(repo),
            "--today", TODAY)
    assert run(*args).exit_code == 0
    path = repo / "postmortems" / f"{TODAY}-redis-out-of-memory.md"
    path.write_text(path.read_text() + "\nNotes the author wrote.\n")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    again = run(*args)
    assert again.exit_code == 2
    assert "already exists; not overwriting it" in again.output
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]


def test_unknown_severity_lists_valid_ids(repo: Path) -> None:
    result = run("postmortem", "new", "X", "--severity", "SEV1", "--root", str(repo), "--today", TODAY)
    assert result.exit_code == 2
    assert "unknown severity 'SEV1'" in result.output
    assert "Valid severity ids: P0, P1, P2, P3" in result.output


def test_unknown_playbook_suggests_closest(repo: Path) -> None:
    result = run("postmortem", "new", "X", "--severity", "P1", "--playbook", "login-failure",
                 "--root", str(repo), "--today", TODAY)
    assert result.exit_code == 2
    assert "unknown playbook 'login-failure'. Did you mean 'login-failures'?" in result.output


def test_bad_started_is_a_usage_error(repo: Path) -> None:
    result = run("postmortem", "new", "X", "--severity", "P1", "--started", "yesterday",
                 "--root", str(repo), "--today", TODAY)
    assert result.exit_code == 2 and "YYYY-MM-DD HH:MM" in result.output


def test_front_matter_round_trips_into_the_model(repo: Path) -> None:
    project = core.load(repo, core.Options(today=TEST_TODAY, render_cards=False)).project
    incident = next(i for i in project.incidents if i.id == "2026-09-14-database-connection-pool-exhausted")
    assert incident.severity == "P1" and incident.status == "closed"
    assert incident.minutes_between(incident.detected) == 5
    assert incident.minutes_between(incident.resolved) == 75
    assert [a.action for a in incident.open_actions] == ["Load test with 3x traffic"]
    assert incident.playbooks == ("database-unavailable",)


def test_history_statistics(repo: Path) -> None:
    project = core.load(repo, core.Options(today=TEST_TODAY, render_cards=False)).project
    stats = {row["level"].id: row for row in severity_stats(project)}
    assert stats["P1"]["count"] == 2
    assert stats["P1"]["detect"] == 12     # median of 5 and 19 minutes
    assert stats["P1"]["resolve"] == 71    # median of 75 and 68 minutes
    assert stats["P2"]["resolve"] == 145
    assert stats["P0"]["count"] == 0 and stats["P0"]["resolve"] is None


def test_history_page_on_the_site(repo: Path) -> None:
    from .sitehelpers import build
    site = build(repo, TODAY)
    html = (site / "incidents.html").read_text()
    assert "Database connection pool exhausted" in html and "75 min" in html and "2.4 h" in html
    assert (site / "incidents" / "2026-11-02-stripe-webhook-backlog.html").is_file()
    assert (site / "downloads" / "postmortem-template.md").read_text().startswith("# Incident post-mortem")
    assert "Where we got lucky" in (site / "postmortem-template.html").read_text()


def test_new_postmortem_shows_in_history_after_build(repo: Path) -> None:
    from .sitehelpers import build
    assert run("postmortem", "new", "CDN purge storm", "--severity", "P2", "--started",
               "2026-11-08 03:10", "--root", str(repo), "--today", TODAY).exit_code == 0
    html = (build(repo, TODAY) / "incidents.html").read_text()
    assert "CDN purge storm" in html


def test_overdue_action_items_and_reviews_fail_check(repo: Path) -> None:
    result = run("check", "--root", str(repo), "--today", "2026-12-20")
    assert result.exit_code == 1
    assert ("postmortems/2026-11-02-stripe-webhook-backlog.md:14:96: error: action_items[0]: 'Alert "
            "when the webhook queue is older than 10 minutes' was due on 2026-12-01 (19 days ago) and "
            "is still open, owner payments-team [action-overdue]") in result.output
    assert "'Load test with 3x traffic' was due on 2026-12-15 (5 days ago)" in result.output
    done = "Increase connection pool size to 100"   # done: true items never fail
    assert done not in result.output


def test_review_meeting_overdue(repo: Path) -> None:
    path = repo / "postmortems" / "2026-11-02-stripe-webhook-backlog.md"
    path.write_text(path.read_text().replace('review_meeting: "2026-11-06"\n', ""))
    result = run("check", "--root", str(repo), "--today", TODAY)
    assert result.exit_code == 1
    assert ("postmortems/2026-11-02-stripe-webhook-backlog.md:8:11: error: review meeting was due by "
            "2026-11-09 (1 week after resolution for P2) and is not recorded [postmortem-review-overdue]"
            ) in result.output
