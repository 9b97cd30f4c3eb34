"""Open and clausal complements: "agreed to send troops", "emphasized strengthening ties".

Choice: a "to" complement is rendered as the relation of the *inner* verb with the
controller's subject, the controller kept in the surface predicate and as modality:
"Russia agreed to send troops" -> Russia SEND troops, predicate "agreed to send",
modality "agree".  The graph thus keeps one relation type per event (SEND), whether it
happened or was agreed, promised or planned, and the modality says which; aspectual
controllers ("continued to strengthen") assert the event and add no modality, negative
ones ("failed to reach") negate it.  Gerund and clausal complements stay objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.strings import get_string_id
from spacy.symbols import ADJ
from spacy.tokens import Token

from kgraph.extract import subjects
from kgraph.extract.deps import DIRECT_OBJECTS, first_child, is_verbal, to_markers
from kgraph.extract.frame import Slot
from kgraph.extract.lexicon import (
    ASPECTUAL_VERBS,
    ASSERTING_ADJECTIVES,
    CIRCUMSTANCE_LABELS,
    NEGATING_ADJECTIVES,
    NEGATING_VERBS,
    OBJECT_CONTROL_VERBS,
    inflection_of,
)
from kgraph.extract.modality import hedging_first, modal, negated, predicate_aux
from kgraph.extract.tree import kids, labels
from kgraph.nlp import Lemmatizer


@dataclass(slots=True)
class ControlPrefix:
    """What the controlling verbs add to an inner verb's predicate."""

    tokens: list[Token] = field(default_factory=list)
    modality: str | None = None
    negated: bool = False


NO_CONTROL = ControlPrefix()
"""The prefix of a verb that is not controlled (most verbs): shared, never changed."""


def is_controlled(verb: Token, lemma: Lemmatizer) -> bool:
    """True for an xcomp whose relation is rendered on its own ("agreed *to send*",
    "kept *working*")."""
    if verb.dep_ != "xcomp" or not is_verbal(verb):
        return False
    head = verb.head
    if _adjective_controller(head):
        return bool(to_markers(verb))
    if not is_verbal(head):
        return False
    if to_markers(verb):
        return True
    return verb.tag_ == "VBG" and lemma(head) in ASPECTUAL_VERBS


def _adjective_controller(tok: Token) -> bool:
    """ "is likely/able/ready to V": an adjective after a copula controls V."""
    return tok.pos == ADJ and tok.dep_ == "acomp" and is_verbal(tok.head)


def hands_over(verb: Token, lemma: Lemmatizer) -> bool:
    """A controller without an object of its own is rendered through its complement; one
    with a prepositional one ("called on Russia to ...") also on its own (CALL_ON)."""
    children = labels(verb)
    if "xcomp" not in children or not DIRECT_OBJECTS.isdisjoint(children):
        return False
    return any(
        is_controlled(c, lemma) and prepositional_controller(verb, c) is None
        for c in children["xcomp"]
    )


def controlled_subject(verb: Token) -> Token | None:
    """Subject of a complement: the controller's object if any, else its subject."""
    controller = verb.head
    if _adjective_controller(controller):
        return subjects.logical_subject(controller.head)
    obj = first_child(controller, DIRECT_OBJECTS)
    if obj is not None and obj.i < verb.i and _object_control(controller):
        return obj
    return prepositional_controller(controller, verb) or subjects.logical_subject(controller)


def prepositional_controller(controller: Token, verb: Token) -> Token | None:
    """ "called for the Netherlands to exit the EU", "called on Russia to withdraw": the
    object of "for"/"on" before the complement is its subject."""
    for prep in labels(controller).get("prep", ()):
        if prep.lower_ in CONTROLLING_PREPS and controller.i < prep.i < verb.i:
            for obj in labels(prep).get("pobj", ()):
                if obj.i < verb.i and obj.ent_type_ not in CIRCUMSTANCE_LABELS:
                    return obj
    return None


