"""How fast the embedded store answers: the read commands a user types, on a built store.

Usage (from the repository root)::

    .venv/bin/python benchmarks/read_latency.py --store kgraph-data/graph.db
    .venv/bin/python benchmarks/read_latency.py --store S --first "A" --second "B" --json

Each command is its own ``kgraph`` process, timed from start to exit (start-up included:
it is part of what a user waits for), with the peak memory of its process tree
(:mod:`benchmarks.measure`).  ``benchmarks/ingest.py`` runs it on the store of every size
it ingests.  The issue's targets (whole corpus): ``RETURN 1`` <= 1 s, one entity's facts
<= 2 s, ``kgraph why A B`` <= 2 s, top 20 entities by degree <= 10 s, and no read command
above 500 MB.  Wall time on a shared machine includes waiting for a CPU, so the CPU
seconds (user + system) are given beside it, and the load average at the start.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
for _path in (REPO_ROOT, REPO_ROOT / "src"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from benchmarks.measure import run_measured  # noqa: E402

FACTS = (
    "MATCH (e:Entity {name: $name})-[r]-(o:Entity) "
    "RETURN startNode(r).name AS subject, type(r) AS relation, endNode(r).name AS object, "
    "r.count AS mentions ORDER BY mentions DESC, relation, object"
)
DEGREE = (
    "MATCH (e:Entity)-[r]-(:Entity) "
    "RETURN e.name AS name, count(r) AS degree ORDER BY degree DESC, name LIMIT 20"
)
MEMORY_LIMIT_MB = 500.0


def commands(first: str, second: str) -> list[tuple[str, list[str], float]]:
    """``(name, kgraph arguments, target seconds)`` of each read measured."""
    return [
        ("RETURN 1", ["query", "RETURN 1"], 1.0),
        (f"facts of {first}", ["query", FACTS, "-p", f"name={first}"], 2.0),
        (f"why {first} / {second}", ["why", first, second], 2.0),
        ("top 20 by degree", ["query", DEGREE], 10.0),
        ("stats", ["stats"], 1.0),
    ]


def measure(
    store: Path,
    env: Mapping[str, str] | None = None,
    first: str = "Vladimir Putin",
    second: str = "Recep Tayyip Erdogan",
) -> list[dict[str, Any]]:
    """Every read command once on ``store``: wall and CPU seconds, peak RSS, targets."""
    rows = []
    for name, args, target in commands(first, second):
        load = os.getloadavg()[0]
        command = [sys.executable, "-m", "kgraph", *args, "--store", str(store)]
        measured = run_measured(command, env)
        rows.append(
            {
                "read": name,
                "exit_code": measured.returncode,
                "wall_s": measured.wall,
                "cpu_s": measured.cpu_s,
                "peak_rss_mb": measured.peak_rss_mb,
                "load_avg_before": load,
                "target_s": target,
                "within_wall": measured.wall <= target,
                "within_cpu": measured.cpu_s <= target,
                "within_memory": measured.peak_rss_mb <= MEMORY_LIMIT_MB,
                "output_lines": len(measured.stdout.splitlines()),
                "error": measured.stderr[-500:] if measured.returncode else None,
            }
        )
    return rows


def table(rows: Sequence[Mapping[str, Any]]) -> str:
    """The rows as a markdown table."""
    lines = [
        "| read | wall s | CPU s | target s | peak RSS MB | load avg | exit |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['read']} | {r['wall_s']:.2f} | {r['cpu_s']:.2f} | {r['target_s']:.0f} "
            f"| {r['peak_rss_mb']:.0f} | {r['load_avg_before']:.1f} | {r['exit_code']} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="an embedded store file")
    parser.add_argument("--first", default="Vladimir Putin")
    parser.add_argument("--second", default="Recep Tayyip Erdogan")
    parser.add_argument("--json", action="store_true", help="print the JSON, not markdown")
    opts = parser.parse_args(argv)
    rows = measure(opts.store, None, opts.first, opts.second)
    print(json.dumps(rows, indent=2) if opts.json else table(rows))
    return 1 if any(r["exit_code"] for r in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
