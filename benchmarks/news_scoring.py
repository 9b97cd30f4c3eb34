"""Scoring graph rows against the news-dev annotations, broken down by construction.

``news_dev.py score`` (in ``../shared/data/news-dev``) gives the official totals.  This
module applies the same matching rules inside the project so that the benchmark can also
say *which* constructions are found or missed (per note tag), list every missed fact and
every wrong row, and name the entities split into several nodes.  The totals it computes
are printed beside the official ones, so a drift between the two shows at once.

The rules (from the scorer):

- Names are normalised: lower case, hyphens as spaces, curly apostrophe straightened, a
  trailing "'s" and a leading "the"/"mr"/"mrs"/"ms" dropped, spaces collapsed, dots
  stripped at the ends.
- A row ``{s, p, o}`` matches a fact when the first word of the relation type
  (``HOLD_TALKS_WITH`` -> ``hold``) is the first word of the fact's predicate or of one of
  its alternatives, and the row's subject and object are among the fact's subject and
  object names (either way round when the fact's note says "symmetric").
- Recall: the share of non-negated facts matched by some row.
- Precision: among rows whose both ends are annotated names ("judged"), the share that
  match a fact.  A judged row that matches no fact but whose two names both occur
  somewhere in an excluded candidate (its JSON text, lower-cased: the scorer's lenient
  substring test) is neutral and counts neither way.
- An entity with two or more surface forms is split when more than one of its forms is a
  node name; a form that is another entity's own name in the same article does not count.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

NO_NOTE = "(no note)"
OTHER_NOTE = "(other note)"
NO_GOLD = "(no gold fact in sentence)"

TAGS: tuple[tuple[str, str], ...] = (
    ("symmetric", "symmetric relation"),
    ("nominal event", "nominal event"),
    ("light verb", "light verb"),
    ("entity only as modifier", "entity only as modifier"),
    ("entities only as modifiers", "entity only as modifier"),
    ("passive", "passive"),
    ("future (will)", "future (will)"),
    ("future (won't)", "future (won't)"),
    ("future (temporal clause)", "future (temporal clause)"),
    ("future (would", "reported future (would)"),
    ("headline future", "headline future (to-infinitive)"),
    ("negated", "negated"),
    ("participle", "participle"),
    ("gerund", "gerund"),
    ("presupposed in reported speech", "presupposed in reported speech"),
    ("coordinated", "coordination"),
    ("teaser paragraph", "text furniture"),
    ("photo caption", "text furniture"),
    ("quoted tweet", "text furniture"),
    ("embedded tweet", "text furniture"),
    ("link headline", "text furniture"),
)
"""Note parts (by how they begin) -> the tag they are counted under.  A note is a
"; "-separated list of parts; parts that begin with none of these (descriptions of the
argument, capitals for governments...) give no tag of their own."""

_LEADING_TITLE = re.compile(r"^(the|mr|mrs|ms)\s+")
_SPACES = re.compile(r"\s+")


def norm(name: str | None) -> str:
    """A name as the scorer compares it.

    >>> norm("The Kremlin's"), norm("Mr  Trump"), norm("Jean-Claude Juncker")
    ('kremlin', 'trump', 'jean claude juncker')
    """
    text = (name or "").lower().replace("-", " ").replace("\u2019", "'")
    text = re.sub(r"'s$", "", text.strip())
    text = _LEADING_TITLE.sub("", text)
    return _SPACES.sub(" ", text).strip(" .")


def head_verb(predicate: str | None) -> str:
    """The first word of a predicate or relation type, as the scorer compares them.

    >>> head_verb("HOLD_TALKS_WITH"), head_verb("hold_talks_with"), head_verb("deploy to")
    ('hold', 'hold', 'deploy')
    """
    return norm(predicate).replace(" ", "_").split("_")[0] if predicate else ""


def note_tags(note: str | None) -> tuple[str, ...]:
    """The tags a fact's note carries, in the order of :data:`TAGS`, without repeats.

    >>> note_tags("nominal event; entity only as modifier (\\"Russian invasion\\")")
    ('nominal event', 'entity only as modifier')
    >>> note_tags(None), note_tags("capital (Moscow) used for the government")
    (('(no note)',), ('(other note)',))
    """
    if not note or not note.strip():
        return (NO_NOTE,)
    parts = [p.strip().lower() for p in note.split(";")]
    found = {tag for part in parts for prefix, tag in TAGS if part.startswith(prefix)}
    ordered = tuple(dict.fromkeys(tag for _, tag in TAGS if tag in found))
    return ordered or (OTHER_NOTE,)


_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def _sentence_key(sentence: str) -> str:
    """Letters and digits only: kgraph's readers repair quotes and dashes and may cut
    sentences differently, so the annotated text is compared without them."""
    return _NOT_ALNUM.sub("", sentence.lower())


@dataclass(frozen=True, slots=True)
class Fact:
    """One annotated fact, with its names already normalised."""

    fact_id: str
    article_id: str
    sentence: str
    subject: str
    predicate: str
    object: str
    subject_names: frozenset[str]
    object_names: frozenset[str]
    verbs: frozenset[str]
    symmetric: bool
    negated: bool
    tags: tuple[str, ...]

    @classmethod
    def of(cls, record: Mapping[str, Any]) -> Fact:
        """A fact from a line of ``facts.jsonl``."""
        note = record.get("note")
        names = {
            side: frozenset(
                {norm(record[side])} | {norm(a) for a in record.get(f"{side}_aliases", [])}
            )
            for side in ("subject", "object")
        }
        predicates = [record["predicate"], *record.get("predicate_alternatives", [])]
        return cls(
            fact_id=str(record["fact_id"]),
            article_id=str(record["article_id"]),
            sentence=record["sentence"],
            subject=record["subject"],
            predicate=record["predicate"],
            object=record["object"],
            subject_names=names["subject"],
            object_names=names["object"],
            verbs=frozenset(head_verb(p) for p in predicates),
            symmetric="symmetric" in (note or ""),
            negated=bool(record.get("negated")),
            tags=note_tags(note),
        )


@dataclass(frozen=True, slots=True)
class Row:
    """One fact edge of the graph, with the evidence behind it (for the error list)."""

    s: str
    p: str
    o: str
    evidence: tuple[tuple[str, str], ...] = ()
    """(news-dev article id, sentence) of each claim behind the edge."""


def matches(fact: Fact, row: Row) -> bool:
    """Whether ``row`` states ``fact`` (see the module docstring)."""
    if head_verb(row.p) not in fact.verbs:
        return False
    s, o = norm(row.s), norm(row.o)
    if s in fact.subject_names and o in fact.object_names:
        return True
    return fact.symmetric and s in fact.object_names and o in fact.subject_names


def same_pair(fact: Fact, row: Row) -> bool:
    """Whether ``row`` links the fact's two entities (either way), whatever its relation:
    a missed fact with such a row was found with the wrong relation type."""
    s, o = norm(row.s), norm(row.o)
    forward = s in fact.subject_names and o in fact.object_names
    return forward or (s in fact.object_names and o in fact.subject_names)


def is_neutral(row: Row, excluded_texts: Sequence[str]) -> bool:
    """The scorer's test for a row that matches an excluded candidate: both normalised
    names occur in the candidate's lower-cased JSON text (a lenient substring test)."""
    s, o = norm(row.s), norm(row.o)
    return any(s in text and o in text for text in excluded_texts)


