"""Contact privacy: a public build carries no private value anywhere; the internal build has them all."""
from __future__ import annotations

import gzip
import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator import core
from generator.model import privacy
from generator.cli import main

from .conftest import REPO, TEST_TODAY, copy_repo
from .test_cli import invoke

SEPARATORS = re.compile(r"(?:&nbsp;|&#160;|\\u00a0|\\u002b|&#43;|[\s\u00a0\-.()/+])")


def private_numbers() -> list[str]:
    contacts = yaml.safe_load((REPO / "content/contacts.yaml").read_text())["contacts"]
    return [c["phone"] for c in contacts if "phone" in c.get("private", ())
            or c.get("visibility") == "internal"]


def spellings(number: str) -> set[str]:
    """The usual ways a number is written: as given, digits only, local, dashed, dotted, tel:."""
    digits = re.sub(r"\D", "", number)
    local = digits[1:] if number.startswith("+1") else digits
    dashed = f"{local[:3]}-{local[3:6]}-{local[6:]}"
    return {number, digits, "+" + digits, local, dashed, dashed.replace("-", "."),
            dashed.replace("-", " "), f"({local[:3]}) {local[3:6]}-{local[6:]}"}


def texts(site: Path) -> dict[str, str]:
    """Every file under site/ as text: gzip unpacked, PDFs through pdftotext, the rest as bytes."""
    out = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        out[path.relative_to(site).as_posix()] = raw.decode("utf-8", errors="replace")
        if path.suffix == ".pdf":
            text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                                  capture_output=True).stdout.decode("utf-8")
            out[path.relative_to(site).as_posix() + " (pdftotext)"] = text
    return out


def leaks(files: dict[str, str], number: str) -> list[str]:
    local = re.sub(r"\D", "", number)[1:]
    found = []
    for name, text in files.items():
        for spelling in spellings(number):
            if spelling in text:
                found.append(f"{name}: {spelling!r}")
        if local in SEPARATORS.sub("", text):
            found.append(f"{name}: digits {local}")
    return found


def _build(tmp_path_factory, *args: str) -> Path:
    repo = copy_repo(tmp_path_factory.mktemp("repo"))
    result = CliRunner().invoke(main, ["build", "--root", str(repo), "--today", TEST_TODAY.isoformat(), *args])
    assert result.exit_code == 0, result.output
    return repo / "site"


@pytest.fixture(scope="module")
def public_site(tmp_path_factory) -> Path:
    return _build(tmp_path_factory, "--audience", "public")


@pytest.fixture(scope="module")
def internal_site(tmp_path_factory) -> Path:
    return _build(tmp_path_factory)


def test_the_example_has_private_mobile_numbers() -> None:
    assert len(private_numbers()) >= 5


def test_public_build_contains_no_private_number_anywhere(public_site: Path) -> None:
    files = texts(public_site)
    assert "search/search_index.json" in files and "sitemap.xml" in files
    assert any(name.endswith(".pdf (pdftotext)") for name in files)
    assert any("Phone not published; reach internally via" in text for name, text in files.items()
               if name.endswith("(pdftotext)"))
    for number in private_numbers():
        assert leaks(files, number) == [], number
    assert "+1 555 010 0100" in files["contacts.html"]   # the on-call rotation stays public
    search = json.loads(files["search/search_index.json"])
    assert any("reach internally via chat @amara or Platform team (#team-platform)" in d["text"]
               for d in search["docs"])


def test_internal_build_contains_every_private_number(internal_site: Path) -> None:
    files = texts(internal_site)
    cards = "".join(t for n, t in files.items() if n.endswith("(pdftotext)"))
    for number in private_numbers():
        assert number in files["contacts.html"], number
        assert leaks({"search": files["search/search_index.json"]}, number), number
    assert "+1 555 010 0110" in cards       # the on-call card lists the DevOps lead
    assert not any("not published" in text for text in files.values())


def _repo_with(tmp_path: Path, audience: str | None) -> Path:
    repo = copy_repo(tmp_path / "repo")
    if audience:
        org = repo / "content/organization.yaml"
        org.write_text(org.read_text() + f"audience: {audience}\n")
    return repo


def _patch(path: Path, old: str, new: str) -> int:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return text[:text.index(old)].count("\n") + 1


