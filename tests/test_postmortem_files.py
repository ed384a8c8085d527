"""Post-mortems are read like content: regular files inside the repository, size-limited first."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import core
from generator.load.content import read_content
from generator.load.safe_read import Refused, read_bounded

from .conftest import TEST_TODAY

ORIGINAL = "2026-11-02-stripe-webhook-backlog.md"


def problems_for(repo: Path, name: str) -> list:
    content, problems = read_content(repo)
    return [p for p in problems if p.file == f"postmortems/{name}"]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/stdin", "/dev/urandom"])
def test_a_link_to_a_device_is_refused_without_reading(repo: Path, device: str) -> None:
    (repo / "postmortems" / "2026-11-20-x.md").symlink_to(device)
    found = problems_for(repo, "2026-11-20-x.md")
    assert [p.code for p in found] in (["outside-repository"], ["not-a-file"]), found


def test_a_fifo_inside_the_repository_does_not_hang(repo: Path) -> None:
    os.mkfifo(repo / "postmortems" / "2026-11-21-pipe.md")
    assert [p.code for p in problems_for(repo, "2026-11-21-pipe.md")] == ["not-a-file"]


def test_a_link_to_a_file_outside_the_repository_is_not_published(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.md"
    outside.write_text((repo / "postmortems" / ORIGINAL).read_text().replace(
        "title: ", "title: Secret outside ", 1))
    (repo / "postmortems" / "2026-11-22-leak.md").symlink_to(outside)
    result = core.load(repo, core.Options(today=TEST_TODAY, render_cards=False))
    found = [p for p in result.problems if p.file == "postmortems/2026-11-22-leak.md"]
    assert [p.code for p in found] == ["outside-repository"]
    assert not result.ok  # so build refuses to publish it


def test_a_link_inside_the_repository_is_read(repo: Path) -> None:
    (repo / "postmortems" / "2026-11-02-stripe-webhook-backlog-copy.md").symlink_to(ORIGINAL)
    assert problems_for(repo, "2026-11-02-stripe-webhook-backlog-copy.md") == [] or all(
        p.code not in ("outside-repository", "not-a-file") for p in
        problems_for(repo, "2026-11-02-stripe-webhook-backlog-copy.md"))


def test_a_content_link_to_a_device_is_refused(repo: Path) -> None:
    target = repo / "content" / "playbooks" / "site-slow.yaml"
    target.unlink()
    target.symlink_to("/dev/zero")
    content, problems = read_content(repo)
    assert any(p.file.endswith("site-slow.yaml") for p in problems)


def test_bounded_read_stops_at_the_limit_whatever_the_size_claims(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    big.write_bytes(b"x" * 2_000)
    with pytest.raises(Refused) as refused:
        read_bounded(big, tmp_path, limit=1_000)
    assert refused.value.code == "file-too-large"
    with pytest.raises(Refused):  # /proc files claim size 0 and are not regular anyway
        read_bounded(Path("/proc/self/status"), None, limit=10)
    assert read_bounded(big, tmp_path, limit=2_000) == b"x" * 2_000
