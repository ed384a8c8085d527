"""The built site in a real browser: Debian's chromium driven by Playwright."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .sitehelpers import CHROMIUM

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")

if not Path(CHROMIUM).exists():  # pragma: no cover - .ci/run installs it
    pytest.skip("Debian chromium is not installed (apt-get install chromium)", allow_module_level=True)

# What a responder types -> the playbook that must come first.
QUERIES = [
    ("users cannot log in", "login-failures"),
    ("connection pool exhausted", "database-unavailable"),
    ("site is down", "platform-outage"),
    ("502 bad gateway", "platform-outage"),
    ("videos buffering", "video-cdn-outage"),
    ("stripe errors", "payments-failing"),
    ("checkout broken", "payments-failing"),
    ("redis down", "cache-failure"),
    ("celery workers down", "job-queue-backlog"),
    ("GuardDuty finding", "security-breach"),
    ("records deleted", "data-loss"),
    ("slow page loads", "site-slow"),
    ("traffic spike", "ddos-attack"),
    ("AWS outage", "third-party-outage"),
    # symptoms, as written in the playbooks' symptom lists
    ("no healthy targets", "platform-outage"),
    ("invalid credentials", "login-failures"),
    ("OOM command not allowed", "cache-failure"),
    ("queue length growing", "job-queue-backlog"),
    ("unauthorized access", "security-breach"),
    ("webhook failures", "payments-failing"),
]


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.requests = requests  # type: ignore[attr-defined]
    yield page
    context.close()


def first_result(page, query: str) -> str:
    page.keyboard.press("/")
    search = page.locator("input.md-search__input")
    if not search.is_visible():
        page.locator("label.md-header__button[for=__search]").click()
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function("() => !document.querySelector('.md-search-result__meta')"
                           ".textContent.includes('Initializing')", timeout=10_000)
    assert meta.count() == 1
    search.fill(query)
    search.press("End")  # Material searches on keyup; fill() alone sends no key events
    first = page.locator(".md-search-result__item a").first
    first.wait_for(state="attached", timeout=10_000)
    return first.get_attribute("href") or ""


@pytest.mark.parametrize("query,expected", QUERIES, ids=[q for q, _ in QUERIES])
def test_search_puts_the_right_playbook_first(page, base_url: str, query: str, expected: str) -> None:
    page.goto(f"{base_url}/index.html")
    href = first_result(page, query)
    assert f"playbooks/{expected}.html" in href, f"{query!r} -> {href}"


def test_copy_button_copies_the_command(browser, base_url: str) -> None:
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page = context.new_page()
    page.goto(f"{base_url}/playbooks/login-failures.html")
    block = page.locator("pre:has-text('redis-cli PING')").first
    block.hover()
    block.locator("button[data-md-type=copy]").click()
    assert page.evaluate("navigator.clipboard.readText()").strip() == "redis-cli PING"
    context.close()


def test_steps_can_be_ticked_and_survive_a_reload(page, base_url: str) -> None:
    page.goto(f"{base_url}/playbooks/database-unavailable.html")
    steps = page.locator("ol.pb-steps input.pb-tick + label")
    assert steps.count() >= 10
    steps.nth(1).click()  # the step text is the checkbox's label
    assert page.locator("input.pb-tick").nth(1).is_checked()
    page.reload()
    assert page.locator("input.pb-tick").nth(1).is_checked()
    page.locator("button.pb-new-incident").click()
    assert not page.locator("input.pb-tick").nth(1).is_checked()


def test_no_request_leaves_the_origin(page, base_url: str) -> None:
    for path in ("index.html", "playbooks/platform-outage.html", "contacts.html", "severities.html",
                 "playbooks/index.html", "reviews.html"):
        page.goto(f"{base_url}/{path}")
        page.wait_for_load_state("networkidle")
    first_result(page, "database")
    outside = [url for url in page.requests if not url.startswith(base_url)]
    assert outside == []


def test_site_works_from_disk(browser, site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site copy"   # a path with a space, as on a desktop
    shutil.copytree(site, copy)
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto((copy / "index.html").as_uri())
    page.locator(".md-content a:has-text('Contacts')").first.click()
    page.wait_for_url("**/contacts.html")
    assert page.locator("a[href='tel:+15550100100']").count() >= 1
    href = first_result(page, "users cannot log in")
    assert "playbooks/login-failures.html" in href
    page.goto(href if href.startswith("file:") else page.url.rsplit("/", 1)[0] + "/" + href)
    assert page.locator("h1").inner_text().startswith("Users cannot log in")
    assert [u for u in requests if not u.startswith("file://")] == []
    context.close()


def test_pages_print_without_navigation(browser, base_url: str) -> None:
    page = browser.new_page()
    page.goto(f"{base_url}/playbooks/platform-outage.html")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("h1").is_visible()
    assert page.locator("svg.decision-tree").is_visible()     # the decision tree prints as drawn
    assert page.locator("text=+1 555 010 0120").first.is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    page.close()
