"""Negation and modality of a predicate.

"did not meet" is a negated MEET; "may deploy" a DEPLOY with modality "may".  The graph keeps
such relations but flags them, so that a query for facts can leave out what did not happen
or only might.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.strings import get_string_id
from spacy.symbols import ADJ, AUX, NOUN, VERB
from spacy.tokens import Token

from kgraph.extract.deps import AUXILIARIES, TO, is_verbal
from kgraph.extract.lexicon import ids, inflection_of, words
from kgraph.extract.tree import labels, lefts
from kgraph.nlp import Lemmatizer
from kgraph.schema import ASSERTING_MODALITIES

MODAL_FORMS = {"'ll": "will", "wo": "will", "ca": "can", "'d": "would", "sha": "shall"}
PAST, MODAL = get_string_id("VBD"), get_string_id("MD")
"""The tag ids of the past tense and modal auxiliaries."""


def negated(verb: Token) -> bool:
    """True when the predicate headed by ``verb`` is negated ("did not meet", "never met").

    >>> # "Putin did not meet Kim" -> negated
    """
    if "neg" in labels(verb):
        return True
    if verb.dep_ != "pcomp":
        return False
    prep = verb.head  # "without naming China", "was barred from visiting Hong Kong"
    return prep.lower_ == "without" or (
        prep.lower_ == "from" and inflection_of(prep.head.lower_, PREVENTING_VERBS)
    )


PREVENTING_VERBS = frozenset(
    words("bar ban prevent stop block prohibit forbid keep refrain restrain deter exclude")
)
"""Verbs whose "from" + -ing says what did not happen ("barred X from visiting Y")."""


def modal(verb: Token) -> str | None:
    """The modal auxiliary of ``verb`` ("may deploy" -> "may"), normalised, or None.  A
    past tense takes none: in '..." May told MPs' the parser took a name for one."""
    if verb.tag == PAST:
        return None
    for child in labels(verb).get("aux", ()):
        if child.tag == MODAL:
            text = child.lower_
            return MODAL_FORMS.get(text, text)
    return None


def hedging_first(aux: str | None, controller: str) -> str:
    """The modality of a controlled verb under an auxiliary: a stating one ("will",
    "would") leaves the controller's ("would be welcome to meet": welcome), any other
    hedges the whole ("may agree to send": may)."""
    return controller if aux is None or aux in ASSERTING_MODALITIES else aux


def predicate_aux(verb: Token) -> list[Token]:
    """Auxiliaries and negation that belong to the surface predicate ("has not been")."""
    return [c for c in lefts(verb) if c.dep_ in AUXILIARIES and c.tag not in TO]


NEGATIVE_DETERMINERS = frozenset({"no"})
NEGATIVE_DETERMINER_IDS = ids(NEGATIVE_DETERMINERS)
ALLEGING_VERBS = frozenset(words("accuse suspect charge blame allege indict criticise criticize"))
"""Verbs whose "of"/"for" + -ing complement is an allegation, not a fact."""


def denied_object(obj: Token) -> bool:
    """ "pay no more tax", "has no troops there": the determiner "no" negates the clause."""
    return any(c.dep_ == "det" and c.lower in NEGATIVE_DETERMINER_IDS for c in lefts(obj))


def alleged(verb: Token, lemma: Lemmatizer) -> str | None:
    """ "accused of killing protesters": the killing is alleged (modality "alleged"), not
    stated; the accusation itself is the relation of the governing verb."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ not in ("of", "for", "with") or prep.head.i == prep.i:
        return None
    return "alleged" if lemma(prep.head) in ALLEGING_VERBS else None


UNASSERTING_MARKS = {"whether": "whether", "if": "if", "unless": "if", "for": "unasserted"}
"""Conjunctions that open a clause the sentence does not assert: "whether Putin would
meet Erdogan", "if Russia invades", "the time has come for Britain to leave"."""
DENYING_VERBS = frozenset(words("deny reject dismiss dispute refute doubt"))
ALLEGATION_NOUNS = frozenset(
    words("allegation claim accusation suspicion rumour rumor speculation charge")
)
HEDGING_NOUNS = frozenset(
    words(
        """
        report headline suggestion concern fear worry hope expectation belief possibility
        prospect risk threat danger chance likelihood theory idea notion impression
        assumption prediction perception warning
        """
    )
)
"""Nouns whose "that" clause is reported, feared or hoped, not stated: "headlines that X
was sidelined", "fears that Russia would invade"."""
SCOPES = frozenset({"denied", "unasserted", "alleged", "whether", "if"})
GOVERNING_POS = frozenset({VERB, AUX, ADJ})


WANTING_VERBS = frozenset({"want", "wish", "hope", "prefer", "expect"})
"""Verbs whose clause says what someone wants to happen, not what did ("Republicans want
Flynn to testify", "hopes that Russia will withdraw")."""


