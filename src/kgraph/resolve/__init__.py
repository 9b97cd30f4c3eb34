"""Relation mentions -> entities and claims (evidence) for one article.

Within the article, name variants resolve to the fullest name, personal pronouns and
definite descriptions ("the DPRK leader") to a person the text names, and relations whose
argument stays unresolved are dropped.  Each entity gets the article's own key (its
*ref*); :mod:`kgraph.resolve.linker` then links refs to canonical entities across
articles.  The pipeline hands over plain data (relation mentions, named-entity spans,
sentence bounds), so this module knows nothing of spaCy.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from kgraph.models import (
    NO_ENTITY,
    Argument,
    Article,
    ArticleResult,
    Claim,
    Entity,
    EntityMention,
    EntityRef,
    EntityType,
    RelationMention,
)
from kgraph.resolve.aliases import builtin_aliases
from kgraph.resolve.countries import capital_of, country_name
from kgraph.resolve.descriptors import (
    PersonProfile,
    nationality,
    parse_description,
    resolve_description,
)
from kgraph.resolve.institutions import INSTITUTION_NOUNS, institution_name
from kgraph.resolve.names import (
    NAMED_LABELS,
    PRONOUN_LABEL,
    abbreviates,
    clean,
    distinct_case,
    entity_key,
    name_key,
    strip_determiner,
    tokens,
)
from kgraph.resolve.phrases import is_proper_phrase, modifier_span
from kgraph.resolve.pronouns import PersonMention, PronounResolver, gender_of
from kgraph.resolve.within import (
    Surface,
    canonical_form,
    cluster,
    collect_surfaces,
    is_personal_title,
)
from kgraph.schema import sanitize_type

__all__ = ["resolve_article"]

ABBREVIATED_TYPES: frozenset[EntityType] = frozenset({"Person", "Organization"})


class _ArticleEntities:
    """The entities of one article and the lookup from a mention to its entity key."""

    def __init__(self, mentions: Sequence[EntityMention]) -> None:
        self.surfaces: dict[str, Surface] = collect_surfaces(mentions)
        self.roots = cluster(self.surfaces)
        self.entities: dict[str, Entity] = {}
        self._key_of_surface: dict[str, str] = {}
        for surface_key, root_key in self.roots.items():
            root = self.surfaces[root_key]
            key = entity_key(root.type, root.name)
            entity = self.entities.setdefault(key, Entity(key=key, name=root.name, type=root.type))
            surface = self.surfaces[surface_key]
            entity.aliases.update(f for f in surface.forms | {surface.name} if f != root.name)
            entity.titles.update(surface.titles)
            self._key_of_surface[surface_key] = key
        self._key_of_span: dict[tuple[int, int], str] = {}
        for mention in mentions:
            found = self._by_name(mention)
            if found is not None:
                self._key_of_span[_span(mention)] = found

    def _by_name(self, mention: EntityMention) -> str | None:
        form = canonical_form(mention)
        if form is None:
            return None
        return self._key_of_surface.get(name_key(form[0]))

    def key(self, mention: EntityMention) -> str | None:
        """The entity of a mention: that of the article's span at the same place (which
        may have been completed from its context), else that of its name."""
        return self._key_of_span.get(_span(mention)) or self._by_name(mention)

    def ensure(self, name: str, etype: EntityType) -> str:
        """The key of the article's entity ``name``, added if the article never named it
        ("Moscow warned ..." stands for Russia even where "Russia" never occurs)."""
        key = self._key_of_surface.get(name_key(name))
        if key is None:
            key = entity_key(etype, name)
            self.entities.setdefault(key, Entity(key=key, name=name, type=etype))
            self._key_of_surface[name_key(name)] = key
        return key

    def proper(self, text: str) -> str | None:
        """The entity a capitalised noun phrase NER did not label names: one of the
        article's names, or the one entity it abbreviates ("Merkel" of "Angela Merkel")."""
        name = strip_determiner(clean(text))
        if not is_proper_phrase(name):
            return None
        key = self._key_of_surface.get(name_key(name))
        country = country_name(name)
        if key is None and country is not None:
            key = self._key_of_surface.get(name_key(country))
        if key is not None:
            return key
        short = tokens(name)
        found = {
            k
            for k, e in self.entities.items()
            if e.type in ABBREVIATED_TYPES and abbreviates(short, tokens(e.name), e.type)
        }
        if len(found) == 1:
            return found.pop()
        known = builtin_aliases().lookup(name, "Organization")  # "ISIL" NER missed
        return self.ensure(*known) if known else None


