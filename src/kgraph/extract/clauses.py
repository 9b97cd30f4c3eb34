"""Verb frames: subject, object and prepositional arguments of every verbal clause.

One frame per verb, then one relation per conjunct of its subject and object:
"Putin congratulated Kim on the New Year holidays" -> (Putin, CONGRATULATE, Kim,
extras=[on the New Year holidays]).  Passives with an agent make the agent the subject
("This was reported by Yonhap News" -> Yonhap News REPORT This); without a direct object
the first prepositional object after the verb becomes the object ("met with Xi" -> MEET_WITH).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.symbols import VERB
from spacy.tokens import Token

from kgraph.extract import complements, reltypes, subjects
from kgraph.extract.context import Sentence
from kgraph.extract.coordination import expand
from kgraph.extract.deps import (
    DIRECT_OBJECTS,
    NOMINAL_SUBJECTS,
    WH_TAG_IDS,
    first_child,
    is_verbal,
    labelled,
    to_markers,
)
from kgraph.extract.derivation import eventive
from kgraph.extract.frame import Frame, Slot
from kgraph.extract.lexicon import ACTOR_LABELS, TEMPORAL_LABELS, ids
from kgraph.extract.modality import (
    alleged,
    denied_object,
    modal,
    negated,
    predicate_aux,
    unasserted,
)
from kgraph.extract.slots import noun_extras, prep_slots, verb_extras
from kgraph.extract.tree import kids, labels, tokens_of
from kgraph.nlp import Lemmatizer

NON_FINITE = frozenset({"VB", "VBN", "VBG"})
NOMINAL_SLOTS = frozenset({"phrase", "np"})
SHARING_BLOCKERS = frozenset({"nsubj", "nsubjpass", "aux", "auxpass"})
BY = ids(["by"])
TEMPORAL_LABEL_IDS = ids(TEMPORAL_LABELS)
VERB_HEAD_DEPS = frozenset(
    {"ROOT", "conj", "ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp", "csubj", "parataxis"}
)


def verb_frames(sentence: Sentence) -> Iterator[Frame]:
    """Frames for every verb heading a clause in the sentence."""
    lemma = sentence.lemma
    for verb in sentence.tagged(VERB):
        if verb.dep_ not in VERB_HEAD_DEPS:
            continue
        # A gerund complement ("emphasized strengthening ties") is its controller's object.
        if (
            verb.dep_ == "xcomp"
            and verb.tag_ == "VBG"
            and not complements.is_controlled(verb, lemma)
        ):
            continue
        # Controllers whose only argument is a "to" complement are rendered through it.
        if not complements.hands_over(verb, lemma):
            yield from frames_for_verb(verb, lemma)


def frames_for_verb(verb: Token, lemma: Lemmatizer) -> Iterator[Frame]:
    """All relations of one verb: one per (subject conjunct, object conjunct)."""
    subject = subjects.logical_subject(verb)
    if subject is None or subjects.is_expletive(subject):
        return
    base = _base_frame(verb, subject, lemma)
    if base is None:
        return
    yield from expand(base)


def _base_frame(verb: Token, subject: Token, lemma: Lemmatizer) -> Frame | None:
    """Decide subject, object and extras of ``verb`` before conjunct expansion."""
    frame = _predicate(verb, subject, lemma)
    preps = prep_slots(verb)
    shared = shared_extras(verb, subject)
    if subjects.is_passive(verb):
        agent = next((s for s in preps if s.prep is not None and s.prep.dep_ == "agent"), None)
        agent = agent or stray_agent(verb)
        if agent is not None:
            return _passive_with_agent(frame, verb, agent, preps)
    obj = first_child(verb, DIRECT_OBJECTS) or labelled(verb, "dative")
    if obj is not None:
        obj = subjects.resolve_relative(obj)
        frame.object = Slot(obj)
        gerund = next(
            (c for c in labels(verb).get("advcl", ()) if subjects.accusative_subject(c) is obj),
            None,
        )
        if gerund is not None:  # "supported [the UK remaining in the EU]"
            frame.object = Slot(obj, None, "clause", (obj.left_edge.i, gerund.right_edge.i + 1))
        frame.negated = frame.negated != denied_object(obj)
        frame.extras = [*shared, *verb_extras(verb, preps, exclude=obj), *noun_extras(obj)]
        return frame
    gap = object_gap(verb, lemma)
    if gap is not None:  # "the meeting he held with X"
        frame.object = Slot(gap)
        frame.extras = [*shared, *verb_extras(verb, preps, exclude=None)]
        return frame
    frame = prepositional_object(frame, verb, preps, lemma)
    frame.extras = [*shared, *frame.extras]
    return frame


def object_gap(verb: Token, lemma: Lemmatizer) -> Token | None:
    """ "a meeting he held with Gorkov", "the deal Russia signed with Turkey": the event
    noun a relative clause without a relative word hangs on is its light verb's object."""
    noun = verb.head
    if verb.dep_ != "relcl" or noun.i > verb.i or lemma(verb) not in reltypes.LIGHT_VERBS:
        return None
    children = labels(verb)
    if not DIRECT_OBJECTS.isdisjoint(children) or "nsubj" not in children:
        return None
    if any(c.tag in WH_TAG_IDS for c in kids(verb)) or any(
        c.tag in WH_TAG_IDS for p in children.get("prep", ()) for c in kids(p)
    ):
        return None  # "the meeting at which he ...", "the day when he ..."
    return noun if eventive(lemma(noun)) else None


