"""Coordination: one relation per conjunct of a coordinated subject or object.

"Putin and Xi met" -> Putin MEET, Xi MEET; "leaders of the GIWU and Janet Jagan" -> two
objects.  Coordination inside a name ("the London, Midland and Scottish Railway") is not
split: conjuncts inside the named entity of the head stay with it.
"""

from __future__ import annotations

from dataclasses import fields
from operator import attrgetter
from typing import Any, cast

from spacy.strings import get_string_id
from spacy.symbols import PERSON, PROPN, conj
from spacy.tokens import Token

from kgraph.extract.deps import SUBJECTS, THAT, WH_TAG_IDS, is_nominal, is_verbal, party_label
from kgraph.extract.frame import Frame, Slot
from kgraph.extract.lexicon import ACTOR_LABELS, ids
from kgraph.extract.tree import entity_bounds, kids, labels, tokens_of

MAX_CONJUNCTS = 8


def conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the nominal tokens coordinated with it, in sentence order.

    >>> # "Dr. Cheddi Jagan, Janet Jagan and leaders of the GIWU" -> Jagan, Jagan, leaders
    """
    if tok.dep != conj and "conj" not in labels(tok):
        listed = _listed_name(tok)  # not coordinated (the common case)
        if listed is not None:
            return [tok, listed]
        return _named_members(tok) or [tok]
    if not is_nominal(tok) or _stranded(tok):
        return [tok]  # a stranded name begins its own clause: no member of the list before
    first, last = entity_bounds(tok) if tok.ent_type else (tok.i, tok.i + 1)
    others = [
        c
        # Any: spaCy's stub says ``Tuple[Token]`` (one token), which mypyc-compiled code
        # would check at run time and reject.
        for c in cast(Any, tok).conjuncts
        if is_nominal(c)
        and (not first <= c.i < last or _own_name(c))
        and not _adjectival(c)
        and not party_label(c)
        and not _stranded(c)
    ]
    return sorted([tok, *others], key=lambda t: t.i)[:MAX_CONJUNCTS]


def _stranded(tok: Token) -> bool:
    """ "in Ancaster, Ontario, police spokesman Mark Pugash told CNN": a name the parser
    listed with earlier ones, right before a finite verb that has no subject, is that
    verb's subject and no member of the list."""
    if tok.dep != conj or not subject_of_next(tok):
        return False
    return tokens_of(tok.doc)[tok.i + 1].tag_ in FINITE_TAGS


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def _listed_name(tok: Token) -> Token | None:
    """ "to meet Putin, Lavrov": a person's name in apposition to another name is a list
    (a person is not another person), so both are arguments."""
    if tok.ent_type != PERSON:
        return None
    for child in labels(tok).get("appos", ()):
        if party_label(child) or after_colon(tok, child):
            continue
        if child.pos == PROPN and child.ent_type_ in LISTED_LABELS and not subject_of_next(child):
            first, _ = entity_bounds(tok)
            if child.i > tok.i and not first <= child.i < tok.i:
                return child
    return None


def after_colon(name: Token, appos: Token) -> bool:
    """ "Bert Noglik: The Original Dixieland Jass Band ... went to Chicago": what follows a
    speaker's label and a colon is what they say, not a second name of theirs."""
    toks = tokens_of(name.doc)
    return any(t.lower_ == ":" for t in toks[name.i + 1 : appos.left_edge.i])


def subject_of_next(name: Token) -> bool:
    """ "... from Khoroshavin, spokesperson Svetlana Petrenko told TASS": a name the parser
    hung on an earlier one, right before a verb without a subject, begins a clause of its
    own (:func:`kgraph.extract.subjects.logical_subject` makes it that verb's subject)."""
    toks = tokens_of(name.doc)
    if name.i + 1 >= len(toks):
        return False
    verb = toks[name.i + 1]
    return is_verbal(verb) and SUBJECTS.isdisjoint(labels(verb))


LISTED_LABELS = frozenset({"PERSON", "GPE"})


