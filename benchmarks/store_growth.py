"""The embedded store's writer on a grown store: the same articles written into an empty
store and into one that already holds others, side by side in one run.

Usage (from the repository root)::

    .venv/bin/python benchmarks/store_growth.py                   # 300 held, 100 added
    .venv/bin/python benchmarks/store_growth.py --held 1000 --added 100

The first ``held + added`` articles of the ingest benchmark's corpus
(:mod:`benchmarks.corpus`) are analysed once (two parser processes).  Then, in this
process, each step of an ingest's writer side is timed in CPU seconds, as the pipeline
runs it: read the entity index, link the added articles, load the graph, write them (one
batch), the re-link pass, the save.  First into an empty store, then into a store holding
the ``held`` articles (written and saved beforehand, untimed; a few articles written
into a third store first take the imports and caches out of the timing).  Saving what the added
articles changed should cost about the same in both; loading the graph and the re-link
pass read the whole store and grow with it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
for _path in (REPO_ROOT, REPO_ROOT / "src"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from benchmarks import corpus  # noqa: E402

STEPS = ("index", "link", "load", "write", "relink", "save")


def analysed(path: Path) -> list[Any]:
    """Every article of ``path`` analysed (two processes), in input order."""
    from kgraph.analysis import Analyzer
    from kgraph.models import Article, ArticleResult
    from kgraph.readers import iter_articles

    articles = [a for a in iter_articles([str(path)]) if isinstance(a, Article)]
    with Analyzer(n_process=2) as analyzer:
        return [r for r in analyzer.analyse(articles) if isinstance(r, ArticleResult)]


def write_steps(store_path: Path, results: Sequence[Any]) -> dict[str, float]:
    """CPU seconds of each writer step for ``results`` added to the store at ``store_path``."""
    from kgraph.resolve.linker import EntityIndex, Linker
    from kgraph.resolve.placement import relink
    from kgraph.store.local import LocalStore

    store = LocalStore(store_path, writable=True)
    seconds: dict[str, float] = {}
    state: dict[str, Any] = {}

    def step(name: str, work: Callable[[], Any]) -> None:
        began = time.process_time()
        state[name] = work()
        seconds[name] = time.process_time() - began

    def link() -> tuple[list[Any], list[Any]]:
        linked, merges = [], []
        for result in results:
            one, found = state["index"].link(result)
            linked.append(one)
            merges.extend(found)
        return linked, merges

    try:
        step("index", lambda: Linker(EntityIndex.of(store.entity_index())))
        step("link", link)
        step("load", lambda: store.graph)
        linked, merges = state["link"]
        step("write", lambda: store.write([state["index"].rekey(r) for r in linked], merges))
        step("relink", lambda: relink(store, None))
        step("save", store.flush)
    finally:
        store.close()
    return seconds


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--held", type=int, default=300, help="articles already stored")
    parser.add_argument("--added", type=int, default=100, help="articles written and timed")
    opts = parser.parse_args(argv)
    total = opts.held + opts.added
    cache = REPO_ROOT / "benchmarks" / ".cache"
    path = corpus.prepare(cache, [total]).files[corpus.size_label(total)]
    results = analysed(path)
    held, added = results[: opts.held], results[opts.held :]
    with tempfile.TemporaryDirectory(prefix="kgraph-growth-") as tmp:
        write_steps(Path(tmp) / "warm.db", added[:10])  # imports and caches, untimed
        empty = write_steps(Path(tmp) / "empty.db", added)
        grown_path = Path(tmp) / "grown.db"
        write_steps(grown_path, held)
        grown = write_steps(grown_path, added)
    print(f"## {len(added)} articles written into an empty store and into one of {len(held)}")
    print()
    print("| step | empty store CPU s | grown store CPU s | grown / empty |")
    print("| --- | ---: | ---: | ---: |")
    for name in (*STEPS, "total"):
        a = sum(empty.values()) if name == "total" else empty[name]
        b = sum(grown.values()) if name == "total" else grown[name]
        ratio = f"{b / a:.1f}" if a >= 0.01 else "-"
        print(f"| {name} | {a:.2f} | {b:.2f} | {ratio} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
