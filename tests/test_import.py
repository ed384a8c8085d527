"""`playbook import` on the three seed documents and on a document of another shape."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.validate.imported import is_missing
from generator.importer.text import repair

from .conftest import REPO, TEST_TODAY

SEEDS = Path(os.environ.get("PLAYBOOK_SEEDS") or REPO.parent / "shared" / "seeds")
SEED_FILES = sorted(SEEDS.glob("0*.txt")) if SEEDS.is_dir() else []
needs_seeds = pytest.mark.skipif(not SEED_FILES, reason="../shared/seeds is not beside the repository")
TODAY = TEST_TODAY.isoformat()
LADDERS = {"000": ["P0", "P1", "P2", "P3"], "001": ["P0", "P1", "P2", "P3"], "002": ["P1", "P2", "P3", "P4"]}


def run_import(source: Path, out: Path, *extra: str):
    return CliRunner().invoke(main, ["import", str(source), "--out", str(out), "--today", TODAY, *extra],
                              prog_name="playbook")


def load_all(out: Path) -> dict[str, dict]:
    return {str(p.relative_to(out)): yaml.safe_load(p.read_text()) for p in sorted(out.rglob("*.yaml"))}


def all_text(out: Path) -> str:
    """Every string value of every imported document, joined."""
    values: list[str] = []

    def walk(node) -> None:
        if isinstance(node, str):
            values.append(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for doc in load_all(out).values():
        walk(doc)
    return "\n".join(values)


@pytest.fixture(scope="module", params=[p.name[:3] for p in SEED_FILES] or ["none"])
def seed(request, tmp_path_factory) -> tuple[str, Path, Path]:
    if request.param == "none":
        pytest.skip("no seed documents")
    source = next(SEEDS.glob(f"{request.param}_*.txt"))
    out = tmp_path_factory.mktemp(f"import-{request.param}") / "content"
    result = run_import(source, out, "--org-name", "Seeded Org")
    assert result.exit_code == 0, result.output
    return request.param, source, out


@needs_seeds
def test_severity_ladder(seed) -> None:
    name, _, out = seed
    levels = yaml.safe_load((out / "severities.yaml").read_text())["levels"]
    assert [lv["id"] for lv in levels] == LADDERS[name]
    assert all(lv["response_time"] and lv["paging"] for lv in levels)   # a value or a FILL IN placeholder
    if name == "001":
        assert [lv["resolution_target"] for lv in levels] == ["1h", "4h", "24h", "72h"]
    if name == "002":
        assert levels[0]["response_time"] == "15m" and levels[3]["response_time"] == "next-business-day"
        assert "Database corruption or data loss" in levels[0]["examples"]


@needs_seeds
def test_contact_numbers_are_kept_and_placeholders_flagged(seed) -> None:
    name, source, out = seed
    contacts = yaml.safe_load((out / "contacts.yaml").read_text())["contacts"]
    phones = [c.get("phone", "") for c in contacts]
    source_phones = re.findall(r"\+?1-(?:XXX|800)-XXX-XXXX", source.read_text())
    for phone in set(source_phones):
        assert phone in phones, phone
    report = (out / "import-report.md").read_text()
    if source_phones:
        assert "is a placeholder, not a real phone" in report


@needs_seeds
def test_phases_with_time_windows(seed) -> None:
    name, _, out = seed
    phases = yaml.safe_load((out / "process.yaml").read_text())["phases"]
    first = phases[0]
    assert first["window"]["start"] == "0m"
    assert first["window"]["end"] == {"000": "5m", "001": "15m", "002": "5m"}[name]
    assert len(phases) >= 4
    if name == "000":   # the printable checklist is merged into the phases it belongs to
        detection = next(p for p in phases if p["id"].startswith("detection"))
        assert "Confirm the incident is real (not false alarm)" in detection["checklist"]


@needs_seeds
def test_every_command_line_lands_in_the_output(seed) -> None:
    _, source, out = seed
    text = "\n".join(repair(line)[0] for line in source.read_text().splitlines())
    output = all_text(out)
    missing = []
    for block in re.findall(r"```(?:bash|sh)\n(.*?)```", text, re.DOTALL):
        for line in block.splitlines():
            command = line.strip()
            if command and not command.startswith("#") and command not in output:
                missing.append(command)
    assert missing == []


@needs_seeds
def test_nothing_is_lost(seed) -> None:
    _, source, out = seed
    report = (out / "import-report.md").read_text()
    match = re.search(r"(\d+) non-empty source lines: (\d+) in structured fields(?: \([^)]*\))?, (\d+) kept verbatim "
                      r"in `notes`.*, 0 lost", report)
    assert match, report[:400]
    total, mapped, noted = map(int, match.groups())
    assert total == mapped + noted
    assert total == sum(1 for line in source.read_text().splitlines() if line.strip())
    assert mapped / total > 0.6     # most of the document is structured, not just parked in notes
    notes = "\n".join(doc.get("notes", "") for doc in load_all(out).values())
    for row in re.findall(r"\| `[^`]+` \| [^|]+ \| ([^|]+) \|", report):
        for first in re.findall(r"lines from [^:]+:(\d+)\)", row):
            line = repair(source.read_text().splitlines()[int(first) - 1])[0].rstrip()
            assert line in notes, line


@needs_seeds
def test_check_reports_only_flagged_items(seed) -> None:
    _, _, out = seed
    result = CliRunner().invoke(main, ["check", "--root", str(out.parent), "--today", TODAY, "--format", "json",
                                       "--no-cards"])
    import json
    problems = json.loads(result.output)["problems"]
    codes = {p["code"] for p in problems}
    assert codes <= {"placeholder", "review-overdue", "missing-value", "unsorted-notes"}, codes
    report = (out / "import-report.md").read_text()
    for problem in problems:   # each one is in the report's list for a human, at its line
        assert f"`{problem['file']}:{problem['line']}:{problem['column']}`: {problem['level']}: " \
               f"{problem['message']}" in report, problem
    if "review-overdue" in codes:
        assert "is the source's own 'Last Updated' date" in report


@needs_seeds
def test_broken_encoding_is_repaired(seed) -> None:
    _, source, out = seed
    output = "".join(p.read_text() for p in out.rglob("*.yaml"))
    assert "ðŸ" not in output and "â€" not in output and "‚îú" not in output
    if "ðŸ" in source.read_text() or "üö" in source.read_text():
        assert "Broken encoding repaired" in (out / "import-report.md").read_text()


@needs_seeds
def test_same_input_same_output_and_no_overwrite(seed, tmp_path: Path) -> None:
    _, source, out = seed
    again = tmp_path / "content"
    assert run_import(source, again, "--org-name", "Seeded Org").exit_code == 0
    digest = lambda d: {str(p.relative_to(d)): hashlib.sha256(p.read_bytes()).hexdigest()  # noqa: E731
                        for p in sorted(d.rglob("*")) if p.is_file()}
    assert digest(again) == digest(out)
    before = digest(again)
    refused = run_import(source, again)
    assert refused.exit_code == 2 and "not overwriting" in refused.output
    assert digest(again) == before


@needs_seeds
def test_imported_content_builds_once_flagged_items_are_filled(seed, tmp_path: Path) -> None:
    _, _, out = seed
    repo = tmp_path / "repo"
    shutil.copytree(out, repo / "content")
    for name in ("schemas", "site_overrides"):
        shutil.copytree(REPO / name, repo / name)
    shutil.copy(REPO / "mkdocs.yml", repo / "mkdocs.yml")
    contacts = repo / "content" / "contacts.yaml"
    text = contacts.read_text()
    text = re.sub(r"\+?1-(XXX|800)-XXX-XXXX", "+1 555 010 0199", text)
    text = re.sub(r"name: (.*?)\s*\(TBD\)", r"name: \1", text)
    text = text.replace("name: TBD", "name: Platform team")
    contacts.write_text(text)
    fills = {"paging": "ticket", "response_time": "1h", "site_url": "https://runbooks.example.org/",
             "timezone": "UTC", "severity": "P2", "channel": "chat", "audience": "internal", "stage": "update",
             "kind": "team"}
    for path in (repo / "content").rglob("*.yaml"):
        text = re.sub(r"last_reviewed: '?\d{4}-\d\d-\d\d'?", f"last_reviewed: '{TODAY}'", path.read_text())
        text = re.sub(r"(\w+): '?FILL IN[^\n]*", lambda m: f"{m.group(1)}: {fills.get(m.group(1), 'Filled in')}", text)
        text = re.sub(r"- '?FILL IN[^\n]*", "- Filled in", text)
        text = re.sub(r"^notes: \|\n(?:  .*\n)*", "", text, flags=re.MULTILINE)
        path.write_text(text)
    result = CliRunner().invoke(main, ["build", "--root", str(repo), "--today", TODAY])
    assert result.exit_code == 0, result.output
    assert len(list((repo / "site" / "playbooks").glob("*.html"))) >= 4


OTHER_SHAPE = """\
# Runbook for Acme Cloud

