"""The CLI on the embedded store, through typer's CliRunner, with the real model."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kgraph.cli import app
from tests.conftest import UNN

PEOPLE = "MATCH (a:Person)-[r]->(b:Person) RETURN a.name AS s, type(r) AS p, b.name AS o"


def invoke(runner: CliRunner, *args: str, input: str | None = None) -> Any:
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


def query_json(runner: CliRunner, cypher: str, *extra: str) -> list[dict[str, Any]]:
    result = invoke(runner, "query", "--format", "json", *extra, cypher)
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


def _commands() -> list[list[str]]:
    """Every command and sub-command the CLI has, found from the app itself."""
    import typer.main

    root = typer.main.get_command(app)
    found = []
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        subcommands = getattr(command, "commands", None)
        if subcommands:
            found += [[name, sub] for sub in subcommands]
        else:
            found.append([name])
    return found


def _readme_commands() -> set[str]:
    """Commands the README documents: its `kgraph …` headings and its code examples."""
    import re

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    found: set[str] = set()
    for heading in re.findall(r"^### `kgraph ([^`]+)`", readme, flags=re.M):
        words = heading.split()
        if len(words) > 1 and "|" in words[1]:
            found |= {f"{words[0]} {sub}" for sub in words[1].split("|")}
        else:
            found.add(words[0])
    for line in re.findall(r"^(?:\$ )?kgraph ([a-z0-9]+(?: [a-z]+)?)", readme, flags=re.M):
        found.add(line)
    return found


def test_the_cli_has_the_documented_commands_and_documents_its_commands() -> None:
    names = {" ".join(c) for c in _commands()}
    groups = {c[0] for c in _commands() if len(c) > 1}
    documented = _readme_commands()
    missing = {d for d in documented if d not in names and d.split()[0] not in names | groups}
    assert not missing, f"the README shows commands the CLI lacks: {missing}"
    undocumented = {
        n for n in names if n not in documented and n.split()[0] not in documented - groups
    }
    assert not undocumented, f"commands the README does not show: {undocumented}"


@pytest.mark.parametrize("command", _commands(), ids=" ".join)
def test_every_command_has_help_with_an_example(runner: CliRunner, command: list[str]) -> None:
    result = invoke(runner, *command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    # command-line words (TEXT, PATH, INTEGER), not Python types
    for python_type in ("<bool>", "<str>", "<int", "<path>", "<list["):
        assert python_type not in result.stdout, python_type


def test_ingest_then_query_finds_the_example_facts(runner: CliRunner, workdir: Path) -> None:
    result = invoke(runner, "ingest", str(UNN))
    assert result.exit_code == 0, result.output
    assert "1 new" in result.stdout
    assert (workdir / "kgraph-data" / "graph.db").exists()
    facts = {(r["s"], r["p"], r["o"]) for r in query_json(runner, PEOPLE)}
    assert ("Vladimir Putin", "CONGRATULATE", "Kim Jong Un") in facts
    assert ("Vladimir Putin", "THANK", "Kim Jong Un") in facts


def test_reingesting_changes_nothing(runner: CliRunner, workdir: Path) -> None:
    invoke(runner, "ingest", str(UNN))
    before = invoke(runner, "stats", "--format", "json").stdout
    again = invoke(runner, "ingest", "--json", str(UNN))
    summary = json.loads(again.stdout)
    assert (summary["entities_new"], summary["relations_new"]) == (0, 0)
    assert summary["articles_unchanged"] == 1
    assert invoke(runner, "stats", "--format", "json").stdout == before


def test_store_option_and_env_choose_the_file(runner: CliRunner, workdir: Path) -> None:
    store = workdir / "elsewhere" / "g.json.gz"
    assert invoke(runner, "ingest", "--store", str(store), str(UNN)).exit_code == 0
    assert store.exists() and not (workdir / "kgraph-data").exists()
    stats = json.loads(invoke(runner, "stats", "--store", str(store), "--format", "json").stdout)
    assert stats["articles"] == 1 and stats["relations"] > 0


def _bad_inputs(root: Path) -> dict[str, Path]:
    root.mkdir()
    shutil.copy(UNN, root / "good.txt")
    (root / "empty.txt").write_text("")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 20)
    (root / "latin1.txt").write_bytes(
        "Caf\xe9 owner sued the city.\n\nBody here.".encode("latin-1")
    )
    (root / "feed.jsonl").write_text(
        json.dumps(
            {
                "title": "Merkel meets Macron",
                "text": "Angela Merkel met Emmanuel Macron in Paris on Monday.",
                "url": "https://example.org/a",
            }
        )
        + "\n"
        + "{not json\n"
        + json.dumps({"title": "No text here", "text": ""})
        + "\n"
    )
    return {"missing": root / "missing.txt"}


def test_bad_input_is_reported_per_file_and_the_rest_goes_in(
    runner: CliRunner, workdir: Path
) -> None:
    extra = _bad_inputs(workdir / "in")
    result = invoke(runner, "ingest", str(workdir / "in"), str(extra["missing"]))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    joined = "\n".join(errors)
    for needle in (
        "missing.txt",
        "empty.txt",
        "binary.txt",
        "latin1.txt",
        "feed.jsonl:2",
        "feed.jsonl:3",
    ):
        assert needle in joined, f"no error naming {needle}: {joined}"
    assert len(errors) == 6, joined
    titles = {r["t"] for r in query_json(runner, "MATCH (a:Article) RETURN a.title AS t")}
    assert "Merkel meets Macron" in titles
    assert any(t.startswith("Putin congratulated Kim") for t in titles)


def test_stdin_is_read_with_a_dash(runner: CliRunner, workdir: Path) -> None:
    text = "Merkel meets Macron\n\nAngela Merkel met Emmanuel Macron in Paris on Monday.\n"
    result = invoke(runner, "ingest", "-", input=text)
    assert result.exit_code == 0, result.output
    rows = query_json(runner, "MATCH (a:Article) RETURN a.title AS t")
    assert rows == [{"t": "Merkel meets Macron"}]


def test_query_formats(runner: CliRunner, workdir: Path) -> None:
    invoke(runner, "ingest", str(UNN))
    cypher = "MATCH (e:Person {name: $n}) RETURN e.name AS name, e.type AS type"
    rows = query_json(runner, cypher, "-p", "n=Kim Jong Un")
    assert rows == [{"name": "Kim Jong Un", "type": "Person"}]
    csv_out = invoke(runner, "query", "--format", "csv", "-p", "n=Kim Jong Un", cypher).stdout
    assert csv_out.splitlines() == ["name,type", "Kim Jong Un,Person"]
    table = invoke(runner, "query", "-p", "n=Kim Jong Un", cypher).stdout
    assert "Kim Jong Un" in table and "1 row" in table


@pytest.mark.parametrize(
    ("cypher", "construct"),
    [
        ("CALL db.labels()", "CALL"),
        ("MATCH p = shortestPath((a)-[*]-(b)) RETURN p", "shortestPath"),
    ],
)
def test_unsupported_cypher_is_named_not_answered_empty(
    runner: CliRunner, workdir: Path, cypher: str, construct: str
) -> None:
    invoke(runner, "ingest", str(UNN))
    result = invoke(runner, "query", cypher)
    assert result.exit_code != 0
    assert result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert construct in line and "--neo4j" in line


def test_write_query_is_refused(runner: CliRunner, workdir: Path) -> None:
    result = invoke(runner, "query", "CREATE (n:Person {name: 'x'}) RETURN n")
    assert result.exit_code != 0
    assert "read-only" in result.stderr


def test_bad_parameter_is_a_usage_error(runner: CliRunner, workdir: Path) -> None:
    result = invoke(runner, "query", "-p", "novalue", "RETURN 1")
    assert result.exit_code == 2
    assert "name=value" in result.stderr


@pytest.mark.parametrize(
    "args", [["query", "--format", "nope", "RETURN 1"], ["neo4j", "status", "--bolt-port", "x"]]
)
def test_a_bad_option_value_is_typers_usage_error(runner: CliRunner, args: list[str]) -> None:
    result = invoke(runner, *args)
    assert result.exit_code == 2
    assert "Usage:" in result.stderr and "unexpected" not in result.stderr


def test_extract_prints_relations_and_stores_nothing(runner: CliRunner, workdir: Path) -> None:
    result = invoke(runner, "extract", str(UNN))
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {"subject", "relation", "object", "sentence", "confidence"} <= set(records[0])
    assert any(r["relation"] == "CONGRATULATE" and r["object"] == "Kim Jong Un" for r in records)
    assert not (workdir / "kgraph-data").exists()


def test_extract_carb_format(runner: CliRunner, workdir: Path) -> None:
    lines = workdir / "s.txt"
    sentences = ["Angela Merkel met Emmanuel Macron in Paris .", "It is raining ."]
    lines.write_text("\n".join(sentences) + "\n")
    result = invoke(runner, "extract", "--format", "carb", "--lines", str(lines))
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows and all(row[0] in sentences for row in rows)
    assert all(0.0 <= float(row[1]) <= 1.0 for row in rows)
    assert any(row[3] == "Angela Merkel" and "Emmanuel Macron" in row[4] for row in rows)


def test_export_formats_round_trip(runner: CliRunner, workdir: Path) -> None:
    import networkx as nx

    invoke(runner, "ingest", str(UNN))
    data = json.loads(invoke(runner, "export").stdout)
    edges = {(e["source"], e["relation"], e["target"]) for e in data["edges"]}
    assert ("person:vladimir putin", "THANK", "person:kim jong un") in edges
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        path = workdir / f"g.{fmt}"
        assert invoke(runner, "export", "-f", fmt, "-o", str(path)).exit_code == 0
        graph = reader(path)
        assert graph.nodes["person:kim jong un"]["name"] == "Kim Jong Un"
        assert graph.nodes["person:kim jong un"]["label"] == "Kim Jong Un"  # what Gephi shows
        assert graph.number_of_edges() == len(data["edges"])
    assert invoke(runner, "export", "-f", "csv", "-o", str(workdir / "out" / "g")).exit_code == 0
    nodes = (workdir / "out" / "g-nodes.csv").read_text().splitlines()
    assert (
        nodes[0] == "key,name,type,aliases,titles,mentions" and len(nodes) == len(data["nodes"]) + 1
    )
    assert invoke(runner, "export", "-f", "graphml").exit_code == 2


def test_export_min_count_keeps_only_the_nodes_of_kept_facts(
    runner: CliRunner, workdir: Path
) -> None:
    story = "Angela Merkel met Emmanuel Macron in Berlin.\n\nOlaf Scholz praised Joe Biden."
    for i in range(2):
        (workdir / f"s{i}.txt").write_text(
            f"Talks {i}\n\n" + (story if i == 0 else story.split("\n\n")[0]), encoding="utf-8"
        )
    assert invoke(runner, "ingest", str(workdir / "s0.txt"), str(workdir / "s1.txt")).exit_code == 0
    data = json.loads(invoke(runner, "export", "--min-count", "2").stdout)
    assert data["edges"] and all(e["count"] >= 2 for e in data["edges"])
    ends = {e["source"] for e in data["edges"]} | {e["target"] for e in data["edges"]}
    assert {n["id"] for n in data["nodes"]} == ends


def test_table_output_never_reads_data_as_markup(runner: CliRunner, workdir: Path) -> None:
    values = ["Summit [/caption] report", "daemon:x:1", ":smile:", "[bold red]hidden[/bold red]"]
    cypher = "RETURN " + ", ".join(f"$v{i} AS `[c{i}]`" for i in range(len(values)))
    params = [arg for i, v in enumerate(values) for arg in ("-p", f"v{i}={v}")]
    result = invoke(runner, "query", *params, cypher)
    assert result.exit_code == 0, result.output
    for i, value in enumerate(values):
        assert value in result.stdout and f"[c{i}]" in result.stdout


def test_query_help_examples_run(runner: CliRunner, workdir: Path) -> None:
    import shlex

    from kgraph.cli.query import query

    examples = [
        line.split("Example:", 1)[1].strip().replace("\\[", "[")
        for line in (query.__doc__ or "").splitlines()
        if "Example:" in line
    ]
    assert examples
    assert invoke(runner, "ingest", "--quiet", str(UNN)).exit_code == 0
    for example in examples:
        # A shell expands $name inside double quotes: parameters go in single quotes.
        assert all("$" not in part for part in example.split("'")[::2]), example
        args = shlex.split(example)
        assert args[0] == "kgraph"
        result = invoke(runner, *args[1:])
        assert result.exit_code == 0, (example, result.stderr)


def test_info_reports_versions_model_and_store_without_secrets(
    runner: CliRunner, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert invoke(runner, "ingest", "--quiet", str(UNN)).exit_code == 0
    monkeypatch.setenv("NEO4J_PASSWORD", "s3cret-pw-xyz")
    result = invoke(runner, "info", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["versions"]["kgraph"] and data["versions"]["spacy"]
    assert data["model"]["id"].startswith("en_")
    assert data["store"]["exists"] and data["store"]["articles"] == 1
    assert data["neo4j"]["password"] == "set"
    assert "s3cret-pw-xyz" not in result.stdout + result.stderr
    assert "s3cret-pw-xyz" not in invoke(runner, "info").stdout


def test_stats_shows_sections_and_says_what_it_cut(runner: CliRunner, workdir: Path) -> None:
    assert invoke(runner, "ingest", "--quiet", str(UNN)).exit_code == 0
    data = json.loads(invoke(runner, "stats", "--format", "json").stdout)
    shown = invoke(runner, "stats").stdout
    for title in ("Graph", "Entities by type", "Relations by type"):
        assert title in shown
    relation_types = data["relation_types"]
    if len(relation_types) > 20:
        assert f"… {len(relation_types) - 20} more" in shown
    every = invoke(runner, "stats", "--all", "--format", "csv").stdout
    for relation in relation_types:
        assert relation in every


def test_neo4j_reset_asks_first(runner: CliRunner, workdir: Path) -> None:
    home = workdir / "instance"
    (home / "data").mkdir(parents=True)
    (home / "data" / "keep").write_text("x", encoding="utf-8")
    refused = runner.invoke(app, ["neo4j", "reset", "--home", str(home)], input="n\n")
    assert refused.exit_code == 1 and "Nothing deleted" in refused.stdout
    assert (home / "data" / "keep").exists()
    done = runner.invoke(app, ["neo4j", "reset", "--home", str(home), "--yes"])
    assert done.exit_code == 0, done.output
    assert not (home / "data").exists()


def test_progress_moves_from_the_start_and_shows_the_writing_phase() -> None:
    from kgraph.cli.progress import IngestProgress
    from kgraph.events import Event

    progress = IngestProgress(quiet=True, total=3)

    def shown() -> tuple[str, float]:
        task = progress._progress.tasks[0]
        return task.description, task.completed

    progress(Event("read"))
    progress(Event("read"))
    assert shown() == ("parsing (2 in the parser)", 0)
    progress(Event("done"))
    assert shown() == ("parsing (1 in the parser)", 1)
    progress(Event("phase", phase="writing"))
    assert shown()[0] == "writing"


def test_driver_warnings_stay_off_the_terminal_and_retries_are_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import logging

    from kgraph.cli import driverlog

    handler = driverlog.quiet_driver(debug=False)
    logger = logging.getLogger("neo4j.pool")
    logger.warning("Failed to read from defunct connection\nwith a second line")
    for _ in range(3):
        logging.getLogger("neo4j").warning("Transaction failed and will be retried in 1.0s")
    driverlog.report(handler)
    err = capsys.readouterr().err
    assert "defunct" not in err and "will be retried" not in err
    [line] = err.strip().splitlines()
    assert "retried 3 times" in line
    assert driverlog.quiet_driver(debug=True) is None


def test_a_lost_server_is_one_line_without_a_retry_note(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Found by tools/faults.py: Neo4j killed mid-ingest gave the connection error and then
    # "Note: Neo4j transactions were retried 5 times (deadlocks ...)".
    import logging

    import typer

    from kgraph.cli import driverlog
    from kgraph.cli.output import reporting
    from kgraph.errors import Neo4jConnectionError

    handler = driverlog.quiet_driver(debug=False)
    for _ in range(5):
        logging.getLogger("neo4j").warning("Transaction failed and will be retried in 1.0s")
    with pytest.raises(typer.Exit), reporting():
        raise Neo4jConnectionError("cannot reach Neo4j at bolt://127.0.0.1:1")
    driverlog.report(handler)
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("Error: cannot reach Neo4j")


def test_articles_in_another_language_are_skipped_with_a_warning(
    runner: CliRunner, workdir: Path
) -> None:
    german = (
        "Der Bundestag hat heute beschlossen, dass die Steuern im kommenden Jahr steigen "
        "werden. Die Regierung hat dem Vorschlag zugestimmt, die Opposition protestierte."
    )
    records = [
        {"title": "Bundestag", "text": german},
        {"title": "Leaders meet", "text": "Angela Merkel met Emmanuel Macron in Berlin on Monday."},
    ]
    source = workdir / "mixed.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = invoke(runner, "ingest", "--json", str(source))
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["articles_read"], summary["articles_new"], summary["articles_skipped"]) == (
        2,
        1,
        1,
    )
    [warning] = [line for line in result.stderr.splitlines() if line.strip()]
    assert warning.startswith("Warning: ") and "mixed.jsonl:1" in warning and "'de'" in warning
    forced = invoke(runner, "ingest", "--json", "--lang-check", "off", str(source))
    assert json.loads(forced.stdout)["articles_new"] == 1


def test_read_counts_every_input_once(runner: CliRunner, workdir: Path) -> None:
    source = workdir / "some.jsonl"
    source.write_text(
        json.dumps({"title": "A", "text": "Angela Merkel met Emmanuel Macron in Berlin."})
        + "\nnot json\n"
        + json.dumps({"title": "B"})
        + "\n",
        encoding="utf-8",
    )
    summary = json.loads(invoke(runner, "ingest", "--json", str(source)).stdout)
    parts = ("articles_new", "articles_updated", "articles_unchanged", "articles_skipped")
    assert summary["articles_failed"] == 2
    assert summary["articles_read"] == sum(summary[p] for p in parts) + summary["articles_failed"]


def test_an_error_is_one_line_and_debug_adds_the_traceback(
    runner: CliRunner, workdir: Path
) -> None:
    import subprocess
    import sys

    bad = ["query", "--store", str(workdir / "g"), "MATCH (n RETURN n"]
    plain = invoke(runner, *bad)
    assert plain.exit_code == 1 and plain.stderr.startswith("Error:")
    assert "Traceback" not in plain.stderr
    debug = subprocess.run(
        [sys.executable, "-m", "kgraph", "--debug", *bad], capture_output=True, text=True
    )
    assert debug.returncode == 1 and "Traceback (most recent call last)" in debug.stderr
