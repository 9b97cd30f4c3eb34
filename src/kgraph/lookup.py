"""Finding an entity however the user types it: by key, name or alias, ignoring case,
accents and spacing, the most mentioned first; when nothing matches, the error names up
to five close names.  One rule for ``why``, ``entities show`` and ``view``.

>>> fold("  Recep Tayyip ERDOĞAN ") == fold("recep tayyip erdogan")
True
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

from kgraph.errors import KGraphError

SUGGESTIONS = 5


class Named(Protocol):
    """What a lookup needs of an entity."""

    @property
    def key(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def aliases(self) -> Sequence[str]: ...
    @property
    def mentions(self) -> int: ...


N = TypeVar("N", bound=Named)


class EntityNotFoundError(KGraphError):
    """No entity has the name, key or alias the user gave; the hint suggests names."""

    def __init__(self, name: str, close: Sequence[str] = (), *, empty: bool = False) -> None:
        if empty:
            super().__init__(
                f"no entity is called {name!r}: the graph is empty",
                "ingest articles first: kgraph ingest PATH",
            )
            return
        hint = (
            f"did you mean {', '.join(repr(c) for c in close)}?"
            if close
            else "list the names with: kgraph query 'MATCH (e:Entity) RETURN e.name'"
        )
        super().__init__(f"no entity is called {name!r}", hint)


def fold(text: str) -> str:
    """A name for loose comparison: no case, no accents, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def matches(candidates: Iterable[N], query: str) -> list[N]:
    """The entities ``query`` names: its key, else its name or an alias; the most
    mentioned first, a name before an alias on a tie."""
    wanted = fold(query)
    pool = list(candidates)
    by_key = [n for n in pool if fold(n.key) == wanted]
    if by_key:
        return by_key
    found = [
        (n.mentions, fold(n.name) == wanted, n.name, i)
        for i, n in enumerate(pool)
        if fold(n.name) == wanted or any(fold(a) == wanted for a in n.aliases)
    ]
    return [pool[f[3]] for f in sorted(found, key=lambda f: f[:3], reverse=True)]


def find(candidates: Iterable[N], query: str) -> list[N]:
    """:func:`matches`, or EntityNotFoundError suggesting close names."""
    pool = list(candidates)
    found = matches(pool, query)
    if found:
        return found
    if not pool:
        raise EntityNotFoundError(query, empty=True)
    raise EntityNotFoundError(query, suggestions(pool, fold(query)))


def suggestions(pool: Sequence[Named], wanted: str) -> list[str]:
    """Up to five names close to ``wanted`` (spelled alike, or sharing a word), the most
    mentioned first among those sharing a word."""
    names: dict[str, Named] = {}
    for node in sorted(pool, key=lambda n: -n.mentions):
        names.setdefault(fold(node.name), node)
        for alias in node.aliases:
            names.setdefault(fold(alias), node)
    close = difflib.get_close_matches(wanted, list(names), n=SUGGESTIONS, cutoff=0.6)
    words = set(wanted.split())
    containing = [
        k for k in names if wanted and (wanted in k or words & set(k.split())) and k not in close
    ]
    containing.sort(key=lambda k: -names[k].mentions)
    picked: list[str] = []
    for key in [*close, *containing]:
        if names[key].name not in picked:
            picked.append(names[key].name)
    return picked[:SUGGESTIONS]
