"""readers -> nlp -> extract -> resolve -> store, streaming.

Articles are read lazily, parsed with ``nlp.pipe`` in batches, turned into claims and
written to the store in batches while parsing goes on.  Articles whose text and
extractor version are already stored are skipped before parsing.  Bad input never stops
the run: each problem is reported through ``on_event`` and counted.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TextIO

from spacy.language import Language
from spacy.tokens import Doc

from kgraph import nlp as nlp_mod
from kgraph.errors import InputError
from kgraph.extract import EXTRACTOR_VERSION, extract_doc
from kgraph.graph import fingerprint
from kgraph.models import Article, ArticleResult, EntityMention, IngestSummary, Merge
from kgraph.readers import iter_articles
from kgraph.resolve import resolve_article
from kgraph.resolve.aliases import AliasTable
from kgraph.resolve.linker import EntityIndex, Linker
from kgraph.resolve.names import NAMED_LABELS
from kgraph.store.base import GraphStore

WRITE_BATCH = 200
"""Articles per store write: large enough for fast batched writes, small enough to keep
transactions short and memory flat."""


@dataclass(frozen=True, slots=True)
class Event:
    """Progress report: ``kind`` is read | skipped | done | error | written."""

    kind: str
    article: Article | None = None
    error: InputError | None = None
    count: int = 0


EventHandler = Callable[[Event], None]


def _ignore(_: Event) -> None:
    return None


class Analyzer:
    """Parse, extract and resolve articles with one loaded spaCy model."""

    def __init__(self, model: str | None = None, *, batch_size: int = 64, n_process: int = 1):
        self.nlp: Language = nlp_mod.load_model(model)
        self.lemma = nlp_mod.lemmatizer_for(self.nlp)
        self.extractor = f"{EXTRACTOR_VERSION}+{nlp_mod.model_id(self.nlp)}"
        self.batch_size = batch_size
        self.n_process = n_process

    def check(self, article: Article) -> InputError | None:
        """An error if the article cannot be parsed (too long for the model)."""
        if len(article.document) > self.nlp.max_length:
            return InputError(
                article.origin or article.id,
                f"article is {len(article.document):,} characters, "
                f"over the model's limit of {self.nlp.max_length:,}",
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
        return resolve_article(article, relations, entities, sentences, self.extractor)

    def analyse(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        """Results in input order; parsing is batched (and parallel with n_process > 1)."""
        pairs = ((a.document, a) for a in articles)
        for doc, article in nlp_mod.parse(
            self.nlp, pairs, batch_size=self.batch_size, n_process=self.n_process
        ):
            yield self.result(doc, article)


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
        if isinstance(item, InputError):
            summary.articles_failed += 1
            summary.errors.append(str(item))
            on_event(Event("error", error=item))
            continue
        summary.articles_read += 1
        error = analyzer.check(item)
        if error is not None:
            summary.articles_failed += 1
            summary.errors.append(str(error))
            on_event(Event("error", article=item, error=error))
            continue
        if item.id in seen or known.get(item.id) == fingerprint(
            item.text_sha256, analyzer.extractor
        ):
            summary.articles_unchanged += 1
            on_event(Event("skipped", article=item))
            continue
        seen.add(item.id)
        if item.id in known:
            summary.articles_updated += 1
        else:
            summary.articles_new += 1
        on_event(Event("read", article=item))
        yield item


class _Batch:
    """Linked results and merges waiting to be written together."""

    def __init__(
        self, store: GraphStore, linker: Linker, summary: IngestSummary, on_event: EventHandler
    ) -> None:
        self.store, self.linker, self.summary, self.on_event = store, linker, summary, on_event
        self.results: list[ArticleResult] = []
        self.merges: list[Merge] = []

    def add(self, result: ArticleResult) -> None:
        linked, merges = self.linker.link(result)
        self.results.append(linked)
        self.merges.extend(merges)

    def write(self) -> None:
        """Write what is pending, re-pointed at entities merged since it was linked."""
        if not self.results and not self.merges:
            return
        results = [self.linker.rekey(r) for r in self.results]
        stats = self.store.write(results, self.merges)
        self.summary.entities_new += stats.entities_new
        self.summary.relations_new += stats.relations_new
        self.summary.claims_written += stats.claims_written
        self.summary.entities_merged += len(self.merges)
        self.on_event(Event("written", count=len(results)))
        self.results, self.merges = [], []


def reconcile(store: GraphStore, aliases: AliasTable | None) -> list[Merge]:
    """Merges the whole stored graph now calls for (see :meth:`Linker.reconcile`)."""
    return Linker(EntityIndex.of(store.entity_index()), aliases).reconcile()


def ingest(
    paths: Sequence[str],
    store: GraphStore,
    analyzer: Analyzer,
    *,
    stdin: TextIO | None = None,
    on_event: EventHandler = _ignore,
    write_batch: int = WRITE_BATCH,
    aliases: AliasTable | None = None,
) -> IngestSummary:
    """Read, analyse, link and store articles; returns what was done."""
    summary = IngestSummary()
    started = time.perf_counter()
    known = store.fingerprints()
    linker = Linker(EntityIndex.of(store.entity_index()), aliases)
    batch = _Batch(store, linker, summary, on_event)
    batch.merges.extend(linker.alias_merges())
    articles = _fresh_articles(
        iter_articles(paths, stdin=stdin), known, analyzer, summary, on_event
    )
    for result in analyzer.analyse(articles):
        summary.words += len(result.article.document.split())
        batch.add(result)
        on_event(Event("done", article=result.article, count=len(result.claims)))
        if len(batch.results) >= write_batch:
            batch.write()
    batch.write()
    summary.entities_merged += len(store.merge(reconcile(store, aliases)))
    store.flush()
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
    on_event: EventHandler = _ignore,
    aliases: AliasTable | None = None,
) -> Iterator[ArticleResult]:
    """Analyse and link articles without storing anything (``kgraph extract``)."""
    summary = IngestSummary()
    linker = Linker(aliases=aliases)
    articles = _fresh_articles(iter_articles(paths, stdin=stdin), {}, analyzer, summary, on_event)
    for result in analyzer.analyse(articles):
        yield linker.link(result)[0]
