"""The words a playbook is found by, synonyms folded in.

Data flow (one way, no I/O):

    content/organization.yaml  search.synonyms  ->  Organization.synonyms
    content/playbooks/*.yaml   title, aliases, symptoms, services, tags, alert names
        -> playbook_terms(playbook, project)   what the playbook itself says
        -> name_terms(playbook, project)       the part synonyms are matched against
        -> matching_synonyms(names, synonyms)  every synonym whose meaning occurs in them
        -> search_terms(playbook, project)     the list a search index gets for the page

Today render/pages.py writes that list into the page's front matter as ``tags``:
MkDocs-Material's search indexes page tags with a boost far above body text and
the theme does not display them (the tags plugin is off), so they are search-only
text. An index built straight from the model must call ``search_terms`` for each
playbook and give its output the same high weight; nothing else carries synonyms.

A synonym ``typed -> means`` applies to a playbook when ``means`` occurs, as whole
words and case-insensitively, in what the playbook is *called*: its title, aliases,
tags or service names ("db -> database" applies to "Database unavailable", not to
"databases"). Symptoms are searched but do not attract synonyms: "Sudden jump in
database load" is about a cache, and must not make "db" find it. The left-hand side is
then added as a term, so a responder typing it finds the playbook through the
index, without any query-side rewriting in the browser.

The built-in incident vocabulary (render/vocabulary.py) is applied by the same rule,
after the organization's own synonyms (a term the organization defines keeps only its
meaning), unless search.vocabulary is false. Every phrase and CamelCase name also gets
its run-together form ("toomanyclients", "higherrorrate"), which the browser matches
against neighbouring query words joined; a synonym like pg_dump or us-east-1 goes in
only run together, so "pg" alone does not find what "pg_dump" finds.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Sequence

from ..model import Organization, Playbook, Project
from .vocabulary import builtin_synonyms, joined_forms, synonym_forms

Synonyms = Sequence[tuple[str, Sequence[str]]]


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.lower()))


_WORD = re.compile(r"[a-z0-9]+")


class _Prepared(tuple):
    """Synonyms with their meanings as word tuples, and the longest meaning in words."""

    longest = 0


@lru_cache(maxsize=8)
def _prepare(synonyms: tuple[tuple[str, tuple[str, ...]], ...]) -> _Prepared:
    """Each synonym's meanings split into words once (empty meanings never match)."""
    prepared = _Prepared((typed, tuple(words for words in map(_words, meanings) if words))
                         for typed, meanings in synonyms)
    prepared.longest = max((len(words) for _, meanings in prepared for words in meanings), default=0)
    return prepared


def _prepared(synonyms: Synonyms) -> _Prepared:
    if isinstance(synonyms, _Prepared):
        return synonyms
    return _prepare(tuple((typed, tuple(meanings)) for typed, meanings in synonyms))


def _runs(phrases: Iterable[tuple[str, ...]], longest: int) -> set[tuple[str, ...]]:
    """Every run of up to ``longest`` consecutive words in any of the phrases."""
    return {words[i:i + size] for words in phrases for size in range(1, longest + 1)
            for i in range(len(words) - size + 1)}


def matching_synonyms(terms: Iterable[str], synonyms: Synonyms) -> list[str]:
    """The typed side of every synonym whose meaning occurs in ``terms`` as whole words,
    in the synonyms' order: each word run of the terms looked up among all meanings."""
    prepared = _prepared(synonyms)
    runs = _runs([_words(term) for term in terms], prepared.longest)
    index = _meaning_index(prepared)
    return [prepared[i][0] for i in sorted({i for run in runs for i in index.get(run, ())})]


def _meaning_index(prepared: _Prepared) -> dict[tuple[str, ...], list[int]]:
    """Meaning (as words) -> the positions of the synonyms that have it; made once per list."""
    index = prepared.__dict__.get("index")
    if index is None:
        index = {}
        for position, (_, meanings) in enumerate(prepared):
            for words in meanings:
                index.setdefault(words, []).append(position)
        prepared.index = index
    return index


def expand(terms: Sequence[str], synonyms: Synonyms) -> list[str]:
    """``terms`` plus the synonyms that apply to them, without duplicates, in order."""
    return list(dict.fromkeys([*terms, *matching_synonyms(terms, synonyms)]))


def name_terms(playbook: Playbook, project: Project) -> list[str]:
    """What the playbook is called: title, aliases, tags and its services' names."""
    services = [s.name for s in (project.service(sid) for sid in playbook.services) if s]
    return [playbook.title, *playbook.aliases, *playbook.tags, *services]


def playbook_terms(playbook: Playbook, project: Project) -> list[str]:
    """What a responder might type or see, as the playbook itself says it."""
    services = [s.name for s in (project.service(sid) for sid in playbook.services) if s]
    return list(dict.fromkeys([playbook.title, *playbook.aliases, *playbook.symptoms, *services,
                               *playbook.tags, *(alert.name for alert in playbook.alerts)]))


def all_synonyms(organization: Organization) -> list[tuple[str, Sequence[str]]]:
    """The organization's synonyms, then the built-in vocabulary unless it is turned off."""
    return list(_organization_synonyms(organization))


def _organization_synonyms(organization: Organization) -> _Prepared:
    own = tuple((typed, tuple(means)) for typed, means in organization.synonyms)
    return _all_synonyms(own, bool(organization.vocabulary))


@lru_cache(maxsize=8)
def _all_synonyms(synonyms: tuple, vocabulary: bool) -> _Prepared:
    builtin = builtin_synonyms() if vocabulary else ()
    own = {typed.lower() for typed, _ in synonyms}
    # A term the organization defines means what it says there, not what the vocabulary says.
    return _prepared([*synonyms, *((typed, means) for typed, means in builtin if typed.lower() not in own)])


def synonym_terms(playbook: Playbook, project: Project) -> list[str]:
    """The synonyms and vocabulary terms that apply to a playbook, as typed (for the bundle)."""
    return matching_synonyms(name_terms(playbook, project), _organization_synonyms(project.organization))


def section_terms(playbook: Playbook, project: Project) -> list[str]:
    """The playbook's own terms (title, aliases, symptoms, services, alert names), which
    every section of its page is found by; synonyms and vocabulary find the page itself."""
    return page_terms(playbook, project)[1]


def search_terms(playbook: Playbook, project: Project) -> list[str]:
    """Everything a playbook page must be found by: its own terms, then synonyms."""
    return page_terms(playbook, project)[0]


def page_terms(playbook: Playbook, project: Project) -> tuple[list[str], list[str]]:
    """(search_terms, section_terms) of a playbook, its own terms worked out once."""
    synonyms = synonym_terms(playbook, project)
    own = playbook_terms(playbook, project)
    own_joined = joined_forms(own)
    # Only the playbook's own phrases run together: a page that says "logged out" itself
    # outranks one that is merely called by a concept the vocabulary files it under.
    every = list(dict.fromkeys([*own, *(form for s in synonyms for form in synonym_forms(s)),
                                *own_joined, *joined_forms([s for s in synonyms if " " not in s])]))
    return every, list(dict.fromkeys([*own, *own_joined]))
