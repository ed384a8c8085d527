"""The 3 a.m. page in a real browser: first screen, ticks, accessibility, print, search.

One site is built for the module and one Chromium serves every test; each test opens
its own context (its own localStorage).
"""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from .conftest import REPO
from .sitehelpers import CHROMIUM

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")
import axe_playwright_python  # noqa: E402,F401  (declared in the test extras: a missing one must fail, not skip)
from .axe import COLOUR_RULES, describe, set_scheme, violations  # noqa: E402

if not Path(CHROMIUM).exists():  # pragma: no cover - .ci/run installs it
    pytest.skip("Debian chromium is not installed (apt-get install chromium)", allow_module_level=True)

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
PLAYBOOKS = sorted(p.stem for p in (REPO / "content" / "playbooks").glob("*.yaml"))
CORPUS = yaml.safe_load((Path(__file__).with_name("search_corpus.yaml")).read_text())["queries"]


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=LAPTOP)
    yield context.new_page()
    context.close()


def all_pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))


# -- accessibility --------------------------------------------------------------------------

def test_axe_finds_no_critical_or_serious_violation_on_any_page(page, site: Path, base_url: str) -> None:
    pages = all_pages(site)
    assert len(pages) >= 30 and "404.html" in pages and "cards/oncall.html" in pages
    problems: list[str] = []
    for name in pages:
        page.goto(f"{base_url}/{name}")
        schemes = ("default", "slate") if page.locator("body[data-md-color-scheme]").count() else ("card",)
        for scheme in schemes:
            if scheme != "card":
                set_scheme(page, scheme)
            # Every rule in the first scheme; a scheme changes colours only, so the second
            # re-runs the colour rules (half the time of a full run).
            rules = COLOUR_RULES if scheme == "slate" else ()
            problems += describe(name, scheme, violations(page, rules=rules))
    assert not problems, "\n".join(problems[:40])


def test_dark_mode_follows_the_system_setting(browser, base_url: str) -> None:
    context = browser.new_context(viewport=LAPTOP, color_scheme="dark")
    page = context.new_page()
    page.goto(f"{base_url}/playbooks/security-breach.html")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    assert not describe("security-breach", "slate", violations(page))
    context.close()


def test_skip_link_goes_straight_to_the_first_step(page, base_url: str) -> None:
    page.goto(f"{base_url}/playbooks/database-unavailable.html")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to first step"
    page.keyboard.press("Enter")
    focused = page.evaluate("document.activeElement.id")
    assert focused == page.locator("ol.pb-steps input.pb-tick").first.get_attribute("id")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")  # focus is visible


def test_checkboxes_are_labelled_by_the_whole_step_and_big_enough(page, base_url: str) -> None:
    page.goto(f"{base_url}/playbooks/security-breach.html")
    box = page.locator("input.pb-tick").nth(1)
    label = page.locator(f"label[for='{box.get_attribute('id')}']")
    assert label.inner_text() == "Preserve evidence before changing anything else"
    size = box.bounding_box()
    assert size["width"] >= 24 and size["height"] >= 24
    label.click()  # the step text toggles its box
    assert box.is_checked()


# -- first screen ---------------------------------------------------------------------------

@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["1366x768", "390x844"])
def test_first_action_is_on_the_first_screen_of_every_playbook(browser, base_url: str, viewport) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    measured = {}
    for playbook in PLAYBOOKS:
        page.goto(f"{base_url}/playbooks/{playbook}.html")
        bottoms = page.evaluate("""() => ['.pb-head .pb-sev', '.pb-firstcall',
                'ol.pb-steps > li:first-child > label'].map(s => {
            const el = document.querySelector('.md-content ' + s);
            return el ? el.getBoundingClientRect().bottom : null; })""")
        assert None not in bottoms, f"{playbook}: severity, first call or first step missing"
        measured[playbook] = round(bottoms[-1])
    print(f"first step bottom at {viewport['width']}x{viewport['height']}: {measured}")
    too_low = {name: px for name, px in measured.items() if px > viewport["height"]}
    assert not too_low, f"first step below the fold: {too_low}"
    context.close()


# -- ticks ----------------------------------------------------------------------------------

def ticks(page) -> list[bool]:
    return page.eval_on_selector_all("input.pb-tick", "boxes => boxes.map(b => b.checked)")


def test_ticks_survive_a_reload_and_new_incident_clears_every_page(page, base_url: str) -> None:
    page.goto(f"{base_url}/playbooks/database-unavailable.html")
    page.locator("input.pb-tick").nth(1).check()
    page.reload()
    assert ticks(page)[:3] == [False, True, False]
    page.goto(f"{base_url}/playbooks/site-slow.html")
    page.locator("input.pb-tick").first.check()
    page.locator("button.pb-new-incident").click()
    assert not any(ticks(page))
    page.goto(f"{base_url}/playbooks/database-unavailable.html")
    assert not any(ticks(page))  # the other page's ticks went with the old incident


def test_ticks_are_kept_by_step_id_not_position(page, base_url: str) -> None:
    page.goto(f"{base_url}/playbooks/database-unavailable.html")
    page.locator("input.pb-tick[data-step='kill-queries']").check()
    stored = page.evaluate("localStorage.getItem('playbook-ticks:v2:' + location.pathname)")
    assert '"kill-queries"' in stored


