"""`playbook import` on escalation chains in the shapes documents give them beyond 'Level N' lists:
a numbered list under a heading asking whom to call, a timetable with a column per priority,
situational 'Getting help' bullets, and levels written as nested who/when/how bullets; ladders of
named levels without numbers; message templates inside <details>; and the skeleton a source with
no ladder gets.

The generic checks (nothing invented, every line visible on the draft site) run on these files
with the rest of the corpus in test_import_corpus.py; here are the fields that must come out.
"""
from __future__ import annotations

import pytest

from generator.validate.imported import is_missing

from .importcorpus import imported

ARROWS = "question-heading-arrow-calls.md"
BOLD = "question-heading-bold-callers.md"
COLUMNS = "escalation-columns-per-priority.md"
HELP = "getting-help-situations.md"
STUCK = "if-you-are-stuck-policy.md"
NESTED = "nested-bullet-chain.md"
NESTED_BOLD = "nested-bullet-levels-bold.md"
NAMED = "named-level-classification.md"
BESIDE = "named-classification-beside-ladder.md"
DETAILS = "details-summary-templates.md"
ONE_LINE = "who-to-call-one-line-arrows.md"
DASHES = "help-desks-dash-bullets.md"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, dict[str, object]]:
    return imported(tmp_path_factory, [ARROWS, BOLD, COLUMNS, HELP, STUCK, NESTED, NESTED_BOLD, NAMED, BESIDE,
                                       DETAILS, ONE_LINE, DASHES], report=True)


def contacts(docs: dict) -> dict[str, dict]:
    return {c["id"]: c for c in docs["contacts.yaml"]["contacts"]}


def test_who_do_i_call_in_a_playbook_is_its_escalation_and_each_step_calls(outputs) -> None:
    docs = outputs[ARROWS]
    pb = docs["playbooks/checkout-returns-502.yaml"]
    # 'wait 10 min' on the first call is how long before the second: the second's 'after'
    assert pb["escalation"] == [{"to": "payments-on-call"}, {"to": "arvid-lind", "after": "10m"},
                                {"to": "head-of-engineering", "after": "20m"}]
    people = contacts(docs)
    assert (people["arvid-lind"]["name"], people["arvid-lind"]["title"]) == ("Arvid Lind", "Payments lead")
    assert [people[e["to"]]["phone"] for e in pb["escalation"]] == ["+1 555 0101", "+1 555 0102", "+1 555 0103"]
    calls = [s for s in pb["steps"]["immediate"] if "call" in s]
    assert [s["call"] for s in calls] == ["payments-on-call", "arvid-lind", "head-of-engineering"]
    assert calls[0]["text"] == "Payments on-call -> +1 555 0101 (wait 10 min)"   # the step as written
    assert "escalation.yaml" not in docs


def test_stage_headings_that_say_more_than_their_stage_stay_visible(outputs) -> None:
    notes = outputs[ARROWS]["playbooks/checkout-returns-502.yaml"]["notes"]
    for heading in ("First: who do I call?", "Quick checks before you call", "First things to try"):
        assert f"## {heading}" in notes
    pb = outputs[ARROWS]["playbooks/checkout-returns-502.yaml"]
    assert [s["text"] for s in pb["steps"]["investigate"]][0] == "Is the card processor's status page green?"


def test_who_do_i_call_outside_a_playbook_is_a_chain_with_waits_from_the_item_before(outputs) -> None:
    docs = outputs[BOLD]
    levels = docs["escalation.yaml"]["levels"]
    assert [lv["name"] for lv in levels] == ["Duty manager (Dana Ruiz)", "Network on-call", "IT director (Omar Haddad)"]
    assert is_missing(levels[0]["triggers"][0]["condition"])    # when to call the first: not in the source
    assert [lv["triggers"] for lv in levels[1:]] == [[{"after": "10m"}], [{"after": "15m"}]]
    people = contacts(docs)
    dana = people[levels[0]["contacts"][0]]
    assert (dana["name"], dana["title"], dana["phone"], dana["kind"]) == ("Dana Ruiz", "Duty manager", "+1 555 0102",
                                                                         "person")
    assert people[levels[1]["contacts"][0]]["phone"] == "+1 555 0104"
    said = docs["organization.yaml"]["guidance"]   # the items also stay as written
    assert any("if no answer in 10 minutes, go to 2." in g["text"] for g in said)


