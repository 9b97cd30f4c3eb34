"""``kgraph query`` as cypher-shell and sqlite-utils users expect it: queries from files,
stdin and shipped names, every output format, and a quiet exit on a closed pipe."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kgraph.cli import app
from kgraph.named_queries import named_queries
from tests.conftest import UNN

PEOPLE = "MATCH (p:Person) RETURN p.name AS name ORDER BY name"


def invoke(runner: CliRunner, *args: str, stdin: str | None = None) -> Any:
    return runner.invoke(app, list(args), input=stdin, catch_exceptions=False)


@pytest.fixture
def unn(runner: CliRunner, workdir: Path) -> Path:
    assert invoke(runner, "ingest", "--quiet", str(UNN)).exit_code == 0
    return workdir


def people(runner: CliRunner, *args: str, stdin: str | None = None) -> list[str]:
    result = invoke(runner, "query", "--format", "json", *args, stdin=stdin)
    assert result.exit_code == 0, result.output
    return [row["name"] for row in json.loads(result.stdout)]


def test_query_from_a_file_stdin_and_a_cypher_path(runner: CliRunner, unn: Path) -> None:
    expected = people(runner, PEOPLE)
    assert "Vladimir Putin" in expected
    (unn / "people.cypher").write_text("// everyone\n" + PEOPLE + "\n", encoding="utf-8")
    assert people(runner, "-f", str(unn / "people.cypher")) == expected
    assert people(runner, "--file", "-", stdin=PEOPLE) == expected
    assert people(runner, stdin=PEOPLE) == expected
    assert people(runner, str(unn / "people.cypher")) == expected


def test_unreadable_query_file_is_one_line(runner: CliRunner, unn: Path) -> None:
    result = invoke(runner, "query", "-f", str(unn / "missing.cypher"))
    assert result.exit_code != 0
    [line] = result.stderr.strip().splitlines()
    assert "missing.cypher" in line and "cannot read" in line


def test_every_shipped_query_runs_by_name(runner: CliRunner, unn: Path) -> None:
    queries = named_queries()
    assert {"people", "facts", "co-mentions", "evidence"} <= set(queries)
    for name, named in queries.items():
        params = [arg for k, v in named.params.items() for arg in ("-p", f"{k}={v}")]
        result = invoke(runner, "query", name, *params, "--format", "json")
        assert result.exit_code == 0, (name, result.stderr)
        assert isinstance(json.loads(result.stdout), list)
    rows = json.loads(invoke(runner, "query", "people", "--format", "json").stdout)
    facts = {(r["subject"], r["relation"], r["object"]) for r in rows}
    assert ("Vladimir Putin", "CONGRATULATE", "Kim Jong Un") in facts


def test_list_names_the_queries_and_their_parameters(runner: CliRunner, workdir: Path) -> None:
    result = invoke(runner, "query", "--list")
    assert result.exit_code == 0
    for name, named in named_queries().items():
        assert name in result.stdout
        for param in named.params:
            assert f"-p {param}=" in result.stdout


def test_named_query_without_its_parameter_says_how(runner: CliRunner, unn: Path) -> None:
    result = invoke(runner, "query", "co-mentions")
    assert result.exit_code != 0
    [line] = result.stderr.strip().splitlines()
    assert "$name" in line and "kgraph query co-mentions -p name=" in line
    unknown = invoke(runner, "query", "no-such-query")
    assert unknown.exit_code != 0 and "--list" in unknown.stderr


def test_output_formats(runner: CliRunner, unn: Path) -> None:
    cypher = "RETURN 'a|b' AS x, 'tab\there' AS y, 3 AS n"
    as_jsonl = invoke(runner, "query", "--format", "jsonl", cypher).stdout.splitlines()
    assert [json.loads(line) for line in as_jsonl] == [{"x": "a|b", "y": "tab\there", "n": 3}]
    tsv = invoke(runner, "query", "--format", "tsv", cypher).stdout
    assert list(csv.reader(io.StringIO(tsv), dialect="excel-tab")) == [
        ["x", "y", "n"],
        ["a|b", "tab\there", "3"],
    ]
    markdown = invoke(runner, "query", "--format", "markdown", cypher).stdout.splitlines()
    assert markdown[0] == "| x | y | n |"
    assert markdown[1] == "| --- | --- | --- |"
    assert markdown[2] == "| a\\|b | tab\there | 3 |"


def test_json_gives_nodes_relationships_and_paths_as_maps(runner: CliRunner, unn: Path) -> None:
    cypher = (
        "MATCH p = (a:Article)-[m:MENTIONS]->(e:Entity {name: 'Vladimir Putin'}) "
        "RETURN a, m, p LIMIT 1"
    )
    result = invoke(runner, "query", "--format", "json", cypher)
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)
    article, mention, path = row["a"], row["m"], row["p"]
    assert list(article) == ["id", "labels", "properties"]
    assert article["labels"] == ["Article"] and article["properties"]["title"]
    assert list(mention) == ["id", "type", "start", "end", "properties"]
    assert mention["type"] == "MENTIONS" and mention["start"] == article["id"]
    assert list(path) == ["nodes", "relationships"]
    assert path["nodes"][0] == article and path["relationships"] == [mention]
    putin = path["nodes"][1]
    assert putin["id"] == mention["end"] and putin["properties"]["name"] == "Vladimir Putin"
    assert "Person" in putin["labels"]


MANY_ROWS = "UNWIND range(1, 100000) AS i RETURN i, 'Vladimir Putin' AS name"


@pytest.mark.parametrize(
    "args",
    [
        ["query", MANY_ROWS],
        ["query", "--format", "jsonl", MANY_ROWS],
        ["query", "--format", "csv", MANY_ROWS],
        ["extract", *[str(UNN)] * 40],
    ],
)
def test_closed_pipe_exits_quietly(unn: Path, args: list[str]) -> None:
    """More output than a pipe holds (64 KiB), and the reader leaves after one line."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "KGRAPH_"))}
    command = [sys.executable, "-m", "kgraph", *args]
    with subprocess.Popen(
        command, cwd=unn, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.readline()
        proc.stdout.close()
        stderr = proc.stderr.read().decode()
        code = proc.wait(timeout=120)
    assert stderr == ""
    assert code == 0


def test_shipped_fact_queries_leave_negated_and_hedged_facts_out(
    runner: CliRunner, workdir: Path
) -> None:
    story = workdir / "doubts.txt"
    story.write_text(
        "Leaders in doubt\n\nAngela Merkel did not meet Emmanuel Macron in Berlin.\n\n"
        "Emmanuel Macron may visit Joe Biden next month.\n\n"
        "Joe Biden praised Angela Merkel on Tuesday.\n",
        encoding="utf-8",
    )
    assert invoke(runner, "ingest", "--quiet", str(story)).exit_code == 0
    every = json.loads(
        invoke(
            runner,
            "query",
            "--format",
            "json",
            "MATCH (a)-[r]->(b) WHERE a:Person AND b:Person "
            "RETURN a.name AS s, type(r) AS p, r.negated AS negated, r.hedged AS hedged",
        ).stdout
    )
    assert any(r["negated"] for r in every) and any(r["hedged"] for r in every), every
    for name in ("people", "facts"):
        rows = json.loads(invoke(runner, "query", name, "--format", "json").stdout)
        shown = {(r["subject"], r["relation"]) for r in rows}
        assert ("Joe Biden", "PRAISE") in shown
        assert not any(s in ("Angela Merkel", "Emmanuel Macron") for s, _ in shown), shown
