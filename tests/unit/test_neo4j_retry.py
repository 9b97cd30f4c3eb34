"""kgraph's own transaction retries: a server that is gone is given up on after a few
attempts, not after the driver's 30 s of them."""

from __future__ import annotations

import logging
import socket

import neo4j
import pytest
from neo4j import exceptions as neo4j_errors

from kgraph.store import neo4j_retry
from kgraph.store.neo4j_retry import CONCURRENTLY_DELETED, _retryable


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_lost_server_is_given_up_on_after_a_few_retries(
    caplog: pytest.LogCaptureFixture,
) -> None:
    uri = f"bolt://127.0.0.1:{_closed_port()}"
    calls: list[int] = []
    with (
        neo4j.GraphDatabase.driver(uri, auth=("neo4j", "x"), max_transaction_retry_time=0) as drv,
        caplog.at_level(logging.WARNING, logger="neo4j.kgraph"),
        pytest.raises(neo4j_errors.ServiceUnavailable),
    ):
        neo4j_retry.run_transaction(drv, None, lambda tx: calls.append(1))
    retries = [r for r in caplog.records if r.name == "neo4j.kgraph"]
    assert 1 <= len(retries) <= 5
    assert all("will be retried" in r.getMessage() for r in retries)
    assert not calls  # never connected, so the work never ran


def test_a_node_deleted_by_a_concurrent_transaction_is_worth_a_retry() -> None:
    hydrate = neo4j_errors.Neo4jError._hydrate_neo4j
    deleted = hydrate(code=CONCURRENTLY_DELETED, message="Unable to load NODE 4:x:1.")
    assert _retryable(deleted)
    syntax = hydrate(code="Neo.ClientError.Statement.SyntaxError", message="Invalid input")
    assert not _retryable(syntax)
