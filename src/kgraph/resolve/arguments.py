"""A relation's arguments and speaker resolved to the article's entities: names,
pronouns, descriptions, capitals used for their governments, organisations by their
kind ("the union"), actors named by a modifier ("US troops"); anything else names no
entity (:data:`kgraph.models.NO_ENTITY`) and stays text on the claim."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from kgraph.models import NO_ENTITY, Argument, EntityMention, EntityType, RelationMention
from kgraph.resolve.aliases import builtin_aliases
from kgraph.resolve.article import QUOTE_MARKS, ArticleEntities, People, span_of
from kgraph.resolve.capitals import capital_of
from kgraph.resolve.context import EDGE
from kgraph.resolve.countries import country_name, is_nationals
from kgraph.resolve.descriptors import DEFINITE, parse_description, resolve_description
from kgraph.resolve.institutions import institution_name
from kgraph.resolve.names import (
    ARTICLES,
    COMPASS,
    NAMED_LABELS,
    NOT_NAMES,
    POSSESSIVES,
    PRONOUN_LABEL,
    clean,
    name_key,
    tokens,
)
from kgraph.resolve.phrases import modifier_span
from kgraph.resolve.regions import towns_in_states
from kgraph.resolve.seats import seated_at
from kgraph.resolve.within import is_personal_title


class Arguments:
    """Resolves a relation's arguments (and its speaker) to the article's entities."""

    def __init__(
        self,
        table: ArticleEntities,
        people: People,
        spans: Sequence[EntityMention],
        document: str,
        capitals: bool = True,
        headline: int = 0,
    ) -> None:
        self.table = table
        self.headline = headline
        self.document = document
        self.capitals = capitals
        self.people = people
        self.spans = sorted(spans, key=span_of)
        self.starts = [m.start for m in self.spans]
        self.towns = towns_in_states(document)
        labels = Counter(FIELD_LABEL.findall(document))
        self.labels = {label for label, n in labels.items() if n >= FIELD_LABEL_REPEATS}

    def key(self, arg: Argument | None, place_slot: bool = False, role: bool = False) -> str:
        """The entity key of an argument, or :data:`NO_ENTITY` for a generic phrase.
        ``place_slot``: the argument is where something happens or goes; ``role``: it is
        what a person leads or works for (see :data:`ROLE_BODIES`; there a nationality
        word is its state: "Chinese leader Xi Jinping")."""
        if arg is None or arg.mention is None:
            return NO_ENTITY
        mention = arg.mention
        if mention.label == PRONOUN_LABEL:
            return self.people.pronouns.resolve(mention.text, mention.start) or NO_ENTITY
        if mention.label == "NORP" and not role and _one_national(arg, mention, self.document):
            return NO_ENTITY
        if mention.label in NAMED_LABELS:
            return self.named(mention, place_slot) or NO_ENTITY
        forward = mention.start < self.headline  # headlines drop "the"; the body names
        description = parse_description(arg.text, mention.text) or (
            parse_description(f"the {arg.text}", mention.text) if forward else None
        )
        if description is not None and not forward and self._named_after(arg):
            return NO_ENTITY  # "his German counterpart Ursula von der Leyen": named there
        if description is not None:
            profiles = self.people.profiles
            return resolve_description(description, mention.start, profiles, forward) or NO_ENTITY
        return (
            self.table.proper(mention.text, mention.start)
            or self._organisation(arg, mention)
            or self._compass(arg)
            or (NO_ENTITY if place_slot or _owned(arg) else self._modifier(mention, role))
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
        country, or the organisation whose seat it is (:mod:`.seats`).  A capital is the
        city in a place slot, after a place preposition ("in Moscow") and in a dateline
        ("MOSCOW, March 3").  A lone word after a possessive ("our Union", "their Party")
        is a common noun NER took for a name, and a word in capitals that heads a field
        again and again ("TARGET: ... TARGET:") a label: no entity."""
        key = self.table.key(mention)
        if key is not None and self._possessed_noun(key, mention):
            return None
        if key is not None and (town := self._town(key)) is not None:
            return town
        if mention.text.split(" ", 1)[0] in self.labels:  # "ATTACKER: ... ATTACKER: ..."
            return None
        if key is None or not self.capitals or place_slot or mention.text.isupper():
            return key
        entity = self.table.entities[key]
        country = capital_of(entity.name) if entity.type == "Place" else None
        if country is None or self._after_place_preposition(mention) or self._modifier_of(mention):
            return key
        if seated_at(entity.name):  # "talks with Brussels": the EU, never Belgium
            return self._seated(entity.name) or key
        return self.table.ensure(country, "Place")

    def _seated(self, capital: str) -> str | None:
        """The one organisation seated at ``capital`` that the article names, by its name
        or an alias ("EU" for the European Union)."""
        wanted = {name_key(o) for o in seated_at(capital)}
        aliases = builtin_aliases()
        found = {
            key
            for key, e in self.table.entities.items()
            if e.type == "Organization"
            and name_key((aliases.lookup(e.name, e.type) or (e.name,))[0]) in wanted
        }
        return found.pop() if len(found) == 1 else None

    def _named_after(self, arg: Argument) -> bool:
        """Whether a name follows the argument at once, as one in apposition to it does
        ("his German counterpart Ursula von der Leyen", "the pope Francis"): the
        description is that person's, whoever NER made of the name."""
        words = self.document[arg.end : arg.end + 40].split(maxsplit=1)
        word = words[0] if words and self.document[arg.end : arg.end + 1] == " " else ""
        return word[:1].isupper() and word.isalpha() and word not in CALENDAR

    def _town(self, key: str) -> str | None:
        """ "Lebanon" in an article that writes "Lebanon, Tennessee": the town, not the
        country (nor "Moscow" of "Moscow, Idaho" the capital) -- a country's or capital's
        name that the article places in a US state."""
        entity = self.table.entities[key]
        town = self.towns.get(entity.name) if entity.type == "Place" else None
        country = country_name(entity.name)
        if town is None or country == US or (country is None and capital_of(entity.name) is None):
            return None  # "United States, New York": a dateline, from the country down
        return self.table.ensure(town, "Place")

    def _possessed_noun(self, key: str, mention: EntityMention) -> bool:
        """ "our Union's history", "their Party", "his first National Security Adviser":
        English names take no possessive determiner, so a one-word organisation, group or
        event after one is a common noun, and so is an office NER called an organisation
        (one ending in a role noun) after one, an adjective between.  Places are left
        alone ("our Britain")."""
        entity = self.table.entities[key]
        words = mention.text.split()
        if entity.type in ("Person", "Place"):
            return False
        if len(words) == 1:
            before = self.document[max(mention.start - 8, 0) : mention.start].split()
            return bool(before) and before[-1].lower() in POSSESSIVES
        if not is_personal_title(words[-1]):
            return False
        before = self.document[max(mention.start - 24, 0) : mention.start].split()[-2:]
        return any(w.lower() in POSSESSIVES for w in before)

    def _modifier_of(self, mention: EntityMention) -> bool:
        """ "a Moscow hotel", "the Abu Dhabi oil company", "a Moscow-based bank": the
        name only says where the thing named after it is."""
        after = self.document[mention.end : mention.end + 2]
        if after[:1] == "-" and after[1:].isalpha():
            return True
        before = self.document[max(mention.start - 4, 0) : mention.start].split()
        article = bool(before) and before[-1].lower() in ARTICLES
        return article and after[:1] == " " and after[1:].islower()

    def _after_place_preposition(self, mention: EntityMention) -> bool:
        """ "in Moscow", "at Moscow", "trip to Moscow", "his view from Riyadh" -- not
        "explanation from Moscow", "point to Washington" or "anger in Beijing"
        (governments)."""
        before = [
            w.lower().strip(EDGE)
            for w in self.document[max(mention.start - 40, 0) : mention.start].split()
        ]
        if not before:
            return False
        if before[-1] == "to":
            return len(before) > 1 and _motion_before(before[:-1])
        if before[-1] == "from":
            return len(before) < 2 or before[-2] not in SOURCE_WORDS
        if len(before) > 1 and before[-1] == "in" and before[-2] in MOOD_NOUNS:
            return False  # "fury in Ankara", "turmoil in Washington": its government
        return before[-1] in PLACE_PREPOSITIONS - DIRECTIONS

    def _modifier(self, mention: EntityMention, role: bool = False) -> str:
        """The actor a noun phrase names only by a premodifier ("US troops" -> United
        States), when it is a country or an organisation.  In a role only the state's
        own bodies stand for it ("works for the US government", not "heads the Russian
        delegation" or "works for a Russian bank")."""
        span = modifier_span(mention, self.spans, self.starts)
        if span is None:
            return NO_ENTITY
        rest = mention.text[span.end - mention.start :].split()
        owner = span.text
        if rest and rest[0].lower() in POSSESSIVE_ENDINGS:  # "the UK's climate ministry"
            owner, rest = owner + "'s", rest[1:]
        field = [w.title() for w in rest if w.lower() not in RANKING_WORDS]
        institution = institution_name(" ".join([owner, *field]))
        if institution is not None:  # "the Russian defence ministry"
            return self.table.ensure(institution, "Organization")
        if role and not (rest and rest[-1].lower().strip(EDGE) in ROLE_BODIES):
            return NO_ENTITY
        key = self.table.key(span)
        if key is None or self.table.entities[key].type not in MODIFIER_TYPES:
            return NO_ENTITY
        before = mention.text[: span.start - mention.start].split()
        if self.table.entities[key].type == "Place" and _apart_from_state(before, rest):
            return NO_ENTITY  # "Syrian rebels" fight Syria's government, not for it
        return key

    def quoted_self(self, relation: RelationMention, subject: str) -> bool:
        """Whether ``subject`` came from a third-person pronoun inside a quotation whose
        speaker it is: 'Mr Khalil said: "... so that he could operate"' -- a speaker
        says "I" of himself, so "he" is someone else."""
        mention = relation.subject.mention
        if mention is None or mention.label != PRONOUN_LABEL or relation.attribution is None:
            return False
        opened = self.document[relation.sentence_start : mention.start]
        if sum(opened.count(q) for q in QUOTE_MARKS) % 2 == 0:
            return False  # "Khalil said he could operate" is Khalil
        source = relation.attribution
        if source.strip().lower() in SPEAKER_PRONOUNS:
            return False
        named = self.table.proper(source)
        if named is not None:
            return named == subject
        words = source.split()  # "Mr Khalil": the speaker's surname
        name = self.table.entities[subject].name.split() if subject in self.table.entities else []
        return bool(words) and bool(name) and words[-1] == name[-1]

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


