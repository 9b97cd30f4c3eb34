"""The embedded store: merging, idempotence, replacement, removal, atomic persistence, and
the slot records that stand in for its property dicts."""

from __future__ import annotations

import dataclasses
import gzip
import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import orjson
import pytest

from kgraph.errors import StoreError, WriteNotAllowedError
from kgraph.graph import aggregate_fact, claim_props, combine_confidence
from kgraph.models import Article, ArticleResult, Claim, Entity, EntityRef, Merge
from kgraph.store.local import LocalStore
from kgraph.store.records import (
    ClaimRecord,
    EdgeData,
    MentionRecord,
    NodeData,
    as_dict,
)
from kgraph.store.store_graph import StoreGraph

PUTIN = Entity("person:vladimir putin", "Vladimir Putin", "Person", {"Putin"}, {"President"})
KIM = Entity("person:kim jong un", "Kim Jong Un", "Person", {"Kim"})
UKRAINE = Entity("place:ukraine", "Ukraine", "Place")


def claim(
    cid: str, article: str, s: Entity, rel: str, o: Entity, conf: float = 0.5, negated: bool = False
) -> Claim:
    return Claim(
        id=cid,
        article_id=article,
        subject_key=s.key,
        relation=rel,
        object_key=o.key,
        subject_ref=s.key,
        object_ref=o.key,
        predicate=rel.lower(),
        subject_text=s.name,
        object_text=o.name,
        context=(),
        sentence=f"{s.name} {rel.lower()} {o.name}.",
        start=0,
        end=10,
        negated=negated,
        modality=None,
        attribution=None,
        confidence=conf,
        extractor="test/1",
    )


def result(
    aid: str,
    claims: list[Claim],
    entities: list[Entity],
    published: str | None = None,
    text: str = "body",
) -> ArticleResult:
    article = Article(id=aid, title=f"title {aid}", text=text, published=published)
    refs = [
        EntityRef(e.key, e.key, 1, tuple(sorted({e.name, *e.aliases})), tuple(sorted(e.titles)))
        for e in entities
    ]
    return ArticleResult(article, {e.key: e for e in entities}, refs, claims, "test/1")


@pytest.fixture
def store(tmp_path: Path) -> LocalStore:
    return LocalStore(tmp_path / "g.db", writable=True)


def _facts(store: LocalStore) -> dict[tuple[str, str, str], dict[str, object]]:
    return {
        (u, d["type"], v): d["props"]
        for u, v, d in store.graph.edges(data=True)
        if d["type"] not in {"MENTIONS", "SUBJECT", "OBJECT", "SUPPORTED_BY"}
    }


@pytest.mark.parametrize(
    ("modalities", "hedged"),
    [(["may"], True), (["could", "may"], True), (["may", None], False), (["will"], False)],
)
def test_a_fact_is_hedged_when_every_claim_is(
    store: LocalStore, modalities: list[str | None], hedged: bool
) -> None:
    claims = [
        dataclasses.replace(claim(f"c{i}", f"a{i}", PUTIN, "MEET", KIM), modality=modality)
        for i, modality in enumerate(modalities)
    ]
    store.write([result(c.article_id, [c], [PUTIN, KIM], "2025-12-25") for c in claims])
    fact = _facts(store)[("e:person:vladimir putin", "MEET", "e:person:kim jong un")]
    assert fact["hedged"] is hedged


def test_write_merges_claims_into_facts(store: LocalStore) -> None:
    r1 = result("a1", [claim("c1", "a1", PUTIN, "THANK", KIM, 0.5)], [PUTIN, KIM], "2025-12-25")
    r2 = result("a2", [claim("c2", "a2", PUTIN, "THANK", KIM, 0.6)], [PUTIN, KIM], "2025-12-20")
    stats = store.write([r1, r2])
    assert (stats.entities_new, stats.relations_new, stats.claims_written) == (2, 1, 2)
    fact = _facts(store)[("e:person:vladimir putin", "THANK", "e:person:kim jong un")]
    assert fact == {
        "count": 2,
        "articles": ["a1", "a2"],
        "first_seen": "2025-12-20",
        "last_seen": "2025-12-25",
        "confidence": 0.8,
        "negated": False,
        "hedged": False,
    }
    entity = store.graph.nodes["e:person:vladimir putin"]
    assert entity["labels"] == ("Entity", "Person")
    assert entity["props"]["mentions"] == 2
    assert entity["props"]["aliases"] == ["Putin"]
    assert entity["props"]["titles"] == ["President"]


