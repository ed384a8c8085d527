"""The import says when a finding stops even a draft build (a likely secret), instead of promising a
preview that `playbook build --draft` then refuses."""
from __future__ import annotations

import shutil

from click.testing import CliRunner

from generator.cli import main

from .conftest import REPO, TEST_TODAY

DOC = """# Leaked cloud key

## Severity

| Level | Meaning | Respond within |
|---|---|---|
| SEV1 | Key used by an attacker | 15 minutes |
| SEV2 | Key leaked, not used | 1 hour |

## Revoke the key

1. Deactivate it:

   ```bash
   aws iam update-access-key --access-key-id AKIAQWERTYUIOPASDFGH --status Inactive
   ```
"""


def test_import_names_the_findings_that_stop_a_draft_build_and_the_draft_build_agrees(tmp_path) -> None:
    source = tmp_path / "leak.md"
    source.write_text(DOC)
    repo = tmp_path / "repo"
    result = CliRunner().invoke(main, ["import", str(source), "--out", str(repo / "content"),
                                       "--today", TEST_TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    assert "stop even `playbook build --draft`" in result.output and "(secret)" in result.output
    assert "previews the site meanwhile" not in result.output
    assert "stop even `playbook build --draft`" in (repo / "content" / "import-report.md").read_text()
    for part in ("schemas", "site_overrides"):
        shutil.copytree(REPO / part, repo / part)
    shutil.copy(REPO / "mkdocs.yml", repo / "mkdocs.yml")
    draft = CliRunner().invoke(main, ["build", "--draft", "--root", str(repo), "--today", TEST_TODAY.isoformat()])
    assert draft.exit_code == 1 and "secret" in draft.output


def test_placeholders_alone_still_promise_a_preview(tmp_path) -> None:
    source = tmp_path / "plain.md"
    source.write_text(DOC.replace("AKIAQWERTYUIOPASDFGH", "$KEY_ID"))
    result = CliRunner().invoke(main, ["import", str(source), "--out", str(tmp_path / "content"),
                                       "--today", TEST_TODAY.isoformat()])
    assert "previews the site meanwhile" in result.output