def test_a_column_per_priority_is_a_chain_per_priority(outputs) -> None:
    docs = outputs[COLUMNS]
    levels = docs["escalation.yaml"]["levels"]
    chains: dict[str, list] = {}
    for lv in levels:
        chains.setdefault(lv["chain"], []).append((lv["name"], lv["triggers"][0]["after"], lv["triggers"][0]["severities"]))
    assert chains["P1"] == [("On-call engineer", "0m", ["P1"]), ("Team lead", "15m", ["P1"]),
                            ("Duty manager", "30m", ["P1"]), ("Director of operations", "60m", ["P1"])]
    assert chains["P2"] == [("On-call engineer", "0m", ["P2"]), ("Team lead", "30m", ["P2"])]   # '—' and '': no step
    ladder = {lv["id"]: lv for lv in docs["severities.yaml"]["levels"]}
    assert list(ladder) == ["P1", "P2"] and "details" not in ladder["P1"]   # no longer read as facts of the levels
    assert all(is_missing(lv["response_time"]) for lv in ladder.values())


def test_getting_help_bullets_in_a_playbook_are_its_escalation_without_order_or_wait(outputs) -> None:
    docs = outputs[HELP]
    pb = docs["playbooks/nightly-export-job-failed.yaml"]
    assert pb["escalation"] == [{"to": "dba-rota", "when": "Database problems"},
                                {"to": "cloud-platform-team", "when": "Storage or bucket permissions"},
                                {"to": "sam-ito", "when": "Anything customer-facing"}]
    people = contacts(docs)
    assert (people["dba-rota"]["kind"], people["dba-rota"]["chat"]) == ("rotation", "#dba")
    assert people["cloud-platform-team"]["chat"] == "#cloud-help"
    assert (people["sam-ito"]["title"], people["sam-ito"]["phone"]) == ("Support lead", "+1 555 0133")
    assert pb["guidance"][0]["title"] == "Getting help"   # and as written


def test_if_you_are_stuck_outside_a_playbook_is_one_chain_per_situation(outputs) -> None:
    docs = outputs[STUCK]
    levels = docs["escalation.yaml"]["levels"]
    assert [(lv["chain"], lv["name"], lv["triggers"]) for lv in levels] == [
        ("Password and login trouble", "Identity team", [{"condition": "Password and login trouble"}]),
        ("Printers and scanners", "Facilities helpdesk", [{"condition": "Printers and scanners"}]),
        ("A possible security incident", "Security on-call", [{"condition": "A possible security incident"}])]
    people = contacts(docs)
    assert people["identity-team"]["chat"] == "#identity-desk"
    assert people["security-on-call"]["phone"] == "+1 555 0141"


@pytest.mark.parametrize("name", [NESTED, NESTED_BOLD])
def test_nested_who_when_how_bullets_fill_the_level(outputs, name) -> None:
    docs = outputs[name]
    levels = docs["escalation.yaml"]["levels"]
    people = contacts(docs)
    assert len(levels) == 3
    second = levels[1]
    holder = people[second["contacts"][0]]
    if name == NESTED:
        assert second["triggers"] == [{"condition": "no fix within 30 minutes", "after": "30m"}]
        assert (holder["name"], holder["title"], holder["phone"], holder["chat"]) == (
            "Lena Park", "Station supervisor", "+1 555 0151", "#station-ops")
        assert levels[2]["triggers"][0]["after"] == "2h"
        assert people[levels[0]["contacts"][0]]["name"] == "Ticket office on-call"   # 'the on-call clerk': no name
    else:
        assert second["triggers"] == [{"condition": "the press is still down after 45 minutes", "after": "45m"}]
        assert (holder["name"], holder["title"], holder["phone"]) == ("Ruth Okoye", "Print production manager",
                                                                     "+1 555 0161")
        assert people[levels[2]["contacts"][0]]["email"] == "ruth.director@printworks.example"
        assert "authority" not in levels[0]   # 'How: pager app, ...' says how to reach, not what it may decide
    assert "How:" in docs["escalation.yaml"]["guidance"][0]["text"]   # the How lines also as written


