"""Batches written to the store in order, on a background thread.

A Neo4j write is mostly waiting on the server, so while one batch is being written the
pipeline goes on feeding the parser instead of letting it idle.  Only one batch is in
flight: memory stays flat and batches land in order.  A batch the store rejects is
written article by article, so one bad article is reported and the others still go in.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from kgraph.errors import InputError, Neo4jConnectionError, StoreError
from kgraph.models import ArticleResult, Merge
from kgraph.store.base import GraphStore, WriteStats

CHECKPOINT_SECONDS = 45
"""A long ingest into the embedded store saves its progress this often (each save is
one committed transaction, which readers see); with batches handed over every 15 s at
most (``pipeline.WRITE_SECONDS``), a crash loses at most about a minute of work.  The
first batch is saved at once, so an ingest shows its first articles early."""


@dataclass(slots=True)
class BatchOutcome:
    """What writing one batch did."""

    written: list[ArticleResult] = field(default_factory=list)
    failed: list[InputError] = field(default_factory=list)
    stats: WriteStats = field(default_factory=WriteStats)
    merges: int = 0


def write_batch(
    store: GraphStore, results: Sequence[ArticleResult], merges: Sequence[Merge]
) -> BatchOutcome:
    """Write a batch in one go, or article by article if the store rejects it."""
    outcome = BatchOutcome(merges=len(merges))
    try:
        outcome.stats.add(store.write(results, merges))
        outcome.written.extend(results)
        return outcome
    except Neo4jConnectionError:
        raise
    except StoreError:
        if len(results) <= 1 and not merges:
            raise
    outcome.stats.add(store.write([], merges))
    for result in results:
        try:
            outcome.stats.add(store.write([result]))
            outcome.written.append(result)
        except Neo4jConnectionError:
            raise
        except StoreError as exc:
            origin = result.article.origin or result.article.id
            outcome.failed.append(InputError(origin, f"could not be stored ({exc})"))
    return outcome


class BatchWriter:
    """Writes batches one at a time on a background thread."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._pool = ThreadPoolExecutor(1, "kgraph-writer")
        self._pending: Future[BatchOutcome] | None = None
        self._last_flush: float | None = None  # the first batch is saved at once

    def submit(self, results: list[ArticleResult], merges: list[Merge]) -> BatchOutcome | None:
        """Queue a batch; returns the outcome of the batch written before it, if any."""
        previous = self.finish()
        self._pending = self._pool.submit(self._write, results, merges)
        return previous

    def finish(self) -> BatchOutcome | None:
        """Wait for the batch in flight; its outcome (errors raised here)."""
        pending, self._pending = self._pending, None
        return pending.result() if pending is not None else None

    def close(self) -> None:
        self._pool.shutdown(wait=True)

    def _write(self, results: list[ArticleResult], merges: list[Merge]) -> BatchOutcome:
        outcome = write_batch(self.store, results, merges)
        last = self._last_flush
        if last is None or time.monotonic() - last > CHECKPOINT_SECONDS:
            self.store.flush()
            self._last_flush = time.monotonic()
        return outcome