def excluded_text(record: Mapping[str, Any]) -> str:
    """The text of an excluded candidate that :func:`is_neutral` searches."""
    return json.dumps(record).lower()


@dataclass(slots=True)
class TagFigures:
    """Recall and precision counts of one note tag."""

    facts: int = 0
    found: int = 0
    rows: int = 0
    correct: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.facts if self.facts else 0.0

    @property
    def precision(self) -> float:
        return self.correct / self.rows if self.rows else 0.0


@dataclass(frozen=True, slots=True)
class WrongRow:
    """A judged row that matches no fact and no excluded candidate."""

    row: Row
    tags: tuple[str, ...]
    """Tags of the gold facts annotated in the row's evidence sentences
    (:data:`NO_GOLD` when there are none)."""


@dataclass(frozen=True, slots=True)
class MissedFact:
    """A fact no row matches, with the rows that link its entities by another relation."""

    fact: Fact
    other_relations: tuple[str, ...]


@dataclass(slots=True)
class FactScore:
    """Totals, per-tag figures and the error lists of one set of rows."""

    facts: int
    found: int
    judged: int
    neutral: int
    correct: int
    by_tag: dict[str, TagFigures] = field(default_factory=dict)
    missed: list[MissedFact] = field(default_factory=list)
    wrong: list[WrongRow] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.facts if self.facts else 0.0

    @property
    def precision(self) -> float:
        counted = self.judged - self.neutral
        return self.correct / counted if counted > 0 else 0.0

    @property
    def unannotated_roles(self) -> int:
        """Wrong rows that relate a person to their organisation or country (LEAD,
        WORK_FOR): news-dev annotates no role or title ("not counted: ... titles that
        sit next to the name"), so its scorer counts every such row wrong."""
        return sum(w.row.p in ROLE_TYPES for w in self.wrong)

    @property
    def precision_without_roles(self) -> float:
        counted = self.judged - self.neutral - self.unannotated_roles
        return self.correct / counted if counted > 0 else 0.0


ROLE_TYPES = frozenset({"LEAD", "WORK_FOR"})


def _sentence_tags(facts: Iterable[Fact]) -> dict[tuple[str, str], set[str]]:
    """(article id, sentence) -> tags of the facts annotated in that sentence."""
    tags: dict[tuple[str, str], set[str]] = defaultdict(set)
    for fact in facts:
        tags[(fact.article_id, _sentence_key(fact.sentence))].update(fact.tags)
    return tags


