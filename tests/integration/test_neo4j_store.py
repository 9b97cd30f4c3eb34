"""The Neo4j store against a real server: idempotence, read-only queries, parity with the
embedded store, concurrent ingests, connection errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kgraph.analysis import Analyzer
from kgraph.cli import app
from kgraph.config import Neo4jSettings
from kgraph.errors import Neo4jConnectionError, UnsupportedCypherError
from kgraph.models import Entity, Merge
from kgraph.pipeline import ingest
from kgraph.store.local import LocalStore
from kgraph.store.neo4j import Neo4jStore
from tests.conftest import EXAMPLES, REPO, UNN
from tests.integration.snapshot import local_snapshot, neo4j_snapshot, wipe

pytestmark = pytest.mark.neo4j
NEWS = REPO / "tests" / "data" / "news"
QUERIES = REPO / "cypher" / "queries"


@pytest.fixture
def neo4j_store(neo4j_server: Neo4jSettings) -> Iterator[Neo4jStore]:
    store = Neo4jStore(neo4j_server)
    wipe(store)
    yield store
    wipe(store)
    store.close()


def _cli(*args: str) -> Any:
    return CliRunner(env={"COLUMNS": "200"}).invoke(app, list(args), catch_exceptions=False)


def _count(store: Neo4jStore, cypher: str) -> int:
    result = store.query(cypher)
    return int(result.rows[0][0])


def test_ingest_examples_and_query(
    neo4j_store: Neo4jStore,
    neo4j_env: Neo4jSettings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert _cli("ingest", str(EXAMPLES), "--neo4j").exit_code == 0
    query = (
        "MATCH (:Person {name:'Vladimir Putin'})-[:CONGRATULATE]->(:Person {name:'Kim Jong Un'})"
        " RETURN count(*) AS n"
    )
    result = _cli("query", "--neo4j", "--format", "json", query)
    assert json.loads(result.stdout) == [{"n": 1}]
    counts = "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n), count(r)"
    before = neo4j_store.query(counts).rows
    again = _cli("ingest", str(EXAMPLES), "--neo4j", "--json")
    summary = json.loads(again.stdout)
    assert (summary["entities_new"], summary["relations_new"]) == (0, 0)
    assert neo4j_store.query(counts).rows == before
    assert not (tmp_path / "kgraph-data").exists()


def test_write_queries_need_write(neo4j_store: Neo4jStore, neo4j_env: Neo4jSettings) -> None:
    result = _cli("query", "--neo4j", "CREATE (n) RETURN n")
    assert result.exit_code != 0
    assert "read-only" in result.stderr and "--write" in result.stderr
    assert _count(neo4j_store, "MATCH (n) RETURN count(n)") == 0
    allowed = _cli("query", "--neo4j", "--write", "CREATE (n:Scratch) RETURN count(n) AS c")
    assert allowed.exit_code == 0
    assert _count(neo4j_store, "MATCH (n:Scratch) RETURN count(n)") == 1


ABUSE_QUERIES = [
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "LOAD CSV FROM 'file:///../../../../etc/passwd' AS line RETURN line",
    "LOAD CSV FROM 'http://127.0.0.1:7474/' AS line RETURN line",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "SHOW TRANSACTIONS YIELD transactionId AS t TERMINATE TRANSACTIONS t",
    "STOP DATABASE neo4j",
    "SHOW USERS",
    "CALL dbms.killQueries(['query-1'])",
]


@pytest.mark.parametrize("cypher", ABUSE_QUERIES)
def test_read_only_query_refuses_files_urls_and_admin(
    neo4j_store: Neo4jStore, neo4j_env: Neo4jSettings, cypher: str
) -> None:
    result = _cli("query", "--neo4j", cypher)
    assert result.exit_code != 0
    assert result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert "read-only" in line and "root:" not in line


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "file:///../../../../etc/passwd", "http://127.0.0.1:7474/"]
)
def test_the_local_server_loads_no_file_or_url_even_with_write(
    neo4j_store: Neo4jStore, neo4j_env: Neo4jSettings, url: str
) -> None:
    result = _cli(
        "query", "--neo4j", "--write", "-p", f"url={url}", "LOAD CSV FROM $url AS l RETURN l"
    )
    assert result.exit_code != 0
    assert "root:" not in result.stdout + result.stderr
    assert "Cannot load from URL" in result.stderr


@pytest.mark.parametrize(
    "cypher",
    ["SHOW DATABASES YIELD name RETURN name", "CALL dbms.components() YIELD name RETURN name"],
)
def test_read_only_admin_calls_run(
    neo4j_store: Neo4jStore, neo4j_env: Neo4jSettings, cypher: str
) -> None:
    result = _cli("query", "--neo4j", "--format", "json", cypher)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)


def test_terminate_from_a_read_query_leaves_running_writes_alone(
    neo4j_store: Neo4jStore, neo4j_env: Neo4jSettings
) -> None:
    with neo4j_store.driver.session() as session, session.begin_transaction() as tx:
        tx.run("CREATE (:Scratch {name: 'in flight'})").consume()
        listed = _cli(
            "query",
            "--neo4j",
            "--format",
            "json",
            "SHOW TRANSACTIONS YIELD transactionId AS t RETURN t",
        )
        assert listed.exit_code == 0, listed.stderr
        for row in json.loads(listed.stdout):
            refused = _cli("query", "--neo4j", f"TERMINATE TRANSACTIONS '{row['t']}'")
            assert refused.exit_code != 0 and "read-only" in refused.stderr
        tx.commit()
    assert _count(neo4j_store, "MATCH (n:Scratch {name: 'in flight'}) RETURN count(n)") == 1


def test_parameters_reach_neo4j_as_parameters(
    neo4j_store: Neo4jStore, neo4j_env: Neo4jSettings
) -> None:
    hostile = "x'}) DETACH DELETE n //"
    result = _cli(
        "query", "--neo4j", "--format", "json", "-p", f"name={hostile}", "RETURN $name AS name"
    )
    assert json.loads(result.stdout) == [{"name": hostile}]


def _assert_same_graph(local: dict[str, Any], remote: dict[str, Any]) -> None:
    """Both stores hold the same nodes and edges with exactly the same values (the same
    types too: a float that came out as an int, or a list as a tuple, differs)."""
    for kind in ("articles", "entities", "claims", "mentions", "facts"):
        assert local[kind].keys() == remote[kind].keys(), kind
        for key in local[kind]:
            assert _typed(local[kind][key]) == _typed(remote[kind][key]), (kind, key)


def _typed(value: Any) -> Any:
    """``value`` with the type of every scalar beside it, so that ``==`` compares types."""
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_typed(v) for v in value]
    return (type(value).__name__, value)


def _ingest_both(
    analyzer: Analyzer, paths: list[str], local: LocalStore, remote: Neo4jStore
) -> None:
    ingest(paths, local, analyzer)
    ingest(paths, remote, analyzer)


def _query_texts() -> list[tuple[str, str, dict[str, Any]]]:
    out = []
    for path in sorted(QUERIES.glob("*.cypher")):
        text = path.read_text(encoding="utf-8")
        params: dict[str, Any] = {}
        for line in text.splitlines():
            if line.startswith("// params:"):
                params = json.loads(line.split(":", 1)[1])
        out.append((path.name, text, params))
    return out


def test_embedded_and_neo4j_hold_the_same_graph(
    neo4j_store: Neo4jStore, analyzer: Analyzer, tmp_path: Path
) -> None:
    local = LocalStore(tmp_path / "g.db", writable=True)
    paths = [str(UNN), str(NEWS)]
    _ingest_both(analyzer, paths, local, neo4j_store)
    snapshot = local_snapshot(local)
    assert len(snapshot["facts"]) > 10 and len(snapshot["articles"]) == 13
    _assert_same_graph(snapshot, neo4j_snapshot(neo4j_store))
    local.flush()
    reader = LocalStore(tmp_path / "g.db")  # reads the SQLite file, not the loaded graph
    _assert_same_graph(local_snapshot(reader), neo4j_snapshot(neo4j_store))
    compared = 0
    for name, text, params in _query_texts():
        try:
            expected = local.query(text, params)
        except UnsupportedCypherError:
            continue
        actual = neo4j_store.query(text, params)
        assert expected.columns == actual.columns, name
        assert _typed(expected.rows) == _typed(actual.rows), name
        assert _typed(reader.query(text, params).rows) == _typed(actual.rows), name
        assert expected.rows, f"{name} returned nothing; the comparison would prove little"
        compared += 1
    assert compared >= 6
    reader.close()
    # Removing an article and re-ingesting it keeps both stores equal too.
    victim = next(iter(local.fingerprints()))
    assert local.remove([victim]) == neo4j_store.remove([victim]) == [victim]
    _assert_same_graph(local_snapshot(local), neo4j_snapshot(neo4j_store))
    _ingest_both(analyzer, paths, local, neo4j_store)
    _assert_same_graph(local_snapshot(local), neo4j_snapshot(neo4j_store))
    assert local_snapshot(local)["facts"] == snapshot["facts"]


def _busiest(snapshot: dict[str, Any], count: int) -> list[str]:
    """The keys of the ``count`` most mentioned entities, busiest first."""
    entities = snapshot["entities"]
    return sorted(entities, key=lambda k: (-entities[k]["mentions"], k))[:count]


def test_merges_and_unmerges_agree_between_stores(
    neo4j_store: Neo4jStore, analyzer: Analyzer, tmp_path: Path
) -> None:
    """Merges applied together -- two into one, a chain, into a new entity, one already
    gone -- leave both stores the same graph, and so does undoing one."""
    local = LocalStore(tmp_path / "g.json.gz", writable=True)
    _ingest_both(analyzer, [str(UNN), str(NEWS)], local, neo4j_store)
    a, b, c, d, e = _busiest(local_snapshot(local), 5)
    fresh = Entity("organization:merged test entity", "Merged Test Entity", "Organization")
    entity = {
        k: Entity(k, local_snapshot(local)["entities"][k]["name"], "Organization") for k in (b, d)
    }
    merges = [
        Merge(a, entity[b]),
        Merge(c, entity[b]),  # two into one
        Merge(b, entity[d]),  # then the target itself onwards: a chain
        Merge(e, fresh),  # into an entity that does not exist yet
        Merge(a, entity[d]),  # a source already merged away: nothing to do
    ]
    assert local.merge(merges) == neo4j_store.merge(merges) == [a, c, b, e]
    snapshot = local_snapshot(local)
    assert {a, b, c, e}.isdisjoint(snapshot["entities"])
    assert {a, b, c} <= set(snapshot["entities"][d]["merged"])
    _assert_same_graph(snapshot, neo4j_snapshot(neo4j_store))
    assert local.unmerge(c) == neo4j_store.unmerge(c) == d
    snapshot = local_snapshot(local)
    assert c in snapshot["entities"] and c in snapshot["entities"][d]["distinct_from"]
    _assert_same_graph(snapshot, neo4j_snapshot(neo4j_store))


def _split_wire(tmp_path: Path) -> tuple[Path, Path]:
    lines = (NEWS / "wire.jsonl").read_text().splitlines()
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "a.jsonl").write_text("\n".join(lines[:7]) + "\n")
    (second / "b.jsonl").write_text("\n".join(lines[3:]) + "\n")
    return first, second


def test_concurrent_ingests_converge_without_duplicates(
    neo4j_store: Neo4jStore, neo4j_env: Neo4jSettings, analyzer: Analyzer, tmp_path: Path
) -> None:
    first, second = _split_wire(tmp_path)
    env = dict(os.environ)
    cmd = [sys.executable, "-m", "kgraph", "ingest", "--neo4j", "--quiet", "-j", "1"]
    procs = [
        subprocess.Popen([*cmd, str(p)], env=env, cwd=tmp_path, stderr=subprocess.PIPE, text=True)
        for p in (first, second)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    remote = neo4j_snapshot(neo4j_store)  # asserts no duplicate keys or facts
    local = LocalStore(tmp_path / "g.json.gz", writable=True)
    ingest([str(NEWS / "wire.jsonl")], local, analyzer)
    _assert_same_graph(local_snapshot(local), remote)


def test_connection_errors_name_the_uri_never_the_password(neo4j_server: Neo4jSettings) -> None:
    secret = "not-the-password-9f8e7d"
    with pytest.raises(Neo4jConnectionError) as wrong:
        Neo4jStore(Neo4jSettings(neo4j_server.uri, neo4j_server.user, secret))
    assert neo4j_server.uri in str(wrong.value) and secret not in str(wrong.value)
    with pytest.raises(Neo4jConnectionError, match=r"cannot reach Neo4j at bolt://127\.0\.0\.1:9"):
        Neo4jStore(Neo4jSettings("bolt://127.0.0.1:9", "neo4j", secret))
    if neo4j_server.password:
        with pytest.raises(Neo4jConnectionError, match="no database 'nosuchdb'"):
            Neo4jStore(
                Neo4jSettings(
                    neo4j_server.uri, neo4j_server.user, neo4j_server.password, "nosuchdb"
                )
            )


def test_cli_connection_failure_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_PASSWORD", "hunter2-secret")
    result = _cli("stats", "--neo4j", "bolt://127.0.0.1:9")
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()
    assert "bolt://127.0.0.1:9" in line and "hunter2-secret" not in line


def test_a_password_inside_the_uri_is_never_echoed() -> None:
    result = _cli("stats", "--neo4j", "bolt://neo4j:hunter3-secret@127.0.0.1:9")
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()
    assert "hunter3-secret" not in line and "127.0.0.1:9" in line


def _batched_writes() -> dict[str, str]:
    """Every statement the store runs over a batch of rows, by name."""
    from kgraph.store import neo4j_cypher as q

    found = {
        name: text
        for name, text in vars(q).items()
        if name.isupper() and isinstance(text, str) and text.lstrip().startswith("UNWIND")
    }
    found |= {f"move_claims({side})": q.move_claims(side) for side in ("SUBJECT", "OBJECT")}
    return found


def _operators(plan: Any) -> Iterator[str]:
    yield plan["operatorType"]
    for child in plan.get("children", []):
        yield from _operators(child)


def test_batched_writes_never_plan_a_scan_on_an_empty_database(neo4j_store: Neo4jStore) -> None:
    """Plans are compiled when a database is new and cached for a while: a statement
    planned as a scan then (cheap on nothing) turns quadratic as the first batches land.
    Every batched statement must find its nodes by index or element id."""
    statements = _batched_writes()
    assert {"MERGE_ENTITIES", "CREATE_CLAIMS", "DELETE_FACTS", "FACT_EVIDENCE"} <= set(statements)
    plans = {}
    with neo4j_store.driver.session(database=neo4j_store.settings.database) as session:
        for name, text in statements.items():
            plan = session.run(f"EXPLAIN {text}", rows=[], ids=[], keys=[]).consume().plan
            assert plan is not None
            plans[name] = [op.split("@")[0] for op in _operators(plan)]
    for name, ops in plans.items():
        assert not [op for op in ops if "Scan" in op], f"{name} plans {ops}"
    # A fact edge is found from an end sought by key (Expand(Into) between both ends, or
    # Expand(All) from the subject: the planner picks by the database's statistics).
    assert "NodeUniqueIndexSeek(Locking)" in plans["DELETE_FACTS"], plans["DELETE_FACTS"]
    assert "NodeByElementIdSeek" in plans["CREATE_CLAIMS"]


def test_one_sided_claims_agree_between_stores(neo4j_store: Neo4jStore, tmp_path: Path) -> None:
    """A claim about a generic noun phrase links to its one entity in both stores, with
    no node or fact edge for the phrase."""
    from kgraph.models import Argument, Article, EntityMention, RelationMention
    from kgraph.resolve import resolve_article

    doc = "Anna Berg cut the budget. Anna Berg met Omar Sy."
    berg, omar = (
        EntityMention("Anna Berg", 0, 9, "PERSON"),
        EntityMention("Omar Sy", 40, 47, "PERSON"),
    )
    budget = EntityMention("budget", 18, 24, "NOUN")
    berg2 = EntityMention("Anna Berg", 26, 35, "PERSON")

    def rel(s: EntityMention, r: str, o: EntityMention, text: str) -> RelationMention:
        return RelationMention(
            Argument(s.text, s.start, s.end, s),
            r.lower(),
            r,
            Argument(text, o.start, o.end, o),
            sentence="s",
            confidence=0.5,
        )

    result = resolve_article(
        Article(id="one-sided", title="", text=doc),
        [rel(berg, "CUT", budget, "the budget"), rel(berg2, "MEET", omar, "Omar Sy")],
        [berg, omar, berg2],
        [(0, 25), (26, 48)],
        "t/1",
    )
    local = LocalStore(tmp_path / "g.json.gz", writable=True)
    local.write([result])
    neo4j_store.write([result])
    _assert_same_graph(local_snapshot(local), neo4j_snapshot(neo4j_store))
    query = (
        "MATCH (c:Claim) OPTIONAL MATCH (c)-[:OBJECT]->(o:Entity) "
        "RETURN c.relation AS r, c.object_text AS text, o.name AS o ORDER BY r"
    )
    expected = [["CUT", "the budget", None], ["MEET", "Omar Sy", "Omar Sy"]]
    assert local.query(query).rows == neo4j_store.query(query).rows == expected
    assert _count(neo4j_store, "MATCH (e:Entity) RETURN count(e)") == 2


GOVERNMENTS = """Kiev and Moscow trade accusations

