"""`playbook serve` keeps full garbage collections out of rebuilds, and still frees the garbage."""
from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
import time
import weakref

import pytest

from generator.caching import serve_gc


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only a collection frees it


def _wait_until(condition, seconds: float = 10.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


@pytest.fixture(autouse=True)
def only_explicit_collections():
    """Python's own collections are off, so that only serve_gc's free the cycles; nothing an
    earlier test's preview left (a count of builds, frozen objects) carries over."""
    serve_gc.stop()
    gc.disable()
    yield
    serve_gc.stop()
    gc.enable()


def test_what_lived_before_a_rebuild_is_frozen_during_it_and_freed_once_idle() -> None:
    old = _Node()
    gone = weakref.ref(old)
    serve_gc.pause()
    assert gc.get_freeze_count() > 0  # the rebuild's collections leave the old objects alone
    del old
    gc.collect()
    assert gone() is not None  # frozen: not even a full collection frees it during the rebuild
    serve_gc.resume(idle_seconds=0.05)
    assert gc.get_freeze_count() == 0
    assert _wait_until(lambda: gone() is None)  # the idle collection freed the old cycle


def test_rebuilds_with_no_idle_moment_still_collect_every_few_builds() -> None:
    """Run in a fresh interpreter: gc.freeze is process-wide, and a preview build another test left
    running in this worker's threads would freeze the cycle this test waits to see collected."""
    script = textwrap.dedent("""
        import gc, weakref
        from generator.caching import serve_gc

        class Node:
            def __init__(self):
                self.me = self

        gc.disable()
        old = Node()
        gone = weakref.ref(old)
        del old
        for _ in range(serve_gc.MAX_UNCOLLECTED):
            serve_gc.pause()
            serve_gc.resume(idle_seconds=3600)  # never idle long enough
        assert gone() is not None, "collected too early"
        serve_gc.pause()  # one rebuild too many: collected before it starts
        assert gone() is None, "still alive after MAX_UNCOLLECTED rebuilds"
        serve_gc.stop()
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
