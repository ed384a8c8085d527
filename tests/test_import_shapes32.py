"""`playbook import`: fixes found in stop 32 on documents nobody here wrote.

The generic checks (nothing invented, every line visible on the draft site) run on the corpus
files in test_import_corpus.py; here are the fields that must (or must not) come out.
"""
from __future__ import annotations

from datetime import date

from generator.importer.run import convert

TODAY = date(2026, 11, 22)


def test_a_table_rule_and_an_arrow_in_a_post_mortem_template_draw_no_phone_tree() -> None:
    # a ```markdown template: '|------|' is a table's rule, '99.9% -> 99.8%' a figure, not a call
    text = ("# Incidents\n\n## Post-mortem template\n\n```markdown\n## Timeline\n| Time | Event |\n"
            "|------|-------|\n| 10:00 | Alert |\n|------|-------|\n\n## Impact\n"
            "- SLA impact: 60 minutes downtime (99.9% → 99.8% for the day)\n```\n")
    documents = convert(text, "Org", TODAY).documents
    assert "escalation.yaml" not in documents
    assert not any("Impact" in c["name"] or "99.8" in c["name"]
                   for c in documents["contacts.yaml"]["contacts"])


def test_a_drawn_phone_tree_in_a_text_block_still_gives_its_chain() -> None:
    text = ("# Call tree\n\n```text\nDuty officer  +1 555 0171\n├── Harbour engineer\n"
            "│   └── no answer in 5 min ─► Deputy engineer\n│       └── no answer in 10 min ─► Superintendent  +1 555 0174\n"
            "└── Coastguard  +1 555 0178\n```\n")
    documents = convert(text, "Org", TODAY).documents
    assert [lv["name"] for lv in documents["escalation.yaml"]["levels"]] == [
        "Harbour engineer", "Deputy engineer", "Superintendent"]


def test_a_time_ladder_names_whom_each_step_reaches_not_what_was_done() -> None:
    text = ("# On-call\n\n## Contacts\n\n| Role | Phone |\n|---|---|\n| Engineering Lead | +1 555 0100 |\n\n"
            "## Escalation\n\n```\n0-15 min: Primary on-call responds\n"
            "15-30 min: Backup on-call notified if no acknowledgment\n30-60 min: Engineering lead notified\n"
            "60+ min: VP Engineering / CTO notified\n```\n")
    levels = convert(text, "Org", TODAY).documents["escalation.yaml"]["levels"]
    assert [lv["name"] for lv in levels] == ["Primary on-call", "Backup on-call", "Engineering lead",
                                             "VP Engineering / CTO"]
    assert levels[1]["triggers"] == [{"after": "15m", "condition": "if no acknowledgment"}]
    assert levels[2]["contacts"] == ["engineering-lead"]   # the contact the table lists
    assert [t["after"] for lv in levels for t in lv["triggers"]] == ["0m", "15m", "30m", "60m"]
