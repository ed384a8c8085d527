"""Checks inside one playbook: step ids, the decision tree, self-references."""
from __future__ import annotations

import difflib
from typing import Iterator

from ..problems import WARNING, Problem, dotted
from ..load.yamlio import Source
from .walk import walk

TARGETS = ("goto", "step", "playbook")


def step_ids(data: dict) -> dict[str, tuple]:
    ids: dict[str, tuple] = {}
    for path, step in walk(data, ("steps", "*", "*")):
        if isinstance(step, dict) and isinstance(step.get("id"), str):
            ids.setdefault(step["id"], path + ("id",))
    return ids


def check_step_ids(source: Source) -> Iterator[Problem]:
    """Step ids are unique within the playbook."""
    seen: set[str] = set()
    for path, step in walk(source.data, ("steps", "*", "*")):
        sid = step.get("id") if isinstance(step, dict) else None
        if isinstance(sid, str):
            if sid in seen:
                yield Problem(source.rel, "duplicate-id", f"{dotted(path)}.id: step id '{sid}' is "
                              f"used twice in this playbook", path=path + ("id",))
            seen.add(sid)


def check_decision_tree(source: Source) -> Iterator[Problem]:
    """Every branch leads somewhere that exists, and the tree has no loops."""
    tree = source.data.get("decision_tree")
    if not isinstance(tree, dict) or not isinstance(tree.get("nodes"), list):
        return
    nodes = {n["id"]: i for i, n in enumerate(tree["nodes"])
             if isinstance(n, dict) and isinstance(n.get("id"), str)}
    steps = step_ids(source.data)
    if isinstance(tree.get("start"), str) and tree["start"] not in nodes:
        yield _missing(source, ("decision_tree", "start"), tree["start"], "question", list(nodes))
    for index, node in enumerate(tree["nodes"]):
        if isinstance(node, dict):
            for answer in ("yes", "no"):
                yield from _check_branch(source, ("decision_tree", "nodes", index, answer),
                                         node.get(answer), nodes, steps)
    yield from _check_cycles(source, tree, nodes)


def _check_branch(source: Source, path: tuple, branch: object, nodes: dict, steps: dict) -> Iterator[Problem]:
    if not isinstance(branch, dict):
        return
    targets = [t for t in TARGETS if t in branch]
    if len(targets) > 1:
        yield Problem(source.rel, "ambiguous-branch", f"{dotted(path)}: has both "
                      f"{' and '.join(targets)}", path=path, hint="an answer leads to exactly one place")
    if isinstance(branch.get("goto"), str) and branch["goto"] not in nodes:
        yield _missing(source, path + ("goto",), branch["goto"], "question", list(nodes))
    if isinstance(branch.get("step"), str) and branch["step"] not in steps:
        yield _missing(source, path + ("step",), branch["step"], "step", list(steps))


def _missing(source: Source, path: tuple, value: str, what: str, known: list[str]) -> Problem:
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.5)
    hint = f"did you mean '{close[0]}'? " if close else ""
    hint += f"known {what} ids: {', '.join(known) or 'none (give the step an id: key)'}"
    return Problem(source.rel, "unknown-ref", f"{dotted(path)}: no {what} with id '{value}' in "
                   f"this playbook", path=path, hint=hint)


def _check_cycles(source: Source, tree: dict, nodes: dict) -> Iterator[Problem]:
    edges = {nid: [b.get("goto") for a in ("yes", "no")
                   if isinstance(b := tree["nodes"][i].get(a), dict) and b.get("goto") in nodes]
             for nid, i in nodes.items()}
    reached: set[str] = set()
    stack = [tree.get("start")] if tree.get("start") in nodes else []
    while stack:
        current = stack.pop()
        if current in reached:
            continue
        reached.add(current)
        stack.extend(edges[current])
    for nid, index in nodes.items():
        if nid not in reached and reached:
            yield Problem(source.rel, "unreachable", f"decision_tree.nodes[{index}]: question '{nid}' "
                          f"is never reached from start", path=("decision_tree", "nodes", index),
                          level=WARNING, hint="point a goto: at it, or remove it")
    yield from _loops(source, edges, nodes)


def _loops(source: Source, edges: dict, nodes: dict) -> Iterator[Problem]:
    state: dict[str, int] = {}

    def visit(nid: str) -> str | None:
        state[nid] = 1
        for nxt in edges[nid]:
            if state.get(nxt) == 1:
                return nxt
            if nxt not in state and (found := visit(nxt)):
                return found
        state[nid] = 2
        return None

    for nid in nodes:
        if nid not in state and (looped := visit(nid)):
            yield Problem(source.rel, "tree-loop", f"decision_tree: question '{looped}' leads back to "
                          f"itself", path=("decision_tree", "nodes", nodes[looped]),
                          hint="a decision tree must end in steps, playbooks or text")
            return


def check_self_reference(source: Source) -> Iterator[Problem]:
    pid = source.data.get("id")
    for path, value in walk(source.data, ("related", "*")):
        if value == pid:
            yield Problem(source.rel, "self-reference", f"{dotted(path)}: a playbook cannot be "
                          f"related to itself", path=path, level=WARNING)
