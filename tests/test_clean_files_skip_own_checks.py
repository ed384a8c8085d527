"""A file known clean skips the checks of its own values and shape; nothing is missed for it."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator import core
from generator.caching import findings
from generator.caching import store as cache

from .conftest import TEST_TODAY


@pytest.fixture(autouse=True)
def own_cache_key(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("PLAYBOOK_NO_CACHE", raising=False)
    monkeypatch.delenv("PLAYBOOK_CACHE_DIR", raising=False)
    cache._key.cache_clear()
    yield
    cache._key.cache_clear()


def _walked(monkeypatch) -> list[str]:
    """Files whose own values are checked (or looked up among the findings of this process)."""
    walked: list[str] = []
    real = findings.key_of

    def counting(group, kind, source):
        if group == "values":
            walked.append(source.rel)
        return real(group, kind, source)

    monkeypatch.setattr(findings, "key_of", counting)
    return walked


def _load(repo: Path) -> core.Result:
    return core.load(repo, core.Options(today=TEST_TODAY, render_cards=False))


def test_only_files_not_known_clean_are_walked_and_the_findings_are_the_same(repo: Path, monkeypatch) -> None:
    playbook = sorted((repo / "content" / "playbooks").glob("*.yaml"))[0]
    text = playbook.read_text()
    playbook.write_text(text.replace("title: ", "title: EXAMPLE ", 1))
    first = _load(repo)
    rel = playbook.relative_to(repo).as_posix()
    assert [p.file for p in first.problems if p.code == "example-value"] == [rel]

    walked = _walked(monkeypatch)
    second = _load(repo)
    assert rel in walked and len(walked) < len(list(second.content.all_sources())) // 2
    assert [(p.file, p.code, p.message) for p in second.problems] == \
        [(p.file, p.code, p.message) for p in first.problems]

    # An edit to a clean file checks its values again.
    other = sorted((repo / "content" / "playbooks").glob("*.yaml"))[1]
    other.write_text(other.read_text().replace("title: ", "title: EXAMPLE ", 1))
    walked.clear()
    third = _load(repo)
    other_rel = other.relative_to(repo).as_posix()
    assert other_rel in walked
    assert {p.file for p in third.problems if p.code == "example-value"} == {rel, other_rel}

