"""A repository that drifted from the installed tool: outdated schemas/, CI that cannot install it."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from .. import resources
from ..problems import WARNING, Problem

SCHEMAS = "schemas"
REFRESH = "run `playbook schemas --out schemas` to refresh them from the installed version"
UNSET = "PLAYBOOK-INSTALL-SOURCE-NOT-SET"  # what `playbook init` writes when told no install source
CI_FILES = (".github/workflows/playbooks.yml", ".github/workflows/playbook-reviews.yml", ".gitlab-ci.yml",
            ".pre-commit-config.yaml")


def check_drift(root: Path) -> Iterator[Problem]:
    """Warn when the repository's schemas/ is not what this version validates against."""
    folder = root / SCHEMAS
    if not folder.is_dir() or folder.resolve() == resources.schemas_dir().resolve():
        return
    for name, text in resources.schema_texts().items():
        path = folder / name
        try:
            same = path.read_text(encoding="utf-8") == text
        except (OSError, UnicodeDecodeError):
            same = False
        if not same:
            state = "differs from" if path.exists() else "is missing, unlike"
            yield Problem(f"{SCHEMAS}/{name}", "schemas-outdated",
                          f"{state} the schema installed with this version of playbook, so editors "
                          f"check against other rules than `playbook check`", level=WARNING, hint=REFRESH)


def check_install_source(root: Path) -> Iterator[Problem]:
    """Warn while a CI file still has the install placeholder init wrote."""
    for rel in CI_FILES:
        path = root / rel
        try:
            text = path.read_text(encoding="utf-8") if path.is_file() else ""
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if UNSET in line:
                yield Problem(rel, "install-source-unset", "CI does not know where to install "
                              "incident-playbooks from (the placeholder playbook init wrote)",
                              level=WARNING, line=number, column=line.index(UNSET) + 1,
                              hint="replace it with `pip install \"incident-playbooks @ git+URL@vVERSION\"` "
                                   "or your index; or rerun init with --git-url or --index-url")
                break
