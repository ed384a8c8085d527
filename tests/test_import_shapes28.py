"""`playbook import` on roles written one to a line as '**Role** - duty' with no blank line between
them (a single Markdown paragraph to a renderer, a list to its author), and a post-mortem template
given as the list a sentence introduces ('write a write-up covering:').

The generic checks (nothing invented, every line visible on the draft site) run on these files
with the rest of the corpus in test_import_corpus.py; here are the fields that must come out.
"""
from __future__ import annotations

import pytest

from .importcorpus import imported

DASH_ROLES = "roles-dash-lines-and-writeup-list.md"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, dict[str, object]]:
    return imported(tmp_path_factory, [DASH_ROLES])


def test_bold_dash_lines_are_one_role_each(outputs) -> None:
    roles = outputs[DASH_ROLES]["roles.yaml"]["roles"]
    assert [(r["name"], r["responsibilities"]) for r in roles] == [
        ("Shift lead", ["chairs the call and decides what to try next"]),
        ("Press technician", ["works on the press, says what they see"]),
        ("Order desk", ["tells waiting customers what is going on"]),
        ("Recorder", ["writes each decision down with the time"])]


def test_the_list_a_writeup_sentence_introduces_is_the_postmortem_template(outputs) -> None:
    sections = outputs[DASH_ROLES]["postmortem.yaml"]["sections"]
    assert [(s["title"], s["prompt"]) for s in sections] == [
        ("What happened, in two sentences", "What happened, in two sentences"),
        ("Timeline", "from the first jam to the last reprint"),
        ("Why it happened", "the cause, not the person"),
        ("What we will change, each with an owner", "What we will change, each with an owner")]
