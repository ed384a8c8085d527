"""What a team runs: the built wheel in a fresh venv, used from a directory outside the checkout.

One module-scoped install: build the wheel from this checkout, install it (and
nothing else from the checkout) into a new venv, then go through the "Done when"
of `playbook init`: init, check, build, mkdocs build --strict, import, the site
makes no request elsewhere and has no raw Markdown, every modeline resolves,
and the pre-commit hook catches a renamed severity when only that file is staged.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO, TEST_TODAY

pytestmark = pytest.mark.slow
TODAY = TEST_TODAY.isoformat()
SEEDS = Path("/work/shared/seeds")
FIXTURE_DOC = REPO / "tests" / "cases" / "init" / "runbook.md"


class Installed:
    def __init__(self, venv: Path, work: Path) -> None:
        self.venv, self.work = venv, work
        self.bin = venv / "bin"

    def env(self, **extra: str) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
        env.update(PATH=f"{self.bin}{os.pathsep}{env.get('PATH', '')}", VIRTUAL_ENV=str(self.venv),
                   NO_MKDOCS_2_WARNING="1", **extra)
        return env

    def run(self, *args: str, cwd: Path | None = None, check: bool = True, **env: str):
        result = subprocess.run(list(args), cwd=cwd or self.work, env=self.env(**env),
                                capture_output=True, text=True, timeout=600)
        if check:
            assert result.returncode == 0, (args, result.stdout[-3000:], result.stderr[-3000:])
        return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("wheel")
    dist = base / "dist"
    shutil.rmtree(REPO / "build", ignore_errors=True)  # setuptools would reuse stale modules from build/lib
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(dist), str(REPO)], check=True, capture_output=True, timeout=600)
    (wheel,) = dist.glob("incident_playbooks-*.whl")
    venv = base / "venv"
    # Dependencies come from the machine's site-packages; the package itself only from the wheel.
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=300)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps", "--no-index",
                    str(wheel)], check=True, capture_output=True, timeout=300)
    work = base / "work"
    work.mkdir()
    return Installed(venv, work)


@pytest.fixture(scope="module")
def team(installed: Installed) -> Path:
    installed.run("playbook", "init", "team-runbooks", "--org-name", "Acme", "--today", TODAY)
    return installed.work / "team-runbooks"


def test_the_package_comes_from_the_wheel(installed: Installed) -> None:
    code = "import generator, generator.importer.run, generator.validate.schema as s; print(generator.__file__); print(s.SCHEMA_DIR)"
    out = installed.run(str(installed.bin / "python"), "-c", code).stdout.split()
    site_packages = str(installed.venv / "lib")
    assert all(line.startswith(site_packages) for line in out), out
    assert not any(line.startswith(str(REPO)) for line in out)


def test_an_unrelated_top_level_schemas_folder_changes_nothing(installed: Installed, tmp_path: Path) -> None:
    (site_packages,) = (installed.venv / "lib").glob("python3*/site-packages")
    intruder = site_packages / "schemas"
    intruder.mkdir()
    (intruder / "playbook.schema.json").write_text("{not json")
    try:
        result = installed.run("playbook", "init", str(tmp_path / "r"), "--today", TODAY)
        assert "Wrote" in result.stdout
        checked = installed.run("playbook", "check", "--today", TODAY, cwd=tmp_path / "r")
        assert "0 errors" in checked.stdout
    finally:
        shutil.rmtree(intruder)


def test_init_refuses_a_non_empty_directory(installed: Installed, team: Path) -> None:
    result = installed.run("playbook", "init", "team-runbooks", check=False)
    assert result.returncode == 2 and "not empty" in result.stderr


def test_check_build_and_mkdocs_strict_in_the_new_repository(installed: Installed, team: Path) -> None:
    checked = installed.run("playbook", "check", "--today", TODAY, cwd=team / "content" / "playbooks")
    assert "0 errors" in checked.stdout and "example-value" in checked.stdout
    built = installed.run("playbook", "build", "--today", TODAY, cwd=team)
    assert "Built" in built.stdout
    installed.run(str(installed.bin / "python"), "-m", "mkdocs", "build", "--strict", "-d", "mk-site",
                  cwd=team, PLAYBOOK_TODAY=TODAY)
    for site in (team / "site", team / "mk-site"):
        assert (site / "assets" / "playbooks.css").is_file()
        assert (site / "search" / "search_index.js").is_file()  # offline search
        _assert_no_other_origin_and_no_raw_markdown(site)


def _assert_no_other_origin_and_no_raw_markdown(site: Path) -> None:
    pages = list(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", html):
            if 'rel="canonical"' in tag:
                continue  # an address, never fetched
            for url in re.findall(r'(?:src|href)="([^"]+)"', tag):
                assert not re.match(r"(?:[a-z]+:)?//", url), (page, tag)
        assert "fonts.googleapis" not in html and "unpkg.com" not in html, page
        text = re.sub(r"<(pre|code)\b.*?</\1>", "", html, flags=re.S)
        assert "!!! " not in text, page
        assert not re.search(r"<li>\s*\[[ xX]\]", text), page
    playbook = (site / "playbooks" / "example-website-down.html").read_text(encoding="utf-8")
    assert 'class="pb-tick"' in playbook and "admonition" in (site / "index.html").read_text()


def test_import_from_the_installed_package(installed: Installed, team: Path) -> None:
    sources = [FIXTURE_DOC, *sorted(SEEDS.glob("*.txt"))[:1]]
    for index, source in enumerate(sources):
        out = f"imported-{index}"
        result = installed.run("playbook", "import", str(source), "--out", out, "--today", TODAY, cwd=team)
        assert "0 lost" in result.stdout and "internal error" not in result.stderr
        assert (team / out / "organization.yaml").is_file()


def test_every_modeline_resolves(installed: Installed, team: Path) -> None:
    installed.run("playbook", "import", str(FIXTURE_DOC), "--out", "x", "--today", TODAY, cwd=team)
    files = [p for folder in ("content", "x") for p in (team / folder).rglob("*.yaml")]
    assert len(files) > 12
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, path
        assert (path.parent / match.group(1)).resolve().is_file(), (path, match.group(1))


def test_schemas_resolve_by_their_ids_as_ajv_does(team: Path) -> None:
    """Registered only under their $id (no file names), every $ref still resolves."""
    import yaml
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    bodies = [json.loads(p.read_text()) for p in sorted((team / "schemas").glob("*.schema.json"))]
    registry = Registry().with_resources((body["$id"], Resource.from_contents(body)) for body in bodies)
    by_id = {body["$id"]: body for body in bodies}
    for path, schema_id in (("content/playbooks/example-website-down.yaml", "playbook.schema.json"),
                            ("content/contacts.yaml", "contacts.schema.json"),
                            ("content/escalation.yaml", "escalation.schema.json")):
        validator = Draft202012Validator(by_id[schema_id], registry=registry)
        assert list(validator.iter_errors(yaml.safe_load((team / path).read_text()))) == []
    broken = yaml.safe_load((team / "content/contacts.yaml").read_text())
    broken["contacts"][0]["phone"] = 12
    assert list(Draft202012Validator(by_id["contacts.schema.json"], registry=registry).iter_errors(broken))


def test_pre_commit_hook_checks_the_whole_repository(installed: Installed, team: Path, tmp_path: Path) -> None:
    if shutil.which("pre-commit") is None or shutil.which("git") is None:
        pytest.skip("pre-commit and git are needed")
    git = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           # the hook's virtualenv sees this machine's packages, so only the hook itself is installed
           "VIRTUALENV_SYSTEM_SITE_PACKAGES": "1", "PLAYBOOK_TODAY": TODAY}
    repo = tmp_path / "hooked"
    shutil.copytree(team, repo, ignore=shutil.ignore_patterns("site", "mk-site", "imported-*", "x"))
    for args in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "init"]):
        installed.run(*args, cwd=repo, **git)
    severities = repo / "content" / "severities.yaml"
    severities.write_text(severities.read_text().replace("id: SEV1", "id: SEV0"))
    installed.run("git", "add", "content/severities.yaml", cwd=repo, **git)
    pre_commit = shutil.which("pre-commit")
    failed = installed.run(pre_commit, "try-repo", str(REPO), "playbook-check", cwd=repo, check=False, **git)
    assert failed.returncode != 0, failed.stdout
    assert "content/playbooks/example-website-down.yaml" in failed.stdout
    assert "SEV1" in failed.stdout and "unknown-ref" in failed.stdout
    assert failed.stdout.count("playbook check") == 1  # one run for the whole repository