def _owned(arg: Argument) -> bool:
    """ "its Syrian operation": a possessive determiner says whose the thing is, so the
    modifier names where, not who."""
    words = arg.text.split(" ", 1)
    return words[0].lower() in POSSESSIVES


def _motion_before(words: list[str]) -> bool:
    """Whether the words before a "to" end in a word of going, or in one followed by its
    agent ("a visit by Prime Minister Ana Ruiz to", "the trip by the delegation to")."""
    if words[-1] in MOTION_WORDS:
        return True
    agent = words[-AGENT_WORDS - 1 :]
    by = len(agent) - 1 - agent[::-1].index("by") if "by" in agent else 0
    return by > 0 and agent[by - 1] in MOTION_WORDS


AGENT_WORDS = 5
"""Words a "by" phrase naming who goes may take between a noun of going and its "to"."""


def place_slot(relation: RelationMention) -> bool:
    """Whether the object is where something happens or goes ("arrive in Moscow",
    "visit Moscow", "report from Moscow"), so that a capital there is the city, not its
    government, and a phrase there ("died in a US raid") is no actor.  After "to" or
    "from" only a verb or noun of going makes it a place ("a trip to Moscow", not "seek
    an explanation from Moscow")."""
    words = relation.predicate.lower().split()
    if relation.relation in ROLE_RELATIONS:  # "Moscow's ambassador", but "Moscow's mayor"
        return not CITY_OFFICES.isdisjoint(words)
    if relation.relation == "IS_A" or (words and words[0] in COPULAS and not _verbal(words)):
        return True  # "Hackney is in east London": identity, never a government
    if not words or words[0] in MOTION_VERBS:
        return bool(words)
    if words[-1] in DIRECTIONS:  # "visit to Moscow", but "point to Washington"
        return any(w in MOTION_WORDS for w in words[:-1])
    return words[-1] in PLACE_PREPOSITIONS


