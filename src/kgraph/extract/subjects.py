"""Who does it: the logical subject of a verb, through relatives, conjuncts and participles.

"Putin congratulated Kim ... and called ..." -> "called" shares "Putin";
"Kim, who met Putin" -> "who" stands for "Kim"; "..., citing KCNA" -> the citer is the
subject (or the agent of a passive) of the clause it modifies.
"""

from __future__ import annotations

from spacy.symbols import ADJ, NOUN, PROPN
from spacy.tokens import Token

from kgraph.extract import complements, reltypes
from kgraph.extract.coordination import after_colon, subject_of_next
from kgraph.extract.deps import (
    DIRECT_OBJECTS,
    PASSIVE_SUBJECTS,
    SUBJECTS,
    TO,
    first_child,
    is_nominal,
    is_relative_pronoun,
    is_verbal,
    labelled,
    to_markers,
)
from kgraph.extract.lexicon import ACTOR_LABELS, ids, inflection_of, words
from kgraph.extract.tree import ancestors, kids, labels, lefts, tokens_of
from kgraph.nlp import Lemmatizer

PARTICIPLE_TAGS = frozenset({"VBG", "VBN"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
SINGLING = frozenset({"only", "first", "last", "next", "sole", "second", "third"})
PASSIVE_MARKS = PASSIVE_SUBJECTS | {"auxpass"}
AUX_LABELS = frozenset({"aux", "auxpass"})
THERE = ids(["there"])
PARTICIPLE_TAG_IDS = ids(PARTICIPLE_TAGS)
FINITE_TAG_IDS = ids(FINITE_TAGS)
VBN = ids(["VBN"])


def logical_subject(verb: Token) -> Token | None:
    """The head token of the subject of ``verb``, or None when there is none to be found.

    >>> # "This was reported by Yonhap News, citing KCNA": citing -> "News" (the agent)
    """
    own = first_child(verb, SUBJECTS)
    if own is not None:
        said = _said_after_colon(own)
        if said is not None:  # "Bert Noglik: The band went to Chicago"
            return said
        children = labels(verb)
        both: list[Token] = [*children.get("nsubj", ()), *children.get("nsubjpass", ())]
        if len(both) > 1 and colon_speaker(verb) is own:  # "Guterres: Kiir is ignoring"
            return min((t for t in both if t.i != own.i), key=lambda t: t.i)
        return resolve_relative(own)
    named = for_subject(verb)
    if named is not None:
        return named
    head, dep = verb.head, verb.dep_
    if dep == "xcomp" and (is_verbal(head) or head.pos == ADJ):
        return complements.controlled_subject(verb)
    if dep == "conj" and is_verbal(head) and head.i != verb.i:
        return logical_subject(head)
    if headline_infinitive(verb):
        return head
    if dep == "acl" and in_order_to(verb):
        return acting_subject(head.head.head)
    if dep in ("acl", "relcl") and is_nominal(head):
        if not to_markers(verb):
            return head
        return _singled_out(head) or _undertaking_subject(head)
    if dep == "advcl" and (obj := accusative_subject(verb)) is not None:
        return obj
    if dep == "advcl" and _nonfinite_adjunct(verb):
        return acting_subject(head) if is_verbal(head) else None
    if dep == "pcomp" and verb.tag in PARTICIPLE_TAG_IDS and is_verbal(head.head):
        controller = _object_of_preposition_control(head)
        if controller is not None:
            return controller
        # "relieved by changing the system": by + -ing names what the unnamed agent does
        means = head.lower_ == "by" and not is_passive(verb)
        if head.lower_ in TIME_PREPOSITIONS:  # "X was detained by police after travelling"
            return logical_subject(head.head)
        return acting_subject(head.head, strict=means)
    if verb.tag in FINITE_TAG_IDS:
        return _stranded_name(verb) or _elided_subject(verb)
    return None


def _said_after_colon(name: Token) -> Token | None:
    """The apposition the parser hung on a speaker's label across a colon: the subject of
    what the speaker says.  The label is a name with the colon right after it."""
    appositions = labels(name).get("appos") if name.pos == PROPN else None
    if not appositions:
        return None
    toks = tokens_of(name.doc)
    if name.i + 1 >= len(toks) or toks[name.i + 1].lower_ != ":":
        return None
    for appos in appositions:
        if after_colon(name, appos):
            return appos
    return None


def colon_speaker(verb: Token) -> Token | None:
    """ "Antonio Guterres: Salva Kiir is ignoring famine", "Trump: China must stop ...": a
    headline's name before a colon is who says the clause after it (the parser may have
    made it a first subject of the verb)."""
    children = kids(verb)
    found = [c for c in children if c.dep_ in SUBJECTS]
    if not found:
        return None
    if _said_after_colon(found[0]) is not None:  # "Bert Noglik: The band went to ..."
        return found[0]
    subject = found[-1]
    toks = tokens_of(verb.doc)
    for child in children:
        if child.i >= subject.i:
            return None
        named = child.ent_type_ in ACTOR_LABELS or child.pos == PROPN or child.is_title
        if child.dep_ in SPEAKER_DEPS and named:
            between = toks[child.i + 1 : subject.left_edge.i]
            return child if any(t.lower_ == ":" for t in between) else None
    return None


SPEAKER_DEPS = frozenset({"nsubj", "nsubjpass", "dep", "npadvmod", "nmod"})


def for_subject(verb: Token) -> Token | None:
    """ "called for the Netherlands to exit the EU", "the time has come for Britain to
    leave": the object of "for" right before an infinitive is its subject."""
    toks = tokens_of(verb.doc)
    to = verb.i - 1
    if to < 1 or toks[to].tag not in TO or toks[to].head.i != verb.i:
        return None
    tok = toks[to - 1]
    while tok.right_edge.i == to - 1:
        if tok.dep_ == "pobj" and tok.head.lower_ == "for":
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _stranded_name(verb: Token) -> Token | None:
    """ "... from Khoroshavin, committee spokesperson Svetlana Petrenko told TASS": a name
    right before a verb without a subject, which the parser hung on an earlier noun as an
    apposition or conjunct, is that verb's subject."""
    if verb.i == 0:
        return None
    name = tokens_of(verb.doc)[verb.i - 1]
    if name.ent_type_ not in STRANDED_LABELS or name.dep_ not in STRANDED_DEPS:
        return None
    return name if name.head.i < name.i and subject_of_next(name) else None


STRANDED_LABELS = frozenset({"PERSON", "ORG"})
STRANDED_DEPS = frozenset({"appos", "conj"})


def _object_of_preposition_control(prep: Token) -> Token | None:
    """ "accused Merkel of supporting X", "thanked Kim for sending troops": the object of
    the governing verb does what the gerund says."""
    if prep.lower_ not in CONTROLLING_PREPS:
        return None
    obj = labelled(prep.head, "dobj")
    return obj if obj is not None and obj.i < prep.i else None


CONTROLLING_PREPS = frozenset({"of", "for", "on", "with", "from"})


def _singled_out(noun: Token) -> Token | None:
    """ "the only/first/largest ship to conduct attacks": the noun does it (and when the noun
    is a copula's attribute, its subject: "Kormoran was the only ship to ...").  Other
    infinitival modifiers leave the doer open ("a plan to build", "the decision to go")."""
    if not any(_singling(c) for c in lefts(noun)):
        return None
    if noun.dep_ == "attr" and is_verbal(noun.head):
        return logical_subject(noun.head)
    return noun


def _undertaking_subject(noun: Token) -> Token | None:
    """ "Qualcomm announced a deal to acquire NXP", "X unveiled a plan to build Y": the
    subject of the clause that has the undertaking does it (modality: the noun)."""
    if (
        noun.lower_ not in UNDERTAKINGS
        or noun.dep_ not in ("dobj", "obj")
        or not is_verbal(noun.head)
    ):
        return None
    return logical_subject(noun.head)


UNDERTAKINGS = frozenset(
    {"deal", "agreement", "bid", "offer", "plan", "plans", "pledge", "promise", "decision", "move"}
)
"""Nouns whose "to" infinitive is the undertaking of whoever has them."""


def undertaking(verb: Token) -> str | None:
    """The undertaking noun a "to" infinitive hangs on ("a deal to acquire" -> "deal")."""
    if verb.dep_ == "acl" and to_markers(verb) and verb.head.lower_ in UNDERTAKINGS:
        return verb.head.lower_.rstrip("s")
    return None


def _singling(tok: Token) -> bool:
    return tok.tag_ == "JJS" or tok.lower_ in SINGLING or tok.ent_type_ == "ORDINAL"


def _elided_subject(verb: Token) -> Token | None:
    """A finite verb without a subject shares that of the nearest clause above it: the
    parser often misattaches such verbs ("..., took Cisterna, and raced to Rome";
    "resigns after the events of X and relocates to Florida")."""
    for ancestor in ancestors(verb):
        if is_verbal(ancestor) and ancestor.dep_ not in ("relcl", "acl"):
            return logical_subject(ancestor)
        if ancestor.dep_ in ("relcl", "acl", "ccomp"):
            return None
    return None


TIME_PREPOSITIONS = frozenset(words("after before since upon while until despite without"))
"""Prepositions of an -ing adjunct whose doer is the clause's subject even in the passive:
"Hussein was detained by the authorities after travelling to Cairo" (Hussein travelled)."""


def acting_subject(verb: Token, *, strict: bool = False) -> Token | None:
    """The doer of ``verb``: its agent when passive with "by", else its logical subject.

    With ``strict`` a passive without agent has no doer ("it was reported that ..." names
    no source); otherwise its surface subject stands in ("X was hired after being
    interviewed": X was interviewed).
    """
    if is_passive(verb):
        for child in kids(verb):
            if child.dep_ == "agent":
                return labelled(child, "pobj")
        if strict:
            return None
    return logical_subject(verb)


def resolve_relative(tok: Token) -> Token:
    """Replace a relative pronoun by the noun its clause modifies ("Kim, who ..." -> Kim)."""
    if not is_relative_pronoun(tok):
        return tok
    for ancestor in ancestors(tok):
        if ancestor.dep_ in ("relcl", "acl") and is_nominal(ancestor.head):
            return _antecedent(tok, ancestor.head)
        if ancestor.dep_ not in ("prep", "pobj", "conj", "xcomp", "ccomp"):
            break
    return tok


def _antecedent(pronoun: Token, noun: Token) -> Token:
    """The noun a relative pronoun stands for, where the parser hung its clause on another.

    "which" stands for no named person, nor ", that" for a name: in "a message from Vladimir
    Putin, in which he expressed ..." and "a letter from Coretta Scott King, the widow of
    Martin Luther King Jr, that criticised X" the antecedent is the message, the letter
    ("a Republican Party that finds ..." is the party)."""
    word = pronoun.lower_
    after_comma = pronoun.i > 0 and pronoun.doc[pronoun.i - 1].lower_ == ","
    if (word == "which" and noun.ent_type_ == "PERSON") or (
        word == "that" and noun.ent_type and after_comma
    ):
        above = _thing_above(noun)
        if above is not None or word == "that":
            return above or noun
        prep = noun.head
        if noun.dep_ == "pobj" and prep.dep_ == "prep" and is_nominal(prep.head):
            return prep.head
        return noun
    return noun


def _thing_above(noun: Token) -> Token | None:
    """The nearest common noun that a named person hangs on through "of", "from" and
    appositions ("a letter from X, the widow of Y" -> letter), if any."""
    tok = noun
    for _ in range(8):
        if tok.dep_ not in ("pobj", "prep", "appos") or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos == NOUN and tok.dep_ != "appos" and not tok.ent_type_:
            return None if reltypes.is_role(tok.lower_) else tok
    return None


def is_passive(verb: Token) -> bool:
    """True for a passive verb: "was reported", "troops deployed to ...", "and exalted"."""
    if not PASSIVE_MARKS.isdisjoint(labels(verb)):
        return True
    if headline_passive(verb) or verb.lower_ == "born":  # "Born in Vienna in 1919, X ..."
        return True
    if verb.tag not in VBN:
        return False
    if verb.dep_ == "acl":
        return True
    if verb.dep_ == "advcl":  # "Backed by Iran, the rebels seized ..."
        return any(c.lower_ == "by" and c.i == verb.i + 1 for c in kids(verb))
    if verb.dep_ != "conj":
        return False
    head = verb.head
    if is_verbal(head) and head.i != verb.i:
        own_aux = not AUX_LABELS.isdisjoint(labels(verb))
        return not own_aux and is_passive(head)
    return False


def headline_passive(verb: Token) -> bool:
    """ "Senator Leila de Lima arrested in the Philippines": a headline drops the "was" of a
    passive, so a verb that needs an object ("arrested", "jailed", "expelled") without one,
    without an auxiliary and in a sentence with no final stop, says what its subject
    underwent."""
    if verb.dep_ != "ROOT" or verb.lower_ not in HEADLINE_PASSIVES:
        return False
    children = labels(verb)
    if "nsubj" not in children or not NOT_HEADLINE_PASSIVE.isdisjoint(children):
        return False
    return verb.sent[-1].lower_ not in SENTENCE_ENDS


HEADLINE_PASSIVES = frozenset(reltypes.UNDERGONE.values()) | frozenset(
    words(
        """
        jailed sentenced charged indicted injured wounded kidnapped abducted banned fined
        questioned hospitalised hospitalized stabbed shot attacked beaten sued summoned
        barred suspended sacked freed
        """
    )
)
"""Participles a headline uses without "was": verbs that take an object, so that without
one the subject is what they happened to."""
NOT_HEADLINE_PASSIVE = frozenset({"dobj", "aux", "auxpass", "ccomp", "xcomp", "dative", "attr"})
SENTENCE_ENDS = frozenset({".", "!", "?", "...", "…", '"', "”", "'", "’"})


def is_expletive(tok: Token) -> bool:
    """Expletive subjects ("There are ...") carry no argument."""
    return tok.dep_ == "expl" or tok.lower in THERE


def headline_infinitive(verb: Token) -> bool:
    """ "Xi to meet Trump", "Gabriel in Moscow to meet Putin": a headline whose only verb is
    a "to" infinitive under a name reads as a future fact (like "will meet")."""
    head = verb.head
    return (
        verb.dep_ in ("relcl", "acl", "advcl")
        and head.dep_ == "ROOT"
        and (head.ent_type_ in ACTOR_LABELS or head.pos == PROPN)
        and bool(to_markers(verb))
    )


def accusative_subject(gerund: Token) -> Token | None:
    """ "supported the UK remaining in the EU", "saw Russia attacking Ukraine": the object
    right before an -ing clause of a verb of perceiving or favouring is that clause's
    subject (and the verb's object is the whole clause); not "left the room smiling"."""
    if gerund.tag not in VBG or not SUBJECTS.isdisjoint(labels(gerund)):
        return None
    verb = gerund.head
    obj = first_child(verb, DIRECT_OBJECTS)
    if obj is None or obj.right_edge.i + 1 != gerund.i:
        return None
    return obj if inflection_of(verb.lower_, ACCUSATIVE_GERUND_VERBS) else None


def favoured(gerund: Token, lemma: Lemmatizer) -> str | None:
    """The modality of such an -ing clause under a verb of favouring or opposing, whose
    content is wished, not stated: "opposed Britain leaving the EU" ("oppose")."""
    clause = gerund.dep_ == "ccomp" and gerund.tag in VBG  # the parser's other reading
    if not clause and accusative_subject(gerund) is None:
        return None
    word = lemma(gerund.head)
    return word if word in FAVOURING_VERBS else None


FAVOURING_VERBS = frozenset(words("support oppose favour favor back welcome resist"))
ACCUSATIVE_GERUND_VERBS = frozenset(
    words(
        """
        see watch hear notice find catch spot imagine remember recall support oppose
        favour favor back welcome resist envisage
        """
    )
)
VBG = ids(["VBG"])


def _nonfinite_adjunct(verb: Token) -> bool:
    """ "..., citing KCNA" / "... to study management": adjuncts without a subject."""
    if to_markers(verb):
        return True
    return verb.tag in PARTICIPLE_TAG_IDS and "mark" not in labels(verb)


def in_order_to(verb: Token) -> bool:
    """The fixed expression "in order to V": V is the purpose of the governing verb."""
    head = verb.head
    return (
        bool(to_markers(verb))
        and head.lower_ == "order"
        and head.dep_ == "pobj"
        and head.head.lower_ == "in"
        and is_verbal(head.head.head)
    )
