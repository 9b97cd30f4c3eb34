"""readers -> nlp -> extract -> resolve -> store, streaming.

Articles are read lazily, parsed with ``nlp.pipe`` in batches, turned into claims and
written to the store in batches while parsing goes on.  Articles whose text and
extractor version are already stored are skipped before parsing.  Bad input never stops
the run: each problem is reported through ``on_event`` and counted.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cached_property
from typing import TextIO

from kgraph.analysis import Analyzer
from kgraph.errors import InputError, OtherLanguageError
from kgraph.events import Event, EventHandler, ignore
from kgraph.graph import fingerprint
from kgraph.interrupts import Interrupts
from kgraph.models import Article, ArticleResult, IngestSummary, Merge
from kgraph.readers import iter_articles
from kgraph.resolve.aliases import AliasTable
from kgraph.resolve.linker import EntityIndex, Linker
from kgraph.resolve.placement import relink
from kgraph.store.base import GraphStore
from kgraph.writer import BatchOutcome, BatchWriter

WRITE_BATCH = 200
"""Articles per store write: large enough for fast batched writes, small enough to keep
transactions short and memory flat."""
WRITE_SECONDS = 15.0
"""Articles analysed this long ago go to the writer even if the batch is not full."""


def _failed(summary: IngestSummary, error: InputError, on_event: EventHandler) -> None:
    summary.articles_failed += 1
    summary.errors.append(str(error))
    on_event(Event("error", error=error))


def _fresh_articles(
    articles: Iterable[Article | InputError],
    known: dict[str, str],
    analyzer: Analyzer,
    summary: IngestSummary,
    on_event: EventHandler,
) -> Iterator[Article]:
    """Articles that need processing; errors and unchanged articles are reported."""
    seen: set[str] = set()
    for item in articles:
        summary.articles_read += 1  # every input: read = new+updated+unchanged+skipped+failed
        if isinstance(item, InputError):
            _failed(summary, item, on_event)
            continue
        error = analyzer.check(item)
        if isinstance(error, OtherLanguageError):
            summary.articles_skipped += 1
            on_event(Event("warning", error=error))
            continue
        if error is not None:
            _failed(summary, error, on_event)
            continue
        if item.id in seen or known.get(item.id) == fingerprint(
            item.text_sha256, analyzer.extractor
        ):
            summary.articles_unchanged += 1
            on_event(Event("skipped", article=item))
            continue
        seen.add(item.id)
        on_event(Event("read", article=item))
        yield item


class _Batch:
    """Linked results and merges waiting to be written together, and the accounting of
    what the writer reports back."""

    def __init__(
        self,
        writer: BatchWriter,
        make_linker: Callable[[], Linker],
        summary: IngestSummary,
        on_event: EventHandler,
        known: dict[str, str],
    ) -> None:
        self.writer, self.summary, self.on_event = writer, summary, on_event
        self.make_linker = make_linker
        self.known = known
        self.results: list[ArticleResult] = []
        self.merges: list[Merge] = []
        self.wrote = False

    @cached_property
    def linker(self) -> Linker:
        """Built from the stored entities when the first article needs linking: when
        every article is unchanged the store's entities are never read."""
        return self.make_linker()

    def add(self, result: ArticleResult) -> None:
        linked, merges = self.linker.link(result)
        self.results.append(linked)
        self.merges.extend(merges)

    def write(self) -> None:
        """Hand what is pending to the writer, re-pointed at entities merged since it was
        linked; account for the batch the writer finished meanwhile."""
        if not self.results and not self.merges:
            return
        results = [self.linker.rekey(r) for r in self.results]
        self._account(self.writer.submit(results, self.merges))
        self.wrote = True
        self.results, self.merges = [], []

    def finish(self) -> None:
        """Write what is left and wait for the writer."""
        self.write()
        self._account(self.writer.finish())

    def _account(self, outcome: BatchOutcome | None) -> None:
        if outcome is None:
            return
        for result in outcome.written:
            if result.article.id in self.known:
                self.summary.articles_updated += 1
            else:
                self.summary.articles_new += 1
        for error in outcome.failed:
            _failed(self.summary, error, self.on_event)
        self.summary.entities_new += outcome.stats.entities_new
        self.summary.relations_new += outcome.stats.relations_new
        self.summary.claims_written += outcome.stats.claims_written
        self.summary.entities_merged += outcome.merges
        self.on_event(Event("written", count=len(outcome.written)))


