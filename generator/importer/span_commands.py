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


def _follows_step(block: Block) -> bool:
    return (block.kind == "item" and block.text.rstrip().endswith(":")) or (block.kind == "code" and not block.lang)


def _command(block: Block) -> str:
    match = ONLY_CODE.match(block.text.strip())
    return match.group(1).strip() if match and COMMAND.match(match.group(1).strip()) else ""
