"""A phone list written as '- Name — role — number' lines, with nested addresses and remarks."""
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
