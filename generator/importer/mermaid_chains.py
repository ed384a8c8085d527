"""An escalation chain drawn as a Mermaid flowchart, as Markdown on GitHub or GitLab renders it:

    ```mermaid
    flowchart TD
        A[On-call analyst] -->|not fixed in 30 min| B[Systems Manager]
        B -->|Level 1, or over 1 hour| C[Major Incident Manager]
        C --> D[Head of Service]
    ```

Read when no other pass found a chain, from the first flowchart that is one path (each box leads to
at most one other, one box starts it) of three boxes or more, under a heading about escalation or
naming people in most of its boxes. Each box is a level, in the path's order; the label on the
arrow into it is its trigger: a time alone ('30 min') is when it is reached, other words are its
condition as written. The flowchart also stays, as written, in the document's notes.
"""
from __future__ import annotations

import re

from .found import Found
from .kinds import kind_in_words
from .mdparse import Block, Section, titled
from .prose_chains import ABOUT
from .text import duration, slug

HEADER = re.compile(r"^\s*(?:flowchart|graph)\b", re.IGNORECASE)
NODE = re.compile(r"\s*([A-Za-z_][\w-]*)\s*(?:\[\[?\(?\"?([^\]\")]*)\"?\)?\]?\]|\(\(?\[?\"?([^)\"\]]*)\"?\]?\)?\)|"
                  r"\{\"?([^}\"]*)\"?\}|>\"?([^\]\"]*)\"?\])?")
ARROW = re.compile(r"\s*(?:--\s*([^\s>|-][^>|]*?)\s*-->|-\.->|==>|-->|---)\s*(?:\|([^|]*)\|)?")
ONLY_A_TIME = re.compile(r"^\s*(?:after|within|in|over)?\s*\d+\s*(?:min(?:ute)?s?|m|h(?:ou)?rs?|hours?|h)\s*$",
                         re.IGNORECASE)


def mermaid_chains(root: Section, found: Found, role_contact) -> None:
    if found.escalation:
        return
    for section in root.walk():
        for block in section.blocks:
            if block.kind != "code" or block.lang != "mermaid" or not block.code or not HEADER.match(block.code[0]):
                continue
            labels, edges = parse_flowchart(block.code[1:])
            path = _single_path(edges)
            if len(path) >= 3 and (titled(section, ABOUT) or _mostly_people([labels[n] for n in path])):
                _add(path, labels, edges, block, found, role_contact)
                return


def parse_flowchart(lines: list[str]) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """Box id -> its words, and (from, to) -> the arrow's label, of a flowchart's lines."""
    labels: dict[str, str] = {}
    edges: dict[tuple[str, str], str] = {}
    for line in lines:
        previous, at = _node(line, 0, labels)
        while previous is not None:
            arrow = ARROW.match(line, at)
            if not arrow:
                break
            target, at = _node(line, arrow.end(), labels)
            if target is None:
                break
            edges[(previous, target)] = (arrow.group(1) or arrow.group(2) or "").strip()
            previous = target
    return labels, edges


def _node(line: str, at: int, labels: dict[str, str]) -> tuple[str | None, int]:
    match = NODE.match(line, at)
    if not match or not match.group(1):
        return None, at
    words = next((g for g in match.groups()[1:] if g), None)
    if words or match.group(1) not in labels:
        labels[match.group(1)] = (words or labels.get(match.group(1)) or match.group(1)).strip()
    return match.group(1), match.end()


def _single_path(edges: dict[tuple[str, str], str]) -> list[str]:
    """The boxes in order when the flowchart is one path from one start, else []."""
    outgoing: dict[str, list[str]] = {}
    targets = set()
    for source, target in edges:
        outgoing.setdefault(source, []).append(target)
        targets.add(target)
    starts = [n for n in outgoing if n not in targets]
    if len(starts) != 1 or any(len(t) > 1 for t in outgoing.values()):
        return []
    path = [starts[0]]
    while path[-1] in outgoing and outgoing[path[-1]][0] not in path:
        path.append(outgoing[path[-1]][0])
    return path if len(path) == len(set(outgoing) | targets) else []


def _mostly_people(names: list[str]) -> bool:
    return sum(bool(kind_in_words(n)) for n in names) * 2 > len(names)


def _add(path: list[str], labels: dict, edges: dict, block: Block, found: Found, role_contact) -> None:
    for index, node in enumerate(path):
        name = labels[node]
        label = edges.get((path[index - 1], node), "") if index else ""
        if label and ONLY_A_TIME.match(label) and duration(label):
            triggers = [{"after": duration(label)}]
        else:
            triggers = [{"condition": label}] if label else []
        found.escalation.append({"id": slug(name), "name": name, "contacts": [role_contact(found, name)],
                                 "triggers": triggers})
    found.mapped["escalation"].extend(block.lines)   # structured; the flowchart also stays as written
