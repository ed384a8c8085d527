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


WORD_TEXT = "word-plain-text-outline.txt"


def test_a_word_outline_saved_as_plain_text_is_headings_over_lists(tmp_path_factory) -> None:
    from .importcorpus import imported

    out = imported(tmp_path_factory, [WORD_TEXT])[WORD_TEXT]
    assert sorted(n for n in out if n.startswith("playbooks/")) == [
        "playbooks/historian-disk-full.yaml", "playbooks/telemetry-server-not-responding.yaml"]
    book = out["playbooks/telemetry-server-not-responding.yaml"]
    steps = book["steps"]["resolve"]
    assert [s["text"] for s in steps][:2] == ["Ask the control room which screens are frozen.",
                                              "From the jump host, check the server answers:"]
    # commands typed at the margin after the step's colon, as a word processor has them
    assert steps[1]["commands"] == [{"lang": "bash", "code": "ping -n 10 10.8.1.20\nTest-NetConnection TLM-APP01 -Port 443"}]
    assert steps[2]["commands"] == [{"lang": "powershell", "code": "Restart-Service -Name TelemetryHub -Force"}]
    # Word's second-level bullet 'o' after step 3 belongs to step 3
    assert steps[2]["note"] == "Tell the supervisor before you restart it.\nNote the time in the log."
    disk = out["playbooks/historian-disk-full.yaml"]["steps"]["resolve"]
    assert disk[0]["commands"] == [{"lang": "powershell", "code": "Get-PSDrive -Name E"}]
    levels = {lv["id"]: lv for lv in out["severities.yaml"]["levels"]}
    assert [(k, lv["response_time"]) for k, lv in levels.items()] == [("P1", "15m"), ("P2", "1h")]


def test_an_escalation_step_naming_a_listed_title_reaches_its_holder(tmp_path_factory) -> None:
    from .importcorpus import imported

    out = imported(tmp_path_factory, [WORD_TEXT])[WORD_TEXT]
    levels = out["escalation.yaml"]["levels"]
    assert [lv["name"] for lv in levels] == ["Control Room Supervisor", "Duty Systems Engineer", "Head of Operations"]
    # the contacts table says who holds the two titles: the steps reach them, phones and all
    assert [lv["contacts"] for lv in levels] == [["control-room-supervisor"], ["aisha-kamara"], ["piotr-nowak"]]


def test_a_numbered_list_after_a_blank_line_is_no_outline_heading() -> None:
    # '1.<TAB>...' items are a list: no sub-headings number the document, so nothing becomes a heading
    text = "Steps\n\n1.\tStop the pump\n\n2.\tCall the supervisor\n\n3.\tWrite it down\n"
    from generator.importer.dialects import rewrite

    lines = rewrite(text.splitlines()).lines
    assert not any(line.startswith("#") for line in lines)
    assert "1. Stop the pump" in lines and "3. Write it down" in lines


README = "startup-readme-prose-oncall.md"


def test_a_readme_told_in_prose_gives_its_ladder_from_one_paragraph(tmp_path_factory) -> None:
    from .importcorpus import imported

    out = imported(tmp_path_factory, [README])[README]
    levels = out["severities.yaml"]["levels"]
    assert [(lv["id"], lv["response_time"]) for lv in levels[:2]] == [("SEV1", "10m"), ("SEV2", "2h")]
    assert levels[2]["id"] == "SEV3" and levels[2]["response_time"].startswith("FILL IN")   # none said
    assert levels[2]["description"] == "Sev3 is everything else and goes on the board."


def test_run_in_bold_titles_are_playbooks_and_developer_sections_are_not(tmp_path_factory) -> None:
    from .importcorpus import imported

    out = imported(tmp_path_factory, [README])[README]
    assert sorted(n for n in out if n.startswith("playbooks/")) == [
        "playbooks/bad-release.yaml", "playbooks/calendar-sync-failing.yaml", "playbooks/matcher-queue-backing-up.yaml"]
    steps = out["playbooks/matcher-queue-backing-up.yaml"]["steps"]["immediate"]
    assert steps[0]["commands"] == [{"lang": "bash", "code": 'redis-cli -u "$REDIS_URL" LLEN bookings'}]
    # a command written as inline code in a sentence is the step's command to copy as well
    assert steps[1]["commands"] == [{"lang": "bash", "code": "kubectl -n tidepool rollout restart deploy/matcher"}]
    # the part still to be written is a playbook still to write; the review paragraph after it is not its step
    stub = out["playbooks/calendar-sync-failing.yaml"]["steps"]["immediate"]
    assert [s["text"] for s in stub] == ["TODO - Bea knows the Google side, needs writing up."]


