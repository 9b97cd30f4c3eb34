"""A CaRB-style scorer for open information extraction, written from the published rules.

CaRB (Bhardwaj et al., 2019) scores n-ary extractions against crowd-sourced gold tuples.
This module re-implements its scoring rules as small pure functions; it shares no code with
the original implementation.  The rules, in order:

1. **Sentences.**  Predictions are grouped by sentence and matched to gold sentences after
   normalisation: PTB bracket tokens (``-LRB-`` ...) become brackets, then all whitespace and
   ASCII punctuation are removed.  Predictions for sentences without gold are ignored (but
   counted, so a caller can report them).
2. **Tuples.**  Every tuple becomes three token slots ``(arg1, predicate, rest)`` where
   ``rest`` joins arguments 2..n with spaces.  Arguments beginning ``"C: "`` are context and
   dropped, in gold and predictions alike.  Tokens are whitespace-split and case-sensitive.
3. **Pairs.**  A (gold, prediction) pair scores 0 when the prediction lacks arg1 or arg2
   or when no predicate token matches.  "Lacks arg1" means the first argument is empty;
   "lacks arg2" means the line has fewer than two argument *fields*.  A second field that
   is present but empty (a trailing tab) or context counts as present: ``gold.tsv`` writes
   its 61 single-argument tuples that way, and the gold must score 1.0 against itself.  Otherwise
   ``matched`` is the multiset token overlap summed over the three slots, and
   ``precision = matched / predicted tokens``, ``recall = matched / gold tokens``.  In the
   predicate slot a predicted ``be`` also matches any form of *be* in the gold predicate.
   When the gold predicate contains one of the tokens said/told/added/adds/says, the
   argument slots are also compared crosswise (prediction arg1 with gold rest and vice
   versa) and the better alignment (more matched tokens) is kept.
4. **Sentences at a threshold.**  Only predictions with ``confidence >= threshold`` count.
   Recall numerator: for each gold tuple its best recall over those predictions.
   Precision numerator: a greedy one-to-one matching -- repeatedly take the unmatched
   (gold, prediction) pair with the highest precision and add that precision; stop when the
   best remaining precision is 0.  Ties go to the lower gold index, then to the prediction
   with the higher confidence (then earlier in the input).
5. **Corpus.**  Numerators and denominators are summed over sentences; ``P = sum prec-num /
   #predictions``, ``R = sum rec-num / #gold`` where #gold counts *all* gold tuples, also of
   sentences without predictions.  Thresholds are the distinct prediction confidences (the
   lowest keeps every prediction).  F1 is the best F1 over thresholds.  AUC is the area under
   the precision-recall curve with the point ``(R=0, P=1)`` added, points sorted by recall
   (ties kept in threshold order, highest threshold first) and integrated with the
   **trapezoid rule** (as ``sklearn.metrics.auc`` does).
"""

from __future__ import annotations

import bisect
import math
import string
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

