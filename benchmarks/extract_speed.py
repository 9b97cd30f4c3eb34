"""How much relation extraction adds to parsing: parse seconds, extraction seconds, ratio.

Usage (from the repository root)::

    python benchmarks/extract_speed.py                 # UNN example x 40 + CaRB dev paragraphs
    python benchmarks/extract_speed.py --repeat 100 --profile 25

The texts are parsed once with ``nlp.pipe`` (batch 64, one process, the pipeline of
``kgraph.nlp.load_model``); then ``extract_doc`` runs over the parsed docs.  The target is a
ratio under 5 %.  ``--profile N`` prints the N most expensive functions of the extraction.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT / "src") not in sys.path:
    sys.path.insert(0, str(REPO_ROOT / "src"))

from kgraph.extract import extract_doc  # noqa: E402
from kgraph.nlp import lemmatizer_for, load_model  # noqa: E402

UNN = REPO_ROOT / "examples" / "unn-2025-12-25-putin-kim.txt"
CARB = (REPO_ROOT / ".." / "shared" / "data" / "carb-dev" / "sentences.txt").resolve()


def texts(repeat: int, per_paragraph: int = 5) -> list[str]:
    """The UNN article ``repeat`` times and the CaRB sentences as 5-sentence paragraphs."""
    out = [UNN.read_text(encoding="utf-8")] * repeat
    if CARB.exists():
        lines = [line.strip() for line in CARB.read_text(encoding="utf-8").splitlines()]
        lines = [line for line in lines if line]
        for i in range(0, len(lines), per_paragraph * 4):
            chunk = lines[i : i + per_paragraph * 4]
            paragraphs = [
                " ".join(chunk[j : j + per_paragraph]) for j in range(0, len(chunk), per_paragraph)
            ]
            out.append("\n\n".join(paragraphs))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=40, help="copies of the UNN article")
    parser.add_argument("--rounds", type=int, default=3, help="extraction rounds (best kept)")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="show top N")
    args = parser.parse_args(argv)

    nlp = load_model()
    lemma = lemmatizer_for(nlp)
    corpus = texts(args.repeat)
    words = sum(len(t.split()) for t in corpus)
    nlp("warm up")
    start = time.perf_counter()
    docs = list(nlp.pipe(corpus, batch_size=64))
    parse = time.perf_counter() - start

    best, relations = float("inf"), 0
    for _ in range(args.rounds):
        start = time.perf_counter()
        relations = sum(len(extract_doc(doc, lemma=lemma)) for doc in docs)
        best = min(best, time.perf_counter() - start)

    print(f"texts {len(corpus)}  words {words}  relations {relations}")
    print(f"parse      {parse:8.3f} s  ({words / parse:,.0f} words/s)")
    print(f"extraction {best:8.3f} s  ({words / best:,.0f} words/s, best of {args.rounds})")
    print(f"ratio      {100 * best / parse:8.2f} %  (target < 5 %)")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for doc in docs:
            extract_doc(doc, lemma=lemma)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
