"""`playbook import` on escalation levels told as headings with their wait in brackets
('### Level 2 — Secondary on-call (after 10 min)'): the wait is the level's trigger and the
contact is whom the heading names, without the brackets; and a list about levels a table already
described (update cadence per level) kept with each level under its heading, not dropped.
"""
from __future__ import annotations

from .importcorpus import imported

NAME = "escalation-level-headings-with-waits.md"


def test_a_level_headings_bracketed_wait_is_its_trigger(tmp_path_factory) -> None:
    docs = imported(tmp_path_factory, [NAME])[NAME]
    levels = docs["escalation.yaml"]["levels"]
    assert [(lv["contacts"], lv["triggers"]) for lv in levels] == [
        (["primary-on-call"], [{"after": "0m"}]), (["secondary-on-call"], [{"after": "10m"}]),
        (["engineering-manager"], [{"after": "25m"}])]
    assert levels[1]["name"] == "Level 2 — Secondary on-call (after 10 min)"   # as written
    names = {c["id"]: c["name"] for c in docs["contacts.yaml"]["contacts"]}
    assert names["secondary-on-call"] == "Secondary on-call"


def test_a_second_list_about_the_levels_is_kept_with_each_level(tmp_path_factory) -> None:
    name = "severity-table-then-update-bullets.md"
    levels = {lv["id"]: lv for lv in imported(tmp_path_factory, [name])[name]["severities.yaml"]["levels"]}
    assert levels["SEV1"]["description"] == "Nobody can check in for a flight"   # the table's, first
    assert {"label": "How often we post updates",
            "text": "every 20 minutes on the status page until resolved."} in levels["SEV1"]["details"]
    assert {"label": "How often we post updates",
            "text": "every hour, in the incident channel only."} in levels["SEV2"]["details"]
