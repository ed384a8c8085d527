"""Several escalation chains in one policy: the optional `chain` of a level, imported from a
document with two chains (a numbered list and a pasted paging-tool policy), validated, and
rendered grouped on the site with each chain numbered from 1."""
from __future__ import annotations

import re
import shutil
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.validate.chains import check_chains

from .conftest import REPO, TEST_TODAY
from .importcorpus import CORPUS, imported


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, dict[str, object]]:
    return imported(tmp_path_factory, ["two-escalation-chains.md", "paging-policy-block.md"])


def test_two_chains_each_level_names_its_chain(outputs) -> None:
    levels = outputs["two-escalation-chains.md"]["escalation.yaml"]["levels"]
    assert [(lv["chain"], lv["name"], lv["triggers"][0]["after"]) for lv in levels] == [
        ("Weekdays (08:00–20:00)", "Booking on-call (0 min)", "0m"),
        ("Weekdays (08:00–20:00)", "Booking backup (15 min)", "15m"),
        ("Weekdays (08:00–20:00)", "Booking lead, Priya Natarajan (30 min)", "30m"),
        ("Nights and weekends", "rota/booking-night", "0m"),
        ("Nights and weekends", "user/pnatarajan (booking lead)", "20m")]
    assert levels[0]["response_time"] == "5m"
    assert levels[1]["triggers"][0]["condition"] == "only if the on-call has not acknowledged"


def test_a_single_chain_names_none(outputs) -> None:
    levels = outputs["paging-policy-block.md"]["escalation.yaml"]["levels"]
    assert [(lv["name"], lv["triggers"]) for lv in levels] == [
        ("rota/storage-primary", [{"after": "0m"}]), ("rota/storage-secondary", [{"after": "10m"}])]
    assert not any("chain" in lv for lv in levels)


def _levels(*chains) -> SimpleNamespace:
    levels = [{"id": f"l{i}", "name": "x", "contacts": ["c"], "triggers": [{"after": "5m"}],
               **({"chain": c} if c else {})} for i, c in enumerate(chains)]
    return SimpleNamespace(rel="content/escalation.yaml", data={"levels": levels})


def test_check_chains_wants_every_level_named_and_each_chain_together() -> None:
    assert list(check_chains(_levels(None, None))) == []
    assert list(check_chains(_levels("Day", "Day", "Night"))) == []
    unnamed = list(check_chains(_levels("Day", None)))
    assert [(p.path, p.code) for p in unnamed] == [(("levels", 1), "escalation-chain")]
    assert "add chain: Day" in unnamed[0].hint
    split = list(check_chains(_levels("Day", "Night", "Day")))
    assert [p.path for p in split] == [("levels", 2, "chain")]
    assert "'Day' already ended" in split[0].message


def test_site_groups_levels_by_chain_and_numbers_each_from_one(tmp_path) -> None:
    from generator.importer.run import import_documents

    repo = tmp_path / "repo"
    import_documents([CORPUS / "two-escalation-chains.md"], repo / "content", org_name="Chains Org",
                     today=TEST_TODAY)
    for part in ("schemas", "site_overrides"):
        shutil.copytree(REPO / part, repo / part)
    shutil.copy(REPO / "mkdocs.yml", repo / "mkdocs.yml")
    result = CliRunner().invoke(main, ["build", "--draft", "--root", str(repo), "--today", TEST_TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    page = (repo / "site" / "escalation.html").read_text()
    headings = [re.sub(r"<[^>]+>|¶", "", h).strip() for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", page)]
    assert headings[:7] == ["Weekdays (08:00–20:00)", "Level 1: Booking on-call (0 min)",
                            "Level 2: Booking backup (15 min)", "Level 3: Booking lead, Priya Natarajan (30 min)",
                            "Nights and weekends", "Level 1: rota/booking-night",
                            "Level 2: user/pnatarajan (booking lead)"]
    assert re.search(r"<h2[^>]*>Nights and weekends", page) and re.search(r"<h3[^>]*>Level 1: rota", page)


def test_policy_minutes_given_as_numbers_only_where_the_key_says_minutes() -> None:
    from generator.importer.policy_blocks import _after, _steps

    data = {"rules": [{"delay_minutes": 0, "targets": "rota/a"}, {"delay_minutes": 10, "targets": "rota/b"}]}
    assert [(_after(key, value), who) for key, value, who in _steps(data)] == [("0m", "rota/a"), ("10m", "rota/b")]
    assert _steps({"rules": [{"delay": 10, "targets": "rota/a"}, {"delay": 5, "targets": "rota/b"}]}) == []


def test_a_policy_table_and_a_dashed_list_are_two_chains_in_source_order(tmp_path_factory) -> None:
    docs = imported(tmp_path_factory, ["two-policies-table-and-list.md"])["two-policies-table-and-list.md"]
    levels = docs["escalation.yaml"]["levels"]
    assert [(lv["chain"], lv["name"]) for lv in levels] == [
        ("Policy: search, urgent", "Rota: search primary"), ("Policy: search, urgent", "Rota: search backup"),
        ("Policy: search, urgent", "User: Ines Moreau"),
        ("Policy: search, office hours", "Rota search primary"),
        ("Policy: search, office hours", "Email to the search list")]
    # 'escalates after 45 min' is when the next step is paged: kept as written, never this step's timer
    assert levels[3]["triggers"] == [{"condition": "escalates after 45 min"}]
    assert len({lv["id"] for lv in levels}) == len(levels)


def test_a_step_may_explain_itself_in_brackets_or_after_a_typed_dash() -> None:
    from generator.importer.chains import _chain_step
    # a name of four words with nine in brackets is still a name, not a sentence
    assert _chain_step("Second on-call (the other name on the rota that week)")[1] == \
        "Second on-call (the other name on the rota that week)"
    assert _chain_step("CIO's office -- only if the press asks") == ("CIO's office", "CIO's office",
                                                                       "only if the press asks")
    assert _chain_step("Tell the customer success team what happened to the order service today") == ("", "", "")
