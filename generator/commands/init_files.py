"""The files `playbook init` writes besides content/: site and CI configuration.

CI installs the tool from a pinned source that exists: the git URL of the
team's copy of this project at tag v<version>, or the team's package index at
==<version>. Without either, the install step is a loud placeholder that fails
with instructions, and `playbook check` warns until it is replaced.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..validate.drift import UNSET
APT = "fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0"  # WeasyPrint lays out the desk cards


@dataclass(frozen=True)
class InstallSource:
    """Where CI and pre-commit install incident-playbooks from, pinned to one version."""

    version: str
    git_url: str | None = None
    index_url: str | None = None

    @property
    def known(self) -> bool:
        return bool(self.git_url or self.index_url)

    def pip(self) -> str:
        if self.git_url:
            return f'python -m pip install "incident-playbooks @ git+{self.git_url}@v{self.version}"'
        if self.index_url:
            return f'python -m pip install --index-url {self.index_url} "incident-playbooks=={self.version}"'
        return (f'echo "{UNSET}: playbook init was not told where to install incident-playbooks '
                f'{self.version} from; replace this line with an install command from README.md '
                f'(Installing in CI)" >&2; exit 1')


def mkdocs_yml() -> str:
    return """\
# The runbook site. Pages come from content/ through the `playbooks` plugin; site_name,
# site_url, repo_url and the navigation come from content/organization.yaml. The plugin
# brings the theme overrides, CSS/JS, vendored assets, Markdown extensions, search and
# offline mode, and turns off Google Fonts. Your own overrides go in site_overrides/.
site_name: Incident runbook
docs_dir: site_overrides/docs
site_dir: site
use_directory_urls: false
strict: true
theme:
  name: material
  custom_dir: site_overrides/theme
plugins:
  - playbooks
"""


GITIGNORE = "/site/\n/cards/\n/.site.lock\n/.cards.lock\n__pycache__/\n.venv/\n"


def _setup_steps(source: InstallSource, apt: bool) -> str:
    """A GitHub job's first steps: checkout, Python, the pinned install (with WeasyPrint's
    Debian libraries where the job lays out PDFs)."""
    packages = f"sudo apt-get update\n          sudo apt-get install -y {APT}\n          " if apt else ""
    return f"""\
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Install incident-playbooks {source.version}
        run: |
          {packages}{source.pip()}"""


def github_check(source: InstallSource) -> str:
    return f"""\
# Written by `playbook init` (incident-playbooks {source.version}).
# Pull requests: every problem is annotated on its line; the site and desk cards are built.
# Pushes to main: the built site is uploaded as an artifact (publish it with your Pages step).
name: playbooks

on:
  pull_request:
  push:
    branches: [main]

permissions:
  contents: read

jobs:
  check-and-build:
    runs-on: ubuntu-latest
{_setup_steps(source, apt=True)}
      - name: Check content
        # Annotates the first ten errors and warnings; the full list goes to the job summary.
        run: playbook check --format github
      - name: Build the site and desk cards
        run: playbook build
      - uses: actions/upload-artifact@v4
        with:
          name: runbook-site
          path: site/
"""


def github_reviews(source: InstallSource) -> str:
    return f"""\
# Written by `playbook init` (incident-playbooks {source.version}).
# Review dates expire without any commit, so check them on a schedule too. Every Monday the
# review report goes to the job summary; the job fails while a review is overdue (exit 1)
# or the content is broken (exit 2).
name: playbook reviews

on:
  schedule:
    - cron: "0 7 * * 1"
  workflow_dispatch:

permissions:
  contents: read

jobs:
  reviews:
    runs-on: ubuntu-latest
{_setup_steps(source, apt=False)}
      - name: Review report
        run: |
          set -o pipefail
          playbook reviews --format markdown --suggest-stagger | tee -a "$GITHUB_STEP_SUMMARY"
      - name: Review calendar
        if: always()
        run: playbook reviews --format ics > reviews.ics || true
      - uses: actions/upload-artifact@v4
        if: always()
        with:
          name: review-calendar
          path: reviews.ics
"""


def gitlab_ci(source: InstallSource) -> str:
    return f"""\
# Written by `playbook init` (incident-playbooks {source.version}).
# Merge requests show every problem in the Code Quality widget; a scheduled pipeline
# (Build > Pipeline schedules, weekly) runs the review report.
stages: [check, build]

default:
  image: python:3.12
  before_script:
    - apt-get update -qq && apt-get install -y -qq {APT}
    - |
      {source.pip()}

playbook-check:
  stage: check
  script:
    - playbook check --format gitlab > gl-code-quality-report.json || true
    - playbook check
  artifacts:
    when: always
    reports:
      codequality: gl-code-quality-report.json
  rules:
    - if: $CI_PIPELINE_SOURCE != "schedule"

playbook-build:
  stage: build
  script:
    - playbook build
  artifacts:
    paths: [site/]
  rules:
    - if: $CI_PIPELINE_SOURCE != "schedule"

playbook-reviews:
  stage: check
  script:
    - playbook reviews --format markdown --suggest-stagger
  rules:
    - if: $CI_PIPELINE_SOURCE == "schedule"
"""


_HOOK_KEYS = """\
        name: playbook check
        entry: playbook check
        pass_filenames: false
        require_serial: true
        files: ^(content/.*\\.ya?ml|postmortems/.*\\.md|schemas/.*\\.json)$"""


def pre_commit_config(source: InstallSource) -> str:
    head = (f"# Written by `playbook init` (incident-playbooks {source.version}). The hook checks the "
            f"whole\n# repository (references between files), whatever files are staged.\nrepos:\n")
    if source.git_url:
        return head + f"""\
  - repo: {source.git_url}
    rev: v{source.version}
    hooks:
      - id: playbook-check
"""
    if source.index_url:
        return head + f"""\
  # pip reads your index from PIP_INDEX_URL={source.index_url}
  - repo: local
    hooks:
      - id: playbook-check
{_HOOK_KEYS}
        language: python
        additional_dependencies: ["incident-playbooks=={source.version}"]
"""
    return head + f"""\
  # {UNSET}: this runs the playbook installed on your machine, unpinned. Replace it with
  # the pinned form from README.md (Installing in CI) once you know where you install from.
  - repo: local
    hooks:
      - id: playbook-check
{_HOOK_KEYS}
        language: system
"""
