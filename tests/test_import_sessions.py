"""Terminal sessions pasted into code blocks: what was typed after the '$' (or 'PS C:\\>') prompt
becomes the command, '> ' continuation lines and all, and what the terminal printed is no command:
it stays, as written, in the imported text of its playbook. A script (no prompt) is left as it is.

The generic checks run on the fixture with the rest of the corpus in test_import_corpus.py.
"""
from __future__ import annotations

import pytest

from generator.importer.sessions import is_session, split_session

from .importcorpus import imported

SESSIONS = "readme-pasted-sessions.md"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, object]:
    return imported(tmp_path_factory, [SESSIONS])[SESSIONS]


def _commands(book: dict) -> list[dict]:
    return [c for stage in book["steps"].values() for step in stage for c in step.get("commands", [])]


def test_typed_lines_are_the_commands_without_prompts(outputs) -> None:
    empty = _commands(outputs["playbooks/search-returns-no-results.yaml"])
    assert [c["code"] for c in empty] == [
        "curl -s http://search-01:9200/_cat/indices/products\n"
        "curl -s -XPOST http://search-01:9200/products/_refresh \\\n  -H 'Content-Type: application/json'",
        "./bin/reindex --from catalogue --to products",
        "./bin/reindex --from catalogue --to products --quiet"]   # a script: as written
    slow = _commands(outputs["playbooks/search-is-slow.yaml"])
    assert [(c["lang"], c["code"]) for c in slow] == [
        ("bash", "curl -s http://search-01:9200/_cat/thread_pool/search?v"),
        ("powershell", ".\\scale-search.ps1 -Nodes 4")]


def test_printed_lines_stay_with_their_playbook_and_are_no_command(outputs) -> None:
    book = outputs["playbooks/search-returns-no-results.yaml"]
    assert "green open products 5 1 120034 0 1.2gb" in book["notes"]
    assert "Reindexed 120034 documents in 312 s" in book["notes"]
    assert not [c for c in _commands(book) if "Reindexed" in c["code"] or "_shards" in c["code"]]


def test_what_is_a_session() -> None:
    assert is_session("console", ["$ ls", "file"]) and is_session("bash", ["$ ls", "file"])
    assert not is_session("bash", ["ls", "echo $HOME"]) and not is_session("console", ["no prompt here"])
    parts = split_session(["$ a \\", "> b", "out", "$ c"], first_line=10)
    assert parts == [("bash", ["a \\", "b"], [10, 11]), ("output", ["out"], [12]), ("bash", ["c"], [13])]
