"""Nominal events: relations stated by an event noun and its phrases.

"Kim Jong Un's inspection of the construction of a nuclear submarine" -> Kim Jong Un
INSPECT construction of a nuclear submarine; "the deployment of DPRK troops to the war in
Ukraine" -> DPRK troops DEPLOY_TO Ukraine ("the war in X" gives the place X as object, the
phrase is kept as context); "the invasion of Ukraine by Russia" -> Russia INVADE Ukraine.
Patterns: agent (possessor or "by") + theme ("of"); theme + goal (another preposition);
agent + goal.  A noun counts as an event when a verb derives it (see
:mod:`kgraph.extract.derivation`).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.symbols import NOUN
from spacy.tokens import Token

from kgraph.extract import reltypes
from kgraph.extract.clauses import NOMINAL_SLOTS
from kgraph.extract.context import Sentence
from kgraph.extract.coordination import expand
from kgraph.extract.deps import MODIFIER_DEPS, is_nominal, is_pronoun, labelled
from kgraph.extract.derivation import event_verb
from kgraph.extract.frame import Frame, Slot
from kgraph.extract.lexicon import BODY_LABELS, CIRCUMSTANCE_LABELS, NAMED_LABELS, PLACE_LABELS
from kgraph.extract.slots import noun_extras, prep_slots
from kgraph.extract.tree import entity_bounds, labels, lefts, rights

COMPLEMENT_DEPS = frozenset({"oprd", "xcomp", "acomp"})
EVENT_ARGUMENTS = frozenset({"poss", "prep"})
DIRECTIONS = frozenset({"to", "into", "from", "onto", "toward", "towards"})
NOT_AGENT_LABELS = CIRCUMSTANCE_LABELS | {"EVENT"}


def nominal_frames(sentence: Sentence) -> Iterator[Frame]:
    """Frames for event nouns with two participants in the sentence."""
    for noun in sentence.tagged(NOUN):
        if not EVENT_ARGUMENTS.isdisjoint(labels(noun)):
            frame = _event(noun)
            if frame is not None:
                yield from expand(frame)


def _event(noun: Token) -> Frame | None:
    """The frame of one event noun, or None when it is no event or has one participant."""
    word = noun.lower_
    typed = reltypes.noun_type(word)
    verb = event_verb(word, zero=True) or typed
    if verb is None:
        return None
    preps = [s for s in noun_preps(noun) if s.prep is not None and s.kind in NOMINAL_SLOTS]
    theme = next((s for s in preps if _word(s) == "of"), None)
    agent = _agent(noun, preps)
    if typed is None and event_verb(word) is None and (agent is None or is_pronoun(agent.head)):
        return None  # a noun that is also a verb ("visit") needs a named agent to be an event
    others = [s for s in preps if s is not theme and s is not agent]
    if agent is not None and theme is not None:
        assert theme.prep is not None
        inner = _inner_event(agent, theme)
        if inner is not None:
            return inner
        pred = [noun, theme.prep]
        extras = [*others, *noun_extras(theme.head)]
        return Frame("nominal", noun, _np(agent), Slot(theme.head), pred, [verb], extras)
    if agent is None:
        modified = _modifier_event(noun, verb, theme or next(iter(others), None))
        if modified is not None:
            return modified
    doer = agent or theme
    if doer is None:
        return None
    if not others or others[0].prep is None:
        return _named_modifier(noun, doer, verb) if agent is not None else None
    goal = others[0]
    assert goal.prep is not None
    target, context = _goal(goal)
    undergone = reltypes.UNDERGONE.get(word) if doer.prep is None or doer is theme else None
    rel = ["be", undergone, _word(goal)] if undergone else [verb, _word(goal)]
    frame = Frame("nominal", noun, _np(doer), target, [noun, goal.prep], rel)
    frame.extras = [*context, *others[1:], *noun_extras(goal.head)]
    return frame


def _inner_event(agent: Slot, theme: Slot) -> Frame | None:
    """ "X's introduction of sanctions against Y": the agent of a light noun is the agent of
    the event noun in its "of" phrase -> X SANCTION Y."""
    inner = theme.head
    typed = reltypes.noun_type(inner.lower_)
    if typed is None:
        return None
    for slot in prep_slots(inner):
        if slot.prep is None or slot.prep.i < inner.i or _word(slot) == "of":
            continue
        if slot.head.ent_type_ in PARTY_LABELS:
            pred = [theme.head, slot.prep]
            return Frame("event", inner, _np(agent), Slot(slot.head, slot.prep), pred, [typed])
    return None


def _named_modifier(noun: Token, agent: Slot, verb: str) -> Frame | None:
    """ "X's Beijing visit", "Y's Sky bid": a name compounded to an event noun with an agent
    is the event's goal or theme."""
    typed = reltypes.noun_type(noun.lower_)
    if typed is None:
        return None
    for child in lefts(noun):
        named = child.dep_ == "compound" and child.ent_type_ in PARTY_LABELS
        if named and child.lower_ != agent.head.lower_:
            return Frame("event", noun, _np(agent), Slot(child, None, "word"), [noun], [typed])
    return None


