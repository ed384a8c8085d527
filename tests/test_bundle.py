"""The one-file offline runbook: opened from file:// in Debian's chromium with every request refused."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import core
from generator.cli import main
from generator.render.bundle import bundle_data, render_bundle, script_json

from .conftest import REPO, TEST_TODAY, copy_repo
from .sitehelpers import CHROMIUM

TODAY = TEST_TODAY.isoformat()


@pytest.fixture(scope="module")
def project():
    return core.load(REPO, core.Options(today=TEST_TODAY, render_cards=False)).project


@pytest.fixture(scope="module")
def bundle_file(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bundle") / "runbook.html"
    result = CliRunner().invoke(main, ["bundle", "--root", str(REPO), "--today", TODAY, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_json_in_the_script_block_cannot_end_it() -> None:
    hostile = {"t": "</script><script>alert(1)</script> & <!-- \u2028\u2029 -->"}
    text = str(script_json(hostile))
    assert not re.search("[<>&\u2028\u2029]", text)
    assert json.loads(text) == hostile


def test_the_file_references_nothing_outside_itself(bundle_file: Path) -> None:
    html = bundle_file.read_text(encoding="utf-8")
    assert not re.search(r"<[a-zA-Z][^>]*\s(src|srcset|action|poster|data|background)\s*=", html)
    assert not re.search(r"@import|url\(|<link\b|<iframe|<object|<embed", html, re.I)
    assert re.findall(r'href="([^"#][^"]*)"', html) and all(
        h.startswith(("tel:", "mailto:")) for h in re.findall(r'href="([^"#][^"]*)"', html))
    assert "default-src 'none'" in html  # and a policy that would refuse any request anyway


def test_every_phone_number_is_a_tel_link(project, bundle_file: Path) -> None:
    html = bundle_file.read_text(encoding="utf-8")
    for contact in project.contacts:
        if contact.phone:
            assert f'href="{contact.tel}"' in html, contact.id


def test_everything_is_in_the_file(project, bundle_file: Path) -> None:
    html = bundle_file.read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="pb-data">(.*?)</script>', html, re.S).group(1))
    assert [pb["id"] for pb in data["playbooks"]] == [pb.id for pb in project.playbooks]
    commands = {c for pb in data["playbooks"] for _, steps in pb["steps"] for s in steps for c in s.get("x", [])}
    for pb in project.playbooks:
        for _, steps in pb.steps:
            for step in steps:
                for cmd in step.commands:
                    assert cmd.code.rstrip("\n") in commands
    for level in project.levels:
        assert f'id="sev-{level.id}"' in html
    for section in ("s-contacts", "s-escalation", "s-roles", "s-process", "s-templates", "s-cards"):
        assert f'id="{section}"' in html
    for template in project.templates:
        assert f'id="t-{template.id}"' in html


def test_refuses_to_overwrite_a_file_it_did_not_write(tmp_path: Path) -> None:
    mine = tmp_path / "notes.html"
    mine.write_text("<p>my notes</p>", encoding="utf-8")
    result = CliRunner().invoke(main, ["bundle", "--root", str(REPO), "--today", TODAY, "--out", str(mine)])
    assert result.exit_code == 2 and "not overwriting" in result.output
    assert mine.read_text(encoding="utf-8") == "<p>my notes</p>"


def test_content_with_errors_is_not_bundled(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    path = repo / "content/playbooks/site-slow.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("severity: P2", "severity: P9"), encoding="utf-8")
    out = tmp_path / "b.html"
    result = CliRunner().invoke(main, ["bundle", "--root", str(repo), "--today", TODAY, "--out", str(out)])
    assert result.exit_code == 1 and "P9" in result.output and not out.exists()


# ---- in a real browser ----------------------------------------------------------------------

playwright_api = pytest.importorskip("playwright.sync_api")
needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="apt-get install chromium")


class Offline:
    """A page with the network refused: every request that is not file:// is aborted and recorded."""

    def __init__(self, browser, viewport: dict) -> None:
        self.context = browser.new_context(viewport=viewport)
        self.attempted: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))

    def _route(self, route) -> None:
        self.attempted.append(route.request.url)
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            route.abort()

    def other_requests(self, own: str) -> list[str]:
        return [url for url in self.attempted if url.split("#")[0] != own]

    def search(self, query: str):
        self.page.fill("#q", query)
        first = self.page.locator("#hits a").first
        first.wait_for(timeout=10_000)
        return first


VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@needs_chromium
@pytest.mark.browser
@pytest.mark.parametrize("viewport", VIEWPORTS, ids=list(VIEWPORTS))
def test_search_an_alias_and_reach_the_first_step_with_no_network(browser, bundle_file: Path, project,
                                                                 viewport: str) -> None:
    pb = project.playbook("database-unavailable")
    first_step = pb.steps[0][1][0]
    offline = Offline(browser, VIEWPORTS[viewport])
    url = bundle_file.as_uri()
    offline.page.goto(url)
    hit = offline.search(pb.aliases[0])
    assert hit.text_content() == pb.title
    hit.click()
    step = offline.page.locator("#playbook li.step").first
    step.wait_for()
    assert first_step.text in step.text_content()
    assert step.is_visible() and step.bounding_box()["width"] <= VIEWPORTS[viewport]["width"]
    assert first_step.commands[0].code.strip() in step.locator("pre").first.text_content()
    offline.page.locator("#playbook li.step input[type=checkbox]").first.check()
    assert offline.page.locator("#playbook li.step input[type=checkbox]").first.is_checked()
    assert offline.other_requests(url) == [] and offline.errors == []
    offline.context.close()


@needs_chromium
@pytest.mark.browser
def test_every_alias_and_symptom_finds_its_playbook_first(browser, bundle_file: Path, project) -> None:
    offline = Offline(browser, VIEWPORTS["phone"])
    offline.page.goto(bundle_file.as_uri())
    wrong = []
    for pb in project.playbooks:
        for query in (*pb.aliases, *pb.symptoms):
            hit = offline.search(query)
            if hit.get_attribute("href") != f"#pb={pb.id}":
                wrong.append((query, pb.id, hit.get_attribute("href")))
    assert wrong == []
    offline.context.close()


@needs_chromium
@pytest.mark.browser
@pytest.mark.parametrize("query,expected", [("users cannot log in", "#pb=login-failures"),
                                            ("site is down", "#pb=platform-outage"),
                                            ("redis down", "#pb=cache-failure"),
                                            ("Amara", "#c-devops-lead")])
def test_words_of_a_stressed_responder(browser, bundle_file: Path, query: str, expected: str) -> None:
    offline = Offline(browser, VIEWPORTS["phone"])
    offline.page.goto(bundle_file.as_uri())
    offline.page.fill("#q", query)
    offline.page.press("#q", "Enter")
    offline.page.wait_for_function(f"location.hash === {json.dumps(expected)}")
    target = "#playbook h1" if expected.startswith("#pb=") else expected
    assert offline.page.locator(target).first.is_visible()
    offline.context.close()


@needs_chromium
@pytest.mark.browser
def test_copy_button_copies_the_command(browser, bundle_file: Path, project) -> None:
    offline = Offline(browser, VIEWPORTS["desktop"])
    offline.context.grant_permissions(["clipboard-read", "clipboard-write"])
    offline.page.goto(bundle_file.as_uri() + "#pb=database-unavailable")
    block = offline.page.locator("#playbook .code").first
    block.locator("button.copy").click()
    expected = project.playbook("database-unavailable").steps[0][1][0].commands[0].code.strip()
    offline.page.wait_for_function("document.querySelector('#playbook .code button').textContent !== 'Copy'")
    assert offline.page.evaluate("navigator.clipboard.readText()").strip() == expected
    offline.context.close()


