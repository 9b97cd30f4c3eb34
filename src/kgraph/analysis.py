"""Articles -> ArticleResults: parse, extract and resolve, in parallel worker processes.

The parser is the limit, so with ``n_process > 1`` articles are analysed in forked worker
processes that each hold the model (shared copy-on-write with the parent) and run
parse + extract + resolve on a chunk of articles.  Only the small results travel back,
not the parsed Docs -- cheaper than spaCy's own ``n_process``, which ships every Doc to
the parent.  At most ``2 * n_process`` chunks are in flight, so memory stays flat however
many articles stream through, and results come back in input order.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from functools import cached_property
from multiprocessing.pool import AsyncResult, Pool
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kgraph import nlp as nlp_mod
from kgraph.errors import InputError, OtherLanguageError
from kgraph.extract import EXTRACTOR_VERSION, extract_doc
from kgraph.extract.mentions import named_spans
from kgraph.language import language_model, other_language
from kgraph.models import Article, ArticleResult
from kgraph.resolve import resolve_article
from kgraph.resolve.names import NAMED_LABELS

log = logging.getLogger(__name__)

Outcome = ArticleResult | InputError
"""What analysing one article gives: its result, or why it could not be analysed."""

MAX_LENGTH = 1_000_000
"""Characters parsed at once: spaCy's default ``max_length`` (the parser's memory grows with
document length)."""

CHUNK_SIZE = 16
"""Articles a worker analyses per task.  Results come back a chunk at a time, so small
chunks keep the progress bar moving, limit what an interrupt throws away and leave no lone
last chunk; spaCy still batches within a chunk."""

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
        lang_check: bool = True,
        capitals: bool = True,
    ):
        self.model = model
        self.capitals = capitals
        model_id = nlp_mod.installed_model_id(model)
        self.extractor = f"{EXTRACTOR_VERSION}+{model_id}"
        self.language = model_id.partition("_")[0]
        self.lang_check = lang_check
        self.batch_size = batch_size
        self.n_process = n_process
        self.chunk_size = min(batch_size, CHUNK_SIZE) if n_process > 1 else batch_size
        self._pool: Pool | None = None
        self.max_length = MAX_LENGTH

    @cached_property
    def nlp(self) -> Language:
        """The model, loaded on first use: re-ingesting unchanged articles never needs it."""
        return nlp_mod.load_model(self.model)

    @cached_property
    def lemma(self) -> nlp_mod.Lemmatizer:
        return nlp_mod.lemmatizer_for(self.nlp)

    def __enter__(self) -> Analyzer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        """Load the model and fork the worker processes (no-op with one process)."""
        global _WORKER
        if self.n_process <= 1 or self._pool is not None:
            return
        # The language model decompresses (C code, no GIL) while spaCy's loads; both are
        # loaded before forking, so workers share their memory and no thread is forked.
        preload = threading.Thread(target=language_model) if self.lang_check else None
        if preload is not None:
            preload.start()
        _ = self.lemma
        if preload is not None:
            preload.join()
        _WORKER = self
        context = multiprocessing.get_context("fork")
        self._pool = context.Pool(self.n_process, initializer=_init_worker, initargs=(os.getpid(),))

    def close(self) -> None:
        """Stop the worker processes (the next :meth:`analyse` starts them again)."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def check(self, article: Article) -> InputError | None:
        """Why the article should not be parsed: today only text in another language than
        the model's (a long article is parsed in pieces, see :func:`pieces`)."""
        if not self.lang_check:
            return None
        lang = other_language(article.document, self.language)
        if lang is None:
            return None
        return OtherLanguageError(
            article.origin or article.id,
            f"looks like {lang!r} text, not {self.language!r}: skipped",
            "--lang-check off parses it anyway",
        )

    def result(self, doc: Doc, article: Article) -> ArticleResult:
        """Relations of a parsed article, resolved to entities and claims."""
        relations = extract_doc(doc, lemma=self.lemma)
        entities = named_spans(doc, NAMED_LABELS)
        sentences = [(s.start_char, s.end_char) for s in doc.sents]
        return resolve_article(
            article, relations, entities, sentences, self.extractor, capitals=self.capitals
        )

    def analyse_chunk(self, articles: list[Article]) -> list[Outcome]:
        """Analyse articles in this process; one failing article does not stop the rest."""
        outcomes: list[Outcome] = []
        for article, doc in zip(articles, self._docs(articles), strict=True):
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

    def _docs(self, articles: list[Article]) -> Iterator[Doc]:
        """The parsed articles; one longer than the parser takes is parsed in pieces cut
        at paragraph breaks and joined back into one Doc (same text, same offsets)."""
        split = [pieces(a.document, self.max_length) for a in articles]
        parsed = self.nlp.pipe(
            (piece for parts in split for piece in parts), batch_size=self.batch_size
        )
        for parts in split:
            docs = list(itertools.islice(parsed, len(parts)))
            yield docs[0] if len(docs) == 1 else _joined(docs, parts)

    def analyse(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        """Outcomes in input order, analysed in chunks of ``chunk_size`` articles.

        Workers start with the first chunk, so nothing is loaded, forked or connected
        when every article turns out to be unchanged."""
        chunks = _chunked(articles, self.chunk_size)
        first = next(chunks, None)
        if first is not None:
            self.start()
            yield from self._analyse_chunks(itertools.chain([first], chunks))

    def _analyse_chunks(self, chunks: Iterator[list[Article]]) -> Iterator[Outcome]:
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


def _joined(docs: list[Doc], parts: list[str]) -> Doc:
    """One Doc of an article's parsed pieces, keeping the whole text as the tokenizer keeps
    a piece's (``Doc.from_docs`` would warn about, and drop, each piece's own)."""
    for doc in docs:
        doc.user_data.pop(nlp_mod.TEXT, None)
    joined = Doc.from_docs(docs, ensure_whitespace=False)
    joined.user_data[nlp_mod.TEXT] = "".join(parts)
    return joined


def pieces(text: str, limit: int = MAX_LENGTH) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters that join back into it:
    at the last paragraph break before the limit, else the last line break, else the last
    space (a piece keeps the break that ends it).

    >>> pieces("One.\\n\\nTwo.\\n\\nThree.", limit=11)
    ['One.\\n\\n', 'Two.\\n\\n', 'Three.']
    """
    out: list[str] = []
    while len(text) > limit:
        window = text[:limit]
        cut = next(
            (at + len(sep) for sep in ("\n\n", "\n", " ") if (at := window.rfind(sep)) > 0),
            limit,
        )
        out.append(text[:cut])
        text = text[cut:]
    return [*out, text]


def _chunked(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _init_worker(parent: int) -> None:
    """Workers leave Ctrl-C to the parent, die with it, and use one BLAS thread each."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent(parent)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this worker when its parent dies (even by kill -9), so no parser
    outlives the ingest; elsewhere the pool's own shutdown has to do."""
    import ctypes
    import signal

    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _analyse_in_worker(chunk: list[Article]) -> list[Any]:
    assert _WORKER is not None, "worker started without an analyzer"
    return list(_WORKER.analyse_chunk(chunk))
