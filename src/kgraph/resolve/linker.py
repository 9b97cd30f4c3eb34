"""Across articles: each article's entities (refs) linked to canonical entities.

Rules, in order, for a ref of one article:

1. the user's alias file decides, whatever else would happen;
2. a ref merged or linked before keeps going where it went (``merged`` on the target);
3. the same key (type + normalised name) is the same entity;
4. a short form ("Putin", "KCNA") links to the one entity of the same type whose name
   it abbreviates ("Vladimir Putin", "Korean Central News Agency") -- not when two such
   entities exist ("Smith" with "John Smith" and "Jane Smith"), not across types, and not
   to an entity the user split it from (``distinct_from``);
5. otherwise it is a new entity, and existing short forms that now unambiguously
   abbreviate it are merged into it.

Rules 2, 4 and 5 depend on what arrived before, so an ingest ends by linking every
stored ref again in an order of their own (:mod:`kgraph.resolve.placement`); linking
article by article gets most refs right first, so that pass moves few.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from kgraph.models import (
    ArticleResult,
    Entity,
    EntityType,
    IndexedEntity,
    Merge,
)
from kgraph.resolve.aliases import AliasTable, builtin_aliases
from kgraph.resolve.names import (
    abbreviates,
    all_initials,
    entity_key,
    initials,
    is_acronym,
    spelling_variant,
    tokens,
)
from kgraph.resolve.within import is_personal_title, role_titles

FUZZY_TYPES: frozenset[EntityType] = frozenset({"Person", "Organization"})
DOMINANCE = 3
"""How many times as often as all the others together the articles must call one of
several people by a shared lone word for the word to mean that person."""
MISLABELLED_PEOPLE: frozenset[EntityType] = frozenset({"Organization", "Place"})


@dataclass
class EntityIndex:
    """Canonical entities by key, by name token and by acronym, plus redirects."""

    by_key: dict[str, IndexedEntity] = field(default_factory=dict)
    redirect: dict[str, str] = field(default_factory=dict)
    _by_token: dict[tuple[EntityType, str], set[str]] = field(
        default_factory=lambda: defaultdict(set)
    )

    @classmethod
    def of(cls, entities: Iterable[IndexedEntity]) -> EntityIndex:
        index = cls()
        for entity in entities:
            index.add(entity)
        return index

    def add(self, entity: IndexedEntity) -> None:
        self.by_key[entity.key] = entity
        for ref in entity.merged:
            self.redirect[ref] = entity.key
        if entity.type in FUZZY_TYPES:
            for token in self._tokens(entity.name):
                self._by_token[(entity.type, token)].add(entity.key)

    @staticmethod
    def _tokens(name: str) -> set[str]:
        parts = tokens(name)
        found = {parts[0], parts[-1]} if parts else set()
        if len(parts) > 1:
            found.update("#" + a for a in {initials(name), all_initials(name)} if a)
        return found

    def final(self, key: str) -> str:
        """Follow redirects to the entity a key now stands for."""
        if key not in self.redirect:
            return key
        seen = set()
        while key in self.redirect and key not in seen and key not in self.by_key:
            seen.add(key)
            key = self.redirect[key]
        return key

    def fuller(self, name: str, etype: EntityType, titles: Iterable[str] = ()) -> set[str]:
        """Keys of entities whose name ``name`` abbreviates (sub-name or acronym).

        Across articles only a lone word or an acronym links to a longer name: a name of
        several words is a name in full, and a longer one that starts or ends with it is
        something else or a tagging slip ("White House" / "White House National Trade
        Council", "Donald Trump" / "Donald Trump Europe").  A lone word of a person's
        name links only as a surname ("Lavrov"
        -> "Sergei Lavrov"), never as a first name ("Kevin" is not another article's
        "Kevin Davis"), unless a role title says who it is ("President Xi" -> "Xi
        Jinping" titled President); of several people with the surname, only the one
        sharing such a title, else the one the articles that name them in full also call
        by the word ("Trump" for Donald Trump, not Melania Trump), or of several called
        so, the one called so far most often."""
        if etype not in FUZZY_TYPES:
            return set()
        short = tokens(name)
        if is_acronym(name):
            acronym = name.replace(".", "")
            return {k for k in self._by_token.get((etype, "#" + acronym), ()) if k in self.by_key}
        if len(short) != 1:
            return set()  # "Donald Trump" is not another article's "Donald Trump Europe"
        found = {
            k
            for k in self._by_token.get((etype, short[0]), ())
            if k in self.by_key and abbreviates(short, tokens(self.by_key[k].name), etype)
        }
        if etype != "Person":
            return found
        roles = role_titles(titles)
        titled = {k for k in found if roles & role_titles(self.by_key[k].titles)}
        if titled:
            return titled if len(titled) == 1 else self._most_called(titled, name) or titled
        called = {k for k in found if self._called_so(self.by_key[k], name)}
        if len(called) == 1:
            return called
        return self._most_called(called, name) or {
            k for k in found if self._called(self.by_key[k], name)
        }

    def _most_called(self, keys: set[str], name: str) -> set[str]:
        """Of several people the articles call by a lone word, the one they call so
        :data:`DOMINANCE` times as often as all the others together ("Trump" for Donald
        Trump, not Ivana or Eric Trump), else none ("Clinton" is Hillary or Bill)."""
        counts = {k: self._calls(self.by_key[k], name) for k in keys}
        best = max(sorted(counts), key=counts.__getitem__, default=None)
        if best is None or counts[best] < DOMINANCE * (sum(counts.values()) - counts[best]):
            return set()
        return {best}

    @staticmethod
    def _calls(known: IndexedEntity, name: str) -> int:
        folded = name.casefold()
        return sum(n for alias, n in known.calls if alias.casefold() == folded)

    @staticmethod
    def _called_so(known: IndexedEntity, name: str) -> bool:
        """Whether an article that named ``known`` in full also called them ``name``."""
        return name.casefold() in {a.casefold() for a in known.aliases}

    @staticmethod
    def _called(known: IndexedEntity, name: str) -> bool:
        """Whether a lone word ``name`` may stand for the person ``known``: it is their
        surname, or an article that named them in full also called them by it ("Xi"
        for "Xi Jinping", whose family name comes first)."""
        return tokens(known.name)[-1:] == tokens(name) or EntityIndex._called_so(known, name)

    def variant(self, name: str, etype: EntityType) -> set[str]:
        """Keys of people whose full name differs from ``name`` by one letter in one
        given name ("Sergey Lavrov" / "Sergei Lavrov", "Vladmir Putin" / "Vladimir
        Putin"): same number of words, same surname."""
        full = tokens(name)
        if etype != "Person" or len(full) < 2:
            return set()
        found = set()
        for key in self._by_token.get((etype, full[-1]), ()):
            other = self.by_key.get(key)
            if other is not None and spelling_variant(full, tokens(other.name)):
                found.add(key)
        return found

    def shorter(self, name: str, etype: EntityType) -> set[str]:
        """Keys of entities whose name abbreviates ``name``."""
        if etype not in FUZZY_TYPES:
            return set()
        full = tokens(name)
        found = set()
        lookups = self._tokens(name) | ({initials(name).lower()} if len(full) > 1 else set())
        for token in lookups:
            for key in self._by_token.get((etype, token), ()):
                other = self.by_key.get(key)
                if other is None or len(tokens(other.name)) != 1:
                    continue
                if abbreviates(tokens(other.name), full, etype) or (
                    is_acronym(other.name) and other.name.replace(".", "") == initials(name)
                ):
                    found.add(key)
        return found

    def fold(self, source: str, target: str) -> None:
        """Record in the index that ``source`` was merged into ``target``."""
        self.redirect[source] = target
        self.by_key.pop(source, None)


class Linker:
    """Links the refs of each article to canonical entities, in arrival order.

    ``distinct`` (entity key -> refs a user split off it) is for an index built afresh:
    an index read from the store has it on its entities already."""

    def __init__(
        self,
        index: EntityIndex | None = None,
        aliases: AliasTable | None = None,
        distinct: Mapping[str, tuple[str, ...]] | None = None,
    ):
        self.index = index or EntityIndex()
        self.aliases = (aliases or AliasTable()).then(builtin_aliases())
        self.distinct = distinct or {}

    def alias_merges(self) -> list[Merge]:
        """Stored entities the alias file sends elsewhere (run once, before ingesting)."""
        merges = []
        for entity in list(self.index.by_key.values()):
            target = self._alias_target(entity.name, entity.type)
            if target is not None and target.key != entity.key:
                merges.append(Merge(entity.key, target, manual=True))
                self._fold(entity.key, target)
        return merges

    def _alias_target(self, name: str, etype: EntityType) -> Entity | None:
        found = self.aliases.lookup(name, etype)
        if found is None:
            return None
        canonical, ctype = found
        return Entity(key=entity_key(ctype, canonical), name=canonical, type=ctype)

    def _fold(self, source: str, target: Entity) -> None:
        if target.key not in self.index.by_key:
            self.index.add(IndexedEntity(target.key, target.name, target.type))
        self.index.fold(source, target.key)

    def link_one(
        self,
        entity: Entity,
        names: tuple[str, ...],
        titles: tuple[str, ...] = (),
        calls: tuple[tuple[str, int], ...] = (),
    ) -> tuple[Entity, list[Merge]]:
        """The canonical entity of one ref, and the merges its arrival calls for."""
        for name in (entity.name, *names):
            target = self._alias_target(name, entity.type)
            if target is not None:
                known = self.index.by_key.get(self.index.final(target.key))
                if known is None:
                    self.index.add(IndexedEntity(target.key, target.name, target.type))
                return (self._as_entity(known) if known else target), []
        final = self.index.final(entity.key)
        if final in self.index.by_key:
            return self._as_entity(self.index.by_key[final]), []
        person = self._titled_person(entity)
        if person is not None:
            return self._as_entity(person), []
        fuller = {
            k
            for k in self.index.fuller(entity.name, entity.type, titles)
            | self.index.variant(entity.name, entity.type)
            if entity.key not in self.index.by_key[k].distinct_from
        }
        if len(fuller) == 1:
            return self._as_entity(self.index.by_key[fuller.pop()]), []
        self.index.add(
            IndexedEntity(
                entity.key,
                entity.name,
                entity.type,
                aliases=tuple(n for n in names if n != entity.name),
                distinct_from=self.distinct.get(entity.key, ()),
                titles=titles,
                calls=calls,
            )
        )
        return entity, self._absorb_short_forms(entity) + self._absorb_mislabelled(entity, titles)

    def _titled_person(self, entity: Entity) -> IndexedEntity | None:
        """The titled person whose full name an Organization/Place mention repeats: NER
        often labels "Olaf Scholz" ORG where "Chancellor Olaf Scholz" was PERSON."""
        if entity.type not in MISLABELLED_PEOPLE or len(tokens(entity.name)) < 2:
            return None
        known = self.index.by_key.get(self.index.final(entity_key("Person", entity.name)))
        if known is None or not any(is_personal_title(t) for t in known.titles):
            return None
        return known

    def _absorb_mislabelled(self, entity: Entity, titles: tuple[str, ...]) -> list[Merge]:
        if entity.type != "Person" or not any(is_personal_title(t) for t in titles):
            return []
        merges = []
        for etype in sorted(MISLABELLED_PEOPLE):
            key = entity_key(etype, entity.name)
            if key in self.index.by_key and len(tokens(entity.name)) > 1:
                merges.append(Merge(key, entity))
                self.index.fold(key, entity.key)
        return merges

    def _absorb_short_forms(self, entity: Entity) -> list[Merge]:
        merges = []
        for key in sorted(self.index.shorter(entity.name, entity.type)):
            short = self.index.by_key[key]
            if key == entity.key or key in self.index.by_key[entity.key].distinct_from:
                continue
            if self.index.fuller(short.name, short.type, short.titles) == {entity.key}:
                merges.append(Merge(key, entity))
                self.index.fold(key, entity.key)
        return merges

    @staticmethod
    def _as_entity(known: IndexedEntity) -> Entity:
        return Entity(key=known.key, name=known.name, type=known.type)

    def link(self, result: ArticleResult) -> tuple[ArticleResult, list[Merge]]:
        """The article with refs linked to canonical keys, and merges it calls for."""
        targets: dict[str, Entity] = {}
        merges: list[Merge] = []
        refs = {r.ref: r for r in result.refs}
        for ref, entity in sorted(result.entities.items()):
            known = refs.get(ref)
            names, titles = (known.names, known.titles) if known else ((), ())
            targets[ref], found = self.link_one(entity, names, titles)
            merges.extend(found)
        return self.rekey(result, targets), merges

    def rekey(
        self, result: ArticleResult, targets: dict[str, Entity] | None = None
    ) -> ArticleResult:
        """Point refs and claims at the current canonical keys (after later merges); a ref
        or claim none of whose keys changed is kept itself (they are frozen, and most are
        untouched)."""
        targets = targets or {}

        def key(ref: str, current: str) -> str:
            return self.index.final(targets[ref].key if ref in targets else current)

        entities = {}
        for ref, entity in result.entities.items():
            target = targets.get(ref, entity)
            final = self.index.final(target.key)
            known = self.index.by_key.get(final)
            entities[final] = self._as_entity(known) if known else replace(target, key=final)
        refs = [r if (k := key(r.ref, r.key)) == r.key else replace(r, key=k) for r in result.refs]
        claims = []
        for claim in result.claims:
            subject = key(claim.subject_ref, claim.subject_key)
            obj = key(claim.object_ref, claim.object_key)
            if subject != claim.subject_key or obj != claim.object_key:
                claim = replace(claim, subject_key=subject, object_key=obj)
            claims.append(claim)
        return replace(result, entities=entities, refs=refs, claims=claims)
