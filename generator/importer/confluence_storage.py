"""A Confluence page in its storage format (the XHTML its REST API and space export write),
rewritten line for line as the plain HTML the importer reads.

Storage format is HTML with Confluence's own elements: macros (``<ac:structured-macro
ac:name="code">`` holding a command in ``<![CDATA[...]]>``, ``info`` / ``note`` panels with a
``title`` parameter, ``status`` lozenges, ``toc``), links to users and pages (``<ac:link><ri:user
ri:username="..."/></ac:link>``) and task lists. Each becomes what a reader of the page sees: a
``<pre>`` block for a code macro (its title a bold line over it), a panel's title in bold, a
lozenge's word, a page link's text; a user mention is the name written after it, or '@username'.
Nothing is added or removed but markup, and every line stays on its line.
"""
from __future__ import annotations

import html
import re

SIGN = re.compile(r"<ac:|<ri:")
CODE_OPEN = re.compile(r'<ac:structured-macro\b[^>]*\bac:name="(?:code|noformat)"[^>]*>(.*?)'
                       r'<ac:plain-text-body>\s*<!\[CDATA\[', re.IGNORECASE)
CODE_CLOSE = re.compile(r"\]\]>\s*</ac:plain-text-body>\s*</ac:structured-macro>", re.IGNORECASE)
PARAMETER = re.compile(r'<ac:parameter\b[^>]*\bac:name="([^"]*)"[^>]*>(.*?)</ac:parameter>', re.IGNORECASE)
STATUS = re.compile(r'<ac:structured-macro\b[^>]*\bac:name="status"[^>]*>(.*?)</ac:structured-macro>', re.IGNORECASE)
EMPTY_MACRO = re.compile(r"<ac:structured-macro\b[^>]*/>", re.IGNORECASE)
MACRO_OPEN = re.compile(r"<ac:structured-macro\b[^>]*>", re.IGNORECASE)
MACRO_CLOSE = re.compile(r"</ac:structured-macro\s*>", re.IGNORECASE)
USER_LINK = re.compile(r'<ac:link\b[^>]*>\s*<ri:user\b[^>]*\bri:username="([^"]*)"[^>]*/>\s*</ac:link>(\s*)', re.IGNORECASE)
PAGE_LINK = re.compile(r'<ac:link\b[^>]*>\s*<ri:(?:page|attachment|space)\b[^>]*?(?:ri:content-title|ri:filename|ri:space-key)='
                       r'"([^"]*)"[^>]*/>\s*(?:<ac:(?:plain-text-)?link-body>\s*(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?\s*'
                       r'</ac:(?:plain-text-)?link-body>)?\s*</ac:link>', re.IGNORECASE)
TASK_STATUS = re.compile(r"<ac:task-status>\s*(complete|incomplete)\s*</ac:task-status>", re.IGNORECASE)
TASK_ID = re.compile(r"<ac:task-id>[^<]*</ac:task-id>", re.IGNORECASE)
TASKS = {"<ac:task-list>": "<ul>", "</ac:task-list>": "</ul>", "<ac:task>": "<li>", "</ac:task>": "</li>"}
IMAGE = re.compile(r"<ac:image\b.*?</ac:image>|<ac:emoticon\b[^>]*/>", re.IGNORECASE)
LEFT_OVER = re.compile(r"</?ac:[\w-]+\b[^>]*>|<ri:[\w-]+\b[^>]*/?>|<!\[CDATA\[|\]\]>", re.IGNORECASE)
NAME_AFTER = re.compile(r"[A-Z][a-z]")


def is_storage(lines: list[str]) -> bool:
    """Confluence's own elements among the lines."""
    text = "\n".join(lines)
    return "<ac:" in text or "<ri:" in text


def rewrite_storage(lines: list[str]) -> None:
    """Rewrite the storage-format markup of ``lines`` in place."""
    in_code = False
    for i, line in enumerate(lines):
        if in_code:
            line, in_code = _code_line(line)
            lines[i] = line
            continue
        line, in_code = _markup_line(line)
        lines[i] = line


def _code_line(line: str) -> tuple[str, bool]:
    """A line inside a code macro's CDATA: its text as HTML, the block closed where the CDATA ends."""
    close = CODE_CLOSE.search(line)
    if close is None:
        return html.escape(line, quote=False), True
    rest, _ = _markup_line(line[close.end():])
    return html.escape(line[:close.start()], quote=False) + "</pre>" + rest, False


def _markup_line(line: str) -> tuple[str, bool]:
    if "<ac:" not in line and "<ri:" not in line and "]]>" not in line:
        return line, False
    opened = CODE_OPEN.search(line)
    if opened:
        before, _ = _markup_line(line[:opened.start()])
        params = dict((k.lower(), html.unescape(v)) for k, v in PARAMETER.findall(opened.group(1)))
        title = f"<p><strong>{html.escape(params['title'], quote=False)}</strong></p>" if params.get("title") else ""
        lang = f' class="language-{params["language"]}"' if re.fullmatch(r"[\w+-]+", params.get("language", "")) else ""
        body, in_code = _code_line(line[opened.end():])
        return f"{before}{title}<pre{lang}>{body}", in_code
    return _inline(line), False


def _inline(line: str) -> str:
    line = STATUS.sub(lambda m: dict(PARAMETER.findall(m.group(1))).get("title", ""), line)
    line = EMPTY_MACRO.sub("", line)
    line = PARAMETER.sub(lambda m: f"<p><strong>{m.group(2)}</strong></p>" if m.group(1).lower() == "title" else "", line)
    line = MACRO_OPEN.sub("<div>", line)
    line = MACRO_CLOSE.sub("</div>", line)
    line = USER_LINK.sub(lambda m: m.group(2) if NAME_AFTER.match(line[m.end():]) else f"@{m.group(1)}{m.group(2)}", line)
    line = PAGE_LINK.sub(lambda m: m.group(2) or m.group(1), line)
    line = TASK_STATUS.sub(lambda m: "[x] " if m.group(1).lower() == "complete" else "[ ] ", line)
    line = TASK_ID.sub("", line)
    for tag, plain in TASKS.items():
        line = line.replace(tag, plain)
    line = IMAGE.sub("", line)
    return LEFT_OVER.sub("", line)
