"""Content is untrusted: injected HTML and script must stay inert on the site and cards.

Builds a site from content carrying payloads in a title, a step, a command, a
template, a service name, the organization name and a post-mortem body, then
opens every page in Debian's chromium and checks that nothing ran.
"""
from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import copy_repo
from .sitehelpers import CHROMIUM, CHROMIUM_ARGS, build, serve

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")
if not Path(CHROMIUM).exists():  # pragma: no cover
    pytest.skip("Debian chromium is not installed", allow_module_level=True)


def payload(tag: str) -> str:
    return (f"<img src=x onerror=\"window.__xss='{tag}-img'\"> <script>window.__xss='{tag}-script'</script>"
            f" <svg onload=\"window.__xss='{tag}-svg'\"></svg>")


def short(tag: str) -> str:
    return f"<img src=x onerror=window.__xss='{tag}'>"


def q(text: str) -> str:
    return json.dumps(text)   # a JSON string is a valid double-quoted YAML scalar


INJECTIONS = [
    ("content/playbooks/site-slow.yaml", "title: Site slow", f"title: {q(payload('title'))}"),
    ("content/playbooks/site-slow.yaml", "    - text: Measure response times from outside",
     f"    - text: {q(payload('step') + ' {: onclick=window.__xss=1} Measure')}"),
    ("content/playbooks/site-slow.yaml", "      condition: If CPU or memory is saturated",
     f"      condition: {q(payload('condition'))}"),
    ("content/playbooks/login-failures.yaml", "        - redis-cli PING",
     "        - \"redis-cli PING ``` </code></pre><script>window.__xss='code'</script>\""),
    ("content/templates.yaml", "      We are currently investigating reports of {issue}.",
     "      </code></pre><script>window.__xss='template'</script> We are currently investigating reports of {issue}."),
    ("content/organization.yaml", "    name: Website and API", f"    name: {q(payload('service'))}"),
    ("content/organization.yaml", "name: Tidewater Studios", f"name: {q(short('org'))}"),
    ("content/severities.yaml", "    name: Critical", f"    name: {q(short('sev'))}"),
    ("content/playbooks/database-unavailable.yaml", "        - lang: sql\n          code: SELECT pg_terminate_backend",
     f"        - lang: sql\n          title: {q(payload('cmdtitle'))}\n          code: SELECT pg_terminate_backend"),
]
POSTMORTEM_BODY = f"""
## Summary

{payload('postmortem')}
[click me](javascript:window.__xss='link') <a href="javascript:window.__xss='a'">a</a>
{{: onclick="window.__xss='attr'"}}

[ref]: javascript:window.__xss='ref'

![tracking pixel](http://203.0.113.9/pixel.png)

```html
<script>window.__xss='fence'</script>
```
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    repo = copy_repo(tmp_path_factory.mktemp("hostile") / "repo")
    for rel, old, new in INJECTIONS:
        path = repo / rel
        text = path.read_text()
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1))
    incident = repo / "postmortems" / "2026-11-02-stripe-webhook-backlog.md"
    incident.write_text(incident.read_text() + POSTMORTEM_BODY)
    return build(repo, "2026-11-10")


def test_payloads_reach_the_pages_as_text(hostile_site: Path) -> None:
    html = (hostile_site / "playbooks" / "site-slow.html").read_text()
    assert "&lt;img src=x onerror=" in html
    assert "<img src=x" not in html and "<script>window" not in html
    titled = (hostile_site / "playbooks" / "database-unavailable.html").read_text()   # a command's title
    assert "window.__xss='cmdtitle-img'" in titled.replace("&#39;", "'") and "<img src=x" not in titled
    for page in hostile_site.rglob("*.html"):
        finder = ActiveContent()
        finder.feed(page.read_text())
        assert finder.found == [], page
        assert "203.0.113.9" not in "".join(finder.sources), page


class ActiveContent(HTMLParser):
    """Real elements that could run code: event handlers, script links, injected scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.sources: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.sources += [value or "" for name, value in attrs if name == "src"]
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                    ("javascript:", "data:", "vbscript:")):
                self.found.append(f"<{tag} {name}={value!r}>")
        # A JSON data block (the one-file bundle's playbooks) is never run; its escaping is tested
        # in test_bundle.py. Any other script is code.
        self._in_script = tag == "script" and dict(attrs).get("type") != "application/json"

    def handle_data(self, data: str) -> None:
        if self._in_script and "__xss" in data:
            self.found.append(f"<script>{data[:40]}")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


def test_nothing_runs_in_the_browser(hostile_site: Path) -> None:
    with serve(hostile_site) as base_url, playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        pages = sorted(str(f.relative_to(hostile_site)) for f in hostile_site.rglob("*.html"))
        assert len(pages) > 30
        for rel in pages:
            page.goto(f"{base_url}/{rel}")
            assert page.evaluate("window.__xss") is None, rel
        # Search results render titles and text from the index: still inert.
        page.goto(f"{base_url}/index.html")
        search = page.locator("input.md-search__input")
        page.keyboard.press("/")
        search.fill("Site slow img onerror")
        search.press("End")
        page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
        page.locator(".md-search-result__item a").first.hover()
        assert page.evaluate("window.__xss") is None
        for link in page.locator("a[href^='javascript']").all():
            link.click()
        assert page.evaluate("window.__xss") is None
        assert dialogs == []
        browser.close()
