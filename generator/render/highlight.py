"""One shared Pygments formatter per set of options, instead of one per code block.

(And each distinct block highlighted once: caching/highlight.py.)

pymdownx.highlight builds a new HtmlFormatter for every block; building one
compiles the whole style sheet (a seventh of a build with 26,000 commands).
The formatter holds only its options and that style sheet, so blocks with the
same options can share it: the HTML is byte for byte the same.
"""
from __future__ import annotations

from typing import Any, Callable

MAX_SHARED = 256
_installed = False


def _key(options: dict[str, Any]) -> tuple:
    return tuple(sorted((name, tuple(value) if isinstance(value, list) else value)
                        for name, value in options.items()))


def shared(cls: type) -> Callable[..., Any]:
    """A factory answering each set of options with one formatter of ``cls``."""
    made: dict[tuple, Any] = {}

    def factory(**options: Any) -> Any:
        try:
            key = _key(options)
            hash(key)
        except TypeError:
            return cls(**options)
        formatter = made.get(key)
        if formatter is None:
            if len(made) >= MAX_SHARED:
                made.clear()
            formatter = made[key] = cls(**options)
            formatter.shared_key = key  # names its options for caching.highlight
        return formatter

    factory.shared_class = cls  # type: ignore[attr-defined]
    return factory


def shared_lexers(get: Callable[..., Any]) -> Callable[..., Any]:
    """``get_lexer_by_name`` answering each name and options with one lexer (Pygments' lexers
    keep no state between texts; looking one up by name was a twentieth of a build)."""
    made: dict[tuple, Any] = {}

    def get_lexer_by_name(alias: str, **options: Any) -> Any:
        try:
            key = (alias, _key(options))
            hash(key)
        except TypeError:
            return get(alias, **options)
        lexer = made.get(key)
        if lexer is None:  # an unknown name raises, as before, and is not remembered
            if len(made) >= MAX_SHARED:
                made.clear()
            lexer = made[key] = get(alias, **options)
        return lexer

    return get_lexer_by_name


def install() -> None:
    """Make pymdownx.highlight share formatters (idempotent; a no-op without pymdownx)."""
    global _installed
    if _installed:
        return
    try:
        from pymdownx import highlight
    except ImportError:  # pragma: no cover - a declared dependency of mkdocs-material
        return
    for name in ("BlockHtmlFormatter", "InlineHtmlFormatter"):
        cls = getattr(highlight, name, None)
        if isinstance(cls, type):
            setattr(highlight, name, shared(cls))
    if callable(getattr(highlight, "get_lexer_by_name", None)):
        highlight.get_lexer_by_name = shared_lexers(highlight.get_lexer_by_name)
    if callable(getattr(highlight, "highlight", None)):  # the module's `from pygments import highlight`
        from ..caching.highlight import caching
        highlight.highlight = caching(highlight.highlight)
    _installed = True
