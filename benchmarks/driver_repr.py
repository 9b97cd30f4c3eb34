"""What the Neo4j driver's RUN-message formatting costs a batch, with and without ``Rows``.

Usage: ``.venv/bin/python benchmarks/driver_repr.py [ROWS]`` (default 2,000, the store's
statement size).  The driver builds the text of its debug line for every RUN message,
``repr`` of the parameters included, whether or not debug logging is on.  This times that
text for a list of claim-like rows and for the same rows in
:class:`kgraph.store.neo4j_tx.Rows` (whose ``repr`` is short), against packing the same
message with the driver's packstream ``Packer``, in one process.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from neo4j._codec.packstream.v1 import PackableBuffer, Packer

from kgraph.store.neo4j_tx import Rows

ROW = {
    "id": "https://example.org/news/2025/12/25/kim-putin#c17",
    "s": "person:vladimir putin",
    "o": "person:kim jong un",
    "type": "CONGRATULATE",
    "predicate": "congratulated",
    "sentence": "Vladimir Putin congratulated Kim Jong Un on the anniversary of the treaty.",
    "start": 120,
    "end": 210,
    "confidence": 0.82,
    "negated": False,
    "modality": "asserted",
    "attribution": None,
    "args": ["on the anniversary", "of the treaty"],
}


def best_of(run: Callable[[], Any], times: int = 7) -> float:
    spent = []
    for _ in range(times):
        began = time.perf_counter()
        run()
        spent.append(time.perf_counter() - began)
    return min(spent)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    rows = [dict(ROW, start=i) for i in range(count)]
    query = "UNWIND $rows AS row MERGE (c:Claim {id: row.id})"

    def debug_text(params: dict[str, Any]) -> str:  # what the driver builds per RUN
        return " ".join(map(repr, (query, params, {})))

    def pack() -> None:
        Packer(PackableBuffer()).pack_struct(b"\x10", (query, {"rows": rows}, {}))

    as_list = best_of(lambda: debug_text({"rows": list(rows)}))
    as_rows = best_of(lambda: debug_text({"rows": Rows(rows)}))
    print(
        f"{count} rows: debug text {as_list * 1e3:.1f} ms as a list, "
        f"{as_rows * 1e3:.3f} ms as Rows; packing the message {best_of(pack) * 1e3:.1f} ms"
    )


if __name__ == "__main__":
    main()
