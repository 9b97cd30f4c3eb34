"""Prepositional and adverbial arguments of verbs and nouns.

"Putin congratulated Kim on the New Year holidays" -> a slot "on the New Year holidays";
"received a message from Vladimir Putin" -> "from Vladimir Putin" is lifted from the object
noun to the relation, so the object stays compact ("a New Year's message").
"""

from __future__ import annotations

from spacy.tokens import Token

from kgraph.extract.arguments import KEEP_PREP_IDS
from kgraph.extract.deps import OF, VERBAL_POS, is_nominal
from kgraph.extract.frame import Slot
from kgraph.extract.lexicon import ATTRIBUTION_PREPS, ids
from kgraph.extract.subjects import resolve_relative
from kgraph.extract.tree import kids, labels, rights

OBJECT_DEPS = frozenset({"pobj", "pcomp"})
ADVERBIAL_NPS = frozenset({"npadvmod", "tmod", "obl"})
PREDICATIVE = frozenset({"oprd"})
BARE_EXTRAS = ADVERBIAL_NPS | PREDICATIVE | {"dative"}
"""The labels of the arguments without a preposition (see :func:`_bare_extra`)."""
ATTRIBUTION_PREP_IDS = ids(ATTRIBUTION_PREPS)


def prep_slots(head: Token) -> list[Slot]:
    """One slot per prepositional phrase attached to ``head`` (verb or noun)."""
    slots = []
    for child in kids(head):
        if child.dep_ in ("prep", "agent") or (child.dep_ == "dative" and _has_object(child)):
            slot = _prep_slot(child)
            if slot is not None:
                slots.append(slot)
    return slots


def _has_object(prep: Token) -> bool:
    return not OBJECT_DEPS.isdisjoint(labels(prep))


def _prep_slot(prep: Token) -> Slot | None:
    """The object of a preposition, looking through multiword ones ("because of X")."""
    for child in kids(prep):
        if child.dep_ == "pobj":
            if prep.lower in CLAUSE_PREP_IDS and _subject_of_next_verb(child):
                return None
            antecedent = resolve_relative(child)
            # "in which he expressed": the antecedent noun alone, not its whole phrase
            return Slot(antecedent, prep, "phrase" if antecedent.i == child.i else "np")
        if child.dep_ == "pcomp":
            return Slot(child, prep, "clause" if child.pos in VERBAL_POS else "phrase")
    for child in kids(prep):
        if child.dep_ == "prep" and child.i == prep.i + 1:
            inner = _prep_slot(child)
            if inner is not None:
                return Slot(inner.head, prep, inner.kind)
    return None


CLAUSE_PREP_IDS = ids(["since", "after", "before", "until", "till"])
FINITE_TAGS = ids(["VBD", "VBZ", "VBP", "MD"])


def _subject_of_next_verb(obj: Token) -> bool:
    """ "held since its leader X proclaimed ...": the parser took the subject of a clause
    after a conjunction that is also a preposition for that preposition's object; a finite
    verb without a subject right after the phrase gives it away."""
    following = obj.right_edge.i + 1
    if following >= len(obj.doc):
        return False
    verb = obj.doc[following]
    return verb.tag in FINITE_TAGS and verb.pos in VERBAL_POS and "nsubj" not in labels(verb)


def is_attribution_slot(slot: Slot) -> bool:
    """ "according to X" names a source, not a circumstance."""
    return slot.prep is not None and slot.prep.lower in ATTRIBUTION_PREP_IDS


def verb_extras(verb: Token, preps: list[Slot], *, exclude: Token | None) -> list[Slot]:
    """Further arguments of ``verb``: its prepositional phrases, adverbial noun phrases,
    indirect object and object predicate, except the token already used as object."""
    skip = exclude.i if exclude is not None else -1
    extras = [s for s in preps if s.head.i != skip and not is_attribution_slot(s)]
    for child in kids(verb):
        if child.dep_ in BARE_EXTRAS and child.i != skip and _bare_extra(child):
            extras.append(Slot(child, None, "phrase"))
    return sorted(extras, key=lambda s: (s.prep or s.head).i)


def _bare_extra(child: Token) -> bool:
    """Arguments without a preposition: "last week", "(called it) heroic", "(gave) him"."""
    if child.dep_ in ADVERBIAL_NPS:
        return is_nominal(child)
    return child.dep_ in PREDICATIVE or (child.dep_ == "dative" and not _has_object(child))


def noun_extras(noun: Token) -> list[Slot]:
    """Prepositional phrases of an object noun other than "of" (kept inside the object).

    The nouns of its "of" chain count too: in "linked the strengthening of ties with the
    entry of troops" the parser hangs "with ..." on "ties"; it becomes a further argument
    of LINK rather than being lost.
    """
    extras = []
    for head in of_chain(noun):
        extras += [
            s
            for s in prep_slots(head)
            if s.prep is not None and s.prep.i > head.i and s.prep.lower not in KEEP_PREP_IDS
        ]
    return extras


def of_chain(noun: Token) -> list[Token]:
    """``noun`` and the objects of its chained "of" phrases ("construction of a submarine")."""
    chain = [noun]
    while True:
        prep = next((c for c in rights(chain[-1]) if c.dep_ == "prep" and c.lower in OF), None)
        pobj = next((c for c in kids(prep) if c.dep_ == "pobj"), None) if prep else None
        if pobj is None or len(chain) > 6:
            return chain
        chain.append(pobj)
