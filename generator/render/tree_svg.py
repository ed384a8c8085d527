"""Draw a playbook's decision tree as inline SVG: no JavaScript, prints as is."""
from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass, field

from ..model import Branch, DecisionTree, Playbook

BOX_W, GAP_X, GAP_Y, LINE_H, PAD = 180, 24, 46, 15, 8
CHARS = 26
MAX_DEPTH = 25


@dataclass
class Box:
    """A laid-out node: a question or an outcome."""

    lines: list[str]
    kind: str  # question | step | playbook | text
    link: str = ""
    children: list[tuple[str, "Box"]] = field(default_factory=list)
    x: float = 0
    y: float = 0
    width: float = 0

    @property
    def height(self) -> float:
        return len(self.lines) * LINE_H + 2 * PAD


def _wrap(text: str, limit: int = 5) -> list[str]:
    lines = textwrap.wrap(text, CHARS) or [""]
    if len(lines) > limit:
        lines = lines[:limit]
        lines[-1] = lines[-1][: CHARS - 1] + "…"
    return lines


def _outcome(branch: Branch, playbook: Playbook, titles: dict[str, str], url_for) -> Box:
    if branch.step:
        step = playbook.step(branch.step)
        return Box(_wrap(f"Do: {step.text if step else branch.step}"), "step", f"#step-{branch.step}")
    if branch.playbook:
        title = titles.get(branch.playbook, branch.playbook)
        return Box(_wrap(f"Go to playbook: {title}"), "playbook", url_for(branch.playbook))
    return Box(_wrap(branch.text or "Continue investigating"), "text")


def _build(tree: DecisionTree, node_id: str, playbook: Playbook, titles, url_for, depth: int) -> Box:
    node = tree.node(node_id)
    if node is None or depth > MAX_DEPTH:
        return Box(_wrap(node_id), "text")
    box = Box(_wrap(node.question), "question")
    for label, branch in (("Yes", node.yes), ("No", node.no)):
        child = (_build(tree, branch.goto, playbook, titles, url_for, depth + 1) if branch.goto
                 else _outcome(branch, playbook, titles, url_for))
        box.children.append((label, child))
    return box


def _measure(box: Box) -> float:
    if not box.children:
        box.width = BOX_W
    else:
        box.width = max(BOX_W, sum(_measure(c) for _, c in box.children) + GAP_X * (len(box.children) - 1))
    return box.width


def _place(box: Box, left: float, top: float) -> float:
    box.x, box.y = left + box.width / 2, top
    bottom = top + box.height
    cursor = left
    for _, child in box.children:
        bottom = max(bottom, _place(child, cursor, top + box.height + GAP_Y))
        cursor += child.width + GAP_X
    return bottom


def _draw(box: Box, out: list[str]) -> None:
    for label, child in box.children:
        x1, y1, x2, y2 = box.x, box.y + box.height, child.x, child.y
        out.append(f'<path class="dt-edge" d="M{x1:.0f},{y1:.0f} C{x1:.0f},{y1 + 24:.0f} {x2:.0f},'
                   f'{y2 - 24:.0f} {x2:.0f},{y2:.0f}" fill="none" stroke="#555" stroke-width="1.5"/>')
        mid_x, mid_y = (x1 + x2) / 2, (y1 + y2) / 2
        out.append(f'<text class="dt-label" x="{mid_x:.0f}" y="{mid_y + 4:.0f}" text-anchor="middle" '
                   f'font-weight="bold" font-size="12">{label}</text>')
        _draw(child, out)
    left, width = box.x - BOX_W / 2, BOX_W
    dash = ' stroke-dasharray="5 3"' if box.kind == "playbook" else ""
    stroke = "2.5" if box.kind == "step" else "1.5"
    shape = (f'<rect class="dt-box dt-{box.kind}" x="{left:.0f}" y="{box.y:.0f}" width="{width}" '
             f'height="{box.height:.0f}" rx="{12 if box.kind == "question" else 3}" fill="#fff" '
             f'stroke="#222" stroke-width="{stroke}"{dash}/>')
    texts = "".join(f'<tspan x="{box.x:.0f}" dy="{LINE_H if i else 0}">{html.escape(line)}</tspan>'
                    for i, line in enumerate(box.lines))
    text = (f'<text class="dt-text" x="{box.x:.0f}" y="{box.y + PAD + 11:.0f}" text-anchor="middle" '
            f'font-size="12">{texts}</text>')
    if box.link:
        out.append(f'<a href="{html.escape(box.link, quote=True)}">{shape}{text}</a>')
    else:
        out.append(shape + text)


def decision_tree_svg(playbook: Playbook, titles: dict[str, str], url_for) -> str:
    """Inline SVG of the tree; every label is XML-escaped content from the YAML."""
    tree = playbook.decision_tree
    if tree is None:
        return ""
    root = _build(tree, tree.start, playbook, titles, url_for, 0)
    _measure(root)
    height = _place(root, 0, 4) + 4
    parts: list[str] = []
    _draw(root, parts)
    label = html.escape(f"Decision tree for {playbook.title}", quote=True)
    return (f'<svg class="decision-tree" role="img" aria-label="{label}" viewBox="0 0 '
            f'{root.width:.0f} {height:.0f}" width="{root.width:.0f}" '
            f'xmlns="http://www.w3.org/2000/svg" font-family="sans-serif">'
            f'<title>{label}</title>{"".join(parts)}</svg>')
