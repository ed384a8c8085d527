"""`playbook import` on escalation levels told as headings with their wait in brackets
('### Level 2 — Secondary on-call (after 10 min)'): the wait is the level's trigger and the
contact is whom the heading names, without the brackets.
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
