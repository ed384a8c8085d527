"""`playbook import` on a corpus of documents in the shapes public incident-response documents take.

Each fixture in tests/import_corpus/ was written for these tests. For each: the fields that
must come out, no value that is not in the source, and every source line visible on the
site that `playbook build --draft` makes of the import.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.validate.imported import is_missing
from generator.cli import main
from generator.importer.run import NothingRecognized, import_documents

from .conftest import REPO, TEST_TODAY
from .importcorpus import CORPUS, header_rows, invented, invisible, site_text

DOCUMENTS = sorted(p.name for p in CORPUS.iterdir())
ORG = "Corpus Org"


def imported(tmp_path_factory, name: str) -> Path:
    repo = tmp_path_factory.mktemp(f"corpus-{Path(name).stem}")
    import_documents([CORPUS / name], repo / "content", org_name=ORG, today=TEST_TODAY)
    return repo / "content"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, Path]:
    return {name: imported(tmp_path_factory, name) for name in DOCUMENTS}


def docs(out: Path) -> dict[str, dict]:
    return {p.relative_to(out).as_posix(): yaml.safe_load(p.read_text()) for p in out.rglob("*.yaml")}


def levels(out: Path) -> dict[str, dict]:
    return {lv["id"]: lv for lv in docs(out)["severities.yaml"]["levels"]}


def playbooks(out: Path) -> dict[str, dict]:
    return {rel.split("/")[1][:-5]: d for rel, d in docs(out).items() if rel.startswith("playbooks/")}


def test_sre_severity_page_with_html_table(outputs) -> None:
    ladder = levels(outputs["sre-severity-html.md"])
    assert list(ladder) == ["SEV1", "SEV2", "SEV3", "SEV4"]
    assert [lv["response_time"] for lv in ladder.values()] == ["5m", "15m", "4h", "2d"]
    assert [lv["paging"] for lv in ladder.values()] == ["page-24x7", "page-24x7", "page-business-hours", "ticket"]
    assert ladder["SEV1"]["description"] == "Complete outage of a customer-facing product"
    assert ladder["SEV2"]["examples"] == ["Search latency above 10 seconds"]


def test_handbook_levels_from_key_value_bullets_roles_phases_and_chain(outputs) -> None:
    out = outputs["incident-handbook.md"]
    ladder = levels(out)
    assert [lv["response_time"] for lv in ladder.values()] == ["15m", "1h", "4h", "24h"]
    assert ladder["P1"]["name"] == "Critical (Emergency)"
    assert all(is_missing(lv["paging"]) for lv in ladder.values())  # the source never says how to page
    roles = docs(out)["roles.yaml"]["roles"]
    assert [r["name"] for r in roles] == ["Incident Commander", "Communications Lead", "Scribe"]
    assert roles[0]["short"] == "IC"
    phases = docs(out)["process.yaml"]["phases"]
    assert [(p["name"], p["window"]) for p in phases][1] == ("Investigation Phase", {"start": "15m", "end": "60m"})
    chain = docs(out)["escalation.yaml"]["levels"]
    assert [lv["name"] for lv in chain] == ["Level 1: On-call engineer", "Level 2: Team lead",
                                           "Level 3: Engineering manager", "Level 4: VP of Engineering",
                                           "Level 5: CEO (for P1 incidents)"]
    assert all(is_missing(t["condition"]) for lv in chain for t in lv["triggers"])  # when: not in the source


def test_alert_runbooks_folder_one_playbook_per_alert(tmp_path) -> None:
    done = import_documents([CORPUS / "alert-runbooks"], tmp_path / "content", today=TEST_TODAY)
    books = playbooks(tmp_path / "content")
    assert set(books) == {"kube-pod-crash-looping", "disk-almost-full", "certificate-expiring-soon"}
    crash = books["kube-pod-crash-looping"]
    assert crash["aliases"] == ["KubePodCrashLooping"] and crash["alerts"] == ["KubePodCrashLooping"]
    assert crash["symptoms"] == ["A pod container has restarted more than five times in the last fifteen minutes."]
    assert crash["summary"].startswith("The workload runs with fewer replicas")
    codes = [c["code"] for s in crash["steps"]["investigate"] for c in s.get("commands", [])]
    assert any("kubectl logs" in c for c in codes) and any("kubectl describe pod" in c for c in codes)
    assert any("rollout undo" in c["code"] for s in crash["steps"]["resolve"] for c in s.get("commands", []))
    assert done.structured_lines == done.total_lines


def test_security_plan_template_placeholders_are_errors(outputs) -> None:
    out = outputs["security-ir-plan.md"]
    ladder = levels(out)
    assert [(k, v["response_time"]) for k, v in ladder.items()] == [("S1", "1h"), ("S2", "4h"),
                                                                     ("S3", "next-business-day")]
    contacts = {c.get("title", ""): c for c in docs(out)["contacts.yaml"]["contacts"]}
    assert contacts["Security lead"]["phone"] == "+1 555 0142"
    phases = [p["name"] for p in docs(out)["process.yaml"]["phases"]]
    assert phases == ["Preparation", "Detection and Analysis", "Containment", "Eradication", "Recovery"]
    result = CliRunner().invoke(main, ["check", "--root", str(out.parent), "--today", TEST_TODAY.isoformat(),
                                       "--no-cards", "--format", "json"])
    assert result.exit_code == 1
    assert "TODO" in result.output and "placeholder" in result.output  # TODO contact data is flagged


def test_oncall_handbook_contacts_response_expectations_and_chain(outputs) -> None:
    out = outputs["oncall-handbook.md"]
    contacts = {c["id"]: c for c in docs(out)["contacts.yaml"]["contacts"]}
    assert contacts["primary-on-call"]["phone"] == "+1 555 0100"
    assert contacts["platform-team-lead"]["email"] == "lead@example.net"
    ladder = levels(out)
    assert ladder["P1"]["response_time"] == "5m" and ladder["P1"]["paging"] == "page-24x7"
    assert ladder["P2"]["response_time"] == "30m" and ladder["P2"]["paging"] == "page-business-hours"
    chain = docs(out)["escalation.yaml"]["levels"]
    assert [lv["contacts"] for lv in chain] == [["primary-on-call"], ["secondary-on-call"], ["platform-team-lead"]]


def test_status_page_templates_keep_literal_tags(outputs) -> None:
    templates = docs(outputs["status-page-process.md"])["templates.yaml"]["templates"]
    assert [t["stage"] for t in templates] == ["investigating", "identified", "resolved"]
    assert all(t["channel"] == "status-page" for t in templates)
    assert "{service}" in templates[0]["body"]


def test_runbook_collection_recovery_scenarios_are_playbooks(outputs) -> None:
    books = playbooks(outputs["runbook-collection.md"])
    assert {"database-connection-errors", "queue-backlog"} <= set(books)
    recovery = [pb for pb in books.values() if pb["title"].startswith(("Restore", "Rebuild", "Fail over",
                                                                        "Replay", "Rotate", "Recover"))]
    assert len(recovery) == 6
    db = books["database-connection-errors"]
    assert db["symptoms"][0] == 'Requests fail with "too many connections"'
    assert any("pgbouncer" in c["code"] for s in db["steps"]["resolve"] for c in s.get("commands", []))


def test_postmortem_review_template_recognized(outputs) -> None:
    out = outputs["postmortem-guide.md"]
    pm = docs(out)["postmortem.yaml"]
    assert [s["title"] for s in pm["sections"]] == ["Summary", "Timeline", "Root Cause", "Action Items"]
    assert [a["minutes"] for a in pm["agenda"]] == [15, 20, 10]
    assert pm["review_within"] == []   # P1 and P2 are not levels of this document: kept in notes
    assert "## Review Meeting (within 5 days for P1 and P2)" in pm["notes"]


def test_several_documents_import_as_one(tmp_path) -> None:
    done = import_documents([CORPUS / "postmortem-guide.md", CORPUS / "incident-handbook.md"],
                            tmp_path / "content", today=TEST_TODAY)
    pm = docs(done.out_dir)["postmortem.yaml"]
    assert pm["review_within"] == [{"severity": "P1", "within": "5d"}, {"severity": "P2", "within": "5d"}]
    assert list(levels(done.out_dir)) == ["P1", "P2", "P3", "P4"]
    report = done.report_path.read_text()
    assert "Review Template" in report and "postmortem-guide.md:" in report and "incident-handbook.md:" in report


def test_bold_label_levels_never_guess_paging(outputs) -> None:
    ladder = levels(outputs["bold-severity-labels.md"])
    assert list(ladder) == ["P0", "P1", "P2", "P3"]
    assert ladder["P0"]["name"] == "Critical (Page)"
    assert all(is_missing(lv["paging"]) and is_missing(lv["response_time"]) for lv in ladder.values())
    assert ladder["P0"]["examples"] == ["Payments are failing", "Data loss in progress"]


def test_escalation_tiers(outputs) -> None:
    chain = docs(outputs["escalation-tiers.md"])["escalation.yaml"]["levels"]
    assert [lv["name"] for lv in chain] == ["Tier 1 - Service desk", "Tier 2 - Platform engineers",
                                           "Tier 3 - Engineering director"]
    assert chain[0]["response_time"] == "15m"
    assert chain[2]["triggers"] == [{"condition": "Customer data at risk"}]


def test_contact_directory_table(outputs) -> None:
    contacts = {c["id"]: c for c in docs(outputs["contact-directory.md"])["contacts.yaml"]["contacts"]}
    assert contacts["dana-okafor"]["phone"] == "+44 20 7946 0011"
    assert contacts["lee-park"]["email"] == "lee@example.co.uk" and contacts["sam-ruiz"]["chat"] == "@sruiz"


def test_nested_procedure_keeps_sub_headings_and_sub_items(outputs) -> None:
    pb = playbooks(outputs["nested-procedure.md"])["regional-failover-procedure"]
    assert [s["text"] for s in pb["steps"]["resolve"]] == ["Promote the replica", "Switch DNS"]
    assert "Wait for the old TTL to pass" in pb["steps"]["resolve"][1]["note"]
    assert pb["steps"]["immediate"][0]["note"] == "Name the Incident Commander\nStart the timeline"


def test_word_web_page_lists_commands_and_headings(outputs) -> None:
    """Word's 'Save as Web Page': list paragraphs with drawn bullets and numbers, a Consolas command
    style, headings under a Title paragraph; no <o:p> or mso- markup reaches a field."""
    out = outputs["word-web-page-library-ict.htm"]
    assert [lv["name"] for lv in docs(out)["escalation.yaml"]["levels"]] == [
        "ICT Service Desk", "Out-of-hours ICT on-call", "Tomasz Wrobel", "Head of Library Services"]
    books = playbooks(out)
    assert sorted(books) == ["public-wi-fi-captive-portal-down", "self-service-kiosks-offline"]
    code = [c["code"] for step in books["self-service-kiosks-offline"]["steps"]["immediate"] for c in step.get("commands", [])]
    assert code == ["ssh ops@kiosk-gw01.fenwick.example\nsudo systemctl status kiosk-bridge\n"
                    "sudo journalctl -u kiosk-bridge -n 50"]
    assert "<o:p" not in str(docs(out)) and "mso-" not in str(docs(out))


def test_word_filtered_export_bold_titles_and_typed_list_markers(outputs) -> None:
    out = outputs["word-filtered-vet-outage-plan.htm"]
    assert list(levels(out)) == ["P1", "P2", "P3"]
    assert list(playbooks(out)) == ["records-system-unreachable"]
    assert docs(out)["templates.yaml"]["templates"][0]["title"] == "Client text message"


@pytest.mark.parametrize("name", DOCUMENTS)
def test_nothing_invented(outputs, name) -> None:
    assert invented(outputs[name], [CORPUS / name], extra=ORG) == []


@pytest.mark.parametrize("name", DOCUMENTS)
def test_report_needs_a_human_is_exactly_check(outputs, name) -> None:
    out = outputs[name]
    result = CliRunner().invoke(main, ["check", "--root", str(out.parent), "--today", TEST_TODAY.isoformat(),
                                       "--no-cards"])
    found = {line.split(": ", 1)[0] for line in result.output.splitlines() if line.startswith("content/")}
    report = (out / "import-report.md").read_text()
    section = report.split("## Needs a human", 1)[1].split("\n## ", 1)[0]
    listed = {line.split("`")[1] for line in section.splitlines() if line.startswith("- `")}
    assert found == listed


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_source_line_visible_on_draft_site(outputs, name, tmp_path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(outputs[name], repo / "content")
    for part in ("schemas", "site_overrides"):
        shutil.copytree(REPO / part, repo / part)
    shutil.copy(REPO / "mkdocs.yml", repo / "mkdocs.yml")
    plain = CliRunner().invoke(main, ["build", "--root", str(repo), "--today", TEST_TODAY.isoformat()])
    assert plain.exit_code == 1, "a build that is not a draft refuses placeholders"
    result = CliRunner().invoke(main, ["build", "--draft", "--root", str(repo), "--today", TEST_TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    text = site_text(repo / "site")
    assert "draft" in text
    sources = sorted((CORPUS / name).rglob("*.md")) if (CORPUS / name).is_dir() else [CORPUS / name]
    assert [line for src in sources for line in invisible(src, text, header_rows(src))] == []


@pytest.mark.parametrize("content", ["", "# Just a title\n", "# my-lib\n\nA small library for parsing dates.\n",
                                     "\x00\x01\x02\xff\xfe binary junk \x00"])
def test_nothing_recognized_exits_1_and_writes_nothing(tmp_path, content) -> None:
    source = tmp_path / "doc.md"
    source.write_bytes(content.encode("utf-8", errors="surrogateescape") if isinstance(content, str) else content)
    with pytest.raises(NothingRecognized):
        import_documents([source], tmp_path / "out", today=TEST_TODAY)
    result = CliRunner().invoke(main, ["import", str(source), "--out", str(tmp_path / "out2"),
                                       "--today", TEST_TODAY.isoformat()])
    assert result.exit_code == 1 and "nothing recognized" in result.output
    assert not (tmp_path / "out").exists() and not (tmp_path / "out2").exists()


def test_label_style_severity_table_and_role_table(outputs) -> None:
    out = outputs["label-severity-and-role-tables.md"]
    ladder = levels(out)
    assert [(k, v["name"], v["response_time"]) for k, v in ladder.items()] == [
        ("SEV1", "severity::1", "15m"), ("SEV2", "severity::2", "1h"), ("SEV3", "severity::3", "8h")]
    roles = docs(out)["roles.yaml"]["roles"]
    assert [(r["name"], r["responsibilities"]) for r in roles] == [
        ("Incident Manager", ["Coordinates the response and owns communication"]),
        ("Engineer On Call", ["Investigates and fixes the problem"])]
    pb = playbooks(out)["website-returns-502"]
    assert pb["symptoms"] == ["visitors see a 502 page."]
    assert [s["text"] for s in pb["steps"]["resolve"]][:2] == ["Check the load balancer health.", "Restart the web tier."]


def test_severity_definitions_in_prose_and_escalation_sentences(outputs) -> None:
    out = outputs["severity-definitions-prose-escalation.md"]
    ladder = levels(out)
    assert [(v["response_time"], v["paging"]) for v in ladder.values()][0] == ("immediate", "page-24x7")
    assert ladder["SEV2"]["response_time"] == "30m" and is_missing(ladder["SEV2"]["paging"])
    assert ladder["SEV3"]["paging"] == "page-business-hours"
    chain = docs(out)["escalation.yaml"]["levels"]
    assert [(lv["name"], lv["triggers"]) for lv in chain] == [("secondary", [{"after": "5m"}]),
                                                              ("the engineering manager", [{"after": "10m"}])]
    # the sentences say more than who and when: they stay on the page too, as the escalation page's guidance
    assert "the page escalates to the secondary" in docs(out)["escalation.yaml"]["guidance"][0]["text"]
    contacts = {c["id"]: c for c in docs(out)["contacts.yaml"]["contacts"]}
    assert contacts["engineering-manager"]["phone"] == "+1 415 555 0134"
    assert contacts["security"]["email"] == "security@example.io"


def test_nist_security_playbook_as_the_whole_document(outputs) -> None:
    pb = playbooks(outputs["nist-security-playbook.md"])["compromised-iam-credentials"]
    assert pb["title"] == "Compromised IAM credentials"
    assert pb["symptoms"][0] == "GuardDuty finding of type UnauthorizedAccess:IAMUser"
    assert any("update-access-key" in c["code"] for s in pb["steps"]["resolve"] for c in s.get("commands", []))
    # not a stage: the playbook's guidance, on its page under the source's heading
    assert pb["guidance"] == [{"title": "Lessons learned", "text": "Hold a review within 3 days."}]


def test_literal_level_tag_in_a_subject_is_not_a_placeholder(outputs) -> None:
    template = docs(outputs["status-page-process.md"])["templates.yaml"]["templates"][0]
    assert template["subject"] == "[P1] Investigating: {service} unavailable"
    assert set(template["placeholders"]) == {"service"}


def test_output_over_the_size_check_accepts_is_refused_before_writing(tmp_path, monkeypatch) -> None:
    from generator.importer import files
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 2_000)
    source = tmp_path / "big.md"
    source.write_text("# Severity\n\n## SEV1 - Critical\n\n" + "".join(f"Unsorted line {i}.\n\n" for i in range(300)))
    result = CliRunner().invoke(main, ["import", str(source), "--out", str(tmp_path / "out"),
                                       "--today", TEST_TODAY.isoformat()])
    assert result.exit_code == 1 and "over the 1 MB" in result.output and "severities.yaml would be" in result.output
    assert not (tmp_path / "out").exists()


def test_report_names_headings_and_the_encoding_example_from_the_file(tmp_path) -> None:
    source = tmp_path / "doc.md"
    source.write_bytes("# Runbook\n\n## SEV1 - Critical (Response Time: 5 minutes)\n\nAlarm \u00f0\u0178\u0161\u00a8 here\n"
                       .encode("utf-8"))
    done = import_documents([source], tmp_path / "out", today=TEST_TODAY)
    report = done.report_path.read_text()
    assert f"{source}:5: 'Alarm \u00f0\u0178\u0161\u00a8 here' became 'Alarm \U0001f6a8 here'" in report
    assert "SEV1 - Critical (Response Time: 5 minutes)" in report   # grouped by source heading


def test_roles_from_headings_with_lists_and_bold_ids_in_a_table(outputs) -> None:
    out = outputs["severity-table-bold-ids-and-role-headings.md"]
    assert list(levels(out)) == ["SEV1", "SEV2", "SEV3"]
    assert levels(out)["SEV1"]["examples"] == ["Customer data loss", "a customer-facing service is down for all customers"]
    roles = docs(out)["roles.yaml"]["roles"]
    assert [(r["name"], len(r["responsibilities"])) for r in roles] == [("Incident manager", 2), ("Tech lead", 1)]
    template = docs(out)["templates.yaml"]["templates"][0]
    assert set(template["placeholders"]) == {"product", "impact", "time"}


def test_roles_from_bold_labels_and_how_to_declare(outputs) -> None:
    out = outputs["role-labels-and-declare-questions.md"]
    roles = docs(out)["roles.yaml"]["roles"]
    assert [r["name"] for r in roles] == ["Incident Commander", "Operations Lead", "Communications Lead"]
    assert docs(out)["organization.yaml"]["declare"][0] == "Do you need a second team to fix the problem?"


def test_csirt_categories_table_and_numbered_procedure(outputs) -> None:
    out = outputs["csirt-procedure-categories.md"]
    assert [(k, v["response_time"]) for k, v in levels(out).items()] == [("CAT-1", "1h"), ("CAT-2", "2h"),
                                                                          ("CAT-3", "1d")]
    books = playbooks(out)
    assert len(books) == 1
    (pb,) = books.values()
    assert [s["text"] for s in pb["steps"]["immediate"]] == ["Record the time, reporter and affected systems.",
                                                            "Assign a category."]
    assert pb["steps"]["resolve"][0]["text"] == "Disconnect the affected host from the network."


def test_startup_cheatsheet_levels_people_and_command_sections(outputs) -> None:
    out = outputs["startup-oncall-cheatsheet.md"]
    assert [(k, v["response_time"]) for k, v in levels(out).items()] == [("S1", "5m"), ("S2", "15m"),
                                                                          ("S3", "next-business-day")]
    contacts = {c["id"]: c for c in docs(out)["contacts.yaml"]["contacts"]}
    assert contacts["maya-cto"]["phone"] == "+1 555 0190" and contacts["tom-platform"]["chat"] == "@tom"
    books = playbooks(out)
    assert set(books) == {"the-api-is-returning-500s", "the-queue-is-stuck"}
    codes = [c["code"] for s in books["the-api-is-returning-500s"]["steps"]["immediate"] for c in s.get("commands", [])]
    assert "heroku rollback -a widgetly-api" in "\n".join(codes)


def test_vendor_matrix_contacts_and_ordered_escalation(outputs) -> None:
    out = outputs["vendor-escalation-matrix.md"]
    contacts = {c["id"]: c for c in docs(out)["contacts.yaml"]["contacts"]}
    assert contacts["payment-processor"]["phone"] == "+1 555 0123"
    assert contacts["cloud-provider"]["url"] == "https://support.cloud.example/"
    chain = docs(out)["escalation.yaml"]["levels"]
    assert [lv["name"] for lv in chain] == ["Support ticket", "Account manager", "Vendor engineering on-call"]
    assert levels(out)["SEV-A"]["response_time"] == "15m"


def test_priority_matrix_and_role_heading(outputs) -> None:
    out = outputs["major-incident-priority-matrix.md"]
    assert [(k, v["response_time"], v["resolution_target"]) for k, v in levels(out).items()] == [
        ("P1", "30m", "4h"), ("P2", "2h", "1d"), ("P3", "1d", "5d")]
    (role,) = docs(out)["roles.yaml"]["roles"]
    assert role["name"] == "Major incident manager" and len(role["responsibilities"]) == 3
    contacts = {c["id"]: c for c in docs(out)["contacts.yaml"]["contacts"]}
    assert contacts["bridge-call"]["phone"] == "+1 555 0166"


def test_symptom_cause_action_table_is_one_playbook(outputs) -> None:
    (pb,) = playbooks(outputs["symptom-cause-action-table.md"]).values()
    assert pb["symptoms"] == ["Payments time out", "Cart is empty after login", "Prices show as 0"]
    assert pb["steps"]["resolve"][0] == {"text": "Switch to the backup gateway", "condition": "Payments time out",
                                         "note": "Gateway latency"}
    assert "catalogue-sync --full" in pb["steps"]["resolve"][-1]["commands"][0]["code"]
