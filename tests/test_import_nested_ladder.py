"""A severity ladder written as nested bullets: '- **S1 — Stopped** 🔴' with its facts nested under it
('What it means:', 'Respond within:', a plain 'Examples:' over its own items). The nested facts are
that level's, the colour dot is no description, and a value the source leaves open stays open.

The generic checks run on the fixture with the rest of the corpus in test_import_corpus.py.
"""
from __future__ import annotations

import pytest

from generator.validate.imported import is_missing

from .importcorpus import imported

LADDER = "ladder-nested-bullets.md"


@pytest.fixture(scope="module")
def levels(tmp_path_factory) -> dict[str, dict]:
    out = imported(tmp_path_factory, [LADDER])[LADDER]
    return {level["id"]: level for level in out["severities.yaml"]["levels"]}


def test_each_level_takes_the_facts_nested_under_it(levels) -> None:
    assert list(levels) == ["S1", "S2", "S3"]
    assert levels["S1"]["name"] == "Stopped"
    assert levels["S1"]["description"] == "no orders can be picked or shipped at any site."
    assert levels["S1"]["response_time"] == "15m"   # '**15 minutes**, any time'
    assert levels["S2"]["response_time"] == "1h"
    assert levels["S1"]["details"] == [{"label": "Who is called", "text": "on-call engineer and the shift manager"}]


def test_a_plain_examples_line_heads_the_items_below_it(levels) -> None:
    assert levels["S1"]["examples"] == ["scanners cannot log in at any warehouse",
                                        "the label printer service is down everywhere"]
    assert levels["S2"]["examples"] == ["one carrier's labels fail to print"]


def test_nothing_is_filled_in_for_the_source(levels) -> None:
    assert is_missing(levels["S3"]["response_time"])   # 'TBD'
    assert "examples" not in levels["S3"]


NAMED_HEADINGS = """# Incident severity

We grade incidents by name, not number.

## Critical

Everything is down. Acknowledge within 5 minutes.

## Major

One product is down. Acknowledge within 15 minutes.

## Cosmetic

Typos and glitches.

## At a glance

Raise first, lower later.
"""


def test_named_level_headings_among_the_page_s_other_sections() -> None:
    from generator.importer.run import convert

    from .conftest import TEST_TODAY

    levels = convert(NAMED_HEADINGS, None, TEST_TODAY).documents["severities.yaml"]["levels"]
    assert [(lv["id"], lv["name"]) for lv in levels] == [("CRITICAL", "Critical"), ("MAJOR", "Major"),
                                                        ("COSMETIC", "Cosmetic")]
    assert levels[0]["response_time"] == "5m"
