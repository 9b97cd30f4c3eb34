"""Copulas, appositions and titles: what something is.

"Kim is the leader of North Korea" and "Kim, the leader of North Korea" -> (Kim; is the
leader of; North Korea) with relation LEADER_OF; "Kim is a dictator" -> IS_A; "X is in Y"
-> BE_IN; "X is responsible for Y" -> RESPONSIBLE_FOR.  Titles before a name
("North Korean dictator Kim Jong Un") are OpenIE tuples only: the graph keeps them as the
mention's title.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.symbols import AUX, NOUN, NUM, appos
from spacy.tokens import Token

from kgraph.extract import complements, subjects
from kgraph.extract.clauses import (
    NOMINAL_SLOTS,
    VERB_HEAD_DEPS,
    prepositional_object,
    subject_slot,
)
from kgraph.extract.context import Sentence
from kgraph.extract.coordination import expand
from kgraph.extract.deps import described, is_nominal, is_pronoun, labelled
from kgraph.extract.frame import Frame, Slot
from kgraph.extract.lexicon import NUMERIC_LABELS, PLACE_LABELS, ids
from kgraph.extract.modality import modal, negated, predicate_aux, unasserted
from kgraph.extract.slots import noun_extras, prep_slots, verb_extras
from kgraph.extract.tree import entity_bounds, labels, lefts, rights, tokens_of
from kgraph.nlp import Lemmatizer

RELATIONAL_PREPS = frozenset({"of"})
INCLUSIONS = frozenset({"including", "as"})
BE_FORMS = frozenset({"be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "'m"})
NOT_BE = frozenset({"has", "have", "had", "do", "does", "did", "will", "would", "can", "could"})
INCLUSION_IDS = ids(INCLUSIONS)
BE_FORM_IDS = ids(BE_FORMS)
NOT_BE_IDS = ids(NOT_BE)
NUMERIC_LABEL_IDS = ids(NUMERIC_LABELS)
CANDIDATE_POS = frozenset({AUX})
CANDIDATE_DEPS = frozenset({appos})
"""Copulas are auxiliaries, appositions are labelled so, and inclusions are their words
(:data:`INCLUSION_IDS`): no other token is looked at."""


def copular_frames(sentence: Sentence) -> Iterator[Frame]:
    """Frames for "be" clauses and appositions in the sentence."""
    lemma = sentence.lemma
    for tok in sentence.having(CANDIDATE_POS, CANDIDATE_DEPS, INCLUSION_IDS):
        if tok.pos == AUX and tok.dep_ in VERB_HEAD_DEPS and _is_be(tok, lemma):
            yield from _copula(tok, lemma)
        elif tok.dep == appos and _appositive(tok):
            yield from _apposition(tok)
        elif tok.dep_ == "prep" and tok.lower in INCLUSION_IDS and is_nominal(tok.head):
            yield from _inclusion(tok)


def _is_be(tok: Token, lemma: Lemmatizer) -> bool:
    """A form of "be"; the common forms are known without lemmatising."""
    if tok.lower in BE_FORM_IDS:
        return True
    return tok.lower not in NOT_BE_IDS and lemma(tok) == "be"


def _appositive(tok: Token) -> bool:
    """Nominal appositions, not reflexives ("Jagan himself"), bare pronouns or numbers in a
    list ("9.75 %, 8.75 %")."""
    if not (is_nominal(tok) and is_nominal(tok.head)) or is_pronoun(tok):
        return False
    return not (_numeric(tok) or _numeric(tok.head))


def _numeric(tok: Token) -> bool:
    return tok.pos == NUM or tok.ent_type in NUMERIC_LABEL_IDS


def _copula(be: Token, lemma: Lemmatizer) -> Iterator[Frame]:
    subject = subjects.logical_subject(be)
    if subject is None or subjects.is_expletive(subject):
        return
    prefix = complements.control_prefix(be, lemma)  # "is believed to be in Malaysia"
    pred = [*prefix.tokens, *predicate_aux(be), be]
    frame = Frame("copula", be, subject_slot(subject), None, pred, ["be"])
    frame.negated = negated(be) != prefix.negated
    frame.modality = unasserted(be, lemma) or modal(be) or prefix.modality
    attr = labelled(be, "attr")
    acomp = labelled(be, "acomp")
    preps = prep_slots(be)
    if attr is not None and is_nominal(attr):
        _nominal_complement(frame, attr, lemma)
        frame.extras = [*verb_extras(be, preps, exclude=None), *frame.extras]
    elif acomp is not None:
        if complements.hands_over(acomp, lemma):
            return
        _adjective_complement(frame, acomp, preps, lemma)
    else:
        prepositional_object(frame, be, preps, lemma)
    if frame.object is not None:
        yield from expand(frame)


def _nominal_complement(frame: Frame, noun: Token, lemma: Lemmatizer) -> None:
    """ "is a dictator" -> IS_A dictator; "is the leader of X" -> LEADER_OF X."""
    of = relational_object(noun)
    if of is None:
        frame.object = Slot(noun)
        frame.rel = ["is", "a"]
        frame.extras = noun_extras(noun)
        return
    prep, pobj = of
    frame.pred = [*frame.pred, *_premodifiers(noun), noun, prep]
    frame.rel = [*_compounds(noun), lemma(noun), prep.lower_]
    frame.object = Slot(pobj)
    frame.extras = noun_extras(pobj)


def relational_object(noun: Token) -> tuple[Token, Token] | None:
    """The "of" phrase of a relational common noun ("the leader *of North Korea*")."""
    if noun.pos != NOUN:
        return None
    for child in rights(noun):
        if child.dep_ == "prep" and child.lower_ in RELATIONAL_PREPS:
            pobj = labelled(child, "pobj")
            if pobj is not None:
                return child, pobj
    return None


def _premodifiers(noun: Token) -> list[Token]:
    return [t for c in lefts(noun) for t in c.subtree]


def _compounds(noun: Token) -> list[str]:
    """The compounds of a relational noun, words of the relation ("Prime Minister")."""
    return [c.lower_ for c in lefts(noun) if c.dep_ == "compound"]


def _adjective_complement(frame: Frame, adj: Token, preps: list[Slot], lemma: Lemmatizer) -> None:
    """ "is responsible for X" -> RESPONSIBLE_FOR X; "is heroic" -> BE heroic;
    "am convinced that ..." -> a clause object (OpenIE only)."""
    clause = labelled(adj, "ccomp")
    if clause is not None:
        frame.pred = [*frame.pred, *_premodifiers(adj), adj]
        frame.rel = [lemma(adj)]
        frame.object = Slot(clause, None, "clause")
        return
    own = [s for s in prep_slots(adj) if s.kind in NOMINAL_SLOTS and s.prep is not None]
    if own:
        first = own[0]
        assert first.prep is not None
        frame.pred = [*frame.pred, *_premodifiers(adj), adj, first.prep]
        frame.rel = [lemma(adj), first.prep.lower_]
        frame.object = Slot(first.head)
        frame.extras = [*own[1:], *verb_extras(frame.anchor, preps, exclude=None)]
        return
    frame.object = Slot(adj, None, "phrase")
    frame.extras = verb_extras(frame.anchor, preps, exclude=None)


def _apposition(appos: Token) -> Iterator[Frame]:
    """ "Kim, the leader of North Korea" -> (Kim; is the leader of; North Korea).

    The apposition describes the one phrase it follows, not that phrase's conjuncts: in
    "he and his teammates A, B and C" the names are teammates (each of them), and "he" is
    none of them; in "the lab, the Agency (RUSADA) and the ministry" only the Agency is
    RUSADA.  A list inside the apposition ("his predecessors, A and B") gives one frame
    per name."""
    anchor = head = appos.head
    if appos.ent_type_ and not head.ent_type_ and head.pos_ == "NOUN":
        head, appos = appos, head
    else:
        anchor = head = described(head, appos)
    frame = Frame("appos", appos, Slot(head), None, [], ["is", "a"], pred_prefix="is")
    if _placed(head, appos):
        frame.pred_prefix, frame.rel = "is in", ["located", "in"]
        frame.object = Slot(appos)
    else:
        of = relational_object(appos)
        if of is None:
            frame.object = Slot(appos)
        else:
            frame.pred = [*_premodifiers(appos), appos, of[0]]
            frame.rel = [*_compounds(appos), appos.lower_, "of"]
            frame.object = Slot(of[1])
    assert frame.object is not None
    yield from expand(frame, subjects=head.i != anchor.i, objects=frame.object.head.i != anchor.i)


COMPASS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central"}
    | {"north-east", "north-west", "south-east", "south-west", "northeast", "northwest"}
    | {"southeast", "southwest", "-", "upstate", "rural"}
)
"""Words before the larger place that still name it ("Kent, south-east England")."""


def _placed(head: Token, appos: Token) -> bool:
    """ "Columbus, Ohio": a place in apposition to a place is where it lies, right after it
    and its comma, unless either is part of a list ("borders Canada and Mexico -- India and
    Pakistan", "in Bosnia, then Macedonia", "Italy, 69 percent; Greece, 65 percent",
    "in Silicon Valley, Seattle and ...")."""
    if head.ent_type_ not in PLACE_LABELS or appos.ent_type_ not in PLACE_LABELS:
        return False
    if any("conj" in labels(t) or "advmod" in labels(t) or t.dep_ == "conj" for t in (head, appos)):
        return False
    toks = tokens_of(head.doc)  # "Italy, 69 percent; Greece", "the US, not Mexico": no
    between = toks[entity_bounds(head)[1] : appos.left_edge.i]
    before = toks[appos.left_edge.i : entity_bounds(appos)[0]]  # "Raheny, north Dublin"
    end = entity_bounds(appos)[1]
    if end < len(toks) and toks[end].lower_ in LIST_WORDS:
        return False  # "in Silicon Valley, Seattle and on the east coast"
    return [t.text for t in between] == [","] and all(t.lower_ in COMPASS for t in before)


LIST_WORDS = frozenset({"and", "or"})


def _inclusion(prep: Token) -> Iterator[Frame]:
    """ "neighborhoods such as Chinatown", "the soils, including X and Y" -> (neighborhoods;
    such as; Chinatown) with relation INCLUDE, one per conjunct."""
    member = labelled(prep, "pobj")
    such = [c for c in lefts(prep) if c.lower_ == "such"]
    if member is None or (prep.lower_ == "as" and not such):
        return
    frame = Frame("inclusion", prep, Slot(prep.head), Slot(member), [*such, prep], ["include"])
    yield from expand(frame)
