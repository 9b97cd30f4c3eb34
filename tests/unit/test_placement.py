"""The re-link pass: every stored ref placed from all the stored evidence at once, so the
graph does not depend on the order in which articles came (embedded store)."""

from __future__ import annotations

import itertools
from pathlib import Path

from kgraph.models import Entity, EntityType, IndexedEntity, Merge, StoredRef
from kgraph.resolve.names import entity_key
from kgraph.resolve.placement import display_name, placement, relink
from kgraph.store.local import LocalStore
from tests.unit.test_linker import XI, _entity, article, facts, ingest, people

JOHN, JANE, SMITH = _entity("John Smith"), _entity("Jane Smith"), _entity("Smith")


def _ref(name: str, *names: str, titles: tuple[str, ...] = ()) -> StoredRef:
    key = _entity(name).key
    return StoredRef(key, key, "Person", (name, *names), titles)


def test_the_placement_is_the_same_for_every_order_of_the_refs() -> None:
    refs = [
        _ref("Donald Trump", "Trump"),
        _ref("Melania Trump"),
        _ref("Trump"),
        _ref("John Smith", "Smith"),
        _ref("Jane Smith", "Smith"),
        _ref("Smith"),
    ]
    results = {
        tuple(sorted((r, e.key) for r, e in placement(order, []).items()))
        for order in itertools.permutations(refs)
    }
    assert len(results) == 1
    placed = dict(results.pop())
    assert placed["person:trump"] == "person:donald trump"  # the one called "Trump"
    assert placed["person:smith"] == "person:smith"  # both Smiths are called "Smith"


def test_a_surname_goes_to_the_person_the_articles_call_so_far_most_often() -> None:
    """Several Lunds are called "Lund" somewhere; the one called so in three times as many
    articles as the others together takes the bare surname, in any order; with no such
    lead nobody does."""
    per_article = [("Ola Lund", "Lund")] * 7 + [("Kari Lund", "Lund")] * 2
    refs = [_ref(*names) for names in per_article] + [_ref("Lund", titles=("Mr", "Mrs"))]
    for order in (refs, refs[::-1]):
        assert placement(order, [])["person:lund"].key == "person:ola lund"
    even = [_ref(*names) for names in per_article[5:]] + [_ref("Lund")]
    assert placement(even, [])["person:lund"].key == "person:lund"


def test_hand_merges_and_splits_are_kept() -> None:
    refs = [_ref("Kim Jong Un"), _ref("Kim Yo Jong"), _ref("Putin"), _ref("Vladimir Putin")]
    stored = [
        _indexed("Kim Jong Un", pinned=("person:kim yo jong",)),
        _indexed("Vladimir Putin", distinct_from=("person:putin",)),
    ]
    placed = {r: e.key for r, e in placement(refs, stored).items()}
    assert placed["person:kim yo jong"] == "person:kim jong un"
    assert placed["person:putin"] == "person:putin"


def _indexed(
    name: str, pinned: tuple[str, ...] = (), distinct_from: tuple[str, ...] = ()
) -> IndexedEntity:
    key = _entity(name).key
    return IndexedEntity(key, name, "Person", distinct_from=distinct_from, pinned=pinned)


def test_the_display_name_is_the_commonest_spelling_of_the_key() -> None:
    names = ["Green Party", "GREEN PARTY", "Green Party", "the Greens"]
    assert display_name("organization:green party", "Organization", names) == "Green Party"


def test_a_short_name_linked_too_early_is_split_out_again(tmp_path: Path) -> None:
    """ "Smith" links to John Smith while he is the only Smith; once Jane Smith is stored
    too, the pass puts "Smith" back on its own, as ingesting in the other order does."""
    early = LocalStore(tmp_path / "early.json.gz", writable=True)
    ingest(early, [article("a", JOHN, XI, names={JOHN.key: ("John Smith", "Smith")})])
    ingest(early, [article("c", SMITH, XI)])
    assert SMITH.key not in people(early)
    ingest(early, [article("b", JANE, XI, names={JANE.key: ("Jane Smith", "Smith")})])
    assert relink(early, None) == 1
    late = LocalStore(tmp_path / "late.json.gz", writable=True)
    ingest(late, [article("b", JANE, XI, names={JANE.key: ("Jane Smith", "Smith")})])
    ingest(late, [article("c", SMITH, XI)])
    ingest(late, [article("a", JOHN, XI, names={JOHN.key: ("John Smith", "Smith")})])
    relink(late, None)
    assert people(early) == people(late) >= {SMITH.key, JOHN.key, JANE.key}
    assert facts(early) == facts(late)
    john = early.graph.nodes["e:" + JOHN.key]["props"]
    assert john["merged"] == [] and john["mentions"] == 1


def test_a_hand_merge_survives_the_pass(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "g.json.gz", writable=True)
    kim, kim_yo = _entity("Kim Jong Un"), _entity("Kim Yo Jong")
    ingest(store, [article("a", kim, XI), article("b", kim_yo, XI)])
    store.merge([Merge(kim_yo.key, Entity(kim.key, kim.name, "Person"), manual=True)])
    assert relink(store, None) == 0
    assert kim_yo.key not in people(store)
    assert store.graph.nodes["e:" + kim.key]["props"]["pinned"] == [kim_yo.key]
    store.unmerge(kim_yo.key)
    relink(store, None)
    assert kim_yo.key in people(store)


def _typed(name: str, etype: EntityType, articles: int) -> list[StoredRef]:
    key = entity_key(etype, name)
    return [StoredRef(key, key, etype, (name,), ()) for _ in range(articles)]


def test_a_long_name_takes_the_type_most_articles_give_it() -> None:
    refs = [
        *_typed("Zenit News", "Organization", 4),
        *_typed("Zenit News", "Person", 2),  # NER's slip in two articles
        *_typed("Lake Vara", "Place", 3),
        *_typed("Lake Vara", "Person", 2),  # no clear majority: both stay
        *_typed("Jordan", "Place", 5),
        *_typed("Jordan", "Person", 1),  # one word: a country and a player
    ]
    for order in (refs, refs[::-1]):
        placed = {r: e.key for r, e in placement(order, []).items()}
        assert placed["person:zenit news"] == "organization:zenit news"
        assert placed["person:lake vara"] == "person:lake vara"
        assert placed["place:lake vara"] == "place:lake vara"
        assert placed["person:jordan"] == "person:jordan"


def test_a_ref_split_off_by_hand_keeps_its_type() -> None:
    refs = [*_typed("Zenit News", "Organization", 4), *_typed("Zenit News", "Person", 1)]
    split = IndexedEntity(
        "organization:zenit news",
        "Zenit News",
        "Organization",
        distinct_from=("person:zenit news",),
    )
    placed = {r: e.key for r, e in placement(refs, [split]).items()}
    assert placed["person:zenit news"] == "person:zenit news"