PARTY_LABELS = NAMED_LABELS - {"EVENT"}
TARGET_PREPS = frozenset({"of", "to", "on", "against", "for", "into", "from", "with"})
"""Prepositions of the party or theme of an event noun with a modifier agent (not the
place or time "in", "at", "during")."""


def _modifier_event(noun: Token, verb: str, target: Slot | None) -> Frame | None:
    """ "the Russian invasion of Ukraine" -> Russia INVADE Ukraine; "US support for the
    rebels" -> United States SUPPORT rebels: a country or organisation named only by a
    modifier of an event noun is its agent.  The subject is the phrase ("Russian
    invasion"), which the resolver ties to the actor it names (README, "Actors named only
    by a modifier"); graph only, since OpenIE keeps the noun phrase whole."""
    if target is None or target.prep is None:
        return None
    start = _actor_modifier(noun)
    if start is None:
        return None
    word = _word(target)
    typed = reltypes.event_type(noun.lower_, word)
    if typed is None and word not in TARGET_PREPS:
        return None  # "Russian relations in Washington": a place, not a party
    rel = [typed] if typed is not None else [verb] if word == "of" else [verb, word]
    actor = Slot(noun, bounds=(start, noun.i + 1))
    return Frame("event", noun, actor, Slot(target.head, target.prep), [noun, target.prep], rel)


def _actor_modifier(noun: Token) -> int | None:
    """Where the one named country or organisation modifying ``noun`` starts ("the
    *Russian* invasion", "*US* support"), or None: none, two ("US and EU aid"), or a
    possessor ("Russia's invasion" has its agent already)."""
    named = [
        c
        for c in lefts(noun)
        if c.dep_ in MODIFIER_DEPS and c.ent_type_ in BODY_LABELS and _adjacent(c, noun)
    ]
    starts = {entity_bounds(c)[0] for c in named}
    if len(starts) != 1 or any("conj" in labels(c) for c in named):
        return None
    return starts.pop()


def _adjacent(modifier: Token, noun: Token) -> bool:
    """Only plain adjectives or nouns between the modifier and the noun ("Russian military
    invasion"), no other name."""
    between = modifier.doc[modifier.right_edge.i + 1 : noun.i]
    return all(not t.ent_type_ and t.pos_ in ("ADJ", "NOUN") for t in between)


def _agent(noun: Token, preps: list[Slot]) -> Slot | None:
    possessor = labelled(noun, "poss")
    if possessor is not None and possessor.lower_ == "whose":
        possessor = _antecedent(noun)
    if possessor is not None and is_nominal(possessor) and not _circumstance(possessor):
        return Slot(possessor)
    return next((s for s in preps if _word(s) == "by"), None)


def _antecedent(noun: Token) -> Token | None:
    """ "Kislyak, whose talks with Flynn ...": the noun the relative clause of ``noun``
    modifies owns it."""
    clause = noun.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    return clause.head if clause.dep_ == "relcl" and clause.head.i != clause.i else None


def _circumstance(tok: Token) -> bool:
    """ "New Year's message", "last week's visit": a time, not an agent."""
    return tok.ent_type_ in NOT_AGENT_LABELS


def _np(slot: Slot) -> Slot:
    return Slot(slot.head)


def _word(slot: Slot) -> str:
    return slot.prep.lower_ if slot.prep is not None else ""


def _goal(goal: Slot) -> tuple[Slot, list[Slot]]:
    """The object for a goal phrase, and the context it leaves: "to the war in Ukraine" ->
    object Ukraine (an unnamed goal located in a named place), context "to the war"."""
    head = goal.head
    if not head.ent_type_ and head.pos_ == "NOUN":
        for slot in prep_slots(head):
            if _word(slot) == "in" and slot.head.ent_type_ in PLACE_LABELS:
                return Slot(slot.head), [Slot(head, goal.prep, "np")]
    return Slot(head), []


def noun_preps(noun: Token) -> list[Slot]:
    """The noun's prepositional phrases, and those the parser hung on the verb that belong
    to the event noun: before a following predicative ("called [the deployment ... to the
    war] heroic"), or a direction right after it ("praised the deployment of troops to X")."""
    slots = [s for s in prep_slots(noun) if s.prep is not None and s.prep.i > noun.i]
    if noun.dep_ != "dobj":
        return slots
    verb = noun.head
    complement = next((c for c in rights(verb) if c.dep_ in COMPLEMENT_DEPS), None)
    limit = complement.i if complement is not None else noun.right_edge.i + 2
    stranded = [
        s
        for s in prep_slots(verb)
        if s.prep is not None
        and noun.i < s.prep.i < limit
        and (complement is not None or s.prep.lower_ in DIRECTIONS)
    ]
    return slots + stranded
