"""A faster matcher for spaCy's ``attribute_ruler``: the same matches, found by lookup.

The English pipelines' attribute ruler (tag -> POS and morphology, plus a few lemma and
POS exceptions) runs a general ``Matcher`` over every token, a measurable share of the
parse workers' time (``benchmarks/ingest.py --sizes 300 --skip-neo4j`` with and without
:func:`speed_up`; figures in benchmarks/HISTORY.md).  Its patterns are all short
sequences of per-token conditions on TAG, LOWER, DEP and IS_SPACE, so each token's
candidate patterns can be looked up by its own values instead, then checked in full.
:func:`speed_up` swaps the ruler's ``match`` for this one only when every pattern is of
that form; the ruler still applies the matches itself, so the annotations are the same
as spaCy's.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore
from spacy.tokens import Doc

log = logging.getLogger(__name__)

ATTRS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
COLUMNS = {name: i for i, name in enumerate(ATTRS)}
ANCHORS = ("LOWER", "TAG", "DEP", "IS_SPACE")
"""Attributes a pattern's first token may be looked up by, in order of preference."""

Match = tuple[int, int, int, int]
"""(attribute-rule id, match id, start, end): what ``AttributeRuler.match`` returns."""
Check = Callable[[list[int], Callable[[int], str]], bool]


class Unsupported(ValueError):
    """A pattern this matcher cannot reproduce exactly."""


def _value_ids(strings: StringStore, attr: str, value: Any) -> frozenset[int]:
    if attr == "IS_SPACE":
        if not isinstance(value, bool):
            raise Unsupported(f"IS_SPACE {value!r}")
        return frozenset({int(value)})
    if isinstance(value, str):
        return frozenset({strings.add(value)})
    if isinstance(value, dict) and len(value) == 1 and value.keys() <= {"IN", "NOT_IN"}:
        (values,) = value.values()
        if all(isinstance(v, str) for v in values):
            return frozenset(strings.add(v) for v in values)
    raise Unsupported(f"{attr} {value!r}")


def _token_check(strings: StringStore, spec: Mapping[str, Any]) -> Check:
    """A test of one token's values (a row of the TAG, LOWER, DEP, IS_SPACE array)."""
    allowed: list[tuple[int, frozenset[int]]] = []
    excluded: list[tuple[int, frozenset[int]]] = []
    regexes: list[re.Pattern[str]] = []
    for attr, value in spec.items():
        if attr not in ATTRS:
            raise Unsupported(f"attribute {attr}")
        if attr == "LOWER" and isinstance(value, dict) and value.keys() == {"REGEX"}:
            regexes.append(re.compile(value["REGEX"]))
        elif isinstance(value, dict) and "NOT_IN" in value:
            excluded.append((COLUMNS[attr], _value_ids(strings, attr, value)))
        else:
            allowed.append((COLUMNS[attr], _value_ids(strings, attr, value)))

    def check(row: list[int], lower_text: Callable[[int], str]) -> bool:
        if not all(row[col] in ids for col, ids in allowed):
            return False
        if any(row[col] in ids for col, ids in excluded):
            return False
        return all(r.search(lower_text(row[COLUMNS["LOWER"]])) for r in regexes)

    return check


@dataclass(frozen=True)
class _Pattern:
    rule: int
    match_id: int
    checks: tuple[Check, ...]


class _Index:
    """Patterns by a value of their first token, so a token only meets its candidates."""

    def __init__(self, strings: StringStore) -> None:
        self._strings = strings
        self._by_value: dict[tuple[int, int], list[_Pattern]] = {}
        self._always: list[_Pattern] = []

    def add(self, pattern: _Pattern, first: Mapping[str, Any]) -> None:
        for attr in ANCHORS:
            value = first.get(attr)
            if value is None or (isinstance(value, dict) and value.keys() & {"REGEX", "NOT_IN"}):
                continue
            for value_id in _value_ids(self._strings, attr, value):
                self._by_value.setdefault((COLUMNS[attr], value_id), []).append(pattern)
            return
        self._always.append(pattern)

    def candidates(self, row: list[int]) -> list[_Pattern]:
        found = [p for col, v in enumerate(row) for p in self._by_value.get((col, v), ())]
        return found + self._always if self._always else found


_Hits = tuple[list[tuple[int, int]], list[_Pattern]]


class FastMatcher:
    """The matches of an attribute ruler's patterns, as ``AttributeRuler.match`` gives.

    Single-token patterns depend only on a token's four values, so their matches are
    remembered per combination of values (a bounded cache): most tokens are common words
    with common tags.  The few longer patterns are looked up from their first token."""

    CACHE_SIZE = 50_000

    def __init__(self, ruler: AttributeRuler) -> None:
        strings = ruler.vocab.strings
        self._text = strings.__getitem__
        self._single = _Index(strings)
        self._longer = _Index(strings)
        self._cache: dict[tuple[int, ...], _Hits] = {}
        entries = cast(list[dict[str, Any]], ruler.patterns)  # rule i is matcher key "i"
        for rule, entry in enumerate(entries):
            match_id = strings.add(str(rule))
            for tokens in entry["patterns"]:
                if not tokens:
                    raise Unsupported("an empty pattern")
                checks = tuple(_token_check(strings, t) for t in tokens)
                index = self._single if len(tokens) == 1 else self._longer
                index.add(_Pattern(rule, match_id, checks), tokens[0])

    def _first_tokens(self, row: list[int]) -> _Hits:
        """The single-token matches at a token with these values, and the longer
        patterns whose first token it matches."""
        key = tuple(row)
        hit = self._cache.get(key)
        if hit is None:
            text = self._text
            singles = {
                (p.rule, p.match_id) for p in self._single.candidates(row) if p.checks[0](row, text)
            }
            longer = [p for p in self._longer.candidates(row) if p.checks[0](row, text)]
            hit = (sorted(singles), longer)
            if len(self._cache) >= self.CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = hit
        return hit

    def __call__(self, doc: Doc) -> list[Match]:
        rows: list[list[int]] = doc.to_array(list(ATTRS.values())).tolist()
        text = self._text
        found: list[Match] = []
        for start, row in enumerate(rows):
            singles, longer = self._first_tokens(row)
            for rule, match_id in singles:
                found.append((rule, match_id, start, start + 1))
            for pattern in longer:
                end = start + len(pattern.checks)
                if end <= len(rows) and all(
                    check(rows[start + j], text) for j, check in enumerate(pattern.checks[1:], 1)
                ):
                    found.append((pattern.rule, pattern.match_id, start, end))
        return sorted(set(found))


def speed_up(nlp: Language) -> bool:
    """Give the pipeline's attribute ruler the fast matcher, if it can reproduce every
    pattern exactly; returns whether it did."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    if not isinstance(ruler, AttributeRuler):
        return False
    try:
        matcher = FastMatcher(ruler)
    except Unsupported as exc:
        log.debug("attribute ruler left as it is: %s", exc)
        return False
    ruler.match = matcher  # type: ignore[method-assign]
    return True
