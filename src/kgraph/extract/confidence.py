"""Graded confidence: how likely a relation is a correct reading of its sentence.

Signals (each a small additive step from a base that depends on the construction): named
or nominal arguments beat pronouns; long sentences and far-apart arguments are parsed less
reliably; negation, modality and clausal objects make a relation harder to get exactly
right.  CaRB's AUC rewards ranking correct relations above doubtful ones.
"""

from __future__ import annotations

from kgraph.extract.frame import Frame
from kgraph.models import Argument

BASE = {
    "verb": 0.70,
    "copula": 0.65,
    "appos": 0.60,
    "title": 0.55,
    "nominal": 0.45,
    "possessive": 0.35,
}


def score(frame: Frame, subject: Argument, obj: Argument | None, n_tokens: int) -> float:
    """A confidence in [0.05, 0.95] for one rendered relation.

    >>> # "Putin congratulated Kim." scores above "It was a notable influence on him ..."
    """
    value = BASE.get(frame.kind, 0.5)
    value += _argument_bonus(subject) + (_argument_bonus(obj) if obj else -0.1)
    value -= max(0, n_tokens - 20) * 0.004
    if frame.object is not None and frame.object.kind == "clause":
        value -= 0.1
    if frame.modality:
        value -= 0.03
    if len(frame.extras) > 2:
        value -= 0.03 * (len(frame.extras) - 2)
    return round(min(0.95, max(0.05, value)), 3)


def _argument_bonus(arg: Argument) -> float:
    mention = arg.mention
    if mention is None:
        return -0.05
    if mention.label == "PRON":
        return -0.08
    if mention.label == "NOUN":
        return 0.0
    return 0.05