def row_tags(row: Row, by_sentence: Mapping[tuple[str, str], set[str]]) -> tuple[str, ...]:
    """Tags of the gold facts whose sentence overlaps one of the row's evidence sentences
    (either contains the other: spaCy's sentences may be cut differently)."""
    found: set[str] = set()
    for article, sentence in row.evidence:
        key = _sentence_key(sentence)
        for (gold_article, gold_sentence), tags in by_sentence.items():
            if gold_article == article and (gold_sentence in key or key in gold_sentence):
                found |= tags
    return tuple(sorted(found)) or (NO_GOLD,)


def score_facts(
    facts: Sequence[Fact],
    rows: Sequence[Row],
    gold_names: set[str],
    excluded_texts: Sequence[str],
) -> FactScore:
    """Score ``rows`` against the facts (negated facts are left out, as the scorer does)."""
    kept = [f for f in facts if not f.negated]
    by_tag: dict[str, TagFigures] = defaultdict(TagFigures)
    missed: list[MissedFact] = []
    found = 0
    for fact in kept:
        hit = any(matches(fact, row) for row in rows)
        found += hit
        for tag in fact.tags:
            by_tag[tag].facts += 1
            by_tag[tag].found += hit
        if not hit:
            others = sorted({r.p for r in rows if same_pair(fact, r)})
            missed.append(MissedFact(fact, tuple(others)))
    sentence_tags = _sentence_tags(facts)
    judged = [r for r in rows if norm(r.s) in gold_names and norm(r.o) in gold_names]
    correct = neutral = 0
    wrong: list[WrongRow] = []
    for row in judged:
        matched = [f for f in kept if matches(f, row)]
        if not matched and is_neutral(row, excluded_texts):
            neutral += 1
            continue
        correct += bool(matched)
        tags = {t for f in matched for t in f.tags} if matched else set()
        tags = tags or set(row_tags(row, sentence_tags))
        for tag in tags:
            by_tag[tag].rows += 1
            by_tag[tag].correct += bool(matched)
        if not matched:
            wrong.append(WrongRow(row, tuple(sorted(tags))))
    return FactScore(len(kept), found, len(judged), neutral, correct, dict(by_tag), missed, wrong)


# -- entities ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SplitEntity:
    """An annotated entity that appears as several nodes, and the node names it has."""

    canonical: str
    article_id: str | None
    """None for a cross-document entity."""
    node_names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EntityScore:
    """How often one real-world thing is split into several nodes."""

    split: list[SplitEntity]
    total: int
    cross_split: list[SplitEntity]
    cross_total: int
    cross_own_entity: list[SplitEntity]
    """Of ``cross_split``, those whose extra nodes are all names the annotation lists as an
    entity of their own in an article that uses them (a capital standing for its country
    in one sentence and named as the city in another): the rule ``entities_split`` applies
    within an article, which the official cross-document figure does not."""


def _node_names(forms: set[str], nodes_by_norm: Mapping[str, set[str]]) -> tuple[str, ...]:
    return tuple(sorted({n for form in forms for n in nodes_by_norm.get(form, ())}))


def score_entities(
    entities: Sequence[Mapping[str, Any]],
    cross_doc: Sequence[Mapping[str, Any]],
    node_names: Iterable[str],
) -> EntityScore:
    """Entities (per article) and cross-document entities split into several nodes."""
    by_norm: dict[str, set[str]] = defaultdict(set)
    for name in node_names:
        by_norm[norm(name)].add(name)
    own_names = {(str(e["article_id"]), norm(e["canonical"])) for e in entities}
    split: list[SplitEntity] = []
    total = 0
    for entry in entities:
        article, canonical = str(entry["article_id"]), norm(entry["canonical"])
        forms = {norm(m) for m in entry["mentions"]} | {canonical}
        forms = {f for f in forms if f == canonical or (article, f) not in own_names}
        present = forms & by_norm.keys()
        if len(forms) < 2 or not present:
            continue
        total += 1
        if len(present) > 1:
            split.append(SplitEntity(entry["canonical"], article, _node_names(present, by_norm)))
    cross_split: list[SplitEntity] = []
    own_entity: list[SplitEntity] = []
    for entry in cross_doc:
        canonical = norm(entry["canonical"])
        by_article = entry["surface_forms_by_article"].items()
        forms = {norm(f) for _, fs in by_article for f in fs}
        present = (forms | {canonical}) & by_norm.keys()
        if len(present) > 1:
            found = SplitEntity(entry["canonical"], None, _node_names(present, by_norm))
            cross_split.append(found)
            own = {f for a, fs in by_article for f in map(norm, fs) if (str(a), f) in own_names}
            if present - {canonical} <= own:
                own_entity.append(found)
    return EntityScore(split, total, cross_split, len(cross_doc), own_entity)
