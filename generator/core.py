"""The one function that loads and validates content: every front door calls it."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterator

from .caching import findings, verdicts
from .validate import cards, chains, drills, examples, imported, incidents, lint, playbooks, refs, reviews, schema
from .validate import privacy as privacy_checks
from .load.content import Content, document_id, read_content
from .model import Project, privacy
from .model.build import build_project
from .load.positions import position
from .problems import ERROR, Problem, has_errors

DEFAULT_WARN_DAYS = 14
# Errors that come from the calendar, not from the shape of the content: the
# model is still built (reports and sign-offs need it), but builds refuse.
TIME_BASED = frozenset({"review-overdue", "review-in-future", "action-overdue",
                        "postmortem-review-overdue", "drill-overdue", "drill-in-future"})
# A draft build shows placeholders (with a banner) instead of refusing them.
DRAFT_ALLOWED = frozenset({"missing-value", "placeholder"}) | TIME_BASED


@dataclass(frozen=True)
class Options:
    """What a check run needs besides the files."""

    today: date
    warn_days: int = DEFAULT_WARN_DAYS
    render_cards: bool = True  # lay out desk cards to prove each fits one sheet
    audience: str | None = None  # internal or public; None: organization.yaml `audience`
    draft: bool = False  # model content whose only errors are import placeholders (build --draft)
    cards_apart: bool = False  # lay cards out in a child process, whose memory goes back (builds)


@dataclass
class Result:
    """Problems found (positioned, sorted) and the model when content is usable."""

    content: Content
    problems: list[Problem]
    project: Project | None
    cards: list = field(default_factory=list)  # RenderedCard, when laid out
    # A full build's cards still being laid out in a child process: finish() waits for them
    # and adds their problems (Options.cards_apart; until then problems lack card overflows).
    pending: Callable[[], None] | None = None

    @property
    def ok(self) -> bool:
        return not has_errors(self.finish().problems)

    def finish(self) -> Result:
        """The result complete: the cards laid out and their problems in ``problems``."""
        if self.pending is not None:
            pending, self.pending = self.pending, None
            pending()
        return self


def load(root: Path, options: Options, content_dir: Path | None = None) -> Result:
    """Read, validate and model the content of the repository at ``root``."""
    content, problems = read_content(root, content_dir)
    clean = verdicts.known_clean(root, content)
    valid_kinds = _validate_schemas(content, problems, clean)
    names = refs.collect(content)
    problems.extend(refs.check_unique_ids(content))
    problems.extend(refs.check_references(content, names))
    problems.extend(_document_checks(content, options, clean))
    findings.end_run()
    problems.extend(_repository_checks(root))
    problems.extend(_alert_checks(root, content))
    audience = privacy.audience_of(content.data("organization"), options.audience)
    if audience == privacy.PUBLIC:
        problems.extend(privacy_checks.check_private_values(content))
    problems = _sorted(position(_drop_shadowed(problems), content.by_rel()))
    project, lay_out = None, None
    allowed = TIME_BASED | DRAFT_ALLOWED if options.draft else TIME_BASED
    structural = [p for p in problems if p.level == ERROR and p.code not in allowed]
    if valid_kinds and not structural:
        project = privacy.for_audience(build_project(content, options.today, options.warn_days), audience)
        if audience == privacy.PUBLIC:
            problems = _sorted(problems + _route_warnings(project, content))
        if options.render_cards and project.cards:
            lay_out = _lay_out_cards(project, options.today, root, options.cards_apart)
    for _, source in content.all_sources():
        source.forget_nodes()  # positions are filled in (a card's are found again if it overflows)
    result = Result(content, problems, project)
    result.pending = lambda: _finish(result, root, lay_out)
    return result if options.cards_apart and lay_out is not None else result.finish()


def _finish(result: Result, root: Path, lay_out: Callable[[], tuple[list, list[Problem]]] | None) -> None:
    if lay_out is not None:
        result.cards, overflowing = lay_out()
        result.problems = _sorted(result.problems + position(overflowing, result.content.by_rel()))
    verdicts.record(root, result.content, result.problems)


def _repository_checks(root: Path) -> Iterator[Problem]:
    from .validate.drift import check_drift, check_install_source

    yield from check_drift(root)
    yield from check_install_source(root)


def _route_warnings(project: Project, content: Content) -> list[Problem]:
    source = content.singletons["contacts"]
    found = privacy_checks.check_internal_routes(project, source.rel, source.data)
    return position(list(found), content.by_rel())


def _lay_out_cards(project: Project, today: date, root: Path,
                   apart: bool = False) -> Callable[[], tuple[list, list[Problem]]]:
    """The cards' layout begun (``apart``: in a child, running on); call the answer for the cards
    and their overflow problems."""
    from .caching.store import cache_dir
    from .render import cards

    finish = cards.start_cards(project, today, cache_dir(root), apart)

    def done() -> tuple[list, list[Problem]]:
        rendered = finish()
        return rendered, [Problem(r.card.rel, "card-overflow", cards.fit_message(r), path=("sections",),
                                  hint=cards.fit_hint(), key=True) for r in rendered if r.pages > 1]

    return done


def _validate_schemas(content: Content, problems: list[Problem], clean: frozenset = frozenset()) -> bool:
    usable = True
    for kind, source in content.all_sources():
        if source.data is None:
            usable = False
            continue
        if source.rel in clean:
            continue
        found = list(schema.validate(kind, source.data, source.rel))
        placeholders = imported.placeholder_paths(kind, source.data)  # reported as placeholders instead
        found = [p for p in found if not p.path or p.path not in placeholders]
        if found:
            usable = False
            problems.extend(found)
            if not isinstance(source.data, dict):
                source.data = None
    return usable


@dataclass(frozen=True)
class _Context:
    """What the per-file checks need from the other documents."""

    options: Options
    playbook_data: dict
    review_within: dict
    action_warn: int
    interval: object
    real_incidents: object


def _context(content: Content, options: Options) -> _Context:
    postmortem = content.data("postmortem")
    review_within = {r["severity"]: r["within"] for r in postmortem.get("review_within") or ()
                     if isinstance(r, dict) and isinstance(r.get("severity"), str)
                     and isinstance(r.get("within"), str)}
    action_warn = postmortem.get("action_item_warn_days", 7)
    return _Context(options=options,
                    playbook_data={s.data["id"]: s.data for s in content.playbooks
                                   if isinstance(s.data, dict) and isinstance(s.data.get("id"), str)},
                    review_within=review_within,
                    action_warn=action_warn if isinstance(action_warn, int) else 7,
                    interval=reviews.default_interval(content.data("organization")),
                    real_incidents=drills.real_incidents(content.incidents))


def _document_checks(content: Content, options: Options, clean: frozenset = frozenset()) -> Iterator[Problem]:
    context = _context(content, options)
    for kind, source in content.all_sources():
        checked_before = source.rel in clean  # unchanged and clean: the text lints would find nothing
        if not checked_before:
            yield from lint.check_secrets(source)
        if not isinstance(source.data, dict):
            continue
        if not checked_before:  # a clean file's own text, values and shape gave nothing last time
            yield from _text_and_value_checks(kind, source)
        yield from _dated_checks(kind, source, context)
        yield from _kind_checks(kind, source, context, checked_before)


def _text_and_value_checks(kind: str, source) -> Iterator[Problem]:
    yield from lint.check_comment_trap(source)
    yield from lint.check_link_schemes(source)
    yield from findings.remembered(findings.key_of("values", kind, source), lambda: _value_checks(kind, source))


def _dated_checks(kind: str, source, context: _Context) -> Iterator[Problem]:
    options = context.options
    yield from reviews.check_review(source.rel, document_id(kind, source), source.data, options.today,
                                    options.warn_days, context.interval)
    if kind in ("playbook", "process"):
        yield from drills.check_drill(source.rel, document_id(kind, source), kind, source.data,
                                      options.today, options.warn_days, context.real_incidents)


def _kind_checks(kind: str, source, context: _Context, checked_before: bool) -> Iterator[Problem]:
    if kind == "escalation":
        yield from chains.check_chains(source)
    if kind in ("contacts", "templates", "playbook") and not checked_before:
        yield from findings.remembered(findings.key_of("shape", kind, source), lambda: _shape_checks(kind, source))
    elif kind == "card":
        yield from cards.check_card(source, context.playbook_data)
    elif kind == "incident":
        today = context.options.today
        yield from incidents.check_file_name(source)
        yield from incidents.check_times(source)
        yield from incidents.check_action_items(source, today, context.action_warn)
        yield from incidents.check_review_meeting(source, context.review_within, today)


def _value_checks(kind: str, source) -> Iterator[Problem]:
    """Checks of a file's own values only (remembered by caching.findings)."""
    yield from imported.check_missing_values(source)
    yield from imported.check_unsorted_notes(source)
    if kind != "contacts":  # contact fields: lint.check_placeholder_contacts
        yield from imported.check_placeholder_text(source)
    yield from examples.check_example_values(source)


