"""Likely secrets in content: in the text as written and in the values YAML decodes.

Scanning only the raw text misses what YAML escapes hide (``"AKIA\\x49OSF..."``,
``ghp\\u005f...``, a key split by an escaped line break), yet the decoded
value is what gets published. Every pattern is linear: no unbounded run is
followed by something that can fail and make the engine retry from the next
character (the JWT and URL patterns used to be quadratic).

A known-safe example, such as AWS's published ``AKIAIOSFODNN7EXAMPLE``, is
allowed by the comment ``# playbook: allow-secret`` on the line where it
appears (for a multi-line value, on any of its lines).
"""
from __future__ import annotations

import re
from typing import Iterator

from ..problems import Problem
from ..load.yamlio import Source
from .walk import strings

ALLOW = "playbook: allow-secret"
_TOKEN = r"(?<![A-Za-z0-9_-])"  # starts a run: one attempt per run, not one per character
# (name, literals one of which must occur, pattern): the literal test skips most files cheaply.
SECRETS = (
    ("AWS access key id", ("AKIA", "ASIA"), re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("AWS secret access key", ("ecret", "ECRET"),
     re.compile(r"(?i:aws_?)?(?i:secret_?(?:access_?)?key)[\"']?\s*[:=]\s*[\"']?"
                r"(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")),
    ("private key", ("PRIVATE KEY",), re.compile(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----")),
    ("GitHub token", ("ghp_", "gho_", "ghu_", "ghs_", "ghr_"), re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b")),
    ("GitHub fine-grained token", ("github_pat_",), re.compile(r"\bgithub_pat_[A-Za-z0-9_]{50,}")),
    ("Slack token", ("xox",), re.compile(r"\bxox[abposr]-[0-9]{4,}-[A-Za-z0-9-]{8,}")),
    ("Slack webhook URL", ("hooks.slack.com",),
     re.compile(r"hooks\.slack\.com/(?:services|workflows|triggers)/T[A-Z0-9]{6,}/[A-Za-z0-9/_-]{16,}")),
    ("Stripe secret key", ("k_live_",), re.compile(r"\b[sr]k_live_[0-9A-Za-z]{16,}\b")),
    ("Google API key", ("AIza",), re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b")),
    ("JSON web token", ("eyJ",),
     re.compile(_TOKEN + r"eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}")),
    # an empty user is allowed (redis://:pw@host); ${VAR}, <password> and {placeholder} are not secrets
    ("password in a URL", ("://",),
     re.compile(r"\b[A-Za-z][A-Za-z0-9+.-]{0,31}://[^\s:/@]{0,256}:[^\s@/$<{]{3,256}@")),
)
HINT = ("remove it, rotate it now (it is in git history), and refer to the secret store instead, e.g. "
        "$STRIPE_SECRET_KEY; a published example that is safe can be allowed with the comment "
        f"'# {ALLOW}' on its line")


def check_secrets(source: Source) -> Iterator[Problem]:
    """Likely secrets anywhere in the file (raw text) and in every decoded string value."""
    text = source.text
    if source.line_offset:  # a Markdown file: scan the front matter and the body
        text = "---\n" + source.text + "---\n" + source.body
    lines = text.split("\n")
    found: set[str] = set()
    for name, literals, pattern in SECRETS:
        if any(literal in text for literal in literals):
            yield from _raw_matches(source, text, lines, name, pattern, found)
    yield from _decoded_matches(source, found)


def _message(name: str, secret: str) -> str:
    return f"possible secret ({name}: {secret[:6]}...); secrets must never be committed"


def _raw_matches(source: Source, text: str, lines: list[str], name: str, pattern: re.Pattern,
                 found: set[str]) -> Iterator[Problem]:
    line, line_start = 1, 0
    for match in pattern.finditer(text):
        found.add(match.group(0))
        newlines = text.count("\n", line_start, match.start())  # counted once per stretch: linear
        if newlines:
            line += newlines
            line_start = text.rfind("\n", 0, match.start()) + 1
        if ALLOW in lines[line - 1]:
            continue
        yield Problem(source.rel, "secret", _message(name, match.group(0)), line=line,
                      column=match.start() - line_start + 1, hint=HINT)


def _decoded_matches(source: Source, found: set[str]) -> Iterator[Problem]:
    """Secrets that only appear once YAML escapes are decoded; positioned at their value.

    One scan of all values joined (fast, in C); values are looked at one by one only on a hit.
    """
    if source.data is None:
        return
    values = list(strings(source.data))
    joined = "\n".join(value for _, value in values)
    hits = {match.group(0): name for name, literals, pattern in SECRETS
            if any(literal in joined for literal in literals)
            for match in pattern.finditer(joined) if match.group(0) not in found}
    if not hits:
        return
    for path, value in values:
        for secret, name in hits.items():
            if secret in value and secret not in found and not _allowed(source, path):
                found.add(secret)
                yield Problem(source.rel, "secret", _message(name, secret) + " (written with YAML "
                              "escapes, decoded it is a real value)", path=path, hint=HINT)


def _allowed(source: Source, path: tuple) -> bool:
    """True when the allow comment is on one of the lines the value spans."""
    from ..load.positions import locate

    root = source.node()
    if not root or ALLOW not in source.text:
        return False
    text_lines = source.text.split("\n")
    line, _ = locate(root, path)
    node_end = _end_line(root, path)
    return any(ALLOW in text_lines[number - 1] for number in range(line, node_end + 1)
               if 0 < number <= len(text_lines))


def _end_line(root, path: tuple) -> int:
    from ..load.positions import _child

    node = root
    for item in path:
        _, child = _child(node, item)
        if child is None:
            break
        node = child
    return node.end_mark.line + 1