def test_the_order_is_sentence_and_a_name_with_its_address_in_brackets(tmp_path_factory) -> None:
    from .importcorpus import imported

    out = imported(tmp_path_factory, [README])[README]
    levels = out["escalation.yaml"]["levels"]
    assert [lv["name"] for lv in levels] == ["backup on-call in Opsgenie", "Kwame", "Ines"]
    assert levels[2]["triggers"] == [{"condition": "if it is a Sev1 and Kwame is not answering"}]
    contacts = {c["id"]: c for c in out["contacts.yaml"]["contacts"]}
    assert (contacts["kwame"]["title"], contacts["kwame"]["phone"], contacts["kwame"]["kind"]) == (
        "CTO", "+44 7700 900451", "person")
    assert contacts["mireille"]["email"] == "mireille@tidepool.example"
    assert "phone" not in contacts["mireille"]


def test_a_time_the_source_gives_in_words_no_field_holds_is_said_so() -> None:
    text = ("# Levels\n\n| Priority | Name | Response target |\n|---|---|---|\n"
            "| P1 | Critical | 15 minutes |\n| P3 | Medium | by the end of the next sprint |\n")
    levels = convert(text, "Org", TODAY).documents["severities.yaml"]["levels"]
    assert levels[0]["response_time"] == "15m"
    assert levels[1]["response_time"] == ("FILL IN: the source says 'by the end of the next sprint', which this field "
                                          "cannot hold (how soon to respond: 15m, 1h, immediate, next-business-day or 4bh)")


def test_the_check_says_what_the_source_gives_for_a_value_no_field_holds(tmp_path) -> None:
    from generator.importer.run import import_documents

    source = tmp_path / "levels.md"
    source.write_text("# Levels\n\n| Priority | Name | Response target |\n|---|---|---|\n"
                      "| P1 | Critical | 15 minutes |\n| P3 | Medium | by the end of the next sprint |\n")
    import_documents([source], tmp_path / "content", org_name="Org", today=TODAY)
    report = (tmp_path / "content" / "import-report.md").read_text()
    assert ("levels[1].response_time: the source says 'by the end of the next sprint', which this field cannot hold; "
            "fill in") in report
    assert "levels[1].response_time: not in the source" not in report


def test_a_response_in_business_time_is_held_as_business_time() -> None:
    """'4 business hours' is no wall-clock '4h' and no placeholder: the field holds it as '4bh',
    which the site shows as '4 business hours'."""
    from generator.load.durations import human

    text = ("# Levels\n\n| Priority | Name | Response target |\n|---|---|---|\n"
            "| P1 | Critical | 15 minutes |\n| P3 | Medium | 4 business hours |\n| P4 | Low | 2 working days |\n")
    levels = convert(text, "Org", TODAY).documents["severities.yaml"]["levels"]
    assert [lv["response_time"] for lv in levels] == ["15m", "4bh", "2bd"]
    assert (human("4bh"), human("1bd"), human("2bd")) == ("4 business hours", "1 business day", "2 business days")


SLACK = "slack-pinned-messages-copy.txt"


def test_messages_copied_out_of_slack_read_as_a_document(tmp_path_factory) -> None:
    from .importcorpus import imported

    out = imported(tmp_path_factory, [SLACK])[SLACK]
    levels = out["severities.yaml"]["levels"]
    # ':red_circle: *SEV1 - Nobody can order* - ...': Slack's bold and its emoji around a level
    assert [(lv["id"], lv["name"], lv["response_time"]) for lv in levels[:2]] == [
        ("SEV1", "Nobody can order", "15m"), ("SEV2", "Some customers affected", "1h")]
    assert levels[2]["id"] == "SEV3" and levels[2]["response_time"].startswith("FILL IN")
    # '*1) Search returns nothing*' over its commands (one-line ``` and a lone `span` after 'first:')
    assert sorted(n for n in out if n.startswith("playbooks/")) == [
        "playbooks/orders-stuck-in-pending.yaml", "playbooks/search-returns-nothing.yaml"]
    steps = out["playbooks/search-returns-nothing.yaml"]["steps"]["immediate"]
    assert [c["code"] for s in steps for c in s.get("commands", [])] == [
        "curl -s http://search.internal:9200/_cluster/health", "kubectl -n shop rollout restart deploy/indexer"]


