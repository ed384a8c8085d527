"""How the site's search treats a query as a stressed responder types it (search-query.js).

Real Material search in Chromium on the example site: stop words never decide, pasted
messages and run-together alert names find their playbook, off-topic queries show the
no-result help instead of a random playbook.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from .sitehelpers import CHROMIUM
from .test_playbook_page import LAPTOP, open_search, top_result

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")
if not Path(CHROMIUM).exists():  # pragma: no cover - .ci/run installs it
    pytest.skip("Debian chromium is not installed (apt-get install chromium)", allow_module_level=True)


@pytest.fixture
def search(browser, base_url: str):
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    page.goto(f"{base_url}/index.html")
    open_search(page)
    yield page
    context.close()


def test_queries_are_rewritten_however_late_the_page_scripts_arrive(browser, base_url: str) -> None:
    # On a loaded machine the search index can reach the worker before the scripts at the end
    # of the body run; the rewriter sits in the head so it never misses the index.
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()

    def late(route) -> None:
        time.sleep(1.5)  # the browser goes on loading meanwhile
        route.continue_()

    page.route("**/assets/playbooks.js", late)
    page.goto(f"{base_url}/index.html")
    open_search(page)
    assert "playbooks/database-unavailable.html" in top_result(page, "databse not responding")
    context.close()


def fallback_shown(page) -> bool:
    return page.locator(".pb-search-fallback").is_visible()


def test_stop_words_never_decide_a_ranking(search) -> None:
    assert "playbooks/cache-failure.html" in top_result(search, "redis for")
    assert "for" not in top_result(search, "redis for").split("h=")[1].split("+")
    assert top_result(search, "for a on to") == ""
    assert fallback_shown(search)


def test_a_query_of_words_the_site_does_not_know_falls_back(search) -> None:
    # "the" and "a" are stop words; the rest occur nowhere, or only in running text
    for query in ("reimburse a taxi receipt", "water the office plants", "birthday cake for the team"):
        href = top_result(search, query)
        assert "playbooks/" not in href, (query, href)
    assert top_result(search, "reimburse a taxi receipt") == ""
    assert fallback_shown(search)
    assert "playbooks/cache-failure.html" in top_result(search, "redis")
    assert not fallback_shown(search)


def test_camel_case_and_run_together_alert_names(search) -> None:
    for query in ("RedisOutOfMemory", "redisoutofmemory", "Redis Out Of Memory"):
        assert "playbooks/cache-failure.html" in top_result(search, query), query


def test_pasted_messages_and_compounds_find_their_concept(search) -> None:
    assert "playbooks/database-unavailable.html" in top_result(search, "FATAL: remaining connection slots are reserved")
    assert "playbooks/payments-failing.html" in top_result(search, "insufficient_funds errors at checkout")
    # a misspelt word of five letters or more still counts, and is not a reason to fall back
    assert "playbooks/database-unavailable.html" in top_result(search, "databse not responding")
    assert "playbooks/" in top_result(search, "databse unreachable since lunch")
    assert not fallback_shown(search)