def _predicate(verb: Token, subject: Token, lemma: Lemmatizer) -> Frame:
    """A frame with the predicate of ``verb`` filled in: surface tokens (controllers,
    auxiliaries shared with a first conjunct, particles), relation words, negation, modality."""
    scope = sharing_head(verb) or verb
    prefix = complements.control_prefix(scope, lemma)
    particles = labels(verb).get("prt", [])
    core = [*predicate_aux(verb), verb, *particles]
    is_negated, modality = negated(verb), modal(verb)
    if scope.i != verb.i:
        core = [*predicate_aux(scope), *core]
        is_negated, modality = is_negated or negated(scope), modality or modal(scope)
    rel = [lemma(verb), *[p.lower_ for p in particles]]
    frame = Frame("verb", verb, subject_slot(subject), None, [*prefix.tokens, *core], rel)
    frame.negated = is_negated != prefix.negated
    if subjects.headline_infinitive(verb):
        frame.modality = "will"  # "Xi to meet Trump": the headline's future
        frame.pred = [*to_markers(verb), *frame.pred]
        return frame
    goal = purpose(verb, lemma)
    frame.modality = (
        unasserted(scope, lemma)
        or modality
        or prefix.modality
        or goal
        or alleged(verb, lemma)
        or subjects.undertaking(verb)
        or subjects.favoured(verb, lemma)
    )
    if goal:
        frame.pred = [*to_markers(verb), *frame.pred]
    return frame


def subject_slot(subject: Token) -> Slot:
    """A noun phrase, or a whole clause for clausal subjects ("Accomplishing both will be
    ..." -> "Accomplishing both")."""
    if subject.dep_ in ("csubj", "csubjpass"):
        return Slot(subject, None, "gerund")
    return Slot(subject)


def sharing_head(verb: Token) -> Token | None:
    """The verb a conjunct shares subject and auxiliaries with ("will continue to strengthen
    ... and conduct" -> "conduct" is also under "will continue to"), or None."""
    if verb.dep_ != "conj":
        return None
    head = verb.head
    if not is_verbal(head) or head.i == verb.i:
        return None
    if verb.tag_ not in NON_FINITE or head.tag_ not in NON_FINITE:
        return None  # "does contribute ... and discourages": no shared auxiliary
    if not SHARING_BLOCKERS.isdisjoint(labels(verb)):
        return None
    return sharing_head(head) or head


def shared_extras(verb: Token, subject: Token) -> list[Slot]:
    """Adverbials before a shared subject belong to every conjunct:
    "In 1970, Arad moved to the US and enrolled at Hofstra" -> both "In 1970"."""
    scope = _subject_sharing_head(verb)
    if scope is None:
        return []
    return [s for s in verb_extras(scope, prep_slots(scope), exclude=None) if _before(s, subject)]


def _subject_sharing_head(verb: Token) -> Token | None:
    """The first conjunct whose subject ``verb`` shares, or None."""
    head = None
    while verb.dep_ == "conj":
        parent = verb.head
        if (
            not is_verbal(parent)
            or parent.i == verb.i
            or not NOMINAL_SUBJECTS.isdisjoint(labels(verb))
        ):
            break
        head = verb = parent
    return head


def _before(slot: Slot, subject: Token) -> bool:
    return (slot.prep or slot.head).i < subject.left_edge.i


def purpose(verb: Token, lemma: Lemmatizer) -> str | None:
    """ "enrolled at Hofstra to study management": a purpose clause, modality "purpose";
    with a subject of its own after "for" it is what the governing verb wants: "called for
    the Netherlands to exit the EU" (modality "call")."""
    if verb.dep_ in ("advcl", "acl") and subjects.for_subject(verb) is not None:
        return lemma(verb.head) if is_verbal(verb.head) else "purpose"
    if verb.dep_ == "advcl" and to_markers(verb):
        return "purpose"
    if verb.dep_ == "acl" and to_markers(verb) and subjects.in_order_to(verb):
        return "purpose"
    return None