def _span(mention: EntityMention) -> tuple[int, int]:
    return mention.start, mention.end


def _arguments(relations: Sequence[RelationMention]) -> list[Argument]:
    return [a for r in relations for a in (r.subject, r.object) if a is not None]


_EDGE = ".,;:\"'“”‘’()"
TITLE_WINDOW = 48


def _capitalised_run(document: str, start: int) -> list[str]:
    """The capitalised words right before ``start`` ("German Foreign Minister" before
    "Sigmar Gabriel")."""
    before = document[max(start - TITLE_WINDOW, 0) : start]
    cut = before.rfind("\n")  # a title never runs over from the headline
    words = before[cut + 1 :].split()
    if cut < 0 and start > TITLE_WINDOW:
        words = words[1:]  # the first may be cut off
    run: list[str] = []
    for word in reversed(words):
        if word != word.rstrip(_EDGE) or not word[:1].isupper():
            break
        run.insert(0, word)
    return run


def _title_before(mention: EntityMention, document: str) -> str | None:
    """The personal title written right before a name NER found without it: "President"
    in "President Trump", "Foreign Minister" in "German Foreign Minister Sigmar
    Gabriel" (a country's adjective is no part of the title)."""
    if mention.label != "PERSON" or mention.title or not document:
        return None
    run = _capitalised_run(document, mention.start)
    if not run or not is_personal_title(run[-1]):
        return None
    while len(run) > 1 and _country_word(run[0]) is not None:
        run = run[1:]
    return " ".join(run)


def _country_word(word: str) -> str | None:
    """The country a word of a title names: "Turkish", "Turkey's"."""
    if word.endswith(("'s", "’s")):
        return country_name(word[:-2])
    return country_name(word, demonym=True)


def _country_before(document: str, start: int) -> str | None:
    """The country whose adjective opens the title before a name: "Turkish President
    Recep Tayyip Erdogan" -> Turkey."""
    run = _capitalised_run(document, start)
    if len(run) < 2 or not is_personal_title(run[-1]):
        return None
    for first in range(len(run) - 1):
        for size in (2, 1):
            words = " ".join(run[first : first + size])
            if first + size < len(run) and (country := _country_word(words)):
                return country
    return None


_POSSESSOR = re.compile(r"([A-Z][\w.]*(?: [A-Z][\w.]*)*)['’]s\s+$")


def _national_institution(mention: EntityMention, document: str) -> str | None:
    """ "Russia's Foreign Ministry" (NER's span: "Foreign Ministry") -> "Russian Foreign
    Ministry"."""
    words = mention.text.split()
    if mention.label != "ORG" or not words or words[-1] not in INSTITUTION_NOUNS:
        return None
    found = _POSSESSOR.search(document[max(mention.start - 40, 0) : mention.start])
    if found is None:
        return None
    return institution_name(f"{mention.text} of {found.group(1)}")


def _in_context(mentions: Sequence[EntityMention], document: str) -> list[EntityMention]:
    """Named-entity spans completed from the words before them: a title ("President"
    before "Trump"), a country's possessive before one of its institutions."""
    out = []
    for mention in mentions:
        title = _title_before(mention, document)
        if title:
            mention = replace(mention, title=title)
        institution = _national_institution(mention, document)
        out.append(replace(mention, text=institution) if institution else mention)
    return out


def _distinct_mentions(
    relations: Sequence[RelationMention], entities: Sequence[EntityMention]
) -> list[EntityMention]:
    """Named-entity spans plus argument mentions NER labelled as named, each span once.

    Plain noun phrases and pronouns are no entities: they are resolved to one (or left
    as text on the claim) by :func:`resolve_article`."""
    seen: dict[tuple[int, int], EntityMention] = {_span(m): m for m in entities}
    for arg in _arguments(relations):
        mention = arg.mention
        if mention is None or mention.label not in NAMED_LABELS:
            continue
        known = seen.get(_span(mention))
        if known is None or (mention.title and not known.title):
            seen[_span(mention)] = mention
    return sorted(seen.values(), key=_span)