def _wanted(verb: Token, governor: Token) -> bool:
    """Whether ``verb`` is the clause a verb of wanting governs, not a speaker's verb the
    parser hung on it ("Moscow expects X ..., Titov told TASS")."""
    toks = verb.doc
    first = verb.left_edge.i
    if verb.dep_ != "ccomp" or first <= governor.i or toks[first - 1].text == ",":
        return False
    return not inflection_of(verb.lower_, SPEAKER_VERBS)


SPEAKER_VERBS = frozenset({"say", "tell", "report", "add", "write", "note"})
"""Verbs of a speaker the parser may hang on a hope ("expects that ..." Titov told TASS)."""


def _form_of(verb: Token, lemmas: frozenset[str]) -> str | None:
    """The verb of ``lemmas`` that ``verb`` is a form of, by its form: the lemmatizer
    reads "hopes" as "hop"."""
    return next((w for w in sorted(lemmas) if inflection_of(verb.lower_, frozenset({w}))), None)


def unasserted(verb: Token, lemma: Lemmatizer) -> str | None:
    """The modality of a clause its sentence reports without asserting it: "Lavrov denied
    that Russia attacked" ("denied"), "does not mean that the group had links"
    ("unasserted"), "no evidence that Moscow hacked" ("unasserted"), "allegations that X
    paid Y" ("alleged"), "whether Putin would meet Erdogan" ("whether"), "if Russia
    invades" ("if"), and what follows from that: "the US will respond if Russia
    invades" ("if").  A controlled verb is in the clause of its controller ("fears that
    Trump would seek to withdraw ...")."""
    while verb.dep_ == "xcomp" and verb.head.i != verb.i:
        verb = verb.head
    if _conditional(verb):
        return "if"
    marks = labels(verb).get("mark", ())
    if verb.dep_ not in ("ccomp", "acl", "advcl") and not _content_clause(verb, marks):
        return None
    for mark in marks:
        if mark.lower_ in UNASSERTING_MARKS:
            return UNASSERTING_MARKS[mark.lower_]
    governor = verb.head
    if verb.dep_ == "advcl" or governor.i == verb.i:
        return None
    if governor.pos in GOVERNING_POS:
        word = lemma(governor)
        if word in DENYING_VERBS:
            return "denied"
        if negated(governor):
            return "unasserted"
        wanting = _form_of(governor, WANTING_VERBS) if _wanted(verb, governor) else None
        return wanting  # "want Flynn to testify" (parsed as a clause), "hope that X wins"
    if governor.pos == NOUN:
        if denied_object(governor):
            return "unasserted"
        word = lemma(governor)
        if word in ALLEGATION_NOUNS:
            return "alleged"
        content = verb.dep_ != "ccomp"  # not "..., RTE reports" misread as a noun
        return "unasserted" if content and word in HEDGING_NOUNS else None
    return None


def inherited(noun: Token, pred: list[Token], lemma: Lemmatizer) -> str | None:
    """The scope an event noun takes from the clause it is part of: "suspected of providing
    favours to Park" ("alleged"), "denied any tension with Kushner" ("denied"), "if Russia
    holds talks with ..." ("if").  A plain modal stays with its own verb: "may cancel
    Tillerson's visit" does not make the visit a possibility, and a verb in the relation's
    own predicate ("denied talks with" -> DENY_TALK_WITH) is no scope of it."""
    tok = child = noun
    while not is_verbal(tok):
        if tok.head.i == tok.i:
            return None
        child, tok = tok, tok.head
    if any(t.i == tok.i for t in pred):
        return None
    if child.dep_ == "dobj" and lemma(tok) in DENYING_VERBS:
        return "denied"
    called_off = _form_of(tok, CANCELLING_VERBS) if child.dep_ in UNDERGOING_DEPS else None
    if called_off is not None:  # "Tillerson's trip to Moscow was postponed": not (yet) made
        return called_off
    scope = unasserted(tok, lemma) or alleged(tok, lemma)
    return scope if scope in SCOPES else None


CANCELLING_VERBS = frozenset(words("cancel postpone delay scrap shelve abandon suspend"))
"""Verbs that say the event noun they take did not happen (yet)."""
UNDERGOING_DEPS = frozenset({"dobj", "nsubjpass"})


def _content_clause(verb: Token, marks: Sequence[Token]) -> bool:
    """ "headlines that Tillerson was sidelined", "the time has come for Britain to leave": a
    clause the parser hung on a noun as a relative clause, but whose "that" or "for" is a
    complementiser, not a relative pronoun."""
    return verb.dep_ == "relcl" and any(m.lower in CONTENT_MARK_IDS for m in marks)


CONTENT_MARK_IDS = ids(["that", "for"])


def _conditional(verb: Token) -> bool:
    """Whether a condition ("if ...", "unless ...") hangs on the clause of ``verb``; not
    a concession ("even if talks fail, Merkel will meet Macron")."""
    for clause in labels(verb).get("advcl", ()):
        for mark in labels(clause).get("mark", ()):
            if UNASSERTING_MARKS.get(mark.lower_) == "if" and not any(
                c.lower_ == "even" for c in labels(clause).get("advmod", ())
            ):
                return True
    return False