HOSTILE = "</script><script>alert(1)</script><img src=x onerror=alert(2)>"


@needs_chromium
@pytest.mark.browser
def test_hostile_content_is_shown_as_text_and_runs_nothing(browser, tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    path = repo / "content/playbooks/site-slow.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("title: Site slow", f"title: 'Site slow {HOSTILE}'", 1)
    text = text.replace("aliases:\n", f"aliases:\n  - 'zebra \u2028 {HOSTILE}'\n", 1)
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "b.html"
    result = CliRunner().invoke(main, ["bundle", "--root", str(repo), "--today", TODAY, "--out", str(out)])
    assert result.exit_code == 0, result.output
    offline = Offline(browser, VIEWPORTS["desktop"])
    offline.page.goto(out.as_uri())
    hit = offline.search("zebra")
    assert HOSTILE in hit.text_content()
    hit.click()
    offline.page.locator("#playbook h1").wait_for()
    assert HOSTILE in offline.page.locator("#playbook h1").text_content()
    assert offline.page.locator("script").count() == 2 and offline.page.locator("img").count() == 0
    assert offline.dialogs == [] and offline.errors == [] and offline.other_requests(out.as_uri()) == []
    offline.context.close()


def test_render_bundle_is_deterministic(project) -> None:
    assert render_bundle(project, TEST_TODAY) == render_bundle(project, TEST_TODAY)
    assert bundle_data(project)["playbooks"][0]["id"] == project.playbooks[0].id


TITLED = "On the jump box <img src=x onerror=alert(3)>"


def _titled_repo(tmp_path: Path) -> Path:
    """The example with a command's title (where it runs) that is also hostile markup."""
    repo = copy_repo(tmp_path / "repo")
    path = repo / "content/playbooks/site-slow.yaml"
    text = path.read_text(encoding="utf-8")
    old = "        - kubectl top nodes\n"
    assert old in text
    path.write_text(text.replace(old, f"        - title: '{TITLED}'\n          code: kubectl top nodes\n", 1), encoding="utf-8")
    return repo


def test_a_commands_title_is_in_the_bundle_and_the_binder_as_text(tmp_path: Path) -> None:
    """The site shows where a command runs above it; the printed binder and the one-file bundle too."""
    from generator.render.binder import render_html
    from generator.render.bundle import bundle_data

    titled = core.load(_titled_repo(tmp_path), core.Options(today=TEST_TODAY, render_cards=False)).project
    steps = [s for pb in bundle_data(titled)["playbooks"] if pb["id"] == "site-slow" for _, group in pb["steps"] for s in group]
    step = next(s for s in steps if "xt" in s)
    assert step["xt"] == [TITLED, ""] and step["x"] == ["kubectl top nodes", "kubectl top pods"]
    html = render_html(titled, TEST_TODAY, part="playbooks")
    assert '<p class="cmd-title">On the jump box &lt;img src=x onerror=alert(3)&gt;</p><pre>' in html


@needs_chromium
@pytest.mark.browser
def test_a_commands_title_is_drawn_above_it_in_the_bundle(browser, tmp_path: Path) -> None:
    out = tmp_path / "b.html"
    result = CliRunner().invoke(main, ["bundle", "--root", str(_titled_repo(tmp_path)), "--today", TODAY, "--out", str(out)])
    assert result.exit_code == 0, result.output
    offline = Offline(browser, VIEWPORTS["desktop"])
    offline.page.goto(out.as_uri() + "#pb=site-slow")
    offline.page.locator("#playbook h1").wait_for()
    title = offline.page.locator("#playbook .cmd-title")
    assert title.count() == 1 and title.text_content() == TITLED
    following = title.evaluate("node => node.nextElementSibling.querySelector('pre').textContent")
    assert following == "kubectl top nodes"
    assert offline.page.locator("img").count() == 0 and offline.dialogs == [] and offline.errors == []
    offline.context.close()
