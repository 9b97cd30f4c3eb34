"""How fast the embedded store's Cypher engine answers selective queries on a large graph.

    .venv/bin/python benchmarks/cypher_engine.py [--nodes 100000 --edges 300000]

Builds a random graph of the given size (the scale the embedded store must stay usable
at) and times each query a few times, printing the median.  A selective query (one that
starts from an indexed property or an id) should answer in well under a second.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

import networkx as nx

from kgraph_cypher import execute

QUERIES = (
    "MATCH (a:Person {name: $n})-[r]->(b) RETURN a.name, type(r), b.name",
    "MATCH (a:Person) WHERE a.name = $n MATCH (a)-[]-(b)-[]-(c) RETURN count(c)",
    "MATCH (a)-[:KNOWS*1..3]->(b) WHERE id(a) = 'n41' RETURN count(DISTINCT b)",
    "MATCH (n) RETURN n.name LIMIT 3",
    "MATCH (a:Person)-[:KNOWS]->(b:Organization) RETURN count(*)",
)


def build(nodes: int, edges: int, seed: int = 7) -> nx.MultiDiGraph:
    rnd = random.Random(seed)
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(
        (
            f"n{i}",
            {"labels": ("Person",) if i % 2 else ("Organization",), "props": {"name": f"name{i}"}},
        )
        for i in range(nodes)
    )
    graph.add_edges_from(
        (f"n{rnd.randrange(nodes)}", f"n{rnd.randrange(nodes)}", {"type": "KNOWS", "props": {}})
        for _ in range(edges)
    )
    return graph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--edges", type=int, default=300_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    graph = build(args.nodes, args.edges)
    print(f"graph: {args.nodes:,} nodes, {args.edges:,} edges")
    for query in QUERIES:
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            execute(graph, query, {"n": "name41"})
            times.append(time.perf_counter() - started)
        print(f"{statistics.median(times) * 1000:9.1f} ms  {query}")


if __name__ == "__main__":
    main()
