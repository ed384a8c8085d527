"""Built pages: steps that name people, the incidents a playbook was used in, contacts,
the 404 page, desk cards with tel: links, and the playbook page's order."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

from .conftest import copy_repo
from .sitehelpers import build

TODAY = "2026-11-10"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(copy_repo(tmp_path_factory.mktemp("pages") / "repo"), TODAY)


def step_html(page: str, text: str) -> str:
    """The <li> of the step whose label is ``text``."""
    match = re.search(r'<li class="pb-step"[^>]*>(?:(?!</li>).)*?' + re.escape(text) + r".*?</li>", page, re.S)
    assert match, text
    return match.group(0)


def test_a_step_that_names_a_contact_shows_name_and_number(site: Path) -> None:
    page = (site / "playbooks" / "security-breach.html").read_text()
    step = step_html(page, "Call the Security Lead now")
    assert "Sam Whitfield" in step and 'href="tel:+15550100130"' in step
    legal = step_html(page, "Notify legal counsel")
    assert 'href="tel:' in legal


def test_an_unknown_contact_in_call_is_an_error_with_the_closest_id(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    path = repo / "content" / "playbooks" / "security-breach.yaml"
    path.write_text(path.read_text().replace("call: security-lead", "call: securty-lead"))
    result = CliRunner().invoke(main, ["check", "--root", str(repo), "--today", TODAY, "--no-cards"])
    assert result.exit_code == 1
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if "securty-lead" in text)
    assert f"content/playbooks/security-breach.yaml:{line}:" in result.output
    assert "did you mean 'security-lead'?" in result.output


def test_first_screen_order_then_details_below_the_steps(site: Path) -> None:
    page = (site / "playbooks" / "database-unavailable.html").read_text()
    order = [page.index(marker) for marker in ('class="pb-head', 'class="pb-firstcall', 'id="immediate-actions"',
                                                'id="escalation"', 'id="about-this-playbook"')]
    assert order == sorted(order)
    about = page[page.index('id="about-this-playbook"'):]
    for detail in ("Also known as:", "Owner:", "Services:", "Tags:", "Reviewed:"):
        assert detail in about
    assert "<th></th>" not in page  # no table with an empty header row


def test_playbook_lists_the_incidents_that_used_it_newest_first(site: Path) -> None:
    page = (site / "playbooks" / "payments-failing.html").read_text()
    section = page[page.index('id="incidents-that-used-this-playbook"'):]
    assert "Stripe webhook backlog" in section.split("</ul>")[0]
    assert "../incidents/2026-11-02-stripe-webhook-backlog.html" in section
    assert 'id="incidents-that-used-this-playbook"' not in (site / "playbooks" / "ddos-attack.html").read_text()


def test_contacts_page_opens_with_a_who_to_call_table(site: Path) -> None:
    page = (site / "contacts.html").read_text()
    table = page[page.index('id="who-to-call"'):page.index("</table>")]
    assert page.index('id="who-to-call"') < page.index('id="on-call-rotations"')
    assert "<th>Name</th>" in table and "<th>Role</th>" in table and "<th>Phone</th>" in table
    assert 'href="tel:+15550100130"' in table and "@security" in table


def test_404_page_has_search_and_the_first_call_number(site: Path) -> None:
    page = (site / "404.html").read_text()
    assert "Page not found" in page and 'name="q"' in page
    assert 'href="tel:+15550100100"' in page


def test_desk_cards_have_tel_links_a_link_to_the_site_and_wrap_commands_at_sensible_points(site: Path) -> None:
    card = (site / "cards" / "oncall.html").read_text()
    assert 'href="tel:+15550100100"' in card
    assert 'href="../index.html"' in card and 'href="https://runbooks.tidewater.example.com/"' in card
    assert 'rel="icon"' in card
    assert "break-all" not in card
    assert "https://<wbr>" in card or "/<wbr>" in card


def test_process_checklist_items_are_labelled_checkboxes(site: Path) -> None:
    page = (site / "process.html").read_text()
    boxes = re.findall(r'<input type="checkbox" class="pb-tick" id="([^"]+)"', page)
    assert boxes and [box for box in boxes if f'<label for="{box}">' not in page] == []