class IngestInterrupted(KeyboardInterrupt):
    """An ingest stopped by Ctrl-C or SIGTERM after saving the articles it had finished."""

    def __init__(self, summary: IngestSummary) -> None:
        super().__init__()
        self.summary = summary


def _analyse_into(
    batch: _Batch,
    analyzer: Analyzer,
    articles: Iterable[Article],
    summary: IngestSummary,
    on_event: EventHandler,
    write_batch: int,
    interrupts: Interrupts,
) -> None:
    """Analyse, link and hand over to the writer: a batch every ``write_batch`` articles,
    or sooner when the last one was handed over ``WRITE_SECONDS`` ago, so little finished
    work waits in memory.  Ctrl-C or SIGTERM stops it between articles, or while it waits
    for the parser."""
    handed = time.monotonic()
    outcomes = analyzer.analyse(articles)
    while not interrupts.received:
        try:
            with interrupts.raising():
                outcome = next(outcomes, None)
        except KeyboardInterrupt:
            return  # what is analysed and linked is kept, the rest is not read
        if outcome is None:
            return
        if isinstance(outcome, InputError):
            _failed(summary, outcome, on_event)
            continue
        summary.words += len(outcome.article.document.split())
        batch.add(outcome)
        on_event(Event("done", article=outcome.article, count=len(outcome.claims)))
        if len(batch.results) >= write_batch or time.monotonic() - handed > WRITE_SECONDS:
            batch.write()
            handed = time.monotonic()


def ingest(
    paths: Sequence[str],
    store: GraphStore,
    analyzer: Analyzer,
    *,
    stdin: TextIO | None = None,
    on_event: EventHandler = ignore,
    write_batch: int = WRITE_BATCH,
    aliases: AliasTable | None = None,
    interrupts: Interrupts | None = None,
) -> IngestSummary:
    """Read, analyse, link and store articles; returns what was done.

    The analyzer's worker processes are stopped once every article is analysed (before
    the last writes and the save); using the analyzer again starts them anew.

    Ctrl-C or SIGTERM stops the analysis; the articles finished are written and saved,
    then :class:`IngestInterrupted` is raised.  The signals are noted in ``interrupts``,
    or by handlers installed for the call: a caller that passes its own keeps signals
    handled after the call too (the CLI, until it exits)."""
    own = Interrupts() if interrupts is None else contextlib.nullcontext(interrupts)
    with own as interrupts:
        summary = IngestSummary()
        started = time.perf_counter()
        known = store.fingerprints()
        writer = BatchWriter(store)
        batch = _Batch(
            writer,
            lambda: Linker(EntityIndex.of(store.entity_index()), aliases),
            summary,
            on_event,
            known,
        )
        if aliases:
            batch.merges.extend(batch.linker.alias_merges())
        articles = _fresh_articles(
            iter_articles(paths, stdin=stdin), known, analyzer, summary, on_event
        )
        try:
            _analyse_into(batch, analyzer, articles, summary, on_event, write_batch, interrupts)
            # Every article is parsed (or none more will be): the workers' memory is better
            # spent on the last writes, the cross-batch merges and the save.
            analyzer.close()
            on_event(Event("phase", phase="writing"))
            batch.finish()
            writer.close()
            if batch.wrote:
                on_event(Event("phase", phase="linking across articles"))
                summary.entities_merged += relink(store, aliases)
            on_event(Event("phase", phase="saving"))
            store.flush()
        finally:
            writer.close()
        if interrupts.received:
            raise IngestInterrupted(summary)
        stats = store.stats()
        summary.entities_total = stats.entities
        summary.relations_total = stats.relations
        summary.seconds = time.perf_counter() - started
        return summary


def extract(
    paths: Sequence[str],
    analyzer: Analyzer,
    *,
    stdin: TextIO | None = None,
    on_event: EventHandler = ignore,
    aliases: AliasTable | None = None,
) -> Iterator[ArticleResult]:
    """Analyse and link articles without storing anything (``kgraph extract``)."""
    summary = IngestSummary()
    linker = Linker(aliases=aliases)
    articles = _fresh_articles(iter_articles(paths, stdin=stdin), {}, analyzer, summary, on_event)
    for outcome in analyzer.analyse(articles):
        if isinstance(outcome, InputError):
            _failed(summary, outcome, on_event)
        else:
            yield linker.link(outcome)[0]
