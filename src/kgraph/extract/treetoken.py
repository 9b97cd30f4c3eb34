"""The token class of :mod:`.tree`, in a module of its own: it subclasses spaCy's Cython
``Token``, which a module compiled with mypyc cannot do (mypyc would make it a native class
laid out as if its base were ``object`` and drop its ``__slots__``), so this module always
stays interpreted (``[tool.hatch.build.targets.wheel.hooks.mypyc]`` in ``pyproject.toml``).
"""

from __future__ import annotations

from spacy.tokens import Token

Labels = dict[str, list[Token]]
"""A token's children by dependency label."""


class TreeToken(Token):
    """A ``Token`` whose most-read attributes are plain values set once per Doc: ``i``,
    ``doc``, ``pos``, ``dep``, ``dep_``, ``lower`` and ``head``; ``kids`` holds its
    children and ``groups`` the same by label (:func:`.tree.kids`, :func:`.tree.labels`).

    spaCy computes them anew on every read (``pos`` as an enum member, ``dep_`` from the
    string store, ``head`` as a new ``Token``; even ``i`` goes through a descriptor), and
    the rules read them more than any other attribute: read from slots they cost a
    fraction of that, which pays for setting them all in one pass over the Doc (a lookup
    in the tree's tables per question costs more: ``benchmarks/extract_speed.py``).  They
    hold the same values as spaCy's (ids the same integers; ``head`` the tree's own token,
    but a root's head is a plain ``Token`` for itself, as spaCy gives it: a token pointing
    to itself would be a reference cycle keeping the Doc alive until a full collection).
    """

    __slots__ = ("dep", "dep_", "doc", "groups", "head", "i", "kids", "lower", "pos")
    lower: int
    groups: Labels
    kids: list[Token]