class _People:
    """The persons an article names, for pronouns and descriptions to point at."""

    def __init__(
        self,
        mentions: Sequence[EntityMention],
        relations: Sequence[RelationMention],
        table: _ArticleEntities,
        sentences: Sequence[tuple[int, int]],
        document: str = "",
    ) -> None:
        args = {_span(a.mention): a for a in _arguments(relations) if a.mention is not None}
        subjects = {_span(r.subject.mention) for r in relations if r.subject.mention}
        persons, profiles = [], []
        for mention in mentions:
            key = table.key(mention)
            if key is None or table.entities[key].type != "Person":
                continue
            gender = gender_of(table.entities[key].titles)
            persons.append(PersonMention(mention.start, key, _span(mention) in subjects, gender))
            arg = args.get(_span(mention))
            country = nationality(arg.text, mention.text, mention.title) if arg else None
            country = country or _country_before(document, mention.start)
            profiles.append(
                PersonProfile(mention.start, key, frozenset(table.entities[key].titles), country)
            )
        self.pronouns = PronounResolver(sentences, persons)
        self.profiles = self._with_countries(profiles)

    @staticmethod
    def _with_countries(profiles: list[PersonProfile]) -> list[PersonProfile]:
        """A person's country, once stated, holds for all their mentions."""
        country = {p.key: p.country for p in profiles if p.country}
        return [PersonProfile(p.start, p.key, p.titles, country.get(p.key)) for p in profiles]


def _claim_id(article_id: str, relation: RelationMention, extractor: str) -> str:
    obj = relation.object
    parts = (
        article_id,
        extractor,
        relation.relation,
        str(relation.subject.start),
        str(relation.subject.end),
        str(obj.start if obj else -1),
        str(obj.end if obj else -1),
        str(relation.sentence_start),
    )
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def _context(extras: Sequence[Argument]) -> tuple[str, ...]:
    return tuple(f"{a.preposition} {a.text}" if a.preposition else a.text for a in extras)


