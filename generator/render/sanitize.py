"""The last line of defence for generated pages: their HTML goes through an allow list.

Escaping (render.markdown) keeps content from becoming Markdown that produces
HTML; this catches whatever a Markdown engine still turns into markup we did
not mean: only the elements and attributes our templates and the Markdown
extensions emit survive, no event handler, no script, no style, and links only
to relative, http(s), mailto and tel targets. Uses nh3 (Rust's ammonia).
"""
from __future__ import annotations

import re

import nh3

_TEXT = {"a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del",
         "details", "div", "dl", "dt", "em", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4",
         "h5", "h6", "header", "hr", "i", "input", "ins", "kbd", "label", "li", "mark", "ol", "p",
         "pre", "q", "s", "samp", "section", "small", "span", "strong", "sub", "summary", "sup",
         "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr"}
_SVG = {"svg", "title", "defs", "marker", "path", "rect", "text", "tspan", "g", "line", "polyline",
        "polygon", "circle", "ellipse"}
_SVG_ATTRS = {"viewBox", "width", "height", "x", "y", "dx", "dy", "rx", "ry", "d", "fill", "stroke",
              "stroke-width", "stroke-dasharray", "marker-end", "marker-start", "text-anchor",
              "font-size", "font-weight", "font-family", "refX", "refY", "markerWidth",
              "markerHeight", "orient", "points", "x1", "y1", "x2", "y2", "cx", "cy", "r",
              "transform", "xmlns", "role", "aria-label"}
ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "id", "title", "lang", "dir", "aria-hidden", "aria-label", "role"},
    "a": {"href", "download", "rel"},
    "input": {"type", "checked", "disabled"},
    "label": {"for"},  # a step's text labels its checkbox (issue 13)
    "ol": {"start"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "style", "scope"},
    "time": {"datetime"},
    **{tag: set(_SVG_ATTRS) for tag in _SVG},
}
_ALIGN = re.compile(r"text-align:\s*(left|right|center);?")
_LOCAL_URL = re.compile(r"^url\(#[A-Za-z0-9_-]+\)$")


def _filter(tag: str, name: str, value: str) -> str | None:
    """Attribute values that could still carry a request or code are dropped."""
    if name == "style":
        return value if _ALIGN.fullmatch(value.strip()) else None
    if name == "type":
        return value if value == "checkbox" else None
    if name in ("marker-end", "marker-start", "fill", "stroke") and "url(" in value:
        return value if _LOCAL_URL.match(value.strip()) else None
    return value


def sanitize(html: str) -> str:
    """The page's HTML with everything outside the allow list removed (text is kept)."""
    return nh3.clean(html, tags=_TEXT | _SVG, attributes=ATTRIBUTES, attribute_filter=_filter,
                     link_rel=None, url_schemes={"http", "https", "mailto", "tel"},
                     strip_comments=True, clean_content_tags={"script", "style"},
                     generic_attribute_prefixes={"data-"})