def test_entities_growing_over_batches_match_one_batch(tmp_path: Path) -> None:
    putin_later = Entity(PUTIN.key, PUTIN.name, "Person", {"V. Putin"}, {"Mr"})
    results = [
        result("a1", [claim("c1", "a1", PUTIN, "THANK", KIM)], [PUTIN, KIM]),
        result("a2", [claim("c2", "a2", putin_later, "VISIT", UKRAINE)], [putin_later, UKRAINE]),
        result("a3", [claim("c3", "a3", KIM, "VISIT", UKRAINE)], [KIM, UKRAINE]),
    ]
    whole = LocalStore(tmp_path / "whole.db", writable=True)
    whole.write(results)
    batched = LocalStore(tmp_path / "batched.db", writable=True)
    for r in results:
        batched.write([r])

    def entities(s: LocalStore) -> dict[str, dict[str, object]]:
        return {n: dict(d["props"]) for n, d in s.graph.nodes(data=True) if n.startswith("e:")}

    assert entities(batched) == entities(whole)
    putin = entities(batched)["e:person:vladimir putin"]
    assert putin["aliases"] == ["Putin", "V. Putin"]
    assert putin["titles"] == ["Mr", "President"]
    assert (putin["mentions"], entities(batched)["e:place:ukraine"]["mentions"]) == (2, 2)


def test_negated_claims_make_a_separate_fact(store: LocalStore) -> None:
    store.write(
        [
            result(
                "a1",
                [
                    claim("c1", "a1", PUTIN, "MEET", KIM),
                    claim("c2", "a1", PUTIN, "MEET", KIM, negated=True),
                ],
                [PUTIN, KIM],
            )
        ]
    )
    negated = [
        d["props"]["negated"] for _, _, d in store.graph.edges(data=True) if d["type"] == "MEET"
    ]
    assert sorted(negated) == [False, True]


def test_rewriting_the_same_article_changes_nothing(store: LocalStore) -> None:
    r1 = result("a1", [claim("c1", "a1", PUTIN, "THANK", KIM)], [PUTIN, KIM])
    store.write([r1])
    before = (store.stats(), _facts(store))
    stats = store.write([r1])
    assert (stats.entities_new, stats.relations_new, stats.claims_written) == (0, 0, 1)
    assert (store.stats(), _facts(store)) == before


def test_replacing_an_article_replaces_its_evidence(store: LocalStore) -> None:
    store.write([result("a1", [claim("c1", "a1", PUTIN, "THANK", KIM)], [PUTIN, KIM])])
    store.write(
        [
            result(
                "a1", [claim("c9", "a1", PUTIN, "VISIT", UKRAINE)], [PUTIN, UKRAINE], text="changed"
            )
        ]
    )
    facts = _facts(store)
    assert list(facts) == [("e:person:vladimir putin", "VISIT", "e:place:ukraine")]
    assert "e:person:kim jong un" not in store.graph
    assert store.stats().claims == 1


def test_remove_deletes_evidence_and_orphans_only(store: LocalStore) -> None:
    store.write(
        [
            result("a1", [claim("c1", "a1", PUTIN, "THANK", KIM)], [PUTIN, KIM]),
            result("a2", [claim("c2", "a2", PUTIN, "VISIT", UKRAINE)], [PUTIN, UKRAINE]),
        ]
    )
    assert store.remove(["a1", "missing"]) == ["a1"]
    assert "e:person:kim jong un" not in store.graph
    assert store.graph.nodes["e:person:vladimir putin"]["props"]["mentions"] == 1
    assert store.remove(["a2"]) == ["a2"]
    assert store.graph.number_of_nodes() == 0


