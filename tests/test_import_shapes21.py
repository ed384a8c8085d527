"""`playbook import` on corpus documents in shapes a second batch of unseen documents showed were
missing: an escalation table whose columns are timers, a table of fields without headers,
priorities defined in prose paragraphs, a post-incident review template written as its own
document, an alert summary with its expression in a code block, a phone number followed by a
bracketed remark; a team handbook with lifecycle stages as a numbered list with time windows,
duties nested under bold names, roles as bold-dash paragraphs, a chain of 'Page X' steps, a
{brace} hand-over note and a lone commands section.

The generic checks (nothing invented, every line visible on the draft site) run on these files
with the rest of the corpus in test_import_corpus.py; here are the fields that must come out.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.importer.run import import_documents
from generator.validate.imported import is_missing

from .conftest import TEST_TODAY
from .importcorpus import CORPUS, imported

NAMES = ["timer-columns-escalation.md", "priorities-in-prose.md", "review-template-document.md",
         "alert-summary-with-expression.md", "vendor-phone-bracket.md", "team-handbook-stages-duties.md",
         "alert-runbook-header-fields.md"]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, dict[str, object]]:
    return imported(tmp_path_factory, NAMES, report=True)


def test_timer_columns_page_the_level_below(outputs) -> None:
    docs = outputs["timer-columns-escalation.md"]
    chain = docs["escalation.yaml"]["levels"]
    assert [lv["id"] for lv in chain] == ["t1", "t2", "t3"]
    assert [lv["name"] for lv in chain] == ["Fleet on-call (rb-fleet)", "Planner on-call (rb-planner)",
                                           "Robotics platform lead"]
    assert is_missing(chain[0]["triggers"][0]["condition"])   # when T1 is paged: not in the source
    assert chain[1]["triggers"] == [{"after": "5m", "condition": "Weekday daytime"},
                                    {"after": "20m", "condition": "Nights and weekends"}]
    assert chain[2]["triggers"] == [{"after": "15m", "condition": "Weekday daytime"},
                                    {"after": "25m", "condition": "Nights and weekends"}]
    assert "levels" not in docs["severities.yaml"] or all(lv["id"] != "T1" for lv in docs["severities.yaml"]["levels"])
    assert "| T1 |" not in docs["escalation.yaml"].get("notes", "")   # the whole table is structured


def test_headerless_table_is_a_list_of_fields(outputs) -> None:
    policy = outputs["timer-columns-escalation.md"]["escalation.yaml"]   # the document's title names its home
    texts = [g["text"] for g in policy.get("guidance", [])]
    assert "Covers: picker-fleet, route-planner\nOwner: Robotics platform lead" in texts
    assert "|---|" not in policy.get("notes", "")


def test_priorities_defined_in_prose_paragraphs(outputs) -> None:
    ladder = {lv["id"]: lv for lv in outputs["priorities-in-prose.md"]["severities.yaml"]["levels"]}
    assert list(ladder) == ["P1", "P2", "P3"]
    assert [lv["name"] for lv in ladder.values()] == ["Blocking", "Degraded", "Routine"]
    assert ladder["P1"]["response_time"] == "30m"
    assert ladder["P2"]["response_time"] == "2bh"   # 'two business hours' is not 2h around the clock
    assert ladder["P3"]["response_time"] == "next-business-day"
    assert is_missing(ladder["P1"]["paging"]) and is_missing(ladder["P3"]["paging"])
    assert ladder["P2"]["paging"] == "page-business-hours"   # its response sentence says business hours


def test_review_template_document_is_the_postmortem(outputs) -> None:
    docs = outputs["review-template-document.md"]
    assert not any(rel.startswith("playbooks/") for rel in docs)   # 'Effects' is no alert runbook's Impact
    pm = docs["postmortem.yaml"]
    assert [s["title"] for s in pm["sections"]] == ["What happened", "Effects", "Follow-ups", "Sign-off"]
    assert pm["sections"][0]["prompt"] == "A short story of the incident that a new joiner could follow."
    guidance = {g["title"]: g["text"] for g in pm["guidance"]}
    assert guidance["Incident Retrospective: {short title}"] == "- Retro ID: RET-{number}\n- Facilitator: {name}"
    assert guidance["Follow-ups"] == "- Follow-up | Owner | Due"
    assert guidance["Sign-off"] == "- [ ] Facilitator has read the timeline\n- [ ] Follow-ups are in the tracker"
    assert all(is_missing(a["topic"]) for a in pm["agenda"])


def test_summary_is_never_joined_across_its_code_block(outputs) -> None:
    docs = outputs["alert-summary-with-expression.md"]
    pb = docs["playbooks/queue-depth-too-high.yaml"]
    assert pb["summary"] == ("Fires when the render queue holds more than 2,000 jobs for ten minutes. The rule is:"
                             "\n\nCustomers see thumbnails appear late; exports stay queued.")
    assert "sum(render_queue_jobs) > 2000" in pb["notes"]   # the expression is kept, never dropped
    assert pb["alerts"] == ["QueueDepthTooHigh"]


def test_phone_number_stops_before_a_bracketed_remark(outputs) -> None:
    contacts = {c["name"]: c for c in outputs["vendor-phone-bracket.md"]["contacts.yaml"]["contacts"]}
    assert contacts["Lumen Freight"]["phone"] == "+44 20 7946 0321"
    assert contacts["Lumen Freight"]["email"] == "ops@lumen-freight.example"
    assert contacts["Carrow Print"]["phone"] == "+44 161 496 0144"


def test_handbook_stages_as_a_numbered_list_with_windows(outputs) -> None:
    phases = outputs["team-handbook-stages-duties.md"]["process.yaml"]["phases"]
    assert [p["name"] for p in phases] == ["Notice", "Stabilise", "Close (no fixed window)"]
    assert [p.get("window") for p in phases] == [{"start": "0m", "end": "10m"}, {"start": "10m", "end": "45m"}, None]
    assert phases[1]["actions"] == ["Roll back or switch the feature off first."]


def test_handbook_duties_under_bold_names_and_bold_dash_roles(outputs) -> None:
    roles = {r["name"]: r for r in outputs["team-handbook-stages-duties.md"]["roles.yaml"]["roles"]}
    assert roles["Night lead"]["responsibilities"] == ["Carries the pager overnight.",
                                                      "Decides whether to wake the product owner."]
    assert roles["Scribe"]["responsibilities"] == ["keeps the timeline in the incident document."]
    assert set(roles) == {"Day lead", "Night lead", "Incident lead", "Scribe"}


def test_handbook_chain_of_page_steps_template_and_commands(outputs) -> None:
    docs = outputs["team-handbook-stages-duties.md"]
    chain = docs["escalation.yaml"]["levels"]
    assert [lv["contacts"] for lv in chain] == [["the-night-lead"], ["the-mobile-platform-team"]]
    assert chain[1]["triggers"] == [{"condition": "if the crash is in the shared SDK"}]
    assert is_missing(chain[0]["triggers"][0]["condition"])
    template = docs["templates.yaml"]["templates"][0]
    assert template["channel"] == "chat" and set(template["placeholders"]) == {"team", "date", "count", "anything"}
    book = docs["playbooks/handy-commands.yaml"]
    assert [(s["text"], s["commands"][0]["code"]) for s in book["steps"]["immediate"]] == [
        ("see who holds the pager", "pagerctl whois --team field-app"),
        ("switch the offline-sync feature off", "flagctl off offline-sync --env prod")]
    assert "Field Service Support Handbook" not in book["aliases"]   # the page's front matter is not the playbook's
    front = next(g for g in docs["organization.yaml"]["guidance"] if g["text"].startswith("- title:"))
    assert "- description: How the field-service app team handles pages and incidents." in front["text"]


def test_contact_lines_without_bullets(outputs) -> None:
    contacts = {c["id"]: c for c in outputs["priorities-in-prose.md"]["contacts.yaml"]["contacts"]}
    assert contacts["service-desk-line"]["phone"] == "+1 555 0142"
    assert contacts["service-desk-line"]["kind"] == "channel"


def test_alert_runbook_header_fields_and_troubleshooting_sub_headings(outputs) -> None:
    docs = outputs["alert-runbook-header-fields.md"]
    assert [rel for rel in docs if rel.startswith("playbooks/")] == ["playbooks/replica-sync-stalled.yaml"]
    pb = docs["playbooks/replica-sync-stalled.yaml"]
    assert [(s["text"], s["commands"][0]["code"]) for s in pb["steps"]["investigate"]] == [
        ("Replica disk full", "df -h /var/lib/ledger"), ("Network partition", 'ledgerctl peers --replica "$REPLICA"')]
    assert pb["services"] == ["ledger-store"] and pb["owner"] == "storage"   # the header's fields, not prose
    storage = next(c for c in docs["contacts.yaml"]["contacts"] if c["id"] == "storage")
    assert (storage["kind"], storage["name"], storage["chat"]) == ("team", "Storage", "#storage-oncall")
    assert {"id": "ledger-store", "name": "ledger-store"} in docs["organization.yaml"]["services"]
    assert "guidance" not in pb
    assert "[Summary](#summary)" in pb["notes"]   # a contents list of parts, not of pages, stays visible in notes


def test_html_page_notes_show_the_text_a_reader_sees(tmp_path: Path) -> None:
    page = tmp_path / "vendors.html"
    page.write_text('<!DOCTYPE html>\n<html lang="en">\n<body>\n<h1>Supplier escalation</h1>\n'
                    '<p>Open a ticket <strong>before</strong> phoning &mdash; they ask for it.</p>\n'
                    '<table><tr><th>Supplier</th><th>Phone</th></tr>\n'
                    '<tr><td>Lumen Freight</td><td>+44 20 7946 0321 (24x7 desk)</td></tr></table>\n</body>\n</html>\n')
    done = import_documents([page], tmp_path / "content", org_name="Corpus Org", today=TEST_TODAY)
    text = "".join(p.read_text() for p in done.out_dir.rglob("*.yaml"))
    assert "<strong>" not in text and "&mdash;" not in text and "<!DOCTYPE" not in text
    assert "Open a ticket before phoning — they ask for it." in text   # as guidance, the text a reader sees
    assert "notes" not in yaml.safe_load((done.out_dir / "organization.yaml").read_text())   # page markup is not text
    contacts = yaml.safe_load((done.out_dir / "contacts.yaml").read_text())["contacts"]
    assert next(c for c in contacts if c["name"] == "Lumen Freight")["phone"] == "+44 20 7946 0321"


def test_timer_column_that_says_when_each_level_is_paged(tmp_path: Path) -> None:
    done = import_documents([CORPUS / "escalation-wait-column.md"], tmp_path / "content", org_name="Corpus Org",
                            today=TEST_TODAY)
    chain = yaml.safe_load((done.out_dir / "escalation.yaml").read_text())["levels"]
    assert [lv["name"] for lv in chain] == ["Billing on-call", "Billing lead", "Finance systems director"]
    assert [lv["triggers"] for lv in chain] == [[{"condition": "Immediately"}], [{"after": "20m"}], [{"after": "1h"}]]


def test_second_response_column_is_kept_with_its_level(tmp_path: Path) -> None:
    done = import_documents([CORPUS / "severity-two-response-columns.md"], tmp_path / "content", org_name="Corpus Org",
                            today=TEST_TODAY)
    ladder = {lv["id"]: lv for lv in yaml.safe_load((done.out_dir / "severities.yaml").read_text())["levels"]}
    assert ladder["SEV1"]["details"] == [{"label": "Response (weekdays)", "text": "10 minutes"},
                                         {"label": "Response (nights)", "text": "20 minutes"}]
    assert ladder["SEV1"]["response_time"] == "10m" and ladder["SEV2"]["description"] == "Checkout slow in one region"
