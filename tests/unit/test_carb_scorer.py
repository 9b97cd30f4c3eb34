"""Hand-computed checks of the CaRB scorer in benchmarks/carb_scoring.py."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:  # benchmarks/ is not part of the installed package
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks import carb  # noqa: E402
from benchmarks import carb_scoring as cs  # noqa: E402

S1 = "Steve Jobs founded Apple in 1976 ."
S2 = "Gates founded Microsoft and was born in Seattle ."


def gold(sentence: str, predicate: str, *args: str) -> cs.Extraction:
    """A gold tuple, parsed from its TSV line."""
    return cs.parse_gold_line("\t".join([sentence, predicate, *args]))


def pred(sentence: str, conf: float, predicate: str, *args: str) -> cs.Extraction:
    """A prediction, parsed from its TSV line."""
    return cs.parse_prediction_line("\t".join([sentence, str(conf), predicate, *args]))


def pair(g: tuple[str, ...], p: tuple[str, ...]) -> cs.PairScore:
    """Score one prediction (predicate, args...) against one gold tuple (predicate, args...)."""
    return cs.score_pair(gold(S1, *g), pred(S1, 1.0, *p))


# --------------------------------------------------------------------------- pair scores


def test_exact_match_scores_one() -> None:
    assert pair(("founded", "Steve Jobs", "Apple"), ("founded", "Steve Jobs", "Apple")) == (
        cs.PairScore(1.0, 1.0)
    )


def test_partial_token_overlap() -> None:
    # gold slots: [Steve Jobs] [founded] [Apple in 1976] -> 6 tokens
    # pred slots: [Jobs] [founded] [Apple Inc.]          -> 4 tokens
    # matched: Jobs + founded + Apple = 3 -> P = 3/4, R = 3/6
    score = pair(("founded", "Steve Jobs", "Apple", "in 1976"), ("founded", "Jobs", "Apple Inc."))
    assert score.precision == pytest.approx(0.75)
    assert score.recall == pytest.approx(0.5)


def test_rest_slot_joins_arguments_two_to_n() -> None:
    # gold rest "Apple in 1976" equals pred rest "Apple in 1976" split differently
    score = pair(("founded", "Jobs", "Apple", "in 1976"), ("founded", "Jobs", "Apple in", "1976"))
    assert score == cs.PairScore(1.0, 1.0)


def test_tokens_are_case_sensitive_and_counted_as_multisets() -> None:
    assert cs.token_overlap(["apple"], ["Apple"]) == 0
    assert cs.token_overlap(["the", "the", "the"], ["the", "cat", "the"]) == 2


def test_predicate_mismatch_scores_zero() -> None:
    assert pair(("founded", "Steve Jobs", "Apple"), ("created", "Steve Jobs", "Apple")) == cs.ZERO


def test_missing_arg2_scores_zero() -> None:
    assert pair(("founded", "Steve Jobs", "Apple"), ("founded", "Steve Jobs")) == cs.ZERO


def test_empty_arg1_scores_zero() -> None:
    assert pair(("founded", "Steve Jobs", "Apple"), ("founded", "", "Apple")) == cs.ZERO


def test_single_argument_gold_matches_itself_with_trailing_empty_field() -> None:
    # gold.tsv writes single-argument tuples with an empty last field; a prediction written
    # the same way has its arg2 field and scores 1, while one without the field scores 0.
    one_arg = ("is heating up", "Competition")
    assert pair((*one_arg, ""), (*one_arg, "")) == cs.PairScore(1.0, 1.0)
    assert pair((*one_arg, ""), one_arg) == cs.ZERO


def test_predicted_be_matches_any_form_of_be() -> None:
    # gold [Jobs] [was born in] [San Francisco] vs pred [Jobs] [be born in] [San Francisco]
    score = pair(("was born in", "Jobs", "San Francisco"), ("be born in", "Jobs", "San Francisco"))
    assert score == cs.PairScore(1.0, 1.0)
    assert cs.predicate_overlap(["be"], ["'s"]) == 1
    assert cs.predicate_overlap(["be"], ["has", "been", "is"]) == 1  # one be, one match
    assert cs.predicate_overlap(["was"], ["be"]) == 0  # only a *predicted* be is lenient
    assert cs.predicate_overlap(["be"], ["Is"]) == 0  # case-sensitive


def test_said_swaps_arguments() -> None:
    g = ("said", "the company", "profits fell")
    swapped = ("said", "profits fell", "the company")
    # straight alignment: only "said" matches (1 of 5); crosswise: all 5 tokens
    assert pair(g, swapped) == cs.PairScore(1.0, 1.0)
    # no swap for a non-reporting predicate: 1 matched token of 5 either way
    score = pair(("hit", "the company", "profits fell"), ("hit", "profits fell", "the company"))
    assert score.precision == pytest.approx(1 / 5)
    assert score.recall == pytest.approx(1 / 5)


def test_context_arguments_are_ignored() -> None:
    g = ("fell", "profits", "in May", "C: the company said")
    assert gold(S1, *g).args == ("profits", "in May")
    assert pair(g, ("fell", "profits", "in May")) == cs.PairScore(1.0, 1.0)
    assert pair(g, ("fell", "profits", "in May", "C: analysts say")) == cs.PairScore(1.0, 1.0)


# --------------------------------------------------------------------------- sentences


def test_greedy_precision_is_one_to_one() -> None:
    # golds: g1 = Jobs founded Apple, g2 = Jobs founded Pixar; both preds are "Jobs founded
    # Apple".  Pair precisions: (g1, p1) = (g1, p2) = 1, (g2, p1) = (g2, p2) = 2/3.
    # Greedy takes (g1, p1) = 1, then (g2, p2) = 2/3: P = (5/3) / 2 preds = 5/6.
    # Per-prediction maxima would wrongly give (1 + 1) / 2 = 1.
    golds = {"k": [gold(S1, "founded", "Jobs", "Apple"), gold(S1, "founded", "Jobs", "Pixar")]}
    preds = {"k": [pred(S1, 1.0, "founded", "Jobs", "Apple") for _ in range(2)]}
    result = cs.evaluate(golds, preds)
    assert result.precision == pytest.approx(5 / 6)
    assert result.recall == pytest.approx(5 / 6)  # (1 + 2/3) / 2 gold


def test_two_predictions_for_one_gold_count_once() -> None:
    golds = {"k": [gold(S1, "founded", "Jobs", "Apple")]}
    preds = {"k": [pred(S1, 1.0, "founded", "Jobs", "Apple"), pred(S1, 1.0, "founded", "X", "Y")]}
    result = cs.evaluate(golds, preds)
    assert result.precision == pytest.approx(0.5)  # (1 + 0) / 2
    assert result.recall == pytest.approx(1.0)


# --------------------------------------------------------------------------- corpus


def two_sentence_example() -> tuple[dict[str, list[cs.Extraction]], dict[str, list[cs.Extraction]]]:
    """S1: one gold; S2: two golds.  Predictions at confidences 0.9, 0.5 and 0.2."""
    golds = [
        gold(S1, "founded", "Jobs", "Apple"),
        gold(S2, "founded", "Gates", "Microsoft"),
        gold(S2, "was born in", "Gates", "Seattle"),
    ]
    preds = [
        pred(S1, 0.9, "founded", "Jobs", "Apple"),  # g1: P 1, R 1
        pred(S2, 0.5, "founded", "Gates", "Microsoft Corp"),  # g2: P 3/4, R 1
        pred(S2, 0.2, "hated", "Bill", "Seattle"),  # no predicate match: 0
    ]
    return cs.group_by_sentence(golds), cs.group_by_sentence(preds)


def test_thresholds_f1_and_auc_by_hand() -> None:
    golds, preds = two_sentence_example()
    result = cs.evaluate(golds, preds)
    # t=0.9: P 1/1,          R 1/3
    # t=0.5: P (1+.75)/2=7/8, R 2/3
    # t=0.2: P 1.75/3=7/12,  R 2/3
    expected = [(0.9, 1.0, 1 / 3, 1), (0.5, 7 / 8, 2 / 3, 2), (0.2, 7 / 12, 2 / 3, 3)]
    got = [(p.threshold, p.precision, p.recall, p.n_predictions) for p in result.curve]
    assert got == [pytest.approx(e) for e in expected]
    # best F1 at t=0.5: 2 * 7/8 * 2/3 / (7/8 + 2/3) = 28/37
    assert result.f1 == pytest.approx(28 / 37)
    assert (result.precision, result.recall, result.threshold) == pytest.approx((7 / 8, 2 / 3, 0.5))
    # trapezoids over (0,1) (1/3,1) (2/3,7/8) (2/3,7/12): 1/3 + 1/3 * (1 + 7/8) / 2 + 0 = 31/48
    assert result.auc == pytest.approx(31 / 48)
    assert (result.n_gold, result.n_predictions, result.n_sentences) == (3, 3, 2)


def test_recall_counts_gold_of_sentences_without_predictions() -> None:
    golds, preds = two_sentence_example()
    only_s1 = {k: v for k, v in preds.items() if k == cs.normalise_sentence(S1)}
    result = cs.evaluate(golds, only_s1)
    assert (result.precision, result.recall) == pytest.approx((1.0, 1 / 3))
    assert result.auc == pytest.approx(1 / 3)  # (0,1) -> (1/3,1)


def test_constant_confidence_gives_single_point() -> None:
    golds, preds = two_sentence_example()
    flat = {
        k: [cs.Extraction(p.sentence, p.predicate, p.args) for p in v] for k, v in preds.items()
    }
    result = cs.evaluate(golds, flat)
    assert len(result.curve) == 1
    # P = 1.75/3, R = 2/3; AUC = 2/3 * (1 + 7/12) / 2
    assert result.auc == pytest.approx(2 / 3 * (1 + 7 / 12) / 2)


def test_no_predictions_scores_zero() -> None:
    golds, _ = two_sentence_example()
    result = cs.evaluate(golds, {})
    assert (result.precision, result.recall, result.f1, result.auc) == (0.0, 0.0, 0.0, 0.0)
    assert result.threshold is None and result.n_gold == 3


def test_subset_keys_restrict_gold_and_predictions() -> None:
    golds, preds = two_sentence_example()
    result = cs.evaluate(golds, preds, keys=[cs.normalise_sentence(S2)])
    assert (result.n_gold, result.n_predictions) == (2, 2)
    assert (result.precision, result.recall) == pytest.approx((3 / 4, 1 / 2))


# --------------------------------------------------------------------------- sentences


def test_sentence_normalisation_maps_ptb_brackets_and_drops_punctuation() -> None:
    ptb = "He said -LRB- quietly -RRB- , `` no . '' -LSB- sic -RSB-"
    plain = "He said (quietly), ``no.'' [sic]"
    assert cs.normalise_sentence(ptb) == cs.normalise_sentence(plain) == "Hesaidquietlynosic"


def test_predictions_are_matched_to_gold_after_normalisation() -> None:
    gold_sentence = "Jobs -LRB- 1955 -RRB- founded Apple ."
    golds = cs.group_by_sentence([gold(gold_sentence, "founded", "Jobs", "Apple")])
    parsed = [
        pred("Jobs (1955) founded Apple.", 1.0, "founded", "Jobs", "Apple"),
        pred("Another sentence .", 1.0, "founded", "Jobs", "Apple"),
    ]
    known, unknown = cs.split_known(cs.group_by_sentence(parsed), golds)
    assert len(unknown) == 1
    result = cs.evaluate(golds, known)
    assert (result.precision, result.recall, result.n_predictions) == (1.0, 1.0, 1)


def test_parse_predictions_reports_malformed_lines() -> None:
    lines = [f"{S1}\t0.5\tfounded\tJobs\tApple", "", f"{S1}\tnot-a-number\tx\ty", "too\tshort"]
    parsed, malformed = cs.parse_predictions(lines)
    assert len(parsed) == 1 and parsed[0].confidence == 0.5
    assert malformed == [3, 4]


# --------------------------------------------------------------------------- CLI


def test_cli_scores_a_predictions_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "sentences.txt").write_text(f"{S1}\n{S2}\n", encoding="utf-8")
    gold_lines = [
        f"{S1}\tfounded\tJobs\tApple",
        f"{S2}\tfounded\tGates\tMicrosoft",
        f"{S2}\twas born in\tGates\tSeattle",
    ]
    (data / "gold.tsv").write_text("\n".join(gold_lines) + "\n", encoding="utf-8")
    sources = f"line_no\tsource\tn_gold_tuples\tsentence\n1\twikipedia\t1\t{S1}\n"
    sources += f"2\tnewswire_wsj\t2\t{S2}\n"
    (data / "sentence_source.tsv").write_text(sources, encoding="utf-8")
    predictions = tmp_path / "preds.tsv"
    lines = [f"{g.split(chr(9))[0]}\t1.0\t" + "\t".join(g.split("\t")[1:]) for g in gold_lines]
    predictions.write_text("\n".join(lines) + "\n", encoding="utf-8")

    argv = ["--predictions", str(predictions), "--data", str(data), "--json", "--errors", "1"]
    assert carb.main(argv) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["results"]["all"]["f1"] == 1.0
    assert report["results"]["newswire_wsj"]["n_gold"] == 2
    assert report["results"]["wikipedia"]["n_gold"] == 1
    assert report["worst_gold"][0]["score"] == 1.0

    assert carb.main(argv[:4]) == 0
    table = capsys.readouterr().out
    assert "newswire (WSJ)" in table and "wikipedia" in table
