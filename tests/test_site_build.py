"""A real `playbook build` (strict MkDocs) of the example content."""
from __future__ import annotations

import html as html_module
import re
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

from .sitehelpers import build

TODAY = "2026-11-10"


def test_build_writes_every_page(repo: Path) -> None:
    site = build(repo, TODAY)
    for page in ("index.html", "severities.html", "process.html", "roles.html", "escalation.html",
                 "contacts.html", "templates.html", "reviews.html", "playbooks/index.html",
                 "services/web/index.html", "search/search_index.js"):
        assert (site / page).is_file(), page
    playbooks = sorted(p.stem for p in (repo / "content" / "playbooks").glob("*.yaml"))
    assert sorted(p.stem for p in (site / "playbooks").glob("*.html") if p.stem != "index") == playbooks
    assert (site / ".playbook-generated").is_file()


def visible_text(markup: str) -> str:
    return html_module.unescape(re.sub(r"<[^>]+>", "", markup))


def test_playbook_page_content(repo: Path) -> None:
    html = (build(repo, TODAY) / "playbooks" / "database-unavailable.html").read_text()
    text = visible_text(html)
    assert "P0 · Critical" in text                       # severity in words, not colour only
    assert 'href="tel:+15550100120"' in html             # escalation contact, click-to-call
    assert "aws rds failover-db-instance --db-instance-identifier prod-db" in text
    assert "If a Multi-AZ failover is in progress" in text  # conditions are visible
    assert 'type="checkbox"' in html                     # steps can be ticked
    assert "<svg class=\"decision-tree\"" in html
    assert "content/playbooks/database-unavailable.yaml" in html  # edit link to the YAML source


def test_contacts_have_click_to_call_and_mail(repo: Path) -> None:
    html = (build(repo, TODAY) / "contacts.html").read_text()
    assert 'href="tel:+15550100100"' in html
    assert 'href="mailto:amara.okafor@tidewater.example.com"' in html


def test_no_page_links_outside_the_site_for_assets(repo: Path) -> None:
    site = build(repo, TODAY)
    for page in site.rglob("*.html"):
        text = page.read_text()
        assert "fonts.googleapis" not in text and "unpkg.com" not in text, page


def test_build_refuses_content_with_errors_and_keeps_old_site(repo: Path) -> None:
    site = build(repo, TODAY)
    before = (site / "index.html").read_bytes()
    target = repo / "content" / "playbooks" / "site-slow.yaml"
    target.write_text(target.read_text().replace("severity: P2", "severity: P9"))
    result = CliRunner().invoke(main, ["build", "--root", str(repo), "--today", TODAY])
    assert result.exit_code == 1
    assert "content/playbooks/site-slow.yaml:12:11: error: severity: 'P9' is not one of P0, P1, P2, P3" in result.output
    assert (site / "index.html").read_bytes() == before
    assert not [p for p in repo.iterdir() if p.name.startswith(".site.building")]


def test_build_refuses_to_replace_a_directory_it_did_not_create(repo: Path) -> None:
    (repo / "site").mkdir()
    (repo / "site" / "precious.txt").write_text("keep me")
    result = CliRunner().invoke(main, ["build", "--root", str(repo), "--today", TODAY])
    assert result.exit_code == 2
    assert "not created by playbook" in result.output
    assert (repo / "site" / "precious.txt").read_text() == "keep me"


def test_export_docs_writes_the_same_pages(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    result = CliRunner().invoke(main, ["export-docs", str(out), "--root", str(repo), "--today", TODAY])
    assert result.exit_code == 0, result.output
    text = (out / "playbooks" / "login-failures.md").read_text()
    assert text.startswith("---\ntitle: \"Users cannot log in\"\n")
    assert '<input type="checkbox" class="pb-tick"' in text and "redis-cli PING" in text
    from generator.commands import site as site_module
    from datetime import date
    prepared = site_module.prepare(repo, date.fromisoformat(TODAY))
    assert {uri: text.decode("utf-8") for uri, text in site_module.exported_pages(prepared).items()} == {
        str(p.relative_to(out)): p.read_text() for p in out.rglob("*.md")}  # section_tags left out
