"""The types every step of the pipeline passes on.

readers -> Article; extract -> RelationMention; resolve -> Entity + Claim (an ArticleResult);
graph/store -> property-graph values; query -> QueryResult.  Nothing here imports spaCy,
networkx or the Neo4j driver, so every module can depend on it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, field, fields
from typing import Any, Literal, TypeVar

from kgraph_cypher import result as _query

EntityType = Literal["Person", "Organization", "Place", "Group", "Event"]
ENTITY_TYPES: tuple[EntityType, ...] = (
    "Person",
    "Organization",
    "Place",
    "Group",
    "Event",
)
"""Real-world named things only: generic noun phrases ("people", "the budget") are not
entities; they stay as text on the claims that mention them."""

NO_ENTITY = ""
"""The key of a claim's argument that names no entity (a generic noun phrase, an
unresolved pronoun or description): the claim keeps the argument's surface text."""


_T = TypeVar("_T")


def tuple_state(cls: type[_T]) -> type[_T]:
    """Pickle a dataclass as its class and field values (unpickling calls ``__init__``);
    a frozen one's ``__init__`` sets its slots through their own setters.

    The state functions ``dataclass(frozen=True, slots=True)`` adds look the fields up
    on every call, and its ``__init__`` sets each field through ``object.__setattr__``:
    unpickling worker results (an ingest) and making mentions (``extract_speed.py``) pay.
    """
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]

    def reduce(self: _T) -> tuple[type[_T], tuple[Any, ...]]:
        return cls, tuple([getattr(self, name) for name in names])

    cls.__reduce__ = reduce  # type: ignore[assignment,method-assign]
    if cls.__dataclass_params__.frozen:  # type: ignore[attr-defined]
        cls.__init__ = _slot_init(cls, names)  # type: ignore[method-assign]
    return cls


def _slot_init(cls: type[Any], names: tuple[str, ...]) -> Callable[..., None]:
    """The dataclass's own ``__init__`` (plain defaults only), made from its field names."""
    if hasattr(cls, "__post_init__") or any(f.default_factory is not MISSING for f in fields(cls)):
        raise TypeError(f"{cls.__name__}: tuple_state takes no __post_init__ or default_factory")
    scope = {f"set_{f.name}": cls.__dict__[f.name].__set__ for f in fields(cls)}
    scope |= {f"default_{f.name}": f.default for f in fields(cls) if f.default is not MISSING}
    params = [f"{name}=default_{name}" if f"default_{name}" in scope else name for name in names]
    body = "".join(f"\n    set_{name}(self, {name})" for name in names)
    exec(f"def __init__(self, {', '.join(params)}):{body}", scope)
    return scope["__init__"]  # type: ignore[no-any-return]


