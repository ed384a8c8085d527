"""List shapes: phone lists as dashed lines, branches as bold conditions with what to do after them."""
from __future__ import annotations

import yaml

from generator.importer.run import import_documents

from .conftest import TEST_TODAY
from .importcorpus import CORPUS


def test_dashed_lines_under_a_who_to_page_heading_are_contacts(tmp_path) -> None:
    content = tmp_path / "content"
    import_documents([CORPUS / "dashed-contact-list.md"], content, org_name="Corpus Org", today=TEST_TODAY)
    contacts = {c["id"]: c for c in yaml.safe_load((content / "contacts.yaml").read_text())["contacts"]}
    rosa = contacts["rosa-lindqvist"]
    assert (rosa["title"], rosa["phone"], rosa["email"]) == ("Warehouse systems manager", "+1 555 0140",
                                                           "rosa.lindqvist@example.org")
    assert rosa["notes"] == "evenings: text before calling"
    assert contacts["obi-mensah"]["phone"] == "+1 555 0141" and "(desk)" in contacts["obi-mensah"]["notes"]
    assert "phone" not in contacts["hal-brandt"] and "TBD" in contacts["hal-brandt"]["notes"]  # never made up
    assert contacts["dispatch-desk"]["hours"] == "24×7" and contacts["dispatch-desk"]["kind"] == "team"
    assert contacts["scanner-vendor-pointwell"]["notes"] == "have the fleet number ready"
    assert not (content / "roles.yaml").exists() or "Rosa" not in (content / "roles.yaml").read_text()


def test_what_a_bold_branch_says_after_its_condition_is_a_step(tmp_path) -> None:
    """'- **If X** → do Y': Y is the step, X its condition; nothing after the bold lead is lost."""
    content = tmp_path / "content"
    import_documents([CORPUS / "branch-bullets-runbook.md"], content, org_name="Corpus Org", today=TEST_TODAY)
    steps = [step for path in (content / "playbooks").glob("*.yaml")
             for stage in (yaml.safe_load(path.read_text()).get("steps") or {}).values() for step in stage]
    by_condition = {step.get("condition"): step for step in steps}
    assert by_condition["If every printer is stuck"]["text"] == "the print server's spooler has hung."
    assert by_condition["If only one printer is stuck"]["text"].startswith("pause it and tell the floor lead")
    assert by_condition["If jobs never reach the queue"]["text"] == "the clients lost the server address."


def test_a_terms_second_definition_is_read_with_it(tmp_path) -> None:
    """'P1 — Total' over ': what it is' and ': Response: ...': both definitions describe the level, and
    the response time is the clause that says acknowledge, not the next time in the sentence."""
    content = tmp_path / "content"
    import_documents([CORPUS / "definition-list-two-definitions.md"], content, org_name="Corpus Org", today=TEST_TODAY)
    levels = {lv["id"]: lv for lv in yaml.safe_load((content / "severities.yaml").read_text())["levels"]}
    assert levels["P1"]["response_time"] == "10m" and levels["P2"]["response_time"] == "1h"
    assert "FILL IN" in levels["P3"]["response_time"]          # 'Response: TBD.' is not a time
    assert ":   " not in levels["P1"]["description"] and "duty manager joins" in levels["P1"]["description"]