def stray_agent(verb: Token) -> Slot | None:
    """The agent of a passive that the parser hung on its complement: "is considered a
    terrorist group *by Spain*", "was quoted as saying *by Reuters*".  Only a named agent
    is taken ("by 5 percent", "by far" are no agents)."""
    for child in kids(verb):
        if child.dep_ not in STRAY_AGENT_HOSTS:
            continue
        host = child if child.dep_ != "prep" else labelled(child, "pcomp")
        if host is None:
            continue
        for slot in prep_slots(host):
            if _by(slot) and slot.head.ent_type_ in ACTOR_LABELS:
                return Slot(slot.head, slot.prep, "np")
    return None


def _quoted_as(verb: Token) -> bool:
    """A gerund under "as" of a passive ("was quoted as saying", "is seen as leading")."""
    prep = verb.head
    return verb.dep_ == "pcomp" and prep.lower_ == "as" and subjects.is_passive(prep.head)


def _by(slot: Slot) -> bool:
    return slot.prep is not None and slot.prep.lower in BY


STRAY_AGENT_HOSTS = frozenset({"oprd", "dobj", "prep", "attr"})


def _passive_with_agent(frame: Frame, verb: Token, agent: Slot, preps: list[Slot]) -> Frame:
    """ "X was reported by Y" -> subject Y, object X; OpenIE output keeps the passive order."""
    patient = frame.subject
    assert agent.prep is not None
    frame.active_pred = [c for c in frame.pred if c.dep_ not in ("auxpass", "aux")]
    frame.pred = [*frame.pred, agent.prep]
    frame.subject = Slot(agent.head)
    frame.object = patient
    frame.passive_agent = True
    frame.extras = verb_extras(verb, preps, exclude=agent.head)
    return frame


def prepositional_object(frame: Frame, verb: Token, preps: list[Slot], lemma: Lemmatizer) -> Frame:
    """No direct object: a complement ("said on Monday *that ...*", "became *famous* in
    1990") or else the first prepositional object after the verb takes its place."""
    frame.object = complements.complement_object(verb, lemma)
    after = [s for s in preps if s.prep is not None and (s.prep.i > verb.i or _fronted(s))]
    if _quoted_as(verb):  # "was quoted as saying by Tass": by is the quoting's agent
        after = [s for s in after if not _by(s)]
    party = reltypes.COMITATIVE_VERBS.get(frame.rel[0])
    if party is not None:  # "met in Tokyo on Monday": places and times are no second party
        after = [s for s in after if s.prep is not None and s.prep.lower_ in party]
    phrases = [s for s in after if s.kind in NOMINAL_SLOTS] or after
    chosen = next((s for s in phrases if not _circumstantial(s.head)), None)
    chosen = chosen or (phrases[0] if phrases else None)
    if frame.object is None and chosen is not None and chosen.prep is not None:
        kind = "np" if chosen.kind in NOMINAL_SLOTS else "gerund"
        frame.object = Slot(chosen.head, chosen.prep, kind)
        words = _prep_words(chosen)
        frame.pred = [*frame.pred, *words]
        frame.rel = [*frame.rel, *(t.lower_ for t in words)]
    if frame.object is None:
        shared = _shared_object(verb)
        frame.object = Slot(shared) if shared is not None else None
    exclude = frame.object.head if frame.object else None
    frame.extras = verb_extras(verb, preps, exclude=exclude)
    if frame.object is not None and frame.object.kind == "np":
        frame.extras += noun_extras(frame.object.head)
    return frame


def _shared_object(verb: Token) -> Token | None:
    """ "traders buy and sell large amounts of stocks": a verb without arguments shares the
    direct object of the verb coordinated right after it ("V1 and V2 object")."""
    for conj in labels(verb).get("conj", ()):
        if conj.pos == VERB and conj.i == verb.i + 2:
            obj = first_child(conj, DIRECT_OBJECTS)
            if obj is not None:
                return obj
    return None


def _fronted(slot: Slot) -> bool:
    """ "the house in which Lincoln lived": the object was a relative pronoun before the verb."""
    return slot.prep is not None and slot.head.i < slot.prep.i


def _prep_words(slot: Slot) -> list[Token]:
    """The preposition tokens introducing ``slot`` ("according to", "in front of")."""
    assert slot.prep is not None
    if _fronted(slot):
        return [slot.prep]
    toks = tokens_of(slot.head.doc)
    words = range(slot.prep.i, slot.head.left_edge.i)
    return [toks[i] for i in words if toks[i].dep_ in ("prep", "agent")]


def _circumstantial(head: Token) -> bool:
    """Dates, times and amounts make poor objects ("taught at X in 1970": object is X)."""
    return head.ent_type in TEMPORAL_LABEL_IDS
