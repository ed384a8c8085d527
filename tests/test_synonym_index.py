"""matching_synonyms looks each word run up among all meanings: the same result, in the same
order, as testing every synonym's meanings against the runs (the definition)."""
from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from generator.render.search_terms import matching_synonyms
from generator.render.vocabulary import builtin_synonyms

VOCABULARY = list(builtin_synonyms())
WORDS = sorted({word for _, meanings in VOCABULARY for meaning in meanings
                for word in re.findall(r"[a-z0-9]+", meaning.lower())} | {"checkout", "the", "x"})


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z0-9]+", text.lower()))


def _definition(terms: list[str], synonyms) -> list[str]:
    """Every synonym one of whose meanings occurs in one term as consecutive whole words."""
    found = [_words(term) for term in terms]

    def occurs(words: tuple[str, ...]) -> bool:
        return any(words == seen[i:i + len(words)] for seen in found for i in range(len(seen) - len(words) + 1))
    return [typed for typed, meanings in synonyms if any(occurs(words) for words in meanings)]


SPLIT = [(typed, [words for words in map(_words, meanings) if words]) for typed, meanings in VOCABULARY]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join), max_size=8))
def test_the_index_finds_what_the_definition_finds(terms):
    assert matching_synonyms(terms, VOCABULARY) == _definition(terms, SPLIT)


def test_repeated_and_shared_meanings_keep_their_order():
    synonyms = [("b", ["disk full"]), ("a", ["disk full", "no space"]), ("b", ["no space"]), ("c", [""])]
    assert matching_synonyms(["Disk full, no space left"], synonyms) == ["b", "a", "b"]
    assert matching_synonyms(["space"], synonyms) == []
