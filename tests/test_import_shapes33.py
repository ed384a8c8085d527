"""`playbook import`: fixes found in stop 33 on documents nobody here wrote (blind set 23).

The fixtures are in my own words, in the shapes the blind set showed: a procedure typed in a plain
editor (capital headings with a colon, 'A)' procedure titles, commands under numbered steps, a
tab-separated contact block with no header) and a European Excel sheet saved as CSV with semicolons.
"""
from __future__ import annotations

from datetime import date

from generator.importer.run import SourceText, convert, convert_sources

TODAY = date(2026, 11, 22)


def _titled(documents: dict) -> dict[str, dict]:
    """The import's playbooks by title."""
    return {pb["title"]: pb for name, pb in documents.items() if name.startswith("playbooks/")}

TYPED = """\
LUMEN TILEWORKS - IT PROCEDURE

PURPOSE OF THE DOCUMENT:
How the IT team handles problems with the kiln control systems.

CLASSIFICATION OF THE INCIDENTS:
Priority 1 (very high): a kiln line is stopped. The on-call must answer within 20 minutes, also at night.
Priority 2 (high): a line works with problems. The answer must be within 3 hours in working time.
Priority 3 (low): one office PC. Answer within 2 working days.

CONTACTS:
Irene Vassallo\tIT Manager\t555-0141\ti.vassallo@lumen.example
Tomas Ricci\tSystems administrator\t555-0142\tt.ricci@lumen.example
Kiln on-call\trotating weekly\t555-0149\toncall@lumen.example

OPERATIVE PROCEDURES:

A) KILN SCADA DOES NOT ANSWER:
1) Check from the IT office that the server responds
ping scada01.lumen.local
2) Look at the state of the service
ssh ops@scada01.lumen.local
systemctl status kiln-scada
3) Call the supplier if the service does not start

B) GLAZE PRINTER STOPPED:
1) Look at the queue of the printer
lpstat -p glaze-2
2) Ping the operator of the line and ask which job is first

EMAIL TEMPLATE FOR THE PLANT:
To: plant@lumen.example
Subject: <system> not available
Dear colleagues, the system <system> is not available since <hour>.
"""


def _typed():
    return convert(TYPED, "Org", TODAY).documents


def test_capital_lines_with_a_colon_head_the_text_right_under_them() -> None:
    levels = {lv["id"]: lv for lv in _typed()["severities.yaml"]["levels"]}
    assert list(levels) == ["P1", "P2", "P3"]


def test_answer_within_is_a_response_and_business_time_is_held_as_such() -> None:
    levels = {lv["id"]: lv for lv in _typed()["severities.yaml"]["levels"]}
    # 'within 3 hours in working time' and '2 working days': business time, never 3h or 2d around the clock
    assert [levels[k]["response_time"] for k in ("P1", "P2", "P3")] == ["20m", "3bh", "2bd"]


def test_lettered_titles_are_procedures_and_margin_commands_under_numbered_steps_are_theirs() -> None:
    playbooks = _titled(_typed())
    assert set(playbooks) == {"KILN SCADA DOES NOT ANSWER", "GLAZE PRINTER STOPPED"}
    steps = playbooks["KILN SCADA DOES NOT ANSWER"]["steps"]["resolve"]
    assert [[line for c in s.get("commands", []) for line in c["code"].splitlines()] for s in steps] == [
        ["ping scada01.lumen.local"], ["ssh ops@scada01.lumen.local", "systemctl status kiln-scada"], []]
    printer = playbooks["GLAZE PRINTER STOPPED"]["steps"]["resolve"]
    assert [c["code"] for c in printer[0]["commands"]] == ["lpstat -p glaze-2"]
    # 'Ping the operator ...' reads as a sentence: a step, never a command
    assert "commands" not in printer[1] and printer[1]["text"].startswith("Ping the operator")


def test_a_tab_separated_block_that_starts_with_a_person_has_no_header_row() -> None:
    contacts = {c["name"]: c for c in _typed()["contacts.yaml"]["contacts"]}
    irene = contacts["Irene Vassallo"]   # the first row is a person, not the names of the columns
    assert (irene["title"], irene["phone"], irene["email"]) == ("IT Manager", "555-0141", "i.vassallo@lumen.example")
    assert contacts["Tomas Ricci"]["email"] == "t.ricci@lumen.example"


