"""Linking across articles, merges and their undoing, on the embedded store."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.models import Article, ArticleResult, Claim, Entity, EntityRef, EntityType, Merge
from kgraph.resolve.aliases import AliasRule, AliasTable, load_aliases
from kgraph.resolve.linker import EntityIndex, Linker
from kgraph.resolve.names import entity_key
from kgraph.store.local import LocalStore


def _entity(name: str, etype: EntityType = "Person", titles: tuple[str, ...] = ()) -> Entity:
    return Entity(entity_key(etype, name), name, etype, titles=set(titles))


def article(
    aid: str,
    subject: Entity,
    obj: Entity,
    relation: str = "MEET",
    names: dict[str, tuple[str, ...]] | None = None,
) -> ArticleResult:
    claim = Claim(
        id=f"{aid}-c",
        article_id=aid,
        subject_key=subject.key,
        relation=relation,
        object_key=obj.key,
        subject_ref=subject.key,
        object_ref=obj.key,
        predicate="met",
        subject_text=subject.name,
        object_text=obj.name,
        context=(),
        sentence="s.",
        start=0,
        end=2,
        negated=False,
        modality=None,
        attribution=None,
        confidence=0.5,
        extractor="t/1",
    )
    refs = [
        EntityRef(e.key, e.key, 1, (names or {}).get(e.key, (e.name,)), tuple(sorted(e.titles)))
        for e in (subject, obj)
    ]
    return ArticleResult(
        Article(aid, f"t{aid}", f"text {aid}"),
        {subject.key: subject, obj.key: obj},
        refs,
        [claim],
        "t/1",
    )


def ingest(
    store: LocalStore, results: list[ArticleResult], aliases: AliasTable | None = None
) -> None:
    linker = Linker(EntityIndex.of(store.entity_index()), aliases)
    merges = linker.alias_merges()
    linked = []
    for result in results:
        done, found = linker.link(result)
        linked.append(done)
        merges.extend(found)
    store.write([linker.rekey(r) for r in linked], merges)


def people(store: LocalStore) -> set[str]:
    return {p["key"] for _, p in store._nodes("Entity")}


def facts(store: LocalStore) -> set[tuple[str, str, str]]:
    return {
        (u[2:], d["type"], v[2:]) for u, v, d in store.graph.edges(data=True) if d["type"] == "MEET"
    }


@pytest.fixture
def store(tmp_path: Path) -> LocalStore:
    return LocalStore(tmp_path / "g.json.gz", writable=True)


PUTIN, SHORT_PUTIN = _entity("Vladimir Putin"), _entity("Putin")
XI, SHORT_XI = _entity("Xi Jinping"), _entity("Xi")
XI_NAMES = {XI.key: ("Xi Jinping", "Xi")}


def test_short_name_in_a_later_article_links_to_the_full_name(store: LocalStore) -> None:
    # "Xi" is Xi Jinping's family name, written first: an article that called him both
    # is what allows linking the bare word
    ingest(store, [article("a", PUTIN, XI, names={XI.key: ("Xi Jinping", "Xi")})])
    ingest(store, [article("b", SHORT_PUTIN, SHORT_XI)])
    assert people(store) == {PUTIN.key, XI.key}
    assert store.graph.nodes["e:" + PUTIN.key]["props"]["merged"] == ["person:putin"]


def test_order_does_not_matter(tmp_path: Path) -> None:
    forward = LocalStore(tmp_path / "f.json.gz", writable=True)
    backward = LocalStore(tmp_path / "b.json.gz", writable=True)
    ingest(forward, [article("a", PUTIN, XI, names=XI_NAMES)])
    ingest(forward, [article("b", SHORT_PUTIN, SHORT_XI)])
    ingest(backward, [article("b", SHORT_PUTIN, SHORT_XI)])
    ingest(backward, [article("a", PUTIN, XI, names=XI_NAMES)])
    assert people(forward) == people(backward) == {PUTIN.key, XI.key}
    assert facts(forward) == facts(backward)
    fact = store_fact(backward, PUTIN.key, XI.key)
    assert fact["count"] == 2 and fact["articles"] == ["a", "b"]


def store_fact(store: LocalStore, s: str, o: str) -> dict[str, object]:
    props: dict[str, object] = store.graph.edges["e:" + s, "e:" + o, "MEET|0"]["props"]
    return props


def test_same_surname_different_people_are_not_merged(store: LocalStore) -> None:
    john, jane, smith = _entity("John Smith"), _entity("Jane Smith"), _entity("Smith")
    ingest(store, [article("a", john, XI), article("b", jane, XI)])
    ingest(store, [article("c", smith, XI)])
    assert {john.key, jane.key, smith.key} <= people(store)


def test_same_name_different_types_are_not_merged(store: LocalStore) -> None:
    michael = _entity("Michael Jordan")
    country = _entity("Jordan", "Place")
    ingest(store, [article("a", michael, XI), article("b", country, XI)])
    assert {michael.key, country.key} <= people(store)


def test_acronym_links_to_the_spelled_out_name(store: LocalStore) -> None:
    kcna = _entity("Korean Central News Agency", "Organization")
    short = _entity("KCNA", "Organization")
    ingest(store, [article("a", short, XI)])
    ingest(store, [article("b", kcna, XI)])
    assert kcna.key in people(store) and short.key not in people(store)


def test_titled_person_absorbs_a_mislabelled_organization(store: LocalStore) -> None:
    org = _entity("Olaf Scholz", "Organization")
    person = _entity("Olaf Scholz", "Person", titles=("Chancellor",))
    ingest(store, [article("a", org, XI)])
    ingest(store, [article("b", person, XI)])
    assert person.key in people(store) and org.key not in people(store)


def test_alias_file_overrides_a_refusal_and_a_type(store: LocalStore, tmp_path: Path) -> None:
    john, jane, smith = _entity("John Smith"), _entity("Jane Smith"), _entity("Smith")
    path = tmp_path / "aliases.tsv"
    path.write_text("# alias\tcanonical\ttype\nSmith\tJohn Smith\nXi\tXi Jinping\tPerson\n")
    rules = load_aliases(path)
    ingest(store, [article("a", john, XI), article("b", jane, XI)], rules)
    ingest(store, [article("c", smith, SHORT_XI)], rules)
    assert smith.key not in people(store)
    assert store_fact(store, john.key, XI.key)["count"] == 2


def test_alias_file_applies_to_stored_entities(store: LocalStore) -> None:
    kremlin = _entity("Kremlin", "Organization")
    ingest(store, [article("a", kremlin, XI)])
    rules = AliasTable([AliasRule("Kremlin", "Russian Government", "Organization")])
    ingest(store, [], rules)
    assert people(store) == {"organization:russian government", XI.key}


def test_alias_file_can_keep_apart_what_would_merge(store: LocalStore) -> None:
    rules = AliasTable([AliasRule("Putin", "Putin (nickname)", "Group")])
    ingest(store, [article("a", PUTIN, XI), article("b", SHORT_PUTIN, XI)], rules)
    assert {PUTIN.key, "group:putin (nickname)"} <= people(store)


def test_merge_and_unmerge_round_trip(store: LocalStore) -> None:
    kim, kim_yo = _entity("Kim Jong Un"), _entity("Kim Yo Jong")
    ingest(store, [article("a", kim, XI), article("b", kim_yo, XI)])
    before = (people(store), facts(store))
    store.merge([Merge(kim_yo.key, kim, manual=True)])
    assert kim_yo.key not in people(store)
    assert store_fact(store, kim.key, XI.key)["count"] == 2
    assert store.unmerge(kim_yo.key) == kim.key
    assert (people(store), facts(store)) == before
    assert kim_yo.key in store.graph.nodes["e:" + kim.key]["props"]["distinct_from"]


def test_unmerged_short_name_is_not_linked_again(store: LocalStore) -> None:
    ingest(store, [article("a", PUTIN, XI)])
    ingest(store, [article("b", SHORT_PUTIN, XI)])
    assert store.unmerge(SHORT_PUTIN.key) == PUTIN.key
    assert SHORT_PUTIN.key in people(store)
    store.remove(["b"])
    ingest(store, [article("c", SHORT_PUTIN, XI)])
    assert SHORT_PUTIN.key in people(store)


def test_removing_every_article_leaves_an_empty_graph(store: LocalStore) -> None:
    ingest(store, [article("a", PUTIN, XI)])
    ingest(store, [article("b", SHORT_PUTIN, SHORT_XI)])
    store.remove(["a", "b"])
    assert store.graph.number_of_nodes() == 0


def test_rekey_repoints_only_what_a_later_merge_moved() -> None:
    """Linking a batch, then a merge found later in it: rekey moves the claims and refs
    of the merged name and hands back the others as they were."""
    linker = Linker()
    first, _ = linker.link(article("a", SHORT_PUTIN, XI))
    second, merges = linker.link(article("b", PUTIN, XI))
    assert [m.source for m in merges] == [SHORT_PUTIN.key]
    moved, kept = linker.rekey(first), linker.rekey(second)
    assert moved.claims[0].subject_key == PUTIN.key
    assert moved.claims[0].object_key == XI.key
    assert [r.key for r in moved.refs] == [PUTIN.key, XI.key]
    assert kept.claims[0] is second.claims[0]
    assert all(new is old for new, old in zip(kept.refs, second.refs, strict=True))


def test_a_bare_first_name_never_links_to_another_articles_person(store: LocalStore) -> None:
    ingest(store, [article("a", _entity("Kevin Davis"), XI)])
    ingest(store, [article("b", _entity("Kevin"), XI)])
    assert "person:kevin" in people(store)
    assert "person:kevin davis" in people(store)


def test_a_surname_shared_by_two_people_links_only_by_a_shared_role(tmp_path: Path) -> None:
    novaks = article("a", _entity("Ada Novak", titles=("Governor",)), _entity("Ivo Novak"))
    untitled = LocalStore(tmp_path / "u.json.gz", writable=True)
    ingest(untitled, [novaks, article("b", _entity("Novak"), XI)])
    assert "person:novak" in people(untitled)
    titled = LocalStore(tmp_path / "t.json.gz", writable=True)
    ingest(titled, [novaks, article("c", _entity("Novak", titles=("Governor",)), XI)])
    assert "person:novak" not in people(titled)
    assert facts(titled) >= {("person:ada novak", "MEET", XI.key)}


def test_a_misspelt_given_name_links_to_the_person(store: LocalStore) -> None:
    ingest(store, [article("a", _entity("Sergei Lavrov"), XI)])
    ingest(store, [article("b", _entity("Sergey Lavrov"), XI)])
    assert "person:sergey lavrov" not in people(store)
    ingest(store, [article("c", _entity("Sergio Lavrov"), XI)])  # two letters apart
    ingest(store, [article("d", _entity("Ana Lavrov"), XI)])  # too short to compare
    assert {"person:sergio lavrov", "person:ana lavrov"} <= people(store)


@pytest.mark.parametrize(("one", "other"), [("Ivana", "Ivanka"), ("Daniel", "Daniela")])
def test_a_letter_more_in_a_short_name_or_at_its_end_is_another_person(
    store: LocalStore, one: str, other: str
) -> None:
    ingest(store, [article("a", _entity(f"{one} Lind"), XI)])
    ingest(store, [article("b", _entity(f"{other} Lind"), XI)])
    assert {f"person:{one.lower()} lind", f"person:{other.lower()} lind"} <= people(store)


@pytest.mark.parametrize(
    ("short", "longer", "etype"),
    [
        ("White House", "White House Trade Council", "Organization"),
        ("Ada Novak", "Ada Novak Europe", "Person"),
    ],
)
def test_a_full_name_never_links_to_a_longer_name_of_another_article(
    tmp_path: Path, short: str, longer: str, etype: EntityType
) -> None:
    for order in ((longer, short), (short, longer)):
        store = LocalStore(tmp_path / f"{order[0]}.json.gz", writable=True)
        for i, name in enumerate(order):
            ingest(store, [article(f"a{i}", _entity(name, etype), XI)])
        assert {entity_key(etype, short), entity_key(etype, longer)} <= people(store)