CLAIM_ENDS = """
MATCH (a:Article)<-[:SUPPORTED_BY]-(c:Claim)-[:SUBJECT]->(s:Entity), (c)-[:OBJECT]->(o:Entity)
RETURN c.id, s.key, o.key, a.id ORDER BY c.id
"""
INTO_ENTITY = """
MATCH (e:Entity {key: $key})<-[r]-(n)
RETURN type(r) AS type, coalesce(n.id, '') AS from ORDER BY type, from
"""


def test_claim_edges_are_derived_and_follow_merges_and_removals(store: LocalStore) -> None:
    store.write(
        [
            result("a1", [claim("c1", "a1", PUTIN, "THANK", KIM)], [PUTIN, KIM]),
            result("a2", [claim("c2", "a2", KIM, "VISIT", UKRAINE)], [KIM, UKRAINE]),
        ]
    )
    assert not any(d["type"] == "SUBJECT" for _, _, d in store.graph.edges(data=True))
    assert store.query(CLAIM_ENDS).rows == [
        ["c1", PUTIN.key, KIM.key, "a1"],
        ["c2", KIM.key, UKRAINE.key, "a2"],
    ]
    into_kim = store.query(INTO_ENTITY, {"key": KIM.key}).rows
    assert into_kim == [
        ["MENTIONS", "a1"],
        ["MENTIONS", "a2"],
        ["OBJECT", "c1"],
        ["SUBJECT", "c2"],
        ["THANK", ""],  # the fact edge from Putin
    ]
    kim2 = Entity("person:kim", "Kim Jong Un", "Person")
    store.merge([Merge(KIM.key, kim2)])
    assert store.query(CLAIM_ENDS).rows == [
        ["c1", PUTIN.key, kim2.key, "a1"],
        ["c2", kim2.key, UKRAINE.key, "a2"],
    ]
    assert store.query(INTO_ENTITY, {"key": kim2.key}).rows == into_kim
    store.remove(["a1"])
    assert store.query(CLAIM_ENDS).rows == [["c2", kim2.key, UKRAINE.key, "a2"]]
    assert store.query("MATCH (:Article {id: 'a2'})<-[r]-() RETURN count(r)").rows == [[1]]


def test_a_reader_finds_claims_where_a_saved_unmerge_moved_them(tmp_path: Path) -> None:
    """The file holds a claim's edges as rows: a save rewrites those of the claims it
    changed, so a reader sees each claim once, at its new ends (here the entity it left
    still exists)."""
    path = tmp_path / "g.db"
    ref = "person:kim"
    moved = dataclasses.replace(claim("c1", "a1", PUTIN, "THANK", KIM), object_ref=ref)
    linked = result("a1", [moved], [PUTIN, KIM])
    linked.refs.append(EntityRef(ref, KIM.key, 1, ("Kim",), ()))
    with closing(LocalStore(path, writable=True)) as store:
        store.write([linked])
        store.flush()
        assert store.unmerge(ref) == KIM.key
    with closing(LocalStore(path)) as reader:
        assert reader.query(CLAIM_ENDS).rows == [["c1", PUTIN.key, ref, "a1"]]
        assert reader.query(INTO_ENTITY, {"key": KIM.key}).rows == [["MENTIONS", "a1"]]


def _legacy_file(path: Path, version: int, store: LocalStore) -> None:
    """Write ``store``'s graph at ``path`` in the older gzip'd JSON format."""
    nodes = [[n, list(d["labels"]), dict(d["props"])] for n, d in store.graph.nodes(data=True)]
    edges = [
        [u, v, k, d["type"], dict(d["props"])]
        for u, v, k, d in store.graph.edges(keys=True, data=True)
    ]
    doc = {"format": "kgraph-graph", "version": version, "nodes": nodes, "edges": edges}
    path.write_bytes(gzip.compress(orjson.dumps(doc)))
    path.with_name(path.name + ".summary").write_text("{}")


