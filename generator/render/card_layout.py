"""Desk-card layout by WeasyPrint, in this process or in a child whose memory goes back.

Laying the example's two cards out costs a process about 50 MB (WeasyPrint's
import, its fonts and the layout) that Python does not return: at 5,000
playbooks that was the difference between a cold build's peak and the 300 MiB
goal. `playbook build` therefore lays out the cards its cache does not hold in
one child process (``python -m generator.render.card_layout``), which exits
when they are done. The parent renders every page the layout may need (the
one-column measuring page, and the two-column page for each possible split)
and the child runs the same functions render_card runs in process, so the
split, PDF, page count, overflow and section heights are the same
(tests/test_card_layout_apart.py). If the child cannot run or fails, the
cards are laid out in this process, with the errors that gives.

Only WeasyPrint and the standard library are imported here, so the child
loads nothing else.
"""
from __future__ import annotations

import base64
import json
import logging
import os
import subprocess
import sys
import threading
from typing import Any, Callable, Iterable

_log = logging.getLogger(__name__)
CHILD_TIMEOUT = 600  # seconds; a card lays out in about one


def refuse_fetch(url: str, *args, **kwargs):
    """Content comes from pull requests: WeasyPrint may fetch nothing at all."""
    raise ValueError(f"fetching {url!r} is not allowed while rendering a card")


def layout(html: str):
    from weasyprint import HTML  # imported lazily: it is slow to import and only cards need it

    return HTML(string=html, url_fetcher=refuse_fetch).render()


def section_boxes(document) -> Iterable[tuple[int, int, Any]]:
    """(page number, section index, box) for every laid-out card section."""
    for number, page in enumerate(document.pages):
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if element is not None and getattr(box, "element_tag", "") == "section":
                ident = element.get("id", "")
                if ident.startswith("sec-"):
                    yield number, int(ident[4:]), box


def heights(document) -> dict[int, float]:
    """Height of each section (its tallest box), by index."""
    found: dict[int, float] = {}
    for _, index, box in section_boxes(document):
        found[index] = max(found.get(index, 0), box.margin_height())
    return found


def shares(document) -> list[tuple[int, float]]:
    """(section index, share of a page) of each section, in the order they were laid out."""
    page_height = document.pages[0]._page_box.height
    return [(index, height / page_height) for index, height in heights(document).items()]


def overflow(document) -> float:
    """How much of a page the content after page one takes, as a share of one page."""
    if len(document.pages) <= 1:
        return 0.0
    first = document.pages[0]._page_box
    top, height = first.content_box_y(), first.height
    bottoms: dict[int, float] = {}
    for number, _, box in section_boxes(document):
        if number:
            bottoms[number] = max(bottoms.get(number, top), box.position_y + box.margin_height())
    return sum(bottom - top for bottom in bottoms.values()) / height


def balanced_split(section_heights: list[float]) -> int:
    """How many sections (in order) go left so the taller column is as short as possible."""
    best, best_height = 0, float("inf")
    for split in range(len(section_heights) + 1):
        tallest = max(sum(section_heights[:split]), sum(section_heights[split:]))
        if tallest < best_height:
            best, best_height = split, tallest
    return best


def lay_out_job(job: dict) -> dict:
    """One card: ``measure`` (None when the split is known), ``sections`` (how many) and
    ``pages`` (split -> two-column HTML). The split, PDF, page count, overflow and shares."""
    pages = {int(split): html for split, html in job["pages"].items()}
    if job.get("measure") is None:
        (split,) = pages
    else:
        measured = heights(layout(job["measure"]))
        split = balanced_split([measured.get(index, 0.0) for index in range(job["sections"])])
    document = layout(pages[split])
    return {"split": split, "pdf": document.write_pdf(), "pages": len(document.pages),
            "overflow": overflow(document), "shares": shares(document)}


def _encoded(result: dict) -> dict:
    return {**result, "pdf": base64.b64encode(result["pdf"]).decode("ascii")}


def _decoded(result: dict) -> dict:
    return {**result, "pdf": base64.b64decode(result["pdf"]),
            "shares": [(int(index), float(share)) for index, share in result["shares"]]}


def lay_out_apart(jobs: list[dict]) -> list[dict] | None:
    """The jobs laid out by a child process, or None when it could not (lay out here then)."""
    if not jobs or not sys.executable:
        return None
    try:
        done = subprocess.run([sys.executable, "-m", __name__], input=json.dumps(jobs).encode("utf-8"),
                              capture_output=True, timeout=CHILD_TIMEOUT, env=os.environ.copy())
    except (OSError, subprocess.SubprocessError) as error:
        _log.debug("card layout child did not run: %s", error)
        return None
    if done.returncode != 0:
        _log.debug("card layout child exited %s: %s", done.returncode,
                   done.stderr.decode("utf-8", "replace")[-2000:])
        return None
    try:
        results = [_decoded(result) for result in json.loads(done.stdout)]
    except (ValueError, KeyError, TypeError) as error:
        _log.debug("card layout child answered what is not its results: %s", error)
        return None
    return results if len(results) == len(jobs) else None


def start_apart(jobs: list[dict]) -> Callable[[], list[dict] | None]:
    """``lay_out_apart`` begun now in a thread (the child runs beside this process); the returned
    function waits for it and answers what ``lay_out_apart`` would have."""
    answer: list = []
    worker = threading.Thread(target=lambda: answer.append(lay_out_apart(jobs)), daemon=True)
    worker.start()

    def collect() -> list[dict] | None:
        worker.join()
        return answer[0] if answer else None

    return collect


def main() -> None:
    """The child: jobs as JSON on stdin, results as JSON on stdout."""
    jobs = json.loads(sys.stdin.buffer.read())
    sys.stdout.write(json.dumps([_encoded(lay_out_job(job)) for job in jobs]))


if __name__ == "__main__":
    main()
