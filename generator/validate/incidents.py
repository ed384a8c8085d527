"""Post-mortem front matter: times in order, action items not forgotten, reviews held."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Iterator

from ..load.durations import human, minutes, parse_date
from ..problems import WARNING, Problem
from ..load.yamlio import Source

TIME_FORMAT = "%Y-%m-%d %H:%M"
MOMENTS = ("started", "detected", "mitigated", "resolved")


def parse_time(text: object) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        return datetime.strptime(text, TIME_FORMAT)
    except ValueError:
        return None


_FILE_NAME = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}-[a-z0-9][a-z0-9-]*\.md$")


def check_file_name(source: Source) -> Iterator[Problem]:
    """File names become page URLs: keep them to YYYY-MM-DD-slug.md."""
    name = source.rel.rsplit("/", 1)[-1]
    if not _FILE_NAME.match(name):
        yield Problem(source.rel, "file-name", f"file name '{name}' is not YYYY-MM-DD-slug.md",
                      line=1, column=1, hint="rename it, e.g. 2026-10-14-database-connection-pool-exhausted.md "
                                             "(lower-case letters, digits and hyphens)")


def check_times(source: Source) -> Iterator[Problem]:
    """Every time is real, and started <= detected <= mitigated <= resolved."""
    previous: tuple[str, datetime] | None = None
    for key in MOMENTS:
        text = source.data.get(key)
        if not isinstance(text, str):
            continue
        moment = parse_time(text)
        if moment is None:
            yield Problem(source.rel, "invalid-time", f"{key}: {text!r} is not a real date and time",
                          path=(key,), hint="use YYYY-MM-DD HH:MM with hours 00-23, e.g. 2026-10-14 14:05")
            continue
        if previous and moment < previous[1]:
            yield Problem(source.rel, "time-order", f"{key}: {text} is before {previous[0]} "
                          f"({source.data[previous[0]]})", path=(key,),
                          hint="times go in order: started, detected, mitigated, resolved")
        previous = (key, moment)


def check_action_items(source: Source, today: date, warn_days: int) -> Iterator[Problem]:
    """Open action items past their due date fail the check, like stale reviews."""
    for index, item in enumerate(source.data.get("action_items") or []):
        if not isinstance(item, dict) or item.get("done") is True:
            continue
        due = parse_date(item.get("due"))
        if due is None:
            continue
        path = ("action_items", index, "due")
        what = f"action_items[{index}]: {item.get('action', '')!r}"
        owner = item.get("owner", "?")
        if due < today:
            yield Problem(source.rel, "action-overdue", f"{what} was due on {due} ({(today - due).days} "
                          f"days ago) and is still open, owner {owner}", path=path,
                          hint="set done: true when it is finished, or agree a new due date")
        elif (due - today).days <= warn_days:
            yield Problem(source.rel, "action-due-soon", f"{what} is due on {due} (in "
                          f"{(due - today).days} days), owner {owner}", path=path, level=WARNING)


def review_due(data: dict, review_within: dict[str, str]) -> date | None:
    """When the review meeting must have happened by, or None if none is required."""
    within = review_within.get(data.get("severity", ""))
    resolved = parse_time(data.get("resolved"))
    if within is None or resolved is None:
        return None
    return (resolved + timedelta(minutes=minutes(within) or 0)).date()


def check_review_meeting(source: Source, review_within: dict[str, str], today: date) -> Iterator[Problem]:
    """A post-mortem whose review meeting is past due and not recorded fails the check."""
    data = source.data
    if data.get("review_meeting") or data.get("status") == "closed":
        return
    due = review_due(data, review_within)
    if due is not None and today > due:
        within = review_within[data["severity"]]
        yield Problem(source.rel, "postmortem-review-overdue", f"review meeting was due by {due} "
                      f"({human(within)} after resolution for {data['severity']}) and is not recorded",
                      path=("resolved",), hint="hold the review, then add review_meeting: YYYY-MM-DD "
                                               "and set status: in review or closed")
