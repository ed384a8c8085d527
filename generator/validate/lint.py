"""Content hygiene: placeholder contact data, secrets, template placeholders."""
from __future__ import annotations

import re
from typing import Iterator

import yaml

from ..problems import WARNING, Problem, dotted
from ..load.yamlio import Source
from .secrets import check_secrets  # noqa: F401 - core calls lint.check_secrets
from .walk import strings

# [^\[\]] and [^<>]: a bracket cannot start a second scan of the same run ('[' x 400k was quadratic)
PLACEHOLDER = re.compile(r"\bTBD\b|\bTBA\b|\bTBC\b|\bTODO\b|X{3,}|x{3,}|\[[^\[\]]*\]|^N/?A$|\?\?\?|<[^<>]*>|"
                         r"\bchangeme\b", re.IGNORECASE)
CONTACT_FIELDS = ("name", "title", "phone", "email", "chat", "pager", "url")
PLACEHOLDER_NAME = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def check_placeholder_contacts(source: Source) -> Iterator[Problem]:
    """Contact data like TBD or +1-XXX-XXX-XXXX is an error: nobody can call it."""
    for index, contact in enumerate(source.data.get("contacts") or []):
        if not isinstance(contact, dict):
            continue
        for field in CONTACT_FIELDS:
            value = contact.get(field)
            if isinstance(value, str) and PLACEHOLDER.search(value):
                path = ("contacts", index, field)
                yield Problem(source.rel, "placeholder", f"{dotted(path)}: {value!r} is a placeholder, "
                              f"not a real {field}", path=path,
                              hint=f"fill in the real {field}, or remove the key until it is known")


def check_template_placeholders(source: Source) -> Iterator[Problem]:
    """Every {name} in a template is declared, and every declared one is used."""
    for index, template in enumerate(source.data.get("templates") or []):
        if not isinstance(template, dict):
            continue
        declared = template.get("placeholders") if isinstance(template.get("placeholders"), dict) else {}
        used: set[str] = set()
        for field in ("subject", "body"):
            text = template.get(field)
            if not isinstance(text, str):
                continue
            for name in PLACEHOLDER_NAME.findall(text):
                used.add(name)
                if name not in declared:
                    path = ("templates", index, field)
                    yield Problem(source.rel, "undeclared-placeholder", f"{dotted(path)}: placeholder "
                                  f"{{{name}}} is not declared", path=path,
                                  hint=f"add under placeholders:  {name}: <what to write here>")
        for name in declared:
            if name not in used:
                path = ("templates", index, "placeholders", name)
                yield Problem(source.rel, "unused-placeholder", f"{dotted(path)}: declared but not used "
                              f"in subject or body", path=path, key=True, level=WARNING)


_SCRIPT_SCHEMES = re.compile(r"(?:javascript|data|vbscript):", re.IGNORECASE)


def check_link_schemes(source: Source) -> Iterator[Problem]:
    """Markdown links in text must be http(s), mailto or tel: never javascript: or data:."""
    if not _SCRIPT_SCHEMES.search(source.text):
        return
    for path, value in strings(source.data):
        if re.search(r"\]\(\s*(?:javascript|data|vbscript):", value, re.IGNORECASE) or \
                re.search(r"^\s*(?:javascript|data|vbscript):", value, re.IGNORECASE):
            yield Problem(source.rel, "unsafe-link", f"{dotted(path)}: links may only use http(s), "
                          f"mailto or tel", path=path, hint="remove the javascript:/data: link")



_SPACE_HASH_WORD = re.compile(r"[ \t]#[A-Za-z0-9]")
_BLOCK_START = re.compile(r"(?::|-)\s*[|>][+-]?\d*\s*(?:#.*)?$")
_LINE_PARTS = re.compile(r"^(\s*(?:-\s+)*)(?:[\w-]+:\s+)?(.*)$")
_HASH_WORD = re.compile(r"\s(#[A-Za-z0-9][\w-]*.*)$")


def _quoted_continuations(source: Source) -> set[int]:
    """0-based lines that continue a quoted scalar begun on an earlier line (one walk per file)."""
    lines: set[int] = set()
    stack = [source.node()] if source.node() else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            if node.style in ('"', "'") and node.end_mark.line > node.start_mark.line:
                lines.update(range(node.start_mark.line + 1, node.end_mark.line + 1))
        elif isinstance(node, yaml.MappingNode):
            stack.extend(item for pair in node.value for item in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return lines


MAX_HIDDEN_TEXT = 20


def check_comment_trap(source: Source) -> Iterator[Problem]:
    """Warn when ' #word' silently cut a plain value short (YAML reads it as a comment)."""
    if not _SPACE_HASH_WORD.search(source.text):
        return
    block_indent, continuations, found = None, None, 0
    for number, line in enumerate(source.text.splitlines(), start=1 + source.line_offset):
        indent = len(line) - len(line.lstrip())
        if block_indent is not None:
            if not line.strip() or indent > block_indent:
                continue
            block_indent = None
        if _BLOCK_START.search(line):
            block_indent = indent
            continue
        parts = _LINE_PARTS.match(line)
        value = parts.group(2) if parts else ""
        if not value or value[0] in "'\"#|>&*!{[":
            continue
        match = _HASH_WORD.search(value)
        if match and continuations is None:
            continuations = _quoted_continuations(source)
        if match and number - 1 - source.line_offset not in continuations:
            found += 1
            if found > MAX_HIDDEN_TEXT:
                continue
            yield Problem(source.rel, "hidden-text", f"the text from '{match.group(1)[:20]}' on is a "
                          f"YAML comment and is dropped from the value", line=number,
                          column=parts.start(2) + match.start(1) + 1, level=WARNING,
                          hint="put the whole value in double quotes to keep it, e.g. "
                               "\"Post in #incidents\"")
    if found > MAX_HIDDEN_TEXT:  # a generated file can have 100,000 such lines: count, do not list
        yield Problem(source.rel, "hidden-text", f"{found - MAX_HIDDEN_TEXT:,} more lines after the "
                      f"{MAX_HIDDEN_TEXT} above lose text to a ' #' comment", line=1 + source.line_offset,
                      column=1, level=WARNING, hint="quote those values as well")
