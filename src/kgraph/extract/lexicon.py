"""Closed English word classes the construction rules need.

These are properties of the language (reporting verbs, aspectual verbs, light nouns), not of
any corpus: they say how a construction is to be read, e.g. that the clause under "said" is
reported speech, or that "continued to strengthen" asserts the strengthening.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.strings import get_string_id


def words(text: str) -> list[str]:
    """The whitespace-separated words of ``text`` (keeps long word lists readable)."""
    return text.split()


def ids(strings: Iterable[str]) -> frozenset[int]:
    """The spaCy string ids of ``strings``, to test ``tok.tag``, ``tok.lower`` ... rather than
    ``tok.tag_``, ``tok.lower_`` (which decode a new string on every access).

    >>> from spacy.symbols import VERB
    >>> ids(["VERB"]) == {VERB}
    True
    """
    return frozenset(get_string_id(s) for s in strings)


REPORTING_VERBS = frozenset(
    words(
        """
        say tell state add claim report announce note write explain warn argue insist
        believe think know suggest deny confirm stress emphasize emphasise declare assert
        reply respond predict estimate allege indicate reveal acknowledge admit comment
        remark recall mention observe point complain testify conclude find feel hope fear
        expect agree promise threaten vow pledge reiterate underline maintain contend cite
        quote tweet post disclose announce assure concede
        """
    )
)
"""Verbs whose clausal complement is reported or believed content (attribution)."""

ASPECTUAL_VERBS = frozenset(
    words(
        """
        begin start continue keep resume proceed go stop cease finish manage get
        """
    )
)
"""Controllers of "to"/-ing complements that assert the complement ("continued to strengthen")."""

NEGATING_VERBS = frozenset(["fail", "refuse", "decline", "neglect"])
"""Controllers that deny their complement ("failed to reach" -> REACH, negated)."""


TEMPORAL_LABELS = frozenset({"DATE", "TIME"})
NUMERIC_LABELS = frozenset({"CARDINAL", "ORDINAL", "PERCENT", "QUANTITY", "MONEY"})

ATTRIBUTION_PREPS = frozenset({"according"})
"""Prepositions that introduce a source ("according to X")."""
PLACE_LABELS = frozenset({"GPE", "LOC"})
BODY_LABELS = frozenset({"ORG", "GPE", "NORP"})
"""Names of organisations and countries (a country's adjective too): who employs, speaks as
a body or acts through a modifier ("US support")."""
ACTOR_LABELS = BODY_LABELS | {"PERSON"}
"""Names of who can act, speak or be listed: people, organisations and countries."""
NAMED_LABELS = ACTOR_LABELS | {"LOC", "FAC", "EVENT"}
"""Labels of named things (a "Concept" or pronoun mention is none)."""
CIRCUMSTANCE_LABELS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
)
"""Labels of times, numbers and amounts: circumstances of an event, never its agent or
party ("last week's visit", "2017's talks")."""

OBJECT_CONTROL_VERBS = frozenset(
    words(
        """
        ask tell persuade urge order force allow permit invite encourage require enable
        expect want need help cause lead instruct advise warn remind compel oblige teach
        authorize authorise convince inspire prompt push press pressure call get make let
        appoint elect name choose select train forbid prohibit beg implore
        nominate pick tap hire recruit assign designate send dispatch deploy task
        commission empower entrust challenge dare
        """
    )
)
"""Verbs whose object is the subject of their "to" complement ("urged Kim to send")."""

IRREGULAR_PAST = {
    "told": "tell",
    "led": "lead",
    "made": "make",
    "got": "get",
    "gotten": "get",
    "taught": "teach",
    "forbade": "forbid",
    "forbidden": "forbid",
    "chose": "choose",
    "chosen": "choose",
    "let": "let",
}


def inflection_of(word: str, lemmas: frozenset[str]) -> bool:
    """True when ``word`` is a form of a verb in ``lemmas`` ("urged" -> urge).

    Used where no lemmatizer is at hand; covers regular inflection and a few irregulars.

    >>> inflection_of("persuaded", OBJECT_CONTROL_VERBS)
    True
    """
    word = word.lower()
    if word in lemmas or IRREGULAR_PAST.get(word) in lemmas:
        return True
    stems = {word[:-1], word[:-2], word[:-3], word[:-3] + "e", word[:-4], word[:-2] + "e"}
    if word.endswith("ied"):
        stems.add(word[:-3] + "y")
    return any(stem in lemmas for stem in stems if stem)


OPEN_QUOTES = frozenset({"``", '"', "“", "‘", "'", "`", "«"})
CLOSE_QUOTES = frozenset({"''", '"', "”", "’", "'", "»"})
"""Quotation marks as tokens (PTB-style ``` `` ``` and ``''`` too); straight ones do both."""


REPORTING_ADJECTIVES = frozenset(
    words(
        """
        convinced sure certain confident aware clear hopeful afraid worried concerned
        """
    )
)
"""Adjectives whose clause is the holder's belief ("I am convinced that ...")."""

NEGATING_ADJECTIVES = frozenset({"unable", "unwilling", "reluctant"})
"""Adjectives that deny their "to" complement ("was unable to reach" -> REACH, negated)."""
ASSERTING_ADJECTIVES = frozenset({"quick", "swift", "fast", "prompt"})
"""Adjectives that say how their "to" complement happened ("was quick to congratulate"
-> CONGRATULATE, no modality)."""
