"""The entities one article names, and the people among them: the lookups that
pronouns, descriptions and noun phrases are resolved against."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from kgraph.models import Argument, Entity, EntityMention, EntityType, RelationMention
from kgraph.resolve.aliases import builtin_aliases
from kgraph.resolve.context import country_before
from kgraph.resolve.countries import country_name
from kgraph.resolve.descriptors import KIN_NOUNS, nationality
from kgraph.resolve.names import (
    NAMED_LABELS,
    NOUN_LABEL,
    PLAIN_TITLES,
    PRONOUN_LABEL,
    abbreviates,
    clean,
    entity_key,
    name_key,
    strip_determiner,
    tokens,
)
from kgraph.resolve.phrases import is_proper_phrase
from kgraph.resolve.pronouns import PersonMention, PronounResolver, gender_of
from kgraph.resolve.within import (
    Surface,
    canonical_form,
    cluster,
    collect_surfaces,
    named_countries,
)

ABBREVIATED_TYPES: frozenset[EntityType] = frozenset({"Person", "Organization"})
PERSON_TYPE: frozenset[EntityType] = frozenset({"Person"})


class ArticleEntities:
    """The entities of one article and the lookup from a mention to its entity key."""

    def __init__(
        self, mentions: Sequence[EntityMention], people: frozenset[tuple[int, int]] = frozenset()
    ) -> None:
        """``people``: spans of mentions the text says are people (see
        :func:`.within.collect_surfaces`)."""
        self._named = named_countries(mentions)
        self.surfaces: dict[str, Surface] = collect_surfaces(mentions, self._named, people)
        clusters = cluster(self.surfaces)
        self.roots = clusters.roots
        self.entities: dict[str, Entity] = {}
        self._key_of_surface: dict[str, str] = {}
        for surface_key, root_key in self.roots.items():
            root = self.surfaces[root_key]
            name = clusters.names.get(root_key, root.name)
            etype = clusters.types.get(root_key, root.type)
            key = entity_key(etype, name)
            entity = self.entities.setdefault(key, Entity(key=key, name=name, type=etype))
            surface = self.surfaces[surface_key]
            entity.aliases.update(f for f in surface.forms | {surface.name} if f != name)
            entity.titles.update(surface.titles)
            self._key_of_surface[surface_key] = key
        self._key_of_span: dict[tuple[int, int], str] = {}
        self._first: dict[str, int] = {}
        for mention in mentions:
            if (found := self._by_name(mention)) is not None:
                self._key_of_span[span_of(mention)] = found
                self._first.setdefault(found, mention.start)
        self._ambiguous = clusters.ambiguous
        for mention in mentions if self._ambiguous else ():
            form = canonical_form(mention, self._named)
            if form and (found := self._introduced(name_key(form[0]), mention.start)):
                self._key_of_span[span_of(mention)] = found
                self.entities[found].aliases.add(form[0])

    def _introduced(self, surface: str, start: int) -> str | None:
        """A short name that fits several people ("Mr Murdoch" beside Rupert, Lachlan and
        James Murdoch) is, where it stands, the one of them the article has introduced
        before it, when only one has been; elsewhere it stays a name of its own."""
        before = {
            key
            for fit in self._ambiguous.get(surface, ())
            if (key := self._key_of_surface[fit]) in self._first and self._first[key] < start
        }
        return before.pop() if len(before) == 1 else None

    def _by_name(self, mention: EntityMention) -> str | None:
        form = canonical_form(mention, self._named)
        if form is None:
            return None
        return self._key_of_surface.get(name_key(form[0]))

    def key(self, mention: EntityMention) -> str | None:
        """The entity of a mention: that of the article's span at the same place (which
        may have been completed from its context), else that of its name."""
        return self._key_of_span.get(span_of(mention)) or self._by_name(mention)

    def ensure(self, name: str, etype: EntityType) -> str:
        """The key of the article's entity ``name``, added if the article never named it
        ("Moscow warned ..." stands for Russia even where "Russia" never occurs)."""
        key = self._key_of_surface.get(name_key(name))
        if key is None:
            key = entity_key(etype, name)
            self.entities.setdefault(key, Entity(key=key, name=name, type=etype))
            self._key_of_surface[name_key(name)] = key
        return key

    def proper(self, text: str, start: int = -1) -> str | None:
        """The entity a capitalised noun phrase NER did not label names: one of the
        article's names (at ``start``, see :meth:`_introduced`), or the one entity it
        abbreviates ("Merkel" of "Angela Merkel")."""
        name = strip_determiner(clean(text))
        first, _, rest = name.partition(" ")
        titled = bool(rest) and first.rstrip(".").lower() in PLAIN_TITLES  # "Mr Gorsuch"
        if titled:
            name = rest
        if not is_proper_phrase(name):
            return None
        key = self._introduced(name_key(name), start) or self._key_of_surface.get(name_key(name))
        country = None if titled else country_name(name, label=NOUN_LABEL)
        if key is None and country is not None:
            key = self._key_of_surface.get(name_key(country))
        if key is not None:
            return key if not titled or self.entities[key].type == "Person" else None
        short = tokens(name)
        types = PERSON_TYPE if titled else ABBREVIATED_TYPES
        found = {
            k
            for k, e in self.entities.items()
            if e.type in types and abbreviates(short, tokens(e.name), e.type)
        }
        if len(found) == 1:
            return found.pop()
        if titled:
            return None
        known = builtin_aliases().lookup(name, "Organization")  # "ISIL" NER missed
        return self.ensure(*known) if known else None


def span_of(mention: EntityMention) -> tuple[int, int]:
    return mention.start, mention.end


def arguments_of(relations: Sequence[RelationMention]) -> list[Argument]:
    return [a for r in relations for a in (r.subject, r.object) if a is not None]


def distinct_mentions(
    relations: Sequence[RelationMention], entities: Sequence[EntityMention]
) -> list[EntityMention]:
    """Named-entity spans plus argument mentions NER labelled as named, each span once.

    Plain noun phrases and pronouns are no entities: they are resolved to one (or left
    as text on the claim) by :func:`resolve_article`."""
    seen: dict[tuple[int, int], EntityMention] = {span_of(m): m for m in entities}
    for arg in arguments_of(relations):
        mention = arg.mention
        if mention is None or mention.label not in NAMED_LABELS:
            continue
        known = seen.get(span_of(mention))
        if known is None or (mention.title and not known.title):
            seen[span_of(mention)] = mention
    return sorted(seen.values(), key=span_of)


class People:
    """The persons an article names, for pronouns and descriptions to point at."""

    def __init__(
        self,
        mentions: Sequence[EntityMention],
        relations: Sequence[RelationMention],
        table: ArticleEntities,
        sentences: Sequence[tuple[int, int]],
        document: str = "",
    ) -> None:
        args = {span_of(a.mention): a for a in arguments_of(relations) if a.mention is not None}
        subjects = {
            span_of(r.subject.mention)
            for r in relations
            if r.subject.mention is not None and _salient_subject(r)
        }
        persons = []
        kin = _kin_genders(mentions, args, table)
        for mention in mentions:
            key = table.key(mention)
            if key is None or table.entities[key].type != "Person":
                continue
            titles = table.entities[key].titles
            arg = args.get(span_of(mention))
            country = nationality(arg.text, mention.text, mention.title) if arg else None
            country = country or country_before(document, mention.start)
            gender = gender_of(titles) or kin.get(key)
            subject = span_of(mention) in subjects
            persons.append(
                PersonMention(mention.start, key, subject, gender, frozenset(titles), country)
            )
        pronouns = [
            (a.mention.start, a.mention.text)
            for a in args.values()
            if a.mention is not None and a.mention.label == PRONOUN_LABEL
        ]
        quotes = [i for i, ch in enumerate(document) if ch in QUOTE_MARKS]
        openings = [i for i in quotes if SPEECH_OPENING.match(document, max(i - 2, 0), i)]
        self.pronouns = PronounResolver(sentences, persons, pronouns, quotes, openings)
        countries = {p.key: p.country for p in persons if p.country}  # once stated, for all
        self.profiles = [replace(p, country=countries.get(p.key)) for p in persons]


def _salient_subject(relation: RelationMention) -> bool:
    """Whether the relation's subject was a subject in the text, which makes it the likely
    antecedent of a later "he": not the person after a title ("British Prime Minister
    Theresa May" -> May LEAD United Kingdom, where the organisation is named first)."""
    subject, obj = relation.subject, relation.object
    titled = obj is not None and obj.start < subject.start and relation.predicate[:3] == "is "
    return not titled


def _kin_genders(
    mentions: Sequence[EntityMention], args: dict[tuple[int, int], Argument], table: ArticleEntities
) -> dict[str, str]:
    """Genders a kinship noun in apposition gives ("his wife, Elizabeth", "her son
    Hunter"), where the people agree on one."""
    found: dict[str, set[str]] = {}
    for mention in mentions:
        arg = args.get(span_of(mention))
        key = table.key(mention)
        if arg is None or key is None or arg.text == mention.text:
            continue
        words = {w.strip(",").lower() for w in arg.text.split()}
        for gender, nouns in KIN_NOUNS.items():
            if not nouns.isdisjoint(words):
                found.setdefault(key, set()).add(gender)
    return {key: genders.pop() for key, genders in found.items() if len(genders) == 1}


QUOTE_MARKS = frozenset('"\u201c\u201d')
SPEECH_OPENING = re.compile(r"[:,] ?")
"""What stands right before a quotation a speaker opens ('Khalil said: "...')."""