Last Updated: 2026-10-01

## Severity

### SEV1 - Critical (Response Time: 10 minutes)
**Business Impact**: Customers cannot use the product.

**Examples**:
- Control plane down
- Data loss

### SEV2 - Major (Response Time: 30 minutes)
**Business Impact**: A key feature is degraded.

### SEV3 - Minor (Response Time: next business day)
**Business Impact**: Small bugs.

## Contacts

- **Incident Manager**: Phone: +44 20 7946 0958, Slack @incident-mgr
- **Database On-Call**: +44 20 7946 0959, dba-oncall@acme.example

## Phase 1: Triage (0-10 minutes)

- [ ] Acknowledge the page
- [ ] Pick a severity

## Phase 2: Mitigate (10-60 minutes)

- Roll back or fail over

## SEV1 Incidents

### Queue Consumers Stalled

**Symptoms**:
- Messages piling up in RabbitMQ
- Orders not confirmed

**Investigation**:
```bash
rabbitmqctl list_queues name messages consumers
kubectl -n orders get pods
```

**Resolution**:
1. **If consumers crashed**
   ```bash
   kubectl -n orders rollout restart deployment/consumer
   ```

## Templates

### Customer notice
```
We are investigating delays with [feature]. Next update at [time].
```
"""


def test_a_document_of_another_shape(tmp_path: Path) -> None:
    source = tmp_path / "acme.md"
    source.write_text(OTHER_SHAPE)
    out = tmp_path / "content"
    result = run_import(source, out, "--org-name", "Acme")
    assert result.exit_code == 0, result.output
    docs = load_all(out)
    assert [lv["id"] for lv in docs["severities.yaml"]["levels"]] == ["SEV1", "SEV2", "SEV3"]
    assert docs["severities.yaml"]["levels"][0]["response_time"] == "10m"
    assert is_missing(docs["severities.yaml"]["levels"][2]["paging"])   # the source does not say
    phones = {c["id"]: c.get("phone") for c in docs["contacts.yaml"]["contacts"]}
    assert phones["incident-manager"] == "+44 20 7946 0958"
    assert phones["database-on-call"] == "+44 20 7946 0959"
    phases = docs["process.yaml"]["phases"]
    assert phases[0]["window"] == {"start": "0m", "end": "10m"}
    assert phases[0]["checklist"] == ["Acknowledge the page", "Pick a severity"]
    playbook = docs["playbooks/queue-consumers-stalled.yaml"]
    assert playbook["severity"] == "SEV1"
    assert playbook["symptoms"] == ["Messages piling up in RabbitMQ", "Orders not confirmed"]
    resolve = playbook["steps"]["resolve"][0]
    assert resolve["condition"].lower() == "if consumers crashed"
    assert "rollout restart deployment/consumer" in resolve["commands"][0]["code"]
    template = docs["templates.yaml"]["templates"][0]
    assert template["placeholders"] == {"feature": "Fill in: feature", "time": "Fill in: time"}
    assert "{feature}" in template["body"]


TABLE_SHAPE = """\
# Support escalation guide