def test_ticks_older_than_the_expiry_are_not_shown_as_done(page, base_url: str) -> None:
    page.goto(f"{base_url}/playbooks/database-unavailable.html")
    hours = float(page.get_attribute(".pb-incident", "data-expire-hours"))
    assert hours == 12  # content/organization.yaml ticks.expire_hours
    page.locator("input.pb-tick").first.check()
    page.evaluate("""hours => {
        const key = 'playbook-ticks:v2:' + location.pathname;
        const saved = JSON.parse(localStorage.getItem(key));
        for (const step in saved.ticks) saved.ticks[step] -= (hours + 1) * 3600 * 1000;
        localStorage.setItem(key, JSON.stringify(saved));
    }""", hours)
    page.reload()
    assert not any(ticks(page))


# -- print and wrapping ---------------------------------------------------------------------

def test_print_shows_no_control_and_steps_print_as_empty_boxes(page, base_url: str, tmp_path: Path) -> None:
    page.goto(f"{base_url}/playbooks/security-breach.html")
    page.locator("input.pb-tick").first.check()
    page.locator("pre").first.hover()
    page.emulate_media(media="print")
    for control in (".md-code__nav", ".md-code__button", "button.pb-new-incident", ".md-header",
                    ".md-sidebar", ".md-search", ".headerlink", "a.md-skip"):
        visible = page.eval_on_selector_all(control, "els => els.filter(e => e.checkVisibility()).length")
        assert visible == 0, f"{control} prints"
    box = page.locator("input.pb-tick").first
    assert box.is_checked()
    assert page.evaluate("b => getComputedStyle(b).appearance", box.element_handle()) == "none"
    pdf = tmp_path / "page.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Preserve evidence before changing anything else" in text
    for word in ("New incident", "Copy to clipboard", "ticked"):
        assert word not in text


def test_commands_wrap_at_spaces_slashes_and_equals_never_inside_a_word(browser, base_url: str) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{base_url}/playbooks/platform-outage.html")
    split = page.eval_on_selector_all(
        ".pb-steps pre .pb-nw", "spans => spans.filter(s => s.getClientRects().length > 1).map(s => s.textContent)")
    assert page.locator(".pb-steps pre .pb-nw").count() > 50
    assert split == []
    text = page.locator(".pb-steps pre code").nth(2).inner_text()
    assert "--target-group-arn" in text and "\u200b" not in text  # copies as written
    context.close()


# -- search ---------------------------------------------------------------------------------

def open_search(page) -> None:
    page.keyboard.press("/")
    page.wait_for_function("() => !document.querySelector('.md-search-result__meta')"
                           ".textContent.includes('Initializing')", timeout=15_000)


def top_result(page, query: str) -> str:
    search = page.locator("input.md-search__input")
    search.fill(query)
    search.press("End")  # Material searches on keyup
    page.wait_for_function("q => { const m = document.querySelector('.md-search-result__meta');"
                           " return document.querySelector('input.md-search__input').value === q &&"
                           " !m.textContent.includes('Type to start'); }", arg=query)
    # The worker answers asynchronously, and the raw query's results can show before the expanded
    # query's (synonyms, typo fixes) replace them, later on a loaded machine: wait until the top
    # result has stayed the same for three polls in a row (at most about 4 s), not a fixed 150 ms.
    seen, stable = None, 0
    for _ in range(40):
        page.wait_for_timeout(100)
        first = page.locator(".md-search-result__item > a").first
        href = first.get_attribute("href") if first.count() else ""
        stable = stable + 1 if href == seen else 0
        seen = href
        if stable >= 2:
            break
    return seen or ""


def test_query_corpus_finds_the_right_playbook_first(page, base_url: str) -> None:
    assert len(CORPUS) >= 40
    page.goto(f"{base_url}/index.html")
    open_search(page)
    misses = []
    for entry in CORPUS:
        href = top_result(page, entry["q"])
        if f"playbooks/{entry['expect']}.html" not in href:
            misses.append(f"{entry['q']!r} -> {href or 'nothing'} (expected {entry['expect']})")
    hit_rate = 1 - len(misses) / len(CORPUS)
    print(f"search corpus top-1: {hit_rate:.1%} of {len(CORPUS)}; misses: {misses}")
    assert hit_rate >= 0.95, "\n".join(misses)


def test_no_result_shows_who_to_call_and_the_severity_guide(page, base_url: str) -> None:
    page.goto(f"{base_url}/playbooks/site-slow.html")
    open_search(page)
    fallback = page.locator(".pb-search-fallback")
    assert not fallback.is_visible()
    top_result(page, "qwxzv")
    fallback.wait_for(state="visible")
    assert fallback.locator("a[href^='tel:']").first.inner_text() == "+1 555 010 0100"
    assert fallback.locator("a[href$='severities.html']").count() == 1
    assert "P0 · Critical" in fallback.inner_text()
    assert fallback.evaluate("e => getComputedStyle(e).color") != "rgb(255, 255, 255)"  # not header white
    assert not describe("search fallback", "default", violations(page))
    top_result(page, "redis")
    assert not fallback.is_visible()


def test_404_page_searches_and_gives_the_first_call_number(page, base_url: str) -> None:
    page.goto(f"{base_url}/404.html")  # what a web server answers for a missing page
    assert page.locator("h1").inner_text() == "Page not found"
    assert page.locator(".md-content a[href^='tel:']").first.inner_text() == "+1 555 010 0100"
    page.fill("#pb-404-q", "redis down")
    page.click(".pb-404-search button")
    page.wait_for_selector(".md-search-result__item > a")
    assert "playbooks/cache-failure.html" in page.locator(".md-search-result__item > a").first.get_attribute("href")
