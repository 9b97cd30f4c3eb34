"""``kgraph view``: the UNN example drawn to one HTML file; names found however typed."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kgraph.cli import app
from kgraph.config import Neo4jSettings
from tests.conftest import UNN
from tests.integration.test_browser import example_graph  # noqa: F401  (fixture)


def invoke(runner: CliRunner, *args: str) -> Any:
    return runner.invoke(app, list(args), catch_exceptions=False)


def _data(page: str) -> dict[str, Any]:
    match = re.search(r'<script id="kgraph-data" type="application/json">(.*?)</script>', page)
    assert match is not None
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def test_view_writes_the_neighbourhood_of_the_unn_example(runner: CliRunner, workdir: Path) -> None:
    assert invoke(runner, "ingest", str(UNN)).exit_code == 0
    result = invoke(runner, "view", "kim jong un", "-o", "out/kim.html")
    assert result.exit_code == 0, result.output
    page = (workdir / "out" / "kim.html").read_text("utf-8")
    assert "<title>Kim Jong Un — kgraph</title>" in page
    data = _data(page)
    names = {n["name"]: n for n in data["nodes"]}
    assert {"Kim Jong Un", "Vladimir Putin"} <= set(names)
    assert names["Kim Jong Un"]["center"] and names["Kim Jong Un"]["distance"] == 0
    assert names["Vladimir Putin"]["type"] == "Person" and names["Vladimir Putin"]["mentions"] > 1
    facts = {(e["subject"], e["label"], e["object"]): e for e in data["edges"]}
    congratulate = facts[("Vladimir Putin", "CONGRATULATE", "Kim Jong Un")]
    assert "congratulated" in congratulate["evidence"][0]["sentence"]
    assert congratulate["evidence"][0]["article"].startswith("Putin congratulated Kim")
    assert congratulate["evidence"][0]["published"].startswith("2025-12-25")
    # Every edge joins two drawn nodes; one hop means each touches Kim Jong Un.
    keys = {n["key"] for n in data["nodes"]}
    assert all(e["from"] in keys and e["to"] in keys for e in data["edges"])
    assert all(data["center"] in (e["from"], e["to"]) for e in data["edges"])
    assert "1 hop," in page


def test_more_hops_reach_further(runner: CliRunner, workdir: Path) -> None:
    assert invoke(runner, "ingest", str(UNN)).exit_code == 0
    assert invoke(runner, "view", "Kim Jong Un", "-o", "one.html").exit_code == 0
    assert invoke(runner, "view", "Kim Jong Un", "--hops", "2", "-o", "two.html").exit_code == 0
    one = _data((workdir / "one.html").read_text("utf-8"))
    two = _data((workdir / "two.html").read_text("utf-8"))
    assert len(two["nodes"]) > len(one["nodes"])
    assert max(n["distance"] for n in two["nodes"]) == 2
    limited = invoke(runner, "view", "Kim Jong Un", "--hops", "2", "--limit", "3", "-o", "l.html")
    assert limited.exit_code == 0
    assert len(_data((workdir / "l.html").read_text("utf-8"))["nodes"]) == 3


def test_unknown_name_is_one_line_with_suggestions(runner: CliRunner, workdir: Path) -> None:
    assert invoke(runner, "ingest", str(UNN)).exit_code == 0
    result = invoke(runner, "view", "Vladimir Puttin", "-o", "x.html")
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines == [
        "Error: no entity is called 'Vladimir Puttin' (did you mean 'Vladimir Putin'?)"
    ]
    assert not (workdir / "x.html").exists()
    accented = invoke(runner, "view", "VLADÍMIR PÚTIN", "-o", "x.html")
    assert accented.exit_code == 0 and (workdir / "x.html").exists()


@pytest.mark.neo4j
def test_view_on_neo4j_draws_the_same_neighbourhood(
    runner: CliRunner,
    workdir: Path,
    neo4j_env: Neo4jSettings,
    example_graph: None,  # noqa: F811  (the fixture imported above)
) -> None:
    result = invoke(runner, "view", "KIM JONG UN", "--hops", "2", "--neo4j", "-o", "neo.html")
    assert result.exit_code == 0, result.output
    assert not (workdir / "kgraph-data").exists()
    neo = _data((workdir / "neo.html").read_text("utf-8"))
    for name in list(os.environ):
        if name.startswith("NEO4J_"):
            os.environ.pop(name)  # restored by monkeypatch when the test ends
    assert invoke(runner, "ingest", str(UNN)).exit_code == 0
    assert invoke(runner, "view", "kim jong un", "--hops", "2", "-o", "emb.html").exit_code == 0
    embedded = _data((workdir / "emb.html").read_text("utf-8"))

    def shape(data: dict[str, Any]) -> tuple[set[Any], set[Any]]:
        nodes = {(n["name"], n["type"], n["mentions"], n["distance"]) for n in data["nodes"]}
        edges = {
            (e["subject"], e["label"], e["object"], e["count"], len(e["evidence"]))
            for e in data["edges"]
        }
        return nodes, edges

    assert shape(neo) == shape(embedded)
    congratulate = next(e for e in neo["edges"] if e["relation"] == "CONGRATULATE")
    assert congratulate["evidence"][0]["published"].startswith("2025-12-25")
