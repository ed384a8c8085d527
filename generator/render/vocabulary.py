"""The built-in incident vocabulary, shipped with the package (incident_vocabulary.yaml).

Each concept lists the words a playbook is *called* by (database, cache, CDN ...) and
the terms responders type instead: product names (pgbouncer, cloudflare, sendgrid),
pasted error messages ("too many clients already", ERR_CONNECTION_REFUSED) and common
alert names (HighRequestLatency). As synonyms, a term applies to a playbook exactly
when one of its concept's words occurs in what the playbook is called (title, aliases,
tags, service names), the same rule as search.synonyms in organization.yaml, which
extends this list; search.vocabulary: false turns it off.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

Synonyms = tuple[tuple[str, tuple[str, ...]], ...]
VOCABULARY_FILE = "incident_vocabulary.yaml"


@lru_cache(maxsize=1)
def concepts() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """concept -> (the words that name it, the terms that mean it), as shipped."""
    text = resources.files(__package__).joinpath(VOCABULARY_FILE).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return {str(name): (tuple(str(w) for w in spec["called"]), tuple(str(t) for t in spec["terms"]))
            for name, spec in data.items()}


@lru_cache(maxsize=1)
def builtin_synonyms() -> Synonyms:
    """The vocabulary as (typed, (meanings ...)) pairs, the shape of search.synonyms."""
    pairs: dict[str, list[str]] = {}
    for called, terms in concepts().values():
        for term in terms:
            meanings = pairs.setdefault(term, [])
            meanings.extend(w for w in called if w not in meanings)
    return tuple((term, tuple(meanings)) for term, meanings in pairs.items())


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_INNER = re.compile(r"[A-Za-z0-9][^A-Za-z0-9\s]+[A-Za-z0-9]")
LONGEST_PHRASE = 6  # words; the browser joins up to this many neighbouring query words


def joined(term: str) -> str:
    """A term run together, lower case, punctuation dropped: "too many clients" -> "toomanyclients"."""
    return re.sub(r"[^a-z0-9]+", "", term.lower())


def _is_compound(term: str) -> bool:
    """One word with punctuation or case changes inside: pg_dump, us-east-1, HighErrorRate."""
    word = term.strip()
    return " " not in word and bool(_INNER.search(word) or len(_CAMEL.split(word)) > 1)


def joined_forms(terms: list[str]) -> list[str]:
    """The run-together form of every phrase or compound of up to LONGEST_PHRASE words.

    The index splits terms into words, so "too many clients" is also found by "too" or
    "many" alone. The browser joins neighbouring query words the same way and looks the
    result up, so a pasted message or an alert name typed in lower case ("higherrorrate")
    matches the whole phrase, which outweighs its words matched one by one.
    """
    found = []
    for term in terms:
        words = re.findall(r"[a-z0-9]+", re.sub(_CAMEL, " ", term).lower())
        if 1 < len(words) <= LONGEST_PHRASE:
            found.append(joined(term))
    return found


def synonym_forms(term: str) -> list[str]:
    """How a synonym's typed side enters the index.

    A compound (pg_dump, card_declined, us-east-1, HighHttp5xxErrorRate) only run
    together: its pieces alone ("pg", "card", "error") must not find what it finds.
    """
    if _is_compound(term):
        return [joined(term)]
    return [term]
