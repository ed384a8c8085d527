"""Several escalation chains in one policy (business hours, out of hours): each level names its
``chain``, and a chain's levels stand together, in order, so that 'Level 2' means one thing."""
from __future__ import annotations

from typing import Iterator

from ..problems import Problem


def check_chains(source) -> Iterator[Problem]:
    """Either no level names a chain, or every level does; a chain's levels are consecutive."""
    levels = source.data.get("levels") if isinstance(source.data, dict) else None
    if not isinstance(levels, list):
        return
    chains = [level.get("chain") if isinstance(level, dict) else None for level in levels]
    named = [c for c in chains if isinstance(c, str) and c]
    if not named:
        return
    closed: set[str] = set()
    for index, chain in enumerate(chains):
        if not (isinstance(chain, str) and chain):
            yield Problem(source.rel, "escalation-chain",
                          f"levels[{index}]: no chain, while other levels name theirs ({named[0]!r})",
                          path=("levels", index), hint=f"add chain: {named[0]} (or the chain this level is in)")
            continue
        previous = chains[index - 1] if index else None
        if chain != previous and chain in closed:
            yield Problem(source.rel, "escalation-chain",
                          f"levels[{index}].chain: {chain!r} already ended at an earlier level",
                          path=("levels", index, "chain"),
                          hint="keep a chain's levels together, in the order they are paged")
        if previous and previous != chain:
            closed.add(previous)
