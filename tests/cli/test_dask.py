"""``kgraph ingest --dask``: the graph from a Dask ingest is the graph of a local ingest.

A 2-worker LocalCluster (worker processes, one thread each, 127.0.0.1 only) stands in for
a real cluster; the CLI reaches it by its ``tcp://`` address exactly as it would reach
``dask scheduler`` on another machine.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kgraph.cli import app
from kgraph.store.local import LocalStore
from tests.integration.snapshot import Snapshot, local_snapshot

distributed = pytest.importorskip("distributed")

REPO = Path(__file__).resolve().parents[2]
ARTICLES = [str(REPO / "tests" / "data" / "news"), str(REPO / "examples")]
# Chunks of 2 articles: the 13 articles travel as 7 tasks, so results come back from
# both workers, out of order, and must still be linked in input order.
OPTIONS = ["--batch-size", "2", "--quiet", "--json"]


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        yield cluster.scheduler_address


def _ingest(runner: CliRunner, store: Path, *extra: str) -> str:
    result = runner.invoke(app, ["ingest", "--store", str(store), *OPTIONS, *extra, *ARTICLES])
    assert result.exit_code == 0, result.output
    return result.output


def _snapshot(path: Path) -> Snapshot:
    store = LocalStore(path)
    try:
        return local_snapshot(store)
    finally:
        store.close()


def test_dask_ingest_gives_the_local_graph(
    runner: CliRunner, workdir: Path, scheduler: str
) -> None:
    _ingest(runner, workdir / "local.kg", "--processes", "2")
    out = _ingest(runner, workdir / "dask.kg", "--dask", scheduler)
    assert '"articles_new": 13' in out
    local, dask = _snapshot(workdir / "local.kg"), _snapshot(workdir / "dask.kg")
    assert len(local["claims"]) > 50 and len(local["entities"]) > 20
    for kind in local:  # articles, entities, claims, facts (with counts), mentions
        assert dask[kind] == local[kind], kind
    # Re-ingesting through the cluster finds every article unchanged (same extractor).
    again = _ingest(runner, workdir / "dask.kg", "--dask", scheduler)
    assert '"articles_unchanged": 13' in again


def test_a_worker_with_another_extractor_is_refused(
    scheduler: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kgraph.distributed import DaskAnalyzer
    from kgraph.errors import ConfigError
    from kgraph.readers import iter_articles

    analyzer = DaskAnalyzer(scheduler)
    analyzer.extractor = "kgraph-extract-0+other_model-0"
    with analyzer, pytest.raises(ConfigError, match="runs extractor"):
        list(
            analyzer.analyse(a for a in iter_articles(ARTICLES[1:]) if not isinstance(a, Exception))
        )


def test_a_result_from_a_worker_that_joined_later_is_checked_too(
    scheduler: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kgraph.distributed import DaskAnalyzer
    from kgraph.errors import ConfigError
    from kgraph.readers import iter_articles

    monkeypatch.setattr(DaskAnalyzer, "_check_workers", lambda self: None)
    analyzer = DaskAnalyzer(scheduler)
    analyzer.extractor = "kgraph-extract-0+other_model-0"
    articles = [a for a in iter_articles(ARTICLES[1:]) if not isinstance(a, Exception)]
    with analyzer, pytest.raises(ConfigError, match="runs extractor"):
        list(analyzer.analyse(articles))


def test_dask_flag_without_dask_installed_is_one_line(
    runner: CliRunner, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "distributed" else real(name, *a),
    )
    result = runner.invoke(app, ["ingest", "--dask", "tcp://127.0.0.1:8786", *ARTICLES])
    assert result.exit_code == 2
    assert "pip install 'kgraph[dask]'" in result.output
    assert "Traceback" not in result.output
