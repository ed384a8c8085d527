"""The built-in incident vocabulary: broad, attached only by what a playbook is called."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import core
from generator.cli import main
from generator.render.look import SEARCH_SEPARATOR
from generator.render.search_terms import name_terms, search_terms
from generator.render.vocabulary import builtin_synonyms, concepts, joined, joined_forms, synonym_forms

from .conftest import REPO, TEST_TODAY
from .sitehelpers import CHROMIUM

GENERAL = ("database", "cache", "queue", "cdn", "email", "payment", "dns", "certificate", "disk",
           "memory", "login", "ddos", "site down", "slow", "security", "data loss")


def load(root: Path = REPO):
    result = core.load(root, core.Options(today=TEST_TODAY, render_cards=False))
    assert result.ok, result.problems
    return result.project


def test_the_vocabulary_is_broad_and_well_formed() -> None:
    table = concepts()
    assert set(GENERAL) <= set(table)
    assert sum(len(terms) for _, terms in table.values()) >= 600
    for name, (called, terms) in table.items():
        assert called and len(terms) >= 5, name
        assert all(isinstance(t, str) and t.strip() for t in (*called, *terms)), name
    typed = dict(builtin_synonyms())
    assert "database" in typed["pgbouncer"] and "cdn" in typed["cloudflare"] and "ddos" in typed["cloudflare"]
    assert "email" in typed["sendgrid"] and "certificate" in typed["letsencrypt"]


def test_a_term_reaches_only_playbooks_called_by_its_concept() -> None:
    p = load()
    terms = {pb.id: search_terms(pb, p) for pb in p.playbooks}
    assert "pgbouncer" in terms["database-unavailable"]
    # cache-failure's symptom mentions the database load; that is no reason for "pgbouncer"
    assert "pgbouncer" not in terms["cache-failure"]
    assert "cloudfront" in terms["video-cdn-outage"] and "m3u8" in terms["video-cdn-outage"]
    assert "m3u8" not in terms["database-unavailable"]
    base = p.playbook("cache-failure")
    unnamed = replace(base, title="Quiet night", aliases=(), tags=(), services=(),
                      symptoms=("Database load, Redis memory and CDN errors all high",), alerts=())
    vocabulary = {joined(t) for t, _ in builtin_synonyms()} | {t for t, _ in builtin_synonyms()}
    assert not set(search_terms(unnamed, p)) & vocabulary
    named = replace(unnamed, title="MySQL replica lag")
    assert {"pgbouncer", "too many connections", "replication lag"} <= set(search_terms(named, p))
    assert "memcached" not in search_terms(named, p)


def test_compounds_go_in_run_together_and_phrases_also_whole() -> None:
    assert synonym_forms("pg_dump") == ["pgdump"] and synonym_forms("us-east-1") == ["useast1"]
    assert synonym_forms("too many clients already") == ["too many clients already"]
    assert synonym_forms("HighHttp5xxErrorRate") == ["highhttp5xxerrorrate"]
    assert joined_forms(["HighErrorRate", "too many connections", "redis"]) == ["higherrorrate", "toomanyconnections"]
    p = load()
    terms = search_terms(p.playbook("database-unavailable"), p)
    assert "toomanyconnections" in terms and "postgrestoomanyconnections" in terms
    assert "pg" not in " ".join(search_terms(p.playbook("data-loss"), p)).split()  # only "pgdump"


def test_the_separator_splits_pasted_text_like_the_browser() -> None:
    words = [w for w in re.split(SEARCH_SEPARATOR, "HighErrorRate &quot;OOM&quot; card_declined 100% v1.2 a.yaml") if w]
    assert words == ["High", "Error", "Rate", "OOM", "card", "declined", "100", "v1.2", "a", "yaml"]


def test_organization_synonyms_extend_and_override_the_vocabulary(repo: Path) -> None:
    p = load(repo)
    terms = search_terms(p.playbook("database-unavailable"), p)
    assert "db" in terms and "pgbouncer" in terms  # organization.yaml's, then the vocabulary's
    # the example defines "pg: postgres": pg then means only that, not the vocabulary's database
    assert "pg" not in search_terms(p.playbook("security-breach"), p)


def test_search_vocabulary_false_turns_it_off(repo: Path) -> None:
    org = repo / "content" / "organization.yaml"
    org.write_text(org.read_text().replace("  synonyms:\n", "  vocabulary: false\n  synonyms:\n", 1))
    p = load(repo)
    assert p.organization.vocabulary is False
    terms = search_terms(p.playbook("database-unavailable"), p)
    assert "db" in terms and "pgbouncer" not in terms


def test_a_vocabulary_switch_that_is_not_true_or_false_is_reported(repo: Path) -> None:
    org = repo / "content" / "organization.yaml"
    org.write_text(org.read_text().replace("  synonyms:\n", "  vocabulary: off please\n  synonyms:\n", 1))
    result = CliRunner().invoke(main, ["check", "--root", str(repo), "--today", "2026-11-10", "--no-cards"])
    assert result.exit_code == 1
    assert "content/organization.yaml:" in result.output and "vocabulary" in result.output


def test_the_bundle_gets_the_same_vocabulary() -> None:
    from generator.render.bundle import playbook_data

    p = load()
    data = {pb.id: playbook_data(pb, p) for pb in p.playbooks}
    assert "pgbouncer" in data["database-unavailable"]["terms"] and "db" in data["database-unavailable"]["terms"]
    assert "pgbouncer" not in data["cache-failure"]["terms"]


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="apt-get install chromium")
def test_the_bundle_search_finds_a_playbook_by_a_vocabulary_term(browser, tmp_path: Path) -> None:
    from generator.render.bundle import render_bundle

    bundle = tmp_path / "bundle.html"
    bundle.write_text(render_bundle(load(), TEST_TODAY), encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    page.goto(bundle.as_uri())
    page.fill("#q", "m3u8")
    first = page.locator("#hits a").first
    first.wait_for(timeout=10_000)
    assert first.get_attribute("href") == "#pb=video-cdn-outage"
    context.close()
