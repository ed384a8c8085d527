"""The MkDocs configuration the plugin layers under a team's: theme folders, Markdown
extensions, CSS and scripts, the search and offline plugins. Plain functions over MkDocs'
config object (plugin.py, the only module importing MkDocs, hands it over)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import html
import os

from .. import resources
from ..caching import serve as serve_cache
from ..commands import site as site_module
from ..problems import PlaybookError
from . import look
from .fallback import theme_extra


def apply_look(config, root: Path, user_theme, material_theme: Callable[[], Any]) -> list[str]:
    """Layer the package's theme, Markdown extensions and offline plugins under the team's config.

    ``user_theme``: the ``theme`` of the team's mkdocs.yml as written; ``material_theme``
    makes MkDocs' Material theme object. Returns what may make requests to another origin.
    """
    if user_theme is None:
        config.theme = material_theme()
    _layer_theme_dirs(config, root, user_theme)
    for key, value in look.theme_defaults(user_theme).items():
        config.theme[key] = value
    for name, options in look.missing_extensions(config.markdown_extensions).items():
        config.markdown_extensions.append(name)
        if options:
            config.mdx_configs[name] = dict(options)
    polyfills = config.extra.setdefault("polyfills", [])
    if not any("iframe-worker" in str(url) for url in polyfills):
        polyfills.append(look.POLYFILL)
    _append_once(polyfills, look.SEARCH_JAVASCRIPT)
    config.extra.setdefault("generator", False)
    _append_once(config.extra_css, look.CSS)
    _append_once(config.extra_javascript, look.JAVASCRIPT)
    offline = _ensure_plugin(config, "material/offline", "offline", {})
    _ensure_plugin(config, "material/search", "search", {"separator": look.SEARCH_SEPARATOR})
    return list(look.other_origin_risks(look.theme_name(user_theme), config.theme.get("font"),
                                        config.extra, config.extra_css, config.extra_javascript,
                                        bool(offline.config.enabled)))


def _layer_theme_dirs(config, root: Path, user_theme) -> None:
    """The team's custom_dir (or site_overrides/theme) first, then the package's, then the theme."""
    dirs = config.theme.dirs
    package_dir = str(resources.theme_dir())
    if package_dir in dirs:
        return
    custom = config.theme.custom_dir
    if custom is None and (root / "site_overrides" / "theme").is_dir():
        custom = str(root / "site_overrides" / "theme")
        dirs.insert(0, custom)
    dirs.insert(1 if custom else 0, package_dir)


def _append_once(entries: list, path: str) -> None:
    if not any(str(getattr(entry, "path", entry)) == path for entry in entries):
        entries.append(path)


def _ensure_plugin(config, name: str, short: str, options: dict):
    """The configured plugin, or a new one registered now (its on_config runs after ours)."""
    for key in (name, short):
        if key in config.plugins:
            return config.plugins[key]
    from importlib.metadata import entry_points

    (entry,) = [e for e in entry_points(group="mkdocs.plugins") if e.name == name]
    plugin = entry.load()()
    errors, _ = plugin.load_config(options, config.config_file_path)
    if errors:
        raise PlaybookError(f"cannot enable the {short} plugin: {errors}")
    if not hasattr(plugin, "is_dirty"):
        plugin.is_dirty = False  # set by on_startup, which has already run
    config.plugins[name] = plugin
    return plugin


def from_site(config, site) -> None:
    """What the site configuration takes from organization.yaml and the content."""
    org = site.project.organization
    config.site_name = html.escape(org.name)  # the theme prints it as raw HTML
    if org.site_url.startswith(("http://", "https://")):  # not an import placeholder
        config.site_url = config.site_url or org.site_url
    if not config.repo_url and org.repo_url:
        config.repo_url, config.edit_uri = org.repo_url, org.edit_uri or None
    if not config.nav:
        config.nav = site.nav
    config.extra["playbooks_fallback"] = theme_extra(site.project)  # search.html, 404.html


def shared_signature(config, uris: list[str], nav: list) -> str:
    """serve: the digest of what every page depends on (caching/serve.py)."""
    config_path = Path(config.config_file_path or "mkdocs.yml")
    config_bytes = config_path.read_bytes() if config_path.is_file() else b""
    settings = [str(config.site_name), str(config.site_url), str(config.repo_url), str(config.edit_uri)]
    theme = serve_cache.theme_signature([config.theme.custom_dir] if config.theme.custom_dir else [])
    return serve_cache.shared_signature(nav, uris, config_bytes, settings, theme)


def error_markdown(report: str | None) -> str:
    """serve: the page shown instead of the site while content has errors."""
    body = html.escape(report or "content has errors")
    return ("# Content has errors\n\nThe site is not built until these are fixed; this page "
            "reloads when you save a file.\n\n<pre>" + body + "</pre>\n")


def prepare(root: Path, options, incremental: bool) -> site_module.Site:
    """The checked and rendered content for the plugin's ``options`` (PlaybooksConfig)."""
    today = site_module.today_from(options.today)
    draft = os.environ.get("PLAYBOOK_DRAFT") == "1"  # set by `playbook serve --draft`
    audience = os.environ.get("PLAYBOOK_AUDIENCE") or options.audience  # serve --audience
    if audience not in (None, "internal", "public"):
        raise PlaybookError(f"PLAYBOOK_AUDIENCE: {audience!r} is not one of internal, public")
    return site_module.prepare(root, today, options.warn_days, root / options.content_dir,
                               audience, draft, incremental=incremental)
