"""Python's full garbage collections kept out of `playbook serve` rebuilds.

A preview process holds everything the last build made (the model, every page's
snapshot and search entries, the theme's templates): at 1,000 playbooks, every
full collection Python starts during a rebuild walked all of it, about 0.4 s,
and one or two ran in every rebuild (a third of its CPU; measured with
gc.callbacks in benchmarks/serve_rebuild.py). While a rebuild runs, what existed
before it is frozen (``gc.freeze``: left out of collections; objects whose
last reference goes are still freed at once); when it ends, they are unfrozen, and the full collection that frees the previous build's garbage
runs once the preview has been idle for IDLE_SECONDS, after the browser has
reloaded. Young objects made by the rebuild are collected as always.
"""
from __future__ import annotations

import gc
import threading

IDLE_SECONDS = 2.0
MAX_UNCOLLECTED = 5  # rebuilds in a row without an idle moment: collect before the next one
_pending: dict = {"timer": None, "uncollected": 0}
_lock = threading.Lock()


def _cancel() -> None:
    timer, _pending["timer"] = _pending["timer"], None
    if timer is not None:
        timer.cancel()


def pause() -> None:
    """A rebuild starts: what is alive now is left out of collections until it ends."""
    with _lock:
        _cancel()
        if _pending["uncollected"] >= MAX_UNCOLLECTED:
            gc.collect()  # edits saved faster than IDLE_SECONDS: the garbage must still go
            _pending["uncollected"] = 0
        gc.freeze()


def resume(idle_seconds: float = IDLE_SECONDS) -> None:
    """The rebuild ended (or failed): unfreeze, and collect fully once the preview is idle."""
    with _lock:
        _cancel()
        gc.unfreeze()
        _pending["uncollected"] += 1
        timer = threading.Timer(idle_seconds, _collect)
        timer.daemon = True
        _pending["timer"] = timer
        timer.start()


def _collect() -> None:
    with _lock:
        if gc.get_freeze_count():
            return  # a rebuild started meanwhile: its end schedules the collection again
        _pending["timer"], _pending["uncollected"] = None, 0
    gc.collect()


def stop() -> None:
    """The server stops: nothing stays frozen, no collection is pending or counted."""
    with _lock:
        _cancel()
        _pending["uncollected"] = 0
        gc.unfreeze()
