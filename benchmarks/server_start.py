"""Start, status and stop times of kgraph's local Neo4j, for the kgraph on ``sys.path``.

Usage: ``PYTHONPATH=src .venv/bin/python benchmarks/server_start.py HOME [LABEL]``.
Creates a fresh instance in HOME (deleted first and wiped at the end) on Bolt 18060 and
HTTP 18061 with a 512 MB heap, then times: the first start (the initial password
included), ``status``, ``stop``, a restart and a second stop.  Compare two versions by
running them alternately in one session: the machine is shared.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

from kgraph import server


def main() -> None:
    home = Path(sys.argv[1])
    label = sys.argv[2] if len(sys.argv) > 2 else "kgraph"
    shutil.rmtree(home, ignore_errors=True)
    cfg = server.ServerConfig(
        home=home, bolt_port=18060, http_port=18061, heap="512m", pagecache="128m"
    )
    spent: dict[str, float] = {}
    for name, step in (
        ("first start", lambda: server.start(cfg, timeout=300)),
        ("status", lambda: server.status(cfg)),
        ("stop", lambda: server.stop(cfg)),
        ("restart", lambda: server.start(cfg, timeout=300)),
        ("second stop", lambda: server.stop(cfg)),
    ):
        began = time.monotonic()
        step()
        spent[name] = time.monotonic() - began
    server.wipe(cfg)
    print(label, " | ".join(f"{name} {seconds:.1f} s" for name, seconds in spent.items()))


if __name__ == "__main__":
    main()