def test_an_email_under_a_template_heading_is_one_message() -> None:
    templates = _typed()["templates.yaml"]["templates"]
    assert [t["title"] for t in templates] == ["EMAIL TEMPLATE FOR THE PLANT"]
    assert templates[0]["body"].startswith("To: plant@lumen.example")


SHEET = (
    "Harlow Freight - IT storingen;;;;\r\n;;;;\r\nSEVERITY LEVELS;;;;\r\n"
    "id;name;description;reaction time;remarks\r\n"
    "1;Critical;All depots without planning;15 min;24/7\r\n"
    "2;Normal;One printer;4 hours (office hours);ticket\r\n"
    "3;Low;Questions;next working day;\r\n;;;;\r\n"
    "ESCALATION;;;;\r\norder;Servicedesk;On-call admin;Head of IT;\r\nafter;-;15 min;60 min;\r\n;;;;\r\n"
    "RUNBOOKS;;;;\r\nrunbook;step;action;command;note\r\n"
    "Planner down;1;Check the service;Get-Service -ComputerName PLAN02 -Name Planner*;\r\n"
    ";2;Restart it;Restart-Service -Name PlannerSvc;\r\n;;;;\r\n"
    "Feed stopped;1;Test the gateway;Test-NetConnection gw.harlow.example -Port 8443;\r\n"
    ";2;Look at the log;ssh ops@gw01 tail -n 50 /var/log/feed.log;\r\n")


def _sheet():
    return convert_sources([SourceText("storingen.csv", SHEET)], "Org", TODAY).documents


def test_an_id_column_under_a_severity_heading_numbers_the_levels() -> None:
    levels = _sheet()["severities.yaml"]["levels"]
    assert [(lv["id"], lv["name"], lv["response_time"]) for lv in levels] == [
        ("SEV1", "Critical", "15m"), ("SEV2", "Normal", "4bh"), ("SEV3", "Low", "next-business-day")]


def test_a_sideways_escalation_row_is_the_chain_in_order() -> None:
    chain = _sheet()["escalation.yaml"]["levels"]
    assert [lv["name"] for lv in chain] == ["Servicedesk", "On-call admin", "Head of IT"]
    assert [lv["triggers"] for lv in chain[1:]] == [[{"after": "15m"}], [{"after": "60m"}]]


def test_a_runbook_table_goes_on_after_an_empty_row_and_keeps_its_commands_as_typed() -> None:
    playbooks = _titled(_sheet())
    assert set(playbooks) == {"Planner down", "Feed stopped"}
    first = playbooks["Planner down"]["steps"]["resolve"][0]["commands"][0]
    assert first == {"lang": "powershell", "code": "Get-Service -ComputerName PLAN02 -Name Planner*"}   # its star kept
    assert [s["commands"][0]["code"] for s in playbooks["Feed stopped"]["steps"]["resolve"]] == [
        "Test-NetConnection gw.harlow.example -Port 8443", "ssh ops@gw01 tail -n 50 /var/log/feed.log"]


def test_a_confluence_storage_format_page_reads_as_the_page_shows() -> None:
    from .importcorpus import CORPUS

    text = (CORPUS / "confluence-storage-format.html").read_text()
    docs = convert_sources([SourceText("page.html", text)], "Org", TODAY).documents
    playbooks = _titled(docs)
    # 'Procedures' over two 'Procedure: ...' headings is no alert: a playbook each, the label dropped
    assert set(playbooks) == {"Plate setter offline", "Colour server slow"}
    plate = [s for stage in playbooks["Plate setter offline"]["steps"].values() for s in stage]
    command = plate[0]["commands"][0]
    assert command["code"] == "systemctl status platesetter-queue\njournalctl -u platesetter-queue -n 50"
    assert command["title"] == "On prepress01"   # the code macro's title parameter
    assert "@bnwosu" in plate[1]["text"] and "the queue page" in plate[1]["text"]
    contacts = {c["name"]: c for c in docs["contacts.yaml"]["contacts"]}
    assert contacts["Oda Karlsson"]["phone"] == "555-0161"   # the mention's name, written after it
    template = docs["templates.yaml"]["templates"][0]
    assert template["title"] == "Notice to the press halls"
    assert template["body"].splitlines()[2] == "The {system} is down since {time}. We will update you by {time}."
    levels = {lv["id"]: lv["response_time"] for lv in docs["severities.yaml"]["levels"]}
    assert levels == {"P1": "10m", "P2": "1h", "P3": "3bd"}


