"""A timer column's header says when to go on ('Escalate to next level after'); only words it gives
apart from the timer, before a colon ('Business hours: escalate after'), are a condition. A header
cut down around its timer words ('Escalate  level') is no text the source has."""
from __future__ import annotations

from generator.importer.run import convert

from .conftest import TEST_TODAY

TABLE = """# Escalation

| Step | Who | {header} |
|---|---|---|
| 1 | Sync on-call | 15 min |
| 2 | Sync lead | 30 min |
| 3 | Head of engineering | |
"""


def _triggers(header: str) -> list[list[dict]]:
    imported = convert(TABLE.format(header=header), None, TEST_TODAY)
    return [level["triggers"] for level in imported.documents["escalation.yaml"]["levels"]]


def test_a_timer_header_gives_the_wait_and_no_condition() -> None:
    assert _triggers("Escalate to next level after")[1:] == [[{"after": "15m"}], [{"after": "30m"}]]
    assert _triggers("Escalates after")[1:] == [[{"after": "15m"}], [{"after": "30m"}]]


def test_words_before_a_colon_are_the_condition() -> None:
    assert _triggers("Business hours: escalate after")[1] == [{"after": "15m", "condition": "Business hours"}]
