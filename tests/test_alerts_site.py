"""Alerts on the built site: the alert index, alerts on playbook pages, search, redirects for old ids."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Iterator

import pytest
from click.testing import CliRunner

from generator.cli import main

from .conftest import REPO, copy_repo
from .sitehelpers import CHROMIUM, CHROMIUM_ARGS, build, serve

TODAY = "2026-11-10"
HOSTILE = "<img src=x onerror=alert(1)>"
# Prometheus accepts any alert name; promtool passes this file.
HOSTILE_RULES = """\
groups:
  - name: hostile
    rules:
      - alert: "<script>alert(1)</script>"
        expr: vector(1)
        annotations:
          runbook_url: https://runbooks.tidewater.example.com/playbooks/site-slow.html
"""


def run(repo: Path, *args: str):
    old = os.getcwd()
    os.chdir(repo)
    try:
        return CliRunner().invoke(main, [*args, "--today", TODAY], prog_name="playbook")
    finally:
        os.chdir(old)


def rename(repo: Path, old: str, new: str, keep_old_url: bool = True) -> None:
    """What a team does when renaming a playbook: new file and id, references updated."""
    for path in [*(repo / "content").rglob("*.yaml"), *(repo / "postmortems").glob("*.md")]:
        content = path.read_text()
        updated = re.sub(rf"(?<![\w/-]){re.escape(old)}(?![\w-])", new, content)
        if updated != content:
            path.write_text(updated)
    source = repo / "content" / "playbooks" / f"{old}.yaml"
    text = source.read_text()
    assert f"\nid: {new}\n" in text
    if keep_old_url:
        text = text.replace("\ntitle:", f"\nprevious_ids: [{old}]\ntitle:", 1)
    source.unlink()
    (repo / "content" / "playbooks" / f"{new}.yaml").write_text(text)


def claim(repo: Path, playbook: str, item: str) -> None:
    path = repo / "content" / "playbooks" / f"{playbook}.yaml"
    path.write_text(path.read_text().replace("\nalerts:\n", f"\nalerts:\n  - {item}\n", 1))


def example_alerts() -> dict[str, set[str]]:
    """Alert name -> the ids of the playbooks that claim it (an alert fired for several
    services, told apart by labels, has one playbook per service), from the example content."""
    import yaml

    found: dict[str, set[str]] = {}
    for path in sorted((REPO / "content" / "playbooks").glob("*.yaml")):
        data = yaml.safe_load(path.read_text())
        for item in data.get("alerts") or ():
            found.setdefault(item if isinstance(item, str) else item["alert"], set()).add(data["id"])
    return found


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = copy_repo(tmp_path_factory.mktemp("alerts-site") / "repo")
    rename(repo, "site-slow", "slow-responses")
    claim(repo, "cache-failure", "{alert: RedisDown, labels: {team: '%s'}}" % HOSTILE)
    (repo / "examples" / "alerts" / "hostile.yaml").write_text(HOSTILE_RULES)
    return build(repo, TODAY)


def test_alert_index_lists_alert_playbook_and_rule_file(renamed_site: Path) -> None:
    page = (renamed_site / "alerts.html").read_text()
    row = re.search(r"<tr>\s*<td><code>HighLatency</code></td>(.*?)</tr>", page, re.DOTALL)
    assert row, "HighLatency is not in the alert index"
    assert 'href="playbooks/slow-responses.html"' in row.group(1)
    assert "examples/alerts/platform.yaml" in row.group(1)
    streaming = re.search(r"<td><code>StreamingPodsCrashLooping</code></td>(.*?)</tr>", page, re.DOTALL)
    assert "examples/alerts/streaming-prometheusrule.yaml" in streaming.group(1)
    assert 'href="alerts.html"' in (renamed_site / "index.html").read_text()  # in the navigation


def test_playbook_page_lists_its_alerts(renamed_site: Path) -> None:
    page = (renamed_site / "playbooks" / "database-unavailable.html").read_text()
    # the "About this playbook" list below the steps (issue 13 moved it out of the table)
    cell = re.search(r"<strong>Alerts:</strong>(.*?)</li>", page, re.DOTALL).group(1)
    assert "<code>PostgresDown</code>" in cell and "<code>PostgresTooManyConnections</code>" in cell
    assert 'href="../alerts.html"' in cell


def test_label_values_from_content_are_escaped(renamed_site: Path) -> None:
    for page in ("alerts.html", "playbooks/cache-failure.html"):
        text = (renamed_site / page).read_text()
        assert "onerror=alert(1)" in text.replace("&lt;", "<").replace("&gt;", ">")
        assert HOSTILE not in text and "<img src=x" not in text


def test_alert_names_from_rule_files_are_escaped(renamed_site: Path, tmp_path: Path) -> None:
    import shutil
    import subprocess

    if shutil.which("promtool"):
        (tmp_path / "hostile.yaml").write_text(HOSTILE_RULES)
        done = subprocess.run(["promtool", "check", "rules", str(tmp_path / "hostile.yaml")], capture_output=True)
        assert done.returncode == 0, done.stdout
    page = (renamed_site / "alerts.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # listed under alerts without a playbook
    assert "<script>alert(1)" not in page


def test_old_id_redirects_to_the_renamed_playbook(renamed_site: Path) -> None:
    page = (renamed_site / "playbooks" / "site-slow.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=slow-responses.html">' in page
    assert '<a href="slow-responses.html">Site slow</a>' in page
    assert (renamed_site / "playbooks" / "slow-responses.html").is_file()


def test_check_fails_when_an_alert_points_at_a_playbook_id_that_is_gone(repo: Path) -> None:
    rename(repo, "site-slow", "slow-responses", keep_old_url=False)
    result = run(repo, "check", "--no-cards", "--format", "json")
    assert result.exit_code == 1, result.output
    gone = [p for p in json.loads(result.output)["problems"] if p["code"] == "runbook-playbook-gone"]
    lines = (repo / "examples/alerts/platform.yaml").read_text().splitlines()
    expected = next(i for i, line in enumerate(lines, 1) if line.strip().endswith("playbooks/site-slow.html"))
    assert [(p["file"], p["line"]) for p in gone] == [("examples/alerts/platform.yaml", expected)]
    assert "previous_ids: [site-slow]" in gone[0]["hint"]
    assert run(repo, "build", "--site-dir", str(repo / "out")).exit_code == 1


def test_renamed_playbook_keeps_alerts_working_and_link_updates_them(repo: Path) -> None:
    rename(repo, "site-slow", "slow-responses")
    assert run(repo, "check", "--no-cards").exit_code == 0
    check = run(repo, "alerts", "check", "examples/alerts/", "--format", "json")
    assert check.exit_code == 0, check.output
    assert [p["code"] for p in json.loads(check.output)["problems"]] == ["runbook-old-id"]
    assert run(repo, "alerts", "link", "examples/alerts/", "--write").exit_code == 0
    text = (repo / "examples/alerts/platform.yaml").read_text()
    assert "playbooks/slow-responses.html" in text and "playbooks/site-slow.html" not in text
    assert json.loads(run(repo, "alerts", "check", "examples/alerts/", "--format", "json").output)["problems"] == []


def test_a_previous_id_must_not_be_a_current_id_or_used_twice(repo: Path) -> None:
    for playbook in ("site-slow", "data-loss"):
        path = repo / "content" / "playbooks" / f"{playbook}.yaml"
        path.write_text(path.read_text().replace("\ntitle:", "\nprevious_ids: [cache-failure, slow]\ntitle:", 1))
    codes = [(p["file"], p["code"]) for p in json.loads(run(repo, "check", "--no-cards", "--format", "json").output)["problems"]
             if p["code"].startswith("previous-id")]
    assert ("content/playbooks/site-slow.yaml", "previous-id-in-use") in codes
    assert ("content/playbooks/data-loss.yaml", "previous-id-twice") in codes \
        or ("content/playbooks/site-slow.yaml", "previous-id-twice") in codes


def test_an_alert_claimed_by_two_playbooks_is_an_error(repo: Path) -> None:
    claim(repo, "site-slow", "PostgresDown")
    problems = json.loads(run(repo, "check", "--no-cards", "--format", "json").output)["problems"]
    twice = [p for p in problems if p["code"] == "alert-claimed-twice"]
    assert len(twice) == 1 and "database-unavailable" in twice[0]["message"]


# --- in a real browser -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():  # pragma: no cover - .ci/run installs it
        pytest.skip("Debian chromium is not installed")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def base_url(renamed_site: Path) -> Iterator[str]:
    with serve(renamed_site) as url:
        yield url


@pytest.mark.browser
def test_searching_an_alert_name_puts_its_playbook_first(browser, base_url: str) -> None:
    from .test_browser import first_result

    expected = {name: {("slow-responses" if pid == "site-slow" else pid) for pid in ids}
                for name, ids in example_alerts().items()}
    assert len(expected) >= 10 and any(len(ids) > 1 for ids in expected.values())
    page = browser.new_page()
    misses = []
    for name, playbooks in expected.items():
        page.goto(f"{base_url}/index.html")
        href = first_result(page, name)
        if not any(f"playbooks/{playbook}.html" in href for playbook in playbooks):
            misses.append(f"{name} -> {href} (want one of {sorted(playbooks)})")
    page.close()
    assert not misses, misses


@pytest.mark.browser
def test_the_old_url_lands_on_the_new_page_with_its_anchor(browser, base_url: str) -> None:
    page = browser.new_page()
    page.goto(f"{base_url}/playbooks/site-slow.html#investigate")
    page.wait_for_url("**/playbooks/slow-responses.html#investigate")
    assert page.locator("h1").first.inner_text().strip().rstrip("¶") == "Site slow"
    page.close()
