from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the same generated examples every time (a red build names a real regression);
# local runs keep exploring new ones and remember failures in .hypothesis/.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
TEST_TODAY = date(2026, 11, 10)


def copy_repo(target: Path) -> Path:
    """A throwaway copy of the example repository (content, schemas, config)."""
    for name in ("content", "schemas", "site_overrides", "postmortems", "examples"):
        if (REPO / name).exists():
            shutil.copytree(REPO / name, target / name)
    for name in ("mkdocs.yml",):
        if (REPO / name).exists():
            shutil.copy(REPO / name, target / name)
    return target


@pytest.fixture(scope="session", autouse=True)
def shared_cache(tmp_path_factory: pytest.TempPathFactory):
    """One cache folder (PLAYBOOK_CACHE_DIR) for the session: the many builds of the example
    content lay its desk cards and binder out once. Entries are keyed by content, so
    sharing is safe; tests of the caches themselves use folders of their own. A folder
    already set (a CI runner's kept cache) is used as it is."""
    if os.environ.get("PLAYBOOK_CACHE_DIR"):
        yield Path(os.environ["PLAYBOOK_CACHE_DIR"])
        return
    folder = tmp_path_factory.mktemp("playbook-cache")
    os.environ["PLAYBOOK_CACHE_DIR"] = str(folder)
    yield folder
    os.environ.pop("PLAYBOOK_CACHE_DIR", None)


@pytest.fixture(autouse=True)
def no_preview_left_running():
    """MkDocs keeps plugin instances for the process: a test that starts a preview in this
    process (on_startup with "serve") leaves the plugin in serve mode, which freezes and collects
    garbage around every later build. Each test ends the way `mkdocs serve` does."""
    yield
    from generator.plugin import PlaybooksPlugin

    if PlaybooksPlugin.serving:
        PlaybooksPlugin().on_shutdown()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_repo(tmp_path / "repo")


@pytest.fixture
def today() -> date:
    return TEST_TODAY


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example repository built once for every browser test that only reads the site.

    Test modules that need a site of their own define a ``site`` fixture, which wins.
    """
    from .sitehelpers import build

    return build(copy_repo(tmp_path_factory.mktemp("example-site") / "repo"), "2026-11-10")


@pytest.fixture(scope="session")
def base_url(site: Path):
    from .sitehelpers import serve

    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium through Playwright (never a downloaded browser)."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    from .sitehelpers import CHROMIUM, CHROMIUM_ARGS

    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()