def _verbal(words: list[str]) -> bool:
    """Whether a predicate opening with a copula is an auxiliary before a participle
    ("is seeking help from", "was attacked by"), not a copula ("is in", "is the capital
    of")."""
    return len(words) > 1 and words[1].endswith(PARTICIPLE_ENDINGS)


ROLE_RELATIONS = frozenset({"WORK_FOR", "LEAD"})
ROLE_BODIES = frozenset({"government", "administration", "regime", "leadership"})
"""What a person in a role leads or works for that is its modifier's state or organisation
itself ("heads the Chilean government"); any other body only acts for it: the head of a
"Russian delegation" does not lead Russia, nor does the chief of a "US company"."""
CITY_OFFICES = frozenset({"mayor", "councillor", "councilor", "alderman"})
"""Roles whose capital is the city ("Moscow's mayor"); in any other role a capital is its
country's government ("Moscow's ambassador to Washington")."""
PARTICIPLE_ENDINGS = ("ing", "ed")
DIRECTIONS = frozenset({"to", "from"})
FIELD_LABEL = re.compile(r"\b([A-Z][A-Z ]*[A-Z]):")
FIELD_LABEL_REPEATS = 2
"""A word in capitals before a colon twice in one text is the label of a field in a list
or table ("TARGET:", "ATTACKER:"), not a name; once it may be a speaker ("NATO: ...")."""


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
        "reporting",
        "reported",
        "writing",
        "speaking",
        "broadcasting",
    }
)
"""Words before "to" or "from" that make its object a place ("a trip to Moscow",
"reporting from Seoul")."""