def _shape_checks(kind: str, source) -> Iterator[Problem]:
    """Checks of one contacts, templates or playbook file's own structure (remembered)."""
    if kind == "contacts":
        yield from lint.check_placeholder_contacts(source)
    elif kind == "templates":
        yield from lint.check_template_placeholders(source)
    elif kind == "playbook":
        yield from playbooks.check_step_ids(source)
        yield from playbooks.check_decision_tree(source)
        yield from playbooks.check_self_reference(source)


def _alert_checks(root: Path, content: Content) -> Iterator[Problem]:
    from .alerts import content_checks

    yield from content_checks.check_previous_ids(content)
    yield from content_checks.check_alert_claims(content)
    yield from content_checks.check_rule_links(root, content)


def _drop_shadowed(problems: list[Problem]) -> list[Problem]:
    """A placeholder finding explains a value better than the schema's format error."""
    placeholders = {(p.file, p.path) for p in problems if p.code == "placeholder"}
    missing = {(p.file, p.path) for p in problems if p.code == "missing-value"}
    return [p for p in problems
            if not (p.code == "invalid-format" and (p.file, p.path) in placeholders)
            and not (p.code != "missing-value" and p.path and (p.file, p.path) in missing)]


def _sorted(problems: list[Problem]) -> list[Problem]:
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (p.file, p.line, p.column, p.level != ERROR, p.code))