def test_named_levels_without_numbers_are_the_ladder_gravest_first(outputs) -> None:
    docs = outputs[NAMED]
    levels = docs["severities.yaml"]["levels"]
    assert [lv["id"] for lv in levels] == ["CRITICAL", "HIGH", "MEDIUM", "LOW"]   # the table goes Low to Critical
    assert levels[0]["description"] == "Payroll, finance or admin accounts taken over"
    assert [lv["notify"] for lv in levels] == [["ciso", "legal"], ["security-manager"], ["security-on-call"],
                                               ["service-desk"]]
    assert levels[0]["details"] == [{"label": "Who must be told", "text": "CISO and Legal"}]
    assert all(is_missing(lv["response_time"]) and is_missing(lv["paging"]) for lv in levels)
    pb = docs["playbooks/suspicious-login-reports.yaml"]
    assert is_missing(pb["severity"]) and "CRITICAL, HIGH, MEDIUM, LOW" in pb["severity"]


def test_named_levels_beside_a_numbered_ladder_stay_with_their_playbook(outputs) -> None:
    docs = outputs[BESIDE]
    assert [lv["id"] for lv in docs["severities.yaml"]["levels"]] == ["P1", "P2", "P3"]
    assert "| Low | Encrypted, no customer data | Line manager |" in docs["playbooks/lost-laptop.yaml"]["notes"]


def test_templates_inside_details_are_named_by_their_summary(outputs) -> None:
    templates = {t["title"]: t for t in outputs[DETAILS]["templates.yaml"]["templates"]}
    assert set(templates) == {"First customer e-mail", "Internal chat update", "Status page: resolved"}
    resolved = templates["Status page: resolved"]   # plain text, not fenced
    assert resolved["body"].startswith("Title: {service} is working again\n\nThe problem that affected {service}")
    assert (resolved["channel"], resolved["stage"]) == ("status-page", "resolved")
    assert is_missing(resolved["audience"])


def test_no_ladder_in_the_source_leaves_the_level_id_to_fill_in(outputs) -> None:
    docs = outputs[HELP]
    (level,) = docs["severities.yaml"]["levels"]
    assert is_missing(level["id"])   # 'SEV1' would be a default nobody gave
    assert "levels[0].id: not in the source; fill in" in outputs[HELP]["_report"]
    pb = docs["playbooks/nightly-export-job-failed.yaml"]
    assert is_missing(pb["severity"]) and "SEV1" not in pb["severity"]


def test_one_numbered_item_with_arrows_is_a_whole_chain_and_numbers_are_no_people(outputs) -> None:
    docs = outputs[ONE_LINE]
    levels = docs["escalation.yaml"]["levels"]
    assert [lv["name"] for lv in levels] == ["Lab on-call technician", "Facilities duty engineer",
                                             "Lab manager (Priya Das)"]
    assert [lv["triggers"] for lv in levels[1:]] == [[{"after": "5m"}], [{"after": "15m"}]]
    people = contacts(docs)
    assert [people[lv["contacts"][0]].get("phone") for lv in levels] == ["+1 555 0170", "+1 555 0171", None]
    assert not any(c["name"].startswith("+") for c in people.values())   # '+1 555 0170' is a number, not a step


def test_arrow_parts_that_name_nobody_belong_to_the_step_before() -> None:
    from generator.importer.arrow_chains import _steps
    assert _steps("Anything else: Platform on-call -> +1 555 0101 -> Duty manager -> CTO") == [
        "Platform on-call (+1 555 0101)", "Duty manager", "CTO"]