def test_a_store_of_the_older_format_is_converted_once(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "new.db", writable=True)
    store.write([result("a1", [claim("c1", "a1", PUTIN, "THANK", KIM)], [PUTIN, KIM])])
    store.flush()
    path = tmp_path / "old.json.gz"
    _legacy_file(path, 2, store)
    again = LocalStore(path)
    assert path.read_bytes().startswith(b"SQLite format 3")
    assert not path.with_name(path.name + ".summary").exists()
    assert again.stats() == store.stats()
    assert again.fingerprints() == store.fingerprints()
    query = "MATCH (c:Claim)-[r]->(n) RETURN c.id, type(r), coalesce(n.key, n.id) ORDER BY type(r)"
    assert again.query(query).rows == store.query(query).rows


def test_claim_edges_saved_by_version_1_are_not_doubled(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "new.db", writable=True)
    store.write([result("a1", [claim("c1", "a1", PUTIN, "THANK", KIM)], [PUTIN, KIM])])
    path = tmp_path / "g.json.gz"
    _legacy_file(path, 1, store)
    data = json.loads(gzip.decompress(path.read_bytes()))
    data["edges"] += [  # version 1 files saved each claim's edges too
        ["c:c1", "e:" + PUTIN.key, "SUBJECT", "SUBJECT", {}],
        ["c:c1", "e:" + KIM.key, "OBJECT", "OBJECT", {}],
        ["c:c1", "a:a1", "SUPPORTED_BY", "SUPPORTED_BY", {}],
    ]
    path.write_bytes(gzip.compress(json.dumps(data).encode()))
    again = LocalStore(path)
    assert again.query("MATCH (:Claim)-[r]->() RETURN type(r) ORDER BY type(r)").rows == [
        ["OBJECT"],
        ["SUBJECT"],
        ["SUPPORTED_BY"],
    ]


WRITE_A_STORE = """
import sys
from pathlib import Path
import kgraph.store.local as local
from tests.unit.test_local_store import KIM, PUTIN, UKRAINE, claim, result
local.utc_now_iso = lambda: "2026-01-01T00:00:00Z"
people = [PUTIN, KIM, UKRAINE]
triples = [(s, r, o) for s in people for o in people if s is not o for r in ("MEET", "THANK")]
claims = [claim(f"c{i}", "a1", s, r, o) for i, (s, r, o) in enumerate(triples)]
store = local.LocalStore(Path(sys.argv[1]), writable=True)
store.write([result("a1", claims, people)])
store.close()
"""


def test_the_saved_file_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    saved = []
    for seed in ("1", "2", "3"):
        path = tmp_path / f"g{seed}.db"
        env = os.environ | {"PYTHONHASHSEED": seed}
        cwd = Path(__file__).parents[2]
        subprocess.run(
            [sys.executable, "-c", WRITE_A_STORE, str(path)], env=env, cwd=cwd, check=True
        )
        with closing(sqlite3.connect(path)) as conn:
            saved.append(
                conn.execute("SELECT * FROM nodes ORDER BY seq").fetchall()
                + conn.execute("SELECT * FROM edges ORDER BY seq").fetchall()
            )
    assert sum("MEET" in str(row) for row in saved[0]) == 12  # six claims, six facts
    assert saved[0] == saved[1] == saved[2]


def test_flush_persists_and_reloads_identically(tmp_path: Path) -> None:
    path = tmp_path / "g.json.gz"
    store = LocalStore(path, writable=True)
    store.write([result("a1", [claim("c1", "a1", PUTIN, "THANK", KIM)], [PUTIN, KIM])])
    store.close()
    again = LocalStore(path)
    assert again.stats() == store.stats()
    assert _facts(again) == _facts(store)
    assert again.fingerprints() == store.fingerprints()