def test_check_fails_a_private_number_in_plain_text_elsewhere(tmp_path: Path) -> None:
    repo = _repo_with(tmp_path, "public")
    playbook = repo / "content/playbooks/database-unavailable.yaml"
    text = playbook.read_text()
    first_step = re.search(r"^\s+- text: ", text, re.MULTILINE)
    line = text[:first_step.start()].count("\n") + 1
    playbook.write_text(text[:first_step.end()] + "Call Amara on 555-010-0110, then " + text[first_step.end():])
    incident = repo / "postmortems/2026-09-14-database-connection-pool-exhausted.md"
    incident.write_text(incident.read_text() + "\nDiego (tel:+15550100111) was reached at 14:40.\n")
    incident_line = incident.read_text().count("\n")
    result = invoke(repo, ["check", "--no-cards", "--format", "json"])
    found = [p for p in json.loads(result.output)["problems"] if p["code"] == "private-value"]
    assert result.exit_code == 1
    assert [(p["file"], p["line"]) for p in found] == [
        ("content/playbooks/database-unavailable.yaml", line),
        ("postmortems/2026-09-14-database-connection-pool-exhausted.md", incident_line)]
    assert "'devops-lead'" in found[0]["message"] and "555 010 0110" not in found[0]["message"]
    assert "private list" in found[0]["hint"]
    build = CliRunner().invoke(main, ["build", "--root", str(repo), "--today", TEST_TODAY.isoformat()])
    assert build.exit_code == 1 and "private-value" in build.output and not (repo / "site").exists()
    internal = invoke(repo, ["check", "--no-cards", "--format", "json", "--audience", "internal"])
    assert not [p for p in json.loads(internal.output)["problems"] if p["code"] == "private-value"]


def test_audience_from_organization_yaml_and_a_pure_transformation(tmp_path: Path) -> None:
    options = core.Options(today=TEST_TODAY, render_cards=False)
    internal = core.load(_repo_with(tmp_path / "a", None), options).project
    public = core.load(_repo_with(tmp_path / "b", "public"), options).project
    assert internal.organization.audience == "internal" and public.organization.audience == "public"
    assert internal.contact("devops-lead").phone == "+1 555 010 0110"
    assert public.contact("devops-lead").phone == "" and public.contact("oncall-primary").phone
    assert privacy.for_audience(internal, "internal") is internal
    again = privacy.for_audience(internal, "public")
    assert again.contact("devops-lead") == public.contact("devops-lead")
    assert internal.contact("devops-lead").phone == "+1 555 010 0110"   # the input is not changed


def test_visibility_internal_and_a_loud_placeholder_without_a_route(tmp_path: Path) -> None:
    repo = _repo_with(tmp_path, "public")
    contacts = repo / "content/contacts.yaml"
    line = _patch(contacts, "    name: Marcus Bell\n", "    name: Marcus Bell\n    visibility: internal\n")
    result = core.load(repo, core.Options(today=TEST_TODAY, render_cards=False))
    ceo = result.project.contact("ceo")
    assert (ceo.phone, ceo.email) == ("", "")
    assert ceo.reach.startswith("NOT GIVEN: phone and email not published")
    warning = [p for p in result.problems if p.code == "private-no-route"]
    assert [(p.level, p.line) for p in warning] == [("warning", line + 1)]


def _line_of(path: Path, start: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if line.startswith(start))


def test_private_email_and_chat_are_matched_as_written(tmp_path: Path) -> None:
    repo = _repo_with(tmp_path, "public")
    contacts = repo / "content/contacts.yaml"
    _patch(contacts, "    name: Hana Mori\n", "    name: Hana Mori\n    private: [phone, email, chat]\n")
    _patch(contacts, '    phone: "+1 555 010 0140"\n    private: [phone]\n', '    phone: "+1 555 010 0140"\n')
    templates = repo / "content/templates.yaml"
    _patch(templates, "body: |\n", "body: |\n      Questions: HANA.MORI@tidewater.example.com or @hana.\n")
    result = core.load(repo, core.Options(today=TEST_TODAY, render_cards=False))
    found = [(p.file, p.message.split(" of contact")[0]) for p in result.problems if p.code == "private-value"]
    assert found == [("content/templates.yaml", "the email"), ("content/templates.yaml", "the chat")]
    lines = {p.line for p in result.problems if p.code == "private-value"}
    assert lines == {_line_of(templates, "      Questions: HANA.MORI")}


def test_phone_spellings_match_and_other_numbers_do_not() -> None:
    from generator.validate.privacy import PrivateValue, hits

    private = PrivateValue("devops-lead", "phone", "+1 555 010 0110", 1)
    for text in ("+1 555 010 0110", "15550100110", "(555) 010-0110", "tel:+15550100110", "555.010.0110"):
        assert list(hits(f"call {text} now", private)), text
    for text in ("+1 555 010 0111", "555 010 0100", "port 0110", "2026-01-10"):
        assert not list(hits(f"call {text} now", private)), text


@pytest.mark.slow
def test_serve_with_audience_public_previews_the_public_site(tmp_path: Path) -> None:
    import os
    import signal
    import sys

    from .test_serve import fetch, free_port, wait_for

    repo = copy_repo(tmp_path / "repo")
    port = free_port()
    url = f"http://127.0.0.1:{port}/contacts.html"
    process = subprocess.Popen(
        [sys.executable, "-c", "from generator.cli import run; run()", "serve", "--root", str(repo),
         "--today", TEST_TODAY.isoformat(), "--dev-addr", f"127.0.0.1:{port}", "--audience", "public"],
        cwd=repo, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        assert wait_for(lambda: "Contacts" in (fetch(url) or ""), 120), "serve did not come up"
        page = fetch(url) or ""
        for number in private_numbers():
            assert not leaks({"contacts.html": page}, number), number
        assert "Hana Mori" in page  # the page itself is there, without her private number
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