def test_a_numbered_who_to_ping_list_with_arrows_is_the_chain(tmp_path_factory) -> None:
    from .importcorpus import imported

    out = imported(tmp_path_factory, [SLACK])[SLACK]
    levels = out["escalation.yaml"]["levels"]
    assert [lv["contacts"] for lv in levels] == [["web-oncall"], ["platform-lead"], ["cto"]]
    assert levels[1]["triggers"] == [{"condition": "no ack in 10 min?", "after": "10m"}]
    contacts = {c["name"]: c for c in out["contacts.yaml"]["contacts"]}
    # '• Hana Ito - Platform lead - +44 ...': a spaced hyphen parts a person's name from their title
    assert (contacts["Hana Ito"]["title"], contacts["Hana Ito"]["phone"]) == ("Platform lead", "+44 7700 900561")
    assert contacts["Warehouse duty desk"]["phone"] == "0161 496 0573"


SERVICE = "service-runbook-alert-labels.md"


def test_alert_sections_whose_parts_are_bold_labels_are_runbooks(tmp_path_factory) -> None:
    from .importcorpus import imported

    out = imported(tmp_path_factory, [SERVICE])[SERVICE]
    lag = out["playbooks/ledger-sync-lag-high.yaml"]
    assert lag["alerts"] == ["LedgerSyncLagHigh"]
    assert lag["symptoms"] == ["the newest synced payment is more than 10 minutes old; customers see stale balances."]
    assert [c["code"] for s in lag["steps"]["investigate"] for c in s["commands"]] == [
        "time() - max(ledger_sync_last_success_timestamp) > 600"]
    resolve = lag["steps"]["resolve"]
    # '... show `FeedTimeout`, fail over ...: `kubectl ...`': a code span in the words, the command after the colon
    assert [(s["text"], [c["code"] for c in s.get("commands", [])]) for s in resolve] == [
        ("Check the sync pods:", ["kubectl -n ledger get pods -l app=ledger-sync"]),
        ("If the logs show FeedTimeout, fail over to the backup feed:", ["kubectl -n ledger set env deploy/ledger-sync FEED=backup"]),
        ("Still behind after 30 min? Page the bank feed vendor.", [])]
    errors = out["playbooks/ledger-sync-errors.yaml"]
    assert [c["code"] for s in errors["steps"]["resolve"] for c in s["commands"]] == ["kubectl -n ledger rollout undo deploy/ledger-sync"]


def test_a_runbook_page_over_alert_runbooks_does_not_repeat_their_steps(tmp_path_factory) -> None:
    from .importcorpus import imported

    out = imported(tmp_path_factory, [SERVICE])[SERVICE]
    page = out["playbooks/ledger-sync.yaml"]
    codes = [c["code"] for stage in page["steps"].values() for s in stage for c in s.get("commands", [])]
    assert codes == []   # each alert's commands are on its own playbook only
    assert [g["title"] for g in page["guidance"]][:1] == ["Service overview"]


PLAN = "security-plan-appendix-playbooks.txt"