@tuple_state
@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from a file, a JSON record, HTML or stdin.

    ``text`` is the body; evidence offsets refer to :attr:`document` (title + body).
    ``origin`` names where it came from (``path`` or ``path:line``) for error messages.
    """

    id: str
    title: str
    text: str
    url: str | None = None
    source: str | None = None
    author: str | None = None
    published: str | None = None
    tags: tuple[str, ...] = ()
    origin: str = ""

    @property
    def document(self) -> str:
        """What is analysed: the title, a blank line, the body.  Offsets refer to this."""
        return f"{self.title}\n\n{self.text}" if self.title else self.text

    @property
    def text_sha256(self) -> str:
        return hashlib.sha256(self.document.encode("utf-8")).hexdigest()


@tuple_state
@dataclass(frozen=True, slots=True)
class EntityMention:
    """A span that names (or points to) an entity: a named entity, a noun phrase or a pronoun.

    ``label`` is the spaCy entity label (PERSON, ORG, GPE, ...), ``"NOUN"`` for a plain
    noun phrase or ``"PRON"`` for a pronoun/determiner that needs resolving.
    """

    text: str
    start: int
    end: int
    label: str
    title: str | None = None


@tuple_state
@dataclass(frozen=True, slots=True)
class Argument:
    """An OpenIE-style argument span; ``mention`` is the entity it refers to, if any.

    ``preposition`` is set for further arguments ("on the New Year holidays" -> "on").
    """

    text: str
    start: int
    end: int
    mention: EntityMention | None = None
    preposition: str | None = None


@tuple_state
@dataclass(frozen=True, slots=True)
class RelationMention:
    """One relation as stated in one sentence, before entity resolution."""

    subject: Argument
    predicate: str
    relation: str
    object: Argument | None
    extras: tuple[Argument, ...] = ()
    sentence: str = ""
    sentence_start: int = 0
    negated: bool = False
    modality: str | None = None
    attribution: str | None = None
    confidence: float = 0.5

    @property
    def sentence_end(self) -> int:
        return self.sentence_start + len(self.sentence)

    def carb_args(self) -> list[str]:
        """Arguments in CaRB order: subject, object, then further arguments."""
        args = [self.subject.text]
        if self.object is not None:
            args.append(self.object.text)
        args.extend(f"{a.preposition} {a.text}" if a.preposition else a.text for a in self.extras)
        return args


@tuple_state
@dataclass(slots=True)
class Entity:
    """A canonical real-world thing. ``key`` is its identity across articles."""

    key: str
    name: str
    type: EntityType
    aliases: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)


@tuple_state
@dataclass(frozen=True, slots=True)
class Claim:
    """One resolved relation mention: the evidence behind an aggregated edge.

    ``subject_ref``/``object_ref`` are the article's own keys for its arguments (before
    linking across articles); ``subject_key``/``object_key`` the canonical entities.  The
    refs are what makes a wrong merge undoable.  One side may be :data:`NO_ENTITY` when
    that argument is a generic noun phrase ("people", "the budget") or a pronoun kgraph
    could not resolve: the claim then links to one entity only, keeps the argument in
    ``subject_text``/``object_text``, and supports no fact edge.  When an argument names
    its actor only through a modifier ("a Russian fighter jet", "the Flybe flight"), the
    key is that actor's (Russia, Flybe) and the text is the whole phrase.
    """

    id: str
    article_id: str
    subject_key: str
    relation: str
    object_key: str
    subject_ref: str
    object_ref: str
    predicate: str
    subject_text: str
    object_text: str
    context: tuple[str, ...]
    sentence: str
    start: int
    end: int
    negated: bool
    modality: str | None
    attribution: str | None
    confidence: float
    extractor: str


@tuple_state
@dataclass(frozen=True, slots=True)
class EntityRef:
    """How often an article mentions one of its entities, by which names and titles.

    ``ref`` is the article's own key for the entity, ``key`` the canonical entity it is
    linked to (the same until linking says otherwise).
    """

    ref: str
    key: str
    count: int
    names: tuple[str, ...]
    titles: tuple[str, ...]


@tuple_state
@dataclass(slots=True)
class ArticleResult:
    """Everything one article contributes to the graph.

    ``entities`` are keyed by canonical key and give the name and type an entity is
    created with; ``refs`` say which of the article's entities link to which key.
    """

    article: Article
    entities: dict[str, Entity]
    refs: list[EntityRef]
    claims: list[Claim]
    extractor: str


@dataclass(frozen=True, slots=True)
class IndexedEntity:
    """An entity as the store knows it."""

    key: str
    name: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    merged: tuple[str, ...] = ()
    distinct_from: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    pinned: tuple[str, ...] = ()
    """Keys a user merged into this entity by hand: linking keeps them here."""
    calls: tuple[tuple[str, int], ...] = ()
    """(name, articles that use it) for its names, when the linker knows (re-linking
    from all the stored evidence does)."""

    @classmethod
    def of(cls, props: Mapping[str, Any]) -> IndexedEntity:
        """The entity whose stored properties (either store's) are ``props``."""
        lists = ("aliases", "merged", "distinct_from", "titles", "pinned")
        return cls(
            props["key"], props["name"], props["type"], *(tuple(props.get(k) or ()) for k in lists)
        )


@dataclass(frozen=True, slots=True)
class StoredRef:
    """What the stored mentions say about one article entity (ref) in entity ``key``:
    the names and titles of every article that mentions it by that ref (a name once per
    article that uses it, so the commonest spelling can win)."""

    ref: str
    key: str
    type: EntityType
    names: tuple[str, ...]
    titles: tuple[str, ...]


# What a query returns, whichever store answered it: the embedded Cypher engine's values.
NodeValue = _query.Node
RelationshipValue = _query.Relationship
PathValue = _query.Path
QueryResult = _query.Result


@dataclass(frozen=True, slots=True)
class Merge:
    """Fold entity ``source`` into ``target`` (created with this name/type if missing)."""

    source: str
    target: Entity
    manual: bool = False


@dataclass(slots=True)
class IngestSummary:
    """What one ``ingest`` did, for the CLI summary and for scripts."""

    articles_read: int = 0
    articles_new: int = 0
    articles_updated: int = 0
    articles_unchanged: int = 0
    articles_skipped: int = 0
    """In another language than the model's (``--lang-check off`` parses them)."""
    articles_failed: int = 0
    entities_new: int = 0
    entities_merged: int = 0
    relations_new: int = 0
    claims_written: int = 0
    entities_total: int = 0
    relations_total: int = 0
    words: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
