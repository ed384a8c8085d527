"""CommonMark's indented code blocks, rewritten as fenced ones over the same lines.

A run of lines indented four spaces or more, after a blank line and outside a list, is code in
Markdown: a message template in a wiki page, a command in an older README. The blank line before it
becomes the opening fence and the blank line after it the closing one, so every line keeps its
number; a block with text right after it (CommonMark ends the block there, but no line is free
for a fence) is left as written. A block that is a list, a phone list or a ladder laid out with
spaces (plain_layout.is_layout) is moved left instead: text, as its writer meant it.
"""
from __future__ import annotations

import re

from .mdparse import FENCE
from .plain_layout import dedent, is_layout, is_phone_list
from .signs import COLON_END, INDENTED, NUMBERED, absent

LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s")
BOX = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s*[\w-]+")   # an admonition: its body is indented four, paragraphs and all


def fence_indented_code(lines: list[str], skip: set[int]) -> list[str]:
    """``lines`` with each indented code block fenced (the lines of ``skip`` are left alone)."""
    out = list(lines)
    if absent(lines, INDENTED):
        return out
    i, in_list, item_column, box = 0, False, 0, None
    while i < len(out):
        line = out[i]
        if i in skip or (("```" in line or "~~~" in line) and FENCE.match(line)):
            i += 1
            continue
        blank = not line.strip()
        box = _box_column(line, blank, box)
        if not blank and _indent(line) < 4:
            item = LIST_ITEM.match(line)
            in_list = bool(item) or (in_list and not _after_blank(out, i))
            item_column = len(item.group(0)) if item else item_column
        # in a list, code is indented four more than the item's text ('  - 6.1.1 Check it:' over '        ps')
        if blank and _opens(out, i, skip) and (not in_list or _deeper(out, i, item_column) or _commands(out, i)) \
                and not _after_code(out, i) and (box is None or _indent(out[i + 1]) >= box + 4):
            end = _block_end(out, i, skip)
            if end is not None and is_layout(out[i + 1:end]):   # a list or ladder drawn with spaces
                phones = is_phone_list(out[i + 1:end])
                dedent(out, i + 1, end)
                if phones:   # 'Gareth Pryce - Operations Manager - 0161 ...' a line each: an item each
                    for j in range(i + 1, end):
                        out[j] = "- " + out[j].strip() if out[j].strip() else out[j]
                i = end
                continue
            if end is not None:
                _fence(out, i, end)
                i = end + 1
                continue
        i += 1
    return out


def _box_column(line: str, blank: bool, box: int | None) -> int | None:
    """The column of the open admonition's text after ``line``, or None outside one."""
    if blank:
        return box
    if "!!!" in line or "???" in line:
        if BOX.match(line):
            return _indent(line) + 4
    return box if box is not None and _indent(line) >= box else None


def _commands(lines: list[str], i: int) -> bool:
    """The indented lines after blank line i are commands ('    ssh deploy@web-03' under a list item, as
    a word processor's export indents them): code, though a list item's text would be indented so too."""
    block = []
    for line in lines[i + 1:i + 40]:
        if not line.strip() or _indent(line) < 4:
            break
        block.append(line.strip())
    typed = _typed(block, prompts=True)
    return _all_commands(block, typed) and (any(typed) or any(ARGUMENT.search(line) for line in block))


def _commented(lines: list[str]) -> set[int]:
    """The lines inside HTML comments."""
    inside, out = False, set()
    for i, line in enumerate(lines):
        if inside or "<!--" in line:
            out.add(i)
            inside = "-->" not in line[line.find("<!--") + 4 if "<!--" in line and not inside else 0:]
    return out


# '1) Verify that the server is responding' over 'ping mes01.example.local': a numbered step
NUMBERED_STEP = re.compile(r"^\s{0,3}\d{1,2}[.)]\s+\S")


PROSE = re.compile(r"\s(?:the|a|an|if|and|or|to|of|is|are|then|when|not|it|that)\s", re.IGNORECASE)
QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")


def _margin_run(lines: list[str], start: int, skip: set[int]) -> list[int]:
    """'2. ... check the service state:' (or any numbered step) over 'Get-Service -Name "WMS*"' at the
    margin (a word processor's text has no indent to give): the lines after it that each start with a
    known command, up to the first that does not."""
    from .found import SHELL_START

    run, j = [], start
    while j < len(lines) and j not in skip and lines[j].strip() and _indent(lines[j]) < 4 \
            and SHELL_START.match(lines[j].strip()):
        run.append(j)
        j += 1
    return run


def _typed(block: list[str], prompts: bool) -> list[bool]:
    """Which lines start with a known command (or, with ``prompts``, a '$ ' prompt)."""
    from .found import SHELL_START

    return [bool(SHELL_START.match(line) or (prompts and line.startswith("$ "))) for line in block]


def _all_commands(block: list[str], typed: list[bool]) -> bool:
    """Every line is a known command or reads as one (a lower-case program and its arguments, no
    sentence's end)."""
    return bool(block) and all(t or (COMMANDISH.match(line) and not line.endswith((".", "!", "?", ":")))
                               or (BARE_PROGRAM.match(line) and any(typed)) for t, line in zip(typed, block))