SOURCE_WORDS = frozenset(
    {
        *("answer", "answers", "response", "responses", "reply", "reaction", "word"),
        *("explanation", "statement", "message", "messages", "letter", "call", "calls"),
        *("request", "requests", "demand", "demands", "order", "orders", "instructions"),
        *("signal", "signals", "warning", "warnings", "threat", "threats", "pressure"),
        *("support", "backing", "help", "aid", "assistance", "funding", "approval"),
        *("permission", "offer", "offers", "invitation", "assurance", "assurances"),
        *("guarantee", "guarantees", "commitment", "confirmation", "criticism"),
        *("condemnation", "protest", "protests", "complaint", "complaints", "objection"),
        *("objections", "opposition", "resistance", "interference", "retaliation"),
        *("recognition", "apology", "proposal", "proposals", "concession", "concessions"),
        *("hear", "heard", "hearing", "hears"),
    }
)
"""Words of what an actor says, asks, gives or does to another, and of hearing it:
"<word> from <capital>" names its government ("an explanation from Moscow", "pressure
from Washington"); after any other word "from" says where ("his view from Riyadh",
"flights from London")."""

MOOD_NOUNS = frozenset(
    {
        "alarm",
        "anger",
        "anxiety",
        "chaos",
        "concern",
        "concerns",
        "confusion",
        "consternation",
        "dismay",
        "disquiet",
        "fears",
        "frustration",
        "fury",
        "irritation",
        "jitters",
        "outrage",
        "relief",
        "scepticism",
        "skepticism",
        "suspicion",
        "suspicions",
        "turmoil",
        "unease",
        "upheaval",
    }
)
"""Nouns of a political mood or upheaval: "<mood> in <capital>" is about the people who
govern there (English news metonymy), not about the city."""


