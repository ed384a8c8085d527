"""`playbook import` on note-taking syntax over Markdown (Obsidian vaults, GitHub, wikis):
callouts and GitHub alerts, wiki links, Dataview inline fields and highlights; an alert note
with Check / Fix sections is a runbook, a callout's 'If ...' title is the condition of the steps
inside it (and of nothing after it), and its 'What it means' is what responders see.

The generic checks (nothing invented, every line visible on the draft site) run on the fixture
with the rest of the corpus in test_import_corpus.py; here are the fields that must come out.
"""
from __future__ import annotations

import pytest

from generator.importer.note_syntax import note_syntax

from .importcorpus import imported

NAME = "vault-note-alert-runbook.md"


@pytest.mark.parametrize("line, plain", [
    ("Call [[People#Asha Rao|Asha]] now", "Call Asha now"),
    ("See [[Keeper quorum lost]]", "See Keeper quorum lost"),
    ("See [[Dashboards#Search]]", "See Dashboards > Search"),
    ("team:: [[Search Platform]]", "**team**: Search Platform"),
    ("Watch the ==queue depth== closely", "Watch the queue depth closely"),
    ("Run `[[ -f /etc/x ]] && a==b` as is", "Run `[[ -f /etc/x ]] && a==b` as is"),   # code is as written
    ("if [[ -f x ]]; then", "if [[ -f x ]]; then"),   # a shell test is no wiki link
])
def test_note_syntax_reads_as_the_words_a_note_app_shows(line, plain) -> None:
    assert note_syntax(line) == plain


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> dict:
    docs = imported(tmp_path_factory, [NAME])[NAME]
    return docs["playbooks/search-index-lag-high.yaml"]


def test_an_alert_note_with_check_and_fix_is_a_runbook(book) -> None:
    assert book["alerts"] == ["SearchIndexLagHigh"]
    assert book["symptoms"] == ["New documents take more than five minutes to appear in search results."]
    # the step's command, written after its words, is the step's code to copy
    assert [(s["text"], [c["code"] for c in s.get("commands", [])]) for s in book["steps"]["resolve"]] == [
        ("Scale the indexer up by one replica:", ["kubectl -n search scale deploy/indexer --replicas=4"])]


def test_a_callouts_condition_covers_its_own_steps_only(book) -> None:
    steps = {s["text"]: s for s in book["steps"]["investigate"]}
    restart = steps["Restart that shard's indexer, not all of them:"]
    assert restart["condition"] == "If only one shard is behind"
    assert restart["commands"] == [{"lang": "bash", "code": "kubectl -n search delete pod indexer-2"}]
    warning = steps["Warning: Never clear the queue: the documents in it are lost for good."]
    assert "condition" not in warning   # a GitHub alert after the callout: its kind leads its text
    assert "Look at the queue depth on the search dashboard." in steps
