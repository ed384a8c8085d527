"""The `playbooks` MkDocs plugin: a thin shell over generator.site. Only module importing mkdocs."""
from __future__ import annotations

import html
import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from .caching import serve as serve_cache
from .commands import site as site_module
from .problems import PlaybookError
from .safetext import printable_lines

log = logging.getLogger("mkdocs.plugins.playbooks")


class _PageFile(File):
    """A generated page that a dirty rebuild may skip when its output is current."""

    current = False

    def is_modified(self) -> bool:
        return not self.current


def _not_the_dirty_notice(record: logging.LogRecord) -> bool:
    """MkDocs warns that dirty builds leave navigation stale; this plugin keeps it exact."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


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
    incremental = False  # serving with dirty rebuilds: unchanged pages are skipped
    _state: serve_cache.State | None = None
    _files: Files | None = None

    def on_startup(self, *, command, dirty):
        self.incremental = command == "serve" and dirty
        if self.incremental:
            logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_notice)

    def _root(self, config) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def on_config(self, config):
        self._files = None  # set once pages are added: a failure after that is a failed page build
        from .render.highlight import install
        install()  # one Pygments formatter per set of options, not one per code block
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
        return config

    def _prepare(self, config) -> site_module.Site:
        root = self._root(config)
        today = site_module.today_from(self.config.today)
        return site_module.prepare(root, today, self.config.warn_days, root / self.config.content_dir,
                                   self.config.audience, incremental=self.incremental)

    def on_files(self, files: Files, config) -> Files:
        self._by_uri = {page.uri: page for page in self.site.pages}
        self._state = None
        if self.incremental:
            self._state = serve_cache.state_for(str(config.config_file_path), str(config.site_dir))
        card_files = site_module.card_files(self.site)
        shared = self._shared_signature(files, card_files, config) if self._state else ""
        for page in self.site.pages:
            file = _PageFile.generated(config, page.uri, content=page.markdown)
            if self._state is not None:
                key = serve_cache.page_key(shared, page.markdown)
                file.current = serve_cache.unchanged(self._state, page.uri, key, file.abs_dest_path)
            files.append(file)
        for uri, content in card_files.items():
            files.append(File.generated(config, uri, content=content))
        for uri, content in self.site.redirects:
            files.append(File.generated(config, uri, content=content))
        self._files = files
        return files

    def _shared_signature(self, files: Files, card_files: dict, config) -> str:
        uris = [f.src_uri for f in files] + [p.uri for p in self.site.pages] + list(card_files)
        config_path = Path(config.config_file_path or "mkdocs.yml")
        config_bytes = config_path.read_bytes() if config_path.is_file() else b""
        settings = [str(config.site_name), str(config.site_url), str(config.repo_url), str(config.edit_uri)]
        theme = serve_cache.theme_signature([config.theme.custom_dir] if config.theme.custom_dir else [])
        return serve_cache.shared_signature(self.site.nav, uris, config_bytes, settings, theme)

    def on_env(self, env, config, files):
        if self._state is None:
            return env
        for file in files.documentation_pages():
            snapshot = self._state.snapshots.get(file.src_uri)
            if isinstance(file, _PageFile) and file.current and snapshot and file.page is not None:
                page = file.page  # skipped: give the navigation its title, anchors and metadata
                page.markdown, page.meta = snapshot.markdown, dict(snapshot.meta)
                page._title_from_render = snapshot.title_from_render
                page.present_anchor_ids = snapshot.present_anchor_ids
        return env

    @event_priority(-100)  # after the search plugin has indexed the page
    def on_page_context(self, context, page, config, nav):
        if self._state is not None:
            snapshot = serve_cache.Snapshot(page.markdown, dict(page.meta), page._title_from_render,
                                            page.present_anchor_ids, self._search_entries_of(page, config))
            serve_cache.remember(self._state, page.file.src_uri, snapshot, page.file.abs_dest_path)
        return context

    @staticmethod
    def _search_plugin(config):
        return config.plugins.get("material/search") or config.plugins.get("search")

    def _search_entries_of(self, page, config) -> list:
        search = self._search_plugin(config)
        entries = getattr(getattr(search, "search_index", None), "entries", None)
        if not entries:
            return []
        start = len(entries)
        while start and entries[start - 1]["location"].split("#", 1)[0] == page.url:
            start -= 1
        return [dict(entry) for entry in entries[start:]]

    @event_priority(100)  # before the search plugin writes the index
    def on_post_build(self, config) -> None:
        for uri, text in site_module.download_files(self.site).items():
            target = Path(config.site_dir) / uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        if self._state is not None and self._files is not None:
            uris = [f.src_uri for f in self._files.documentation_pages()]
            search = self._search_plugin(config)
            if search is not None and hasattr(search, "search_index"):
                search.search_index.entries = serve_cache.search_entries(self._state, uris)
                search.search_index_prev = None  # the entries above are the whole index
            serve_cache.remove_outputs(config.site_dir, serve_cache.commit(self._state, uris))

    def on_build_error(self, error) -> None:
        if self._state is not None and self._files is not None:
            self._state.forget()  # pages may be half written: the next build is a full one

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
        try:
            build(config)
        finally:
            plugin.prepared = None  # MkDocs keeps plugin instances for the process: never reuse it
    except (Abort, ConfigurationError, MkDocsException) as error:
        raise PlaybookError(f"mkdocs build failed: {error}") from None


def serve_site(config_file: Path, dev_addr: str | None) -> None:
    """Preview with live reload; content/ and schemas/ are watched (on_serve).

    Dirty rebuilds: the plugin skips only pages whose output is current (serve_cache).
    """
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import Abort, ConfigurationError

    try:
        serve(config_file=str(config_file), dev_addr=dev_addr, livereload=True, build_type="dirty")
    except (Abort, ConfigurationError) as error:
        raise PlaybookError(f"mkdocs serve failed: {error}") from None
