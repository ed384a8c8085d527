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


def joined_forms(terms: list[str]) -> list[str]:
    """The lowercase run-together form of CamelCase names ("HighErrorRate" -> "higherrorrate").

    The index splits CamelCase into words; a responder who types the alert name in lower
    case ("higherrorrate") must still find it, so the joined form is a term of its own.
    """
    found = []
    for term in terms:
        for word in term.split():
            if len(_CAMEL.split(word)) > 1 and word.isalnum():
                found.append(word.lower())
    return found
