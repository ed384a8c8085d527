"""The theme's compiled templates and file list, kept for the serve process.

MkDocs makes a new Jinja environment for every build, so every rebuild in
`playbook serve` parsed and compiled Material's templates again and listed
every file of the theme (thousands of icons) to find its static files: together
about a third of an incremental rebuild at 1,000 playbooks.

- Jinja's bytecode cache keys each template by its name and file and checks
  the SHA-1 of its source, so an edited override is compiled afresh; caches
  are kept apart per set of extensions and syntax settings.
- The file list is keyed by the theme folders, the filter's code and the
  names, sizes and dates of every file in the folders that can change while
  serving (all but the installed Material package), so an added, removed or
  edited override file is listed afresh.
"""
from __future__ import annotations

import os
from functools import partial
from typing import Callable

import jinja2

from .serve import theme_signature

_LISTS: dict[tuple, list[str]] = {}

_CACHES: dict[tuple, "MemoryBytecodeCache"] = {}


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Jinja bytecode in a dict; a bucket whose source checksum changed is compiled again."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


def _settings(env: jinja2.Environment) -> tuple:
    syntax = (env.block_start_string, env.block_end_string, env.variable_start_string,
              env.variable_end_string, env.comment_start_string, env.comment_end_string,
              env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks,
              env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
              env.autoescape if isinstance(env.autoescape, bool) else repr(env.autoescape), env.optimized)
    return (tuple(sorted(env.extensions)),) + syntax


def share_compiled(env: jinja2.Environment) -> jinja2.Environment:
    """Give ``env`` the process's bytecode cache for environments configured like it."""
    if env.bytecode_cache is None:
        env.bytecode_cache = _CACHES.setdefault(_settings(env), MemoryBytecodeCache())
    return env


def _installed(folder: str) -> bool:
    import material

    base = os.path.dirname(os.path.abspath(material.__file__))
    return os.path.abspath(folder).startswith(base + os.sep) or os.path.abspath(folder) == base


def _listing(env: jinja2.Environment, dirs: tuple[str, ...], static: tuple[str, ...],
             extensions=None, filter_func: Callable | None = None) -> list[str]:
    code = getattr(filter_func, "__code__", filter_func)
    changing = theme_signature([d for d in dirs if not _installed(d)])
    key = (dirs, static, changing, tuple(extensions or ()), code)
    found = _LISTS.get(key)
    if found is None:
        found = _LISTS[key] = jinja2.Environment.list_templates(env, extensions, filter_func)
    return list(found)


def _serve_env(theme, get_env: Callable[[], jinja2.Environment]) -> jinja2.Environment:
    env = share_compiled(get_env())
    env.list_templates = partial(_listing, env, tuple(theme.dirs), tuple(theme.static_templates))
    return env


def keep_for_serve(theme) -> None:
    """Theme environments of this build share compiled templates and the file list."""
    if not isinstance(getattr(theme, "get_env", None), partial):
        theme.get_env = partial(_serve_env, theme, theme.get_env)