CONTROLLING_PREPS = frozenset({"for", "on", "upon"})


SUBJECT_CONTROL_FORMS = frozenset({"promised", "promises", "promise"})


def _object_control(controller: Token) -> bool:
    word = controller.lower_
    return word not in SUBJECT_CONTROL_FORMS and inflection_of(word, OBJECT_CONTROL_VERBS)


def control_prefix(verb: Token, lemma: Lemmatizer) -> ControlPrefix:
    """Controller tokens, modality and negation for a controlled complement."""
    if not is_controlled(verb, lemma):
        return _bare_infinitive_scope(verb, lemma)
    controller = verb.head
    to = to_markers(verb)[:1]
    if _adjective_controller(controller):
        return _adjective_prefix(controller, to)
    if first_child(controller, DIRECT_OBJECTS) is not None or prepositional_controller(
        controller, verb
    ):
        return ControlPrefix(to, lemma(controller))
    outer = control_prefix(controller, lemma)
    tokens = [*outer.tokens, *predicate_aux(controller), controller, *to]
    word = lemma(controller)
    is_negated = outer.negated != negated(controller)
    outer_modality = outer.modality or modal(controller)
    yet = next((c for c in labels(controller).get("advmod", ()) if c.lower_ == "yet"), None)
    if word in YET_VERBS and yet is not None:  # "has yet to respond" has not responded
        return ControlPrefix(
            sorted([*tokens, yet], key=lambda t: t.i), outer_modality, not is_negated
        )
    if word in ASPECTUAL_VERBS:
        return ControlPrefix(tokens, outer_modality, is_negated)
    if word in NEGATING_VERBS:
        return ControlPrefix(tokens, outer_modality, not is_negated)
    return ControlPrefix(tokens, hedging_first(outer_modality, word), is_negated)


def _bare_infinitive_scope(verb: Token, lemma: Lemmatizer) -> ControlPrefix:
    """ "asked X to help secure ...", "did not help rebuild it": a bare infinitive is in the
    scope of the verb it completes (modality and negation), though it keeps its own words."""
    head = verb.head
    if verb.dep_ != "xcomp" or verb.tag != BARE or head.i == verb.i or not is_verbal(head):
        return NO_CONTROL
    outer = control_prefix(head, lemma)
    modality, is_negated = outer.modality or modal(head), outer.negated != negated(head)
    return ControlPrefix([], modality, is_negated) if modality or is_negated else NO_CONTROL


BARE = get_string_id("VB")
YET_VERBS = frozenset({"have", "be"})
"""Controllers that "yet" makes a denial: "has yet to respond" has not responded."""


def _adjective_prefix(adj: Token, to: list[Token]) -> ControlPrefix:
    """ "is not likely to win" -> tokens "is not likely to", modality "likely"."""
    be = adj.head
    tokens = [*predicate_aux(be), be, adj, *to]
    word = adj.lower_
    if word in NEGATING_ADJECTIVES:
        return ControlPrefix(tokens, modal(be), not negated(be))
    if word in ASSERTING_ADJECTIVES and not negated(be):
        return ControlPrefix(tokens, modal(be))
    return ControlPrefix(tokens, hedging_first(modal(be), word), negated(be))


def complement_object(verb: Token, lemma: Lemmatizer) -> Slot | None:
    """A non-nominal object: gerund ("emphasized strengthening ties"), predicative
    adjective or noun ("became famous"), or a clause ("said that ...")."""
    children = kids(verb)
    for child in children:
        if child.dep_ == "xcomp" and not is_controlled(child, lemma):
            kind = "gerund" if child.tag_ == "VBG" else "phrase"
            return Slot(child, None, kind)
        if child.dep_ in ("acomp", "oprd", "attr"):
            return Slot(child, None, "phrase")
    for child in children:
        if child.dep_ == "ccomp":
            return Slot(child, None, "clause")
    return None
