"""The `playbooks` MkDocs plugin: a thin shell over generator.site. Only module importing mkdocs."""
from __future__ import annotations

import html
import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .commands import site as site_module
from .problems import PlaybookError
from .render.fallback import theme_extra
from .safetext import printable_lines

log = logging.getLogger("mkdocs.plugins.playbooks")


class PlaybooksConfig(Config):
    content_dir = c.Type(str, default="content")
    schemas_dir = c.Type(str, default="schemas")
    today = c.Optional(c.Type(str))
    warn_days = c.Type(int, default=14)
    audience = c.Optional(c.Choice(("internal", "public")))  # default: organization.yaml


class PlaybooksPlugin(BasePlugin[PlaybooksConfig]):
    """Turns content/*.yaml into pages with File.generated."""

    site: site_module.Site | None = None
    prepared: site_module.Site | None = None  # set by `playbook build`, which checked already
    _by_uri: dict = {}

    def _root(self, config) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def on_config(self, config):
        try:
            self.site = self.prepared or self._prepare(config)
        except PlaybookError as error:
            raise PluginError(printable_lines(str(error))) from None
        for warning in self.site.warnings:
            log.info(warning)
        org = self.site.project.organization
        config.site_name = html.escape(org.name)  # the theme prints it as raw HTML
        config.site_url = config.site_url or org.site_url
        if not config.repo_url and org.repo_url:
            config.repo_url, config.edit_uri = org.repo_url, org.edit_uri or None
        if not config.nav:
            config.nav = self.site.nav
        config.extra["playbooks_fallback"] = theme_extra(self.site.project)  # search.html, 404.html
        return config

    def _prepare(self, config) -> site_module.Site:
        root = self._root(config)
        today = site_module.today_from(self.config.today)
        return site_module.prepare(root, today, self.config.warn_days, root / self.config.content_dir,
                                   self.config.audience)

    def on_files(self, files: Files, config) -> Files:
        self._by_uri = {page.uri: page for page in self.site.pages}
        for page in self.site.pages:
            files.append(File.generated(config, page.uri, content=page.markdown))
        for uri, content in site_module.card_files(self.site).items():
            files.append(File.generated(config, uri, content=content))
        for uri, content in self.site.redirects:
            files.append(File.generated(config, uri, content=content))
        return files

    def on_page_markdown(self, markdown, page, config, files):
        source = self._by_uri.get(page.file.src_uri)
        if source is not None:
            page.edit_url = self.site.edit_url(source)
        return markdown

    def on_page_content(self, html_text, page, config, files):
        if page.file.src_uri in self._by_uri:  # generated from content: untrusted
            from .render.sanitize import sanitize

            return sanitize(html_text)
        return html_text

    def on_post_build(self, config) -> None:
        for uri, text in site_module.download_files(self.site).items():
            target = Path(config.site_dir) / uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")

    def on_serve(self, server, config, builder):
        root = self._root(config)
        for folder in (self.config.content_dir, self.config.schemas_dir):
            if (root / folder).is_dir():
                server.watch(str(root / folder))
        return server


def build_site(config_file: Path, site_dir: Path, prepared: site_module.Site) -> None:
    """A strict MkDocs build into ``site_dir`` from already-checked content."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

    try:
        config = load_config(str(config_file), strict=True, site_dir=str(site_dir))
        plugin = config.plugins.get("playbooks")
        if plugin is None:
            raise PlaybookError(f"{config_file}: the 'playbooks' plugin is not enabled; add it "
                                f"under plugins:")
        plugin.prepared = prepared
        build(config)
    except (Abort, ConfigurationError, MkDocsException) as error:
        raise PlaybookError(f"mkdocs build failed: {error}") from None


def serve_site(config_file: Path, dev_addr: str | None) -> None:
    """Preview with live reload; content/ and schemas/ are watched (on_serve)."""
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import Abort, ConfigurationError

    try:
        serve(config_file=str(config_file), dev_addr=dev_addr, livereload=True)
    except (Abort, ConfigurationError) as error:
        raise PlaybookError(f"mkdocs serve failed: {error}") from None
