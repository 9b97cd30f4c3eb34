"""The import files of ``kgraph neo4j import``: every node and relationship of the embedded
graph, with the labels, types and cells neo4j-admin reads back as the Neo4j store's values.
(The round trip through a real neo4j-admin is tests/integration/test_neo4j_import.py.)"""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import pytest

from kgraph.errors import StoreError
from kgraph.models import Article, ArticleResult, EntityRef
from kgraph.store.local import LocalStore
from kgraph.store.neo4j_export import (
    ARRAY_DELIMITER,
    empty_list_statements,
    export_graph,
)
from tests.unit.test_local_store import KIM, PUTIN, UKRAINE, claim, result


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _raw_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


@pytest.fixture
def store(tmp_path: Path) -> LocalStore:
    store = LocalStore(tmp_path / "g.json.gz")
    quoted = dataclasses.replace(
        claim("c1", "a1", PUTIN, "THANK", KIM, 0.25),
        sentence='Putin thanked "Kim";\nagain.',
        context=("for the troops", "in Kursk"),
    )
    generic = dataclasses.replace(claim("c2", "a1", PUTIN, "DEPLOY_TO", UKRAINE), object_key="")
    first = result("a1", [quoted, generic], [PUTIN, KIM, UKRAINE], "2025-12-25")
    store.write([dataclasses.replace(first, article=dataclasses.replace(first.article, tags=()))])
    return store


def test_nodes_and_relationships_carry_the_neo4j_labels_types_and_cells(
    store: LocalStore, tmp_path: Path
) -> None:
    files = export_graph(store.graph, tmp_path / "csv")
    out = tmp_path / "csv"
    nodes, relationships = (
        sum(len(_rows(p)) for p in ps) for ps in (files.nodes, files.relationships)
    )
    assert (nodes, relationships) == (6, 3 + 1 + 2 + 1 + 2)
    entities = {r["key:ID(Entity)"]: r for r in _rows(out / "entities.csv")}
    assert entities[PUTIN.key][":LABEL"] == f"Entity{ARRAY_DELIMITER}Person"
    assert entities[PUTIN.key]["aliases:string[]"] == "Putin"
    assert entities[PUTIN.key]["mentions:long"] == "1"
    claims = {r["id:ID(Claim)"]: r for r in _rows(out / "claims.csv")}
    assert claims["c1"]["sentence:string"] == 'Putin thanked "Kim";\nagain.'
    assert claims["c1"]["context:string[]"] == f"for the troops{ARRAY_DELIMITER}in Kursk"
    assert claims["c1"]["confidence:double"] == "0.25"
    assert claims["c1"]["negated:boolean"] == "false"
    # An empty string is a quoted empty cell, a null (no modality) an empty bare one.
    line = next(x for x in _raw_lines(out / "claims.csv") if x.startswith('Claim,"c2"'))
    assert ',"",' in line and ",," in line
    facts = _rows(out / "facts.csv")
    assert [f[":TYPE"] for f in facts] == ["THANK"]
    assert facts[0]["articles:string[]"] == "a1"
    # The claim about a generic noun phrase has no OBJECT edge, as in the Neo4j store.
    assert [r[":START_ID(Claim)"] for r in _rows(out / "object.csv")] == ["c1"]
    assert len(_rows(out / "supported_by.csv")) == 2
    # Empty lists cannot be told from nulls in CSV: they are noted to set afterwards.
    assert ("Article", "tags") in files.empty_lists
    assert ("Claim", "context") in files.empty_lists
    statements = list(empty_list_statements(files.empty_lists))
    assert any("MATCH (n:Article) WHERE n.tags IS NULL" in s for s in statements)


def test_a_value_holding_the_array_delimiter_is_refused(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "g.json.gz")
    article = Article(id="a1", title="t", text="body", tags=(f"bad{ARRAY_DELIMITER}tag",))
    ref = EntityRef(PUTIN.key, PUTIN.key, 1, ("Vladimir Putin",), ())
    store.write([ArticleResult(article, {PUTIN.key: PUTIN}, [ref], [], "test/1")])
    with pytest.raises(StoreError, match=r"'tags'.*U\+001F"):
        export_graph(store.graph, tmp_path / "csv")


def test_list_statements_take_only_schema_names() -> None:
    with pytest.raises(StoreError):
        list(empty_list_statements({("Entity", "x}) DETACH DELETE n //")}))
    with pytest.raises(StoreError):
        list(empty_list_statements({("Robot", "aliases")}))


def test_every_list_property_of_the_model_has_an_array_column(store: LocalStore) -> None:
    from kgraph.store.neo4j_export import ARTICLE_COLUMNS, CLAIM_COLUMNS, ENTITY_COLUMNS

    for labels, columns in (
        ("Article", ARTICLE_COLUMNS),
        ("Entity", ENTITY_COLUMNS),
        ("Claim", CLAIM_COLUMNS),
    ):
        kinds = dict(columns)
        nodes = [d["props"] for _, d in store.graph.nodes(data=True) if labels in d["labels"]]
        for props in nodes:
            assert set(props) <= set(kinds), labels
            for prop, value in props.items():
                if isinstance(value, list | tuple):
                    assert kinds[prop] == "string[]", (labels, prop)