def test_help_bullets_with_bold_situations_and_dashes(outputs) -> None:
    docs = outputs[DASHES]
    (pb,) = [d for rel, d in docs.items() if rel.startswith("playbooks/")]
    assert [(e["when"], e["to"]) for e in pb["escalation"]] == [
        ("Controller hardware", "doorwise-support-desk"), ("Badge database", "identity-on-call"),
        ("Anything about the building", "joao-lima")]
    people = contacts(docs)
    assert people["doorwise-support-desk"]["phone"] == "+1 555 0180"
    assert people["identity-on-call"]["chat"] == "#identity-oncall"


def test_a_stage_label_that_says_more_than_its_stage_is_kept_with_its_step() -> None:
    from datetime import date

    from generator.importer.run import convert
    text = ("# Runbook: Queue stuck\n\n## Symptoms\n\n- Jobs wait for an hour.\n\n## Steps\n\n"
            "**First things to try**: restart the worker pool.\n\n**Fix**: clear the dead letters.\n")
    docs = convert(text, "Org", date(2026, 12, 1)).documents
    (pb,) = [d for rel, d in docs.items() if rel.startswith("playbooks/")]
    texts = [s["text"] for group in pb["steps"].values() for s in group]
    assert "First things to try: restart the worker pool." in texts   # the label's words are on the page
    assert "clear the dead letters." in texts                        # 'Fix' is the stage's own title


def test_when_written_before_whom_and_a_grid_headed_sev_n(tmp_path_factory) -> None:
    name = "call-list-conditions-and-sev-grid.md"
    docs = imported(tmp_path_factory, [name])[name]
    levels = docs["escalation.yaml"]["levels"]
    calls = [lv for lv in levels if lv["chain"] == "Who do I call?"]
    assert [lv["name"] for lv in calls] == ["The on-call engineer", "payments team lead (Maria Gomez)",
                                            "Head of Platform"]
    assert calls[1]["triggers"] == [{"after": "15m", "condition": "If nobody picks up within 15 minutes"}]
    assert calls[2]["triggers"] == [{"after": "30m", "condition": "Still nothing after 30 minutes"}]
    people = contacts(docs)
    assert (people["maria-gomez"]["kind"], people["maria-gomez"]["title"]) == ("person", "payments team lead")
    sev1 = [lv for lv in levels if lv["chain"] == "Sev 1"]
    assert sev1[0]["triggers"] == [{"condition": "Immediately"}]   # not '0m': the source gives no number
    assert sev1[1]["triggers"] == [{"after": "15m"}]   # 'Sev 1' is SEV1 only by reading: no reference written
    assert [lv["name"] for lv in levels if lv["chain"] == "Sev 3"] == ["Ticket queue"]
    # 'Networking: #net-help (Slack)': the channel is whom to ask; 'Not sure? Ask in #incidents' too
    assert (people["net-help"]["kind"], people["net-help"]["chat"]) == ("channel", "#net-help")
    assert people["stripe-support"]["phone"] == "+1 888 555 0199"
    assert [lv["triggers"] for lv in levels if lv["chain"] == "Not sure"] == [[{"condition": "Not sure"}]]


def test_a_call_table_under_a_question_and_tiers_are_two_chains(tmp_path_factory) -> None:
    name = "classification-call-table-and-tiers.md"
    docs = imported(tmp_path_factory, [name])[name]
    levels = docs["escalation.yaml"]["levels"]
    assert [(lv["chain"], lv["name"]) for lv in levels] == [
        ("Who do I call?", "Security on-call"), ("Who do I call?", "Security manager (Ana Silva)"),
        ("Who do I call?", "CISO"), ("Escalation path", "Tier 1: SOC analyst on shift"),
        ("Escalation path", "Tier 2: Incident handler")]
    # 'Wait before next': how long before the row below is called
    assert [lv["triggers"] for lv in levels[1:3]] == [[{"after": "10m"}], [{"after": "20m"}]]
    people = contacts(docs)
    assert people["security-on-call"]["phone"] == "+1 555 0190"   # the Who column names the contact, not Order
    ladder = {lv["id"]: lv for lv in docs["severities.yaml"]["levels"]}
    assert list(ladder) == ["CRITICAL", "HIGH", "MEDIUM", "LOW"]
    assert (ladder["CRITICAL"]["response_time"], ladder["LOW"]["response_time"]) == ("30m", "next-business-day")
    assert ladder["CRITICAL"]["notify"] == ["ciso", "ceo"] and "notify" not in ladder["LOW"]   # '—': nobody