def test_what_a_chain_step_says_its_level_does_is_its_duties_not_when_to_escalate() -> None:
    text = ("# Ops\n\n## Escalation\n\n1. **Service Desk** logs the ticket and calls the on-call engineer.\n"
            "2. **On-call engineer** investigates and fixes.\n"
            "3. **Head of IT** is called if a site is stopped for more than two hours.\n"
            "4. **CEO** if customers are affected for a day\n")
    chain = convert(text, "Org", TODAY).documents["escalation.yaml"]["levels"]
    assert [lv.get("duties") for lv in chain] == ["logs the ticket and calls the on-call engineer",
                                                  "investigates and fixes",
                                                  "is called if a site is stopped for more than two hours", None]
    # the source says when only where it says 'if': elsewhere the placeholder asks, never a duty read as a condition
    assert chain[0]["triggers"][0]["condition"].startswith("FILL IN")
    assert chain[2]["triggers"] == [{"condition": "if a site is stopped for more than two hours"}]
    assert chain[3]["triggers"] == [{"condition": "if customers are affected for a day"}]


def test_the_escalation_page_shows_what_a_level_does(tmp_path) -> None:
    from generator import core
    from generator.render import pages as render_pages

    from .conftest import TEST_TODAY, copy_repo

    repo = copy_repo(tmp_path / "repo")
    policy = repo / "content" / "escalation.yaml"
    text = policy.read_text()
    first = text.index("    contacts:")   # the first level's contacts: its duties go just above them
    policy.write_text(text[:first] + "    duties: Opens the bridge and pages the database owner\n" + text[first:])
    result = core.load(repo, core.Options(today=TEST_TODAY, render_cards=False))
    assert result.project is not None, result
    pages = {page.uri: page.markdown for page in render_pages.render_site(result.project)}
    assert "**Does:** Opens the bridge and pages the database owner" in pages["escalation.md"]


ON_CALL_TOOL = """\
Ferrywell Ops - on-call notes (copied out of the paging tool)

Escalation Policies / Ferrywell Core

1
Level 1
Notify the following users or schedules immediately
Core Primary Rota
escalates after 10 minutes

2
Level 2
Notify the following users or schedules immediately
Core Backup Rota
escalates after 20 minutes

3
Level 3
Notify the following users or schedules immediately
Ilse Marquardt
escalates after 30 minutes

Team members

Name              Job title              Contact
Ilse Marquardt    Head of Platform       ilse@ferrywell.example   +1 555-0191
Tarek Haddad      Platform Engineer      tarek@ferrywell.example  +1 555-0192

--------------------------------------------
OUR NOTES
--------------------------------------------

priorities we use:
  P1 / Critical - nobody can book a crossing. ack 5 min, everyone on the bridge
  P2 / High - one port affected. ack 15 min
  P3 / Low - internal tools slow. next business day

--------------------------------------------
harbour notice (paste into the status page)
--------------------------------------------
  Crossings from one port are delayed. We are working on it.

old note: the 'Legacy' policy was deleted.
"""


def _tool():
    return convert(ON_CALL_TOOL, "Org", TODAY).documents


def test_an_on_call_tools_policy_page_copied_as_text_is_the_chain() -> None:
    chain = _tool()["escalation.yaml"]["levels"]
    assert [lv["name"] for lv in chain] == ["Level 1: Core Primary Rota", "Level 2: Core Backup Rota",
                                            "Level 3: Ilse Marquardt"]
    # 'escalates after 10 minutes' on a rule is when the next rule is reached
    assert [lv["triggers"] for lv in chain[1:]] == [[{"after": "10m"}], [{"after": "20m"}]]
    assert chain[0]["triggers"][0]["condition"].startswith("FILL IN")