def test_an_ir_plans_appendix_playbooks_with_their_powershell(tmp_path_factory) -> None:
    from .importcorpus import imported

    out = imported(tmp_path_factory, [PLAN])[PLAN]
    assert sorted(n for n in out if n.startswith("playbooks/")) == ["playbooks/mailbox-taken-over.yaml",
                                                                    "playbooks/ransomware.yaml"]
    mailbox = out["playbooks/mailbox-taken-over.yaml"]
    assert mailbox["title"] == "Mailbox taken over"   # 'A.1 Mailbox taken over': the appendix's numbering goes
    assert mailbox["symptoms"] == ["a tenant reports odd replies, or a forwarding rule nobody made."]
    steps = mailbox["steps"]["immediate"]
    assert [s["text"] for s in steps] == ["Block sign-in and end the sessions:", "Look for forwarding rules:",
                                          "Tell the Incident Lead."]
    assert steps[0]["commands"] == [{"lang": "powershell", "code": "Update-MgUser -UserId <upn> -AccountEnabled:$false\n"
                                                                  "Revoke-MgUserSignInSession -UserId <upn>"}]
    ransom = out["playbooks/ransomware.yaml"]["steps"]["immediate"]
    assert ransom[1]["commands"] == [{"lang": "bash", "code": "vssadmin list shadows"}]


def test_an_ir_plans_roster_and_outside_help(tmp_path_factory) -> None:
    from .importcorpus import imported

    out = imported(tmp_path_factory, [PLAN])[PLAN]
    contacts = {c["id"]: c for c in out["contacts.yaml"]["contacts"]}
    # 'Tariq Shah' as the Incident Lead's backup is the Technical Lead row's Tariq Shah: one contact, number and all
    assert contacts["incident-lead"]["backup"] == "technical-lead"
    assert "tariq-shah" not in contacts
    # dot leaders under a lead-in line: each a contact of its own, not remarks of 'Outside help'
    assert (contacts["managed-service-desk-brightwire"]["phone"], contacts["managed-service-desk-brightwire"]["email"]) == (
        "0800 496 0150", "help@brightwire.example")
    assert contacts["insurer-claims-line"]["phone"] == "0800 496 0199"
    levels = out["severities.yaml"]["levels"]
    assert levels[0]["response_time"] == "1h"
    assert levels[1]["response_time"] == "2bd"   # the source says 'within 2 business days'


def test_a_section_titled_by_its_situation_over_commands_is_a_playbook() -> None:
    text = ("# Status page process\n\n## Templates\n\nKeep it short.\n\n## 6. If the status page itself is down\n\n"
            "Post through the API instead:\n\n```\ncurl -X POST https://api.example/incidents -d name=Outage\n```\n\n"
            "## Contacts\n\nAsk in #cx.\n")
    documents = convert(text, "Org", TODAY).documents
    assert [n for n in documents if n.startswith("playbooks/")] == ["playbooks/if-the-status-page-itself-is-down.yaml"]
    book = documents["playbooks/if-the-status-page-itself-is-down.yaml"]
    assert book["steps"]["immediate"][0]["commands"] == [
        {"lang": "bash", "code": "curl -X POST https://api.example/incidents -d name=Outage"}]


EMAIL_THREAD = "forwarded-email-call-order.txt"


def test_a_forwarded_emails_call_order_and_its_me(tmp_path_factory) -> None:
    from .importcorpus import imported

    out = imported(tmp_path_factory, [EMAIL_THREAD])[EMAIL_THREAD]
    levels = out["escalation.yaml"]["levels"]
    # 'the order is:' over the numbered list; '2. me - ...' in Dylan Reyes's message is Dylan Reyes
    assert [lv["contacts"] for lv in levels] == [["marta-kowal"], ["dylan-reyes"], ["joe-barnes"]]
    assert levels[0]["triggers"][0]["condition"] == "If you're on call and you get stuck"
    contacts = {c["id"]: c for c in out["contacts.yaml"]["contacts"]}
    assert (contacts["dylan-reyes"]["phone"], contacts["dylan-reyes"]["email"]) == (
        "07700 900322", "dylan.reyes@harbourvets.example")
    assert "me" not in contacts


def test_parts_numbered_in_brackets_are_sub_headings(tmp_path_factory) -> None:
    from .importcorpus import imported

    out = imported(tmp_path_factory, [EMAIL_THREAD])[EMAIL_THREAD]
    assert sorted(n for n in out if n.startswith("playbooks/")) == [
        "playbooks/booking-system-not-loading.yaml", "playbooks/card-terminals-offline.yaml"]
    booking = out["playbooks/booking-system-not-loading.yaml"]["steps"]["immediate"]
    assert booking[0]["commands"][0]["code"] == "ping book-01.harbourvets.local\nRestart-Service -Name BookingSync"
    cards = out["playbooks/card-terminals-offline.yaml"]["steps"]["immediate"]
    assert cards[0]["commands"] == [{"lang": "powershell",
                                     "code": "Get-Service -Name PayBridge\nRestart-Service -Name PayBridge"}]