def test_steps_under_no_stage_stay_one_list_in_the_source_order() -> None:
    """Decided: the first stage, `immediate`, holds steps the source puts under no stage, in order;
    they are never spread over stages the source does not name."""
    from datetime import date

    from generator.importer.run import convert
    text = ("# Label printer jam\n\n```bash\n# 1. Stop the queue\nlpadmin -p lbl -E\n# 2. Clear it\ncancel -a lbl\n"
            "# 3. Check the printer is idle\nlpstat -p lbl\n```\n")
    docs = convert(text, "Org", date(2026, 12, 1)).documents
    (pb,) = [d for rel, d in docs.items() if rel.startswith("playbooks/")]
    assert list(pb["steps"]) == ["immediate"]
    assert [s["text"] for s in pb["steps"]["immediate"]] == ["Stop the queue", "Clear it", "Check the printer is idle"]


def test_places_in_the_order_help_named_first_and_numbers_in_grid_cells(tmp_path_factory) -> None:
    name = "runbook-call-places-and-help-for.md"
    docs = imported(tmp_path_factory, [name])[name]
    (pb,) = [d for rel, d in docs.items() if rel.startswith("playbooks/")]
    assert pb["escalation"] == [{"to": "orders-on-call"}, {"to": "kim-baker", "after": "10m"},   # 'Primary:', 'Secondary:'
                                {"to": "dba-on-call", "when": "database locks"},
                                {"to": "messaging-team", "when": "broker problems"}]
    people = contacts(docs)
    assert people["messaging-team"]["chat"] == "#mq-help"
    assert people["orders-on-call"]["phone"] == "+1 555 0201"
    grid = docs["escalation.yaml"]["levels"]
    assert [(lv["chain"], lv["contacts"]) for lv in grid] == [("P1", ["orders-on-call"]), ("P1", ["head-of-commerce"]),
                                                              ("P2", ["orders-on-call"])]   # one contact, not one per cell


def test_a_call_list_numbered_inline_on_one_line() -> None:
    from generator.importer.call_lists import _steps
    steps = _steps("**Duty manager** (Dana Ruiz, +1 555 0102) - if no answer in 10 minutes, 2. **Network on-call** "
                   "(+1 555 0104) - if no answer in 15 minutes, 3. **IT director** (Omar Haddad)")
    assert [who for who, _ in steps] == ["Duty manager", "Network on-call", "IT director"]
    assert steps[0][1] == "(Dana Ruiz, +1 555 0102) - if no answer in 10 minutes"


def test_help_entries_beside_another_chain_are_never_numbered_after_it() -> None:
    from datetime import date

    from generator.importer.run import convert
    text = ("# Support guide\n\n## Getting help\n\n- Database problems: DBA rota, #dba\n- Storage: Cloud team, #cloud\n\n"
            "## Anything else\n\n*Not covered here: Platform on-call → Duty manager → CTO*\n")
    levels = convert(text, "Org", date(2026, 12, 1)).documents["escalation.yaml"]["levels"]
    assert [(lv["chain"], lv["name"]) for lv in levels] == [
        ("Escalation", "Platform on-call"), ("Escalation", "Duty manager"), ("Escalation", "CTO"),
        ("Database problems", "DBA rota"), ("Storage", "Cloud team")]


def test_unnumbered_who_do_i_call_bullets_are_situations() -> None:
    from datetime import date

    from generator.importer.run import convert
    text = ("# Building systems\n\n## Who do I call?\n\n- During office hours: the service desk, ext. 4400\n"
            "- Out of hours: the duty manager on +1 555 0110\n")
    docs = convert(text, "Org", date(2026, 12, 1)).documents
    levels = docs["escalation.yaml"]["levels"]
    assert [(lv["chain"], lv["name"], lv["triggers"]) for lv in levels] == [
        ("During office hours", "service desk", [{"condition": "During office hours"}]),
        ("Out of hours", "duty manager", [{"condition": "Out of hours"}])]   # bullets: no order, no wait
    people = {c["id"]: c for c in docs["contacts.yaml"]["contacts"]}
    assert people["duty-manager"]["phone"] == "+1 555 0110"