def _one_national(arg: Argument, mention: EntityMention, document: str) -> bool:
    """A nationality word that is the whole argument or its head and names a person or a
    company, not the state: "an Albanian", "the Hungarian" (one of the Hungarians), "a
    30-year-old Egyptian", "joined American", "buy American".  Not "the Dutch" or "the
    Japanese" (the nation: no plural in -s) and not "Iranian-backed" or "Venezuelan-US
    relations" (the state, hyphened to a word)."""
    words = clean(arg.text).split()
    name = clean(mention.text)
    article = words[0].lower() if len(words) > 1 and words[0].lower() in ARTICLES else ""
    national = country_name(name, demonym=True) not in (None, name) and not is_nationals(name)
    if article and len(words) > 2 and name_key(words[-1]) == name_key(name):
        return national  # "a 30-year-old Egyptian", "the young Albanian": one of them
    if not national or name_key(" ".join(words[1:] if article else words)) != name_key(name):
        return False
    if article == "the":
        return not name.endswith(INVARIANT_DEMONYMS)
    return bool(article) or document[mention.end : mention.end + 1] != "-"


US = "United States"

CALENDAR = frozenset(
    {
        *("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        *("January", "February", "March", "April", "May", "June", "July", "August"),
        *("September", "October", "November", "December"),
    }
)
"""Capitalised words that follow a description without naming anyone ("the president
Monday")."""

INVARIANT_DEMONYMS = ("ese", "sh", "ch", "ss")
"""Endings of nationality words whose plural is the word itself ("the Chinese", "the
Dutch", "the British", "the Swiss"): with "the" they name the nation."""


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

MODIFIER_TYPES: frozenset[EntityType] = frozenset({"Place", "Organization"})
POSSESSIVE_ENDINGS = frozenset({"'s", "\u2019s"})
RANKING_WORDS = frozenset({"top", "main", "chief", "senior", "own", "new", "powerful", "leading"})
"""Words before an institution that are no part of its name ("Russia's top spy agency")."""
AGAINST_THE_STATE = frozenset(
    {"rebels", "rebel", "militants", "insurgents", "separatists", "dissidents", "opposition"}
)
"""Heads whose country modifier names where they are from, not the state they act for
("Syrian rebels", "Chechen separatists"; "Houthi rebels" are the Houthis)."""
BODIES_OF_THEIR_OWN = frozenset(
    {"party", "parties", "company", "companies", "firm", "firms", "bank", "banks", "team"}
)
"""Heads whose country modifier names where an organisation of its own is from or
works: "Scotland's governing party", "a Russian bank" are not the state ("the US central
bank", "a state-owned company" act for it)."""
PRESS = frozenset(
    {"media", "press", "journalists", "reporters", "newspaper", "newspapers", "outlets"}
)
"""Heads whose country modifier names where they publish: "told Pakistani media" is not
the Pakistani state ("Chinese state media" is, see STATE_RUN)."""
STATE_RUN = frozenset(
    {"state", "state-run", "state-owned", "state-controlled", "government", "official"}
)


def _apart_from_state(before: list[str], rest: list[str]) -> bool:
    """Whether the words after a country modifier name people or bodies that do not act
    for its state: its rebels and opposition, its parties and companies and its press
    unless the state runs them."""
    words = [w.lower().strip(EDGE) for w in rest]
    if not words:
        return False
    if not AGAINST_THE_STATE.isdisjoint(words):  # "Syrian rebels", "a Syrian rebel group"
        return True
    if words[-1] in BODIES_OF_THEIR_OWN:  # "Scotland's governing party", "a Russian bank"
        modifiers = {w.lower().strip(EDGE) for w in before} | set(words)
        return STATE_RUN.isdisjoint(modifiers) and "central" not in modifiers
    return words[-1] in PRESS and STATE_RUN.isdisjoint(words[:-1])


SPEAKER_PRONOUNS = NOT_NAMES | {"them", "his"}
UNRESOLVED = "unresolved"
"""The attribution of a claim whose speaker is a pronoun kgraph could not resolve."""
