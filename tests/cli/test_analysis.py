"""Parallel analysis gives the same results as one process; unchanged input loads no model."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from kgraph.analysis import Analyzer
from kgraph.errors import InputError, StoreError
from kgraph.interrupts import Interrupts
from kgraph.models import Article
from kgraph.pipeline import IngestInterrupted, ingest
from kgraph.readers import iter_articles
from kgraph.store.local import LocalStore
from tests.conftest import EXAMPLES, REPO

NEWS = REPO / "tests" / "data" / "news"


def _articles() -> list[Article]:
    return [a for a in iter_articles([str(EXAMPLES), str(NEWS)]) if isinstance(a, Article)]


def test_worker_processes_give_the_same_results_in_order(analyzer: Analyzer) -> None:
    articles = _articles()
    single = list(analyzer.analyse(articles))
    with Analyzer(batch_size=3, n_process=2) as parallel:
        multi = list(parallel.analyse(articles))
    assert [r.article.id for r in multi] == [a.id for a in articles]
    assert multi == single


def test_a_failing_article_does_not_lose_the_others(
    analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = _articles()[:3]
    calls = {"n": 0}
    real = Analyzer.result

    def flaky(self: Analyzer, doc: object, article: Article) -> object:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("boom")
        return real(self, doc, article)  # type: ignore[arg-type]

    monkeypatch.setattr(Analyzer, "result", flaky)
    outcomes = list(analyzer.analyse(articles))
    assert [type(o).__name__ for o in outcomes] == ["ArticleResult", "InputError", "ArticleResult"]
    error = outcomes[1]
    assert isinstance(error, InputError) and "could not be analysed" in str(error)


def test_unchanged_articles_are_skipped_before_the_model_loads(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "g.json.gz", writable=True)
    first = Analyzer(n_process=1)
    ingest([str(EXAMPLES)], store, first)
    again = Analyzer(n_process=2)
    with again:
        summary = ingest([str(EXAMPLES)], store, again)
    assert summary.articles_unchanged == 1 and summary.claims_written == 0
    assert "nlp" not in again.__dict__, "the model was loaded although nothing was new"


def test_an_article_stored_by_another_extractor_is_analysed_again(
    tmp_path: Path, analyzer: Analyzer
) -> None:
    store = LocalStore(tmp_path / "g.json.gz", writable=True)
    older = Analyzer(n_process=1)
    older.extractor = "kgraph-extract/0.1+" + analyzer.extractor.split("+", 1)[1]
    ingest([str(EXAMPLES)], store, older)
    summary = ingest([str(EXAMPLES)], store, analyzer)
    assert (summary.articles_unchanged, summary.articles_updated) == (0, 1)
    assert summary.claims_written > 0


class _PickyStore(LocalStore):
    """A real embedded store that refuses one article, as a server might refuse a value."""

    def write(self, results, merges=()):  # type: ignore[no-untyped-def]
        if any(r.article.title.startswith("Biden signs") for r in results):
            raise StoreError("value too large")
        return super().write(results, merges)


def test_an_article_the_store_rejects_is_reported_and_the_rest_stored(
    analyzer: Analyzer, tmp_path: Path
) -> None:
    store = _PickyStore(tmp_path / "g.json.gz", writable=True)
    events: list[str] = []
    summary = ingest(
        [str(NEWS / "wire.jsonl")],
        store,
        analyzer,
        on_event=lambda e: events.append(str(e.error)) if e.error else None,
    )
    assert summary.articles_failed == 1 and summary.articles_new == 9
    assert any(e.endswith("wire.jsonl:2: could not be stored (value too large)") for e in events)
    titles = {p["title"] for _, p in store._nodes("Article")}
    assert len(titles) == 9 and "Biden signs aid bill" not in titles


def test_an_unpunctuated_title_leaves_the_first_name_of_the_body_whole(
    analyzer: Analyzer, tmp_path: Path
) -> None:
    """The title/body seam and reader repairs, end to end: the subject keeps its first
    name and the zero-width space does not split it."""
    path = tmp_path / "seam.jsonl"
    record = '{"title": "ok", "text": "Angela\\u200b Merkel met Emmanuel Macron in Berlin."}'
    path.write_text(record + "\n", encoding="utf-8")
    articles = [a for a in iter_articles([str(path)]) if isinstance(a, Article)]
    [result] = list(analyzer.analyse(articles))
    assert not isinstance(result, InputError)
    facts = {
        (result.entities[c.subject_key].name, c.relation, result.entities[c.object_key].name)
        for c in result.claims
    }
    assert ("Angela Merkel", "MEET", "Emmanuel Macron") in facts


class _SignalledStore(LocalStore):
    """A real embedded store that receives Ctrl-C / SIGTERM while it links and saves."""

    signum = signal.SIGINT

    def merge(self, merges):  # type: ignore[no-untyped-def]
        signal.raise_signal(self.signum)
        return super().merge(merges)

    def flush(self) -> None:
        signal.raise_signal(self.signum)
        super().flush()


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupt_after_parsing_saves_everything_and_reports_it(
    analyzer: Analyzer, tmp_path: Path, signum: signal.Signals
) -> None:
    # Found by tools/faults.py: Ctrl-C during the linking or the save printed "Interrupted."
    # without saving, and SIGTERM inside the JSON encoder came out as a TypeError.
    store = _SignalledStore(tmp_path / "g.json.gz", writable=True)
    store.signum = signum
    with Interrupts() as interrupts, pytest.raises(IngestInterrupted) as stop:
        ingest([str(EXAMPLES)], store, analyzer, interrupts=interrupts)
    assert stop.value.summary.articles_new == 1
    assert interrupts.received and set(interrupts.received) == {signum}
    assert len(LocalStore(tmp_path / "g.json.gz").fingerprints()) == 1