def _claim(
    article: Article, relation: RelationMention, subject: str, obj: str, extractor: str
) -> Claim:
    assert relation.object is not None
    return Claim(
        id=_claim_id(article.id, relation, extractor),
        article_id=article.id,
        subject_key=subject,
        relation=sanitize_type(relation.relation),
        object_key=obj,
        subject_ref=subject,
        object_ref=obj,
        predicate=relation.predicate,
        subject_text=relation.subject.text,
        object_text=relation.object.text,
        context=_context(relation.extras),
        sentence=relation.sentence,
        start=relation.sentence_start,
        end=relation.sentence_end,
        negated=relation.negated,
        modality=relation.modality,
        attribution=relation.attribution,
        confidence=round(relation.confidence, 4),
        extractor=extractor,
    )


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per fact and sentence text: scraped pages repeat leads and pull-quotes."""
    seen: dict[tuple[str, str, str, bool, str], Claim] = {}
    for claim in claims:
        key = (
            claim.subject_key or claim.subject_text,  # a generic phrase: its words
            claim.relation,
            claim.object_key or claim.object_text,
            claim.negated,
            " ".join(claim.sentence.split()),
        )
        seen.setdefault(key, claim)
    return list(seen.values())


def _refs(table: _ArticleEntities, counts: Counter[str], used: set[str]) -> list[EntityRef]:
    refs = []
    for key in sorted(used):
        entity = table.entities[key]
        refs.append(
            EntityRef(
                key,
                key,
                max(counts.get(key, 0), 1),
                tuple(distinct_case([entity.name, *entity.aliases])),
                tuple(sorted(entity.titles)),
            )
        )
    return refs


class _Arguments:
    """Resolves a relation's arguments (and its speaker) to the article's entities."""

    def __init__(
        self,
        table: _ArticleEntities,
        people: _People,
        spans: Sequence[EntityMention],
        document: str,
        capitals: bool = True,
    ) -> None:
        self.table = table
        self.document = document
        self.capitals = capitals
        self.people = people
        self.spans = sorted(spans, key=_span)
        self.starts = [m.start for m in self.spans]

    def key(self, arg: Argument | None, place_slot: bool = False) -> str:
        """The entity key of an argument, or :data:`NO_ENTITY` for a generic phrase.
        ``place_slot``: the argument is where something happens or goes."""
        if arg is None or arg.mention is None:
            return NO_ENTITY
        mention = arg.mention
        if mention.label == PRONOUN_LABEL:
            return self.people.pronouns.resolve(mention.text, mention.start) or NO_ENTITY
        if mention.label in NAMED_LABELS:
            return self.named(mention, place_slot) or NO_ENTITY
        description = parse_description(arg.text, mention.text)
        if description is not None:
            return resolve_description(description, mention.start, self.people.profiles) or (
                NO_ENTITY
            )
        return (
            self.table.proper(mention.text)
            or self._organisation(arg, mention)
            or self._compass(arg)
            or (NO_ENTITY if place_slot else self._modifier(mention))
        )

    def _compass(self, arg: Argument) -> str:
        """ "the North" for the one country of the article named so ("North Korea")."""
        words = arg.text.split()
        if len(words) != 2 or words[0].lower() != "the" or words[1] not in COMPASS:
            return NO_ENTITY
        fits = {
            key
            for key, e in self.table.entities.items()
            if e.type == "Place" and e.name.split()[0] == words[1] and country_name(e.name)
        }
        return fits.pop() if len(fits) == 1 else NO_ENTITY

    def _organisation(self, arg: Argument, mention: EntityMention) -> str:
        """ "the union", "the ministry": the one organisation named before whose name ends
        in that noun ("European Union"); "the company", "the firm": the one organisation
        named in this or the previous sentence.  Otherwise nobody."""
        words = arg.text.split()
        if len(words) != 2 or words[0].lower() not in DEFINITE or not words[1].isalpha():
            return NO_ENTITY
        noun = words[1].lower()
        before = {
            (key, self.table.entities[key].name)
            for span in self.spans
            if span.start < mention.start
            and (key := self.table.key(span))
            and self.table.entities[key].type == "Organization"
        }
        fits = {key for key, name in before if tokens(name)[-1:] == (noun,)}
        if not fits and noun in COMPANY_NOUNS:
            near = self.people.pronouns.window(mention.start)
            fits = {
                key
                for key, _ in before
                if any(self.table.key(s) == key and near <= s.start for s in self.spans)
            }
        return fits.pop() if len(fits) == 1 else NO_ENTITY

    def named(self, mention: EntityMention, place_slot: bool = False) -> str | None:
        """The entity a named mention stands for: its own, or -- for a capital used for
        its government ("Moscow warned Kyiv", "talks between Moscow and Ankara") -- its
        country.  A capital is the city in a place slot, after a place preposition ("in
        Moscow") and in a dateline ("MOSCOW, March 3")."""
        key = self.table.key(mention)
        if key is None or not self.capitals or place_slot or mention.text.isupper():
            return key
        entity = self.table.entities[key]
        country = capital_of(entity.name) if entity.type == "Place" else None
        if country is None or self._after_place_preposition(mention):
            return key
        return self.table.ensure(country, "Place")

    def _after_place_preposition(self, mention: EntityMention) -> bool:
        """ "in Moscow", "at Moscow", "trip to Moscow" -- not "explanation from Moscow"
        or "point to Washington" (governments)."""
        before = [
            w.lower().strip(_EDGE)
            for w in self.document[max(mention.start - 40, 0) : mention.start].split()
        ]
        if not before:
            return False
        if before[-1] == "to":
            return len(before) > 1 and before[-2] in MOTION_WORDS
        return before[-1] in PLACE_PREPOSITIONS - {"from", "to"}

    def _modifier(self, mention: EntityMention) -> str:
        """The actor a noun phrase names only by a premodifier ("US troops" -> United
        States), when it is a country or an organisation."""
        span = modifier_span(mention, self.spans, self.starts)
        if span is None:
            return NO_ENTITY
        rest = mention.text[span.end - mention.start :].split()
        institution = institution_name(" ".join([span.text, *(w.title() for w in rest)]))
        if institution is not None:  # "the Russian defence ministry"
            return self.table.ensure(institution, "Organization")
        key = self.table.key(span)
        if key is None or self.table.entities[key].type not in MODIFIER_TYPES:
            return NO_ENTITY
        return key

    def speaker(self, relation: RelationMention) -> str | None:
        """The attribution with a pronoun speaker resolved to its entity's name, or
        marked unresolved: never a bare pronoun."""
        source = relation.attribution
        if source is None:
            return None
        if source.strip().lower() not in SPEAKER_PRONOUNS:
            named = self.table.proper(source)  # "Lavrov" -> "Sergei Lavrov"
            return self.table.entities[named].name if named else source
        key = self.people.pronouns.resolve(source, relation.sentence_end)
        if key is None:
            return f"{UNRESOLVED} ({source.strip()})"
        return self.table.entities[key].name


def _place_slot(relation: RelationMention) -> bool:
    """Whether the object is where something happens or goes ("arrive in Moscow",
    "visit Moscow", "report from Moscow"), so that a capital there is the city, not its
    government, and a phrase there ("died in a US raid") is no actor."""
    words = relation.predicate.lower().split()
    if relation.relation == "IS_A" or (words and words[0] in COPULAS):
        return True  # "Hackney is in east London": identity, never a government
    return bool(words) and (words[-1] in PLACE_PREPOSITIONS or words[0] in MOTION_VERBS)


COPULAS = frozenset({"is", "was", "are", "were", "be", "been", "being", "become", "became"})


PLACE_PREPOSITIONS = frozenset(
    {"in", "to", "at", "from", "into", "near", "outside", "across", "through", "via", "around"}
)
MOTION_VERBS = frozenset(
    {
        "visit",
        "visited",
        "visits",
        "arrive",
        "arrived",
        "travel",
        "travelled",
        "traveled",
        "fly",
        "flew",
        "return",
        "returned",
        "leave",
        "left",
        "go",
        "went",
        "come",
        "came",
        "reach",
        "reached",
        "tour",
        "toured",
        "move",
        "moved",
        "head",
        "headed",
        "live",
        "lived",
    }
)
"""English verbs of going and staying whose object is a place."""

MOTION_WORDS = MOTION_VERBS | frozenset(
    {
        "trip",
        "visit",
        "journey",
        "flight",
        "way",
        "travelling",
        "traveling",
        "going",
        "returning",
        "flying",
        "moving",
        "heading",
        "coming",
        "back",
    }
)
"""Words before "to" that make its object a destination ("a trip to Moscow")."""

COMPASS = frozenset({"North", "South", "East", "West"})

COMPANY_NOUNS = frozenset(
    {
        "company",
        "firm",
        "group",
        "carrier",
        "airline",
        "bank",
        "lender",
        "insurer",
        "retailer",
        "broadcaster",
        "conglomerate",
        "chipmaker",
        "automaker",
        "carmaker",
        "manufacturer",
        "maker",
        "startup",
        "operator",
        "supplier",
        "producer",
        "business",
    }
)
"""Nouns a news text uses for a company it has just named ("the company", "the firm")."""

DEFINITE = frozenset({"the", "this", "that"})

MODIFIER_TYPES: frozenset[EntityType] = frozenset({"Place", "Organization"})
SPEAKER_PRONOUNS = frozenset({"he", "she", "i", "we", "they", "it", "you"})
UNRESOLVED = "unresolved"
"""The attribution of a claim whose speaker is a pronoun kgraph could not resolve."""


def resolve_article(
    article: Article,
    relations: Sequence[RelationMention],
    entities: Sequence[EntityMention],
    sentences: Sequence[tuple[int, int]],
    extractor: str,
    capitals: bool = True,
) -> ArticleResult:
    """Link the mentions of one article to its entities and turn relations into claims.

    ``entities`` are the named-entity spans of the article, ``sentences`` the
    (start, end) character bounds of its sentences.  A claim links at least one entity;
    an argument that names none (a generic noun phrase) stays text on the claim.  With
    ``capitals`` a capital used for its government ("Moscow warned Kyiv") stands for its
    country (see :meth:`_Arguments.named`); without it a capital is always the city.
    """
    mentions = _distinct_mentions(relations, _in_context(entities, article.document))
    table = _ArticleEntities(mentions)
    people = _People(mentions, relations, table, sentences, article.document)
    args = _Arguments(table, people, entities, article.document, capitals)

    claims = []
    for relation in relations:
        subject = args.key(relation.subject)
        obj = args.key(relation.object, place_slot=_place_slot(relation))
        if relation.object is not None and (subject or obj) and subject != obj:
            claim = _claim(article, relation, subject, obj, extractor)
            claims.append(replace(claim, attribution=args.speaker(relation)))
    claims = _dedupe(claims)
    counts: Counter[str] = Counter(k for m in mentions if (k := args.named(m)) is not None)
    used = set(counts) | {c.subject_key for c in claims} | {c.object_key for c in claims}
    used.discard(NO_ENTITY)
    return ArticleResult(
        article=article,
        entities={k: e for k, e in table.entities.items() if k in used},
        refs=_refs(table, counts, used),
        claims=claims,
        extractor=extractor,
    )
