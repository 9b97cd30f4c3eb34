"""Articles -> ArticleResults on a Dask cluster (``kgraph ingest --dask tcp://host:8786``).

:class:`DaskAnalyzer` is an :class:`~kgraph.analysis.Analyzer` whose :meth:`analyse` sends
chunks of articles to the workers of a ``dask.distributed`` cluster instead of forked
local processes.  Each worker process keeps ONE analyzer (the spaCy model is loaded once
per worker, on its first chunk) and runs parse + extract + within-article resolution;
only the small :class:`ArticleResult` objects come back (without the article text, which
the client still holds).  At most ``2 x`` the cluster's worker threads chunks are in
flight, and outcomes come back in input order, so :func:`kgraph.pipeline.ingest` is
unchanged: reading, the unchanged-article check, linking across articles and every write
stay in the one client process (one writer), which makes a Dask ingest give the same
graph as a local one.

Dask is optional (``pip install 'kgraph[dask]'``); this module imports it only when an
analyzer starts.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib.util
import threading
from collections import deque
from collections.abc import Iterator
from typing import Any

from kgraph.analysis import CHUNK_SIZE, Analyzer, Outcome
from kgraph.errors import ConfigError, InputError
from kgraph.models import Article, ArticleResult

LOCAL = "local"
"""``--dask local``: start a LocalCluster on this machine (127.0.0.1 only)."""

_ON_WORKER: dict[tuple[str | None, int, bool, int], Analyzer] = {}
"""The analyzers of this worker process, by (model, batch size, thread): loaded on first
use and kept for later ingests.  One per thread, as spaCy does not promise that one model
can parse in two threads at once; run workers with one thread (``--nthreads 1``)."""


def require_dask() -> None:
    """Raise a one-line error when dask.distributed is not installed."""
    if importlib.util.find_spec("distributed") is None:
        raise ConfigError(
            "--dask needs dask.distributed, which is not installed",
            "pip install 'kgraph[dask]'",
        )


class DaskAnalyzer(Analyzer):
    """Analyse articles on a Dask cluster: ``address`` is a scheduler (``tcp://host:8786``)
    or ``"local"`` for a LocalCluster of ``n_process`` single-threaded worker processes.

    Used like :class:`Analyzer`; the connection opens with the first chunk and
    :meth:`close` closes it (and stops a LocalCluster it started)."""

    def __init__(
        self, address: str, model: str | None = None, *, n_process: int = 2, **options: Any
    ):
        require_dask()
        super().__init__(model, n_process=1, **options)
        self.address = address
        self.local_workers = max(1, n_process)
        self.chunk_size = min(self.batch_size, CHUNK_SIZE)
        self._client: Any = None
        self._cluster: Any = None

    def start(self) -> None:
        """Connect to the scheduler (or start a LocalCluster) and check that every worker
        runs the same extractor and model as this client."""
        if self._client is not None:
            return
        from distributed import Client, LocalCluster

        try:
            if self.address == LOCAL:
                self._cluster = LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=self.local_workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                )
                self._client = Client(self._cluster)  # type: ignore[no-untyped-call]
            else:
                self._client = Client(self.address, timeout="30s")  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError, ValueError) as exc:
            self.close()
            raise ConfigError(
                f"cannot reach the Dask scheduler at {self.address} ({exc})",
                "start it with: dask scheduler (and dask worker tcp://HOST:8786 on each machine)",
            ) from None
        self._check_workers()

    def _check_workers(self) -> None:
        try:
            seen = self._client.run(worker_extractor, self.model)
        except Exception as exc:
            self.close()
            raise ConfigError(
                f"a Dask worker cannot load kgraph's analyzer ({type(exc).__name__}: {exc})",
                "install the same kgraph and spaCy model on every worker",
            ) from None
        wrong = {w: e for w, e in seen.items() if e != self.extractor}
        if wrong:
            worker, extractor = next(iter(wrong.items()))
            self.close()
            raise ConfigError(
                f"Dask worker {worker} runs extractor {extractor}, this client {self.extractor}",
                "install the same kgraph and spaCy model on every worker",
            )

    def close(self) -> None:
        """Close the connection; stop the LocalCluster if this analyzer started it."""
        client, cluster = self._client, self._cluster
        self._client = self._cluster = None
        if client is not None:
            with contextlib.suppress(Exception):
                client.close()
        if cluster is not None:
            with contextlib.suppress(Exception):
                cluster.close()

    def _window(self) -> int:
        """Chunks in flight: twice the cluster's worker threads (at least 2)."""
        threads: dict[str, int] = self._client.nthreads()
        return max(2, 2 * sum(threads.values()))

    def _analyse_chunks(self, chunks: Iterator[list[Article]]) -> Iterator[Outcome]:
        window: deque[tuple[list[Article], Any]] = deque()
        size = self._window()
        try:
            for n, chunk in enumerate(chunks, start=1):
                future = self._client.submit(
                    analyse_on_worker, chunk, self.model, self.batch_size, self.capitals, pure=False
                )
                window.append((chunk, future))
                if n % 64 == 0:  # workers may join or leave (adaptive clusters)
                    size = self._window()
                while len(window) >= size:
                    yield from self._collect(*window.popleft())
            while window:
                yield from self._collect(*window.popleft())
        finally:
            for _, future in window:  # interrupted: do not leave work on the cluster
                future.cancel()

    def _collect(self, chunk: list[Article], future: Any) -> Iterator[Outcome]:
        """The chunk's outcomes with the client's own articles put back; a chunk the
        cluster could not analyse (a worker died on it too often) fails its articles."""
        try:
            outcomes = future.result()
        except Exception as exc:
            reason = f"could not be analysed on the Dask cluster ({type(exc).__name__}: {exc})"
            for article in chunk:
                yield InputError(article.origin or article.id, reason)
            return
        for article, outcome in zip(chunk, outcomes, strict=True):
            if isinstance(outcome, ArticleResult):
                if outcome.extractor != self.extractor:  # a worker that joined since start
                    raise ConfigError(
                        f"a Dask worker runs extractor {outcome.extractor}, "
                        f"this client {self.extractor}",
                        "install the same kgraph and spaCy model on every worker",
                    )
                outcome.article = article
            yield outcome


def _worker_analyzer(model: str | None, batch_size: int, capitals: bool = True) -> Analyzer:
    key = (model, batch_size, capitals, threading.get_ident())
    if key not in _ON_WORKER:
        _ON_WORKER[key] = Analyzer(
            model, batch_size=batch_size, n_process=1, lang_check=False, capitals=capitals
        )
    return _ON_WORKER[key]


def worker_extractor(model: str | None) -> str:
    """The extractor version this worker would stamp on claims (run on each worker)."""
    return _worker_analyzer(model, 64).extractor


def analyse_on_worker(
    chunk: list[Article], model: str | None, batch_size: int, capitals: bool = True
) -> list[Outcome]:
    """Analyse a chunk with this worker's analyzer; results travel back without the
    article (the client puts its own copy back)."""
    outcomes = _worker_analyzer(model, batch_size, capitals).analyse_chunk(chunk)
    return [
        dataclasses.replace(o, article=_STUB) if isinstance(o, ArticleResult) else o
        for o in outcomes
    ]


_STUB = Article(id="", title="", text="")
"""What a result carries home instead of its article."""
