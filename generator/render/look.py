"""What the runbook site needs from its MkDocs configuration, whatever the team wrote.

The plugin applies these defaults to settings the team's mkdocs.yml leaves
unset, so a two-line mkdocs.yml gives the full site: offline, no request to
another origin, admonitions and task lists rendered. Settings the team did
write are kept; those that break the no-other-origin promise are reported.
No mkdocs import here: the plugin passes plain values in and applies the result.
"""
from __future__ import annotations

from typing import Any, Iterable, Iterator

MARKDOWN_EXTENSIONS: dict[str, dict] = {
    "admonition": {},
    "attr_list": {},
    "md_in_html": {},
    "tables": {},
    "toc": {"permalink": True},
    "pymdownx.highlight": {},
    "pymdownx.superfences": {},
    "pymdownx.tasklist": {"custom_checkbox": True, "clickable_checkbox": True},
}
FEATURES = ("navigation.sections", "navigation.indexes", "navigation.prune", "navigation.top",
            "search.highlight", "content.code.copy", "content.action.edit")
# Ids like "db-down" or "P1:", pasted log lines ('maxmemory', card_declined, 100%) and
# HTML entities split into words; "120.5" stays whole; CamelCase alert names split into
# their words (HighErrorRate -> high error rate). The browser splits queries the same way.
SEARCH_SEPARATOR = (r"(?:[\s\-,:;!=\[\]()\"'`/\\_<>?|{}+~^@#$%]|&(?:[a-z]+|#\d+);|&)+"
                    r"|\.(?!\d)|(?!\b)(?=[A-Z][a-z])")
CSS = "assets/playbooks.css"
JAVASCRIPT = "assets/playbooks.js"
POLYFILL = "assets/vendor/iframe-worker/shim.js"
# In the head, after the polyfill (which may replace Worker) and before Material's bundle.
SEARCH_JAVASCRIPT = "assets/search-query.js"


def _short(name: str) -> str:
    return name.removeprefix("markdown.extensions.")


def missing_extensions(configured: Iterable[str]) -> dict[str, dict]:
    """The Markdown extensions the pages need that the configuration lacks."""
    have = {_short(name) for name in configured}
    return {name: options for name, options in MARKDOWN_EXTENSIONS.items() if name not in have}


def theme_defaults(user_theme: Any) -> dict[str, Any]:
    """Theme settings to apply because the team's mkdocs.yml does not set them."""
    written = user_theme if isinstance(user_theme, dict) else {}
    defaults: dict[str, Any] = {}
    if "font" not in written:
        defaults["font"] = False  # Material would load Google Fonts
    if "features" not in written:
        defaults["features"] = list(FEATURES)
    return defaults


def theme_name(user_theme: Any) -> str | None:
    if isinstance(user_theme, str):
        return user_theme
    if isinstance(user_theme, dict):
        return user_theme.get("name")
    return None


def _is_remote(url: Any) -> bool:
    text = str(getattr(url, "path", url)).strip().lower()
    return text.startswith(("http:", "https:", "//"))


def other_origin_risks(theme: str | None, font: Any, extra: dict, extra_css: Iterable,
                       extra_javascript: Iterable, offline_enabled: bool) -> Iterator[str]:
    """Why this configuration may make readers' browsers contact another origin."""
    if theme not in (None, "material"):
        yield (f"theme '{theme}' is not material: the playbooks look (vendored assets, no CDN) "
               f"cannot be guaranteed; use theme: material")
    if font not in (False, None):
        yield ("theme.font is set, so every page loads Google Fonts from fonts.googleapis.com; "
               "remove it or set font: false")
    if not offline_enabled:
        yield "the offline plugin is disabled: search will not work from disk"
    for url in list(extra_css) + list(extra_javascript) + list(extra.get("polyfills") or []):
        if _is_remote(url):
            yield f"{getattr(url, 'path', url)} is loaded from another origin; vendor it into site_overrides/"
    if extra.get("analytics"):
        yield "extra.analytics sends readers' visits to another origin; remove it"