def _named_members(tok: Token) -> list[Token] | None:
    """ "his predecessors, Jacques Chirac and Nicolas Sarkozy": a plural noun whose
    apposition lists names stands for each of them."""
    if tok.tag not in PLURAL_NOUN_TAGS or tok.ent_type:
        return None
    verb = tok.head
    for child in labels(tok).get("appos", ()):
        if tok.i < verb.i < child.i:
            continue  # "The players were named as A; B and C": a list after the verb
        if child.ent_type_ in ACTOR_LABELS and "conj" in labels(child):
            return conjuncts(child)
    return None


PLURAL_NOUN_TAGS = ids(["NNS", "NNPS"])


def _own_name(tok: Token) -> bool:
    """ "The Times and The Sun" recognised as one name: a conjunct with its own capitalised
    determiner is a name of its own."""
    return any(c.dep_ == "det" and c.is_title for c in labels(tok).get("det", ()))


def _adjectival(tok: Token) -> bool:
    """Conjuncts of modifiers ("political and economic") are not arguments."""
    return tok.dep_ in ("amod", "compound") or tok.head.dep_ in ("amod", "compound")


def expand(base: Frame, *, subjects: bool = True, objects: bool = True) -> list[Frame]:
    """One frame per (subject conjunct, object conjunct) of ``base``.

    Slots with fixed bounds (titles) are not expanded, nor a side whose flag is False.  A
    list, not a generator: most frames have one of each, and a generator per frame shows
    in ``benchmarks/extract_speed.py``.
    """
    subject = base.subject
    heads = conjuncts(subject.head) if subjects and not subject.bounds else [subject.head]
    if len(heads) > 1:
        heads = _before_relative(base.anchor, subject.head, heads)
    obj = base.object
    if obj is None:
        others: list[Token | None] = [None]
    elif not objects or obj.bounds or obj.kind != "np":
        others = [obj.head]
    else:
        members = conjuncts(obj.head)
        if len(members) > 1:
            members = _before_relative(base.anchor, obj.head, members)
        others = list(members)
    same_object = obj is None or others[0] is obj.head
    if len(heads) == 1 and len(others) == 1 and heads[0].i == subject.head.i and same_object:
        return [base]
    return [_with_args(base, head, other) for head in heads for other in others]


def _before_relative(anchor: Token, head: Token, members: list[Token]) -> list[Token]:
    """ "the Tiguan, which is produced by SAIC, and the imported Touareg": a relative clause
    on one conjunct says nothing of those after it (but "the Tiguan and the Touareg, which
    are produced by SAIC" says it of both), and one with a singular verb after a list is
    about its last member ("A, B and C, who is serving as ...")."""
    listed = {m.i for m in members}
    clause = anchor
    while clause.dep_ != "relcl" or clause.head.i not in listed:
        if clause.head.i == clause.i:
            return members
        clause = clause.head
    before = [m for m in members if m.i < clause.i]
    return before[-1:] if len(before) > 1 and _singular(clause) else before


def _singular(clause: Token) -> bool:
    """Whether a relative clause's verb agrees with one noun only, its relative pronoun
    ("who is", "which has", "that was"; not "services that Verizon is buying")."""
    relative = any(
        c.dep_ in SUBJECTS and (c.tag in WH_TAG_IDS or c.lower in THAT) for c in kids(clause)
    )
    return relative and any(
        v.tag == SINGULAR or v.lower_ == "was"
        for v in (clause, *[c for c in kids(clause) if c.dep_ in ("aux", "auxpass")])
    )


SINGULAR = get_string_id("VBZ")


def _with_args(base: Frame, subj: Token, obj: Token | None) -> Frame:
    """``base`` with other heads, copied field by field (``dataclasses.replace`` shows in
    ``benchmarks/extract_speed.py``)."""
    frame = Frame(*_FRAME_FIELDS(base))
    frame.subject = _with_head(base.subject, subj)
    if base.object is not None and obj is not None:
        frame.object = _with_head(base.object, obj)
    return frame


_FRAME_FIELDS = attrgetter(*(f.name for f in fields(Frame)))


def _with_head(slot: Slot, head: Token) -> Slot:
    return Slot(head, slot.prep, slot.kind, slot.bounds)