def test_a_contact_column_of_addresses_and_numbers_reaches_the_rows_people() -> None:
    contacts = {c["name"]: c for c in _tool()["contacts.yaml"]["contacts"]}
    assert (contacts["Tarek Haddad"]["email"], contacts["Tarek Haddad"]["phone"]) == ("tarek@ferrywell.example",
                                                                                      "+1 555-0192")
    assert contacts["Ilse Marquardt"]["title"] == "Head of Platform"


def test_level_lines_set_in_under_a_lead_are_the_ladder() -> None:
    levels = _tool()["severities.yaml"]["levels"]
    assert [(lv["id"], lv["name"], lv["response_time"]) for lv in levels] == [
        ("P1", "Critical", "5m"), ("P2", "High", "15m"), ("P3", "Low", "next-business-day")]


def test_a_notice_under_a_heading_that_says_where_to_paste_it_is_a_template_and_only_its_text() -> None:
    templates = _tool()["templates.yaml"]["templates"]
    assert [t["title"] for t in templates] == ["harbour notice (paste into the status page)"]
    assert templates[0]["body"].strip() == "Crossings from one port are delayed. We are working on it."


def test_a_callout_titled_escalation_over_a_numbered_list_is_the_chain() -> None:
    text = ("# Team note\n\n## People\n\n- Mira Holt – lead – 555-0131 – mira@example.org\n"
            "- Sol Amani – payments – 555-0132 – sol@example.org\n\n"
            "> [!warning] Escalation order\n> 1. Whoever holds the pager\n> 2. Mira Holt (lead) – if no progress after 30 min\n"
            "> 3. CTO – only for SEV-1\n")
    chain = convert(text, "Org", TODAY).documents["escalation.yaml"]["levels"]
    assert [lv["name"] for lv in chain] == ["Whoever holds the pager", "Mira Holt (lead)", "CTO"]
    assert chain[1]["contacts"] == ["mira-holt"] and chain[1]["triggers"] == [{"condition": "if no progress after 30 min"}]


STAGED = """\
# Security Playbook: Leaked database password

## Severity classification

| Level | Name | Initial response time |
|---|---|---|
| SEV-1 | Critical | 15 minutes |
| SEV-2 | High | 1 hour |

## Phase 1 - Detection and Analysis

1. Find where the password was used:

```bash
grep -c "auth ok" /var/log/db/auth.log
```

## Phase 2 - Containment

1. Rotate the password:

```bash
vault write -f database/rotate-root/orders
```

## Phase 3 - Recovery

1. Restart the services that hold the old one.

## Notification templates

### Customer notice

```text
We rotated a credential on [DATE]. No action is needed on your side.
```
"""


def test_one_incidents_playbook_over_phase_headings_is_one_playbook_its_phases_its_stages() -> None:
    docs = convert(STAGED, "Org", TODAY).documents
    books = [pb for name, pb in docs.items() if name.startswith("playbooks/")]
    assert [pb["title"] for pb in books] == ["Leaked database password"]
    steps = books[0]["steps"]
    assert [c["code"] for s in steps["investigate"] for c in s.get("commands", [])] == [
        'grep -c "auth ok" /var/log/db/auth.log']
    assert [c["code"] for s in steps["resolve"] for c in s.get("commands", [])] == [
        "vault write -f database/rotate-root/orders"]
    assert "security playbook: leaked database password" in books[0]["aliases"]   # the heading as written
    # its templates stay messages, never steps of the playbook
    assert [t["title"] for t in docs["templates.yaml"]["templates"]] == ["Customer notice"]
    assert "process.yaml" not in docs