def test_a_saved_graph_reloads_whole(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    store = LocalStore(path, writable=True)
    store.write(
        [
            result("a1", [claim("c1", "a1", PUTIN, "THANK", KIM)], [PUTIN, KIM]),
            result("a2", [claim("c2", "a2", KIM, "VISIT", UKRAINE)], [KIM, UKRAINE]),
        ]
    )
    store.close()
    again = LocalStore(path)
    assert sorted(again.graph.nodes(data=True)) == sorted(store.graph.nodes(data=True))
    assert sorted(map(repr, again.graph.edges(keys=True, data=True))) == sorted(
        map(repr, store.graph.edges(keys=True, data=True))
    )
    assert store.graph.number_of_nodes() > 2 and store.graph.number_of_edges() > 2


def test_reading_never_loads_the_graph(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "g.db"
    store = LocalStore(path, writable=True)
    store.write([result("a1", [claim("c1", "a1", PUTIN, "THANK", KIM)], [PUTIN, KIM])])
    store.close()

    def no_load(*_: object, **__: object) -> None:
        raise AssertionError("the graph was loaded")

    monkeypatch.setattr("kgraph.store.sqlite_file.GraphFile.load", no_load)
    again = LocalStore(path)
    assert again.fingerprints() == store.fingerprints()
    assert again.stats() == store.stats()
    assert again.entity_index() == store.entity_index()
    query = "MATCH (s:Entity)-[r]->(o:Entity) RETURN s.key, type(r), r.count, o.key"
    assert again.query(query).rows == store.query(query).rows == [[PUTIN.key, "THANK", 1, KIM.key]]
    again.close()
    writer = LocalStore(path, writable=True)
    assert writer.fingerprints() == store.fingerprints()
    writer.close()  # nothing written: nothing to load or save


def test_a_save_writes_only_what_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "g.db"
    store = LocalStore(path, writable=True)
    store.write([result("a1", [claim("c1", "a1", PUTIN, "THANK", KIM)], [PUTIN, KIM])])
    store.close()
    import kgraph.store.sqlite_file as sqlite_file

    written: list[str] = []
    upsert = sqlite_file.upsert_nodes

    def recording(conn: sqlite3.Connection, rows: list[tuple[str, str, str]]) -> None:
        written.extend(row[0] for row in rows)
        upsert(conn, rows)

    monkeypatch.setattr(sqlite_file, "upsert_nodes", recording)
    store = LocalStore(path, writable=True)
    store.write([result("a2", [claim("c2", "a2", PUTIN, "VISIT", UKRAINE)], [PUTIN, UKRAINE])])
    store.close()
    # Putin's aggregates grew; Kim, the first article and its claim are untouched.
    assert sorted(written) == sorted(["a:a2", "c:c2", "e:" + PUTIN.key, "e:" + UKRAINE.key])
    again = LocalStore(path)
    assert set(again.fingerprints()) == {"a1", "a2"}
    assert again.stats() == store.stats()


def test_every_kind_of_change_is_saved(tmp_path: Path) -> None:
    """Saved after each step, the file holds what the writer's graph holds."""
    path = tmp_path / "g.db"
    store = LocalStore(path, writable=True)
    kim2 = Entity("person:kim", "Kim Jong Un", "Person")
    steps = [
        lambda: store.write(
            [
                result("a1", [claim("c1", "a1", PUTIN, "THANK", KIM)], [PUTIN, KIM]),
                result("a2", [claim("c2", "a2", KIM, "VISIT", UKRAINE)], [KIM, UKRAINE]),
            ]
        ),
        lambda: store.merge([Merge(KIM.key, kim2, manual=True)]),
        lambda: store.unmerge(KIM.key),
        lambda: store.write(
            [result("a1", [claim("c3", "a1", PUTIN, "MEET", KIM)], [PUTIN, KIM], text="new")]
        ),
        lambda: store.relink(
            lambda refs, _: {
                r.ref: kim2 if r.ref == KIM.key else Entity(r.ref, max(r.names), r.type)
                for r in refs
            }
        ),
        lambda: store.remove(["a2"]),
    ]
    for step in steps:
        step()
        store.flush()
        again = LocalStore(path)
        assert sorted(again.graph.nodes(data=True)) == sorted(store.graph.nodes(data=True))
        assert sorted(map(repr, again.graph.edges(keys=True, data=True))) == sorted(
            map(repr, store.graph.edges(keys=True, data=True))
        )
        assert again.query(CLAIM_ENDS).rows == store.query(CLAIM_ENDS).rows
        again.close()


def test_a_failed_save_leaves_the_old_graph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "g.db"
    store = LocalStore(path, writable=True)
    store.write([result("a1", [claim("c1", "a1", PUTIN, "THANK", KIM)], [PUTIN, KIM])])
    store.close()
    original = LocalStore(tmp_path / "copy.db", writable=True)
    original.write([result("a1", [claim("c1", "a1", PUTIN, "THANK", KIM)], [PUTIN, KIM])])

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    store = LocalStore(path, writable=True)
    store.write([result("a2", [claim("c2", "a2", PUTIN, "VISIT", UKRAINE)], [PUTIN, UKRAINE])])
    monkeypatch.setattr("kgraph.store.sqlite_file.upsert_edges", boom)  # after the nodes
    with pytest.raises(OSError):
        store.close()
    again = LocalStore(path)
    assert again.fingerprints() == original.fingerprints()
    assert again.stats() == original.stats()
    assert (
        again.query("MATCH (n) RETURN count(n)").rows
        == original.query("MATCH (n) RETURN count(n)").rows
    )


def test_corrupt_store_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "g.json.gz"
    path.write_bytes(gzip.compress(b"{not json"))
    with pytest.raises(StoreError, match="cannot read the graph store"):
        LocalStore(path).stats()
    path = tmp_path / "g.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\x01" * 200)
    with pytest.raises(StoreError, match="cannot read the graph store"):
        LocalStore(path).stats()
    path.write_text("some notes")
    with pytest.raises(StoreError, match="not a kgraph graph store"):
        LocalStore(path)


def test_write_queries_need_write_flag(store: LocalStore) -> None:
    with pytest.raises(WriteNotAllowedError):
        store.query("CREATE (n:X) RETURN n")


def test_combine_confidence_is_noisy_or() -> None:
    assert combine_confidence([0.5, 0.5]) == 0.75
    assert combine_confidence([]) == 0.0
    assert combine_confidence([1.5]) == 1.0


def test_aggregate_fact_ignores_missing_dates() -> None:
    props = aggregate_fact(
        [
            {"article_id": "a", "confidence": 0.5, "negated": False},
            {"article_id": "b", "confidence": 0.5, "negated": False},
        ],
        {"a": None, "b": "2024-01-02"},
    )
    assert (props["first_seen"], props["last_seen"], props["articles"]) == (
        "2024-01-02",
        "2024-01-02",
        ["a", "b"],
    )


def test_a_claim_record_reads_and_saves_as_its_dict() -> None:
    props = claim_props(claim("c1", "a1", PUTIN, "THANK", KIM))
    assert "modality" not in props  # null properties are absent...
    record = ClaimRecord(props)
    assert "modality" not in record and record.get("modality") is None  # ...in the record too
    assert dict(record) == props and record == props and list(record) == list(props)
    assert len(record) == len(props)
    assert orjson.dumps([record], default=as_dict) == orjson.dumps([props])
    with pytest.raises(KeyError):
        record["modality"]


def test_a_record_is_written_like_a_dict_but_only_its_own_keys() -> None:
    record = MentionRecord({"ref": "person:kim", "count": 1, "names": ["Kim"], "titles": []})
    record["count"] = 2
    assert record["count"] == 2
    del record["titles"]
    assert dict(record) == {"ref": "person:kim", "count": 2, "names": ["Kim"]}
    with pytest.raises(KeyError):
        record["colour"] = "red"
    assert MentionRecord.of({"ref": "x", "colour": "red"}) == {"ref": "x", "colour": "red"}
    assert isinstance(MentionRecord.of({"ref": "x"}), MentionRecord)


def test_the_store_graph_keeps_node_and_edge_attributes_in_records(tmp_path: Path) -> None:
    path = tmp_path / "g.json.gz"
    store = LocalStore(path, writable=True)
    store.write([result("a1", [claim("c1", "a1", PUTIN, "THANK", KIM)], [PUTIN, KIM])])
    store.close()
    for graph in (store.graph, LocalStore(path).graph):
        assert isinstance(graph, StoreGraph)
        nodes = list(graph.nodes(data=True))
        edges = list(graph.edges(data=True))
        assert nodes and edges
        assert all(type(data) is NodeData for _, data in nodes)
        assert all(type(data) is EdgeData for _, _, data in edges)
        # Nodes with the same labels share one tuple.
        entity_labels = {id(d["labels"]) for _, d in nodes if "Entity" in d["labels"]}
        assert len(entity_labels) == 1
    data = store.graph.nodes[next(iter(store.graph.nodes))]
    assert set(data) == {"labels", "props"}
    with pytest.raises(KeyError):
        data["colour"] = "red"


def test_property_records_hold_lists_as_tuples_and_share_repeated_strings() -> None:
    def fresh(text: str) -> str:
        return "".join(list(text))  # a new string object with the same value

    first = MentionRecord({"ref": fresh("person:kim"), "count": 1, "names": [fresh("Kim")]})
    second = MentionRecord({"ref": fresh("person:kim"), "count": 2, "names": [fresh("Kim")]})
    assert first["ref"] is second["ref"] and first["names"][0] is second["names"][0]
    # Stored as tuples; read back as lists, as they were written.
    assert object.__getattribute__(first, "names") == ("Kim",)
    assert object.__getattribute__(first, "titles") is None
    first["titles"] = []
    assert object.__getattribute__(first, "titles") == ()
    assert (first["names"], first["titles"]) == (["Kim"], [])
    assert dict(first) == {"ref": "person:kim", "count": 1, "names": ["Kim"], "titles": []}
    a, b = (claim_props(claim(c, c, PUTIN, "THANK", KIM)) for c in ("c1", "c2"))
    for props in (a, b):
        props.update(subject_key=fresh(PUTIN.key), relation=fresh("THANK"))
    ra, rb = ClaimRecord(a), ClaimRecord(b)
    assert ra["subject_key"] is rb["subject_key"] and ra["relation"] is rb["relation"]


def test_an_article_never_holds_two_claims_with_one_id() -> None:
    from kgraph.resolve import _dedupe

    said = claim("c1", "a1", PUTIN, "MEET", KIM)
    denied = claim("c1", "a1", PUTIN, "MEET", KIM, negated=True)  # same words read twice
    other = claim("c2", "a1", PUTIN, "VISIT", UKRAINE)
    assert [c.id for c in _dedupe([said, denied, other])] == ["c1", "c2"]


READ_A_STORE = """
import sys
from pathlib import Path
from kgraph.cli import app  # everything a command line loads
from kgraph.evidence import why
from kgraph.store.local import LocalStore
store = LocalStore(Path(sys.argv[1]))
assert store.query("MATCH (e:Entity) RETURN count(e)").rows == [[2]]
assert store.stats().articles == 1 and len(why(store, "Vladimir Putin", "Kim Jong Un")) == 1
print(sorted({m.split(".")[0] for m in sys.modules} & {"networkx", "spacy"}))
"""


def test_reading_loads_neither_networkx_nor_spacy(tmp_path: Path) -> None:
    """Start-up time counts in every read command's answer."""
    path = tmp_path / "g.db"
    store = LocalStore(path, writable=True)
    store.write([result("a1", [claim("c1", "a1", PUTIN, "THANK", KIM)], [PUTIN, KIM])])
    store.close()
    cwd = Path(__file__).parents[2]
    out = subprocess.run(
        [sys.executable, "-c", READ_A_STORE, str(path)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip() == "[]"


def test_a_reader_sees_each_save_whole(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    writer = LocalStore(path, writable=True)
    writer.write([result("a1", [claim("c1", "a1", PUTIN, "THANK", KIM)], [PUTIN, KIM])])
    writer.flush()
    reader = LocalStore(path)
    count = "MATCH (a:Article) RETURN count(a)"
    assert reader.query(count).rows == [[1]]
    writer.write([result("a2", [claim("c2", "a2", PUTIN, "VISIT", UKRAINE)], [PUTIN, UKRAINE])])
    assert reader.query(count).rows == [[1]]  # not saved yet
    writer.close()
    assert reader.query(count).rows == [[2]]
    assert reader.stats() == writer.stats()
    reader.close()
