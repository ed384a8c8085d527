"""A terminal session pasted into a code block: the commands typed after a prompt, and what the
terminal printed back.

    $ kubectl -n checkout rollout undo deploy/checkout-api
    deployment.apps/checkout-api rolled back
    $ curl -s https://status.example/api.json \\
    >   | jq -r '.status'

A session (a ``console`` or ``shell-session`` block, or a shell block whose first line starts with
``$ ``) is read as its commands, without the prompt and with their ``> `` continuation lines; the
lines it printed are no command (they stay in the imported text, as written): a responder's copy
button must copy what to type, never the prompt or last week's output.
"""
from __future__ import annotations

import re

SESSION_LANGS = {"console", "shell-session", "terminal", "sh-session", "bash-session"}
SHELL_LANGS = {"", "shell", "bash", "sh", "zsh"}
PROMPT = re.compile(r"^\s*(?:\$|PS [^>]*>|PS>)\s(.*)$")
CONTINUATION = re.compile(r"^\s*>\s?(.*)$")


def is_session(lang: str, code: list[str]) -> bool:
    lines = [line for line in code if line.strip()]
    if not lines:
        return False
    if lang in SESSION_LANGS:
        return any(PROMPT.match(line) for line in lines)
    # a shell block that starts at a prompt: pasted from a terminal, not written as a script
    return lang in SHELL_LANGS and bool(PROMPT.match(lines[0]))


def split_session(code: list[str], first_line: int) -> list[tuple[str, list[str], list[int]]]:
    """[(lang, code lines, source line numbers)]: a 'bash' (or, after 'PS C:\\>', 'powershell') part per
    prompt, an 'output' part per run of what was printed. ``first_line`` is the line of ``code[0]``."""
    parts: list[tuple[str, list[str], list[int]]] = []
    continued = False
    for offset, line in enumerate(code):
        number = first_line + offset
        prompt = PROMPT.match(line)
        continuation = CONTINUATION.match(line) if continued or _open(parts) else None
        if prompt:
            parts.append(("powershell" if line.lstrip().startswith("PS") else "bash", [prompt.group(1)], [number]))
        elif parts and parts[-1][0] != "output" and (continued or continuation) and line.strip():
            parts[-1][1].append(continuation.group(1) if continuation else line)
            parts[-1][2].append(number)
        elif line.strip():
            if not parts or parts[-1][0] != "output":
                parts.append(("output", [], []))
            parts[-1][1].append(line)
            parts[-1][2].append(number)
        elif parts:
            parts[-1][2].append(number)
        continued = bool(parts) and parts[-1][0] != "output" and line.rstrip().endswith(("\\", "`"))
    return parts


def _open(parts: list[tuple[str, list[str], list[int]]]) -> bool:
    """The command being read ends with a backslash or an open quote: '> ' lines carry it on."""
    if not parts or parts[-1][0] == "output":
        return False
    text = "\n".join(parts[-1][1])
    return text.rstrip().endswith(("\\", "|", "&&")) or text.count("'") % 2 == 1 or text.count('"') % 2 == 1
