"""The `playbooks` MkDocs plugin: a thin shell over generator.site. Only module importing mkdocs."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files

from .caching import serve as serve_cache
from .caching import serve_gc
from .caching import converted as converted_module
from .caching import spool as spool_module
from .commands import site as site_module
from .render import site_config
from .problems import PlaybookError
from .render.search_output import SearchOutputs, search_plugin
from .safetext import printable_lines

log = logging.getLogger("mkdocs.plugins.playbooks")


class _LazyFile(File):
    """A generated file whose content is read (``read()``) whenever MkDocs reads it, not held."""

    read = None

    @classmethod
    def of(cls, config, uri: str, read) -> _LazyFile:
        file = cls.generated(config, uri, content="")
        file.read = read
        return file

    @property
    def _content(self):
        return self.read() if self.read is not None else self.__dict__.get("_text")

    @_content.setter
    def _content(self, value) -> None:
        self.read, self.__dict__["_text"] = None, value


class _PageFile(_LazyFile):
    """A generated page (Markdown read from the site's page) a dirty rebuild may skip when current."""

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
    binder = c.Type(bool, default=True)  # false: downloads/runbook.pdf is a note, not minutes of layout


class PlaybooksPlugin(BasePlugin[PlaybooksConfig]):
    """Turns content/*.yaml into pages with File.generated."""

    site: site_module.Site | None = None
    prepared: site_module.Site | None = None  # set by `playbook build`, which checked already
    _by_uri: dict = {}
    incremental = False  # serving with dirty rebuilds: unchanged pages are skipped
    _state: serve_cache.State | None = None
    _files: Files | None = None

    error_page: str | None = None  # serve: the check report, shown instead of the site
    serving = False  # class-wide: serve reloads the config (new instances) on every change

    def _root(self, config) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    _command: str = "build"

    def on_startup(self, *, command, dirty) -> None:
        self._command = command
        PlaybooksPlugin.serving = command == "serve"
        self.incremental = command == "serve" and dirty
        from .caching.parse import keep_between_runs
        keep_between_runs(command == "serve")
        if self.incremental:
            logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_notice)

    def on_shutdown(self) -> None:
        if PlaybooksPlugin.serving:
            serve_gc.stop()
            from .caching.parse import keep_between_runs
            keep_between_runs(False)  # the preview's parsed files are not kept past it
        PlaybooksPlugin.serving = False

    @event_priority(100)  # first: the search and offline plugins it adds run after it
    def on_config(self, config):
        self._files = None  # set once pages are added: a failure after that is a failed page build
        if self.serving:
            serve_gc.pause()  # no full collection walks the last build's objects during this one
        from .render.highlight import install
        install()  # one Pygments formatter per set of options, not one per code block
        try:
            _apply_look(config, self._root(config))
        except PlaybookError as error:
            raise PluginError(str(error)) from None
        if self.incremental:
            from .caching.templates import keep_for_serve
            keep_for_serve(config.theme)  # templates compiled and theme files listed once per process
        try:
            self.site = self.prepared or self._prepare(config)
        except site_module.ContentError as error:
            if not self.serving:
                raise PluginError(str(error)) from None
            # Not through the log: strict mode would abort the build and leave the browser hanging.
            sys.stderr.write(f"{error}\nThe site shows this report until the content is fixed; "
                             f"saving a file rebuilds it.\n")
            self.site, self.error_page = None, str(error)
            return config
        except PlaybookError as error:
            raise PluginError(printable_lines(str(error))) from None
        from .caching import highlight as highlight_cache
        highlight_cache.use_folder(None if self.incremental else self.site.cache)
        for warning in self.site.warnings:
            log.info(warning)
        site_config.from_site(config, self.site)
        return config

    def _prepare(self, config) -> site_module.Site:
        return site_config.prepare(self._root(config), self.config, self.incremental)

    def on_files(self, files: Files, config) -> Files:
        self._spool = None if self.incremental or self.site is None else spool_module.Spool()
        self._converted = None if self._spool is None else converted_module.Converted(self.site.cache)
        self._playbook_uris = set() if self.site is None else site_module.playbook_uris(self.site)
        self._search = SearchOutputs(config.plugins, self._spool)
        if self.site is None:
            files.append(File.generated(config, "index.md", content=site_config.error_markdown(self.error_page)))
            return files
        self._by_uri = {page.uri: page for page in self.site.pages}
        self._state = None
        if self.incremental:
            self._state = serve_cache.state_for(str(config.config_file_path), str(config.site_dir))
        card_files = site_module.card_files(self.site)
        uris = [f.src_uri for f in files] + [p.uri for p in self.site.pages] + list(card_files)
        shared = site_config.shared_signature(config, uris, self.site.nav) if self._state else ""
        for page in self.site.pages:
            file = _PageFile.of(config, page.uri, lambda page=page: page.markdown)
            if self._state is not None:
                key = serve_cache.page_key(shared, page.markdown)
                file.current = serve_cache.unchanged(self._state, page.uri, key, file.abs_dest_path)
            files.append(file)
        for uri, content in [*card_files.items(), *self.site.redirects]:
            files.append(File.generated(config, uri, content=content))
        # The binder takes seconds to lay out: a live preview does not wait for it on every edit.
        binder = self._command != "serve" and self.config.binder
        for uri, content in site_module.offline_files(self.site, binder=binder).items():
            if self._spool is None:
                files.append(File.generated(config, uri, content=content))
            else:  # the bundle is 20 MB at 5,000 playbooks: it waits on disk until MkDocs copies it
                files.append(_LazyFile.of(config, uri, self._spool.reader(content)))
        self._files = files
        return files

    def on_env(self, env, config, files):
        index = getattr(search_plugin(config.plugins), "search_index", None)
        if index is not None:  # set up by the search plugin's on_config, which runs after ours
            from .render.search_index import lighten
            lighten(index)  # the same entries, parsed without Pygments' token spans
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
        self._search.page_done()
        if self._state is not None:
            snapshot = serve_cache.Snapshot(page.markdown, dict(page.meta), page._title_from_render,
                                            page.present_anchor_ids, self._search.page_entries(page.url))
            serve_cache.remember(self._state, page.file.src_uri, snapshot, page.file.abs_dest_path)
        return context

    @event_priority(100)  # before the search plugin writes the index
    def _post_build_outputs(self, config) -> None:
        uris = [f.src_uri for f in self._files.documentation_pages()] if self._files is not None else []
        self._search.before_search_writes(config.site_dir, self._state if self._files else None, uris)
        if self.site is None:
            return
        if not self.incremental:
            from .caching import highlight as highlight_cache
            highlight_cache.save()  # the blocks this build highlighted, for the next one
            if self._converted is not None:
                self._converted.prune()
        site_module.write_downloads(self.site, config.site_dir)
        if self._state is not None and self._files is not None:
            serve_cache.remove_outputs(config.site_dir, serve_cache.commit(self._state, uris))

    @event_priority(-50)  # after the search plugin wrote search_index.json, before offline (-100)
    def _write_search_script(self, config) -> None:
        self._search.write_script(config.site_dir)

    @event_priority(-150)  # after the offline plugin's turn
    def _resume_plugins(self, config) -> None:
        self._search.resume()
        if self.serving:
            serve_gc.resume()

    _search = SearchOutputs({}, None)

    on_post_build = CombinedEvent(_post_build_outputs, _write_search_script, _resume_plugins)

    def on_build_error(self, error) -> None:
        self._search.resume()
        if self.serving:
            serve_gc.resume()
        if self._state is not None and self._files is not None:
            self._state.forget()  # pages may be half written: the next build is a full one

    def on_page_markdown(self, markdown, page, config, files):
        source = self._by_uri.get(page.file.src_uri)
        if source is not None and self.site is not None:
            page.edit_url = self.site.edit_url(source)
            if self._converted is not None:
                # converted HTML reused when unchanged; a playbook page's converted directly
                self._converted.install(page, config, files, page.file.src_uri in self._playbook_uris)
        return markdown

    _converted = None  # caching.converted.Converted in a full build
    _playbook_uris: set = set()

    def _sanitize(self, html_text, page, config, files):
        if page.file.src_uri in self._by_uri:  # generated from content: untrusted
            from .render.sanitize import sanitize

            return sanitize(html_text)
        return html_text

    _spool: spool_module.Spool | None = None

    @event_priority(-1000)  # last: MkDocs keeps every page's text until the end of the build
    def _spool_page(self, html_text, page, config, files):
        if self._spool is not None and page.file.src_uri in self._by_uri:
            spool_module.spool(page, self._spool)  # page.markdown and page.content, read back on use
        return html_text

    on_page_content = CombinedEvent(_sanitize, _spool_page)

    def on_serve(self, server, config, builder):
        root = self._root(config)
        for folder in (self.config.content_dir, self.config.schemas_dir, "postmortems"):
            if (root / folder).is_dir():
                server.watch(str(root / folder))
        return server


def _apply_look(config, root: Path) -> None:
    """Layer the package's theme, Markdown extensions and offline plugins under the team's config."""
    from mkdocs.theme import Theme
    from mkdocs.utils.yaml import yaml_load

    written: dict = {}
    if config.config_file_path:
        with open(config.config_file_path, "rb") as handle:
            data = yaml_load(handle)  # the team's mkdocs.yml as written, before MkDocs' defaults
        written = data if isinstance(data, dict) else {}
    for risk in site_config.apply_look(config, root, written.get("theme"), lambda: Theme(name="material")):
        log.warning(f"playbooks: cannot guarantee the site makes no request to another origin: {risk}")


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
        # MkDocs keeps plugin instances for the process: a preview run before in the same
        # process left them in serve mode (no binder, incremental pages) unless told otherwise.
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            plugin.prepared = None  # never reuse another build's checked content
            config.plugins.on_shutdown()
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
