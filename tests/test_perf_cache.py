"""Caches of `playbook check` (card layouts, parsed YAML, clean verdicts) are never stale."""
from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from generator import core
from generator.caching import cards as card_cache
from generator.caching import store as cache
from generator.render import cards

from .conftest import TEST_TODAY


@pytest.fixture(autouse=True)
def own_cache_key(tmp_path: Path, monkeypatch) -> None:
    """Each test signs with a fresh key of its own (XDG_CACHE_HOME in tmp)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("PLAYBOOK_NO_CACHE", raising=False)
    monkeypatch.delenv("PLAYBOOK_CACHE_DIR", raising=False)  # the repository's own .playbook-cache/
    cache._key.cache_clear()
    yield
    cache._key.cache_clear()


@pytest.fixture
def layouts(monkeypatch) -> list[str]:
    """Records every real WeasyPrint layout (the layout itself still runs)."""
    done: list[str] = []
    real = cards._layout

    def counting(html: str):
        done.append(html)
        return real(html)

    monkeypatch.setattr(cards, "_layout", counting)
    return done


def load(repo: Path, render_cards: bool = True) -> core.Result:
    return core.load(repo, core.Options(today=TEST_TODAY, render_cards=render_cards))


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "card.pdf"
    path.write_bytes(data)
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_an_unchanged_card_is_laid_out_once_then_served_from_the_cache(repo: Path, layouts) -> None:
    first = load(repo)
    assert len(layouts) == 2 * len(first.cards)  # measure + final, per card
    second = load(repo)
    assert len(layouts) == 2 * len(first.cards)  # nothing laid out again
    assert [(c.card.id, c.html, c.pdf, c.pages) for c in second.cards] == \
        [(c.card.id, c.html, c.pdf, c.pages) for c in first.cards]
    assert (repo / ".playbook-cache" / ".gitignore").read_text().strip().endswith("*")


def test_a_change_to_the_card_lays_it_out_again_and_shows_the_change(repo: Path, layouts,
                                                                      tmp_path: Path) -> None:
    load(repo)
    before = len(layouts)
    path = repo / "content" / "cards" / "oncall.yaml"
    path.write_text(path.read_text().replace("title: On-call quick reference",
                                             "title: Night desk reference"))
    result = load(repo)
    assert len(layouts) == before + 2  # only the edited card
    oncall = next(c for c in result.cards if c.card.id == "oncall")
    assert "Night desk reference" in oncall.html
    assert "Night desk reference" in pdf_text(oncall.pdf, tmp_path)


def test_a_new_day_prints_the_new_date_on_the_card_with_one_layout(repo: Path, layouts, tmp_path: Path) -> None:
    """The footer's date (and next review, site address) is not in the measuring page: the
    cached column split still serves, but the PDF is made again for the new HTML."""
    from datetime import timedelta

    first = load(repo)
    before = len(layouts)
    tomorrow = TEST_TODAY + timedelta(days=1)
    result = core.load(repo, core.Options(today=tomorrow, render_cards=True))
    assert len(layouts) == before + len(first.cards)  # the final layout only, no measuring
    for rendered in result.cards:
        text = pdf_text(rendered.pdf, tmp_path)
        assert f"Generated {tomorrow}" in text and f"Generated {TEST_TODAY}" not in text, rendered.card.id


def test_a_change_to_a_shared_file_the_card_shows_lays_it_out_again(repo: Path, layouts,
                                                                     tmp_path: Path) -> None:
    load(repo)
    before = len(layouts)
    path = repo / "content" / "severities.yaml"
    text = path.read_text()
    name = next(line.split(":", 1)[1].strip() for line in text.splitlines()
                if line.strip().startswith("name:"))
    path.write_text(text.replace(f"name: {name}", "name: Everything is on fire", 1))
    result = load(repo)
    assert len(layouts) > before
    shown = [c for c in result.cards if "Everything is on fire" in c.html]
    assert shown and all("Everything is on fire" in pdf_text(c.pdf, tmp_path) for c in shown)


def test_the_layout_key_changes_with_the_fonts_and_the_template(tmp_path: Path, monkeypatch) -> None:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    monkeypatch.setattr(card_cache, "FONT_DIRS", (str(fonts),))
    card_cache._environment_key.cache_clear()
    before = card_cache.key("<html>card</html>")
    (fonts / "NewFont.ttf").write_bytes(b"not really a font")
    card_cache._environment_key.cache_clear()
    assert card_cache.key("<html>card</html>") != before
    assert card_cache.key("<html>card</html>") != card_cache.key("<html>card, new template</html>")
    card_cache._environment_key.cache_clear()


def test_a_cache_file_this_machine_did_not_sign_is_ignored(repo: Path, layouts, tmp_path: Path) -> None:
    first = load(repo)
    folder = repo / ".playbook-cache" / "cards"
    forged = b"%PDF-1.7 forged by a pull request"
    for path in folder.glob("*.pdf"):
        path.write_bytes(b"\0" * 32 + forged)  # what a committed cache folder would hold
    before = len(layouts)
    second = load(repo)
    assert len(layouts) == before + 2 * len(first.cards)
    assert all(c.pdf.startswith(b"%PDF") and forged not in c.pdf for c in second.cards)


def test_an_edited_playbook_is_parsed_and_checked_afresh(repo: Path) -> None:
    assert load(repo, render_cards=False).ok
    assert (repo / ".playbook-cache" / "yaml-v2.json").exists()
    path = repo / "content" / "playbooks" / "database-unavailable.yaml"
    original = path.read_text()
    path.write_text(original.replace("severity: P0", "severity: P9"))
    broken = load(repo, render_cards=False)
    assert any(p.file.endswith("database-unavailable.yaml") and "P9" in p.message for p in broken.problems)
    path.write_text(original.replace("title: Database unavailable", "title: Database is gone"))
    fixed = load(repo, render_cards=False)
    assert fixed.ok
    assert fixed.project.playbook("database-unavailable").title == "Database is gone"


def test_parsed_data_read_back_equals_a_fresh_parse_and_is_never_shared(tmp_path: Path) -> None:
    from generator.caching.parse import ParseCache

    text, data = "a: 1\n", {"a": 1, "when": "2026-11-22", "steps": [{"text": "x"}], "none": None}
    first = ParseCache(tmp_path)
    first.put(text, data)
    first.save()
    again = ParseCache(tmp_path)
    one, two = again.get(text), again.get(text)
    assert one == data and two == data
    assert one is not two and one["steps"] is not two["steps"]   # two identical files: their own objects
    assert again.get("b: 2\n") is None


def test_a_secret_pasted_into_a_clean_file_is_still_found(repo: Path) -> None:
    assert load(repo, render_cards=False).ok
    load(repo, render_cards=False)  # now every file is known clean
    path = repo / "content" / "playbooks" / "site-slow.yaml"
    path.write_text(path.read_text() + "# AKIAIOSFODNN7EXAMPLQ\n")
    found = load(repo, render_cards=False).problems
    assert any(p.code == "secret" and p.file.endswith("site-slow.yaml") for p in found)


def test_a_schema_change_checks_known_clean_files_again(tmp_path: Path) -> None:
    import shutil

    from generator.caching import verdicts
    from generator.validate import schema

    schemas = shutil.copytree(schema.SCHEMA_DIR, tmp_path / "schemas")
    before = verdicts._fingerprint(schemas)
    path = schemas / "playbook.schema.json"
    path.write_text(path.read_text().replace('"title"', '"title" ', 1))
    verdicts._fingerprint.cache_clear()
    assert verdicts._fingerprint(schemas) != before
    verdicts._fingerprint.cache_clear()


def test_a_crowded_week_names_ten_documents_and_counts_the_rest(repo: Path) -> None:
    from click.testing import CliRunner

    from generator.cli import main

    source = without_alerts((repo / "content" / "playbooks" / "site-slow.yaml").read_text())
    for n in range(30):
        (repo / "content" / "playbooks" / f"slow-{n:02d}.yaml").write_text(
            source.replace("id: site-slow", f"id: slow-{n:02d}"))
    result = CliRunner().invoke(main, ["reviews", "--root", str(repo), "--today", TEST_TODAY.isoformat(),
                                       "--suggest-stagger"])
    crowded = [line for line in result.stderr.splitlines() if "slow-00" in line and "fall due" in line]
    assert crowded, result.stderr
    listed = crowded[0].split(" (", 1)[1].split(" and ", 1)[0].split(", ")
    assert len(listed) == 10
    total = int(crowded[0].split("warning: ", 1)[1].split()[0])
    assert f" and {total - 10} more); --suggest-stagger" in crowded[0]


def test_shared_formatters_highlight_exactly_like_fresh_ones() -> None:
    import markdown
    from pymdownx import highlight as pymdownx_highlight

    from generator.render import highlight

    text = "```bash\nkubectl -n prod get pods -l app=web | grep -v Running\n```\n\n" \
           "```python\nprint('a' * 3)  # note\n```\n\nInline `code` too.\n"

    def convert() -> str:
        return markdown.Markdown(extensions=["pymdownx.highlight", "pymdownx.superfences"]).convert(text)

    highlight._installed = False
    original = {name: getattr(pymdownx_highlight, name) for name in ("BlockHtmlFormatter", "InlineHtmlFormatter")}
    original = {name: getattr(cls, "shared_class", cls) for name, cls in original.items()}
    for name, cls in original.items():
        setattr(pymdownx_highlight, name, cls)
    fresh = convert()
    try:
        highlight.install()
        assert pymdownx_highlight.BlockHtmlFormatter is not original["BlockHtmlFormatter"]
        assert convert() == fresh and convert() == fresh
        assert 'class="highlight"' in fresh and "kubectl" in fresh
    finally:
        for name, cls in original.items():
            setattr(pymdownx_highlight, name, cls)
        highlight._installed = False


def without_alerts(text: str) -> str:
    """A copy of a playbook must not claim its original's alerts (one playbook per alert)."""
    lines, skipping = [], False
    for line in text.splitlines(keepends=True):
        if line.startswith(("alerts:", "previous_ids:")):
            skipping = True
            continue
        if skipping and line[:1] not in (" ", "-", "\n", ""):
            skipping = False
        if not skipping:
            lines.append(line)
    return "".join(lines)


def test_a_stored_qr_code_is_the_one_segno_makes_and_its_version_is_in_the_key(tmp_path: Path,
                                                                                  monkeypatch) -> None:
    from generator.caching import qr_codes

    made: list[str] = []
    real = qr_codes.make
    monkeypatch.setattr(qr_codes, "make", lambda text: made.append(text) or real(text))
    first = qr_codes.Store()
    first.open(tmp_path)
    url = "https://runbooks.example.com/playbooks/site-slow.html"
    fresh = first.svg(url)
    first.save()
    assert made == [url] and fresh.startswith("<svg")
    again = qr_codes.Store()
    again.open(tmp_path)
    assert again.svg(url) == fresh and made == [url]   # read back, not made again
    assert again.svg(url + "?b") != fresh and made == [url, url + "?b"]
    qr_codes._segno_version.cache_clear()
    monkeypatch.setattr(qr_codes, "_segno_version", lambda: "99.0")
    other = qr_codes.Store()
    other.open(tmp_path)
    assert other.svg(url) == fresh and made[-1] == url and len(made) == 3   # another segno: made afresh
