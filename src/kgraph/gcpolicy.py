"""Garbage-collector settings for bulk work.

An ingest makes millions of small objects that die young (results, rows, parameters),
and very few reference cycles.  With Python's default thresholds the collector runs
every 700 allocations and keeps walking the same long-lived objects (the entity index)
to find almost nothing: in the main process of an ingest of 1,000 news articles that was
about a quarter of its CPU.  Objects without cycles are freed as soon as they are
unreferenced whatever the thresholds, so only the rare cycles wait longer.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

BULK_THRESHOLDS = (50_000, 20, 100)
"""Allocations before a young collection, and young (middle) collections before a
middle (full) one; Python's defaults are (700, 10, 10)."""


@contextmanager
def bulk_collection() -> Iterator[None]:
    """Collect less often inside the block (usable as a decorator); the previous
    thresholds come back afterwards."""
    before = gc.get_threshold()
    gc.set_threshold(*BULK_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)
