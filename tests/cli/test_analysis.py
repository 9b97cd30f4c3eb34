"""Parallel analysis gives the same results as one process; unchanged input loads no model."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.analysis import Analyzer
from kgraph.errors import InputError
from kgraph.models import Article
from kgraph.pipeline import ingest
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
