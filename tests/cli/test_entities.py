"""Entities and evidence through the CLI: the UNN article's entities, `why`, `remove`,
`entities merge/unmerge/relink`, and resolution across real articles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from kgraph.cli import app
from tests.conftest import UNN


def invoke(runner: CliRunner, *args: str) -> Any:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result


def rows(runner: CliRunner, cypher: str) -> list[dict[str, Any]]:
    result = invoke(runner, "query", "--format", "json", cypher)
    assert result.exit_code == 0, result.output
    out: list[dict[str, Any]] = json.loads(result.stdout)
    return out


def names(runner: CliRunner) -> list[str]:
    return [r["n"] for r in rows(runner, "MATCH (e:Entity) RETURN e.name AS n")]


def test_unn_article_has_one_node_per_real_world_thing(runner: CliRunner, workdir: Path) -> None:
    assert invoke(runner, "ingest", str(UNN)).exit_code == 0
    found = names(runner)
    for name in ("Vladimir Putin", "Kim Jong Un", "North Korea", "Ukraine", "KCNA", "Yonhap News"):
        assert found.count(name) == 1, (name, sorted(found))
    for bad in ("Putin", "Kim", "He", "DPRK", "Kim Jong Un's", "This", "which"):
        assert bad not in found, bad


def test_why_shows_the_supporting_sentences(runner: CliRunner, workdir: Path) -> None:
    invoke(runner, "ingest", str(UNN))
    result = invoke(runner, "why", "Vladimir Putin", "kim jong un")
    assert result.exit_code == 0, result.output
    assert "CONGRATULATE" in result.stdout and "THANK" in result.stdout
    assert "Putin congratulated Kim on the New Year holidays" in result.stdout
    records = [
        json.loads(x)
        for x in invoke(
            runner, "why", "--json", "Kim Jong Un", "Vladimir Putin"
        ).stdout.splitlines()
    ]
    assert {"CONGRATULATE", "THANK"} <= {r["relation"] for r in records}
    text = UNN.read_text(encoding="utf-8")
    for record in records:
        assert record["article_id"].startswith("sha256:")
        assert " ".join(record["sentence"].split())[:40] in " ".join(text.split())


def test_why_names_an_unknown_entity(runner: CliRunner, workdir: Path) -> None:
    invoke(runner, "ingest", str(UNN))
    result = invoke(runner, "why", "Vladimir Putin", "Nobody Atall")
    assert result.exit_code == 1
    assert "no entity is called 'Nobody Atall'" in result.stderr


def test_remove_then_reingest_restores_an_identical_graph(runner: CliRunner, workdir: Path) -> None:
    invoke(runner, "ingest", str(UNN))
    snapshot = rows(
        runner,
        "MATCH (s:Entity)-[r]->(o:Entity) RETURN s.key AS s, type(r) AS r, "
        "o.key AS o, r.count AS c, r.confidence AS conf ORDER BY s, r, o",
    )
    entities = rows(runner, "MATCH (e:Entity) RETURN e ORDER BY e.key")
    result = invoke(runner, "remove", str(UNN))
    assert result.exit_code == 0 and "removed sha256:" in result.stdout
    stats = json.loads(invoke(runner, "stats", "--format", "json").stdout)
    assert (stats["articles"], stats["entities"], stats["relations"], stats["claims"]) == (
        0,
        0,
        0,
        0,
    )
    invoke(runner, "ingest", str(UNN))
    assert (
        rows(
            runner,
            "MATCH (s:Entity)-[r]->(o:Entity) RETURN s.key AS s, type(r) AS r, "
            "o.key AS o, r.count AS c, r.confidence AS conf ORDER BY s, r, o",
        )
        == snapshot
    )
    again = rows(runner, "MATCH (e:Entity) RETURN e ORDER BY e.key")
    assert [e["e"]["properties"] for e in again] == [e["e"]["properties"] for e in entities]


def test_remove_unknown_article_fails(runner: CliRunner, workdir: Path) -> None:
    result = invoke(runner, "remove", "no-such-article")
    assert result.exit_code == 1 and "no article 'no-such-article'" in result.stderr


ARTICLES = {
    "a.txt": "Merkel meets Macron\n\nGerman Chancellor Angela Merkel met French President "
    "Emmanuel Macron in Paris on Monday. Merkel praised Macron.\n",
    "b.txt": "Macron visits Berlin\n\nMacron met Merkel in Berlin on Friday.\n",
}


def _write(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(exist_ok=True)
    for name, text in files.items():
        (root / name).write_text(text)
    return root


def test_short_names_across_articles_resolve_to_one_entity(
    runner: CliRunner, workdir: Path
) -> None:
    invoke(runner, "ingest", str(_write(workdir / "in", ARTICLES)))
    found = names(runner)
    assert found.count("Angela Merkel") == 1 and "Merkel" not in found
    assert found.count("Emmanuel Macron") == 1 and "Macron" not in found
    facts = rows(
        runner,
        "MATCH (a:Person)-[r:MEET]->(b:Person) RETURN a.name AS a, "
        "b.name AS b, r.count AS n, size(r.articles) AS k",
    )
    assert {(f["a"], f["b"]) for f in facts} >= {("Angela Merkel", "Emmanuel Macron")}


def test_merge_and_unmerge_from_the_cli(runner: CliRunner, workdir: Path) -> None:
    invoke(runner, "ingest", str(UNN))
    result = invoke(runner, "entities", "merge", "KCNA", "Yonhap News")
    assert result.exit_code == 0, result.output
    assert "KCNA" not in names(runner)
    shown = json.loads(invoke(runner, "entities", "show", "Yonhap News").stdout)
    assert "organization:kcna" in shown[0]["merged"]
    result = invoke(runner, "entities", "unmerge", "KCNA")
    assert result.exit_code == 0, result.output
    assert names(runner).count("KCNA") == 1
    shown = json.loads(invoke(runner, "entities", "show", "Yonhap News").stdout)
    assert "organization:kcna" in shown[0]["distinct_from"]


def test_alias_file_relinks_stored_entities(runner: CliRunner, workdir: Path) -> None:
    invoke(runner, "ingest", str(UNN))
    (workdir / "aliases.tsv").write_text("KCNA\tKorean Central News Agency\tOrganization\n")
    result = invoke(runner, "entities", "relink")
    assert result.exit_code == 0 and "1 entity merged" in result.stdout
    found = names(runner)
    assert "Korean Central News Agency" in found and "KCNA" not in found


def test_why_shows_the_shortest_chain_when_no_fact_is_direct(
    runner: CliRunner, workdir: Path
) -> None:
    article = workdir / "chain.txt"
    article.write_text(
        "Leaders meet in Berlin\n\n"
        "Angela Merkel met Emmanuel Macron in Berlin on Monday.\n\n"
        "On Tuesday Emmanuel Macron telephoned Justin Trudeau.\n",
        encoding="utf-8",
    )
    assert invoke(runner, "ingest", str(article)).exit_code == 0
    result = invoke(runner, "why", "Angela Merkel", "Justin Trudeau")
    assert result.exit_code == 0, result.output
    assert "2 facts apart" in result.stdout
    steps = [line.strip() for line in result.stdout.splitlines() if line.startswith("  ")]
    assert len(steps) == 2
    assert "Angela Merkel" in steps[0] and "Emmanuel Macron" in steps[0]
    assert "Emmanuel Macron" in steps[1] and "Justin Trudeau" in steps[1]
    as_json = invoke(runner, "why", "--json", "Angela Merkel", "Justin Trudeau")
    hops = [json.loads(line)["path_step"] for line in as_json.stdout.splitlines()]
    assert [h["object"] for h in hops][-1] == "Justin Trudeau" or hops[-1]["subject"] == (
        "Justin Trudeau"
    )


def test_remove_links_the_remaining_names_as_an_ingest_of_them_would(
    runner: CliRunner, workdir: Path
) -> None:
    full = workdir / "full.txt"
    full.write_text("Chancellor Angela Merkel met Emmanuel Macron in Berlin on Monday.\n", "utf-8")
    short = workdir / "short.txt"
    short.write_text("Merkel criticised the plan on Tuesday, said Macron.\n", "utf-8")
    query = "MATCH (e:Entity) RETURN e.key AS key, e.name AS name ORDER BY key"
    assert invoke(runner, "ingest", str(short)).exit_code == 0
    alone = rows(runner, query)
    assert invoke(runner, "ingest", str(full)).exit_code == 0
    assert "Emmanuel Macron" in [r["name"] for r in rows(runner, query)]
    assert invoke(runner, "remove", str(full)).exit_code == 0
    assert rows(runner, query) == alone
