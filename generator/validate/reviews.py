"""Review dates: due = last_reviewed + interval; overdue fails the build."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterator

from ..load.durations import add_interval, parse_date
from ..problems import ERROR, WARNING, Problem

DEFAULT_INTERVAL = "quarterly"
OK, DUE_SOON, OVERDUE, INVALID = "ok", "due soon", "overdue", "invalid"


def default_interval(organization: dict) -> str:
    """organization.yaml review_defaults.interval, else quarterly (tolerates invalid content)."""
    defaults = organization.get("review_defaults")
    interval = defaults.get("interval") if isinstance(defaults, dict) else None
    return interval if isinstance(interval, str) and interval else DEFAULT_INTERVAL


@dataclass(frozen=True)
class ReviewStatus:
    """Where one document stands with its review."""

    last_reviewed: date
    interval: str
    due: date
    status: str
    days_left: int


def review_status(review: dict, today: date, warn_days: int, default_interval: str) -> ReviewStatus | None:
    last = parse_date(review.get("last_reviewed"))
    interval = review.get("interval") or default_interval
    if last is None:
        return None
    try:
        due = add_interval(last, interval)
    except ValueError:
        return None
    days_left = (due - today).days
    if last > today:
        status = INVALID
    elif days_left < 0:
        status = OVERDUE
    elif days_left <= warn_days:
        status = DUE_SOON
    else:
        status = OK
    return ReviewStatus(last, interval, due, status, days_left)


def check_review(rel: str, doc_id: str, data: dict, today: date, warn_days: int,
                 default_interval: str) -> Iterator[Problem]:
    """Overdue reviews are errors, reviews due within warn_days are warnings."""
    review = data.get("review")
    if not isinstance(review, dict):
        return
    state = review_status(review, today, warn_days, default_interval)
    if state is None:
        return
    owner = review.get("owner", "OWNER")
    signoff = f"playbook review {doc_id} --by {owner}"
    path = ("review", "last_reviewed")
    if state.status == INVALID:
        yield Problem(rel, "review-in-future", f"review.last_reviewed: {state.last_reviewed} is in the "
                      f"future (today is {today})", path=path, level=ERROR,
                      hint="set it to the date the review actually happened")
    elif state.status == OVERDUE:
        yield Problem(rel, "review-overdue", f"review: overdue since {state.due} "
                      f"({-state.days_left} days); last reviewed {state.last_reviewed}, interval "
                      f"{state.interval}, owner {owner}", path=path, level=ERROR,
                      hint=f"if it is still correct, run: {signoff}; otherwise update it first")
    elif state.status == DUE_SOON:
        yield Problem(rel, "review-due-soon", f"review: due on {state.due} (in {state.days_left} "
                      f"days), owner {owner}", path=path, level=WARNING,
                      hint=f"when reviewed, run: {signoff}")
