"""Prepare everything a site build needs from content: pages, navigation, edit links."""
from __future__ import annotations

import os
from urllib.parse import quote
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

from .. import core
from . import report
from ..model import Project
from ..problems import PlaybookError
from ..render.pages import Page, navigation, packing, render_site
from ..render.postmortem import postmortem_pages

MARKER = ".playbook-generated"


class ContentError(PlaybookError):
    """Content has errors; the site must not be published from it."""

    exit_code = 1


@dataclass(frozen=True)
class Site:
    """Rendered pages plus what the site configuration takes from organization.yaml."""

    project: Project
    pages: tuple[Page, ...]
    nav: list
    warnings: tuple[str, ...] = ()
    cards: tuple = ()  # RenderedCard: HTML and PDF of each desk card
    redirects: tuple = ()  # (uri, html): old playbook ids forwarding to the current page
    cache: Path | None = None  # the cache folder (see caching.store): binder parts laid out before

    def edit_url(self, page: Page) -> str | None:
        org = self.project.organization
        if not (org.repo_url and page.source):
            return None
        base = org.repo_url.rstrip("/") + "/" + (org.edit_uri or "").strip("/")
        return f"{base.rstrip('/')}/{quote(page.source)}"


def playbook_uris(site: Site) -> set[str]:
    """The pages rendered from playbooks (render.direct may convert them)."""
    from ..render.pages import playbook_uri

    return {playbook_uri(playbook.id) for playbook in site.project.playbooks}


def today_from(value: str | None) -> date:
    """--today / PLAYBOOK_TODAY as a date; the real date when unset."""
    value = value or os.environ.get("PLAYBOOK_TODAY")
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PlaybookError(f"today: {value!r} is not a date; use YYYY-MM-DD") from None


def prepare(root: Path, today: date, warn_days: int = core.DEFAULT_WARN_DAYS,
            content_dir: Path | None = None, audience: str | None = None, draft: bool = False,
            incremental: bool = False) -> Site:
    """Load, check and render; raise ContentError with the full report on errors.

    ``audience`` (internal or public; default: organization.yaml) decides which
    contact fields the model, and so every page and card, carries. ``draft`` builds
    content whose only errors are import placeholders, with banners.
    ``incremental`` (serve): playbook pages whose inputs are unchanged come from memory.
    """
    from ..caching.store import cache_dir
    from ..alerts import index as alerts

    result = core.load(root, core.Options(today=today, warn_days=warn_days, audience=audience, draft=draft,
                                         cards_apart=not incremental), content_dir)
    files = sum(1 for _ in result.content.all_sources())
    allowed = core.DRAFT_ALLOWED if draft else frozenset()
    if result.project is None or _blocking(result, allowed):
        _refuse(result.finish(), allowed, files)
    # The cards are laid out by a child process (cards_apart) while the pages render here.
    pages, alert_pages = _render(root, result, warn_days, draft, incremental,
                                 lambda: _refuse(result.finish(), allowed, files))
    warnings = tuple(f"{p.location}: {p.message}" for p in result.problems)
    return Site(result.project, tuple(pages),
                _with_pages(navigation(result.project), [p.uri for p in alert_pages]),
                warnings, tuple(result.cards), tuple(alerts.redirect_files(result.project).items()),
                cache_dir(root))


def _render(root: Path, result: core.Result, warn_days: int, draft: bool, incremental: bool,
            checked: Callable[[], None]) -> tuple[list[Page], list[Page]]:
    """Every page (and the alert pages apart); ``checked()`` once the slow part is done (cards)."""
    from ..alerts import index as alerts
    from ..render.imported import annotate, guidance_of, notes_of

    alert_pages = alerts.alert_pages(result.project, alerts.read_rules(root, result.project))
    renderer = index_page = None
    if incremental:
        from ..caching.pages import index_renderer, playbook_renderer
        renderer = playbook_renderer(result.project, result.content, warn_days)
        index_page = index_renderer(result.project, warn_days)
    with packing(not incremental):  # serve reads every page on each rebuild: plain str there
        rendered = render_site(result.project, renderer, index_page) + postmortem_pages(result.project)
        checked()
        pages = annotate(rendered + alert_pages, notes_of(result.content), result.problems, draft,
                         guidance_of(result.content))
    return pages, alert_pages


def _blocking(result: core.Result, allowed: frozenset) -> list:
    return [p for p in result.problems if p.level == "error" and p.code not in allowed]


def _refuse(result: core.Result, allowed: frozenset, files: int) -> None:
    """Raise ContentError with the full report when ``result`` (complete) has blocking errors."""
    if result.project is None or _blocking(result, allowed):
        raise ContentError("content has errors; not building the site:\n"
                           + report.text(result.problems, files), result.problems)


def _with_pages(nav: list, uris: list[str]) -> list:
    """Extra pages go into the Playbooks section, after its index page."""
    for entry in nav:
        if isinstance(entry, dict) and isinstance(entry.get("Playbooks"), list) and uris:
            entry["Playbooks"][1:1] = uris
    return nav


PLUGIN_ONLY_META = ("section_tags",)  # read by the plugin's search index only


def exported_pages(site: Site) -> dict[str, bytes]:
    """Every page's Markdown for another docs engine (export-docs), without the metadata
    only the plugin reads."""
    return {page.uri: _without_plugin_meta(page.markdown).encode("utf-8") for page in site.pages}


def _without_plugin_meta(markdown: str) -> str:
    end = markdown.find("\n---\n", 3) if markdown.startswith("---\n") else -1
    if end < 0:
        return markdown
    lines = [line for line in markdown[4:end].split("\n")
             if not line.startswith(tuple(f"{key}: " for key in PLUGIN_ONLY_META))]
    return "---\n" + "\n".join(lines) + markdown[end:]


def card_files(site: Site) -> dict[str, bytes]:
    """cards/<id>.html and cards/<id>.pdf for every desk card."""
    files: dict[str, bytes] = {}
    for rendered in site.cards:
        files[f"cards/{rendered.card.id}.html"] = rendered.html.encode("utf-8")
        files[f"cards/{rendered.card.id}.pdf"] = rendered.pdf
    return files


def download_files(site: Site) -> dict[str, str]:
    """Files served as downloads rather than pages (written after the build)."""
    from ..render.postmortem import DOWNLOAD, template_body

    if site.project.postmortem is None:
        return {}
    return {DOWNLOAD: template_body(site.project)}


def write_downloads(site: Site, site_dir: str) -> None:
    """Write ``download_files`` into the built site."""
    for uri, text in download_files(site).items():
        target = Path(site_dir) / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def offline_files(site: Site, binder: bool = True) -> dict[str, bytes]:
    """downloads/runbook.html and downloads/runbook.pdf: the one-file bundle and the binder.

    The binder takes the desk cards' paper when they all agree, else A4. Without
    ``binder`` (serve), runbook.pdf is a one-page note saying how to get it.
    """
    from ..render.downloads import offline_files as render

    papers = {card.paper for card in site.project.cards}
    return render(site.project, site.project.today, papers.pop() if len(papers) == 1 else "a4", binder,
                  site.cache)