BE_FORMS: frozenset[str] = frozenset(
    {"be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "'m"}
)
"""Gold predicate tokens that a predicted ``be`` may match."""

REPORTING_VERBS: frozenset[str] = frozenset({"said", "told", "added", "adds", "says"})
"""Gold predicate tokens that allow the arguments to be matched crosswise."""

CONTEXT_PREFIX = "C: "
PTB_BRACKETS: Mapping[str, str] = {
    "-LRB-": "(",
    "-RRB-": ")",
    "-LSB-": "[",
    "-RSB-": "]",
    "-LCB-": "{",
    "-RCB-": "}",
}
_DROP_CHARS = str.maketrans("", "", string.punctuation)


# --------------------------------------------------------------------------- data types


@dataclass(frozen=True)
class Extraction:
    """One tuple, gold or predicted.

    ``args`` are the stripped argument fields without context (``C: ``) arguments; empty
    fields are kept so that ``args[0]`` is always the first argument.  ``n_arg_fields`` is
    the number of argument fields on the input line, context and empty ones included.
    """

    sentence: str
    predicate: str
    args: tuple[str, ...]
    confidence: float = 1.0
    line_no: int = 0
    n_arg_fields: int = -1  # -1: same as len(args)

    @property
    def arity(self) -> int:
        """Number of argument fields present on the input line."""
        return len(self.args) if self.n_arg_fields < 0 else self.n_arg_fields

    @property
    def arg1(self) -> list[str]:
        """Tokens of the first argument (empty if there is none)."""
        return self.args[0].split() if self.args else []

    @property
    def pred_tokens(self) -> list[str]:
        """Tokens of the predicate."""
        return self.predicate.split()

    @property
    def rest(self) -> list[str]:
        """Tokens of arguments 2..n joined with spaces."""
        return " ".join(self.args[1:]).split()

    @property
    def n_tokens(self) -> int:
        """Total tokens over the three slots."""
        return len(self.arg1) + len(self.pred_tokens) + len(self.rest)

    def display(self) -> str:
        """A compact ``(arg1 ; predicate ; rest)`` rendering for error reports."""
        return f"({' '.join(self.arg1)} ; {self.predicate} ; {' '.join(self.rest)})"


@dataclass(frozen=True)
class PairScore:
    """Precision and recall of one prediction against one gold tuple."""

    precision: float
    recall: float


ZERO = PairScore(0.0, 0.0)


@dataclass(frozen=True)
class SentenceScores:
    """Gold tuples, predictions (confidence descending) and their pair-score matrices."""

    key: str
    gold: tuple[Extraction, ...]
    preds: tuple[Extraction, ...]
    precision: tuple[tuple[float, ...], ...]  # [gold][pred]
    recall: tuple[tuple[float, ...], ...]  # [gold][pred]
    greedy_order: tuple[tuple[int, int], ...] = field(repr=False)  # (gold, pred) pairs

    @property
    def neg_confidences(self) -> list[float]:
        """Negated confidences, ascending, for bisection."""
        return [-p.confidence for p in self.preds]


@dataclass(frozen=True)
class CurvePoint:
    """Corpus precision and recall at one confidence threshold."""

    threshold: float
    precision: float
    recall: float
    n_predictions: int

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall (0 when both are 0)."""
        total = self.precision + self.recall
        return 0.0 if total == 0 else 2 * self.precision * self.recall / total


@dataclass(frozen=True)
class CarbResult:
    """The summary CaRB reports for one set of sentences."""

    precision: float
    recall: float
    f1: float
    auc: float
    threshold: float | None
    n_sentences: int
    n_gold: int
    n_predictions: int
    n_sentences_with_predictions: int
    curve: tuple[CurvePoint, ...]


# --------------------------------------------------------------------------- parsing


def normalise_sentence(sentence: str) -> str:
    """Sentence key: PTB brackets mapped back, then whitespace and punctuation removed."""
    for token, bracket in PTB_BRACKETS.items():
        sentence = sentence.replace(token, bracket)
    return "".join(sentence.translate(_DROP_CHARS).split())


def clean_args(fields: Iterable[str]) -> tuple[str, ...]:
    """Strip argument fields and drop context arguments (``C: ...``)."""
    stripped = (f.strip() for f in fields)
    return tuple(a for a in stripped if not a.startswith(CONTEXT_PREFIX))


def parse_gold_line(line: str, line_no: int = 0) -> Extraction:
    """Parse ``sentence<TAB>predicate<TAB>arg1[<TAB>arg2...]``."""
    fields = line.rstrip("\r\n").split("\t")
    if len(fields) < 3:
        raise ValueError(f"gold line {line_no}: expected >= 3 tab-separated fields")
    args = fields[2:]
    return Extraction(fields[0], fields[1].strip(), clean_args(args), 1.0, line_no, len(args))


def parse_prediction_line(line: str, line_no: int = 0) -> Extraction:
    """Parse ``sentence<TAB>confidence<TAB>predicate<TAB>arg1[<TAB>arg2...]``."""
    fields = line.rstrip("\r\n").split("\t")
    if len(fields) < 4:
        raise ValueError(f"prediction line {line_no}: expected >= 4 tab-separated fields")
    confidence = float(fields[1])
    if math.isnan(confidence):
        raise ValueError(f"prediction line {line_no}: confidence is NaN")
    args = fields[3:]
    return Extraction(
        fields[0], fields[2].strip(), clean_args(args), confidence, line_no, len(args)
    )


def parse_predictions(lines: Iterable[str]) -> tuple[list[Extraction], list[int]]:
    """Parse prediction lines, skipping blanks; returns (extractions, malformed line numbers)."""
    parsed: list[Extraction] = []
    malformed: list[int] = []
    for line_no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            parsed.append(parse_prediction_line(line, line_no))
        except ValueError:
            malformed.append(line_no)
    return parsed, malformed


def group_by_sentence(tuples: Iterable[Extraction]) -> dict[str, list[Extraction]]:
    """Group tuples by normalised sentence, keeping input order within a sentence."""
    grouped: dict[str, list[Extraction]] = {}
    for extraction in tuples:
        grouped.setdefault(normalise_sentence(extraction.sentence), []).append(extraction)
    return grouped


def split_known(
    preds: Mapping[str, list[Extraction]], gold: Mapping[str, list[Extraction]]
) -> tuple[dict[str, list[Extraction]], list[Extraction]]:
    """Split grouped predictions into those for gold sentences and the ignored rest."""
    known = {k: v for k, v in preds.items() if k in gold}
    unknown = [p for k, v in preds.items() if k not in gold for p in v]
    return known, unknown


# --------------------------------------------------------------------------- pair scoring


def token_overlap(predicted: Sequence[str], gold: Sequence[str]) -> int:
    """Multiset overlap: how many predicted tokens can be paired with equal gold tokens."""
    return sum((Counter(predicted) & Counter(gold)).values())


def predicate_overlap(predicted: Sequence[str], gold: Sequence[str]) -> int:
    """Token overlap of predicates where a predicted ``be`` also matches any *be* form.

    Exact matches are paired first; predicted ``be`` tokens left over then pair with
    unmatched gold tokens from :data:`BE_FORMS`.
    """
    pred_counts, gold_counts = Counter(predicted), Counter(gold)
    exact = pred_counts & gold_counts
    spare_be = pred_counts["be"] - exact["be"]
    leftover_gold = gold_counts - exact
    spare_gold_be = sum(leftover_gold[form] for form in BE_FORMS)
    return sum(exact.values()) + min(spare_be, spare_gold_be)


def is_reporting_predicate(predicate: Sequence[str]) -> bool:
    """True when the gold predicate contains a reporting verb (said, told, ...)."""
    return any(token in REPORTING_VERBS for token in predicate)


def argument_overlap(gold: Extraction, pred: Extraction) -> int:
    """Matched argument tokens; crosswise alignment also tried for reporting predicates."""
    straight = token_overlap(pred.arg1, gold.arg1) + token_overlap(pred.rest, gold.rest)
    if not is_reporting_predicate(gold.pred_tokens):
        return straight
    swapped = token_overlap(pred.arg1, gold.rest) + token_overlap(pred.rest, gold.arg1)
    return max(straight, swapped)


def score_pair(gold: Extraction, pred: Extraction) -> PairScore:
    """CaRB precision and recall of ``pred`` against ``gold`` (rule 3 of the module doc)."""
    if pred.arity < 2 or not pred.arg1:
        return ZERO
    predicate_matched = predicate_overlap(pred.pred_tokens, gold.pred_tokens)
    if predicate_matched == 0:
        return ZERO
    matched = predicate_matched + argument_overlap(gold, pred)
    return PairScore(matched / pred.n_tokens, matched / gold.n_tokens)


# --------------------------------------------------------------------------- sentences


def build_sentence(
    key: str, gold: Sequence[Extraction], preds: Sequence[Extraction]
) -> SentenceScores:
    """Score every (gold, prediction) pair of one sentence once, for all thresholds."""
    ordered = tuple(sorted(preds, key=lambda p: -p.confidence))  # stable: input order on ties
    scores = [[score_pair(g, p) for p in ordered] for g in gold]
    precision = tuple(tuple(s.precision for s in row) for row in scores)
    recall = tuple(tuple(s.recall for s in row) for row in scores)
    pairs = [(gi, pi) for gi in range(len(gold)) for pi in range(len(ordered))]
    pairs.sort(key=lambda gp: (-precision[gp[0]][gp[1]], gp[0], gp[1]))
    return SentenceScores(key, tuple(gold), ordered, precision, recall, tuple(pairs))


def greedy_precision(sentence: SentenceScores, n_preds: int) -> float:
    """Precision numerator: greedy one-to-one matching over the first ``n_preds`` predictions.

    Walking the pairs by descending precision and taking each pair whose gold and
    prediction are both still free is the same as repeatedly taking the best free pair.
    """
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    total: list[float] = []
    for gi, pi in sentence.greedy_order:
        value = sentence.precision[gi][pi]
        if value <= 0:
            break
        if pi >= n_preds or gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        total.append(value)
    return math.fsum(total)


def recall_numerator(sentence: SentenceScores, n_preds: int) -> float:
    """Recall numerator: each gold tuple's best recall over the first ``n_preds`` predictions."""
    if n_preds == 0:
        return 0.0
    return math.fsum(max(row[:n_preds]) for row in sentence.recall)


def count_at_threshold(sentence: SentenceScores, threshold: float) -> int:
    """How many of the sentence's predictions have ``confidence >= threshold``."""
    return bisect.bisect_right(sentence.neg_confidences, -threshold)


# --------------------------------------------------------------------------- corpus


def precision_recall_curve(sentences: Sequence[SentenceScores], n_gold: int) -> list[CurvePoint]:
    """Corpus P/R at every distinct confidence, highest threshold first (rules 4 and 5).

    Lowering the threshold only adds predictions, so a sentence is re-scored only at the
    thresholds equal to one of its own confidences.
    """
    events: dict[float, set[int]] = {}
    for index, sentence in enumerate(sentences):
        for pred in sentence.preds:
            events.setdefault(pred.confidence, set()).add(index)
    prec_num = [0.0] * len(sentences)
    rec_num = [0.0] * len(sentences)
    counts = [0] * len(sentences)
    curve: list[CurvePoint] = []
    for threshold in sorted(events, reverse=True):
        for index in events[threshold]:
            sentence = sentences[index]
            counts[index] = count_at_threshold(sentence, threshold)
            prec_num[index] = greedy_precision(sentence, counts[index])
            rec_num[index] = recall_numerator(sentence, counts[index])
        n_preds = sum(counts)
        recall = math.fsum(rec_num) / n_gold if n_gold else 0.0
        curve.append(CurvePoint(threshold, math.fsum(prec_num) / n_preds, recall, n_preds))
    return curve


def pr_auc(curve: Sequence[CurvePoint]) -> float:
    """Area under the PR curve: add (R=0, P=1), sort by recall, trapezoid rule.

    ``curve`` is expected highest threshold first.  Recall never drops as the threshold
    is lowered, so sorting by recall is a stable no-op that keeps points of equal recall in
    threshold order: the segment into a recall level ends at the first (highest-threshold,
    usually most precise) point reaching it, and the later points at that recall add no
    area.
    """
    ordered = sorted(curve, key=lambda point: point.recall)  # stable
    points = [(0.0, 1.0), *((p.recall, p.precision) for p in ordered)]
    return math.fsum((r1 - r0) * (p0 + p1) / 2 for (r0, p0), (r1, p1) in pairwise(points))


def best_point(curve: Sequence[CurvePoint]) -> CurvePoint | None:
    """The threshold with the best F1 (the highest such threshold on ties)."""
    best: CurvePoint | None = None
    for point in curve:
        if best is None or point.f1 > best.f1:
            best = point
    return best


def evaluate(
    gold: Mapping[str, Sequence[Extraction]],
    preds: Mapping[str, Sequence[Extraction]],
    keys: Iterable[str] | None = None,
) -> CarbResult:
    """Score grouped predictions against grouped gold, optionally on a subset of sentences.

    Both mappings are keyed by :func:`normalise_sentence`; predictions whose key is not a
    gold sentence (or not in ``keys``) are ignored.
    """
    selected = [k for k in (gold if keys is None else keys) if k in gold]
    sentences = [build_sentence(k, gold[k], preds.get(k, ())) for k in selected]
    n_gold = sum(len(gold[k]) for k in selected)
    curve = precision_recall_curve(sentences, n_gold)
    best = best_point(curve)
    return CarbResult(
        precision=best.precision if best else 0.0,
        recall=best.recall if best else 0.0,
        f1=best.f1 if best else 0.0,
        auc=pr_auc(curve) if curve else 0.0,
        threshold=best.threshold if best else None,
        n_sentences=len(selected),
        n_gold=n_gold,
        n_predictions=sum(len(s.preds) for s in sentences),
        n_sentences_with_predictions=sum(1 for s in sentences if s.preds),
        curve=tuple(curve),
    )


# --------------------------------------------------------------------------- error analysis


@dataclass(frozen=True)
class ErrorItem:
    """A tuple, its best score against the other side and the tuple achieving it (if > 0)."""

    extraction: Extraction
    score: float
    best_match: Extraction | None


def _best_against(row: Sequence[float]) -> tuple[float, int]:
    """Best score in ``row`` and its index (-1 when the row is empty or all zero)."""
    if not row:
        return 0.0, -1
    index = max(range(len(row)), key=row.__getitem__)
    return row[index], index if row[index] > 0 else -1


def worst_gold(
    gold: Mapping[str, Sequence[Extraction]],
    preds: Mapping[str, Sequence[Extraction]],
    n: int | None = None,
) -> list[ErrorItem]:
    """The ``n`` (default: all) gold tuples with the lowest best recall over all predictions."""
    items: list[ErrorItem] = []
    for key, gold_tuples in gold.items():
        sentence = build_sentence(key, gold_tuples, preds.get(key, ()))
        for gi, g in enumerate(sentence.gold):
            score, pi = _best_against(sentence.recall[gi])
            items.append(ErrorItem(g, score, sentence.preds[pi] if pi >= 0 else None))
    items.sort(key=lambda item: (item.score, item.extraction.line_no))
    return items[:n]


def worst_predictions(
    gold: Mapping[str, Sequence[Extraction]],
    preds: Mapping[str, Sequence[Extraction]],
    n: int | None = None,
) -> list[ErrorItem]:
    """The ``n`` (default: all) predictions with the lowest best precision.

    On ties, higher-confidence predictions come first: they hurt most.
    """
    items: list[ErrorItem] = []
    for key, pred_tuples in preds.items():
        if key not in gold:
            continue
        sentence = build_sentence(key, gold[key], pred_tuples)
        columns = list(zip(*sentence.precision, strict=True)) if sentence.gold else []
        for pi, p in enumerate(sentence.preds):
            score, gi = _best_against(columns[pi] if columns else ())
            items.append(ErrorItem(p, score, sentence.gold[gi] if gi >= 0 else None))
    items.sort(key=lambda item: (item.score, -item.extraction.confidence, item.extraction.line_no))
    return items[:n]
