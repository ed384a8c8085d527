"""Search synonyms folded into what each playbook is found by; stable step keys."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner

from generator import core
from generator.cli import main
from generator.model import Step
from generator.render.search_terms import matching_synonyms, name_terms, search_terms
from generator.render.steps import derived_key, keyed_items, keyed_steps

from .conftest import REPO, TEST_TODAY


def project():
    result = core.load(REPO, core.Options(today=TEST_TODAY, render_cards=False))
    assert result.project is not None, result.problems
    return result.project


def test_synonym_applies_when_its_meaning_occurs_as_whole_words() -> None:
    synonyms = [("db", ("database",)), ("k8s", ("kubernetes",)), ("dropped table", ("data loss", "data corruption"))]
    assert matching_synonyms(["Database unavailable"], synonyms) == ["db"]
    assert matching_synonyms(["databases are slow"], synonyms) == []  # not a whole word
    assert matching_synonyms(["Data corruption"], synonyms) == ["dropped table"]
    assert matching_synonyms(["data", "loss"], synonyms) == []  # a phrase stays within one term
    assert matching_synonyms(["outage", "Kubernetes"], synonyms) == ["k8s"]


def test_example_synonyms_reach_the_right_playbooks() -> None:
    p = project()
    terms = {pb.id: search_terms(pb, p) for pb in p.playbooks}
    assert "ransomware" in terms["security-breach"]
    assert "dropped table" in terms["data-loss"]
    assert "db" in terms["database-unavailable"]
    assert "k8s" in terms["platform-outage"]
    # a symptom that merely mentions the database does not attract "db"
    assert any("database" in s.lower() for s in p.playbook("cache-failure").symptoms)
    assert "db" not in terms["cache-failure"]
    assert not any(t == "ransomware" for pid, ts in terms.items() if pid != "security-breach" for t in ts)


def test_synonyms_come_from_organization_yaml_and_end_up_in_page_tags(repo: Path) -> None:
    org = repo / "content" / "organization.yaml"
    org.write_text(org.read_text().replace("    k8s: kubernetes\n", "    kube: kubernetes\n    flood: traffic\n"))
    result = core.load(repo, core.Options(today=TEST_TODAY, render_cards=False))
    assert result.ok, result.problems
    p = result.project
    assert ("kube", ("kubernetes",)) in p.organization.synonyms
    from generator.render.pages import render_playbook
    markdown = render_playbook(p, p.playbook("ddos-attack"))
    front = markdown.split("---\n")[1]
    assert '"flood"' in front.split("tags:")[1].split("\n")[0]


def test_name_terms_are_title_aliases_tags_and_services() -> None:
    p = project()
    pb = p.playbook("database-unavailable")
    names = name_terms(pb, p)
    assert pb.title in names and pb.aliases[0] in names and "PostgreSQL (RDS)" in names
    assert not set(pb.symptoms) & set(names)


def test_a_bad_synonym_is_reported_at_its_line(repo: Path) -> None:
    org = repo / "content" / "organization.yaml"
    org.write_text(org.read_text().replace("    db: database\n", "    db: [database, 502]\n"))
    result = CliRunner().invoke(main, ["check", "--root", str(repo), "--today", "2026-11-10", "--no-cards"])
    assert result.exit_code == 1
    assert "content/organization.yaml:" in result.output and "search.synonyms.db[1]" in result.output


def test_step_keys_are_stable_when_steps_are_inserted() -> None:
    pb = project().playbook("site-slow")
    before = {step.text: key for _, steps in keyed_steps(pb) for key, step in steps}
    stage, steps = pb.steps[0]
    inserted = replace(pb, steps=((stage, (Step("Look at the dashboard first"), *steps)), *pb.steps[1:]))
    after = {step.text: key for _, steps in keyed_steps(inserted) for key, step in steps}
    assert all(after[text] == key for text, key in before.items())
    assert after["Look at the dashboard first"] == "look-at-the-dashboard-first"


def test_step_keys_use_the_id_and_are_unique_on_a_page() -> None:
    pb = project().playbook("database-unavailable")
    keys = [key for _, steps in keyed_steps(pb) for key, _ in steps]
    assert "kill-queries" in keys and len(keys) == len(set(keys))
    assert derived_key(Step("Restart it", condition="If Redis hangs")) == "if-redis-hangs-restart-it"
    assert [k for k, _ in keyed_items(["Same", "Same"])] == ["same", "same-2"]
