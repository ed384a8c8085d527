"""`playbook alerts check/link` on real Prometheus rule files, checked with Debian's promtool."""
from __future__ import annotations

import difflib
import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main

TODAY = "2026-11-10"
SITE = "https://runbooks.tidewater.example.com"
PROMTOOL = shutil.which("promtool")
needs_promtool = pytest.mark.skipif(PROMTOOL is None, reason="promtool is not installed "
                                    "(apt-get install prometheus)")

# Alerts for the example playbooks, written the way people write rule files: comments
# everywhere, single and double quotes, flow mappings, a recording rule in between.
RULES = """\
# Alerting rules for the example content.
groups:
  - name: 'web'   # quoted group name
    rules:
      - alert: WebsiteDown
        expr: 'probe_success{job="blackbox"} == 0'
        for: 2m
        labels: {severity: page, service: web}
        annotations:
          summary: "The website does not answer"
          runbook_url: "https://runbooks.tidewater.example.com/playbooks/platform-outage.html"
      # The same name for two services: the playbooks narrow it with labels.
      - alert: HighErrorRate
        expr: sum(rate(http_requests_total{service="web",code=~"5.."}[5m])) > 5
        labels:
          severity: page
          service: web
        annotations:
          runbook_url: https://runbooks.tidewater.example.com/playbooks/platform-outage.html
      - alert: HighErrorRate
        expr: sum(rate(http_requests_total{service="payments",code=~"5.."}[5m])) > 1
        labels:
          severity: page
          service: payments
        annotations:
          runbook_url: https://runbooks.tidewater.example.com/playbooks/payments-failing.html#immediate-actions
      - alert: HighLatency
        expr: histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) > 2
        annotations:
          runbook_url: https://runbooks.tidewater.example.com/playbooks/site-slow.html
      - alert: RequestRateSpike
        expr: sum(rate(http_requests_total[5m])) > 10000
        annotations: {runbook_url: 'https://runbooks.tidewater.example.com/playbooks/ddos-attack.html'}
      - alert: LoginFailureRateHigh
        expr: sum(rate(auth_login_failures_total[5m])) > 10
        annotations:
          runbook_url: https://runbooks.tidewater.example.com/playbooks/login-failures.html
      - alert: StripeWebhookFailures
        expr: sum(rate(stripe_webhook_errors_total[10m])) > 0
        annotations:
          runbook_url: https://runbooks.tidewater.example.com/playbooks/payments-failing.html
      - alert: ExternalDependencyDown
        expr: probe_success{job="blackbox-external"} == 0
        annotations:
          summary: '{{ $labels.instance }} does not answer'
          runbook_url: https://runbooks.tidewater.example.com/playbooks/third-party-outage.html
  - name: data
    rules:
      - record: pg:up:min
        expr: min(pg_up)
      - alert: PostgresDown
        expr: pg:up:min == 0
        annotations:
          runbook_url: https://runbooks.tidewater.example.com/playbooks/database-unavailable.html
      - alert: PostgresTooManyConnections
        expr: sum(pg_stat_activity_count) > 900
        annotations:
          runbook_url: https://runbooks.tidewater.example.com/playbooks/database-unavailable.html#investigate
      - alert: PostgresBackupFailed
        expr: time() - pg_backup_last_success_timestamp_seconds > 93600
        annotations:
          runbook_url: https://runbooks.tidewater.example.com/playbooks/data-loss.html
      - alert: RedisDown
        expr: redis_up == 0
        annotations:
          runbook_url: https://runbooks.tidewater.example.com/playbooks/cache-failure.html
      - alert: RedisMemoryHigh   # no runbook yet
        expr: redis_memory_used_bytes / redis_memory_max_bytes > 0.9
        for: 10m
        labels:
          severity: ticket
        annotations:
          summary: "Redis memory above 90%"
      # trailing comment of the group
  - name: jobs
    rules:
      - alert: CeleryQueueBacklog
        expr: sum(celery_queue_length) > 1000
        annotations:
          runbook_url: https://runbooks.tidewater.example.com/playbooks/job-queue-backlog.html
      - alert: RenderQueueBacklog
        expr: sum(sqs_messages_visible) > 500
        annotations:
          runbook_url: https://runbooks.tidewater.example.com/playbooks/job-queue-backlog.html
      - alert: StreamingErrorRateHigh
        expr: sum(rate(cloudfront_5xx_errors_total[5m])) > 5
        annotations:
          runbook_url: https://runbooks.tidewater.example.com/playbooks/video-cdn-outage.html
      - alert: StreamingPodsCrashLooping
        expr: increase(kube_pod_container_status_restarts_total[15m]) > 3
        annotations:
          runbook_url: https://runbooks.tidewater.example.com/playbooks/video-cdn-outage.html
      - alert: DiskAlmostFull
        expr: node_filesystem_avail_bytes / node_filesystem_size_bytes < 0.1
        annotations:
          runbook_url: https://runbooks.tidewater.example.com/playbooks/disk-full.html
"""
NO_RUNBOOK_LINE = RULES.splitlines().index("      - alert: RedisMemoryHigh   # no runbook yet") + 1
BROKEN_LINE = RULES.splitlines().index(
    "          runbook_url: https://runbooks.tidewater.example.com/playbooks/disk-full.html") + 1


