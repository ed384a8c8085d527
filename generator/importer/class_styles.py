"""HTML whose look is in a style sheet of classes, as Google Docs' "Download as HTML" writes it:

    <style>.c4{font-weight:700;color:#cc0000}.c7{font-family:"Consolas";font-size:10pt}</style>
    <p class="c2"><span class="c4">6.1 WMS unavailable at all sites</span></p>
    <p class="c6"><span class="c7">Test-NetConnection wms-db01 -Port 1433</span></p>

Each tag's classes are written out as the style they give (so a bold span reads as bold, as an
inline ``style`` does), and a run of paragraphs set only in a monospaced font is a code block
(``<pre><code>``), as a reader sees it. Every line keeps its number.
"""
from __future__ import annotations

import re

STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
RULE = re.compile(r"\.([\w-]+)\s*\{([^{}]*)\}")
CLASSED = re.compile(r"<(p|span|li|td|th|h[1-6])\b([^>]*?)\bclass=\"([^\"]*)\"([^>]*)>", re.IGNORECASE)
MONO = re.compile(r"font-family:\s*[\"']?(?:Consolas|Courier New|Courier|Roboto Mono|Source Code Pro|Inconsolata|"
                  r"Menlo|Monaco|monospace|Lucida Console)", re.IGNORECASE)
MONO_PARAGRAPH = re.compile(r"^\s*<p\b[^>]*>((?:\s*<span\b[^>]*style='[^']*'[^>]*>[^<]*</span>)+)\s*</p>\s*$",
                            re.IGNORECASE)
SPAN = re.compile(r"<span\b[^>]*style='([^']*)'[^>]*>([^<]*)</span>", re.IGNORECASE)


def class_rules(lines: list[str]) -> dict[str, str]:
    """Class name -> its declarations, from the page's style sheets; {} when it has none."""
    rules: dict[str, str] = {}
    for block in STYLE_BLOCK.finditer("\n".join(lines)):
        for name, body in RULE.findall(block.group(1)):
            rules[name] = (rules.get(name, "") + ";" + body.replace("'", "")).strip(";")
    return rules


def inline_class_styles(lines: list[str], skip: set[int]) -> bool:
    """Write each classed tag's style out on it and monospaced paragraphs as code; whether any was."""
    rules = class_rules(lines) if any("<style" in line.lower() for line in lines[:50]) else {}
    if not rules:
        return False
    for i, line in enumerate(lines):
        if i not in skip and "class=" in line:
            lines[i] = CLASSED.sub(lambda m: _styled(m, rules), line)
    _code_paragraphs(lines, skip)
    return True


def _styled(match: re.Match, rules: dict[str, str]) -> str:
    tag, before, classes, after = match.groups()
    style = ";".join(rules[c] for c in classes.split() if c in rules)
    if not style or "style=" in (before + after).lower():
        return match.group(0)
    return f"<{tag}{before}class=\"{classes}\" style='{style}'{after}>"


def _code_paragraphs(lines: list[str], skip: set[int]) -> None:
    """Runs of paragraphs whose every span is monospaced: one <pre><code> block over their lines."""
    i = 0
    while i < len(lines):
        if i in skip or not _monospaced(lines[i]):
            i += 1
            continue
        end = i
        while end + 1 < len(lines) and end + 1 not in skip and _monospaced(lines[end + 1]):
            end += 1
        for k in range(i, end + 1):
            text = "".join(m.group(2) for m in SPAN.finditer(MONO_PARAGRAPH.match(lines[k]).group(1)))
            lines[k] = ("<pre><code>" if k == i else "") + text + ("</code></pre>" if k == end else "")
        i = end + 1


def _monospaced(line: str) -> bool:
    match = MONO_PARAGRAPH.match(line) if "<p" in line else None
    return bool(match) and all(MONO.search(style) for style, _ in SPAN.findall(match.group(1)))
