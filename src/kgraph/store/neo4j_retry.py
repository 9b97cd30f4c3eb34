"""Transactions against Neo4j, retried by kgraph rather than by the driver.

The driver retries every failed transaction for up to 30 s whatever the cause, so a dead
server made every store operation wait in turn.  A deadlock between concurrent ingests is
worth waiting for; a server that refuses connections for a few seconds is gone.  So the
driver is created without retries and each transaction here is retried for up to
:data:`DEADLOCK_SECONDS` on transient errors and :data:`LOST_SECONDS` on a lost
connection.  Each retry is logged under the driver's logger, so the CLI counts it with
the driver's own warnings (see :mod:`kgraph.cli.driverlog`).
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import Any, TypeVar

import neo4j
from neo4j import exceptions as neo4j_errors

DEADLOCK_SECONDS = 30.0
LOST_SECONDS = 3.0
FIRST_DELAY = 0.2
MAX_DELAY = 2.0

log = logging.getLogger("neo4j.kgraph")
T = TypeVar("T")

LOST = (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired)
CONCURRENTLY_DELETED = "Neo.ClientError.Statement.EntityNotFound"
"""A node or relationship the transaction had found was deleted by another one before it
was read (Neo4j reads committed data): the transaction is worth running again."""


def _retryable(exc: neo4j_errors.Neo4jError) -> bool:
    return exc.is_retryable() or exc.code == CONCURRENTLY_DELETED


def run_transaction(
    driver: neo4j.Driver,
    database: str | None,
    work: Callable[..., T],
    *args: Any,
    write: bool = True,
) -> T:
    """``work(tx, *args)`` in a read or write transaction, retried as above."""
    access = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
    started = time.monotonic()
    delay = FIRST_DELAY
    while True:
        try:
            with driver.session(database=database, default_access_mode=access) as session:
                run = session.execute_write if write else session.execute_read
                return run(work, *args)
        except LOST as exc:
            if time.monotonic() - started + delay > LOST_SECONDS:
                raise
            error: Exception = exc
        except neo4j_errors.Neo4jError as exc:
            if not _retryable(exc) or time.monotonic() - started > DEADLOCK_SECONDS:
                raise
            error = exc
        log.warning("Transaction failed and will be retried in %.1fs (%s)", delay, error)
        time.sleep(delay * random.uniform(0.8, 1.2))
        delay = min(delay * 2, MAX_DELAY)
