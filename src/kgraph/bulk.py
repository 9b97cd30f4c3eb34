"""A first load of articles into a new local Neo4j database with ``neo4j-admin import``.

The articles are read, analysed and linked exactly as ``kgraph ingest`` does, into the
embedded store's graph held in memory (the same write path and aggregation rules the
stores share), so the result is the graph a normal Neo4j ingest builds.  That graph is
written as CSV files (:mod:`kgraph.store.neo4j_export`), the import tool builds the
database from them, and the server is started; opening the Neo4j store then creates its
constraints and indexes.  Later ``kgraph ingest --neo4j`` runs continue from the imported
database as from any other.

Only an empty database is filled, and no server runs while the articles are parsed, so
the parser has every core.  A new instance (one that never ran: no database on disk) is
imported into before its first start; the import tool itself refuses a database that
appeared meanwhile.  An existing instance is checked to hold nothing (started for that if
it is stopped) and stopped before any article is read; it runs again afterwards, whether
the import happened or not.
"""

from __future__ import annotations

import contextlib
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from kgraph import server
from kgraph.analysis import Analyzer
from kgraph.atomic import write_atomic
from kgraph.config import Neo4jSettings
from kgraph.errors import KGraphError, ServerError, StoreError
from kgraph.events import Event, EventHandler, ignore
from kgraph.models import IngestSummary
from kgraph.pipeline import ingest
from kgraph.resolve.aliases import AliasTable
from kgraph.server.bulk import DATABASE, run_import
from kgraph.server.config import render_conf
from kgraph.store.local import LocalStore
from kgraph.store.neo4j import Neo4jStore
from kgraph.store.neo4j_export import (
    ARRAY_DELIMITER,
    ExportedFiles,
    empty_list_statements,
    export_graph,
)

INDEX_WAIT_SECONDS = 600


def local_settings(cfg: server.ServerConfig) -> Neo4jSettings:
    """How to reach the instance's database (its stored password)."""
    credentials = server.local_credentials(cfg)
    if credentials is None:
        raise ServerError(f"the Neo4j instance in {cfg.home} has no password file")
    uri, user, password = credentials
    return Neo4jSettings(uri=uri, user=user, password=password, database=DATABASE)


def require_empty(settings: Neo4jSettings, cfg: server.ServerConfig) -> None:
    """StoreError unless the database holds no node (and so no relationship)."""
    store = Neo4jStore(settings)
    try:
        count = store.query("MATCH (n) RETURN count(n) AS n").rows[0][0]
    finally:
        store.close()
    if count:
        raise StoreError(
            f"the Neo4j database {DATABASE!r} of {cfg.home} is not empty ({count:,} nodes); "
            "kgraph neo4j import only builds a new database and changed nothing",
            "add articles with kgraph ingest --neo4j, or start afresh with kgraph neo4j reset",
        )


def is_new(cfg: server.ServerConfig) -> bool:
    """Whether the instance never ran: no database exists, so none can be destroyed."""
    return not server.status(cfg).running and not (cfg.data_dir / "databases").exists()


def bulk_import(
    paths: Sequence[str],
    analyzer: Analyzer,
    cfg: server.ServerConfig,
    *,
    stdin: TextIO | None = None,
    on_event: EventHandler = ignore,
    aliases: AliasTable | None = None,
) -> IngestSummary:
    """Analyse the articles and import their graph into the instance's empty database;
    the server runs afterwards (a new instance into which nothing was imported stays
    new).  Returns the ingest summary, counted over the whole run."""
    started = time.perf_counter()
    new = is_new(cfg)
    if not new:
        server.start(cfg)  # returns at once when it runs
        require_empty(local_settings(cfg), cfg)
        server.stop(cfg)
    try:
        summary = _analyse_and_import(paths, analyzer, cfg, new, stdin, on_event, aliases)
    except BaseException:
        if not new:
            with contextlib.suppress(KGraphError):  # the first error is the one to show
                server.start(cfg)
        raise
    if not new and not summary.articles_new:
        server.start(cfg)  # running again, as after an import
    summary.seconds = time.perf_counter() - started
    return summary


def _analyse_and_import(
    paths: Sequence[str],
    analyzer: Analyzer,
    cfg: server.ServerConfig,
    new: bool,
    stdin: TextIO | None,
    on_event: EventHandler,
    aliases: AliasTable | None,
) -> IngestSummary:
    """Build the graph in memory, write it as import files, import them into the
    stopped instance and create the store's schema; nothing when no article is new."""
    cfg.home.mkdir(mode=0o700, parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".kgraph-import-", dir=cfg.home) as tmp:
        # Held in memory and never saved: the store is not opened for writing its file.
        store = LocalStore(Path(tmp) / "graph.db")
        try:
            summary = ingest(
                paths, store, analyzer, stdin=stdin, on_event=on_event, aliases=aliases
            )
            if not summary.articles_new:
                return summary
            on_event(Event("phase", phase="writing import files"))
            files = export_graph(store.graph, Path(tmp) / "csv")
        finally:
            store.close()
        del store
        on_event(Event("phase", phase="importing"))
        _import(cfg, files, new)
    on_event(Event("phase", phase="starting Neo4j"))
    server.start(cfg)
    _finish(local_settings(cfg), files)
    return summary


def _import(cfg: server.ServerConfig, files: ExportedFiles, new: bool) -> None:
    """Run the import on the stopped instance: a new one's database must not exist, an
    existing one's (checked empty before the analysis) is replaced."""
    if new:
        # The configuration the server will run with, so the import writes where it reads.
        write_atomic(cfg.conf_file, render_conf(cfg), mode=0o600)
    elif server.status(cfg).running:
        raise ServerError(
            f"the Neo4j instance in {cfg.home} was started while the articles were analysed; "
            "kgraph neo4j import changed nothing",
            "stop it and run the import again",
        )
    run_import(
        cfg,
        files.nodes,
        files.relationships,
        array_delimiter=ARRAY_DELIMITER,
        overwrite=not new,
    )


def _finish(settings: Neo4jSettings, files: ExportedFiles) -> None:
    """Create the store's schema, give empty lists back and wait for the indexes.  (The
    summary's totals are the in-memory graph's: the database holds the same graph.)"""
    store = Neo4jStore(settings)  # runs the schema statements
    try:
        with store.driver.session(database=settings.database) as session:
            for statement in empty_list_statements(files.empty_lists):
                # Fixed text from the schema's names (checked there), no data in it.
                session.run(statement).consume()
            session.run("CALL db.awaitIndexes($s)", s=INDEX_WAIT_SECONDS).consume()
    finally:
        store.close()