@pytest.mark.parametrize("text", [
    "# Incident severity\n\n## Severity levels\n\n### Low\n\nCosmetic problems.\n\n- Response: next business day\n\n"
    "### High\n\nA major feature is broken.\n\n- Response: 1 hour\n\n### Critical\n\nEverything is down.\n\n"
    "- Response: 15 minutes\n",
    "# Priorities\n\n- **Critical** — everything is down. Respond within 15 minutes.\n"
    "- **High** — a major feature is broken. Respond within 1 hour.\n- **Low** — cosmetic. Respond next business day.\n"])
def test_named_levels_under_headings_or_as_bold_bullets(text) -> None:
    from datetime import date

    from generator.importer.run import convert
    levels = convert(text, "Org", date(2026, 12, 1)).documents["severities.yaml"]["levels"]
    assert [(lv["id"], lv["response_time"]) for lv in levels] == [
        ("CRITICAL", "15m"), ("HIGH", "1h"), ("LOW", "next-business-day")]   # gravest first, whichever way written
    assert levels[0]["description"].lower().startswith("everything is down")
    assert all(is_missing(lv["paging"]) for lv in levels)


def test_a_supplier_by_level_grid_is_a_chain_per_supplier() -> None:
    from datetime import date

    from generator.importer.run import convert
    text = ("# Supplier escalation\n\n| Supplier | Level 1 | Level 2 | Level 3 |\n|---|---|---|---|\n"
            "| Northwind Hosting | Service desk, +44 20 7946 0100 | Duty manager, +44 20 7946 0101 | Account director Sarah Cole |\n"
            "| Fabrikam Payments | Support portal | Technical account manager, +1 555 0140 | — |\n")
    docs = convert(text, "Org", date(2026, 12, 1)).documents
    levels = docs["escalation.yaml"]["levels"]
    assert [(lv["chain"], lv["name"]) for lv in levels] == [
        ("Northwind Hosting", "Level 1: Service desk, +44 20 7946 0100"),
        ("Northwind Hosting", "Level 2: Duty manager, +44 20 7946 0101"),
        ("Northwind Hosting", "Level 3: Account director Sarah Cole"),
        ("Fabrikam Payments", "Level 1: Support portal"),
        ("Fabrikam Payments", "Level 2: Technical account manager, +1 555 0140")]   # '—': no third level
    assert all(is_missing(lv["triggers"][0]["condition"]) for lv in levels)   # 'Level 2' says nothing of when
    people = {c["id"]: c for c in docs["contacts.yaml"]["contacts"]}
    desk = people[levels[0]["contacts"][0]]
    assert (desk["name"], desk["title"], desk["kind"], desk["phone"]) == ("Northwind Hosting", "Service desk", "team",
                                                                          "+44 20 7946 0100")
    assert (people[levels[2]["contacts"][0]]["name"], people[levels[3]["contacts"][0]]["kind"]) == ("Sarah Cole", "vendor")


def test_a_message_in_details_inside_a_runbook_is_a_template_not_a_step(tmp_path_factory) -> None:
    name = "runbook-question-headings-details-message.md"
    docs = imported(tmp_path_factory, [name])[name]
    (pb,) = [d for rel, d in docs.items() if rel.startswith("playbooks/")]
    texts = [s["text"] for group in pb["steps"].values() for s in group]
    assert not any("Power is on generator" in t for t in texts)
    (template,) = docs["templates.yaml"]["templates"]
    assert template["title"] == "Message to the on-site teams"
    assert template["placeholders"] == {"time": "Fill in: TIME", "row": "Fill in: ROW"}
    assert pb["escalation"] == [{"to": "site-facilities-on-call"}, {"to": "facilities-manager", "after": "5m"}]