# 'uptime' between 'ssh root@web03' and 'systemctl status nginx': a program run with no arguments,
# among lines that are known commands
BARE_PROGRAM = re.compile(r"^(?!(?:and|or|then|the|done|next|see|note|yes|no)$)[a-z][\w.-]{1,20}$")


# 'wp cache flush', 'find /var/www -mtime -2': a lower-case program name, then its arguments (an option,
# a path or a sub-command); a sentence starts with a capital and reads on
ARGUMENT = re.compile(r"\s-{1,2}\w|\s\S*/")   # an option or a path
COMMANDISH = re.compile(r"^[a-z][\w.-]{0,20}(?:\s+(?:-{1,2}\w[\w=,.-]*|[\w.<>{}-]*/[^\s]*|[a-z][\w-]*)){1,}(?:\s+\S+)*$")


def _deeper(lines: list[str], i: int, item_column: int) -> bool:
    return i + 1 < len(lines) and _indent(lines[i + 1]) >= item_column + 4


def _indent(line: str) -> int:
    if "\t" not in line:
        return len(line) - len(line.lstrip())
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def _after_blank(lines: list[str], i: int) -> bool:
    return i > 0 and not lines[i - 1].strip()


def _after_code(lines: list[str], i: int) -> bool:
    """Only blank lines between a code block's end and line i: what follows is that command's output,
    as notebook and pandoc exports show it, not a command."""
    j = i - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    return j >= 0 and bool(FENCE.match(lines[j])) and lines[j].strip().strip("`~") == ""


def _opens(lines: list[str], i: int, skip: set[int]) -> bool:
    """Line i is blank and the next is indented code: four spaces, not markup, after a paragraph break."""
    if lines[i].strip() or i + 1 >= len(lines) or (i + 1) in skip:
        return False
    following = lines[i + 1]
    return _indent(following) >= 4 and bool(following.strip()) and not following.lstrip().startswith(("<", "|", "+", ">"))


def _block_end(lines: list[str], start: int, skip: set[int]) -> int | None:
    """The blank line that closes the block opening after ``start``, or None when there is none."""
    last, first = None, None
    for j in range(start + 1, len(lines)):
        if j in skip:
            return None
        if not lines[j].strip():
            continue
        if _indent(lines[j]) < 4 or lines[j].lstrip().startswith("<") or _text_between(lines, j, first):
            break
        last, first = j, first if first is not None else _indent(lines[j])
    if last is None or (last + 1 < len(lines) and lines[last + 1].strip()):
        return None
    return last + 1   # the blank line after it, or the end of the document (a fence left open there closes)


def _text_between(lines: list[str], j: int, first: int | None) -> bool:
    """Line j, after a blank line and set back from the block's first line, is a sentence ('and power-cycle
    only if it is truly hung:' between two commands of a list item): the item's text, not code."""
    return first is not None and not lines[j - 1].strip() and _indent(lines[j]) < first \
        and bool(PROSE.search(" " + lines[j]) or lines[j].rstrip().endswith((":", ".")))


def _fence(lines: list[str], start: int, end: int) -> None:
    lines[start] = "```"
    if end < len(lines):
        lines[end] = "```"
    # the block's own indent goes (four spaces, or more where it sits deeper, under a list item)
    cut = min((_indent(lines[j]) for j in range(start + 1, end) if lines[j].strip()), default=4)
    for j in range(start + 1, end):
        text = lines[j].expandtabs(4)
        lines[j] = text[cut:] if text.strip() else ""


def indented_commands(lines: list[str], code: dict[int, str], skip: set[int]) -> None:
    """'Step 2 - From the jump host, check the gateway:' over '<TAB>ssh ops-jump01' / '<TAB>ping -c 4 ...'
    with no blank line between (a typed memo): the commands, moved into ``code`` (line, 1-based ->
    command) for the reader to put in the tree as one code block, their lines blanked."""
    if absent(lines, INDENTED) and absent(lines, COLON_END) and absent(lines, NUMBERED):
        return
    i = 1
    skip = skip | _commented(lines)   # '<!-- Old way: / ssh ledger-01 ... -->' is shown to nobody
    while i < len(lines):
        run = _command_run(lines, i, skip)
        for k in run:
            code[k + 1] = lines[k].strip()
            lines[k] = ""
        i = run[-1] + 1 if run else i + 1


def _command_run(lines: list[str], start: int, skip: set[int]) -> list[int]:
    above = lines[start - 1]
    if start in skip or not above.strip() or not lines[start].strip() or (start - 1) in skip:
        return []
    column = _indent(above) + 4
    if _indent(above) < 4 and _indent(lines[start]) < 4 and above.rstrip().endswith(":"):
        return _margin_run(lines, start, skip)
    if _indent(above) < 4 and _indent(lines[start]) < 4 and NUMBERED_STEP.match(above):
        # no colon to say commands follow: each must also read as no sentence ('ping the lead if not' wraps the step)
        run = _margin_run(lines, start, skip)
        return run[:next((n for n, k in enumerate(run) if PROSE.search(QUOTED.sub("", lines[k]))), len(run))]
    if _indent(lines[start]) < column or _indent(above) >= 4:
        return []
    run, j = [], start
    while j < len(lines) and j not in skip and lines[j].strip() and _indent(lines[j]) >= column:
        run.append(j)
        j += 1
    block = [lines[k].strip() for k in run]
    typed = _typed(block, prompts=False)
    return run if _all_commands(block, typed) and any(typed) else []
