"""Commands written as inline code on a line of their own, under the step they belong to, as Word
documents converted by pandoc have them (the 'Verbatim' character style):

    1.  Confirm the transmit service state:

        `systemctl status bacs-transmit.service`

Such a paragraph after a list item that ends with a colon (or after another one) is the step's
code block, as if it had been fenced, so the step carries the command to copy. Inline code in a
sentence, or a lone `setting_name`, stays text.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .mdparse import Block, Section

ONLY_CODE = re.compile(r"^`([^`]+)`$")
COMMAND = re.compile(r"^(?:sudo\s+)?[a-z./~_][\w./~-]*\s+\S")


def span_code_blocks(root: Section) -> None:
    """Turn each such paragraph of the tree into a code block, in place."""
    for section in root.walk():
        previous: Block | None = None
        for block in section.blocks:
            if block.kind == "para" and previous is not None and _follows_step(previous) and _command(block):
                block.kind, block.code, block.lang = "code", [_command(block)], ""
            previous = block
        _command_lists(section)
        _trailing_commands(section)


# (the words may hold code spans of their own: '... the Karpenter logs show `InsufficientInstanceCapacity`,
# open up the fallback pool: `kubectl patch ...`')
TRAILING = re.compile(r"^(?P<text>(?:[^`]|`[^`]*`)*?\S)\s*:\s*`(?P<code>[^`]+)`\s*$")


def _trailing_commands(section: Section) -> None:
    """'- [ ] Check the pods: `kubectl -n booking get pods`': the step's words, then its command as the
    step's code block (a checklist runbook names what each command does before it)."""
    out: list[Block] = []
    for block in section.blocks:
        match = TRAILING.match(block.text.strip()) if block.kind == "item" else None
        code = match.group("code").strip() if match else ""
        code = code[2:].strip() if code.startswith("$ ") else code
        if match and COMMAND.match(code):
            out += [replace(block, text=match.group("text") + ":"), Block("code", list(block.lines), code=[code])]
        else:
            out.append(block)
    section.blocks[:] = out


def _command_lists(section: Section) -> None:
    """'- `kubectl -n auth get pods`' items, each nothing but a command, in a row and no other item
    in their list (or each with its '$ ' prompt): one code block of those commands."""
    blocks, out, run = section.blocks, [], []
    for block in blocks + [None]:
        if block is not None and block.kind == "item" and not block.checked and _command(block) \
                and (not run or block.level == run[0].level):
            run.append(block)
            continue
        if run and (run[0].level > 0 or not _in_list(out, block, 0) or all(_prompted(b) for b in run)):
            lines = [n for b in run for n in b.lines]
            out.append(Block("code", lines, code=[_command(b) for b in run]))
        else:
            out.extend(run)
        run = []
        if block is not None:
            out.append(block)
    section.blocks[:] = out


def _in_list(before: list[Block], after: Block | None, level: int) -> bool:
    """The run is part of a list with other items at its level (a step among steps), not a list of its
    own. (Nested under a step, '- list pods' over '  - `kubectl get pods`', it is that step's command.)"""
    def beside(block: Block | None) -> bool:
        return block is not None and block.kind == "item" and block.level >= level
    return beside(before[-1] if before else None) or beside(after)


def _follows_step(block: Block) -> bool:
    """A step that says a command follows ('check the queue depth:'), or a command before it."""
    return (block.kind in ("item", "para") and block.text.rstrip().endswith(":")) or (block.kind == "code" and not block.lang)


def _command(block: Block) -> str:
    match = ONLY_CODE.match(block.text.strip())
    code = match.group(1).strip() if match else ""
    code = code[2:].strip() if code.startswith("$ ") else code   # '`$ kubectl get pods`': the prompt is not typed
    return code if COMMAND.match(code) else ""


def _prompted(block: Block) -> bool:
    """'- `$ kubectl get pods`': a command set apart by its prompt, even among a list's steps."""
    match = ONLY_CODE.match(block.text.strip())
    return bool(match) and match.group(1).lstrip().startswith("$ ")