GDOC_TXT = ("\ufeffHarbourside Housing\r\nIT Incident Procedure\r\n\r\n\r\n1. Purpose\r\nHow IT handles major incidents.\r\n\r\n\r\n"
            "2. Key contacts\r\nName\r\nRole\r\nMobile\r\nEmail\r\nAnwen Price\r\nIT Manager\r\n+44 7700 900311\r\n"
            "anwen.price@harbourside.example\r\nIT Service Desk\r\nFirst line\r\n+44 7700 900300\r\ndesk@harbourside.example\r\n"
            "\r\n\r\n3. Escalation order\r\n1. Service Desk Analyst\r\n2. IT Manager\r\n\r\n\r\n4. Procedures\r\n"
            "4.1 Housing system down\r\nSymptoms: staff cannot log in to the housing system.\r\n"
            "1. Check the app server answers:\r\nTest-NetConnection hs-app01 -Port 443\r\n"
            "2. Tell the IT Manager.\r\n\r\n\r\n4.2 Accounts locked out\r\nSymptoms: several staff are locked out.\r\n"
            "1. List locked accounts:\r\nSearch-ADAccount -LockedOut\r\n")


def test_a_google_docs_plain_text_export_reads_as_its_outline_and_tables(tmp_path) -> None:
    from generator.importer.run import import_documents

    source = tmp_path / "procedure.txt"
    source.write_bytes(GDOC_TXT.encode("utf-8"))
    import_documents([source], tmp_path / "content", org_name="Org", today=TODAY)
    import yaml

    content = tmp_path / "content"
    contacts = {c["name"]: c for c in yaml.safe_load((content / "contacts.yaml").read_text())["contacts"]}
    # a table written a cell to a line, its header first
    assert (contacts["Anwen Price"]["title"], contacts["Anwen Price"]["phone"]) == ("IT Manager", "+44 7700 900311")
    assert contacts["IT Service Desk"]["email"] == "desk@harbourside.example"
    # '1. Purpose' ... '4. Procedures' number the document's sections; '4.1 Housing system down' is a procedure
    books = {b["title"]: b for b in (yaml.safe_load(f.read_text()) for f in (content / "playbooks").glob("*.yaml"))}
    assert set(books) == {"Housing system down", "Accounts locked out"}
    book = books["Housing system down"]
    steps = [s for stage in book["steps"].values() for s in stage]
    assert steps[0]["commands"][0]["code"] == "Test-NetConnection hs-app01 -Port 443"
    # the byte-order mark the export starts with is no character of the organisation's name
    assert "\ufeff" not in (content / "organization.yaml").read_text()


def test_emoji_shortcode_bullets_are_a_ladder_and_page_immediately_is_no_response_time() -> None:
    text = ("# Support handbook\n\n## Severity\n\n"
            "- :red_circle: **SEV1** — *Critical*: nobody can publish. Page immediately, respond within **15 minutes**.\n"
            "- :orange_circle: **SEV2** — *Major*: publishing delayed. Respond within **1 hour**.\n")
    levels = convert(text, "Org", TODAY).documents["severities.yaml"]["levels"]
    assert [(lv["id"], lv["response_time"]) for lv in levels] == [("SEV1", "15m"), ("SEV2", "1h")]
    assert levels[0]["paging"] == "page-24x7"


def test_a_loose_numbered_procedure_is_no_outline_of_sections() -> None:
    from generator.importer.plain_text import _outline_sections

    lines = ["Printer fix", "", "1. Check the queue", "lpstat -o", "", "2. Restart the spooler",
             "sudo systemctl restart cups", "", "3. Test a page", "   1. Print the test page", "   2. Ask the user"]
    before = list(lines)
    assert not _outline_sections(lines, set()) and lines == before   # its sub-steps are set in: still one list


def test_a_person_named_beside_a_title_in_a_sentence_with_their_address_is_a_contact() -> None:
    text = ("# Security\n\n## Reporting\n\nPersonal-data breaches also go to the DPO, Mirela Dragan, by email only: "
            "dpo@tidewell.example.\n\nQuestions go to the team lead, Oskar Lind, at ops@tidewell.example.\n")
    contacts = {c["name"]: c for c in convert(text, "Org", TODAY).documents["contacts.yaml"]["contacts"]}
    assert (contacts["Mirela Dragan"]["email"], contacts["Mirela Dragan"]["title"]) == ("dpo@tidewell.example", "DPO")
    # 'ops@' names neither Oskar Lind nor his title: whose address it is, the sentence does not say
    assert "Oskar Lind" not in contacts
