"""Graded confidence: how likely a relation is a correct reading of its sentence.

A logistic score over signals of parse reliability, each a small additive step:

* the construction: a verb's own clause is the most reliable; appositions, possessives and
  titles depend on the parser's attachment and punctuation and are often wrong;
* where the clause sits: main clauses and coordinated verbs beat participial and reduced
  relative clauses ("..., citing X"; "a plane carrying ..."), whose subject is inferred;
* sentence length: long sentences are parsed worse;
* attribution: content under a reporting verb is reported, not asserted, and its clause
  boundaries are harder to get right;
* arguments: pronouns need resolving, a prepositional object ("met with Xi") is a reliable
  pattern, further context arguments show a complete frame.

The weights were set against CaRB dev precision on even-numbered sentences and checked on
the odd ones (the signals and their signs agree on both halves); they order relations
without changing which ones are produced.
"""

from __future__ import annotations

import math
from functools import lru_cache

from kgraph.extract.frame import Frame
from kgraph.models import Argument

BIAS = 1.35
KIND = {
    "copula": -0.05,
    "appos": -0.75,
    "inclusion": -0.75,
    "nominal": -0.2,
    "title": -0.1,
    "possessive": -0.7,
}
CLAUSE = {
    "conj": 0.1,
    "xcomp": 0.2,
    "relcl": -0.05,
    "ccomp": -0.05,
    "advcl": -0.2,
    "acl": -0.45,
    "pcomp": -0.35,
}
OBJECT_KIND = {"word": -0.8, "phrase": -0.1}
PER_TEN_TOKENS = -0.2
ATTRIBUTED = -0.45
PREPOSITIONAL_OBJECT = 0.25
NO_OBJECT = 0.15
PRONOUN_SUBJECT = -0.1
PRONOUN_OBJECT = -0.18
PER_EXTRA = 0.07


def score(frame: Frame, subject: Argument, obj: Argument | None, n_tokens: int) -> float:
    """A confidence in (0, 1) for one rendered relation, rounded to 3 digits.

    >>> # "Putin congratulated Kim." (main clause, short) scores above the subject-inferred
    >>> # "..., citing the state agency KCNA" in a 30-token sentence.
    """
    z = BIAS + KIND.get(frame.kind, 0.0)
    if frame.kind in ("verb", "copula"):
        z += CLAUSE.get(frame.anchor.dep_, 0.0)
    z += PER_TEN_TOKENS * min(n_tokens, 80) / 10
    z += _argument_terms(frame, subject, obj)
    if frame.attribution is not None:
        z += ATTRIBUTED
    z += PER_EXTRA * min(len(frame.extras), 3)
    return _probability(z)


@lru_cache(maxsize=4096)
def _probability(z: float) -> float:
    """The logistic of ``z`` rounded to 3 digits: few distinct sums of the weights occur,
    and ``round`` with digits shows in ``benchmarks/extract_speed.py``."""
    return round(1 / (1 + math.exp(-z)), 3)


def _argument_terms(frame: Frame, subject: Argument, obj: Argument | None) -> float:
    z = PRONOUN_SUBJECT if _pronoun(subject) else 0.0
    if frame.object is None:
        return z + NO_OBJECT
    z += OBJECT_KIND.get(frame.object.kind, 0.0)
    if frame.object.prep is not None:
        z += PREPOSITIONAL_OBJECT
    if obj is not None and _pronoun(obj):
        z += PRONOUN_OBJECT
    return z


def _pronoun(arg: Argument) -> bool:
    return arg.mention is not None and arg.mention.label == "PRON"