| Priority | Meaning | Response | Resolution |
|---|---|---|---|
| SEV-1 - Emergency | Everything is down | 5 minutes | 2 hours |
| SEV-2 - Urgent | A major feature is down | 30 minutes | 8 hours |

| Name | Role | Phone | Email |
|---|---|---|---|
| Ana Lima | Duty manager | +55 11 5555-0100 | ana@example.org |
"""


def test_a_table_shaped_document(tmp_path: Path) -> None:
    source = tmp_path / "guide.md"
    source.write_text(TABLE_SHAPE)
    out = tmp_path / "content"
    assert run_import(source, out).exit_code == 0
    docs = load_all(out)
    levels = docs["severities.yaml"]["levels"]
    assert [(lv["id"], lv["name"], lv["response_time"], lv["resolution_target"]) for lv in levels] == [
        ("SEV1", "Emergency", "5m", "2h"), ("SEV2", "Urgent", "30m", "8h")]
    contact = next(c for c in docs["contacts.yaml"]["contacts"] if c["id"] == "ana-lima")
    assert contact["phone"] == "+55 11 5555-0100" and contact["email"] == "ana@example.org"


@needs_seeds
def test_seed_nothing_invented_and_every_line_visible_on_the_draft_site(seed, tmp_path: Path) -> None:
    from .importcorpus import header_rows, invented, invisible, site_text
    _, source, out = seed
    fixed = tmp_path / source.name     # the repaired text is what the importer read
    fixed.write_text("\n".join(repair(line)[0] for line in source.read_text().splitlines()) + "\n")
    assert invented(out, [fixed], extra="Seeded Org") == []
    repo = tmp_path / "repo"
    shutil.copytree(out, repo / "content")
    for name in ("schemas", "site_overrides"):
        shutil.copytree(REPO / name, repo / name)
    shutil.copy(REPO / "mkdocs.yml", repo / "mkdocs.yml")
    result = CliRunner().invoke(main, ["build", "--draft", "--root", str(repo), "--today", TODAY])
    assert result.exit_code == 0, result.output
    assert invisible(fixed, site_text(repo / "site"), header_rows(fixed)) == []