def test_stars_inside_a_code_span_are_the_commands_own() -> None:
    from generator.importer.mdparse import strip_md

    assert strip_md("Count them: `select count(*) from grants` then **stop**") == \
        "Count them: select count(*) from grants then stop"
    assert strip_md("`__init__.py` is *here*") == "__init__.py is here"


DATABASE = "runbook-database-export.md"


def test_a_runbook_database_table_gives_a_playbook_a_row(tmp_path_factory) -> None:
    from .importcorpus import imported

    out = imported(tmp_path_factory, [DATABASE])[DATABASE]
    assert sorted(n for n in out if n.startswith("playbooks/")) == [
        "playbooks/label-printer-jammed.yaml", "playbooks/locker-doors-not-opening.yaml",
        "playbooks/tracking-page-down.yaml"]
    locker = out["playbooks/locker-doors-not-opening.yaml"]
    assert (locker["severity"], locker["services"]) == ("SEV1", ["lockers"])
    steps = locker["steps"]["immediate"]
    assert [c["code"] for s in steps for c in s.get("commands", [])] == [
        "curl -s http://locker-gw.internal/health", "kubectl -n lockers rollout restart deploy/door-ctl"]
    assert steps[2]["text"] == "Tell the depot"
    # the cells no field holds, under their columns, as the table shows them
    assert locker["guidance"] == [{"title": "Locker doors not opening",
                                   "text": "| Owner | Last reviewed |\n| --- | --- |\n| Ade Bello | May 2, 2024 |"}]
    # the row that points at a page of its own: the page is the runbook, its stages and commands
    tracking = out["playbooks/tracking-page-down.yaml"]
    assert [c["code"] for stage in ("investigate", "resolve") for s in tracking["steps"][stage] for c in s["commands"]] == [
        "curl -sI https://track.pebble.example | head -1", "kubectl -n web rollout undo deploy/tracking"]


def test_a_typed_cards_chain_set_apart_by_spaced_greater_than_signs() -> None:
    text = ("ESCALATION\nNOC ANALYST  >  NOC SHIFT LEAD  >  ON-CALL NETWORK ENG  >  CTO\n"
            "(CTO ONLY VIA SHIFT LEAD. DO NOT RING THE CTO YOURSELF.)\n\nRULES\nIF LATENCY > 500MS THEN TICKET\n")
    levels = convert(text, "Org", TODAY).documents["escalation.yaml"]["levels"]
    assert [lv["name"] for lv in levels] == ["NOC ANALYST", "NOC SHIFT LEAD", "ON-CALL NETWORK ENG", "CTO"]


def test_numbered_clauses_a_line_each_are_the_escalation_order() -> None:
    text = ("# Major incident policy\n\n### 7. Escalation\n\n"
            "7.1 Incidents are escalated in the following order. Each level escalates to the next.\n\n"
            "  7.1.1 Service Desk Analyst\n  7.1.2 Service Desk Team Leader\n  7.1.3 Major Incident Manager\n"
            "  7.1.4 Head of IT Operations\n\n7.2 The Director informs the Board.\n")
    levels = convert(text, "Org", TODAY).documents["escalation.yaml"]["levels"]
    assert [lv["name"] for lv in levels] == ["Service Desk Analyst", "Service Desk Team Leader",
                                             "Major Incident Manager", "Head of IT Operations"]


def test_a_runbook_pages_properties_go_to_their_fields(tmp_path_factory) -> None:
    from .importcorpus import imported

    out = imported(tmp_path_factory, [DATABASE])[DATABASE]
    page = out["playbooks/tracking-page-down.yaml"]
    # 'Service: web' / 'Severity: SEV2' / 'Owner: Ade Bello' under the page's title
    assert (page["severity"], page["services"]) == ("SEV2", ["web"])
    assert page["guidance"][0] == {"title": "Tracking page down", "text": "| Owner |\n| --- |\n| Ade Bello |"}
    assert page["summary"].startswith("FILL IN")   # the properties are no summary