def run(repo: Path, *args: str):
    old = os.getcwd()
    os.chdir(repo)
    try:
        return CliRunner().invoke(main, [*args, "--today", TODAY], prog_name="playbook")
    finally:
        os.chdir(old)


def promtool(path: Path) -> None:
    done = subprocess.run([PROMTOOL, "check", "rules", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def rules(repo: Path) -> Path:
    path = repo / "alerts" / "example.yaml"
    path.parent.mkdir()
    path.write_text(RULES, encoding="utf-8")
    return path


@needs_promtool
def test_check_reports_exactly_the_missing_and_the_broken_runbook(repo: Path, rules: Path) -> None:
    promtool(rules)
    result = run(repo, "alerts", "check", "alerts/example.yaml", "--format", "json")
    assert result.exit_code == 1, result.output
    found = json.loads(result.output)
    assert [(p["file"], p["line"], p["code"]) for p in found] == [
        ("alerts/example.yaml", NO_RUNBOOK_LINE, "alert-no-runbook"),
        ("alerts/example.yaml", BROKEN_LINE, "runbook-broken"),
    ]
    assert "RedisMemoryHigh" in found[0]["message"]
    assert f"{SITE}/playbooks/cache-failure.html" in found[0]["hint"]
    assert "disk-full" in found[1]["message"]


@needs_promtool
def test_link_write_fixes_the_missing_runbook_keeps_everything_else_and_is_idempotent(
        repo: Path, rules: Path) -> None:
    shown = run(repo, "alerts", "link", "alerts/example.yaml")
    assert shown.exit_code == 0, shown.output
    assert f"+          runbook_url: {SITE}/playbooks/cache-failure.html" in shown.output
    assert rules.read_text() == RULES  # showing writes nothing

    written = run(repo, "alerts", "link", "alerts/example.yaml", "--write")
    assert written.exit_code == 0, written.output
    after = rules.read_text()
    changes = [line for line in difflib.ndiff(RULES.splitlines(), after.splitlines()) if line[:2] in "- + "]
    assert changes == [f"+           runbook_url: {SITE}/playbooks/cache-failure.html"]
    promtool(rules)

    before_second = digest(rules)
    again = run(repo, "alerts", "link", "alerts/example.yaml", "--write")
    assert again.exit_code == 0, again.output
    assert digest(rules) == before_second
    check = run(repo, "alerts", "check", "alerts/example.yaml", "--format", "json")
    assert [p["code"] for p in json.loads(check.output)] == ["runbook-broken"]


@needs_promtool
def test_link_replaces_a_link_to_the_wrong_playbook_in_place(repo: Path, rules: Path) -> None:
    wrong = RULES.replace("playbooks/site-slow.html", "playbooks/platform-outage.html")
    rules.write_text(wrong)
    promtool(rules)
    check = run(repo, "alerts", "check", "alerts/example.yaml")
    assert "alert 'HighLatency' is handled by playbook 'site-slow', but its runbook_url leads to " \
           "playbooks/platform-outage.html" in check.output
    run(repo, "alerts", "link", "alerts/example.yaml", "--write")
    after = rules.read_text()
    assert after.count("playbooks/site-slow.html") == 1
    assert "      - alert: RedisMemoryHigh   # no runbook yet\n" in after
    assert "expr: 'probe_success{job=\"blackbox\"} == 0'" in after
    assert "annotations: {runbook_url: 'https://runbooks" in after  # flow style and quotes kept
    promtool(rules)


def test_anchors_must_exist_on_the_page(repo: Path, rules: Path) -> None:
    rules.write_text(RULES.replace("#investigate", "#no-such-section"))
    result = run(repo, "alerts", "check", "alerts/example.yaml")
    assert "#no-such-section is not an anchor on playbooks/database-unavailable.html" in result.output
    assert "immediate-actions" in result.output  # the hint lists real anchors


def test_the_other_formats(repo: Path, rules: Path) -> None:
    github = run(repo, "alerts", "check", "alerts/example.yaml", "--format", "github")
    assert f"::error file=alerts/example.yaml,line={NO_RUNBOOK_LINE}," in github.output
    gitlab = json.loads(run(repo, "alerts", "check", "alerts/example.yaml", "--format", "gitlab").output)
    assert [item["location"]["lines"]["begin"] for item in gitlab] == [NO_RUNBOOK_LINE, BROKEN_LINE]
    text = run(repo, "alerts", "check", "alerts/example.yaml").output
    assert f"alerts/example.yaml:{NO_RUNBOOK_LINE}:9: error: alert 'RedisMemoryHigh' has no runbook_url" in text


def test_claimed_alerts_no_rule_defines_are_warnings(repo: Path, rules: Path) -> None:
    rules.write_text(RULES.replace("alert: RedisDown", "alert: RedisIsDown"))
    result = run(repo, "alerts", "check", "alerts/example.yaml", "--format", "json")
    warnings = [p for p in json.loads(result.output) if p["level"] == "warning"]
    assert [(w["file"], w["code"]) for w in warnings] == [("content/playbooks/cache-failure.yaml",
                                                           "alert-not-defined")]
    assert warnings[0]["line"] > 1 and "'RedisDown'" in warnings[0]["message"]


def test_an_unparseable_rule_file_is_a_finding_and_is_never_written(repo: Path, rules: Path) -> None:
    broken = RULES.replace("summary: \"Redis memory above 90%\"", "summary: \"Redis memory above 90%")
    rules.write_text(broken)
    before = digest(rules)
    check = run(repo, "alerts", "check", "alerts/example.yaml")
    assert check.exit_code == 2
    assert "alerts/example.yaml:" in check.output and "rules-unreadable" in check.output
    assert "Traceback" not in check.output
    link = run(repo, "alerts", "link", "alerts/example.yaml", "--write")
    assert link.exit_code == 2
    assert "could not be parsed; not changed" in link.output
    assert digest(rules) == before


@pytest.mark.parametrize("text", ["", "\x00\x01", "- just\n- a list\n", "groups: 3\n", "{{ helm }}: [\n"])
def test_odd_files_never_crash(repo: Path, rules: Path, text: str) -> None:
    rules.write_text(text)
    result = run(repo, "alerts", "check", "alerts/example.yaml")
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


def test_missing_rule_file_is_a_usage_error(repo: Path) -> None:
    result = run(repo, "alerts", "check", "alerts/nope.yaml")
    assert result.exit_code == 2 and "no such file" in result.output


PROMETHEUS_RULE = """\
# Kubernetes objects from prometheus-operator; this comment is above the first ---.
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: db
spec:
  groups:
  - name: db
    rules:
    - alert: PostgresDown
      expr: pg_up == 0
      labels:
        severity: page
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: unrelated
data:
  key: value
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: cache
spec:
  groups:
  - name: cache
    rules:
    - alert: RedisDown
      expr: redis_up == 0
      annotations:
        summary: "Redis"
"""


def _line(text: str, line: str) -> int:
    return text.splitlines().index(line) + 1


def _spec_groups_file(text: str, target: Path) -> Path:
    """promtool checks plain rule files: gather the PrometheusRules' groups into one."""
    groups = [g for doc in yaml.safe_load_all(text) if doc and doc.get("kind") == "PrometheusRule"
              for g in doc["spec"]["groups"]]
    target.write_text(yaml.safe_dump({"groups": groups}))
    return target


@needs_promtool
def test_prometheusrule_objects_in_a_multi_document_file(repo: Path, tmp_path: Path) -> None:
    path = repo / "k8s.yaml"
    path.write_text(PROMETHEUS_RULE)
    promtool(_spec_groups_file(PROMETHEUS_RULE, tmp_path / "before.yaml"))
    check = json.loads(run(repo, "alerts", "check", "k8s.yaml", "--format", "json").output)
    assert [(p["line"], p["code"]) for p in check if p["file"] == "k8s.yaml"] == [
        (_line(PROMETHEUS_RULE, "    - alert: PostgresDown"), "alert-no-runbook"),
        (_line(PROMETHEUS_RULE, "    - alert: RedisDown"), "alert-no-runbook")]
    assert run(repo, "alerts", "link", "k8s.yaml", "--write").exit_code == 0
    after = path.read_text()
    assert after.startswith("# Kubernetes objects from prometheus-operator; this comment is above the first ---.\n---\n")
    assert f"      annotations:\n        runbook_url: {SITE}/playbooks/database-unavailable.html\n---\n" in after
    assert f'        summary: "Redis"\n        runbook_url: {SITE}/playbooks/cache-failure.html\n' in after
    assert "  key: value\n" in after
    promtool(_spec_groups_file(after, tmp_path / "after.yaml"))
    before_second = digest(path)
    run(repo, "alerts", "link", "k8s.yaml", "--write")
    assert digest(path) == before_second


@needs_promtool
def test_a_file_that_cannot_be_written_back_faithfully_is_refused(repo: Path) -> None:
    # Two indentation styles in one file: the round trip cannot keep both, so nothing is written.
    text = ("groups:\n- name: a\n  rules:\n  - alert: PostgresDown\n    expr: pg_up == 0\n"
            "- name: b\n  rules:\n      - alert: RedisDown\n        expr: redis_up == 0\n")
    path = repo / "mixed.yaml"
    path.write_text(text)
    promtool(path)
    result = run(repo, "alerts", "link", "mixed.yaml", "--write")
    assert result.exit_code == 1
    assert "not changing the file" in result.output and "PostgresDown: add runbook_url" in result.output
    assert path.read_text() == text


def test_crlf_files_keep_their_line_endings(repo: Path) -> None:
    text = "groups:\r\n  - name: a\r\n    rules:\r\n      - alert: PostgresDown\r\n        expr: pg_up == 0\r\n"
    path = repo / "crlf.yaml"
    path.write_bytes(text.encode())
    assert run(repo, "alerts", "link", "crlf.yaml", "--write").exit_code == 0
    data = path.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") == 7


@needs_promtool
def test_the_example_rule_files_are_clean(repo: Path, tmp_path: Path) -> None:
    """What .ci/run checks: every example alert leads to its playbook, and promtool accepts the rules."""
    promtool(repo / "examples" / "alerts" / "platform.yaml")
    kubernetes = (repo / "examples" / "alerts" / "streaming-prometheusrule.yaml").read_text()
    promtool(_spec_groups_file(kubernetes, tmp_path / "streaming.yaml"))
    result = run(repo, "alerts", "check", "examples/alerts/", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.output) == []
    link = run(repo, "alerts", "link", "examples/alerts/")
    assert "already has its runbook_url" in link.output
