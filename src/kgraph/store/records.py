"""Fixed-key maps for the embedded store's graph: the properties of its claims, entities,
mentions and facts, and the attributes (labels or type, and properties) of every node
and edge.

Slots take a fraction of a dict's memory, and a store holds a claim per relation mention
and as many entities, mentions and facts.  A record behaves as the dict it replaces: keys
in a fixed order, and a property that is null is absent, as in Neo4j.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from typing import Any, ClassVar

from kgraph.schema import (
    ARTICLE,
    CLAIM,
    CLAIM_PROPS,
    ENTITY,
    ENTITY_PROPS,
    FACT_PROPS,
    MENTION_PROPS,
)

_NOTHING: Mapping[str, Any] = {}


class Record(MutableMapping[str, Any]):
    """A mapping over a fixed set of keys (a subclass's ``__slots__``)."""

    __slots__ = ()
    keys_in_order: ClassVar[tuple[str, ...]] = ()
    _known: ClassVar[frozenset[str]] = frozenset()

    def __init_subclass__(cls) -> None:
        cls._known = frozenset(cls.keys_in_order)

    def __init__(self, props: Mapping[str, Any] = _NOTHING) -> None:
        """``props`` may be left out (networkx makes node and edge data so, then fills it)."""
        for key in self.keys_in_order:
            object.__setattr__(self, key, props.get(key))

    @classmethod
    def of(cls, props: dict[str, Any]) -> Mapping[str, Any]:
        """``props`` as a record, or unchanged if it has a key records do not hold."""
        if props.keys() <= cls._known:
            return cls(props)
        return props

    def get(self, key: str, default: Any = None) -> Any:
        value = getattr(self, key, None) if key in self._known else None
        return default if value is None else value

    def __getitem__(self, key: str) -> Any:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __setitem__(self, key: str, value: Any) -> None:
        if key not in self._known:
            raise KeyError(f"{type(self).__name__} has no property {key!r}")
        object.__setattr__(self, key, value)

    def __delitem__(self, key: str) -> None:
        self[key]
        object.__setattr__(self, key, None)

    def __iter__(self) -> Iterator[str]:
        return (k for k in self.keys_in_order if getattr(self, k) is not None)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict(self)!r})"


class PropsRecord(Record):
    """The properties of a node or edge.  A list is held as a tuple (the empty one is
    shared; most entities have no titles, most mentions no titles, many claims no
    context) and read back as a new list; strings of :attr:`shared` keys are interned,
    as many claims and mentions repeat the same keys, refs and predicates."""

    __slots__ = ()
    shared: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, props: Mapping[str, Any]) -> None:
        shared = self.shared
        for key in self.keys_in_order:
            value = props.get(key)
            if value is not None and (key in shared or type(value) in _SEQUENCES):
                value = _stored(value, key in shared)
            object.__setattr__(self, key, value)

    def get(self, key: str, default: Any = None) -> Any:
        value = super().get(key, default)
        return list(value) if type(value) is tuple else value

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, None if value is None else _stored(value, key in self.shared))


_SEQUENCES = (list, tuple)


def _stored(value: Any, shared: bool) -> Any:
    """A property value as a record holds it: lists as tuples, shared strings interned."""
    if type(value) is str:
        return sys.intern(value) if shared else value
    if isinstance(value, list | tuple):
        if shared:
            return tuple(sys.intern(v) if type(v) is str else v for v in value)
        return tuple(value)
    return value


class ClaimRecord(PropsRecord):
    __slots__ = CLAIM_PROPS
    keys_in_order = CLAIM_PROPS
    shared = frozenset(
        (
            "subject_key",
            "relation",
            "object_key",
            "subject_ref",
            "object_ref",
            "predicate",
            "modality",
            "attribution",
            "extractor",
        )
    )


class EntityRecord(PropsRecord):
    __slots__ = ENTITY_PROPS
    keys_in_order = ENTITY_PROPS


class FactRecord(PropsRecord):
    """The properties of a fact edge between two entities."""

    __slots__ = FACT_PROPS
    keys_in_order = FACT_PROPS


class MentionRecord(PropsRecord):
    """The properties of an article's MENTIONS edge to an entity."""

    __slots__ = MENTION_PROPS
    keys_in_order = MENTION_PROPS
    shared = frozenset(("ref", "names", "titles"))


class NodeData(Record):
    """A node's attributes in the store's graph: its labels and its properties."""

    __slots__ = ("labels", "props")
    keys_in_order = ("labels", "props")


class EdgeData(Record):
    """An edge's attributes in the store's graph: its type and its properties."""

    __slots__ = ("props", "type")
    keys_in_order = ("type", "props")


ARTICLE_LABELS: tuple[str, ...] = (ARTICLE,)
CLAIM_LABELS: tuple[str, ...] = (CLAIM,)
_labels: dict[tuple[str, ...], tuple[str, ...]] = {}


def shared_labels(labels: Iterable[str]) -> tuple[str, ...]:
    """``labels`` as a tuple shared by every node with the same labels."""
    found = tuple(labels)
    return _labels.setdefault(found, found)


def entity_labels(entity_type: str) -> tuple[str, ...]:
    return shared_labels(sorted((ENTITY, entity_type)))


def as_dict(value: Any) -> dict[str, Any]:
    """A record as a plain dict, for serialisers (orjson's ``default``): its values as
    held, lists as tuples (which serialise alike)."""
    if isinstance(value, Record):
        return {k: v for k in value.keys_in_order if (v := getattr(value, k)) is not None}
    raise TypeError(f"cannot serialise {type(value).__name__}")