Kiev's representatives accused Moscow of breaking the ceasefire on Tuesday. The Ukrainian \
delegate Ivan Petrov spoke to reporters in a Moscow hotel. There was fury in Ankara after \
Turkey criticised Germany. Nazi Germany occupied the Netherlands in 1940.
"""


def test_capitals_for_governments_agree_between_stores(
    neo4j_store: Neo4jStore, analyzer: Analyzer, tmp_path: Path
) -> None:
    """Through the real model: a capital standing for its government ("Kiev's
    representatives", NER's PERSON; "accused Moscow"; "fury in Ankara") is its country, one
    node with the country of another article; a capital that only says where ("a Moscow
    hotel") is the city; "Nazi Germany" is Germany.  Both stores hold the same graph."""
    (tmp_path / "capitals.txt").write_text(GOVERNMENTS, encoding="utf-8")
    (tmp_path / "countries.txt").write_text(
        "Talks stall\n\nUkraine asked Russia and Turkey to resume talks.\n", encoding="utf-8"
    )
    local = LocalStore(tmp_path / "g.json.gz", writable=True)
    _ingest_both(
        analyzer,
        [str(tmp_path / "capitals.txt"), str(tmp_path / "countries.txt")],
        local,
        neo4j_store,
    )
    _assert_same_graph(local_snapshot(local), neo4j_snapshot(neo4j_store))
    names = "MATCH (e:Entity) RETURN e.name AS name, e.type AS type ORDER BY name"
    rows = local.query(names).rows
    assert rows == neo4j_store.query(names).rows
    found = {name: etype for name, etype in rows}
    assert {"Ukraine", "Russia", "Turkey", "Germany", "Moscow"} <= found.keys()
    assert not {"Kiev", "Ankara", "Nazi Germany"} & found.keys()
    assert found["Ukraine"] == found["Moscow"] == "Place"
    mentions = "MATCH (:Article)-[m:MENTIONS]->(e:Entity {name: 'Ukraine'}) RETURN count(m)"
    assert _count(neo4j_store, mentions) == 2  # one node for both articles


LINKING = {
    "a.txt": "Talks in Beijing\n\nKevin Davis met Xi Jinping in Beijing on Monday. Davis praised"
    " the talks.\n",
    "b.txt": "A plan fails\n\nKevin said the plan had failed, and Sweden agreed.\n",
    "c.txt": "A family deal\n\nJohn Smith and Jane Smith signed the deal with Sweden on Friday."
    " Smith said it was fair.\n",
    "d.txt": "Deal criticised\n\nSmith criticised the deal with Norway on Monday.\n",
    "e.txt": "Border talks\n\nJordan criticised Israel over the border on Tuesday.\n",
    "f.txt": "A sponsor\n\nMichael Jordan praised Nike on Sunday. Jordan smiled.\n",
    "g.txt": "A call\n\nPutin called Erdogan on Monday.\n",
    "h.txt": "A meeting\n\nVladimir Putin met Recep Tayyip Erdogan in Sochi.\n",
}


def test_links_and_refusals_across_articles_agree_between_stores(
    neo4j_store: Neo4jStore, analyzer: Analyzer, tmp_path: Path
) -> None:
    """Through the real model, in both stores: surnames link to the one person named in
    full ("Putin", "Erdogan"); a bare first name ("Kevin"), a surname two people share
    ("Smith") and a country that is also a person's name ("Jordan") do not."""
    for name, text in LINKING.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    local = LocalStore(tmp_path / "g.json.gz", writable=True)
    _ingest_both(analyzer, [str(tmp_path / n) for n in sorted(LINKING)], local, neo4j_store)
    _assert_same_graph(local_snapshot(local), neo4j_snapshot(neo4j_store))
    keys = "MATCH (e:Entity) RETURN e.key ORDER BY e.key"
    found = {key for (key,) in neo4j_store.query(keys).rows}
    assert found == {key for (key,) in local.query(keys).rows}
    assert {"person:vladimir putin", "person:recep tayyip erdogan"} <= found
    assert not {"person:putin", "person:erdogan"} & found
    assert {"person:kevin", "person:kevin davis"} <= found
    assert {"person:smith", "person:john smith", "person:jane smith"} <= found
    assert {"place:jordan", "person:michael jordan"} <= found
    assert "person:jordan" not in found
