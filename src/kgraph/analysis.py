"""Articles -> ArticleResults: parse, extract and resolve, in parallel worker processes.

The parser is the limit, so with ``n_process > 1`` articles are analysed in forked worker
processes that each hold the model (shared copy-on-write with the parent) and run
parse + extract + resolve on a chunk of articles.  Only the small results travel back,
not the parsed Docs -- cheaper than spaCy's own ``n_process``, which ships every Doc to
the parent.  At most ``2 * n_process`` chunks are in flight, so memory stays flat however
many articles stream through, and results come back in input order.
"""

from __future__ import annotations

import gc
import itertools
import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from functools import cached_property
from multiprocessing.pool import AsyncResult, Pool
from types import TracebackType
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kgraph import nlp as nlp_mod
from kgraph.errors import InputError
from kgraph.extract import EXTRACTOR_VERSION, extract_doc
from kgraph.models import Article, ArticleResult, EntityMention
from kgraph.resolve import resolve_article
from kgraph.resolve.names import NAMED_LABELS

log = logging.getLogger(__name__)

Outcome = ArticleResult | InputError
"""What analysing one article gives: its result, or why it could not be analysed."""

MAX_LENGTH = 1_000_000
"""Characters per article: spaCy's default ``max_length`` (the parser's memory grows with
document length)."""

_WORKER: Analyzer | None = None
"""The analyzer a forked worker process inherits from its parent."""


class Analyzer:
    """Parse, extract and resolve articles with one loaded spaCy model.

    Use as a context manager when ``n_process > 1`` so the worker processes are started
    (before any threads or connections exist) and stopped::

        with Analyzer(n_process=2) as analyzer:
            for outcome in analyzer.analyse(articles): ...
    """

    def __init__(
        self,
        model: str | None = None,
        *,
        batch_size: int = 64,
        n_process: int = 1,
        capitals: bool = True,
    ):
        self.model = model
        self.capitals = capitals
        self.extractor = f"{EXTRACTOR_VERSION}+{nlp_mod.installed_model_id(model)}"
        self.batch_size = batch_size
        self.n_process = n_process
        self._pool: Pool | None = None

    @cached_property
    def nlp(self) -> Language:
        """The model, loaded on first use: re-ingesting unchanged articles never needs it.

        Its objects are then frozen out of the garbage collector: full collections no
        longer walk the model's tables (a fifth of the extraction time), and forked
        workers keep sharing its memory pages instead of copying them."""
        model = nlp_mod.load_model(self.model)
        gc.freeze()
        return model

    @cached_property
    def lemma(self) -> nlp_mod.Lemmatizer:
        return nlp_mod.lemmatizer_for(self.nlp)

    def __enter__(self) -> Analyzer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def start(self) -> None:
        """Load the model and fork the worker processes (no-op with one process)."""
        global _WORKER
        if self.n_process <= 1 or self._pool is not None:
            return
        _ = self.lemma  # load the model before forking: workers share its memory
        _WORKER = self
        context = multiprocessing.get_context("fork")
        self._pool = context.Pool(self.n_process, initializer=_init_worker)

    def close(self) -> None:
        """Stop the worker processes (the next :meth:`analyse` starts them again)."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def check(self, article: Article) -> InputError | None:
        """An error if the article cannot be parsed (too long for the model)."""
        if len(article.document) > MAX_LENGTH:
            return InputError(
                article.origin or article.id,
                f"article is {len(article.document):,} characters, "
                f"over the parser's limit of {MAX_LENGTH:,}",
                "split it into smaller articles",
            )
        return None

    def result(self, doc: Doc, article: Article) -> ArticleResult:
        """Relations of a parsed article, resolved to entities and claims."""
        relations = extract_doc(doc, lemma=self.lemma)
        entities = [
            EntityMention(e.text, e.start_char, e.end_char, e.label_)
            for e in doc.ents
            if e.label_ in NAMED_LABELS
        ]
        sentences = [(s.start_char, s.end_char) for s in doc.sents]
        return resolve_article(
            article, relations, entities, sentences, self.extractor, capitals=self.capitals
        )

    def analyse_chunk(self, articles: list[Article]) -> list[Outcome]:
        """Analyse articles in this process; one failing article does not stop the rest."""
        outcomes: list[Outcome] = []
        docs = self.nlp.pipe((a.document for a in articles), batch_size=self.batch_size)
        for article, doc in zip(articles, docs, strict=True):
            try:
                outcomes.append(self.result(doc, article))
            except Exception as exc:  # a bug on one article must not lose the batch
                log.debug("analysis failed for %s", article.origin, exc_info=True)
                outcomes.append(
                    InputError(
                        article.origin or article.id,
                        f"could not be analysed ({type(exc).__name__}: {exc})",
                    )
                )
        return outcomes

    def analyse(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        """Outcomes in input order, analysed in chunks of ``batch_size`` articles.

        Worker processes start with the first chunk, so nothing is loaded or forked when
        every article turns out to be unchanged."""
        chunks = _chunked(articles, self.batch_size)
        first = next(chunks, None)
        if first is None:
            return
        chunks = itertools.chain([first], chunks)
        self.start()
        if self._pool is None:
            for chunk in chunks:
                yield from self.analyse_chunk(chunk)
            return
        window: deque[AsyncResult[list[Outcome]]] = deque()
        for chunk in chunks:
            window.append(self._pool.apply_async(_analyse_in_worker, (chunk,)))
            if len(window) >= 2 * self.n_process:
                yield from window.popleft().get()
        while window:
            yield from window.popleft().get()


def _chunked(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _init_worker() -> None:
    """Workers leave Ctrl-C to the parent and use one BLAS thread each."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")


def _analyse_in_worker(chunk: list[Article]) -> list[Any]:
    assert _WORKER is not None, "worker started without an analyzer"
    return list(_WORKER.analyse_chunk(chunk))