def test_an_emails_sign_off_is_no_step(tmp_path_factory) -> None:
    from .importcorpus import imported

    out = imported(tmp_path_factory, [EMAIL_THREAD])[EMAIL_THREAD]
    cards = out["playbooks/card-terminals-offline.yaml"]
    assert [s["text"] for s in cards["steps"]["immediate"]] == ["Get-Service -Name PayBridge"]
    assert "Dylan" in cards["notes"]   # the message's own 'Dylan', kept as written


def test_numbered_titles_over_an_underline_are_headings_and_procedure_labels_go(tmp_path_factory) -> None:
    from .importcorpus import imported

    name = "plain-text-manual-setext.txt"
    out = imported(tmp_path_factory, [name])[name]
    levels = out["severities.yaml"]["levels"]
    assert [(lv["id"], lv["response_time"]) for lv in levels] == [("LEVEL1", "15m"), ("LEVEL2", "1h")]
    book = out["playbooks/furnace-controller-offline.yaml"]
    assert book["title"] == "Furnace controller offline"
    assert "procedure a - furnace controller offline" in book["aliases"]
    assert [c["code"] for stage in book["steps"].values() for s in stage for c in s.get("commands", [])] == [
        "ping 10.12.0.5", "sudo systemctl restart furnace-ctl"]


def test_a_runbook_sheets_step_column_in_words_is_each_steps_text(tmp_path_factory) -> None:
    from .importcorpus import imported

    name = "sheet-runbook-worded-steps.csv"
    out = imported(tmp_path_factory, [name])[name]
    steps = out["playbooks/pump-alarm.yaml"]["steps"]["resolve"]
    # '1 - check which pump has tripped' is what to do; the last row, with no command, is a step too
    assert [s["text"] for s in steps] == ["1 - check which pump has tripped", "2 - restart the tripped pump",
                                          "3 - tell the shift lead"]
    assert [c["code"] for s in steps for c in s.get("commands", [])] == ["pumpctl status --all", "pumpctl restart --id <pump>"]


def test_an_ic_checklists_tables_and_quick_checks(tmp_path_factory) -> None:
    from .importcorpus import imported

    name = "ic-checklist-pull-in-table.md"
    out = imported(tmp_path_factory, [name])[name]
    # 'IC assigned within': how soon someone takes it, the response column
    assert [(lv["id"], lv["response_time"]) for lv in out["severities.yaml"]["levels"]] == [("SEV1", "10m"), ("SEV2", "30m")]
    contacts = {c["id"]: c for c in out["contacts.yaml"]["contacts"]}
    # '| How to reach |': the numbers and addresses; 'Results lead — Marta Lind': the title, then who holds it
    assert (contacts["lab-network-desk"]["phone"], contacts["lab-network-desk"]["email"]) == (
        "+44 20 7946 0310", "netdesk@wrenfield.example")
    assert (contacts["marta-lind"]["title"], contacts["marta-lind"]["phone"]) == ("Results lead", "+44 7700 900311")
    # a phone list indented four spaces in a paragraph's stead is no code block
    assert (contacts["dan-cole"]["title"], contacts["dan-cole"]["phone"]) == ("Facilities Manager", "0161 496 0550")
    book = out["playbooks/appendix-stuck-results-upload-quick-checks.yaml"]
    assert [c["code"] for s in book["steps"]["immediate"] for c in s["commands"]] == [
        "wrenctl uploads list --status stuck\nwrenctl uploads retry --all-stuck"]


def test_a_placeholders_hint_keeps_the_brackets_of_what_it_asks_for() -> None:
    from generator.validate.imported import _placeholder_parts, missing, unheld

    # 'whom step 1 of 'Escalation (24/7)' goes to': the first bracket opens the hint, not the last
    assert _placeholder_parts(missing("whom step 1 of 'Escalation (24/7)' goes to")) == (
        "not in the source", "whom step 1 of 'Escalation (24/7)' goes to")
    assert _placeholder_parts(unheld("4 business hours (weekdays)", "how soon: 15m")) == (
        "the source says '4 business hours (weekdays)', which this field cannot hold", "how soon: 15m")
