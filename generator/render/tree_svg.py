"""Draw a playbook's decision tree as inline SVG: no JavaScript, prints as is.

The layout is a vertical flowchart, narrow enough for a phone: each question
is a row, answers that end the tree sit to its right, and answers that lead
to another question continue downwards (indented when both answers do).
"""
from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass

from ..model import Branch, DecisionTree, Playbook

Q_W, L_W, GAP_X, GAP_Y, INDENT, LINE_H, PAD = 170, 150, 44, 30, 26, 14, 7
Q_CHARS, L_CHARS = 26, 22
MAX_DEPTH = 25


@dataclass
class Drawing:
    parts: list[str]
    width: float = 0
    height: float = 0

    def add(self, svg: str, right: float, bottom: float) -> None:
        self.parts.append(svg)
        self.width, self.height = max(self.width, right), max(self.height, bottom)


def _wrap(text: str, chars: int, limit: int = 5) -> list[str]:
    lines = textwrap.wrap(text, chars) or [""]
    if len(lines) > limit:
        lines = lines[:limit]
        lines[-1] = lines[-1][: chars - 1] + "…"
    return lines


def _height(lines: list[str]) -> float:
    return len(lines) * LINE_H + 2 * PAD


def _box(d: Drawing, x: float, y: float, w: float, lines: list[str], kind: str, link: str = "") -> float:
    h = _height(lines)
    dash = ' stroke-dasharray="5 3"' if kind == "playbook" else ""
    stroke = "2.5" if kind == "step" else "1.5"
    rx = 12 if kind == "question" else 3
    weight = ' font-weight="bold"' if kind == "question" else ""
    rect = (f'<rect class="dt-box dt-{kind}" x="{x:.0f}" y="{y:.0f}" width="{w}" height="{h:.0f}" '
            f'rx="{rx}" fill="#fff" stroke="#222" stroke-width="{stroke}"{dash}/>')
    spans = "".join(f'<tspan x="{x + w / 2:.0f}" dy="{LINE_H if i else 0}">{html.escape(line)}</tspan>'
                    for i, line in enumerate(lines))
    text = (f'<text class="dt-text" x="{x + w / 2:.0f}" y="{y + PAD + 11:.0f}" text-anchor="middle" '
            f'font-size="12"{weight}>{spans}</text>')
    svg = f'<a href="{html.escape(link, quote=True)}">{rect}{text}</a>' if link else rect + text
    d.add(svg, x + w, y + h)
    return h


def _edge(d: Drawing, points: list[tuple[float, float]], label: str, lx: float, ly: float) -> None:
    path = " ".join(f"{'M' if i == 0 else 'L'}{x:.0f},{y:.0f}" for i, (x, y) in enumerate(points))
    d.add(f'<path class="dt-edge" d="{path}" fill="none" stroke="#555" stroke-width="1.5" '
          f'marker-end="url(#dt-arrow)"/>', 0, 0)
    d.add(f'<text class="dt-label" x="{lx:.0f}" y="{ly:.0f}" font-size="11" font-weight="bold">'
          f'{label}</text>', 0, 0)


def _outcome(branch: Branch, playbook: Playbook, titles: dict[str, str]) -> tuple[list[str], str, str]:
    if branch.step:
        step = playbook.step(branch.step)
        return _wrap(f"Do: {step.text if step else branch.step}", L_CHARS), "step", f"#step-{branch.step}"
    if branch.playbook:
        return _wrap(f"Playbook: {titles.get(branch.playbook, branch.playbook)}", L_CHARS), "playbook", ""
    return _wrap(branch.text or "Continue investigating", L_CHARS), "text", ""


def _layout(d: Drawing, tree: DecisionTree, node_id: str, pb: Playbook, titles: dict,
            x: float, y: float, depth: int) -> float:
    """Draw the question at (x, y) and everything below it; return the next free y."""
    node = tree.node(node_id)
    if node is None or depth > MAX_DEPTH:
        return y
    q_lines = _wrap(node.question, Q_CHARS)
    q_h = _box(d, x, y, Q_W, q_lines, "question")
    answers = (("Yes", node.yes), ("No", node.no))
    leaves = [(label, b) for label, b in answers if not b.goto]
    gotos = [(label, b) for label, b in answers if b.goto]
    leaf_y, leaf_x = y, x + Q_W + GAP_X
    for i, (label, branch) in enumerate(leaves):
        lines, kind, link = _outcome(branch, pb, titles)
        start_y = y + q_h * (i + 1) / (len(leaves) + 1)
        h = _box(d, leaf_x, leaf_y, L_W, lines, kind, link)
        _edge(d, [(x + Q_W, start_y), (leaf_x - 2, leaf_y + h / 2)], label, x + Q_W + 6,
              start_y - 4 if i == 0 else start_y + 13)
        leaf_y += h + 8
    next_y = max(y + q_h, leaf_y - 8) + GAP_Y
    indent = INDENT if len(gotos) > 1 else 0
    for i, (label, branch) in enumerate(gotos):
        child_x = x + indent
        anchor_x = x + 14 + i * 22
        _edge(d, [(anchor_x, y + q_h), (anchor_x, next_y - 2)] if not indent else
              [(anchor_x, y + q_h), (anchor_x, next_y + 12), (child_x - 2, next_y + 12)],
              label, anchor_x + 4, y + q_h + 14)
        next_y = _layout(d, tree, branch.goto, pb, titles, child_x, next_y, depth + 1)
    return next_y


def decision_tree_svg(playbook: Playbook, titles: dict[str, str]) -> str:
    """Inline SVG of the tree; every label is XML-escaped content from the YAML."""
    tree = playbook.decision_tree
    if tree is None:
        return ""
    d = Drawing([])
    _layout(d, tree, tree.start, playbook, titles, 2, 2, 0)
    width, height = d.width + 4, d.height + 4
    label = html.escape(f"Decision tree for {playbook.title}", quote=True)
    marker = ('<defs><marker id="dt-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
              'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
              'fill="#555"/></marker></defs>')
    return (f'<svg class="decision-tree" role="group" aria-label="{label}" viewBox="0 0 {width:.0f} '
            f'{height:.0f}" width="{width:.0f}" xmlns="http://www.w3.org/2000/svg" '
            f'font-family="sans-serif"><title>{label}</title>{marker}{"".join(d.parts)}</svg>')
