"""`playbook import` on the corpus documents written in the shapes a first batch of unseen documents
showed were missing: setext headings, HTML fragments, front matter and admonitions, numbered
plan sections with definition lists and prose severity levels, roles in prose, templates with
{placeholders} and a block-quoted email, contacts nested under a vendor's name.

The generic checks (nothing invented, every line visible on the draft site, the report's list
equal to `playbook check`) run on these files with the rest of the corpus in
test_import_corpus.py; here are the fields that must come out of each.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.importer.dialects import rewrite
from generator.importer.run import import_documents
from generator.validate.imported import is_missing

from .conftest import TEST_TODAY
from .importcorpus import CORPUS, imported

NAMES = ["setext-escalation-policy.md", "html-impact-ladder.md", "front-matter-step-runbook.md",
         "ir-plan-numbered-sections.md", "role-descriptions-prose.md", "message-templates-braces.md",
         "vendor-directory-nested.md"]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, dict[str, object]]:
    return imported(tmp_path_factory, NAMES)


def guidance_titles(doc: dict) -> list[str]:
    return [g["title"] for g in doc.get("guidance", [])]


def test_setext_headings_and_a_chain_of_named_steps(outputs) -> None:
    docs = outputs["setext-escalation-policy.md"]
    chain = docs["escalation.yaml"]["levels"]
    assert [lv["name"] for lv in chain] == ["Routing on-call engineer", "Routing backup engineer",
                                           "Engineering lead on duty"]
    assert chain[0]["response_time"] == "10m"
    assert chain[1]["triggers"] == [{"condition": "Paged if nobody has acknowledged after 15 minutes.", "after": "15m"}]
    assert chain[2]["authority"] == "Decides whether this is an incident and names a commander."
    assert docs["severities.yaml"]["review"]["last_reviewed"] == "2025-09-02"
    assert {"Why this exists", "After someone acknowledges"} <= set(guidance_titles(docs["organization.yaml"]))
    assert "the page is posted to #routing-alarms" in docs["escalation.yaml"]["guidance"][0]["text"]


def test_html_fragment_ladder_keeps_columns_without_a_field_as_details(outputs) -> None:
    levels = {lv["id"]: lv for lv in outputs["html-impact-ladder.md"]["severities.yaml"]["levels"]}
    assert list(levels) == ["OC-1", "OC-2", "OC-3"]
    assert (levels["OC-1"]["response_time"], levels["OC-1"]["paging"], levels["OC-1"]["update_every"]) == \
        ("15m", "page-24x7", "30m")
    assert levels["OC-2"]["update_every"] == "1h"
    # '2 business hours' is not a wall-clock time: business time, with the source's words beside it
    assert levels["OC-2"]["response_time"] == "2bh"
    assert {"label": "Time to engage", "text": "2 business hours"} in levels["OC-2"]["details"]
    assert {"label": "Time to engage", "text": "\u2014"} in levels["OC-3"]["details"]
    org = outputs["html-impact-ladder.md"]["organization.yaml"]
    assert "How to grade" in guidance_titles(org)
    rules = next(g for g in org["guidance"] if g["title"] == "Rules of thumb")["text"]
    assert rules.splitlines() == ["- Suspected data exposure starts at OC-1.",
                                  "- An OC-2 open for three hours without a workaround is re-graded."]


def test_front_matter_admonitions_and_step_headings_make_one_playbook(outputs) -> None:
    docs = outputs["front-matter-step-runbook.md"]
    (pb,) = [d for rel, d in docs.items() if rel.startswith("playbooks/")]
    assert pb["alerts"] == ["SearchClusterRed"] and "SearchClusterRed" in pb["aliases"]
    assert pb["tags"] == ["runbook", "search"] and pb["owner"] == "team-search"
    assert pb["review"]["last_reviewed"] == "2025-06-14"
    assert pb["summary"].startswith("The SearchClusterRed alert links here.")
    assert pb["symptoms"] == ["When this fires: At least one primary shard has been unassigned for five minutes."]
    steps = pb["steps"]["immediate"]
    assert [s["text"] for s in steps] == ["Step 1 \u2014 Find the unassigned shards", "Step 2 \u2014 Ask the cluster why"]
    assert "_cat/shards" in steps[0]["commands"][0]["code"] and steps[0]["note"].startswith("Tip: A single index")
    assert [s["text"] for s in pb["steps"]["verify"]][1] == "Open a ticket if any step here was wrong."
    assert {"id": "team-search", "kind": "team", "name": "team-search"} in docs["contacts.yaml"]["contacts"]


def test_numbered_plan_definitions_prose_levels_roles_phases(outputs) -> None:
    docs = outputs["ir-plan-numbered-sections.md"]
    levels = docs["severities.yaml"]["levels"]
    assert [(lv["id"], lv["name"]) for lv in levels] == [("TIER-1", "Severe"), ("TIER-2", "Limited")]
    assert (levels[0]["response_time"], levels[0]["paging"]) == ("1h", "page-24x7")   # 'within one hour, at any time'
    assert levels[1]["response_time"] == "2bh" and levels[1]["paging"] == "page-business-hours"
    roles = docs["roles.yaml"]["roles"]
    assert [r["name"] for r in roles] == ["Response Lead", "Forensic Analysts"]
    assert roles[0]["responsibilities"] == ["Runs the response, decides on containment and briefs the executive team."]
    phases = docs["process.yaml"]["phases"]
    assert [p["name"] for p in phases] == ["Preparation", "Containment"]
    assert phases[1]["actions"] == ["Unplug the network cable or disable the switch port.", "Disable the accounts involved."]
    definitions = next(g for g in docs["organization.yaml"]["guidance"] if g["title"] == "2. Definitions")["text"]
    assert definitions.splitlines()[0] == "Alert: Something a monitoring tool flagged. Most alerts are not incidents."
    assert docs["organization.yaml"]["review_defaults"] == {"interval": "yearly"}
    contacts = {c["id"]: c for c in docs["contacts.yaml"]["contacts"]}
    assert contacts["imogen-hart"]["phone"] == "+44 20 7946 0301" and contacts["imogen-hart"]["title"] == "Response Lead"


def test_roles_in_prose_with_labels(outputs) -> None:
    roles = outputs["role-descriptions-prose.md"]["roles.yaml"]
    ic, scribe = roles["roles"]
    assert ic["short"] == "IC" and ic["description"].startswith("Steers the incident")
    assert ic["responsibilities"][-1] == "Does not: push fixes to production."
    assert scribe["responsibilities"] == ["Keeps a timestamped log of decisions and actions. The log feeds the "
                                          "review, so write what, where and when."]
    assert guidance_titles(roles) == ["Incident roles at Copperfield Games", "Handing a role over"]


def test_brace_placeholders_and_a_block_quoted_email(outputs) -> None:
    docs = outputs["message-templates-braces.md"]
    templates = {t["title"]: t for t in docs["templates.yaml"]["templates"]}
    assert list(templates) == ["Investigating", "Resolved", "Leadership email"]
    first = templates["Investigating"]
    assert "{symptom} for {affected_customers}" in first["body"]
    assert first["placeholders"]["time_utc"] == "Fill in: time, UTC"
    assert (first["channel"], first["stage"]) == ("status-page", "investigating")
    assert is_missing(first["audience"])   # the body's 'customers' does not say whom the message is for
    email = templates["Leadership email"]
    assert (email["channel"], email["audience"], email["subject"]) == ("email", "executives", "[Sev {n}] {service} is degraded")
    assert not any(rel.startswith("playbooks/") for rel in docs)   # messages to send are not a procedure
    cadence = {lv["id"]: lv.get("details") for lv in docs["severities.yaml"]["levels"]}
    assert cadence["SEV1"] == [{"label": "Status page", "text": "every 30 min"},
                               {"label": "Internal channel", "text": "every 15 min"}]


def test_vendors_with_nested_lines_and_a_chain_of_sentences(outputs) -> None:
    docs = outputs["vendor-directory-nested.md"]
    contacts = {c["id"]: c for c in docs["contacts.yaml"]["contacts"]}
    tallis = contacts["tallis-hosting"]
    assert (tallis["kind"], tallis["title"], tallis["phone"], tallis["url"], tallis["notes"]) == (
        "vendor", "case management platform", "+44 161 496 0190", "https://support.tallis.example", "Contract ID: TH-2291")
    assert contacts["northgate-fibre"]["email"] == "noc@northgate.example"
    assert contacts["clara-voss"]["hours"] == "Weekdays 08:00-18:00"
    assert not {"support-line", "portal", "noc", "email"} & set(contacts)   # the nested lines are not contacts
    chain = docs["escalation.yaml"]["levels"]
    assert [(lv["name"], lv["contacts"]) for lv in chain] == [("Records Manager", ["clara-voss"]),
                                                              ("Network Lead", ["omar-haddad"]),
                                                              ("Tallis Hosting", ["tallis-hosting"])]
    assert chain[1]["triggers"][0]["after"] == "20m"


def test_rewrite_keeps_one_line_per_source_line() -> None:
    source = ["Title", "=====", "", "---", "", "<h2>Part</h2>", "<ul>", "  <li>One &amp; two</li>", "</ul>",
              "> quoted", ">", "Term", ": meaning", "!!! tip", "    Body"]
    plain = rewrite(source)
    assert len(plain.lines) == len(source)
    assert plain.lines[0] == "# Title" and plain.attached[2] == 1
    assert plain.lines[5] == "## Part" and plain.lines[7] == "- One & two" and plain.attached[7] == 8
    assert plain.lines[9] == "quoted" and 10 in plain.quoted
    assert (plain.lines[11], plain.lines[12]) == ("**Term**:", "meaning")
    assert plain.lines[13] == "**Tip**" and plain.asides[15] == "tip" and plain.lines[14] == "Body"


@pytest.fixture(scope="module")
def variants(tmp_path_factory) -> dict[str, dict[str, dict]]:
    out = {}
    for name in ("definition-list-ladder-and-escalation-table.md", "priority-bullets-and-summary-runbook.md"):
        content = tmp_path_factory.mktemp(Path(name).stem) / "content"
        import_documents([CORPUS / name], content, org_name="Corpus Org", today=TEST_TODAY)
        out[name] = {p.relative_to(content).as_posix(): yaml.safe_load(p.read_text()) for p in content.rglob("*.yaml")}
    return out


def test_definition_list_ladder_and_an_escalation_table(variants) -> None:
    docs = variants["definition-list-ladder-and-escalation-table.md"]
    levels = {lv["id"]: lv for lv in docs["severities.yaml"]["levels"]}
    assert [(k, v["response_time"]) for k, v in levels.items()][:2] == [("SEV1", "5m"), ("SEV2", "30m")]
    assert levels["SEV1"]["paging"] == "page-24x7" and is_missing(levels["SEV2"]["paging"])
    assert is_missing(levels["SEV3"]["response_time"])   # the source gives SEV3 no time
    chain = docs["escalation.yaml"]["levels"]
    assert [(lv["name"], lv["triggers"]) for lv in chain] == [
        ("Mail on-call", [{"condition": "Immediately"}]),
        ("Mail team lead", [{"condition": "After 15 minutes without an acknowledgement", "after": "15m"}]),
        ("Head of infrastructure", [{"after": "45m"}])]   # 'After 45 minutes' is the time, no condition beside it


def test_parenthesised_level_names_acknowledge_columns_and_a_summary_runbook(variants) -> None:
    docs = variants["priority-bullets-and-summary-runbook.md"]
    levels = {lv["id"]: lv for lv in docs["severities.yaml"]["levels"]}
    assert [(k, v["name"], v["response_time"]) for k, v in levels.items()][:2] == [("P1", "Critical", "15m"),
                                                                                    ("P2", "High", "1h")]
    assert levels["P3"]["resolution_target"] == "1w" and levels["P3"]["response_time"] == "1bd"
    assert levels["P3"]["details"] == [{"label": "Acknowledge", "text": "1 business day"}]
    pb = docs["playbooks/ledger-lag-high.yaml"]
    assert pb["alerts"] == ["LedgerLagHigh"]
    assert pb["summary"] == "Ledger writes are more than 60 seconds behind the payment queue."
    assert pb["guidance"] == [{"title": "Impact", "text": "Balances shown to customers are out of date."}]
    assert pb["steps"]["investigate"][0]["commands"][0]["code"] == "ledgerctl lag --since 15m"


def test_team_table_without_phones_and_an_alert_with_steps(tmp_path) -> None:
    content = tmp_path / "content"
    import_documents([CORPUS / "team-table-and-alert-steps.md"], content, today=TEST_TODAY)
    contacts = {c["id"]: c for c in yaml.safe_load((content / "contacts.yaml").read_text())["contacts"]}
    assert {k: contacts["storage"][k] for k in ("kind", "chat", "email", "notes")} == {
        "kind": "team", "chat": "#storage", "email": "storage@example.org", "notes": 'On-call: PagerDuty "storage-primary"'}
    pb = yaml.safe_load((content / "playbooks" / "node-not-ready.yaml").read_text())
    assert pb["alerts"] == ["NodeNotReady"] and pb["title"] == "NodeNotReady"
    assert pb["summary"] == "A node has reported NotReady for more than 15 minutes."
    assert [s["text"] for s in pb["steps"]["investigate"]] == ["The kubelet stopped", "The node lost its network"]
    assert pb["steps"]["resolve"][1]["commands"][0]["code"] == "systemctl restart kubelet"
    assert pb["guidance"][0]["title"] == "Escalation"


def test_commands_under_a_symptoms_label_are_kept_whole(tmp_path: Path) -> None:
    """A code block right after a '**Symptoms:**' paragraph is what responders run to confirm it:
    every line of it lands in a step's commands (it once became a symptom and lost its other lines)."""
    source = CORPUS / "symptom-label-with-commands.md"
    content = tmp_path / "content"
    import_documents([source], content, org_name="Corpus Org", today=TEST_TODAY)
    commands = []
    for path in (content / "playbooks").glob("*.yaml"):
        doc = yaml.safe_load(path.read_text())
        assert not [s for s in doc["symptoms"] if s.startswith(("kubectl", "aws ", "curl"))], doc["symptoms"]
        for steps in doc["steps"].values():
            commands += [line for step in steps for c in step.get("commands", []) for line in c["code"].splitlines()]
    for block in source.read_text().split("```")[1::2]:
        for line in block.splitlines()[1:]:
            assert line in commands, line


def test_a_folder_of_exported_html_pages_is_imported(tmp_path: Path) -> None:
    """Wiki exports are HTML: a folder's .html files are documents like its .md files."""
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "oncall-contacts.html").write_text(
        "<html><body><h1>On-call contacts</h1><table><tr><th>Name</th><th>Role</th><th>Phone</th></tr>"
        "<tr><td>Ines Varga</td><td>Database lead</td><td>+1 555 0142</td></tr></table></body></html>\n")
    content = tmp_path / "content"
    import_documents([folder], content, org_name="Corpus Org", today=TEST_TODAY)
    contacts = yaml.safe_load((content / "contacts.yaml").read_text())["contacts"]
    assert [(c["name"], c.get("phone")) for c in contacts if c["name"] == "Ines Varga"] == [("Ines Varga", "+1 555 0142")]
